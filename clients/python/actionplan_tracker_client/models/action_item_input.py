from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="ActionItemInput")



@_attrs_define
class ActionItemInput:
    """ 
        Attributes:
            text (str):
            owner (str): Owner organisation's code
            deadline (datetime.date):
            initiative (None | str | Unset):
     """

    text: str
    owner: str
    deadline: datetime.date
    initiative: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        text = self.text

        owner = self.owner

        deadline = self.deadline.isoformat()

        initiative: None | str | Unset
        if isinstance(self.initiative, Unset):
            initiative = UNSET
        else:
            initiative = self.initiative


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "text": text,
            "owner": owner,
            "deadline": deadline,
        })
        if initiative is not UNSET:
            field_dict["initiative"] = initiative

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        text = d.pop("text")

        owner = d.pop("owner")

        deadline = datetime.date.fromisoformat(d.pop("deadline"))




        def _parse_initiative(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        initiative = _parse_initiative(d.pop("initiative", UNSET))


        action_item_input = cls(
            text=text,
            owner=owner,
            deadline=deadline,
            initiative=initiative,
        )

        return action_item_input

