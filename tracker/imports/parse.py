"""Reading an inspected workbook into cell grids, recognising its kind, and parsing progress templates.

Cells are read with calamine (python-calamine), which never expands XML entities and reads a sheet whatever
its `<dimension>` says; the raw checks in `safety.py` have already bounded sizes and row counts. The
tolerant cell parsers live in `actionplan.cells` (shared with the plan workbook). A clean values sheet is read
as columns instead (`tracker.imports.columns`); its grid stands as a ReadAsColumns until `cells_of` reads it.
"""

import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import python_calamine
from openpyxl.utils import coordinate_to_tuple, get_column_letter

from actionplan.cells import (
    CellError,
    SheetError,
    SheetRow,
    header,
    read_rows,
    text,
    to_choice,
    to_number,
)
from actionplan.enums import Confidence, ProgressStatus
from actionplan.workbook import SHEETS as PLAN_SHEETS
from actionplan.workbook import find_sheet, sheet_names
from tracker.imports.safety import MAX_ROWS, ImportRejected, Inspection
from tracker.progress.context import TEMPLATE_FIELDS

Grids = dict[str, list[list[Any]]]

PLAN = "plan"
PROGRESS = "progress"

# The progress template: one row per initiative (REPORTS) and one per indicator and category (VALUES).
REPORTS_SHEET = "Rapporter"
VALUES_SHEET = "Indikatorer"
INSTRUCTIONS_SHEET = "Vejledning"
# The keys, then the report content a template carries (tracker.progress.context.TEMPLATE_FIELDS).
REPORT_COLUMNS = ["period", "organisation", "initiative", "title", *TEMPLATE_FIELDS]
VALUE_COLUMNS = ["period", "initiative", "indicator", "name", "unit", "category", "value", "comment"]
REPORT_REQUIRED = ["period", "initiative", "status"]
VALUE_REQUIRED = ["period", "initiative", "indicator", "category", "value"]
# Status as shown in the template's drop-down (Danish), and the codes the API uses; both are accepted.
STATUS_LABELS_DA = {
    ProgressStatus.NOT_STARTED: "Ikke startet",
    ProgressStatus.ON_TRACK: "Planmæssigt",
    ProgressStatus.AT_RISK: "I risiko",
    ProgressStatus.DELAYED: "Forsinket",
    ProgressStatus.COMPLETED: "Gennemført",
    ProgressStatus.CANCELLED: "Aflyst",
}
STATUS_CHOICES = {
    **{status.value: status.value for status in ProgressStatus},
    **{label.lower(): status.value for status, label in STATUS_LABELS_DA.items()},
}
# Delivery confidence (optional) as in the template's drop-down, and the API's codes; both are accepted.
CONFIDENCE_LABELS_DA = {Confidence.HIGH: "Høj", Confidence.MEDIUM: "Middel", Confidence.LOW: "Lav"}
CONFIDENCE_CHOICES = {
    **{c.value: c.value for c in Confidence},
    **{label.lower(): c.value for c, label in CONFIDENCE_LABELS_DA.items()},
}
TOTAL_LABEL = "total"


class ReadAsColumns(list[list[Any]]):
    """The (empty) grid standing for a sheet read as columns (`tracker.imports.columns`): its cells are read only
    when they are needed after all (`cells_of`: for the annotated copy of a refused file)."""


def read_grids(data: bytes, inspection: Inspection, *, as_columns: Iterable[str] = ()) -> Grids:
    """Every sheet's cells as rows of Python values (empty cells are ""), starting at A1.

    The sheets in `as_columns` (read and proved clean as columns already) stand in their place as ReadAsColumns.
    """
    skip = set(as_columns)
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        grids: Grids = {}
        for scan in inspection.sheets:
            if scan.name in skip:
                grids[scan.name] = ReadAsColumns()
                continue
            sheet = workbook.get_sheet_by_name(scan.name)
            grid = sheet.to_python(skip_empty_area=False)
            if len(grid) > MAX_ROWS + 1:
                raise ImportRejected(f"Sheet {scan.name!r} has more than {MAX_ROWS:,} rows.")
            grids[scan.name] = grid
            for (r0, c0), (r1, c1) in sheet.merged_cell_ranges or []:
                if r0 < len(grid):
                    # Merged cells shift data silently; they are refused with their range.
                    rng = f"{get_column_letter(c0 + 1)}{r0 + 1}:{get_column_letter(c1 + 1)}{r1 + 1}"
                    raise ImportRejected(
                        f"Sheet {scan.name!r} has merged cells ({rng}); unmerge them and try again.",
                        sheet=scan.name,
                        cells=rng,
                    )
        return grids
    except (ImportRejected, KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # calamine's own errors, OS errors, and Rust panics (a BaseException in pyo3)
        raise ImportRejected(f"The workbook cannot be read ({type(exc).__name__}: {str(exc)[:200]}).") from exc


def cells_of(data: bytes, grids: Grids) -> Grids:
    """The grids with every sheet that was read as columns read as cells now (the same cells `read_grids` gives)."""
    missing = [name for name, grid in grids.items() if isinstance(grid, ReadAsColumns)]
    if not missing:
        return grids
    workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    read = {name: workbook.get_sheet_by_name(name).to_python(skip_empty_area=False) for name in missing}
    return {name: read.get(name, grid) for name, grid in grids.items()}


def detect_kind(grids: Grids) -> str:
    """plan workbook or progress template, by its sheets."""
    if find_sheet(grids, "Plan") and find_sheet(grids, "Initiatives"):
        return PLAN
    if find_sheet(grids, REPORTS_SHEET) or find_sheet(grids, VALUES_SHEET):
        return PROGRESS
    plan_like = [name for name in PLAN_SHEETS if find_sheet(grids, name)]
    if plan_like:
        missing = [name for name in ("Plan", "Initiatives") if not find_sheet(grids, name)]
        raise ImportRejected(
            "This looks like a plan workbook but it has no sheet "
            + " and no sheet ".join(sheet_names(name) for name in missing)
            + ": add it, or export the plan workbook (GET /plans/{slug}/workbook) and start from that.",
            sheets=list(grids),
            missing=missing,
        )
    raise ImportRejected(
        "This workbook is neither a plan workbook (sheets "
        + ", ".join(PLAN_SHEETS)
        + f") nor a progress template (sheets {REPORTS_SHEET}, {VALUES_SHEET}).",
        sheets=list(grids),
    )


def flagged_cells(inspection: Inspection, grids: Grids) -> list[SheetError]:
    """Formula and error cells found by the raw scan, as located errors (the documented formula rule)."""
    errors: list[SheetError] = []
    for scan in inspection.sheets:
        grid = grids.get(scan.name) or [[]]
        heads = grid[0] if grid else []
        for ref, code, message in [
            *(
                (r, "formula-not-allowed", "Formulas are not accepted; type the value itself.")
                for r in scan.formula_cells
            ),
            *(
                (r, "error-cell", "This cell holds an error value (such as #REF!); type the value.")
                for r in scan.error_cells
            ),
        ]:
            if ref == "?":
                errors.append(SheetError(scan.name, 0, "", code, message))
                continue
            row, column = coordinate_to_tuple(ref)
            name = header(heads[column - 1]) if column - 1 < len(heads) else ""
            errors.append(SheetError(scan.name, row, name or ref.rstrip("0123456789"), code, message, ref))
    return errors


@dataclass
class ReportRow:
    row: SheetRow
    period: str
    organisation: str | None
    initiative: str
    status: str
    fields: dict[str, Any]


@dataclass
class ValueRow:
    row: SheetRow
    period: str
    initiative: str
    indicator: str
    category: str
    value: float
    comment: str


@dataclass
class ReadValues:
    """A values sheet read as columns and found clean: its value rows and its row count, as `parse_progress`
    would give them from its cells (`tracker.imports.columns`)."""

    values: list[ValueRow]
    row_count: int


@dataclass
class ParsedProgress:
    reports: list[ReportRow] = field(default_factory=list)
    values: list[ValueRow] = field(default_factory=list)
    errors: list[SheetError] = field(default_factory=list)
    row_count: int = 0
    # (initiative, period) of every report row, valid or not (values of an invalid row are not orphans).
    report_keys: set[tuple[str, str]] = field(default_factory=set)
    warnings: list[SheetError] = field(default_factory=list)
    # Report rows left entirely empty (not reported this time): no error unless values are given for them.
    blank_reports: dict[tuple[str, str], SheetRow] = field(default_factory=dict)

    # Pickled (a worker process sends it back: tracker.imports.worker) as plain tuples, not one object per row
    # and cell location: a 51,000-row template pickles in a fraction of the time.
    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["reports"] = [
            (r.row.sheet, r.row.number, r.row.values, r.row.letters, r.period, r.organisation, r.initiative,
             r.status, r.fields)
            for r in self.reports
        ]  # fmt: skip
        state["values"] = [
            (v.row.sheet, v.row.number, v.row.values, v.row.letters, v.period, v.initiative, v.indicator,
             v.category, v.value, v.comment)
            for v in self.values
        ]  # fmt: skip
        state["errors"] = [astuple_error(e) for e in self.errors]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        state["reports"] = [
            ReportRow(SheetRow(sheet, number, cells, letters), *rest)
            for sheet, number, cells, letters, *rest in state["reports"]
        ]
        state["values"] = [
            ValueRow(SheetRow(sheet, number, cells, letters), *rest)
            for sheet, number, cells, letters, *rest in state["values"]
        ]
        state["errors"] = [SheetError(*e) for e in state["errors"]]
        self.__dict__.update(state)


def astuple_error(error: SheetError) -> tuple[str, int, str, str, str, str]:
    """A SheetError as a plain tuple (SheetError(*it) gives it back): cheap to pickle."""
    return (error.sheet, error.row, error.column, error.code, error.message, error.cell)


_TOTALS = frozenset({TOTAL_LABEL, "i alt", ""})


def value_category(raw: Any) -> str:
    """A value row's category as stored: "" for the total (written total, I alt or left empty)."""
    value = _fast_text(raw) or ""
    return "" if value.lower() in _TOTALS else value


def _fast_text(value: Any) -> str | None:
    """`text` with the common case (a string cell) inlined."""
    if type(value) is str and "\x00" not in value:
        return value.strip() or None
    return text(value)


def parse_progress(grids: Grids, columns: dict[str, ReadValues] | None = None) -> ParsedProgress:
    """The report and value rows of a progress template, typed, with every cell error found.

    `columns`: the values sheet when it was read as columns and found clean (its grid is then a ReadAsColumns).
    """
    parsed = ParsedProgress()
    errors = parsed.errors
    reports_sheet = find_sheet(grids, REPORTS_SHEET)
    values_sheet = find_sheet(grids, VALUES_SHEET)
    if reports_sheet is None:
        errors.append(
            SheetError(
                REPORTS_SHEET,
                1,
                "",
                "missing-sheet",
                f"The template needs a sheet {REPORTS_SHEET!r}: download a fresh template "
                "(GET /templates/progress) and copy your rows into it.",
            )
        )
    else:
        seen: dict[tuple[str, str], int] = {}
        for row in read_rows(
            reports_sheet, grids[reports_sheet], REPORT_COLUMNS, REPORT_REQUIRED, errors, warnings=parsed.warnings
        ):
            parsed.row_count += 1
            parsed.report_keys.add((str(text(row.values.get("initiative"))), str(text(row.values.get("period")))))
            inputs = ("status", "narrative", "next_steps", "risks", "explanation", "spent_dkk")
            if all(text(row.values.get(c)) is None for c in inputs):
                key0 = (str(text(row.values.get("initiative"))), str(text(row.values.get("period"))))
                parsed.blank_reports[key0] = row
                continue
            ok = True
            for column in REPORT_REQUIRED:
                if text(row.values.get(column)) is None:
                    errors.append(row.error(column, "required", f"{column} is required."))
                    ok = False
            status = ""
            try:
                status = to_choice(row.values.get("status"), STATUS_CHOICES) if ok else ""
            except CellError as exc:
                errors.append(row.error("status", exc.code, exc.message))
                ok = False
            fields: dict[str, Any] = {}
            for column in ("narrative", "next_steps", "risks", "explanation"):
                if row.has(column):
                    fields[column] = text(row.values.get(column)) or ""
            if row.has("confidence") and text(row.values.get("confidence")) is not None:
                try:
                    fields["confidence"] = to_choice(row.values.get("confidence"), CONFIDENCE_CHOICES)
                except CellError as exc:
                    errors.append(row.error("confidence", exc.code, exc.message))
                    ok = False
            if row.has("spent_dkk") and text(row.values.get("spent_dkk")) is not None:
                try:
                    fields["spent_dkk"] = to_number(row.values["spent_dkk"])
                except CellError as exc:
                    errors.append(row.error("spent_dkk", exc.code, exc.message))
                    ok = False
            if not ok:
                continue
            key = (str(text(row.values["initiative"])), str(text(row.values["period"])))
            if key in seen:
                errors.append(row.error("initiative", "duplicate", f"{key[0]} {key[1]} is also on row {seen[key]}."))
                continue
            seen[key] = row.number
            parsed.reports.append(ReportRow(row, key[1], text(row.values.get("organisation")), key[0], status, fields))
    read = (columns or {}).get(values_sheet or "")
    if read is not None:
        parsed.row_count += read.row_count
        parsed.values.extend(read.values)
    elif values_sheet is not None:
        seen_values: dict[tuple[str, str, str, str], int] = {}
        for row in read_rows(
            values_sheet, grids[values_sheet], VALUE_COLUMNS, VALUE_REQUIRED, errors, warnings=parsed.warnings
        ):
            parsed.row_count += 1
            get = row.values.get
            raw_value = get("value")
            if type(raw_value) is not float and text(raw_value) is None:
                # An empty value means "not reported"; the row is skipped, not an error.
                continue
            period, initiative, indicator = (
                _fast_text(get("period")),
                _fast_text(get("initiative")),
                _fast_text(get("indicator")),
            )
            ok = True
            for column, given in (("period", period), ("initiative", initiative), ("indicator", indicator)):
                if given is None:
                    errors.append(row.error(column, "required", f"{column} is required."))
                    ok = False
            try:
                value = raw_value if type(raw_value) is float else to_number(raw_value)
                if value < 0:
                    raise CellError("negative", "Values are counts or amounts and cannot be negative.")
            except CellError as exc:
                errors.append(row.error("value", exc.code, exc.message))
                ok = False
            if not ok or period is None or initiative is None or indicator is None:
                continue
            category = value_category(get("category"))
            key4 = (period, initiative, indicator, category)
            if key4 in seen_values:
                errors.append(
                    row.error(
                        "indicator",
                        "duplicate",
                        f"{indicator} {category or TOTAL_LABEL} {period} is also on row {seen_values[key4]}.",
                    )
                )
                continue
            seen_values[key4] = row.number
            parsed.values.append(
                ValueRow(row, period, initiative, indicator, category, value, text(get("comment")) or "")
            )
    # After parsing only where a kept row is (for its errors) is used, not its raw cells: dropped, they no
    # longer double what the typed rows hold (nor what a worker process sends back: tracker.imports.worker).
    for report in parsed.reports:
        report.row.values = {}
    if read is None:  # (rows read as columns never held their cells)
        for value_row in parsed.values:
            value_row.row.values = {}
    for blank in parsed.blank_reports.values():
        blank.values = {}
    return parsed
