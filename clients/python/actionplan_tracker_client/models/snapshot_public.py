from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.snapshot_public_format import SnapshotPublicFormat
from ..models.snapshot_public_language import SnapshotPublicLanguage
from typing import cast
import datetime






T = TypeVar("T", bound="SnapshotPublic")



@_attrs_define
class SnapshotPublic:
    """ 
        Attributes:
            id (int):
            plan (str):
            period (str):
            format_ (SnapshotPublicFormat):
            language (SnapshotPublicLanguage):
            public (bool):
            include_submitted (bool):
            size_bytes (int):
            sha256 (str):
            media_type (str):
            filename (str):
            generated_at (datetime.datetime):
            generated_by (str):
            reason (str):
            url (str):
     """

    id: int
    plan: str
    period: str
    format_: SnapshotPublicFormat
    language: SnapshotPublicLanguage
    public: bool
    include_submitted: bool
    size_bytes: int
    sha256: str
    media_type: str
    filename: str
    generated_at: datetime.datetime
    generated_by: str
    reason: str
    url: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        plan = self.plan

        period = self.period

        format_ = self.format_.value

        language = self.language.value

        public = self.public

        include_submitted = self.include_submitted

        size_bytes = self.size_bytes

        sha256 = self.sha256

        media_type = self.media_type

        filename = self.filename

        generated_at = self.generated_at.isoformat()

        generated_by = self.generated_by

        reason = self.reason

        url = self.url


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "plan": plan,
            "period": period,
            "format": format_,
            "language": language,
            "public": public,
            "include_submitted": include_submitted,
            "size_bytes": size_bytes,
            "sha256": sha256,
            "media_type": media_type,
            "filename": filename,
            "generated_at": generated_at,
            "generated_by": generated_by,
            "reason": reason,
            "url": url,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        plan = d.pop("plan")

        period = d.pop("period")

        format_ = SnapshotPublicFormat(d.pop("format"))




        language = SnapshotPublicLanguage(d.pop("language"))




        public = d.pop("public")

        include_submitted = d.pop("include_submitted")

        size_bytes = d.pop("size_bytes")

        sha256 = d.pop("sha256")

        media_type = d.pop("media_type")

        filename = d.pop("filename")

        generated_at = datetime.datetime.fromisoformat(d.pop("generated_at"))




        generated_by = d.pop("generated_by")

        reason = d.pop("reason")

        url = d.pop("url")

        snapshot_public = cls(
            id=id,
            plan=plan,
            period=period,
            format_=format_,
            language=language,
            public=public,
            include_submitted=include_submitted,
            size_bytes=size_bytes,
            sha256=sha256,
            media_type=media_type,
            filename=filename,
            generated_at=generated_at,
            generated_by=generated_by,
            reason=reason,
            url=url,
        )


        snapshot_public.additional_properties = d
        return snapshot_public

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
