"""Check a merged plan before it is loaded: references between sheets (lead, partners, focus areas, indicators,
periods, fora members and initiatives), codes used by another plan, and limits; every problem an error with its
sheet, row and column."""

from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from actionplan.cells import (
    SheetRow,
)
from actionplan.models import (
    Initiative,
    Plan,
)
from actionplan.workbook.layout import (
    JSON_NAME,
    REQUIRED_FOR_NEW,
    ParsedPlan,
)


def check_plan(merged: dict[str, Any], parsed: ParsedPlan, *, other_plan_codes: set[str] | None = None) -> None:
    """Check references, required fields and date order of what the workbook brings; appends to errors."""
    errors = parsed.errors
    orgs = {o["code"] for o in merged["organisations"]}
    areas = {a["code"] for a in merged["focus_areas"]}
    periods = {p["label"]: p for p in merged["periods"]}
    initiatives = {i["code"]: i for i in merged["initiatives"]}
    indicators = {d["code"] for i in merged["initiatives"] for d in i["indicators"]}

    def row(sheet: str, key: Any) -> SheetRow:
        return parsed.rows[(sheet, key)]

    def need(sheet: str, key: Any, entity: dict[str, Any], columns: list[str]) -> None:
        for column in columns:
            name = JSON_NAME.get(column, column) if sheet in ("Plan", "Periods", "Initiatives") else column
            if entity.get(name) is None:
                errors.append(row(sheet, key).error(column, "required", f"A new row needs {column}."))

    p = merged["plan"]
    if parsed.plan:
        need("Plan", parsed.plan["slug"], p, REQUIRED_FOR_NEW["Plan"])
        if p.get("starts") and p.get("ends") and p["ends"] < p["starts"]:
            errors.append(row("Plan", parsed.plan["slug"]).error("end", "date-order", "end is before start."))
    for code in parsed.organisations:
        entity = next(o for o in merged["organisations"] if o["code"] == code)
        need("Organisations", code, entity, REQUIRED_FOR_NEW["Organisations"])
    for code in parsed.focus_areas:
        need("FocusAreas", code, next(a for a in merged["focus_areas"] if a["code"] == code), ["title_da"])
    for label in parsed.periods:
        period = periods[label]
        need("Periods", label, period, REQUIRED_FOR_NEW["Periods"])
        if period.get("starts") and period.get("ends") and period["ends"] < period["starts"]:
            errors.append(row("Periods", label).error("end", "date-order", "end is before start."))
        if period.get("ends") and period.get("due") and period["due"] < period["ends"]:
            errors.append(row("Periods", label).error("due", "date-order", "due is before end."))
    for code, values in parsed.initiatives.items():
        initiative = initiatives[code]
        r = row("Initiatives", code)
        need("Initiatives", code, initiative, REQUIRED_FOR_NEW["Initiatives"])
        if other_plan_codes and code in other_plan_codes:
            errors.append(r.error("code", "code-in-other-plan", f"{code} belongs to another plan."))
        if "focus_area" in values and values["focus_area"] and values["focus_area"] not in areas:
            errors.append(
                r.error(
                    "focus_area",
                    "unknown-focus-area",
                    f"No focus area {values['focus_area']!r}." + _hint(values["focus_area"], areas),
                )
            )
        if "lead" in values and values["lead"] and values["lead"] not in orgs:
            errors.append(
                r.error(
                    "lead", "unknown-organisation", f"No organisation {values['lead']!r}." + _hint(values["lead"], orgs)
                )
            )
        for partner in values.get("partners", []):
            if partner not in orgs:
                errors.append(
                    r.error("partners", "unknown-organisation", f"No organisation {partner!r}." + _hint(partner, orgs))
                )
        starts, deadline = initiative.get("starts"), initiative.get("deadline")
        if isinstance(starts, date) and isinstance(deadline, date) and deadline < starts:
            errors.append(r.error("deadline", "date-order", "deadline is before start."))
        if (initiative.get("budget_dkk") or 0) < 0:
            errors.append(r.error("budget_dkk", "negative", "budget_dkk cannot be negative."))
    for code, values in parsed.indicators.items():
        r = row("Indicators", code)
        if values.get("initiative") and values["initiative"] not in initiatives:
            errors.append(r.error("initiative", "unknown-initiative", f"No initiative {values['initiative']!r}."))
        elif code not in indicators:
            errors.append(r.error("initiative", "required", "A new indicator needs its initiative."))
        else:
            owner = next(d for i in merged["initiatives"] for d in i["indicators"] if d["code"] == code)
            need(
                "Indicators",
                code,
                {**owner, "initiative": values.get("initiative", "?")},
                REQUIRED_FOR_NEW["Indicators"],
            )
    for key in parsed.milestones:
        if key[0] not in initiatives:
            errors.append(
                row("Milestones", key).error("initiative", "unknown-initiative", f"No initiative {key[0]!r}.")
            )
        elif parsed.milestones[key].get("due") is None:
            existing = [m for m in initiatives[key[0]]["milestones"] if m["title"] == key[1]]
            if not existing or existing[0].get("due") is None:
                errors.append(row("Milestones", key).error("due", "required", "A new milestone needs its due date."))
    for key, values in parsed.targets.items():
        r = row("Targets", key)
        if key[0] not in indicators:
            errors.append(r.error("indicator", "unknown-indicator", f"No indicator {key[0]!r}."))
        if key[1] not in periods:
            errors.append(r.error("period", "unknown-period", f"No reporting period {key[1]!r}."))
        if values.get("value") is None:
            errors.append(r.error("value", "required", "A target needs a value."))
    fora = {f["code"]: f for f in merged.get("fora", [])}
    for code, values in parsed.fora.items():
        r = row("Fora", code)
        need("Fora", code, fora[code], REQUIRED_FOR_NEW["Fora"])
        secretariat = values.get("secretariat")
        if secretariat and secretariat not in orgs:
            errors.append(
                r.error(
                    "secretariat",
                    "unknown-organisation",
                    f"No organisation {secretariat!r}." + _hint(secretariat, orgs) + _ADD_ORGANISATION,
                )
            )
        for member in values.get("members", []):
            if member not in orgs:
                errors.append(
                    r.error(
                        "members",
                        "unknown-organisation",
                        f"No organisation {member!r}." + _hint(member, orgs) + _ADD_ORGANISATION,
                    )
                )
        for followed in values.get("initiatives", []):
            if followed not in initiatives:
                errors.append(
                    r.error(
                        "initiatives",
                        "unknown-initiative",
                        f"No initiative {followed!r} in this plan." + _hint(followed, set(initiatives)),
                    )
                )


# Members outside the plan (companies, foreign authorities) are organisations of kind `external`.
_ADD_ORGANISATION = " Add it on the Organisations sheet first (kind external for members outside the plan)."


def _hint(typed: str, known: set[str]) -> str:
    """' Did you mean ...?' when the code differs only in case or spaces."""
    wanted = typed.replace(" ", "").lower()
    matches = [code for code in known if code.replace(" ", "").lower() == wanted]
    return f" Did you mean {matches[0]!r}?" if matches else ""


def count_other_plan_initiatives(session: Session, slug: str, codes: list[str]) -> set[str]:
    """Codes among `codes` that already belong to an initiative of another plan."""
    if not codes:
        return set()
    rows = session.exec(
        select(Initiative.code)
        .join(Plan, col(Plan.id) == Initiative.plan_id)
        .where(col(Initiative.code).in_(codes), Plan.slug != slug)
    ).all()
    return set(rows)
