"""Idempotency keys for creating POSTs, stored in the same transaction as the work they protect."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from actionplan.models import utcnow


class IdempotencyKey(SQLModel, table=True):
    """The first response to a request with an `Idempotency-Key`, replayed for retries of the same request."""

    __tablename__ = "idempotency_key"
    __table_args__ = (UniqueConstraint("token_id", "key", name="uq_idempotency_key_token_key"),)

    id: int | None = Field(default=None, primary_key=True)
    # Keys are scoped per token, so one client can never read another's cached response.
    token_id: int = Field(foreign_key="api_token.id", ondelete="CASCADE")
    key: str = Field(max_length=255)
    method: str = Field(max_length=8)
    path: str = Field(max_length=300)
    fingerprint: str = Field(max_length=64)
    status_code: int
    response: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    etag: str | None = Field(default=None, max_length=40)
    created_at: datetime = Field(default_factory=utcnow, index=True)
