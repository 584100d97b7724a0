from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.role import Role
from ..types import UNSET, Unset






T = TypeVar("T", bound="TokenCreate")



@_attrs_define
class TokenCreate:
    """ 
        Attributes:
            organisation (str): Organisation code, e.g. REDEN
            role (Role):
            label (str | Unset):  Default: ''.
            expires_in_days (int | Unset):  Default: 365.
     """

    organisation: str
    role: Role
    label: str | Unset = ''
    expires_in_days: int | Unset = 365





    def to_dict(self) -> dict[str, Any]:
        organisation = self.organisation

        role = self.role.value

        label = self.label

        expires_in_days = self.expires_in_days


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "organisation": organisation,
            "role": role,
        })
        if label is not UNSET:
            field_dict["label"] = label
        if expires_in_days is not UNSET:
            field_dict["expires_in_days"] = expires_in_days

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        organisation = d.pop("organisation")

        role = Role(d.pop("role"))




        label = d.pop("label", UNSET)

        expires_in_days = d.pop("expires_in_days", UNSET)

        token_create = cls(
            organisation=organisation,
            role=role,
            label=label,
            expires_in_days=expires_in_days,
        )

        return token_create

