from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="FocusAreaPublic")



@_attrs_define
class FocusAreaPublic:
    """ 
        Attributes:
            plan (str):
            code (str):
            number (int | None):
            title_da (str):
            title_en (str):
            is_official (bool):
            summary (None | str):
            source_url (None | str):
            initiative_count (int):
     """

    plan: str
    code: str
    number: int | None
    title_da: str
    title_en: str
    is_official: bool
    summary: None | str
    source_url: None | str
    initiative_count: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        plan = self.plan

        code = self.code

        number: int | None
        number = self.number

        title_da = self.title_da

        title_en = self.title_en

        is_official = self.is_official

        summary: None | str
        summary = self.summary

        source_url: None | str
        source_url = self.source_url

        initiative_count = self.initiative_count


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "plan": plan,
            "code": code,
            "number": number,
            "title_da": title_da,
            "title_en": title_en,
            "is_official": is_official,
            "summary": summary,
            "source_url": source_url,
            "initiative_count": initiative_count,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        plan = d.pop("plan")

        code = d.pop("code")

        def _parse_number(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        number = _parse_number(d.pop("number"))


        title_da = d.pop("title_da")

        title_en = d.pop("title_en")

        is_official = d.pop("is_official")

        def _parse_summary(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        summary = _parse_summary(d.pop("summary"))


        def _parse_source_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        source_url = _parse_source_url(d.pop("source_url"))


        initiative_count = d.pop("initiative_count")

        focus_area_public = cls(
            plan=plan,
            code=code,
            number=number,
            title_da=title_da,
            title_en=title_en,
            is_official=is_official,
            summary=summary,
            source_url=source_url,
            initiative_count=initiative_count,
        )


        focus_area_public.additional_properties = d
        return focus_area_public

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
