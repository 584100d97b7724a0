from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="ObservationPublic")



@_attrs_define
class ObservationPublic:
    """ 
        Attributes:
            period (str):
            category (str):
            value (float):
            source_org (str):
            source_url (None | str):
            note (None | str):
     """

    period: str
    category: str
    value: float
    source_org: str
    source_url: None | str
    note: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        period = self.period

        category = self.category

        value = self.value

        source_org = self.source_org

        source_url: None | str
        source_url = self.source_url

        note: None | str
        note = self.note


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "period": period,
            "category": category,
            "value": value,
            "source_org": source_org,
            "source_url": source_url,
            "note": note,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        period = d.pop("period")

        category = d.pop("category")

        value = d.pop("value")

        source_org = d.pop("source_org")

        def _parse_source_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        source_url = _parse_source_url(d.pop("source_url"))


        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))


        observation_public = cls(
            period=period,
            category=category,
            value=value,
            source_org=source_org,
            source_url=source_url,
            note=note,
        )


        observation_public.additional_properties = d
        return observation_public

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
