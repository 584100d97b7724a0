"""Importing a progress template: compare its parsed rows with the stored reports and plan the write.

Two reads (the initiatives the file names, with their periods and indicators; then their stored reports and
values) in one short transaction, then planning without the database: every row checked against the workflow's
rules (ownership, period locks, editable states) and the cell-level diff worked out (`report_diff`). What it
returns holds the errors, the diff and counts, the versions read (the preview's basis) and the writer that
`tracker.imports.bulk` runs in the final transaction.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Text, cast
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from actionplan.cells import SheetError
from actionplan.enums import ReportState
from actionplan.models import Indicator, Initiative, Organisation, ReportingPeriod
from actionplan.progress import IndicatorValue, ProgressReport
from tracker.audit.service import jsonable
from tracker.auth.models import Role
from tracker.auth.service import Principal
from tracker.errors import TrackerError
from tracker.imports import bulk
from tracker.imports.parse import REPORTS_SHEET, ParsedProgress, ReportRow, ValueRow
from tracker.imports.report_diff import (
    CONTENT,
    KEPT,
    Checked,
    IndicatorInfo,
    InitiativeInfo,
    Payload,
    Stored,
    report_changes,
    report_payload,
    row_counts,
)
from tracker.imports.result import Progress, RowRejected, Tally
from tracker.imports.transactions import Transaction
from tracker.progress.context import CONTENT_FIELDS, InitiativeRef, plain_report
from tracker.progress.workflow import is_period_locked
from tracker.settings import Settings

EDITABLE = frozenset({ReportState.DRAFT, ReportState.RETURNED})
_REPORTS = ProgressReport.__table__  # type: ignore[attr-defined]
_VALUES = IndicatorValue.__table__  # type: ignore[attr-defined]


@dataclass
class Planned:
    """One report the workbook writes: its row, its payload, and how it compares with the database."""

    row: ReportRow
    info: InitiativeInfo
    payload: Payload | None
    report: ProgressReport | None
    content_changed: bool
    submit: bool


@dataclass
class RowPlan:
    """One report row against the database: what it writes (`planned`), or the errors that refuse it."""

    planned: Planned | None = None
    errors: list[SheetError] = field(default_factory=list)
    tally: Tally = field(default_factory=Tally)
    # The stored version the row was compared with, once its report is known ("initiative period" -> version).
    basis: dict[str, int | None] = field(default_factory=dict)


@dataclass
class ProgressCheck:
    """A progress template checked against the database (see the module's docstring)."""

    errors: list[SheetError] = field(default_factory=list)
    tally: Tally = field(default_factory=Tally)
    basis: dict[str, int | None] = field(default_factory=dict)
    concerns: set[str] = field(default_factory=set)
    planned: list[Planned] = field(default_factory=list)
    # Writes the planned reports in the final transaction (None: errors, a dry run, or nothing to write).
    writer: Callable[[Session], None] | None = None


def check_progress(
    transaction: "Transaction[Any]",
    principal: Principal,
    parsed: ParsedProgress,
    *,
    refused: bool,
    dry_run: bool,
    submit: bool,
    now: datetime,
    settings: Settings,
    actor: str | None,
    tick: Progress,
) -> ProgressCheck:
    """Check a parsed progress template against the database; `refused`: the file has errors already."""
    codes = {r.initiative for r in parsed.reports} | {v.initiative for v in parsed.values}

    def snapshot(session: Session) -> tuple[dict[str, InitiativeInfo], dict[tuple[int, int], ProgressReport], Any]:
        initiatives = load_initiatives(session, codes)
        existing, stored = existing_reports(session, initiatives)
        return initiatives, existing, stored

    initiatives, existing, stored = transaction(snapshot)
    today = now.astimezone(settings.tz).date()
    check = plan_reports(
        principal, parsed, initiatives, existing, stored, submit=submit, today=today, settings=settings
    )
    check.concerns = (
        {principal.organisation_code}
        if principal.role is Role.REPORTER
        else {info.lead_code for info in initiatives.values()}
    )
    if refused or check.errors or dry_run:
        return check
    items = [_bulk_item(p) for p in check.planned if p.content_changed or p.submit]

    def write(session: Session) -> None:
        bulk.write_reports(session, principal, items, now=now, settings=settings, actor=actor, tick=tick)

    check.writer = write
    return check


def load_initiatives(session: Session, codes: set[str]) -> dict[str, InitiativeInfo]:
    """The initiatives named in the file with their lead, periods and indicators (plain columns: fast)."""
    if not codes:
        return {}
    rows = session.exec(
        select(Initiative, Organisation.code)
        .join(Organisation, col(Organisation.id) == Initiative.lead_id)
        .where(col(Initiative.code).in_(sorted(codes)))
    ).all()
    plan_ids = {i.plan_id for i, _ in rows}
    periods: dict[int, dict[str, ReportingPeriod]] = {}
    for period in session.exec(select(ReportingPeriod).where(col(ReportingPeriod.plan_id).in_(plan_ids))).all():
        periods.setdefault(period.plan_id, {})[period.label] = period
    result = {i.code: InitiativeInfo(i, lead, periods.get(i.plan_id, {}), {}) for i, lead in rows}
    by_id = {info.initiative.id: info for info in result.values()}
    # The disaggregation read as its JSON text and decoded once per distinct text (a plan's indicators share a
    # handful: 11,000 decodes and category sets were half of this function's time).
    categories_of: dict[str | None, frozenset[str]] = {}
    for indicator_id, code, initiative_id, disaggregation in session.exec(
        select(Indicator.id, Indicator.code, Indicator.initiative_id, cast(col(Indicator.disaggregation), Text)).where(
            col(Indicator.initiative_id).in_(list(by_id))
        )
    ).all():
        categories = categories_of.get(disaggregation)
        if categories is None:
            dimensions = json.loads(disaggregation) if disaggregation is not None else None
            categories = frozenset(f"{dim}:{v}" for dim, values in (dimensions or {}).items() for v in values)
            categories_of[disaggregation] = categories
        by_id[initiative_id].indicators[code] = IndicatorInfo(indicator_id or 0, categories)
    return result


def existing_reports(
    session: Session, initiatives: dict[str, InitiativeInfo]
) -> tuple[dict[tuple[int, int], ProgressReport], dict[int, Stored]]:
    """The stored reports of the file's initiatives (as plain data: `plain_report`) and their values, in two
    queries on the session's connection (ORM objects for 1,000 reports and rows for 50,000 values through the
    ORM's result took twice as long)."""
    initiative_ids = sorted({info.initiative.id for info in initiatives.values() if info.initiative.id})
    reports: dict[tuple[int, int], ProgressReport] = {}
    connection = session.connection()
    if initiative_ids:
        for row in (
            connection.execute(sa_select(_REPORTS).where(_REPORTS.c.initiative_id.in_(initiative_ids))).mappings().all()
        ):
            reports[(row["initiative_id"], row["period_id"])] = plain_report(dict(row))
    stored: dict[int, Stored] = {}
    report_ids = [r.id for r in reports.values() if r.id is not None]
    if report_ids:
        current: int | None = None
        group: Stored = {}
        for report_id, indicator_id, category, value, comment in connection.execute(
            sa_select(
                _VALUES.c.report_id, _VALUES.c.indicator_id, _VALUES.c.category, _VALUES.c.value, _VALUES.c.comment
            ).where(_VALUES.c.report_id.in_(report_ids))
        ).all():
            if report_id != current:
                current = report_id
                group = stored.setdefault(report_id, {})
            group[(indicator_id, category)] = (value, comment)
    return reports, stored


def plan_reports(
    principal: Principal,
    parsed: ParsedProgress,
    initiatives: dict[str, InitiativeInfo],
    existing: dict[tuple[int, int], ProgressReport],
    stored_values: dict[int, Stored],
    *,
    submit: bool,
    today: date,
    settings: Settings,
) -> ProgressCheck:
    """Validate every row against the database and work out what would change; no writes."""
    check = ProgressCheck()
    errors = check.errors
    values_by_report: dict[tuple[str, str], list[ValueRow]] = {}
    # A report's value rows usually follow each other: its list is looked up when the report changes.
    current: tuple[str, str] | None = None
    group: list[ValueRow] = []
    for value in parsed.values:
        if current is None or value.initiative != current[0] or value.period != current[1]:
            current = (value.initiative, value.period)
            group = values_by_report.setdefault(current, [])
        group.append(value)
    for key, rows in values_by_report.items():
        if key in parsed.blank_reports:
            errors.append(
                parsed.blank_reports[key].error(
                    "status", "required", f"Values are reported for {key[0]}: choose its status too."
                )
            )
        elif key not in parsed.report_keys:
            for v in rows:
                errors.append(
                    v.row.error(
                        "initiative",
                        "no-report-row",
                        f"{key[0]} {key[1]} has no row in {REPORTS_SHEET!r}; values belong to a report.",
                    )
                )
    checked: Checked = ({}, {})
    for r in parsed.reports:
        one = plan_row(
            principal,
            r,
            initiatives.get(r.initiative),
            values_by_report.get((r.initiative, r.period), []),
            existing,
            stored_values,
            submit=submit,
            today=today,
            settings=settings,
            checked=checked,
        )
        errors.extend(one.errors)
        check.basis.update(one.basis)
        check.tally.add(one.tally)
        if one.planned is not None:
            check.planned.append(one.planned)
    return check


def plan_row(
    principal: Principal,
    r: ReportRow,
    info: InitiativeInfo | None,
    value_rows: list[ValueRow],
    existing: dict[tuple[int, int], ProgressReport],
    stored_values: dict[int, Stored],
    *,
    submit: bool,
    today: date,
    settings: Settings,
    checked: Checked | None = None,
) -> RowPlan:
    """One report row and its value rows against the database: what it would write, or why it cannot."""
    row = r.row
    if info is None:
        return RowPlan(errors=[row.error("initiative", "unknown-initiative", f"No initiative {r.initiative!r}.")])
    acting = r.organisation or (principal.organisation_code if principal.role is Role.REPORTER else None)
    if principal.role is Role.REPORTER and acting != principal.organisation_code:
        message = f"You report for {principal.organisation_code}, not {acting}."
        return RowPlan(errors=[row.error("organisation", "not-your-organisation", message)])
    if info.lead_code != (acting or info.lead_code) or (
        principal.role is Role.REPORTER and info.lead_code != principal.organisation_code
    ):
        message = f"{r.initiative} is led by {info.lead_code}; only its lead reports on it."
        return RowPlan(errors=[row.error("initiative", "not-your-initiative", message)])
    period = info.periods.get(r.period)
    if period is None or period.id is None:
        return RowPlan(
            errors=[row.error("period", "unknown-period", f"No reporting period {r.period!r} in this plan.")]
        )
    report = existing.get((info.initiative.id or 0, period.id))
    plan = RowPlan(basis={f"{r.initiative} {r.period}": report.version if report is not None else None})
    stored = stored_values.get(report.id or 0, {}) if report else {}
    wanted: dict[tuple[int, str], ValueRow] = {}
    indicators = info.indicators
    for v in value_rows:
        indicator = indicators.get(v.indicator)
        if indicator is None:
            plan.errors.append(
                v.row.error("indicator", "unknown-indicator", f"{v.indicator!r} is not an indicator of {r.initiative}.")
            )
        elif v.category and v.category not in indicator.categories:
            allowed = ", ".join(sorted(indicator.categories)) or "only the total"
            plan.errors.append(
                v.row.error("category", "unknown-category", f"{v.category!r} is not a category ({allowed}).")
            )
        else:
            wanted[(indicator.id, v.category)] = v
    if plan.errors:
        return plan
    content: dict[str, Any] = {name: jsonable(getattr(report, name)) if report else None for name in CONTENT + KEPT}
    if report is None:
        content.update(narrative="", next_steps="", risks="", explanation="", forecast_note="")
    content.update(r.fields, status=r.status)
    changes, values = report_changes(r, report, content, wanted, stored, info)
    content_changed = bool(changes)
    payload: Payload | None = None
    if content_changed:
        # Only new or changed content is validated (what the database holds passed the same rules).
        payload, plan.errors = report_payload(r, content, value_rows, checked)
        if payload is None:
            return plan
    wants_submit = submit and (report is None or report.state in EDITABLE or content_changed)
    locked = is_period_locked(period.state, period.due, today, settings.period_autolock_days)
    if (content_changed or wants_submit) and locked:
        message = f"The period {r.period} is locked; no data can be entered."
        plan.errors.append(row.error("period", "period-locked", message))
        return plan
    if content_changed and report is not None and report.state not in EDITABLE:
        message = f"The report for {r.initiative} {r.period} is {report.state}; it can no longer be changed here."
        plan.errors.append(row.error("status", "report-not-editable", message))
        return plan
    if wants_submit and report is not None and not content_changed:
        changes.append(
            {
                "sheet": REPORTS_SHEET,
                "row": row.number,
                "key": f"{r.initiative} {r.period}",
                "field": "state",
                "old": jsonable(report.state),
                "new": ReportState.SUBMITTED.value,
            }
        )
    plan.tally = row_counts(report, values, content_changed or wants_submit)
    plan.tally.changes = changes
    plan.planned = Planned(r, info, payload, report, content_changed, wants_submit)
    return plan


def _bulk_item(planned: Planned) -> bulk.Item:
    """What `bulk.write_reports` needs of one planned report (the validated payload's content and values)."""
    info, row = planned.info, planned.row
    initiative = info.initiative
    assert initiative.id is not None
    ref = InitiativeRef(initiative.id, initiative.code, initiative.plan_id, initiative.lead_id)
    fields: dict[str, Any] | None = None
    values: dict[tuple[int, str], tuple[float, str]] = {}
    payload = planned.payload
    if planned.content_changed:
        assert payload is not None
        fields = {name: getattr(payload.content, name) for name in CONTENT_FIELDS}
        ids = {code: i.id for code, i in info.indicators.items()}
        values = {
            (ids[indicator], category): (value, comment) for indicator, category, value, comment in payload.values
        }

    def fail(exc: TrackerError) -> Exception:
        return RowRejected(row.row.error("initiative", exc.problem_type, exc.detail))

    return bulk.Item(
        initiative=ref,
        period_label=row.period,
        lead_code=info.lead_code,
        version=planned.report.version if planned.report is not None else None,
        fields=fields,
        values=values,
        codes={i.id: code for code, i in info.indicators.items()},
        submit=planned.submit,
        fail=fail,
    )
