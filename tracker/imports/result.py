"""What an import did (or would do): `ImportResult`, with its counts, its cell-level diff and every error.

Shared by the import's steps (`service` orchestrates; `plan_workbook` and `progress_import` compare the file
with the database; `pending` keeps a preview's fingerprint), so none of them imports another's internals.
"""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from actionplan.cells import SheetError
from tracker.errors import Conflict
from tracker.imports.constants import BatchResult

# How many changes a batch keeps and an answer lists (the counts are always complete).
MAX_LISTED_CHANGES = 1000
# How many problems a batch keeps, an answer lists and the annotated copy marks (the count is always
# complete). A file with more is the wrong file; marking 50,000 cells took 46 s and 18 MB per upload.
MAX_LISTED_ERRORS = 1000
# A progress callback: (stage, done, total).
Progress = Callable[[str, int, int], None]


def quiet(_stage: str, _done: int, _total: int) -> None:
    """A progress callback that shows nothing."""


@dataclass
class Tally:
    """What a write would do or did: created, updated and unchanged rows, and the cell-level changes."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    changes: list[dict[str, Any]] = field(default_factory=list)

    def add(self, other: "Tally") -> None:
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.changes.extend(other.changes)


@dataclass
class ImportResult:
    """What an import did (or would do): counts, the cell-level diff and every error."""

    batch_id: int | None
    kind: str
    filename: str
    sha256: str
    dry_run: bool
    submit: bool
    result: BatchResult
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    changes: list[dict[str, Any]] = field(default_factory=list)
    changes_total: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    errors_total: int = 0
    warnings: list[dict[str, Any]] = field(default_factory=list)
    # Organisations whose reports the workbook concerns (who may read the batch: tracker.auth.access).
    concerns: set[str] = field(default_factory=set)
    # What the diff was computed against: each report row's stored version ("initiative period" -> version,
    # None when not written yet). A version that moved means someone else wrote the report in between.
    basis: dict[str, int | None] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    def fingerprint(self) -> str:
        """SHA-256 of what this import does and what it read: equal for a dry run and the real run of the same
        file only when nothing it depends on changed in between (the preview-then-confirm check)."""
        what = {
            "kind": self.kind,
            "sha256": self.sha256,
            "submit": self.submit,
            "counts": [self.created, self.updated, self.unchanged],
            "changes": self.changes,
            "changes_total": self.changes_total,
            "basis": self.basis,
        }
        return hashlib.sha256(json.dumps(what, sort_keys=True, default=str).encode()).hexdigest()

    @property
    def message(self) -> str:
        if self.errors:
            return (
                f"{self.errors_total} problem(s) in {self.rejected} row(s); nothing was imported. "
                "Download the annotated workbook to see them in place"
                + (
                    f" (the first {len(self.errors)} are listed and marked)."
                    if self.errors_total > len(self.errors)
                    else "."
                )
            )
        if self.result is BatchResult.NO_CHANGES:
            return "No changes: the database already holds exactly what this workbook says."
        verb = "would create" if self.dry_run else "created"
        verb2 = "update" if self.dry_run else "updated"
        return f"{verb} {self.created}, {verb2} {self.updated}, {self.unchanged} unchanged."

    def count(self, tally: Tally) -> None:
        """Take a tally's counts and changes as this import's own."""
        self.created, self.updated, self.unchanged = tally.created, tally.updated, tally.unchanged
        self.changes = list(tally.changes)

    def finish(self, errors: list[SheetError]) -> None:
        """Settle the outcome: rejected with its (listed) errors, no changes, or the counted changes."""
        if errors:
            errors.sort(key=lambda e: (e.sheet, e.row, e.column))
            self.errors = [e.as_dict() for e in errors[:MAX_LISTED_ERRORS]]
            self.errors_total = len(errors)
            self.rejected = len({(e.sheet, e.row) for e in errors})
            self.result = BatchResult.REJECTED
            # Nothing is imported, so nothing is counted as created, updated or unchanged, and there is no diff.
            self.created = self.updated = self.unchanged = 0
            self.changes = []
        elif self.created == 0 and self.updated == 0:
            self.result = BatchResult.NO_CHANGES
        self.changes_total = len(self.changes)
        self.changes = self.changes[:MAX_LISTED_CHANGES]


class ImportStale(Conflict):
    """The real run of a previewed file would not do what its preview showed: the data changed in between."""

    problem_type = "import-stale"
    title = "The data changed since the preview"


class RowRejected(Exception):
    """Raised inside a write transaction to roll it back: the workflow refused a row, or a dry run ends there."""

    def __init__(self, error: SheetError | None = None, payload: Any = None) -> None:
        super().__init__("rolled back")
        self.error = error
        self.payload = payload
