"""Status reports as issued: every report given out through the API, the CLI or the scheduler is kept
byte for byte, so the minister's office can later retrieve exactly what it was given."""

from datetime import datetime

from sqlalchemy import CheckConstraint, Column, Index, LargeBinary, String
from sqlmodel import Field, SQLModel

from actionplan.models import utcnow

REPORT_FORMATS = ("xlsx", "html", "pdf", "json")
REPORT_LANGUAGES = ("da", "en")
SNAPSHOT_REASONS = ("api", "cli", "scheduled")


def _in(column: str, values: tuple[str, ...]) -> CheckConstraint:
    listed = ", ".join(f"'{v}'" for v in values)
    return CheckConstraint(f"{column} IN ({listed})", name=f"{column}_enum")


class ReportSnapshot(SQLModel, table=True):
    __tablename__ = "report_snapshot"
    __table_args__ = (
        _in("format", REPORT_FORMATS),
        _in("language", REPORT_LANGUAGES),
        _in("reason", SNAPSHOT_REASONS),
        CheckConstraint("size_bytes >= 0", name="size_nonnegative"),
        Index("ix_report_snapshot_plan_period", "plan_id", "period_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", ondelete="CASCADE")
    period_id: int = Field(foreign_key="reporting_period.id", ondelete="CASCADE")
    # Denormalised so the list reads without joins and survives a renamed period.
    plan_slug: str = Field(max_length=64)
    period_label: str = Field(max_length=16)
    format: str = Field(sa_type=String(8))
    language: str = Field(sa_type=String(2))
    public: bool = False
    include_submitted: bool = False
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    size_bytes: int = 0
    sha256: str = Field(max_length=64)
    media_type: str = Field(max_length=100)
    filename: str = Field(max_length=200)
    generated_at: datetime = Field(default_factory=utcnow)
    generated_by: str = Field(max_length=200)
    reason: str = Field(sa_type=String(16))
