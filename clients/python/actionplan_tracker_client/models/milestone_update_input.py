from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="MilestoneUpdateInput")



@_attrs_define
class MilestoneUpdateInput:
    """ 
        Attributes:
            title (str):
            done_on (datetime.date | None | Unset):
            new_due (datetime.date | None | Unset):
            reason (str | Unset):  Default: ''.
     """

    title: str
    done_on: datetime.date | None | Unset = UNSET
    new_due: datetime.date | None | Unset = UNSET
    reason: str | Unset = ''





    def to_dict(self) -> dict[str, Any]:
        title = self.title

        done_on: None | str | Unset
        if isinstance(self.done_on, Unset):
            done_on = UNSET
        elif isinstance(self.done_on, datetime.date):
            done_on = self.done_on.isoformat()
        else:
            done_on = self.done_on

        new_due: None | str | Unset
        if isinstance(self.new_due, Unset):
            new_due = UNSET
        elif isinstance(self.new_due, datetime.date):
            new_due = self.new_due.isoformat()
        else:
            new_due = self.new_due

        reason = self.reason


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "title": title,
        })
        if done_on is not UNSET:
            field_dict["done_on"] = done_on
        if new_due is not UNSET:
            field_dict["new_due"] = new_due
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        title = d.pop("title")

        def _parse_done_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                done_on_type_0 = datetime.date.fromisoformat(data)



                return done_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        done_on = _parse_done_on(d.pop("done_on", UNSET))


        def _parse_new_due(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                new_due_type_0 = datetime.date.fromisoformat(data)



                return new_due_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        new_due = _parse_new_due(d.pop("new_due", UNSET))


        reason = d.pop("reason", UNSET)

        milestone_update_input = cls(
            title=title,
            done_on=done_on,
            new_due=new_due,
            reason=reason,
        )

        return milestone_update_input

