"""Importing a workbook: safety checks, recognising its kind, validating every row, then all or nothing.

- A hostile or unreadable file raises a TrackerError (4xx problem+json) and the database is unchanged:
  no batch is recorded either.
- A readable workbook always gets an `ImportBatch` row (dry runs and rejected imports too, so the
  uploader can fetch the annotated copy) and one audit event. Business tables change only when the
  import is real and every row is valid; any row error rejects the whole file.
- Plan workbooks go through `actionplan.loader.load_plan` (an upsert keyed by codes; `plan_workbook`); its
  change list is the diff. Progress templates are compared with the stored reports (`progress_import`,
  `report_diff`) and written in bulk (`tracker.imports.bulk`) with the workflow's own rules (`next_state`,
  `authorize_write`, `check_version`), storing what `save_draft` and `submit_report` store, so ownership,
  period locks, version checks and the audit trail are the workflow's own.
- Long work never holds the database: the file is checked, read and validated (`reading`, possibly in a
  worker process), and an annotated copy is made, outside any transaction; the database is touched in short
  transactions only (a read of what the file refers to, then one transaction that writes everything and
  records the batch). A report changed by someone else in between fails its version check, and the whole
  file is rejected, as for any other error.

This module orchestrates those steps (`run_import`) and keeps the batches (`get_batch`, `purge_batches`).
"""

import gc
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, or_
from sqlmodel import Session, col

from actionplan import cpr
from actionplan.cells import SheetError
from tracker.audit.service import record
from tracker.auth.access import may_read_batch
from tracker.auth.service import Principal
from tracker.errors import NotFound
from tracker.imports.constants import BatchResult
from tracker.imports.models import ImportBatch
from tracker.imports.plan_workbook import check_plan_workbook
from tracker.imports.progress_import import check_progress
from tracker.imports.reading import InProcess, Prepared, Reader
from tracker.imports.result import MAX_LISTED_ERRORS, ImportResult, ImportStale, Progress, RowRejected, Tally, quiet
from tracker.imports.screening import blanked_cells, redacted
from tracker.imports.transactions import Transaction, savepoints
from tracker.memory import release_memory
from tracker.settings import Settings


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
    reader: Reader | None = None,
    prepared: Prepared | None = None,
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
        reader=reader,
        prepared=prepared,
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
    reader: Reader | None = None,
    prepared: Prepared | None = None,
) -> tuple[ImportResult, bytes | None]:
    """Import a workbook touching the database only in short transactions; the result and any annotated copy.

    With `expect` (a preview's fingerprint) a valid real run raises ImportStale, writing nothing and recording no
    batch, when it would change anything other than what the preview showed. `reader`: where the file is read
    (default: in this process); `prepared`: what that reader read already (the web preview reads first). The memory the workbook took is given back to the operating system afterwards
    (`tracker.memory`).
    """
    # The import allocates a few hundred thousand long-lived objects (the cells, then the rows): with the
    # cyclic collector on, each collection walks all of them again (a third of the parse time, measured).
    # It is paused for the import and runs once at the end (release_memory), so cycles are still collected: over
    # the youngest generation only, where everything the import allocated still is while the collector is paused
    # (a full collection also walked every object the process had before, 0.07 s more).
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
            tick=progress or quiet,
            expect=expect,
            reader=reader or InProcess(),
            prepared=prepared,
        )
    finally:
        if collecting:
            gc.enable()
        release_memory(0)


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
    tick: Progress,
    expect: str | None,
    reader: Reader,
    prepared: Prepared | None,
) -> tuple[ImportResult, bytes | None]:
    if prepared is None:
        prepared = reader.read(data, filename, principal.role, max_bytes=settings.import_max_bytes, tick=tick)
    result = ImportResult(
        batch_id=None,
        kind=prepared.kind,
        filename=cpr.redact(filename)[:255],
        sha256=prepared.sha256,
        dry_run=dry_run,
        submit=submit,
        result=BatchResult.DRY_RUN if dry_run else BatchResult.APPLIED,
        rows=prepared.rows,
        warnings=list(prepared.warnings),
    )
    errors, writer = _check(
        transaction, principal, prepared, result, now=now, settings=settings, actor=actor, tick=tick
    )
    if not errors and writer is not None:

        def write(session: Session) -> None:
            tally = writer(session)
            if tally is not None:
                result.count(tally)
            result.finish(errors)
            if expect is not None and result.fingerprint() != expect:
                raise ImportStale(
                    "The data changed since the preview (another change was saved in between); nothing was imported."
                )
            _record_batch(session, principal, result, None, now=now, actor=actor)

        try:
            transaction(write)
        except RowRejected as rejected:
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
        annotated = reader.annotate(data, errors[:MAX_LISTED_ERRORS], blank=blank, uncompressed=prepared.uncompressed)
    result.finish(errors)
    transaction(lambda session: _record_batch(session, principal, result, annotated, now=now, actor=actor))
    tick("done", 1, 1)
    return result, annotated


def _check(
    transaction: "Transaction[Any]",
    principal: Principal,
    prepared: Prepared,
    result: ImportResult,
    *,
    now: datetime,
    settings: Settings,
    actor: str | None,
    tick: Progress,
) -> tuple[list[SheetError], Callable[[Session], Tally | None] | None]:
    """Check what the file says against the database: every error, and the writer to run when there is none.

    Sets what the check found on `result` (its diff and counts, the versions read, the organisations concerned).
    """
    errors = list(prepared.errors)
    if prepared.plan is not None:
        plan = check_plan_workbook(
            transaction, principal, prepared.plan, dry_run=result.dry_run, refused=bool(errors), now=now, actor=actor
        )
        errors.extend(plan.errors)
        if plan.tally is not None:
            result.count(plan.tally)
        return errors, plan.writer
    assert prepared.progress is not None
    progress = check_progress(
        transaction,
        principal,
        prepared.progress,
        refused=bool(errors),
        dry_run=result.dry_run,
        submit=result.submit,
        now=now,
        settings=settings,
        actor=actor,
        tick=tick,
    )
    errors.extend(progress.errors)
    result.count(progress.tally)
    result.basis, result.concerns = progress.basis, progress.concerns
    return errors, progress.writer


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
