from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.import_problem_changes_item import ImportProblemChangesItem
  from ..models.import_problem_errors_item import ImportProblemErrorsItem
  from ..models.import_problem_warnings_item import ImportProblemWarningsItem





T = TypeVar("T", bound="ImportProblem")



@_attrs_define
class ImportProblem:
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
            changes (list[ImportProblemChangesItem]):
            changes_total (int):
            errors (list[ImportProblemErrorsItem]):
            errors_total (int):
            annotated_url (None | str):
            at (str):
            type_ (str):
            title (str):
            status (int):
            detail (str):
            instance (str):
            warnings (list[ImportProblemWarningsItem] | Unset):
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
    changes: list[ImportProblemChangesItem]
    changes_total: int
    errors: list[ImportProblemErrorsItem]
    errors_total: int
    annotated_url: None | str
    at: str
    type_: str
    title: str
    status: int
    detail: str
    instance: str
    warnings: list[ImportProblemWarningsItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.import_problem_changes_item import ImportProblemChangesItem # noqa: PLC0415
        from ..models.import_problem_errors_item import ImportProblemErrorsItem # noqa: PLC0415
        from ..models.import_problem_warnings_item import ImportProblemWarningsItem # noqa: PLC0415
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

        type_ = self.type_

        title = self.title

        status = self.status

        detail = self.detail

        instance = self.instance

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
            "type": type_,
            "title": title,
            "status": status,
            "detail": detail,
            "instance": instance,
        })
        if warnings is not UNSET:
            field_dict["warnings"] = warnings

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.import_problem_changes_item import ImportProblemChangesItem # noqa: PLC0415
        from ..models.import_problem_errors_item import ImportProblemErrorsItem # noqa: PLC0415
        from ..models.import_problem_warnings_item import ImportProblemWarningsItem # noqa: PLC0415
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
            changes_item = ImportProblemChangesItem.from_dict(changes_item_data)



            changes.append(changes_item)


        changes_total = d.pop("changes_total")

        errors = []
        _errors = d.pop("errors")
        for errors_item_data in (_errors):
            errors_item = ImportProblemErrorsItem.from_dict(errors_item_data)



            errors.append(errors_item)


        errors_total = d.pop("errors_total")

        def _parse_annotated_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        annotated_url = _parse_annotated_url(d.pop("annotated_url"))


        at = d.pop("at")

        type_ = d.pop("type")

        title = d.pop("title")

        status = d.pop("status")

        detail = d.pop("detail")

        instance = d.pop("instance")

        _warnings = d.pop("warnings", UNSET)
        warnings: list[ImportProblemWarningsItem] | Unset = UNSET
        if _warnings is not UNSET:
            warnings = []
            for warnings_item_data in _warnings:
                warnings_item = ImportProblemWarningsItem.from_dict(warnings_item_data)



                warnings.append(warnings_item)


        import_problem = cls(
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
            type_=type_,
            title=title,
            status=status,
            detail=detail,
            instance=instance,
            warnings=warnings,
        )


        import_problem.additional_properties = d
        return import_problem

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
