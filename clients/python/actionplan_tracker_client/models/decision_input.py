from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="DecisionInput")



@_attrs_define
class DecisionInput:
    """ 
        Attributes:
            text (str):
            initiative (None | str | Unset): Initiative code the decision concerns
     """

    text: str
    initiative: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        text = self.text

        initiative: None | str | Unset
        if isinstance(self.initiative, Unset):
            initiative = UNSET
        else:
            initiative = self.initiative


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "text": text,
        })
        if initiative is not UNSET:
            field_dict["initiative"] = initiative

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        text = d.pop("text")

        def _parse_initiative(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        initiative = _parse_initiative(d.pop("initiative", UNSET))


        decision_input = cls(
            text=text,
            initiative=initiative,
        )

        return decision_input

