"""Delivering the outbox through SMTP: claim due mails, send, mark sent only after the server accepted.

Two senders never deliver the same mail together: a sender first claims rows with one conditional UPDATE
(a lease in `claimed_until`), then talks to the SMTP server outside any transaction. A mail the server
refused or could not take waits with exponential backoff; after `mail_max_attempts` it is given up and stays
visible in the outbox. A sender that dies after the server accepted but before it recorded so may send that
mail once more when the lease runs out (at least once, never lost).
"""

import logging
import os
import smtplib
import socket
import ssl
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from enum import Enum

from sqlalchemy import Engine, or_, update
from sqlmodel import col, select

from tracker.audit.service import record
from tracker.db import session_scope
from tracker.mail.models import OutboxAttachment, OutboxMessage
from tracker.mail.service import as_utc, attachments_of
from tracker.settings import Settings

MAX_BACKOFF = timedelta(hours=6)
log = logging.getLogger(__name__)


@dataclass
class DeliveryResult:
    claimed: int = 0
    sent: int = 0
    failed: int = 0
    given_up: int = 0
    refused: int = 0
    deferred: int = 0
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "claimed": self.claimed,
            "sent": self.sent,
            "failed": self.failed,
            "given_up": self.given_up,
            "refused": self.refused,
            "not_tried": self.deferred,
            "errors": self.errors[:5],
        }


def sender_identity() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def backoff(settings: Settings, attempts: int) -> timedelta:
    """The wait before the next attempt after `attempts` failed ones: base, 2 x base, 4 x base ... (6 h at most)."""
    seconds = settings.mail_retry_base_seconds * 2 ** max(attempts - 1, 0)
    return min(timedelta(seconds=seconds), MAX_BACKOFF)


def build_message(
    message: OutboxMessage,
    settings: Settings,
    *,
    now: datetime,
    attachments: Sequence[OutboxAttachment] = (),
) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = settings.mail_from
    mail["To"] = message.to_address
    mail["Subject"] = message.subject
    mail["Date"] = format_datetime(as_utc(now))
    mail["Message-ID"] = make_msgid(idstring=f"outbox{message.id}", domain=settings.mail_from.rpartition("@")[2])
    # RFC 3834: tells auto-responders not to answer.
    mail["Auto-Submitted"] = "auto-generated"
    mail["X-Tracker-Mail"] = message.dedupe_key
    mail.set_content(message.body_text)
    mail.add_alternative(message.body_html, subtype="html")
    for attachment in attachments:
        maintype, _, subtype = attachment.media_type.partition("/")
        mail.add_attachment(attachment.content, maintype=maintype, subtype=subtype, filename=attachment.filename)
    # After the content: set_content() drops every Content-* header.
    mail["Content-Language"] = message.language
    return mail


def _attachments(engine: Engine, message: OutboxMessage) -> list[OutboxAttachment]:
    if message.id is None:
        return []
    with session_scope(engine) as session:
        found = attachments_of(session, message.id)
        session.expunge_all()
    return found


def connect(settings: Settings) -> smtplib.SMTP:
    """An SMTP connection as the settings describe it (SSL, STARTTLS, login)."""
    timeout = settings.smtp_timeout_seconds
    smtp: smtplib.SMTP
    if settings.smtp_ssl:
        smtp = smtplib.SMTP_SSL(
            settings.smtp_host, settings.smtp_port, timeout=timeout, context=ssl.create_default_context()
        )
    else:
        smtp = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=timeout)
    try:
        if settings.smtp_starttls:
            smtp.starttls(context=ssl.create_default_context())
        if settings.smtp_user:
            password = settings.smtp_password.get_secret_value() if settings.smtp_password else ""
            smtp.login(settings.smtp_user, password)
    except BaseException:
        smtp.close()
        raise
    return smtp


def _due(now: datetime, settings: Settings) -> list[object]:
    return [
        col(OutboxMessage.sent_at).is_(None),
        col(OutboxMessage.refused_at).is_(None),
        OutboxMessage.attempts < settings.mail_max_attempts,
        OutboxMessage.next_attempt_at <= now,
        or_(col(OutboxMessage.claimed_until).is_(None), col(OutboxMessage.claimed_until) < now),
    ]


def claim(engine: Engine, settings: Settings, *, now: datetime, sender: str, limit: int) -> list[OutboxMessage]:
    """Claim up to `limit` due mails for `sender` (a lease), committed before any SMTP traffic."""
    now = as_utc(now)
    lease = now + timedelta(seconds=settings.smtp_timeout_seconds * 4 + 60)
    with session_scope(engine) as session:
        ids = list(
            session.exec(
                select(OutboxMessage.id)
                .where(*_due(now, settings))  # type: ignore[arg-type]
                .order_by(col(OutboxMessage.next_attempt_at), col(OutboxMessage.id))
                .limit(limit)
            )
        )
        if not ids:
            return []
        # Conditional: a row another sender claimed meanwhile no longer matches and is skipped.
        statement = (
            update(OutboxMessage)
            .where(col(OutboxMessage.id).in_(ids), *_due(now, settings))  # type: ignore[arg-type]
            .values(claimed_until=lease, claimed_by=sender)
            .returning(col(OutboxMessage.id))
        )
        claimed_ids = list(session.execute(statement).scalars())
        if not claimed_ids:
            return []
        rows = list(session.exec(select(OutboxMessage).where(col(OutboxMessage.id).in_(claimed_ids))))
        session.expunge_all()
    return sorted(rows, key=lambda m: (as_utc(m.next_attempt_at), m.id or 0))


def _mark_sent(engine: Engine, message: OutboxMessage, *, sender: str, now: datetime) -> None:
    with session_scope(engine) as session:
        session.execute(
            update(OutboxMessage)
            .where(col(OutboxMessage.id) == message.id, col(OutboxMessage.claimed_by) == sender)
            .values(
                sent_at=now, attempts=OutboxMessage.attempts + 1, claimed_until=None, claimed_by=None, last_error=""
            )
        )
        record(
            session,
            actor="scheduler",
            action="mail.sent",
            entity="outbox_message",
            entity_key=str(message.id),
            at=now,
            after={"kind": message.kind, "dedupe_key": message.dedupe_key, "attempt": message.attempts + 1},
        )


def _mark_failed(
    engine: Engine, settings: Settings, message: OutboxMessage, error: str, *, sender: str, now: datetime
) -> bool:
    """Record a failed attempt; True when the mail is now given up."""
    attempts = message.attempts + 1
    given_up = attempts >= settings.mail_max_attempts
    with session_scope(engine) as session:
        session.execute(
            update(OutboxMessage)
            .where(col(OutboxMessage.id) == message.id, col(OutboxMessage.claimed_by) == sender)
            .values(
                attempts=attempts,
                last_error=error[:1000],
                next_attempt_at=now + backoff(settings, attempts),
                claimed_until=None,
                claimed_by=None,
            )
        )
        if given_up:
            record(
                session,
                actor="scheduler",
                action="mail.give_up",
                entity="outbox_message",
                entity_key=str(message.id),
                at=now,
                after={"kind": message.kind, "dedupe_key": message.dedupe_key, "attempts": attempts},
                reason=error[:2000],
            )
    return given_up


def _describe(exc: BaseException) -> str:
    return f"{exc.__class__.__name__}: {exc}".strip()


class Outcome(Enum):
    """What one SMTP answer means for one mail."""

    PERMANENT = "permanent"  # 5xx for this mail: refused for good, never tried again
    TEMPORARY = "temporary"  # 4xx for this mail: try this mail again later
    CONNECTION = "connection"  # the connection is gone: this mail is charged, the untried ones wait


def classify(exc: BaseException) -> tuple[Outcome, str]:
    """The outcome of a failed send and the server's answer to keep.

    `smtplib.SMTPException` is a subclass of `OSError`, so SMTP answers are told apart before any
    network error: a refusal of one recipient is not a lost connection.
    """
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        answers = {code for code, _text in exc.recipients.values()}
        detail = "; ".join(
            f"{address}: {code} {text.decode(errors='replace') if isinstance(text, bytes) else text}"
            for address, (code, text) in exc.recipients.items()
        )
        permanent = bool(answers) and all(500 <= code < 600 for code in answers)
        return (Outcome.PERMANENT if permanent else Outcome.TEMPORARY), f"recipient refused: {detail}"
    if isinstance(exc, smtplib.SMTPSenderRefused):
        # The sender address is the service's own: an operator fixes it, so every mail keeps retrying.
        return Outcome.TEMPORARY, _describe(exc)
    if isinstance(exc, smtplib.SMTPResponseException):
        if exc.smtp_code == 421:
            return Outcome.CONNECTION, _describe(exc)
        return (Outcome.PERMANENT if 500 <= exc.smtp_code < 600 else Outcome.TEMPORARY), _describe(exc)
    if isinstance(exc, smtplib.SMTPServerDisconnected | OSError):
        return Outcome.CONNECTION, _describe(exc)
    return Outcome.TEMPORARY, _describe(exc)


def _mark_refused(engine: Engine, message: OutboxMessage, error: str, *, sender: str, now: datetime) -> None:
    with session_scope(engine) as session:
        session.execute(
            update(OutboxMessage)
            .where(col(OutboxMessage.id) == message.id, col(OutboxMessage.claimed_by) == sender)
            .values(
                attempts=message.attempts + 1,
                last_error=error[:1000],
                refused_at=now,
                claimed_until=None,
                claimed_by=None,
            )
        )
        record(
            session,
            actor="scheduler",
            action="mail.refused",
            entity="outbox_message",
            entity_key=str(message.id),
            at=now,
            after={"kind": message.kind, "dedupe_key": message.dedupe_key, "attempts": message.attempts + 1},
            reason=error[:2000],
        )


def _release(engine: Engine, messages: list[OutboxMessage], *, sender: str) -> None:
    """Give back claimed mails that were never tried (no attempt charged; due again at once)."""
    if not messages:
        return
    with session_scope(engine) as session:
        session.execute(
            update(OutboxMessage)
            .where(col(OutboxMessage.id).in_([m.id for m in messages]), col(OutboxMessage.claimed_by) == sender)
            .values(claimed_until=None, claimed_by=None)
        )


def deliver_due(
    engine: Engine, settings: Settings, *, now: datetime, limit: int = 100, sender: str | None = None
) -> DeliveryResult:
    """Send every due mail in the outbox (up to `limit`) over one SMTP connection, each with its own outcome.

    A permanent refusal (5xx) fails that mail and keeps the server's answer; a temporary one (4xx) retries
    that mail alone; the rest go out. A lost connection charges the mail being sent and hands the untried
    ones back for the next run. A failing batch logs one warning.
    """
    now = as_utc(now)
    sender = sender or sender_identity()
    result = DeliveryResult()
    messages = claim(engine, settings, now=now, sender=sender, limit=limit)
    result.claimed = len(messages)
    if not messages:
        return result
    codes: list[str] = []

    def fail(message: OutboxMessage, error: str) -> None:
        result.failed += 1
        if error not in result.errors:
            result.errors.append(error)
        if _mark_failed(engine, settings, message, error, sender=sender, now=now):
            result.given_up += 1

    try:
        smtp = connect(settings)
    except OSError as exc:  # SMTPException included
        error = f"cannot reach {settings.smtp_host}:{settings.smtp_port}: {_describe(exc)}"
        for message in messages:
            fail(message, error)
        codes.append(exc.__class__.__name__)
        _warn(result, codes)
        return result
    try:
        for index, message in enumerate(messages):
            try:
                smtp.send_message(build_message(message, settings, now=now, attachments=_attachments(engine, message)))
            except OSError as exc:  # SMTPException included
                outcome, error = classify(exc)
                codes.append(str(getattr(exc, "smtp_code", "")) or exc.__class__.__name__)
                if outcome is Outcome.PERMANENT:
                    _mark_refused(engine, message, error, sender=sender, now=now)
                    result.refused += 1
                    if error not in result.errors:
                        result.errors.append(error)
                    continue
                fail(message, error)
                if outcome is Outcome.CONNECTION:
                    untried = messages[index + 1 :]
                    _release(engine, untried, sender=sender)
                    result.deferred += len(untried)
                    break
            else:
                _mark_sent(engine, message, sender=sender, now=now)
                result.sent += 1
    finally:
        try:
            smtp.quit()
        except OSError:
            smtp.close()
    _warn(result, codes)
    return result


def _warn(result: DeliveryResult, codes: list[str]) -> None:
    """One warning per batch that did not all go out: counts and SMTP codes, never addresses or mail text."""
    if result.failed or result.refused or result.deferred:
        log.warning(
            "mail: %d of %d delivered; %d refused for good, %d to retry (%d given up), %d not tried; answers: %s",
            result.sent,
            result.claimed,
            result.refused,
            result.failed,
            result.given_up,
            result.deferred,
            ", ".join(sorted(set(codes))) or "-",
        )
