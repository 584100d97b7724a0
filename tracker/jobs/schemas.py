"""Public shapes of the jobs API."""

from datetime import datetime
from typing import Any

from pydantic import BaseModel


class JobRunPublic(BaseModel):
    started_at: datetime
    finished_at: datetime | None
    ok: bool | None
    result: dict[str, Any] | None
    error: str
    process: str
    trigger: str


class JobPublic(BaseModel):
    name: str
    description: str
    schedule: str
    next_run_at: datetime | None
    last_run: JobRunPublic | None


class OutboxPublic(BaseModel):
    waiting: int
    retrying: int
    sent: int
    given_up: int
    refused: int


class JobsPublic(BaseModel):
    data: list[JobPublic]
    count: int
    scheduler: dict[str, Any]
    outbox: OutboxPublic
