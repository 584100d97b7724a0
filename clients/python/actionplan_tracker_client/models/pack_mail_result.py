from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="PackMailResult")



@_attrs_define
class PackMailResult:
    """ 
        Attributes:
            forum (str):
            held_on (datetime.date):
            queued (list[str]):
            already_sent (list[str]):
            skipped_no_address (list[str]):
     """

    forum: str
    held_on: datetime.date
    queued: list[str]
    already_sent: list[str]
    skipped_no_address: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        forum = self.forum

        held_on = self.held_on.isoformat()

        queued = self.queued



        already_sent = self.already_sent



        skipped_no_address = self.skipped_no_address




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "forum": forum,
            "held_on": held_on,
            "queued": queued,
            "already_sent": already_sent,
            "skipped_no_address": skipped_no_address,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        forum = d.pop("forum")

        held_on = datetime.date.fromisoformat(d.pop("held_on"))




        queued = cast(list[str], d.pop("queued"))


        already_sent = cast(list[str], d.pop("already_sent"))


        skipped_no_address = cast(list[str], d.pop("skipped_no_address"))


        pack_mail_result = cls(
            forum=forum,
            held_on=held_on,
            queued=queued,
            already_sent=already_sent,
            skipped_no_address=skipped_no_address,
        )


        pack_mail_result.additional_properties = d
        return pack_mail_result

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
