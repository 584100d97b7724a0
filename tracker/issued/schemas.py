"""Shapes of the report snapshot API."""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from tracker.paging import PageLinks


class SnapshotPublic(BaseModel):
    id: int
    plan: str
    period: str
    format: Literal["xlsx", "html", "pdf", "json"]
    language: Literal["da", "en"]
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
    page: int = 1
    page_size: int = 50
    links: PageLinks = Field(default_factory=PageLinks)


class IssueInput(BaseModel):
    """What to issue for the record: the same options as reading `GET /reports/status`."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    plan: str = Field(default="mh-2022-2025", max_length=64, description="Plan slug")
    period: str | None = Field(
        default=None, max_length=16, description="Period label, e.g. 2025-H1 (default: latest past due)"
    )
    format: Literal["pdf", "xlsx", "html", "json"] = "pdf"
    lang: Literal["da", "en"] = "da"
    public: bool = Field(default=False, description="Suppress counts 1-4 for publication")
    include_submitted: bool = Field(
        default=False, description="Also include submitted reports not yet approved (marked)"
    )
