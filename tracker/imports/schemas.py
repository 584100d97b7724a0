"""Shapes of the spreadsheet API: an import batch, and the 422 problem of a workbook with errors."""

from typing import Any

from pydantic import BaseModel


class BatchPublic(BaseModel):
    """An import batch: what was uploaded (by hash), by whom, and what it did or would do."""

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
    changes: list[dict[str, Any]]
    changes_total: int
    errors: list[dict[str, Any]]
    errors_total: int
    warnings: list[dict[str, Any]] = []
    annotated_url: str | None
    at: str


class ImportProblem(BatchPublic):
    """422 problem details for a workbook with errors: the problem fields and the kept batch."""

    type: str
    title: str
    status: int
    detail: str
    instance: str
