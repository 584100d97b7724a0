"""Shapes of the report snapshot API."""

from datetime import datetime

from pydantic import BaseModel


class SnapshotPublic(BaseModel):
    id: int
    plan: str
    period: str
    format: str
    language: str
    public: bool
    include_submitted: bool
    size_bytes: int
    sha256: str
    media_type: str
    filename: str
    generated_at: datetime
    generated_by: str
    reason: str
    url: str


class SnapshotsPublic(BaseModel):
    data: list[SnapshotPublic]
    count: int
