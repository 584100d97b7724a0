from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="MilestonePublic")



@_attrs_define
class MilestonePublic:
    """ 
        Attributes:
            title (str):
            due (datetime.date):
            original_due (datetime.date):
            done_on (datetime.date | None):
     """

    title: str
    due: datetime.date
    original_due: datetime.date
    done_on: datetime.date | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        title = self.title

        due = self.due.isoformat()

        original_due = self.original_due.isoformat()

        done_on: None | str
        if isinstance(self.done_on, datetime.date):
            done_on = self.done_on.isoformat()
        else:
            done_on = self.done_on


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "title": title,
            "due": due,
            "original_due": original_due,
            "done_on": done_on,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        title = d.pop("title")

        due = datetime.date.fromisoformat(d.pop("due"))




        original_due = datetime.date.fromisoformat(d.pop("original_due"))




        def _parse_done_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                done_on_type_0 = datetime.date.fromisoformat(data)



                return done_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        done_on = _parse_done_on(d.pop("done_on"))


        milestone_public = cls(
            title=title,
            due=due,
            original_due=original_due,
            done_on=done_on,
        )


        milestone_public.additional_properties = d
        return milestone_public

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
