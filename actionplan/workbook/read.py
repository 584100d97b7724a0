"""Read a plan workbook back: parse each sheet's cells (every error with sheet, row and column), merge what it says
into the stored plan's data (a merge keyed by codes: nothing is deleted). `check.py` then checks the result."""

from copy import deepcopy
from typing import Any

from actionplan.cells import (
    CellError,
    SheetError,
    SheetRow,
    read_rows,
    text,
    to_bool,
    to_choice,
    to_code_list,
    to_date,
    to_disaggregation,
    to_int,
    to_number,
)
from actionplan.workbook.layout import (
    CODE_LIMITS,
    CODE_LIST_COLUMNS,
    DATE_COLUMNS,
    DIRECTIONS,
    JSON_NAME,
    KEYS,
    KINDS,
    LENGTHS,
    MAX_BUDGET,
    NOTE_LIMIT,
    REQUIRED_FOR_NEW,
    SCOPES,
    SHEETS,
    ParsedPlan,
    find_sheet,
)

# ----------------------------------------------------------------------------------------------- parse


def _value(row: SheetRow, column: str, errors: list[SheetError]) -> Any:
    """The typed value of one cell, or None after recording its error."""
    raw = row.values.get(column)
    try:
        if column in DATE_COLUMNS:
            return None if text(raw) is None else to_date(raw)
        if column in ("budget_dkk",):
            if text(raw) is None:
                return None
            budget = to_int(raw)
            if not 0 <= budget <= MAX_BUDGET:
                raise CellError("out-of-range", f"budget_dkk must be between 0 and {MAX_BUDGET:,}.")
            return budget
        if column in ("baseline", "value"):
            return None if text(raw) is None else to_number(raw)
        if column == "cumulative":
            return False if text(raw) is None else to_bool(raw)
        if column in CODE_LIST_COLUMNS:
            return to_code_list(raw)
        if column == "meetings_per_year":
            if text(raw) is None:
                return None
            per_year = to_int(raw)
            if not 1 <= per_year <= 365:
                raise CellError(
                    "out-of-range", "meetings_per_year is meetings a year (1-365); leave it empty for ad hoc."
                )
            return per_year
        if column == "scope":
            return None if text(raw) is None else to_choice(raw, SCOPES)
        if column == "disaggregation":
            return to_disaggregation(raw)
        if column == "kind":
            return None if text(raw) is None else to_choice(raw, KINDS)
        if column == "direction":
            return None if text(raw) is None else to_choice(raw, DIRECTIONS)
        value = text(raw)
        limit = CODE_LIMITS.get(row.sheet, 32) if column == "code" else LENGTHS.get(column, 300)
        if column == "description":
            limit = 10_000
        elif column == "cadence_note":
            limit = NOTE_LIMIT
        if value is not None and len(value) > limit:
            raise CellError("too-long", f"At most {limit} characters ({len(value)} given).")
        return value
    except CellError as exc:
        errors.append(row.error(column, exc.code, exc.message))
        return _INVALID


_INVALID: Any = object()


def _fields(row: SheetRow, errors: list[SheetError]) -> dict[str, Any] | None:
    """The row's present columns as typed values under their JSON names; None if a cell was invalid."""
    result: dict[str, Any] = {}
    ok = True
    for column in row.values:
        value = _value(row, column, errors)
        if value is _INVALID:
            ok = False
            continue
        result[JSON_NAME.get(column, column) if row.sheet in ("Plan", "Periods", "Initiatives") else column] = value
    return result if ok else None


def parse_plan_workbook(grids: dict[str, list[list[Any]]]) -> ParsedPlan:
    """Read the plan layout from the sheets' cell grids; every problem becomes a located SheetError."""
    parsed = ParsedPlan()
    errors = parsed.errors
    for name, columns in SHEETS.items():
        actual = find_sheet(grids, name)
        if actual is None:
            if name == "Plan":
                errors.append(
                    SheetError(
                        name,
                        1,
                        "",
                        "missing-sheet",
                        "The workbook needs a sheet named 'Plan' with the plan's slug: export the plan workbook "
                        "(GET /plans/{slug}/workbook) and start from it.",
                    )
                )
            continue
        rows = read_rows(actual, grids[actual], columns, KEYS[name], errors, warnings=parsed.warnings)
        for row in rows:
            row.sheet = name
            parsed.row_count += 1
            values = _fields(row, errors)
            key_missing = False
            for key_column in KEYS[name]:
                if text(row.values.get(key_column)) is None:
                    errors.append(row.error(key_column, "required", f"{key_column} is required."))
                    key_missing = True
            if values is None or key_missing:
                continue
            key: Any = tuple(values[k] for k in KEYS[name]) if len(KEYS[name]) > 1 else values[KEYS[name][0]]
            target = _target(parsed, name)
            if key in target:
                first = parsed.rows[(name, key)]
                errors.append(
                    row.error(KEYS[name][0], "duplicate", f"{key} also appears on row {first.number} of {name}.")
                )
                continue
            if name == "Plan" and parsed.plan:
                errors.append(row.error("slug", "duplicate", "The Plan sheet must hold exactly one plan."))
                continue
            for column in row.values:
                if (
                    column not in KEYS[name]
                    and text(row.values.get(column)) is None
                    and column in REQUIRED_FOR_NEW[name]
                ):
                    errors.append(row.error(column, "required", f"{column} may not be empty."))
            target[key] = values
            parsed.rows[(name, key)] = row
    if parsed.plan:
        parsed.slug = parsed.plan["slug"]
    elif not any(e.code == "missing-sheet" for e in errors) and not any(e.sheet == "Plan" for e in errors):
        errors.append(SheetError("Plan", 2, "slug", "required", "The Plan sheet has no plan row."))
    return parsed


def _target(parsed: ParsedPlan, sheet: str) -> dict[Any, dict[str, Any]]:
    if sheet == "Plan":
        return _PlanSlot(parsed)
    return {
        "Organisations": parsed.organisations,
        "FocusAreas": parsed.focus_areas,
        "Periods": parsed.periods,
        "Initiatives": parsed.initiatives,
        "Indicators": parsed.indicators,
        "Milestones": parsed.milestones,
        "Targets": parsed.targets,
        "Fora": parsed.fora,
    }[sheet]  # type: ignore[return-value]


class _PlanSlot(dict[Any, dict[str, Any]]):
    """Lets the single Plan row go through the same code path as keyed sheets."""

    def __init__(self, parsed: ParsedPlan) -> None:
        super().__init__()
        self.parsed = parsed

    def __setitem__(self, key: Any, value: dict[str, Any]) -> None:
        self.parsed.plan = value


# ----------------------------------------------------------------------------------------------- merge


def merge_plan_data(current: dict[str, Any] | None, parsed: ParsedPlan) -> dict[str, Any]:
    """The current plan data with the workbook laid over it; nothing the workbook does not say changes."""
    merged: dict[str, Any] = (
        deepcopy(current)
        if current
        else {
            "plan": {},
            "organisations": [],
            "focus_areas": [],
            "periods": [],
            "initiatives": [],
        }
    )
    merged["plan"].update(parsed.plan)
    for key, incoming in (
        ("organisations", parsed.organisations),
        ("focus_areas", parsed.focus_areas),
        ("periods", parsed.periods),
    ):
        id_field = "label" if key == "periods" else "code"
        index = {item[id_field]: item for item in merged[key]}
        for code, values in incoming.items():
            if code in index:
                index[code].update(values)
            else:
                merged[key].append(dict(values))
    initiatives = {i["code"]: i for i in merged["initiatives"]}
    for code, values in parsed.initiatives.items():
        if code in initiatives:
            initiatives[code].update(values)
        else:
            initiatives[code] = {**values, "milestones": [], "indicators": []}
            merged["initiatives"].append(initiatives[code])
    indicators: dict[str, tuple[str, dict[str, Any]]] = {
        d["code"]: (i["code"], d) for i in merged["initiatives"] for d in i["indicators"]
    }
    for code, values in parsed.indicators.items():
        fields = {k: v for k, v in values.items() if k != "initiative"}
        if code in indicators:
            owner, existing = indicators[code]
            existing.update(fields)
            new_owner = values.get("initiative", owner)
            if new_owner != owner and new_owner in initiatives:
                initiatives[owner]["indicators"].remove(existing)
                initiatives[new_owner]["indicators"].append(existing)
                indicators[code] = (new_owner, existing)
        elif values.get("initiative") in initiatives:
            indicator = {**fields, "targets": [], "actuals": []}
            initiatives[values["initiative"]]["indicators"].append(indicator)
            indicators[code] = (values["initiative"], indicator)
    for (initiative_code, title), values in parsed.milestones.items():
        if initiative_code not in initiatives:
            continue
        existing_m = {m["title"]: m for m in initiatives[initiative_code]["milestones"]}
        fields = {k: v for k, v in values.items() if k not in ("initiative", "title")}
        if title in existing_m:
            existing_m[title].update(fields)
        else:
            initiatives[initiative_code]["milestones"].append({"title": title, **fields})
    for (indicator_code, period), values in parsed.targets.items():
        if indicator_code not in indicators:
            continue
        indicator = indicators[indicator_code][1]
        existing_t = {t["period"]: t for t in indicator["targets"]}
        if period in existing_t:
            existing_t[period]["value"] = values.get("value", existing_t[period]["value"])
        else:
            indicator["targets"].append({"period": period, "value": values.get("value")})
    fora = {f["code"]: f for f in merged.setdefault("fora", [])}
    for code, values in parsed.fora.items():
        if code in fora:
            fora[code].update(values)
        else:
            fora[code] = {"members": [], "initiatives": [], **values}
            merged["fora"].append(fora[code])
    return merged
