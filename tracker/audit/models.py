"""The audit trail: append-only; the application never updates or deletes a row."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index
from sqlmodel import Field, SQLModel

from actionplan.models import utcnow


class AuditEvent(SQLModel, table=True):
    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_entity", "entity", "entity_key"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow)
    # "token:12", "cli", "scheduler", "import:7" ...
    actor: str = Field(max_length=64)
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id")
    action: str = Field(max_length=64)
    entity: str = Field(max_length=40)
    entity_key: str = Field(max_length=120)
    # The initiative the event concerns, so an initiative's history is one indexed query.
    initiative_id: int | None = Field(default=None, foreign_key="initiative.id", index=True)
    before: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    after: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    reason: str = Field(default="", max_length=2000)
