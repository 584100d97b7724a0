from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.report_state import ReportState
from typing import cast
import datetime






T = TypeVar("T", bound="DueItem")



@_attrs_define
class DueItem:
    """ 
        Attributes:
            initiative (str):
            title_da (str):
            title_en (str):
            period (str):
            due (datetime.date):
            report_state (None | ReportState):
            missing (bool):
            overdue (bool):
            version (int | None):
            review_comment (str):
     """

    initiative: str
    title_da: str
    title_en: str
    period: str
    due: datetime.date
    report_state: None | ReportState
    missing: bool
    overdue: bool
    version: int | None
    review_comment: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        initiative = self.initiative

        title_da = self.title_da

        title_en = self.title_en

        period = self.period

        due = self.due.isoformat()

        report_state: None | str
        if isinstance(self.report_state, ReportState):
            report_state = self.report_state.value
        else:
            report_state = self.report_state

        missing = self.missing

        overdue = self.overdue

        version: int | None
        version = self.version

        review_comment = self.review_comment


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "initiative": initiative,
            "title_da": title_da,
            "title_en": title_en,
            "period": period,
            "due": due,
            "report_state": report_state,
            "missing": missing,
            "overdue": overdue,
            "version": version,
            "review_comment": review_comment,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        initiative = d.pop("initiative")

        title_da = d.pop("title_da")

        title_en = d.pop("title_en")

        period = d.pop("period")

        due = datetime.date.fromisoformat(d.pop("due"))




        def _parse_report_state(data: object) -> None | ReportState:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                report_state_type_0 = ReportState(data)



                return report_state_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReportState, data)

        report_state = _parse_report_state(d.pop("report_state"))


        missing = d.pop("missing")

        overdue = d.pop("overdue")

        def _parse_version(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        version = _parse_version(d.pop("version"))


        review_comment = d.pop("review_comment")

        due_item = cls(
            initiative=initiative,
            title_da=title_da,
            title_en=title_en,
            period=period,
            due=due,
            report_state=report_state,
            missing=missing,
            overdue=overdue,
            version=version,
            review_comment=review_comment,
        )


        due_item.additional_properties = d
        return due_item

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
