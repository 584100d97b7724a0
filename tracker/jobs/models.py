"""One row per run of a scheduled job (who ran it, when, and what came of it) for GET /jobs."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, Text
from sqlmodel import Field, SQLModel

from actionplan.models import utcnow


class JobRun(SQLModel, table=True):
    __tablename__ = "job_run"
    __table_args__ = (Index("ix_job_run_job_started", "job", "started_at"),)

    id: int | None = Field(default=None, primary_key=True)
    job: str = Field(max_length=64)
    started_at: datetime = Field(default_factory=utcnow)
    finished_at: datetime | None = None
    # None while running, then True (finished) or False (raised).
    ok: bool | None = None
    result: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    error: str = Field(default="", sa_type=Text)
    # Which process ran it ("host:pid:...") and how it was started ("schedule", "cli", "startup").
    leader: str = Field(default="", max_length=120)
    trigger: str = Field(default="schedule", max_length=16)
