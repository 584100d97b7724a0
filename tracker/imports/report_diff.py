"""One progress-template report row against what the database holds: the cell-level diff, the counts, and
the API's own validation of new or changed content. Pure functions on plain data; no database."""

import math
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from actionplan import cpr
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


@dataclass
class Payload:
    """A report's new content, validated by the API's own input model, and its values as validated:
    (indicator, category, value, comment) in file order."""

    content: progress_schemas.ReportInput
    values: list[tuple[str, str, float, str]]


def report_payload(
    r: ReportRow, content: dict[str, Any], value_rows: list[ValueRow], checked: "Checked | None" = None
) -> tuple[Payload | None, list[SheetError]]:
    """The API's own input model for this report, or None and its errors located at their cells.

    Values that `IndicatorValueInput` would take unchanged (`plainly_valid`: the usual case) are not built into
    one model each (55,000 models took most of an import's planning); the report's content is validated by
    `ReportInput` as always. Anything else goes through the whole model, which gives every error. `checked`:
    what `plainly_valid` found of the indicator and category texts of earlier reports (shared by a file's rows).
    """
    values = plainly_valid(value_rows, checked)
    if values is not None:
        try:
            report = progress_schemas.ReportInput.model_validate({**content, "indicator_values": []})
        except ValidationError:
            pass  # validated again below with its values, for every error at its cell
        else:
            return Payload(report, values), []
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
    return Payload(payload, [(v.indicator, v.category, v.value, v.comment) for v in payload.indicator_values]), []


def _max_length(name: str) -> int:
    field = progress_schemas.IndicatorValueInput.model_fields[name]
    return next(int(m.max_length) for m in field.metadata if hasattr(m, "max_length"))


# The model's own limits (indicator, category, comment), read from it so the two cannot drift apart.
_VALUE_LIMITS = (_max_length("indicator"), _max_length("category"), _max_length("comment"))


# What `plainly_valid` found of the texts it checked: indicators, categories ({text: valid}).
Checked = tuple[dict[str, bool], dict[str, bool]]


def plainly_valid(
    value_rows: list[ValueRow], checked: Checked | None = None
) -> list[tuple[str, str, float, str]] | None:
    """The rows as `IndicatorValueInput` would validate them, when it would take each unchanged: texts without
    surrounding whitespace within their lengths (indicator 1-40, category <= 80, comment <= 2,000 characters
    without a CPR number), a finite value >= 0, no indicator and category twice, at most MAX_VALUES. None
    otherwise (the model then says what is wrong).

    An indicator's or category's text is checked once (`checked`, by text: a report's five rows share an
    indicator, a file's reports share their categories); an empty comment needs no check.
    """
    if len(value_rows) > progress_schemas.MAX_VALUES:
        return None
    indicators, categories = checked if checked is not None else ({}, {})
    indicator_max, category_max, comment_max = _VALUE_LIMITS
    # Column by column: the checks run over a report's distinct texts and in C over its numbers (a loop over
    # 50,000 rows with a dozen tests each was a fifth of the planning).
    names = [v.indicator for v in value_rows]
    kinds = [v.category for v in value_rows]
    numbers = [v.value for v in value_rows]
    comments = [v.comment for v in value_rows]
    if not (_plain_texts(names, indicators, 1, indicator_max) and _plain_texts(kinds, categories, 0, category_max)):
        return None
    # A finite value >= 0: NaN fails both comparisons, as it failed `0 <= value < inf`.
    if numbers and not (
        set(map(type, numbers)) == {float} and all(map(_ZERO.__le__, numbers)) and all(map(math.inf.__gt__, numbers))
    ):
        return None
    for comment in set(comments):
        if not (
            type(comment) is str
            and (
                comment == ""
                or (len(comment) <= comment_max and comment == comment.strip() and cpr.find_cpr_like(comment) is None)
            )
        ):
            return None
    values = list(zip(names, kinds, numbers, comments, strict=True))
    if len(set(zip(names, kinds, strict=True))) != len(values):
        return None  # an indicator and category twice
    return values


_ZERO = 0.0


def _plain_texts(texts: list[str], known: dict[str, bool], least: int, most: int) -> bool:
    """True when every distinct text is plain (`_plain_text`), each decided once across the file (`known`)."""
    for value in set(texts):
        ok = known.get(value)
        if ok is None:
            ok = known[value] = _plain_text(value, least, most)
        if not ok:
            return False
    return True


def _plain_text(text: Any, shortest: int, longest: int) -> bool:
    return type(text) is str and shortest <= len(text) <= longest and text == text.strip()


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
) -> tuple[list[dict[str, Any]], Tally]:
    """The cell-level diff of one report row and its value rows against the database, and the value rows'
    counts (created, updated or unchanged; worked out in the same pass)."""
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
    tally = Tally()
    if not stored:  # a new report (or one without values): every value row is created
        changes += [
            {
                "sheet": VALUES_SHEET,
                "row": v.row.number,
                "key": f"{key} {v.indicator} {category}" if category else f"{key} {v.indicator}",
                "field": "value",
                "old": None,
                "new": v.value,
            }
            for (_indicator, category), v in wanted.items()
        ]
        tally.created = len(wanted)
        return changes, tally
    if len(stored) == len(wanted) and stored == {k: (v.value, v.comment) for k, v in wanted.items()}:
        tally.unchanged = len(wanted)  # the same file again: nothing changed
        return changes, tally
    created = updated = 0
    append = changes.append
    get = stored.get
    for indicator_key, v in wanted.items():
        old_value = get(indicator_key)
        if old_value is None:
            created += 1
        elif old_value[0] != v.value or old_value[1] != v.comment:
            updated += 1
        else:
            continue
        category = indicator_key[1]
        append(
            {
                "sheet": VALUES_SHEET,
                "row": v.row.number,
                "key": f"{key} {v.indicator} {category}" if category else f"{key} {v.indicator}",
                "field": "value",
                "old": old_value[0] if old_value else None,
                "new": v.value,
            }
        )
    tally.created, tally.updated, tally.unchanged = created, updated, len(wanted) - created - updated
    if len(stored) > len(wanted) or any(k not in wanted for k in stored):
        codes = {i.id: code for code, i in info.indicators.items()}
        for (indicator_id, category), (value, _comment) in stored.items():
            if (indicator_id, category) not in wanted:
                label = f"{key} {codes.get(indicator_id, indicator_id)}" + (f" {category}" if category else "")
                changes.append({"sheet": VALUES_SHEET, "key": label, "field": "value", "old": value, "new": None})
    return changes, tally


def row_counts(report: ProgressReport | None, values: Tally, report_changed: bool) -> Tally:
    """Counts per row: the report row (created, updated or unchanged), then its value rows' (`values`)."""
    tally = Tally(values.created, values.updated, values.unchanged)
    if report is None:
        tally.created += 1
    elif report_changed:
        tally.updated += 1
    else:
        tally.unchanged += 1
    return tally
