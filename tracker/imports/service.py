"""Importing a workbook: safety checks, recognising its kind, validating every row, then all or nothing.

- A hostile or unreadable file raises a TrackerError (4xx problem+json) and the database is unchanged:
  no batch is recorded either.
- A readable workbook always gets an `ImportBatch` row (dry runs and rejected imports too, so the
  uploader can fetch the annotated copy) and one audit event. Business tables change only when the
  import is real and every row is valid; any row error rejects the whole file.
- Plan workbooks go through `actionplan.loader.load_plan` (an upsert keyed by codes); its change list is
  the diff. Progress templates are written in bulk (`tracker.imports.bulk`) with the workflow's own rules
  (`next_state`, `authorize_write`, `check_version`), storing what `save_draft` and `submit_report` store, so
  ownership, period locks, version checks and the audit trail are the workflow's own.
- Long work never holds the database: the file is checked, read and validated, and an annotated copy is
  made, outside any transaction; the database is touched in short transactions only (a read of what the file
  refers to, then one transaction that writes everything and records the batch). A report changed by someone
  else in between fails its version check, and the whole file is rejected, as for any other error.
"""

import gc
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from pydantic import ValidationError
from sqlalchemy import Engine, delete, or_
from sqlalchemy import select as sa_select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from actionplan import cpr
from actionplan.cells import SheetError
from actionplan.enums import ReportState
from actionplan.loader import load_plan
from actionplan.models import Indicator, Initiative, Organisation, ReportingPeriod
from actionplan.progress import IndicatorValue, ProgressReport
from actionplan.workbook import (
    check_plan,
    count_other_plan_initiatives,
    merge_plan_data,
    new_plan_data,
    parse_plan_workbook,
    plan_data,
)
from tracker.audit.service import jsonable, record
from tracker.auth.access import may_read_batch
from tracker.auth.models import Role
from tracker.auth.service import Principal
from tracker.db import session_scope
from tracker.errors import Conflict, Forbidden, NotFound, TrackerError
from tracker.imports import bulk
from tracker.imports.annotate import annotate_workbook
from tracker.imports.constants import BatchResult
from tracker.imports.models import ImportBatch
from tracker.imports.parse import (
    PLAN,
    REPORTS_SHEET,
    VALUES_SHEET,
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
from tracker.imports.screening import (
    blanked_cells,
    personal_data_cells,
    redacted,
    sheets_read,
    unread_sheet_warnings,
)
from tracker.memory import release_memory
from tracker.progress import schemas as progress_schemas
from tracker.progress.context import CONTENT_FIELDS, FORECAST_FIELDS, TEMPLATE_FIELDS, InitiativeRef
from tracker.progress.workflow import is_period_locked
from tracker.settings import Settings

# How many changes a batch keeps and an answer lists (the counts are always complete).
MAX_LISTED_CHANGES = 1000
# How many problems a batch keeps, an answer lists and the annotated copy marks (the count is always
# complete). A file with more is the wrong file; marking 50,000 cells took 46 s and 18 MB per upload.
MAX_LISTED_ERRORS = 1000
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


class ImportStale(Conflict):
    """The real run of a previewed file would not do what its preview showed: the data changed in between."""

    problem_type = "import-stale"
    title = "The data changed since the preview"


T = TypeVar("T")
# Runs a function in one short transaction and returns its result (commits, or rolls back on an exception).
Transaction = Callable[[Callable[[Session], T]], T]


def engine_transactions(engine: Engine) -> "Transaction[Any]":
    """Each call its own committed transaction on `engine` (the CLI, jobs)."""

    def run(work: Callable[[Session], T]) -> T:
        with session_scope(engine) as session:
            return work(session)

    return run


def savepoints(session: Session) -> "Transaction[Any]":
    """Each call a savepoint in the caller's session (flushed, never committed)."""

    def run(work: Callable[[Session], T]) -> T:
        nested = session.begin_nested()
        try:
            value = work(session)
        except BaseException:
            nested.rollback()
            raise
        nested.commit()
        return value

    return run


@dataclass
class _Read:
    """What a workbook says, read without the database."""

    inspection: Any
    grids: Grids
    kind: str
    errors: list[SheetError]


class _Rejected(Exception):
    """Raised inside the write transaction to roll it back: the workflow refused a row, or a dry run ends."""

    def __init__(self, error: SheetError | None = None, payload: Any = None) -> None:
        super().__init__("rolled back")
        self.error = error
        self.payload = payload


def read_workbook(data: bytes, filename: str, principal: Principal, *, settings: Settings, tick: Progress) -> _Read:
    """Safety checks, reading and kind detection: pure work on the bytes, no database."""
    inspection = inspect_xlsx(data, max_bytes=settings.import_max_bytes, filename=filename)
    tick("read", 0, 1)
    grids = read_grids(data, inspection)
    kind = detect_kind(grids)
    if kind == PLAN and principal.role is not Role.SECRETARIAT:
        raise Forbidden("Only the secretariat may import a plan workbook.")
    if principal.role not in (Role.SECRETARIAT, Role.REPORTER):
        raise Forbidden(f"The role {principal.role.value!r} may not import workbooks.")
    tick("read", 1, 1)
    return _Read(inspection, grids, kind, flagged_cells(inspection, grids))


def import_workbook(
    session: Session,
    principal: Principal,
    data: bytes,
    filename: str,
    *,
    dry_run: bool,
    submit: bool,
    now: datetime,
    settings: Settings,
    actor: str | None = None,
    progress: Progress | None = None,
    expect: str | None = None,
) -> ImportResult:
    """Check, read, validate and (unless dry_run or invalid) apply an uploaded workbook; flushes, never commits.

    `expect`: the fingerprint of a preview (`ImportResult.fingerprint` of its dry run); the real run raises
    ImportStale, changing nothing, unless it would do exactly that.
    """
    result, _annotated = run_import(
        savepoints(session),
        principal,
        data,
        filename,
        dry_run=dry_run,
        submit=submit,
        now=now,
        settings=settings,
        actor=actor,
        progress=progress,
        expect=expect,
    )
    return result


def run_import(
    transaction: "Transaction[Any]",
    principal: Principal,
    data: bytes,
    filename: str,
    *,
    dry_run: bool,
    submit: bool,
    now: datetime,
    settings: Settings,
    actor: str | None = None,
    progress: Progress | None = None,
    expect: str | None = None,
) -> tuple[ImportResult, bytes | None]:
    """Import a workbook touching the database only in short transactions; the result and any annotated copy.

    With `expect` (a preview's fingerprint) a valid real run raises ImportStale, writing nothing and recording no
    batch, when it would change anything other than what the preview showed. The memory the workbook took is
    given back to the operating system afterwards (`tracker.memory`).
    """
    # The import allocates a few hundred thousand long-lived objects (the cells, then the rows): with the
    # cyclic collector on, each collection walks all of them again (a third of the parse time, measured).
    # It is paused for the import and runs once at the end (release_memory), so cycles are still collected.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run_import(
            transaction,
            principal,
            data,
            filename,
            dry_run=dry_run,
            submit=submit,
            now=now,
            settings=settings,
            actor=actor,
            progress=progress,
            expect=expect,
        )
    finally:
        if collecting:
            gc.enable()
        release_memory()


def _run_import(
    transaction: "Transaction[Any]",
    principal: Principal,
    data: bytes,
    filename: str,
    *,
    dry_run: bool,
    submit: bool,
    now: datetime,
    settings: Settings,
    actor: str | None,
    progress: Progress | None,
    expect: str | None,
) -> tuple[ImportResult, bytes | None]:
    tick = progress or (lambda _stage, _done, _total: None)
    read = read_workbook(data, filename, principal, settings=settings, tick=tick)
    result = ImportResult(
        batch_id=None,
        kind=read.kind,
        filename=cpr.redact(filename)[:255],
        sha256=read.inspection.sha256,
        dry_run=dry_run,
        submit=submit,
        result=BatchResult.DRY_RUN if dry_run else BatchResult.APPLIED,
    )
    sheets, unread = sheets_read(read.kind, read.grids)
    result.warnings = unread_sheet_warnings(read.kind, unread)
    errors = [e for e in read.errors if e.sheet in sheets]
    errors.extend(personal_data_cells(read.grids, sheets))
    if read.kind == PLAN:
        writer = _import_plan(transaction, principal, read.grids, errors, result, now=now, actor=actor)
    else:
        writer = _import_progress(
            transaction, principal, read.grids, errors, result, now=now, settings=settings, actor=actor, tick=tick
        )
    if not errors and writer is not None:

        def write(session: Session) -> None:
            writer(session)
            _finish(result, errors)
            if expect is not None and result.fingerprint() != expect:
                raise ImportStale(
                    "The data changed since the preview (another change was saved in between); nothing was imported."
                )
            _record_batch(session, principal, result, None, now=now, actor=actor)

        try:
            transaction(write)
        except _Rejected as rejected:
            if rejected.error is not None:
                errors.append(rejected.error)
            result.result = BatchResult.DRY_RUN if dry_run else BatchResult.APPLIED
        else:
            tick("done", 1, 1)
            return result, None
    annotated: bytes | None = None
    if errors:
        tick("annotate", 0, 1)
        errors.sort(key=lambda e: (e.sheet, e.row, e.column))
        blank = blanked_cells(errors)
        # A refused value is never stored: not in the error list, not in the annotated copy.
        errors = [redacted(e) for e in errors]
        annotated = annotate_workbook(
            data,
            errors[:MAX_LISTED_ERRORS],
            {name: read.grids[name] for name in sheets},
            blank=blank,
            uncompressed=read.inspection.uncompressed,
        )
    _finish(result, errors)
    transaction(lambda session: _record_batch(session, principal, result, annotated, now=now, actor=actor))
    tick("done", 1, 1)
    return result, annotated


def _finish(result: ImportResult, errors: list[SheetError]) -> None:
    if errors:
        errors.sort(key=lambda e: (e.sheet, e.row, e.column))
        result.errors = [e.as_dict() for e in errors[:MAX_LISTED_ERRORS]]
        result.errors_total = len(errors)
        result.rejected = len({(e.sheet, e.row) for e in errors})
        result.result = BatchResult.REJECTED
        # Nothing is imported, so nothing is counted as created, updated or unchanged, and there is no diff.
        result.created = result.updated = result.unchanged = 0
        result.changes = []
    elif result.created == 0 and result.updated == 0:
        result.result = BatchResult.NO_CHANGES
    result.changes_total = len(result.changes)
    result.changes = result.changes[:MAX_LISTED_CHANGES]


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
        concerns=sorted(result.concerns),
        warnings=result.warnings,
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
    transaction: "Transaction[Any]",
    principal: Principal,
    grids: Grids,
    errors: list[SheetError],
    result: ImportResult,
    *,
    now: datetime,
    actor: str | None,
) -> Callable[[Session], None] | None:
    """Validate a plan workbook; the writer to run in the final transaction (None when there is nothing to write)."""
    parsed = parse_plan_workbook(grids)
    result.rows = parsed.row_count
    result.warnings.extend(redacted(w).as_dict() for w in parsed.warnings)
    if parsed.slug is None:
        errors.extend(parsed.errors)
        return None
    slug = parsed.slug
    current, other = transaction(
        lambda session: (
            # A new plan starts from the organisations all plans share, so a row naming one updates it, not a copy.
            plan_data(session, slug) or new_plan_data(session),
            count_other_plan_initiatives(session, slug, list(parsed.initiatives)),
        )
    )
    merged = merge_plan_data(current, parsed)
    check_plan(merged, parsed, other_plan_codes=other)
    errors.extend(parsed.errors)
    if errors:
        return None

    def load(session: Session) -> Any:
        try:
            loaded = load_plan(session, merged)
        except (ValueError, KeyError, IntegrityError) as exc:
            raise _Rejected(SheetError("Plan", 0, "", "cannot-load", f"The plan could not be stored: {exc}")) from exc
        result.changes = [
            {"entity": c.entity, "key": c.key, "field": c.field, "old": jsonable(c.old), "new": jsonable(c.new)}
            for c in loaded.changes
        ]
        result.created, result.updated, result.unchanged = loaded.created, loaded.updated, loaded.unchanged
        return loaded

    if result.dry_run:
        # The diff is what the loader would change: load in a transaction that is rolled back.
        def try_load(session: Session) -> None:
            raise _Rejected(payload=load(session))

        try:
            transaction(try_load)
        except _Rejected as outcome:
            if outcome.error is not None:
                errors.append(outcome.error)
        return None

    def write(session: Session) -> None:
        loaded = load(session)
        by_entity: dict[tuple[str, str], tuple[dict[str, Any], dict[str, Any]]] = {}
        for change in loaded.changes:
            before, after = by_entity.setdefault((change.entity, change.key), ({}, {}))
            before[change.field] = jsonable(change.old)
            after[change.field] = jsonable(change.new)
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

    return write


# --------------------------------------------------------------------------------------------- progress


@dataclass(frozen=True)
class _Indicator:
    id: int
    categories: frozenset[str]


@dataclass
class _Initiative:
    initiative: Initiative
    lead_code: str
    periods: dict[str, ReportingPeriod]
    indicators: dict[str, _Indicator]


@dataclass
class _Planned:
    """One report the workbook writes: its row, its payload, and how it compares with the database."""

    row: ReportRow
    info: _Initiative
    payload: progress_schemas.ReportInput | None
    report: ProgressReport | None
    content_changed: bool
    submit: bool


# {(indicator id, category): (value, comment)} of one stored report.
Stored = dict[tuple[int, str], tuple[float, str]]


def _load_initiatives(session: Session, codes: set[str]) -> dict[str, _Initiative]:
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
    result = {i.code: _Initiative(i, lead, periods.get(i.plan_id, {}), {}) for i, lead in rows}
    by_id = {info.initiative.id: info for info in result.values()}
    for indicator_id, code, initiative_id, disaggregation in session.exec(
        select(Indicator.id, Indicator.code, Indicator.initiative_id, col(Indicator.disaggregation)).where(
            col(Indicator.initiative_id).in_(list(by_id))
        )
    ).all():
        categories = frozenset(f"{dim}:{v}" for dim, values in (disaggregation or {}).items() for v in values)
        by_id[initiative_id].indicators[code] = _Indicator(indicator_id or 0, categories)
    return result


def _import_progress(
    transaction: "Transaction[Any]",
    principal: Principal,
    grids: Grids,
    errors: list[SheetError],
    result: ImportResult,
    *,
    now: datetime,
    settings: Settings,
    actor: str | None,
    tick: Progress,
) -> Callable[[Session], None] | None:
    """Validate a progress template; the writer to run in the final transaction (None when nothing to write)."""
    parsed = parse_progress(grids)
    result.rows = parsed.row_count
    result.warnings.extend(redacted(w).as_dict() for w in parsed.warnings)
    errors.extend(parsed.errors)
    codes = {r.initiative for r in parsed.reports} | {v.initiative for v in parsed.values}

    def snapshot(session: Session) -> tuple[dict[str, _Initiative], dict[tuple[int, int], ProgressReport], Any]:
        initiatives = _load_initiatives(session, codes)
        existing, stored = _existing(session, parsed, initiatives)
        return initiatives, existing, stored

    initiatives, existing, stored = transaction(snapshot)
    result.concerns = (
        {principal.organisation_code}
        if principal.role is Role.REPORTER
        else {info.lead_code for info in initiatives.values()}
    )
    today = now.astimezone(settings.tz).date()
    planned = _plan_reports(
        principal, parsed, initiatives, existing, stored, errors, result, today=today, settings=settings
    )
    if errors or result.dry_run:
        return None
    changed = [p for p in planned if p.content_changed or p.submit]
    items = [_bulk_item(p) for p in changed]

    def write(session: Session) -> None:
        bulk.write_reports(session, principal, items, now=now, settings=settings, actor=actor, tick=tick)

    return write


def _bulk_item(planned: _Planned) -> bulk.Item:
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
        fields = {name: getattr(payload, name) for name in CONTENT_FIELDS}
        for v in payload.indicator_values:
            values[(info.indicators[v.indicator].id, v.category)] = (v.value, v.comment)

    def fail(exc: TrackerError) -> Exception:
        return _Rejected(row.row.error("initiative", exc.problem_type, exc.detail))

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


CONTENT = TEMPLATE_FIELDS
KEPT = FORECAST_FIELDS


def _existing(
    session: Session, parsed: ParsedProgress, initiatives: dict[str, _Initiative]
) -> tuple[dict[tuple[int, int], ProgressReport], dict[int, Stored]]:
    """The stored reports of the file's initiatives and their values, in two queries."""
    initiative_ids = sorted({info.initiative.id for info in initiatives.values() if info.initiative.id})
    reports: dict[tuple[int, int], ProgressReport] = {}
    if initiative_ids:
        for found in session.exec(
            select(ProgressReport).where(col(ProgressReport.initiative_id).in_(initiative_ids))
        ).all():
            reports[(found.initiative_id, found.period_id)] = found
    stored: dict[int, Stored] = {}
    report_ids = [r.id for r in reports.values() if r.id is not None]
    if report_ids:
        for report_id, indicator_id, category, value, comment in session.execute(
            sa_select(
                col(IndicatorValue.report_id),
                col(IndicatorValue.indicator_id),
                col(IndicatorValue.category),
                col(IndicatorValue.value),
                col(IndicatorValue.comment),
            ).where(col(IndicatorValue.report_id).in_(report_ids))
        ).all():
            stored.setdefault(report_id, {})[(indicator_id, category)] = (value, comment)
    return reports, stored


def _plan_reports(
    principal: Principal,
    parsed: ParsedProgress,
    initiatives: dict[str, _Initiative],
    existing: dict[tuple[int, int], ProgressReport],
    stored_values: dict[int, Stored],
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
    planned: list[_Planned] = []
    for r in parsed.reports:
        item = _plan_one(
            principal,
            r,
            initiatives.get(r.initiative),
            values_by_report.get((r.initiative, r.period), []),
            existing,
            stored_values,
            errors,
            result,
            today=today,
            settings=settings,
        )
        if item is not None:
            planned.append(item)
    return planned


def _plan_one(
    principal: Principal,
    r: ReportRow,
    info: _Initiative | None,
    value_rows: list[ValueRow],
    existing: dict[tuple[int, int], ProgressReport],
    stored_values: dict[int, Stored],
    errors: list[SheetError],
    result: ImportResult,
    *,
    today: date,
    settings: Settings,
) -> _Planned | None:
    row = r.row
    if info is None:
        errors.append(row.error("initiative", "unknown-initiative", f"No initiative {r.initiative!r}."))
        return None
    acting = r.organisation or (principal.organisation_code if principal.role is Role.REPORTER else None)
    if principal.role is Role.REPORTER and acting != principal.organisation_code:
        errors.append(
            row.error(
                "organisation", "not-your-organisation", f"You report for {principal.organisation_code}, not {acting}."
            )
        )
        return None
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
        return None
    period = info.periods.get(r.period)
    if period is None or period.id is None:
        errors.append(row.error("period", "unknown-period", f"No reporting period {r.period!r} in this plan."))
        return None
    report = existing.get((info.initiative.id or 0, period.id))
    result.basis[f"{r.initiative} {r.period}"] = report.version if report is not None else None
    stored = stored_values.get(report.id or 0, {}) if report else {}
    wanted: dict[tuple[int, str], ValueRow] = {}
    values_ok = True
    for v in value_rows:
        indicator = info.indicators.get(v.indicator)
        if indicator is None:
            errors.append(
                v.row.error("indicator", "unknown-indicator", f"{v.indicator!r} is not an indicator of {r.initiative}.")
            )
            values_ok = False
        elif v.category and v.category not in indicator.categories:
            allowed = ", ".join(sorted(indicator.categories)) or "only the total"
            errors.append(v.row.error("category", "unknown-category", f"{v.category!r} is not a category ({allowed})."))
            values_ok = False
        else:
            wanted[(indicator.id, v.category)] = v
    if not values_ok:
        return None
    content: dict[str, Any] = {name: jsonable(getattr(report, name)) if report else None for name in CONTENT + KEPT}
    if report is None:
        content.update(narrative="", next_steps="", risks="", explanation="", forecast_note="")
    content.update(r.fields, status=r.status)
    changes = _report_changes(r, report, content, wanted, stored, info)
    content_changed = bool(changes)
    payload: progress_schemas.ReportInput | None = None
    if content_changed:
        # Only new or changed content is validated (what the database holds passed the same rules).
        payload = _payload(r, content, value_rows, errors)
        if payload is None:
            return None
    wants_submit = result.submit and (report is None or report.state in EDITABLE or content_changed)
    locked = is_period_locked(period.state, period.due, today, settings.period_autolock_days)
    if (content_changed or wants_submit) and locked:
        errors.append(row.error("period", "period-locked", f"The period {r.period} is locked; no data can be entered."))
        return None
    if content_changed and report is not None and report.state not in EDITABLE:
        errors.append(
            row.error(
                "status",
                "report-not-editable",
                f"The report for {r.initiative} {r.period} is {report.state}; it can no longer be changed here.",
            )
        )
        return None
    result.changes.extend(changes)
    if wants_submit and report is not None and not content_changed:
        result.changes.append(
            {
                "sheet": REPORTS_SHEET,
                "row": row.number,
                "key": f"{r.initiative} {r.period}",
                "field": "state",
                "old": jsonable(report.state),
                "new": ReportState.SUBMITTED.value,
            }
        )
    _count(result, report, wanted, stored, content_changed or wants_submit)
    return _Planned(r, info, payload, report, content_changed, wants_submit)


def _payload(
    r: ReportRow, content: dict[str, Any], value_rows: list[ValueRow], errors: list[SheetError]
) -> progress_schemas.ReportInput | None:
    """The API's own input model for this report, or None after recording its errors at their cells."""
    try:
        return progress_schemas.ReportInput.model_validate(
            {
                **content,
                "indicator_values": [
                    {"indicator": v.indicator, "category": v.category, "value": v.value, "comment": v.comment}
                    for v in value_rows
                ],
            }
        )
    except ValidationError as exc:
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
        return None


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, (int, float)) and isinstance(new, (int, float)):
        return float(old) == float(new)
    return bool(old == new)


def _report_changes(
    r: ReportRow,
    report: ProgressReport | None,
    content: dict[str, Any],
    wanted: dict[tuple[int, str], ValueRow],
    stored: Stored,
    info: _Initiative,
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


def _count(
    result: ImportResult,
    report: ProgressReport | None,
    wanted: dict[tuple[int, str], ValueRow],
    stored: Stored,
    report_changed: bool,
) -> None:
    """Counts per row: the report row, then each value row (created, updated or unchanged)."""
    if report is None:
        result.created += 1
    elif report_changed:
        result.updated += 1
    else:
        result.unchanged += 1
    for key, v in wanted.items():
        old = stored.get(key)
        if old is None:
            result.created += 1
        elif old[0] != v.value or old[1] != v.comment:
            result.updated += 1
        else:
            result.unchanged += 1


def purge_batches(session: Session, *, now: datetime, retention_days: int) -> int:
    """Delete dry-run and rejected batches older than the retention (applied ones stay: they are the record)."""
    cutoff = now - timedelta(days=retention_days)
    statement = delete(ImportBatch).where(
        col(ImportBatch.at) < cutoff,
        or_(col(ImportBatch.dry_run).is_(True), col(ImportBatch.result) == BatchResult.REJECTED.value),
    )
    deleted = int(session.execute(statement).rowcount or 0)  # type: ignore[attr-defined]
    if deleted:
        record(
            session,
            actor="scheduler",
            action="import.purge",
            entity="import_batch",
            entity_key="*",
            at=now,
            after={"deleted": deleted, "older_than": cutoff.isoformat()},
        )
    return deleted


def get_batch(session: Session, principal: Principal, batch_id: int) -> ImportBatch:
    """One import batch (and its annotated copy), as `tracker.auth.access.BATCH_ACCESS` allows.

    The secretariat role reads every batch; a reporter only a batch concerning its own organisation alone,
    so no batch shows one organisation's drafts to another. Anything else looks like a missing batch.
    """
    batch = session.get(ImportBatch, batch_id)
    if batch is None or not may_read_batch(principal.role, principal.organisation_code, list(batch.concerns)):
        raise NotFound(f"No import batch {batch_id}.")
    return batch
