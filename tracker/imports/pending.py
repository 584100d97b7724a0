"""Preview, then confirm: an upload kept between its dry run and the real import (the web import pages).

- `read_upload` is the preview's first step: the file checked, read and parsed without the database (in a
  worker process of its own by default: `tracker.imports.worker`). `preview` then runs the import service's dry
  run on what was read (recording its batch as any dry run). A valid preview that changes something keeps the
  bytes as a `PendingUpload`, with the preview's fingerprint.
- `confirm` imports exactly those bytes (their SHA-256 checked again) through the same service, which refuses,
  writing nothing, unless the real run does exactly what the preview showed (`ImportResult.fingerprint`: the
  diff, the counts and the version of every report it read). A stale preview is replaced by a fresh one.
- Who may see a pending upload is `tracker.auth.access.BATCH_ACCESS` (the batch rule); only its uploader may
  confirm or cancel it. Expired uploads are purged by the `purge_web_leftovers` job.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlmodel import Session, col, select

from tracker.audit.service import record
from tracker.auth.access import may_read_batch
from tracker.auth.service import Principal
from tracker.errors import Conflict, Forbidden, NotFound
from tracker.imports.constants import BatchResult
from tracker.imports.models import PendingUpload
from tracker.imports.reading import Prepared, Reader
from tracker.imports.result import ImportResult, ImportStale, quiet
from tracker.imports.service import import_workbook
from tracker.imports.worker import reader_for
from tracker.mail.service import as_utc
from tracker.settings import Settings


@dataclass
class Preview:
    result: ImportResult
    # Kept for confirming: only when the preview is valid and changes something.
    pending: PendingUpload | None


@dataclass
class Confirmation:
    result: ImportResult
    # True: nothing was imported because the data changed since the preview; `result` is a fresh preview and
    # `pending` (when it still changes something) holds it for another confirmation.
    stale: bool = False
    pending: PendingUpload | None = None


def read_upload(principal: Principal, data: bytes, filename: str, *, settings: Settings, reader: Reader) -> Prepared:
    """The part of a preview that needs no database: check, read and parse the file (raises for a hostile one)."""
    return reader.read(data, filename, principal.role, max_bytes=settings.import_max_bytes, tick=quiet)


def preview(
    session: Session,
    principal: Principal,
    data: bytes,
    filename: str,
    prepared: Prepared,
    *,
    reader: Reader,
    submit: bool,
    now: datetime,
    settings: Settings,
) -> Preview:
    """The dry run of an upload read by `read_upload` (with the same `reader`); a valid one that changes
    something is kept as a pending upload."""
    result = import_workbook(
        session,
        principal,
        data,
        filename,
        dry_run=True,
        submit=submit,
        now=now,
        settings=settings,
        reader=reader,
        prepared=prepared,
    )
    if not result.ok or result.result is BatchResult.NO_CHANGES:
        return Preview(result, None)
    pending = PendingUpload(
        sha256=result.sha256,
        kind=result.kind,
        filename=result.filename,
        actor=principal.actor,
        organisation_id=principal.organisation_id or None,
        concerns=sorted(result.concerns),
        submit=submit,
        preview_batch_id=result.batch_id,
        fingerprint=result.fingerprint(),
        data=data,
        created_at=now,
        expires_at=now + timedelta(minutes=settings.import_pending_minutes),
    )
    session.add(pending)
    session.flush()
    return Preview(result, pending)


def _visible(principal: Principal, pending: PendingUpload) -> bool:
    if pending.actor == principal.actor:
        return True
    return may_read_batch(principal.role, principal.organisation_code, list(pending.concerns))


def get_pending(session: Session, principal: Principal, pending_id: int, *, now: datetime) -> PendingUpload:
    """One pending upload this caller may see; expired, missing or another organisation's is "not found"."""
    pending = session.get(PendingUpload, pending_id)
    if pending is None or as_utc(pending.expires_at) <= now or not _visible(principal, pending):
        raise NotFound(f"No pending upload {pending_id}.")
    return pending


def list_pending(session: Session, principal: Principal, *, now: datetime) -> list[PendingUpload]:
    """The caller's own pending uploads that have not expired, newest first."""
    rows = session.exec(
        select(PendingUpload)
        .where(PendingUpload.actor == principal.actor, col(PendingUpload.expires_at) > now)
        .order_by(col(PendingUpload.id).desc())
    ).all()
    return list(rows)


def _own(session: Session, principal: Principal, pending_id: int, sha256: str, *, now: datetime) -> PendingUpload:
    pending = get_pending(session, principal, pending_id, now=now)
    if pending.actor != principal.actor:
        raise Forbidden("Only the person who uploaded the file may confirm or cancel it.")
    if sha256 != pending.sha256 or hashlib.sha256(pending.data).hexdigest() != pending.sha256:
        raise Conflict("The file does not match the one previewed; upload it again.")
    return pending


def confirm(
    session: Session,
    principal: Principal,
    pending_id: int,
    sha256: str,
    *,
    now: datetime,
    settings: Settings,
) -> Confirmation:
    """Import the previewed bytes, or (the data changed since the preview) nothing and a fresh preview."""
    pending = _own(session, principal, pending_id, sha256, now=now)
    try:
        with reader_for(settings) as reader:
            result = import_workbook(
                session,
                principal,
                pending.data,
                pending.filename,
                dry_run=False,
                submit=pending.submit,
                now=now,
                settings=settings,
                expect=pending.fingerprint,
                reader=reader,
            )
    except ImportStale:
        record(
            session,
            actor=principal.actor,
            action="import.stale",
            entity="pending_upload",
            entity_key=str(pending.id),
            at=now,
            organisation_id=principal.organisation_id or None,
            after={"sha256": pending.sha256, "kind": pending.kind, "preview_batch": pending.preview_batch_id},
        )
        with reader_for(settings) as reader:
            fresh = import_workbook(
                session,
                principal,
                pending.data,
                pending.filename,
                dry_run=True,
                submit=pending.submit,
                now=now,
                settings=settings,
                reader=reader,
            )
        if fresh.ok and fresh.result is not BatchResult.NO_CHANGES:
            pending.fingerprint = fresh.fingerprint()
            pending.preview_batch_id = fresh.batch_id
            pending.concerns = sorted(fresh.concerns)
            pending.expires_at = now + timedelta(minutes=settings.import_pending_minutes)
            session.add(pending)
            session.flush()
            return Confirmation(fresh, stale=True, pending=pending)
        session.delete(pending)
        session.flush()
        return Confirmation(fresh, stale=True)
    # Imported, or refused with row errors (recorded in the batch): either way the bytes are no longer needed.
    session.delete(pending)
    session.flush()
    return Confirmation(result)


def cancel(session: Session, principal: Principal, pending_id: int, sha256: str, *, now: datetime) -> None:
    """Forget a pending upload (nothing was imported from it)."""
    pending = _own(session, principal, pending_id, sha256, now=now)
    record(
        session,
        actor=principal.actor,
        action="import.cancel",
        entity="pending_upload",
        entity_key=str(pending.id),
        at=now,
        organisation_id=principal.organisation_id or None,
        after={"sha256": pending.sha256, "kind": pending.kind, "preview_batch": pending.preview_batch_id},
    )
    session.delete(pending)
    session.flush()


def purge_pending(session: Session, *, now: datetime) -> int:
    """Delete pending uploads past their expiry (their bytes with them)."""
    deleted = int(
        session.execute(delete(PendingUpload).where(col(PendingUpload.expires_at) <= now)).rowcount  # type: ignore[attr-defined]
        or 0
    )
    return deleted
