"""The outbox: one row per mail, written in the same transaction as the decision to send it."""

from datetime import datetime

from sqlalchemy import Column, Index, LargeBinary, Text
from sqlmodel import Field, SQLModel

from actionplan.models import utcnow


class OutboxMessage(SQLModel, table=True):
    __tablename__ = "outbox_message"
    __table_args__ = (Index("ix_outbox_message_due", "sent_at", "next_attempt_at"),)

    id: int | None = Field(default=None, primary_key=True)
    to_address: str = Field(max_length=254)
    subject: str = Field(max_length=300)
    body_text: str = Field(sa_type=Text)
    body_html: str = Field(sa_type=Text)
    language: str = Field(max_length=2)
    kind: str = Field(max_length=40, index=True)
    # What makes the mail unique, e.g. "reminder:REDEN:2025-H2:7"; a second enqueue with it does nothing.
    dedupe_key: str = Field(max_length=200, unique=True)
    created_at: datetime = Field(default_factory=utcnow)
    attempts: int = 0
    last_error: str = Field(default="", sa_type=Text)
    next_attempt_at: datetime = Field(default_factory=utcnow)
    # A sender owns the row until this moment (so two senders never deliver the same mail together).
    claimed_until: datetime | None = None
    claimed_by: str | None = Field(default=None, max_length=120)
    sent_at: datetime | None = None
    # The server refused this mail for good (a 5xx answer); it is never tried again. The answer is last_error.
    refused_at: datetime | None = None

    def state(self, max_attempts: int) -> str:
        """waiting, retrying, sent, given up or refused (what `tracker mail outbox` shows)."""
        if self.sent_at is not None:
            return "sent"
        if self.refused_at is not None:
            return "refused"
        if self.attempts >= max_attempts:
            return "given up"
        return "retrying" if self.attempts else "waiting"


class MailDedupeKey(SQLModel, table=True):
    """One thing a mail told someone ("overdue:...:REDEN:2025-H2:1"); a mail may carry several (a digest).

    A key is claimed at most once, so each notice goes out once even when one run merges several notices for
    one recipient into one mail. Older mails carry their only key in `OutboxMessage.dedupe_key`.
    """

    __tablename__ = "mail_dedupe_key"

    key: str = Field(primary_key=True, max_length=200)
    outbox_id: int | None = Field(default=None, foreign_key="outbox_message.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)


class OutboxAttachment(SQLModel, table=True):
    """A file sent with an outbox mail (e.g. the briefing's PDF), kept until the mail is gone."""

    __tablename__ = "outbox_attachment"

    id: int | None = Field(default=None, primary_key=True)
    message_id: int = Field(foreign_key="outbox_message.id", ondelete="CASCADE", index=True)
    filename: str = Field(max_length=200)
    media_type: str = Field(max_length=120)
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
