"""Putting mail in the outbox (inside the caller's transaction) and reading it back."""

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from tracker.audit.service import record
from tracker.mail.models import MailDedupeKey, OutboxAttachment, OutboxMessage
from tracker.mail.texts import RenderedMail


@dataclass(frozen=True)
class Attachment:
    """A file to send with a mail (stored beside the outbox row until it is sent)."""

    filename: str
    media_type: str
    content: bytes


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
    attachments: Sequence[Attachment] = (),
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
    for attachment in attachments:
        session.add(
            OutboxAttachment(
                message_id=new_id,
                filename=attachment.filename,
                media_type=attachment.media_type,
                content=attachment.content,
            )
        )
    record(
        session,
        actor=actor,
        action="mail.queue",
        entity="outbox_message",
        entity_key=str(new_id),
        at=now,
        organisation_id=organisation_id,
        after={
            "kind": kind,
            "dedupe_key": dedupe_key,
            "subject": message.subject,
            **({"attachments": [a.filename for a in attachments]} if attachments else {}),
        },
    )
    session.flush()
    return message


def exists(session: Session, dedupe_key: str) -> bool:
    """Whether a mail with this dedupe key, or a digest carrying it, was ever queued (sent or not)."""
    if session.exec(select(OutboxMessage.id).where(OutboxMessage.dedupe_key == dedupe_key)).first() is not None:
        return True
    return session.get(MailDedupeKey, dedupe_key) is not None


def claim_keys(session: Session, keys: list[str], message: OutboxMessage, *, now: datetime) -> None:
    """Record that `message` also carries these notices (so none of them goes out again)."""
    for key in keys:
        if not exists(session, key):
            session.add(MailDedupeKey(key=key, outbox_id=message.id, created_at=as_utc(now)))
    session.flush()


DIGEST_SUBJECT = {"da": "{n} meddelelser om handlingsplanen: {first}", "en": "{n} notices on the action plan: {first}"}
_BODY = re.compile(r"<body>(.*)</body>", re.DOTALL)


def combine(mails: list[RenderedMail]) -> RenderedMail:
    """Several mails for one recipient as one: the subjects summed up, the bodies one after the other."""
    if len(mails) == 1:
        return mails[0]
    language = mails[0].language
    subject = DIGEST_SUBJECT.get(language, DIGEST_SUBJECT["da"]).format(n=len(mails), first=mails[0].subject)
    text = ("\n" + "-" * 60 + "\n\n").join(m.text for m in mails)
    parts = []
    for mail in mails:
        found = _BODY.search(mail.html)
        parts.append(found.group(1) if found else mail.html)
    html = f'<!doctype html><html lang="{language}"><meta charset="utf-8"><body>{"<hr>".join(parts)}</body></html>'
    return RenderedMail(subject=subject, text=text, html=html, language=language)


def enqueue_digest(
    session: Session,
    *,
    to: str,
    sections: list[tuple[str, str, RenderedMail]],
    now: datetime,
    actor: str = "scheduler",
    organisation_id: int | None = None,
) -> tuple[OutboxMessage | None, list[str]]:
    """Queue one mail to `to` carrying every section (dedupe key, kind, mail) not sent before; the mail and the
    keys it carries (None and [] when every section went out before).

    Each key is claimed in `mail_dedupe_key` (ON CONFLICT DO NOTHING) inside the caller's transaction, so a
    notice goes out once however runs overlap, and what one run has for one recipient arrives as one mail.
    """
    now = as_utc(now)
    keys = [key for key, _kind, _mail in sections]
    legacy = set(session.exec(select(OutboxMessage.dedupe_key).where(col(OutboxMessage.dedupe_key).in_(keys))).all())
    wanted = [key for key in keys if key not in legacy]
    claimed: set[str] = set()
    if wanted:
        dialect = session.get_bind().dialect.name
        table = MailDedupeKey.__table__  # type: ignore[attr-defined]
        insert = postgresql.insert(table) if dialect == "postgresql" else sqlite.insert(table)
        statement = (
            insert.values([{"key": key, "created_at": now} for key in wanted])
            .on_conflict_do_nothing(index_elements=["key"])
            .returning(table.c.key)
        )
        claimed = set(session.execute(statement).scalars())
    new = [(key, kind, mail) for key, kind, mail in sections if key in claimed]
    if not new:
        return None, []
    kinds = sorted({kind for _key, kind, _mail in new})
    if len(new) == 1:
        dedupe_key = new[0][0]
    else:
        digest = hashlib.sha256("|".join(sorted(claimed)).encode()).hexdigest()[:32]
        dedupe_key = f"digest:{digest}"
    message = enqueue(
        session,
        to=to,
        mail=combine([mail for _key, _kind, mail in new]),
        kind=kinds[0] if len(kinds) == 1 else "digest",
        dedupe_key=dedupe_key,
        now=now,
        actor=actor,
        organisation_id=organisation_id,
    )
    if message is None:
        return None, []
    session.execute(update(MailDedupeKey).where(col(MailDedupeKey.key).in_(list(claimed))).values(outbox_id=message.id))
    return message, [key for key, _kind, _mail in new]


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


def attachments_of(session: Session, message_id: int) -> list[OutboxAttachment]:
    """The files queued with a mail, in the order they were added."""
    return list(
        session.exec(
            select(OutboxAttachment).where(OutboxAttachment.message_id == message_id).order_by(col(OutboxAttachment.id))
        ).all()
    )
