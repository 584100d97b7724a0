from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.organisation_kind import OrganisationKind
from typing import cast






T = TypeVar("T", bound="OrganisationPublic")



@_attrs_define
class OrganisationPublic:
    """ 
        Attributes:
            code (str):
            name_da (str):
            name_en (str):
            kind (OrganisationKind):
            parent (None | str):
            contact_email (None | str):
            note (None | str):
            leads (list[str]):
            partners_in (list[str]):
     """

    code: str
    name_da: str
    name_en: str
    kind: OrganisationKind
    parent: None | str
    contact_email: None | str
    note: None | str
    leads: list[str]
    partners_in: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        code = self.code

        name_da = self.name_da

        name_en = self.name_en

        kind = self.kind.value

        parent: None | str
        parent = self.parent

        contact_email: None | str
        contact_email = self.contact_email

        note: None | str
        note = self.note

        leads = self.leads



        partners_in = self.partners_in




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "code": code,
            "name_da": name_da,
            "name_en": name_en,
            "kind": kind,
            "parent": parent,
            "contact_email": contact_email,
            "note": note,
            "leads": leads,
            "partners_in": partners_in,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        name_da = d.pop("name_da")

        name_en = d.pop("name_en")

        kind = OrganisationKind(d.pop("kind"))




        def _parse_parent(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        parent = _parse_parent(d.pop("parent"))


        def _parse_contact_email(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        contact_email = _parse_contact_email(d.pop("contact_email"))


        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))


        leads = cast(list[str], d.pop("leads"))


        partners_in = cast(list[str], d.pop("partners_in"))


        organisation_public = cls(
            code=code,
            name_da=name_da,
            name_en=name_en,
            kind=kind,
            parent=parent,
            contact_email=contact_email,
            note=note,
            leads=leads,
            partners_in=partners_in,
        )


        organisation_public.additional_properties = d
        return organisation_public

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
