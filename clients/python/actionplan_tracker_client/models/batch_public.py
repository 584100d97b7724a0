from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.batch_public_changes_item import BatchPublicChangesItem
  from ..models.batch_public_errors_item import BatchPublicErrorsItem
  from ..models.batch_public_warnings_item import BatchPublicWarningsItem





T = TypeVar("T", bound="BatchPublic")



@_attrs_define
class BatchPublic:
    """ 
        Attributes:
            id (int):
            kind (str):
            filename (str):
            sha256 (str):
            actor (str):
            dry_run (bool):
            submit (bool):
            result (str):
            message (str):
            rows (int):
            created (int):
            updated (int):
            unchanged (int):
            rejected (int):
            changes (list[BatchPublicChangesItem]):
            changes_total (int):
            errors (list[BatchPublicErrorsItem]):
            errors_total (int):
            annotated_url (None | str):
            at (str):
            warnings (list[BatchPublicWarningsItem] | Unset):
     """

    id: int
    kind: str
    filename: str
    sha256: str
    actor: str
    dry_run: bool
    submit: bool
    result: str
    message: str
    rows: int
    created: int
    updated: int
    unchanged: int
    rejected: int
    changes: list[BatchPublicChangesItem]
    changes_total: int
    errors: list[BatchPublicErrorsItem]
    errors_total: int
    annotated_url: None | str
    at: str
    warnings: list[BatchPublicWarningsItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.batch_public_changes_item import BatchPublicChangesItem # noqa: PLC0415
        from ..models.batch_public_errors_item import BatchPublicErrorsItem # noqa: PLC0415
        from ..models.batch_public_warnings_item import BatchPublicWarningsItem # noqa: PLC0415
        id = self.id

        kind = self.kind

        filename = self.filename

        sha256 = self.sha256

        actor = self.actor

        dry_run = self.dry_run

        submit = self.submit

        result = self.result

        message = self.message

        rows = self.rows

        created = self.created

        updated = self.updated

        unchanged = self.unchanged

        rejected = self.rejected

        changes = []
        for changes_item_data in self.changes:
            changes_item = changes_item_data.to_dict()
            changes.append(changes_item)



        changes_total = self.changes_total

        errors = []
        for errors_item_data in self.errors:
            errors_item = errors_item_data.to_dict()
            errors.append(errors_item)



        errors_total = self.errors_total

        annotated_url: None | str
        annotated_url = self.annotated_url

        at = self.at

        warnings: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.warnings, Unset):
            warnings = []
            for warnings_item_data in self.warnings:
                warnings_item = warnings_item_data.to_dict()
                warnings.append(warnings_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "kind": kind,
            "filename": filename,
            "sha256": sha256,
            "actor": actor,
            "dry_run": dry_run,
            "submit": submit,
            "result": result,
            "message": message,
            "rows": rows,
            "created": created,
            "updated": updated,
            "unchanged": unchanged,
            "rejected": rejected,
            "changes": changes,
            "changes_total": changes_total,
            "errors": errors,
            "errors_total": errors_total,
            "annotated_url": annotated_url,
            "at": at,
        })
        if warnings is not UNSET:
            field_dict["warnings"] = warnings

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.batch_public_changes_item import BatchPublicChangesItem # noqa: PLC0415
        from ..models.batch_public_errors_item import BatchPublicErrorsItem # noqa: PLC0415
        from ..models.batch_public_warnings_item import BatchPublicWarningsItem # noqa: PLC0415
        d = dict(src_dict)
        id = d.pop("id")

        kind = d.pop("kind")

        filename = d.pop("filename")

        sha256 = d.pop("sha256")

        actor = d.pop("actor")

        dry_run = d.pop("dry_run")

        submit = d.pop("submit")

        result = d.pop("result")

        message = d.pop("message")

        rows = d.pop("rows")

        created = d.pop("created")

        updated = d.pop("updated")

        unchanged = d.pop("unchanged")

        rejected = d.pop("rejected")

        changes = []
        _changes = d.pop("changes")
        for changes_item_data in (_changes):
            changes_item = BatchPublicChangesItem.from_dict(changes_item_data)



            changes.append(changes_item)


        changes_total = d.pop("changes_total")

        errors = []
        _errors = d.pop("errors")
        for errors_item_data in (_errors):
            errors_item = BatchPublicErrorsItem.from_dict(errors_item_data)



            errors.append(errors_item)


        errors_total = d.pop("errors_total")

        def _parse_annotated_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        annotated_url = _parse_annotated_url(d.pop("annotated_url"))


        at = d.pop("at")

        _warnings = d.pop("warnings", UNSET)
        warnings: list[BatchPublicWarningsItem] | Unset = UNSET
        if _warnings is not UNSET:
            warnings = []
            for warnings_item_data in _warnings:
                warnings_item = BatchPublicWarningsItem.from_dict(warnings_item_data)



                warnings.append(warnings_item)


        batch_public = cls(
            id=id,
            kind=kind,
            filename=filename,
            sha256=sha256,
            actor=actor,
            dry_run=dry_run,
            submit=submit,
            result=result,
            message=message,
            rows=rows,
            created=created,
            updated=updated,
            unchanged=unchanged,
            rejected=rejected,
            changes=changes,
            changes_total=changes_total,
            errors=errors,
            errors_total=errors_total,
            annotated_url=annotated_url,
            at=at,
            warnings=warnings,
        )


        batch_public.additional_properties = d
        return batch_public

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
