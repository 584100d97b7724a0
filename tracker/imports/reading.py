"""The part of an import that needs no database: safety checks, reading, recognising the kind, screening and
parsing (`read_workbook`), and the annotated copy of a rejected file (`annotated_copy`).

Pure work on the uploaded bytes, and the memory-heavy part of an import (the cell grids). What it hands on,
`Prepared`, is compact (the typed rows and the located errors, no cell grids) and plain data, so it can be
computed in a short-lived worker process and sent back (`tracker.imports.worker`).
"""

from dataclasses import dataclass
from typing import Any, Protocol

from actionplan.cells import SheetError
from actionplan.workbook import ParsedPlan, parse_plan_workbook
from tracker.auth.models import Role
from tracker.errors import Forbidden
from tracker.imports.annotate import annotate_workbook
from tracker.imports.columns import read_columns
from tracker.imports.parse import (
    PLAN,
    Grids,
    ParsedProgress,
    astuple_error,
    cells_of,
    detect_kind,
    flagged_cells,
    parse_progress,
    read_grids,
)
from tracker.imports.result import MAX_LISTED_ERRORS, Progress
from tracker.imports.safety import inspect_xlsx
from tracker.imports.screening import personal_data_cells, redacted, sheets_read, unread_sheet_warnings


@dataclass
class Prepared:
    """What a workbook says, read without the database (no cell grids: small enough to cross processes)."""

    kind: str
    sha256: str
    # The workbook's uncompressed size (the annotated copy chooses its method by it).
    uncompressed: int
    # The sheets the import reads, in workbook order.
    sheets: list[str]
    warnings: list[dict[str, object]]
    # Every problem found without the database, located to its cell (flagged cells, personal data, parsing).
    errors: list[SheetError]
    rows: int
    progress: ParsedProgress | None = None
    plan: ParsedPlan | None = None

    # Pickled with its errors as plain tuples (50,000 of them for a wrong file): see ParsedProgress.
    def __getstate__(self) -> dict[str, object]:
        return {**self.__dict__, "errors": [astuple_error(e) for e in self.errors]}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state, errors=[SheetError(*e) for e in state["errors"]])


def read_workbook(
    data: bytes, filename: str, role: Role, *, max_bytes: int, tick: Progress, as_columns: bool = True
) -> tuple[Prepared, Grids]:
    """Check, read, recognise, screen and parse a workbook: what it says, and the cell grids of the sheets read.

    Raises a TrackerError (nothing recorded) for a hostile or unreadable file and for a role that may not
    import it. A progress template's values sheet is read as columns when that proves it clean
    (`tracker.imports.columns`; `as_columns=False` reads every sheet cell by cell, to compare); its grid is then
    read only if an annotated copy needs it.
    """
    inspection = inspect_xlsx(data, max_bytes=max_bytes, filename=filename)
    tick("read", 0, 1)
    columns = read_columns(data, inspection) if as_columns else {}
    grids = read_grids(data, inspection, as_columns=columns)
    kind = detect_kind(grids)
    if kind == PLAN and role is not Role.SECRETARIAT:
        raise Forbidden("Only the secretariat may import a plan workbook.")
    if role not in (Role.SECRETARIAT, Role.REPORTER):
        raise Forbidden(f"The role {role.value!r} may not import workbooks.")
    tick("read", 1, 1)
    sheets, unread = sheets_read(kind, grids)
    warnings: list[dict[str, object]] = list(unread_sheet_warnings(kind, unread))
    errors = [e for e in flagged_cells(inspection, grids) if e.sheet in sheets]
    errors.extend(personal_data_cells(grids, sheets))
    prepared = Prepared(kind, inspection.sha256, inspection.uncompressed, sheets, warnings, errors, rows=0)
    if kind == PLAN:
        # Its own errors join the list once the plan has been checked against the database as well.
        prepared.plan = parse_plan_workbook(grids)
        prepared.rows = prepared.plan.row_count
        warnings.extend(redacted(w).as_dict() for w in prepared.plan.warnings)
    else:
        prepared.progress = parse_progress(grids, columns)
        prepared.rows = prepared.progress.row_count
        warnings.extend(redacted(w).as_dict() for w in prepared.progress.warnings)
        # The parse errors are the Prepared's from here on (kept once, not in both lists).
        errors.extend(prepared.progress.errors)
        prepared.progress.errors = []
    return prepared, {name: grids[name] for name in sheets}


def annotated_copy(
    data: bytes, errors: list[SheetError], grids: Grids, *, blank: set[tuple[str, str]], uncompressed: int
) -> bytes:
    """The uploaded workbook (the sheets read) with the first errors marked in place; `errors` sorted, redacted."""
    grids = cells_of(data, grids)
    return annotate_workbook(data, errors[:MAX_LISTED_ERRORS], grids, blank=blank, uncompressed=uncompressed)


class Reader(Protocol):
    """Where the import's database-free work runs: here (`InProcess`) or in a worker process
    (`tracker.imports.worker`). One reader serves one import: `read`, then `annotate` if the file is refused
    (`errors`: the first MAX_LISTED_ERRORS, sorted and redacted; `blank`: every cell to empty)."""

    def read(self, data: bytes, filename: str, role: Role, *, max_bytes: int, tick: Progress) -> Prepared: ...

    def annotate(
        self, data: bytes, errors: list[SheetError], *, blank: set[tuple[str, str]], uncompressed: int
    ) -> bytes: ...


class InProcess:
    """Reads in the calling process, keeping the grids of the sheets read for the annotated copy (a sheet read as
    columns is read as cells only if that copy is made: `cells_of`)."""

    def __init__(self) -> None:
        self.grids: Grids = {}

    def __enter__(self) -> "InProcess":
        return self

    def __exit__(self, *_exc: object) -> None:
        self.grids = {}

    def read(self, data: bytes, filename: str, role: Role, *, max_bytes: int, tick: Progress) -> Prepared:
        prepared, self.grids = read_workbook(data, filename, role, max_bytes=max_bytes, tick=tick)
        return prepared

    def annotate(
        self, data: bytes, errors: list[SheetError], *, blank: set[tuple[str, str]], uncompressed: int
    ) -> bytes:
        return annotated_copy(data, errors, self.grids, blank=blank, uncompressed=uncompressed)
