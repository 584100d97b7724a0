"""`Idempotency-Key` for creating requests: a retry gets the first response, never a second write.

The key row is inserted in the same transaction as the work (one local transaction, as Brandur Leach
describes), so either both commit or neither does. Keys are scoped per token and kept for
`RETENTION`; a request that failed is not stored, so it can be retried with the same key.
"""

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Generic, TypeVar

from pydantic import BaseModel
from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from tracker.auth.service import Principal
from tracker.errors import Conflict, TrackerError, ValidationFailed
from tracker.progress.models import IdempotencyKey

RETENTION = timedelta(hours=48)
_KEY = re.compile(r"^[\x21-\x7e]{1,255}$")


class IdempotencyKeyReused(TrackerError):
    status_code = 422
    problem_type = "idempotency-key-reused"
    title = "Idempotency-Key reused with a different request"


M = TypeVar("M", bound=BaseModel)


@dataclass
class StoredResponse(Generic[M]):
    status_code: int
    body: M
    etag: str | None
    replayed: bool


def fingerprint(method: str, path: str, payload: Any) -> str:
    body = json.dumps(payload, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(f"{method} {path}\n{body}".encode()).hexdigest()


def run_idempotent(
    session: Session,
    principal: Principal,
    key: str | None,
    *,
    method: str,
    path: str,
    payload: Any,
    now: datetime,
    work: Callable[[], tuple[int, M, str | None]],
    model: type[M],
) -> StoredResponse[M]:
    """Run `work` once per (token, key); a retry with the same request replays the stored response."""
    if key is None:
        status, body, etag = work()
        return StoredResponse(status, body, etag, replayed=False)
    if not _KEY.match(key):
        raise ValidationFailed("Idempotency-Key must be 1-255 visible ASCII characters (a UUID is ideal).")
    print_ = fingerprint(method, path, payload)
    stored = session.exec(
        select(IdempotencyKey).where(IdempotencyKey.token_id == principal.token_id, IdempotencyKey.key == key)
    ).first()
    if stored is not None and stored.created_at < now - RETENTION:
        session.delete(stored)
        session.flush()
        stored = None
    if stored is not None:
        if stored.fingerprint != print_:
            raise IdempotencyKeyReused(
                "This Idempotency-Key was used for a different request; use a new key for a new request."
            )
        return StoredResponse(stored.status_code, model.model_validate(stored.response), stored.etag, replayed=True)
    status, body, etag = work()
    session.add(
        IdempotencyKey(
            token_id=principal.token_id,
            key=key,
            method=method,
            path=path[:300],
            fingerprint=print_,
            status_code=status,
            response=body.model_dump(mode="json"),
            etag=etag,
            created_at=now,
        )
    )
    try:
        session.flush()
    except IntegrityError as exc:
        # The same key is being processed by a concurrent request (PostgreSQL; SQLite serialises writers).
        raise Conflict("A request with this Idempotency-Key is in progress; retry in a moment.") from exc
    return StoredResponse(status, body, etag, replayed=False)


def purge_idempotency_keys(session: Session, *, now: datetime) -> int:
    """Delete keys older than the retention period (a scheduler job); returns how many."""
    result = session.execute(delete(IdempotencyKey).where(col(IdempotencyKey.created_at) < now - RETENTION))
    return int(result.rowcount)  # type: ignore[attr-defined]
