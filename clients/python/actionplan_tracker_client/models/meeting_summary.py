from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="MeetingSummary")



@_attrs_define
class MeetingSummary:
    """ 
        Attributes:
            id (int):
            held_on (datetime.date):
            title (str):
            decisions (int):
            open_action_items (int):
     """

    id: int
    held_on: datetime.date
    title: str
    decisions: int
    open_action_items: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        held_on = self.held_on.isoformat()

        title = self.title

        decisions = self.decisions

        open_action_items = self.open_action_items


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "held_on": held_on,
            "title": title,
            "decisions": decisions,
            "open_action_items": open_action_items,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        held_on = datetime.date.fromisoformat(d.pop("held_on"))




        title = d.pop("title")

        decisions = d.pop("decisions")

        open_action_items = d.pop("open_action_items")

        meeting_summary = cls(
            id=id,
            held_on=held_on,
            title=title,
            decisions=decisions,
            open_action_items=open_action_items,
        )


        meeting_summary.additional_properties = d
        return meeting_summary

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
