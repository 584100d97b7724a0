"""One progress-template report row against what the database holds: the cell-level diff, the counts, and
the API's own validation of new or changed content. Pure functions on plain data; no database."""

from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from actionplan.cells import SheetError
from actionplan.models import Initiative, ReportingPeriod
from actionplan.progress import ProgressReport
from tracker.audit.service import jsonable
from tracker.imports.parse import REPORTS_SHEET, VALUES_SHEET, ReportRow, ValueRow
from tracker.imports.result import Tally
from tracker.progress import schemas as progress_schemas
from tracker.progress.context import FORECAST_FIELDS, TEMPLATE_FIELDS

CONTENT = TEMPLATE_FIELDS
KEPT = FORECAST_FIELDS
# {(indicator id, category): (value, comment)} of one stored report.
Stored = dict[tuple[int, str], tuple[float, str]]


@dataclass(frozen=True)
class IndicatorInfo:
    id: int
    categories: frozenset[str]


@dataclass
class InitiativeInfo:
    """An initiative the file names, with its lead, its plan's periods and its indicators (by code)."""

    initiative: Initiative
    lead_code: str
    periods: dict[str, ReportingPeriod]
    indicators: dict[str, IndicatorInfo]


def report_payload(
    r: ReportRow, content: dict[str, Any], value_rows: list[ValueRow]
) -> tuple[progress_schemas.ReportInput | None, list[SheetError]]:
    """The API's own input model for this report, or None and its errors located at their cells."""
    try:
        payload = progress_schemas.ReportInput.model_validate(
            {
                **content,
                "indicator_values": [
                    {"indicator": v.indicator, "category": v.category, "value": v.value, "comment": v.comment}
                    for v in value_rows
                ],
            }
        )
    except ValidationError as exc:
        errors: list[SheetError] = []
        for problem in exc.errors():
            if problem["type"] == "cpr_number":
                continue  # every cell was screened already (tracker.imports.screening), with its location
            location = [str(part) for part in problem.get("loc", ())]
            message = str(problem["msg"]).removeprefix("Value error, ")
            if location and location[0] == "indicator_values" and len(location) > 1 and location[1].isdigit():
                v = value_rows[int(location[1])]
                errors.append(v.row.error("comment" if "comment" in location else "value", "invalid", message))
            else:
                column = location[0] if location and location[0] in CONTENT else "status"
                errors.append(r.row.error(column, "invalid", message))
        return None, errors
    return payload, []


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, (int, float)) and isinstance(new, (int, float)):
        return float(old) == float(new)
    return bool(old == new)


def report_changes(
    r: ReportRow,
    report: ProgressReport | None,
    content: dict[str, Any],
    wanted: dict[tuple[int, str], ValueRow],
    stored: Stored,
    info: InitiativeInfo,
) -> list[dict[str, Any]]:
    """The cell-level diff of one report row and its value rows against the database."""
    key = f"{r.initiative} {r.period}"
    changes: list[dict[str, Any]] = []
    if report is None:
        changes.append(
            {"sheet": REPORTS_SHEET, "row": r.row.number, "key": key, "field": "*", "old": None, "new": "created"}
        )
    else:
        for name in CONTENT:
            old, new = jsonable(getattr(report, name)), content[name]
            if not _same(old, new):
                changes.append(
                    {"sheet": REPORTS_SHEET, "row": r.row.number, "key": key, "field": name, "old": old, "new": new}
                )
    for (indicator_id, category), v in wanted.items():
        old_value = stored.get((indicator_id, category))
        if old_value is None or old_value[0] != v.value or old_value[1] != v.comment:
            label = f"{key} {v.indicator}" + (f" {category}" if category else "")
            changes.append(
                {
                    "sheet": VALUES_SHEET,
                    "row": v.row.number,
                    "key": label,
                    "field": "value",
                    "old": old_value[0] if old_value else None,
                    "new": v.value,
                }
            )
    if len(stored) > len(wanted) or any(k not in wanted for k in stored):
        codes = {i.id: code for code, i in info.indicators.items()}
        for (indicator_id, category), (value, _comment) in stored.items():
            if (indicator_id, category) not in wanted:
                label = f"{key} {codes.get(indicator_id, indicator_id)}" + (f" {category}" if category else "")
                changes.append({"sheet": VALUES_SHEET, "key": label, "field": "value", "old": value, "new": None})
    return changes


def row_counts(
    report: ProgressReport | None, wanted: dict[tuple[int, str], ValueRow], stored: Stored, report_changed: bool
) -> Tally:
    """Counts per row: the report row, then each value row (created, updated or unchanged)."""
    tally = Tally()
    if report is None:
        tally.created += 1
    elif report_changed:
        tally.updated += 1
    else:
        tally.unchanged += 1
    for key, v in wanted.items():
        old = stored.get(key)
        if old is None:
            tally.created += 1
        elif old[0] != v.value or old[1] != v.comment:
            tally.updated += 1
        else:
            tally.unchanged += 1
    return tally
