"""Putting mail in the outbox (inside the caller's transaction) and reading it back."""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from tracker.audit.service import record
from tracker.mail.models import OutboxMessage
from tracker.mail.texts import RenderedMail


def as_utc(value: datetime) -> datetime:
    """An aware UTC datetime (SQLite hands back naive ones, stored as UTC)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def enqueue(
    session: Session,
    *,
    to: str,
    mail: RenderedMail,
    kind: str,
    dedupe_key: str,
    now: datetime,
    actor: str = "scheduler",
    organisation_id: int | None = None,
) -> OutboxMessage | None:
    """Queue a mail in the caller's transaction; None when a mail with this dedupe key already exists.

    The insert never fails on a duplicate (ON CONFLICT DO NOTHING), so the caller's transaction stays usable,
    and on PostgreSQL a concurrent insert of the same key waits for the first and then does nothing.
    """
    now = as_utc(now)
    values: dict[str, Any] = {
        "to_address": to,
        "subject": mail.subject[:300],
        "body_text": mail.text,
        "body_html": mail.html,
        "language": mail.language,
        "kind": kind,
        "dedupe_key": dedupe_key,
        "created_at": now,
        "attempts": 0,
        "last_error": "",
        "next_attempt_at": now,
    }
    dialect = session.get_bind().dialect.name
    table = OutboxMessage.__table__  # type: ignore[attr-defined]
    insert = postgresql.insert(table) if dialect == "postgresql" else sqlite.insert(table)
    statement = insert.values(**values).on_conflict_do_nothing(index_elements=["dedupe_key"]).returning(table.c.id)
    new_id = session.execute(statement).scalar_one_or_none()
    if new_id is None:
        return None
    message = session.get(OutboxMessage, new_id)
    assert message is not None
    record(
        session,
        actor=actor,
        action="mail.queue",
        entity="outbox_message",
        entity_key=str(new_id),
        at=now,
        organisation_id=organisation_id,
        after={"kind": kind, "dedupe_key": dedupe_key, "subject": message.subject},
    )
    session.flush()
    return message


def exists(session: Session, dedupe_key: str) -> bool:
    """Whether a mail with this dedupe key was ever queued (sent or not)."""
    return session.exec(select(OutboxMessage.id).where(OutboxMessage.dedupe_key == dedupe_key)).first() is not None


@dataclass(frozen=True)
class OutboxCounts:
    waiting: int
    retrying: int
    sent: int
    given_up: int
    refused: int
    # The oldest mail not yet sent that is still to be tried (None when nothing waits).
    oldest_unsent_at: datetime | None = None


def outbox_counts(session: Session, *, max_attempts: int) -> OutboxCounts:
    """How many mails wait (never tried), retry, were sent, given up after too many attempts, or refused."""
    unsent = (col(OutboxMessage.sent_at).is_(None), col(OutboxMessage.refused_at).is_(None))
    to_try = (*unsent, OutboxMessage.attempts < max_attempts)

    def count(*conditions: Any) -> int:
        return int(session.exec(select(func.count()).select_from(OutboxMessage).where(*conditions)).one())

    oldest = session.exec(select(func.min(OutboxMessage.created_at)).where(*to_try)).one()
    return OutboxCounts(
        waiting=count(*to_try, OutboxMessage.attempts == 0),
        retrying=count(*to_try, OutboxMessage.attempts > 0),
        sent=count(col(OutboxMessage.sent_at).is_not(None)),
        given_up=count(*unsent, OutboxMessage.attempts >= max_attempts),
        refused=count(col(OutboxMessage.refused_at).is_not(None)),
        oldest_unsent_at=as_utc(oldest) if oldest is not None else None,
    )
