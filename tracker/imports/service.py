"""Importing a workbook: safety checks, recognising its kind, validating every row, then all or nothing.

- A hostile or unreadable file raises a TrackerError (4xx problem+json) and the database is unchanged:
  no batch is recorded either.
- A readable workbook always gets an `ImportBatch` row (dry runs and rejected imports too, so the
  uploader can fetch the annotated copy) and one audit event. Business tables change only when the
  import is real and every row is valid; any row error rejects the whole file.
- Plan workbooks go through `actionplan.loader.load_plan` (an upsert keyed by codes); its change list is
  the diff. Progress templates go through the same service functions as the API (`save_draft`,
  `submit_report`), so ownership, period locks, version checks and the audit trail are the workflow's own.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from typing import Any

from pydantic import ValidationError
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from actionplan.cells import SheetError
from actionplan.enums import ReportState
from actionplan.loader import load_plan
from actionplan.models import Indicator, Initiative, Organisation, ReportingPeriod
from actionplan.progress import IndicatorValue, ProgressReport
from actionplan.workbook import (
    check_plan,
    count_other_plan_initiatives,
    merge_plan_data,
    parse_plan_workbook,
    plan_data,
)
from tracker.audit.service import record
from tracker.auth.models import Role
from tracker.auth.service import Principal
from tracker.errors import Forbidden, NotFound, TrackerError
from tracker.imports.annotate import annotate_workbook
from tracker.imports.constants import BatchResult
from tracker.imports.models import ImportBatch
from tracker.imports.parse import (
    PLAN,
    REPORTS_SHEET,
    Grids,
    ParsedProgress,
    ReportRow,
    ValueRow,
    detect_kind,
    flagged_cells,
    parse_progress,
    read_grids,
)
from tracker.imports.safety import inspect_xlsx
from tracker.progress import schemas as progress_schemas
from tracker.progress import service as progress_service
from tracker.progress.workflow import is_period_locked
from tracker.settings import Settings

# How many changes a batch keeps and an answer lists (the counts are always complete).
MAX_LISTED_CHANGES = 1000
EDITABLE = frozenset({ReportState.DRAFT, ReportState.RETURNED})
Progress = Callable[[str, int, int], None]


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

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def message(self) -> str:
        if self.errors:
            return (
                f"{len(self.errors)} problem(s) in {self.rejected} row(s); nothing was imported. "
                "Download the annotated workbook to see them in place."
            )
        if self.result is BatchResult.NO_CHANGES:
            return "No changes: the database already holds exactly what this workbook says."
        verb = "would create" if self.dry_run else "created"
        verb2 = "update" if self.dry_run else "updated"
        return f"{verb} {self.created}, {verb2} {self.updated}, {self.unchanged} unchanged."


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def import_workbook(
    session: Session,
    principal: Principal,
    data: bytes,
    filename: str,
    *,
    dry_run: bool,
    submit: bool,
    now: datetime,
    settings: Settings | None = None,
    actor: str | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Check, read, validate and (unless dry_run or invalid) apply an uploaded workbook; flushes, never commits."""
    settings = settings or Settings()
    tick = progress or (lambda _stage, _done, _total: None)
    inspection = inspect_xlsx(data, max_bytes=settings.import_max_bytes, filename=filename)
    tick("read", 0, 1)
    grids = read_grids(data, inspection)
    kind = detect_kind(grids)
    if kind == PLAN and principal.role is not Role.SECRETARIAT:
        raise Forbidden("Only the secretariat may import a plan workbook.")
    if principal.role not in (Role.SECRETARIAT, Role.REPORTER):
        raise Forbidden(f"The role {principal.role.value!r} may not import workbooks.")
    tick("read", 1, 1)
    result = ImportResult(
        batch_id=None,
        kind=kind,
        filename=filename[:255],
        sha256=inspection.sha256,
        dry_run=dry_run,
        submit=submit,
        result=BatchResult.DRY_RUN if dry_run else BatchResult.APPLIED,
    )
    errors = flagged_cells(inspection, grids)
    if kind == PLAN:
        _import_plan(session, principal, grids, errors, result, now=now, actor=actor)
    else:
        _import_progress(session, principal, grids, errors, result, now=now, settings=settings, actor=actor, tick=tick)
    annotated: bytes | None = None
    if errors:
        errors.sort(key=lambda e: (e.sheet, e.row, e.column))
        result.errors = [e.as_dict() for e in errors]
        result.rejected = len({(e.sheet, e.row) for e in errors})
        result.result = BatchResult.REJECTED
        result.created = result.updated = 0
        tick("annotate", 0, 1)
        annotated = annotate_workbook(data, errors, grids)
    elif result.created == 0 and result.updated == 0:
        result.result = BatchResult.NO_CHANGES
    result.changes_total = len(result.changes)
    result.changes = result.changes[:MAX_LISTED_CHANGES]
    _record_batch(session, principal, result, annotated, now=now, actor=actor)
    tick("done", 1, 1)
    return result


def _record_batch(
    session: Session,
    principal: Principal,
    result: ImportResult,
    annotated: bytes | None,
    *,
    now: datetime,
    actor: str | None,
) -> None:
    batch = ImportBatch(
        sha256=result.sha256,
        kind=result.kind,
        filename=result.filename,
        actor=actor or principal.actor,
        organisation_id=principal.organisation_id or None,
        dry_run=result.dry_run,
        submit=result.submit,
        created=result.created,
        updated=result.updated,
        unchanged=result.unchanged,
        rejected=result.rejected,
        rows=result.rows,
        result=result.result,
        errors=result.errors,
        changes=result.changes,
        annotated=annotated,
        at=now,
    )
    session.add(batch)
    session.flush()
    result.batch_id = batch.id
    record(
        session,
        actor=actor or principal.actor,
        action="import.dry_run" if result.dry_run else f"import.{result.result.value}",
        entity="import_batch",
        entity_key=str(batch.id),
        at=now,
        organisation_id=principal.organisation_id or None,
        after={
            "kind": result.kind,
            "sha256": result.sha256,
            "filename": result.filename,
            "result": result.result.value,
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "rejected": result.rejected,
        },
    )


# ------------------------------------------------------------------------------------------------- plan


def _import_plan(
    session: Session,
    principal: Principal,
    grids: Grids,
    errors: list[SheetError],
    result: ImportResult,
    *,
    now: datetime,
    actor: str | None,
) -> None:
    parsed = parse_plan_workbook(grids)
    result.rows = parsed.row_count
    if parsed.slug is None:
        errors.extend(parsed.errors)
        return
    current = plan_data(session, parsed.slug)
    merged = merge_plan_data(current, parsed)
    other = count_other_plan_initiatives(session, parsed.slug, list(parsed.initiatives))
    check_plan(merged, parsed, other_plan_codes=other)
    errors.extend(parsed.errors)
    if errors:
        return
    # A savepoint: a dry run rolls back what the loader flushed, and so does any surprise from the database.
    nested = session.begin_nested()
    try:
        loaded = load_plan(session, merged)
    except (ValueError, KeyError, IntegrityError) as exc:
        nested.rollback()
        errors.append(SheetError("Plan", 0, "", "cannot-load", f"The plan could not be stored: {exc}"))
        return
    result.changes = [
        {"entity": c.entity, "key": c.key, "field": c.field, "old": _plain(c.old), "new": _plain(c.new)}
        for c in loaded.changes
    ]
    result.created, result.updated, result.unchanged = loaded.created, loaded.updated, loaded.unchanged
    if result.dry_run:
        nested.rollback()
        return
    nested.commit()
    by_entity: dict[tuple[str, str], tuple[dict[str, Any], dict[str, Any]]] = {}
    for change in loaded.changes:
        before, after = by_entity.setdefault((change.entity, change.key), ({}, {}))
        before[change.field] = _plain(change.old)
        after[change.field] = _plain(change.new)
    for (entity, key), (before, after) in by_entity.items():
        record(
            session,
            actor=actor or principal.actor,
            action="plan.import",
            entity=entity,
            entity_key=key,
            at=now,
            organisation_id=principal.organisation_id,
            before=before,
            after=after,
        )


# --------------------------------------------------------------------------------------------- progress


@dataclass
class _Initiative:
    initiative: Initiative
    lead_code: str
    periods: dict[str, ReportingPeriod]
    indicators: dict[str, Indicator]


@dataclass
class _Planned:
    """One report the workbook writes: its row, its payload, and how it compares with the database."""

    row: ReportRow
    info: _Initiative
    payload: progress_schemas.ReportInput
    report: ProgressReport | None
    content_changed: bool
    submit: bool
    value_rows: list[ValueRow]


def _load_initiatives(session: Session, codes: set[str]) -> dict[str, _Initiative]:
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
    result = {i.code: _Initiative(i, lead, periods.get(i.plan_id, {}), {}) for i, lead in rows}
    by_id = {info.initiative.id: info for info in result.values()}
    for indicator in session.exec(select(Indicator).where(col(Indicator.initiative_id).in_(list(by_id)))).all():
        by_id[indicator.initiative_id].indicators[indicator.code] = indicator
    return result


def _import_progress(
    session: Session,
    principal: Principal,
    grids: Grids,
    errors: list[SheetError],
    result: ImportResult,
    *,
    now: datetime,
    settings: Settings,
    actor: str | None,
    tick: Progress,
) -> None:
    parsed = parse_progress(grids)
    result.rows = parsed.row_count
    errors.extend(parsed.errors)
    codes = {r.initiative for r in parsed.reports} | {v.initiative for v in parsed.values}
    initiatives = _load_initiatives(session, codes)
    today = now.astimezone(settings.tz).date()
    planned = _plan_reports(session, principal, parsed, initiatives, errors, result, today=today, settings=settings)
    if errors or result.dry_run:
        return
    changed = [p for p in planned if p.content_changed or p.submit]
    nested = session.begin_nested()
    try:
        for n, item in enumerate(changed):
            tick("write", n, len(changed))
            _write_report(session, principal, item, now=now, settings=settings, actor=actor)
    except TrackerError as exc:
        nested.rollback()
        errors.append(item.row.row.error("initiative", exc.problem_type, exc.detail))
        return
    nested.commit()
    tick("write", len(changed), len(changed))


def _write_report(
    session: Session, principal: Principal, item: _Planned, *, now: datetime, settings: Settings, actor: str | None
) -> None:
    code, period = item.row.initiative, item.row.period
    on_behalf_of = item.info.lead_code if principal.role is Role.SECRETARIAT else None
    version = item.report.version if item.report is not None else None
    if item.content_changed:
        report = progress_service.save_draft(
            session,
            principal,
            code,
            period,
            item.payload,
            now=now,
            if_match=version,
            settings=settings,
            on_behalf_of=on_behalf_of,
            actor=actor,
        )
        version = report.version
    if item.submit:
        progress_service.submit_report(
            session,
            principal,
            code,
            period,
            now=now,
            if_match=version,
            settings=settings,
            on_behalf_of=on_behalf_of,
            actor=actor,
        )


_FIELD_COLUMNS = {
    "status": "status",
    "narrative": "narrative",
    "next_steps": "next_steps",
    "risks": "risks",
    "explanation": "explanation",
    "spent_dkk": "spent_dkk",
}


def _plan_reports(
    session: Session,
    principal: Principal,
    parsed: ParsedProgress,
    initiatives: dict[str, _Initiative],
    errors: list[SheetError],
    result: ImportResult,
    *,
    today: date,
    settings: Settings,
) -> list[_Planned]:
    """Validate every row against the database and work out what would change; no writes."""
    values_by_report: dict[tuple[str, str], list[ValueRow]] = {}
    for value in parsed.values:
        values_by_report.setdefault((value.initiative, value.period), []).append(value)
    report_keys = parsed.report_keys
    for key, rows in values_by_report.items():
        if key in parsed.blank_reports:
            errors.append(
                parsed.blank_reports[key].error(
                    "status", "required", f"Values are reported for {key[0]}: choose its status too."
                )
            )
            continue
        if key not in report_keys:
            for v in rows:
                errors.append(
                    v.row.error(
                        "initiative",
                        "no-report-row",
                        f"{key[0]} {key[1]} has no row in {REPORTS_SHEET!r}; values belong to a report.",
                    )
                )
    # Existing reports and their values, in two queries.
    pairs: list[tuple[int, int]] = []
    for r in parsed.reports:
        info = initiatives.get(r.initiative)
        if info and r.period in info.periods and info.initiative.id and info.periods[r.period].id:
            pairs.append((info.initiative.id, info.periods[r.period].id or 0))
    existing: dict[tuple[int, int], ProgressReport] = {}
    if pairs:
        initiative_ids = {p[0] for p in pairs}
        for found in session.exec(
            select(ProgressReport).where(col(ProgressReport.initiative_id).in_(sorted(initiative_ids)))
        ).all():
            existing[(found.initiative_id, found.period_id)] = found
    stored_values: dict[int, dict[tuple[int, str], IndicatorValue]] = {}
    report_ids = [r.id for r in existing.values() if r.id is not None]
    if report_ids:
        for iv in session.exec(select(IndicatorValue).where(col(IndicatorValue.report_id).in_(report_ids))).all():
            stored_values.setdefault(iv.report_id, {})[(iv.indicator_id, iv.category)] = iv

    planned: list[_Planned] = []
    for r in parsed.reports:
        row = r.row
        info = initiatives.get(r.initiative)
        value_rows = values_by_report.get((r.initiative, r.period), [])
        if info is None:
            errors.append(row.error("initiative", "unknown-initiative", f"No initiative {r.initiative!r}."))
            continue
        acting = r.organisation or (principal.organisation_code if principal.role is Role.REPORTER else None)
        if principal.role is Role.REPORTER and acting != principal.organisation_code:
            errors.append(
                row.error(
                    "organisation",
                    "not-your-organisation",
                    f"You report for {principal.organisation_code}, not {acting}.",
                )
            )
            continue
        if info.lead_code != (acting or info.lead_code) or (
            principal.role is Role.REPORTER and info.lead_code != principal.organisation_code
        ):
            errors.append(
                row.error(
                    "initiative",
                    "not-your-initiative",
                    f"{r.initiative} is led by {info.lead_code}; only its lead reports on it.",
                )
            )
            continue
        period = info.periods.get(r.period)
        if period is None or period.id is None:
            errors.append(row.error("period", "unknown-period", f"No reporting period {r.period!r} in this plan."))
            continue
        locked = is_period_locked(period.state, period.due, today, settings.period_autolock_days)
        report = existing.get((info.initiative.id or 0, period.id))
        stored = stored_values.get(report.id or 0, {}) if report else {}
        values_ok = True
        value_inputs: list[dict[str, Any]] = []
        for v in value_rows:
            indicator = info.indicators.get(v.indicator)
            if indicator is None:
                errors.append(
                    v.row.error(
                        "indicator", "unknown-indicator", f"{v.indicator!r} is not an indicator of {r.initiative}."
                    )
                )
                values_ok = False
                continue
            if v.category and v.category not in indicator.categories():
                allowed = ", ".join(indicator.categories()) or "only the total"
                errors.append(
                    v.row.error("category", "unknown-category", f"{v.category!r} is not a category ({allowed}).")
                )
                values_ok = False
                continue
            value_inputs.append(
                {"indicator": v.indicator, "category": v.category, "value": v.value, "comment": v.comment}
            )
        if not values_ok:
            continue
        base = {
            "status": report.status if report else None,
            "narrative": report.narrative if report else "",
            "next_steps": report.next_steps if report else "",
            "risks": report.risks if report else "",
            "explanation": report.explanation if report else "",
            "spent_dkk": report.spent_dkk if report else None,
            "forecast_status": report.forecast_status if report else None,
            "forecast_note": report.forecast_note if report else "",
        }
        content = {**base, **r.fields, "status": r.status}
        try:
            payload = progress_schemas.ReportInput.model_validate(
                {
                    **content,
                    "indicator_values": value_inputs,
                }
            )
        except ValidationError as exc:
            for problem in exc.errors():
                location = [str(part) for part in problem.get("loc", ())]
                column = _FIELD_COLUMNS.get(location[0], "status") if location else "status"
                if location and location[0] == "indicator_values" and len(location) > 1 and location[1].isdigit():
                    v = value_rows[int(location[1])]
                    errors.append(v.row.error("value" if "value" in location else "comment", "invalid", problem["msg"]))
                else:
                    errors.append(row.error(column, "invalid", str(problem["msg"]).removeprefix("Value error, ")))
            continue
        changes = _report_changes(r, report, payload, stored, info, result)
        content_changed = bool(changes)
        wants_submit = result.submit and (report is None or report.state in EDITABLE or content_changed)
        if (content_changed or wants_submit) and locked:
            errors.append(
                row.error("period", "period-locked", f"The period {r.period} is locked; no data can be entered.")
            )
            continue
        if content_changed and report is not None and report.state not in EDITABLE:
            errors.append(
                row.error(
                    "status",
                    "report-not-editable",
                    f"The report for {r.initiative} {r.period} is {report.state}; it can no longer be changed here.",
                )
            )
            continue
        result.changes.extend(changes)
        if wants_submit and report is not None and report.state in EDITABLE and not content_changed:
            result.changes.append(
                {
                    "sheet": REPORTS_SHEET,
                    "row": row.number,
                    "key": f"{r.initiative} {r.period}",
                    "field": "state",
                    "old": _plain(report.state),
                    "new": ReportState.SUBMITTED.value,
                }
            )
        _count(result, report, value_rows, stored, info, content_changed, wants_submit, payload)
        planned.append(_Planned(r, info, payload, report, content_changed, wants_submit, value_rows))
    return planned


def _report_changes(
    r: ReportRow,
    report: ProgressReport | None,
    payload: progress_schemas.ReportInput,
    stored: dict[tuple[int, str], IndicatorValue],
    info: _Initiative,
    result: ImportResult,
) -> list[dict[str, Any]]:
    """The cell-level diff of one report row and its value rows against the database."""
    key = f"{r.initiative} {r.period}"
    changes: list[dict[str, Any]] = []
    if report is None:
        changes.append(
            {"sheet": REPORTS_SHEET, "row": r.row.number, "key": key, "field": "*", "old": None, "new": "created"}
        )
    else:
        for name in ("status", "narrative", "next_steps", "risks", "explanation", "spent_dkk"):
            old, new = _plain(getattr(report, name)), _plain(getattr(payload, name))
            if old != new and not (
                isinstance(old, (int, float)) and isinstance(new, (int, float)) and float(old) == float(new)
            ):
                changes.append(
                    {"sheet": REPORTS_SHEET, "row": r.row.number, "key": key, "field": name, "old": old, "new": new}
                )
    wanted = {(info.indicators[v.indicator].id, v.category): v for v in payload.indicator_values}
    for (indicator_id, category), v in wanted.items():
        old_value = stored.get((indicator_id or 0, category))
        label = f"{key} {v.indicator}" + (f" {category}" if category else "")
        if old_value is None:
            changes.append({"sheet": "Indikatorer", "key": label, "field": "value", "old": None, "new": v.value})
        elif float(old_value.value) != float(v.value) or old_value.comment != v.comment:
            changes.append(
                {"sheet": "Indikatorer", "key": label, "field": "value", "old": old_value.value, "new": v.value}
            )
    codes = {i.id: code for code, i in info.indicators.items()}
    for (indicator_id, category), iv in stored.items():
        if (indicator_id, category) not in wanted:
            label = f"{key} {codes.get(indicator_id, indicator_id)}" + (f" {category}" if category else "")
            changes.append({"sheet": "Indikatorer", "key": label, "field": "value", "old": iv.value, "new": None})
    return changes


def _count(
    result: ImportResult,
    report: ProgressReport | None,
    value_rows: list[ValueRow],
    stored: dict[tuple[int, str], IndicatorValue],
    info: _Initiative,
    content_changed: bool,
    wants_submit: bool,
    payload: progress_schemas.ReportInput,
) -> None:
    """Counts per row: the report row, then each value row (created, updated or unchanged)."""
    if report is None:
        result.created += 1
    elif content_changed or wants_submit:
        result.updated += 1
    else:
        result.unchanged += 1
    for v in value_rows:
        old = stored.get((info.indicators[v.indicator].id or 0, v.category))
        if old is None:
            result.created += 1
        elif float(old.value) != v.value or old.comment != v.comment:
            result.updated += 1
        else:
            result.unchanged += 1


def get_batch(session: Session, principal: Principal, batch_id: int) -> ImportBatch:
    """One import batch; reporters see only their own organisation's."""
    batch = session.get(ImportBatch, batch_id)
    if batch is None or (principal.role is not Role.SECRETARIAT and batch.organisation_id != principal.organisation_id):
        raise NotFound(f"No import batch {batch_id}.")
    return batch
