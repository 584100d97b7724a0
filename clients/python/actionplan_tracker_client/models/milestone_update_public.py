from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="MilestoneUpdatePublic")



@_attrs_define
class MilestoneUpdatePublic:
    """ 
        Attributes:
            title (str):
            old_due (datetime.date):
            new_due (datetime.date):
            days_slipped (int):
            done_on (datetime.date | None):
            reason (str):
            at (datetime.datetime):
     """

    title: str
    old_due: datetime.date
    new_due: datetime.date
    days_slipped: int
    done_on: datetime.date | None
    reason: str
    at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        title = self.title

        old_due = self.old_due.isoformat()

        new_due = self.new_due.isoformat()

        days_slipped = self.days_slipped

        done_on: None | str
        if isinstance(self.done_on, datetime.date):
            done_on = self.done_on.isoformat()
        else:
            done_on = self.done_on

        reason = self.reason

        at = self.at.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "title": title,
            "old_due": old_due,
            "new_due": new_due,
            "days_slipped": days_slipped,
            "done_on": done_on,
            "reason": reason,
            "at": at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        title = d.pop("title")

        old_due = datetime.date.fromisoformat(d.pop("old_due"))




        new_due = datetime.date.fromisoformat(d.pop("new_due"))




        days_slipped = d.pop("days_slipped")

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


        reason = d.pop("reason")

        at = datetime.datetime.fromisoformat(d.pop("at"))




        milestone_update_public = cls(
            title=title,
            old_due=old_due,
            new_due=new_due,
            days_slipped=days_slipped,
            done_on=done_on,
            reason=reason,
            at=at,
        )


        milestone_update_public.additional_properties = d
        return milestone_update_public

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
