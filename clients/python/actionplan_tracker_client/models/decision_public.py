from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="DecisionPublic")



@_attrs_define
class DecisionPublic:
    """ 
        Attributes:
            id (int):
            text (str):
            initiative (None | str):
            created_at (datetime.datetime):
     """

    id: int
    text: str
    initiative: None | str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        text = self.text

        initiative: None | str
        initiative = self.initiative

        created_at = self.created_at.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "text": text,
            "initiative": initiative,
            "created_at": created_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        text = d.pop("text")

        def _parse_initiative(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        initiative = _parse_initiative(d.pop("initiative"))


        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        decision_public = cls(
            id=id,
            text=text,
            initiative=initiative,
            created_at=created_at,
        )


        decision_public.additional_properties = d
        return decision_public

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
