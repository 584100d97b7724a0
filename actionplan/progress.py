"""Progress as tables: one progress report per (initiative, reporting period), its indicator values and
the milestone slip ledger.

These live beside the plan (not in the service) because the status reports read them and
`reports/` may depend on `actionplan/` only.
"""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from actionplan.enums import Confidence, ProgressStatus, ReportState, enum_check
from actionplan.models import utcnow


class ProgressReport(SQLModel, table=True):
    __tablename__ = "progress_report"
    __table_args__ = (
        UniqueConstraint("initiative_id", "period_id", name="uq_progress_report_initiative_period"),
        enum_check("status", ProgressStatus),
        enum_check("state", ReportState),
        enum_check("forecast_status", ProgressStatus, nullable=True),
        enum_check("confidence", Confidence, nullable=True),
        CheckConstraint("spent_dkk IS NULL OR spent_dkk >= 0", name="spent_nonnegative"),
        CheckConstraint("version >= 1", name="version_positive"),
    )

    id: int | None = Field(default=None, primary_key=True)
    # No index of its own: the leading column of uq_progress_report_initiative_period serves (migration 0062).
    initiative_id: int = Field(foreign_key="initiative.id", ondelete="CASCADE")
    period_id: int = Field(foreign_key="reporting_period.id", ondelete="CASCADE", index=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    status: ProgressStatus = Field(default=ProgressStatus.NOT_STARTED, sa_type=String(16))
    narrative: str = Field(default="")
    next_steps: str = Field(default="")
    risks: str = Field(default="")
    explanation: str = Field(default="")
    spent_dkk: float | None = None
    forecast_status: ProgressStatus | None = Field(default=None, sa_type=String(16))
    forecast_note: str = Field(default="")
    # The reporter's confidence that the initiative is delivered by its deadline (beside the status).
    confidence: Confidence | None = Field(default=None, sa_type=String(8))
    state: ReportState = Field(default=ReportState.DRAFT, sa_type=String(16))
    review_comment: str = Field(default="")
    # Who last submitted and who last reviewed (audit actors such as "token:12").
    submitted_by: str = Field(default="", max_length=64)
    reviewed_by: str = Field(default="", max_length=64)
    version: int = 1
    # True when the report was carried forward with "no change this period".
    carried_forward: bool = False
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    submitted_at: datetime | None = None
    reviewed_at: datetime | None = None
    approved_at: datetime | None = None
    returned_at: datetime | None = None


class IndicatorValue(SQLModel, table=True):
    __tablename__ = "indicator_value"
    __table_args__ = (UniqueConstraint("report_id", "indicator_id", "category", name="uq_indicator_value_key"),)

    id: int | None = Field(default=None, primary_key=True)
    # No index of its own: the leading column of uq_indicator_value_key serves (migration 0062).
    report_id: int = Field(foreign_key="progress_report.id", ondelete="CASCADE")
    indicator_id: int = Field(foreign_key="indicator.id", ondelete="CASCADE", index=True)
    # "" is the total; otherwise "dimension:value" from the indicator's disaggregation.
    category: str = Field(default="", max_length=80)
    value: float
    comment: str = Field(default="", max_length=2000)


class MilestoneSlip(SQLModel, table=True):
    """One move of a milestone's due date (the slip ledger), or its completion."""

    __tablename__ = "milestone_slip"

    id: int | None = Field(default=None, primary_key=True)
    milestone_id: int = Field(foreign_key="milestone.id", ondelete="CASCADE", index=True)
    report_id: int | None = Field(default=None, foreign_key="progress_report.id", ondelete="SET NULL")
    old_due: date
    new_due: date
    days_slipped: int
    # Set when this row records the milestone being reached rather than moved.
    done_on: date | None = None
    reason: str = Field(max_length=2000)
    at: datetime = Field(default_factory=utcnow)


class ReportRevision(SQLModel, table=True):
    """The content of a progress report as it stood when approved (or amended after approval).

    The status report's "what changed" section compares revisions, so values revised after approval
    are visible to the minister's office.
    """

    __tablename__ = "report_revision"

    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(foreign_key="progress_report.id", ondelete="CASCADE", index=True)
    version: int
    status: ProgressStatus = Field(sa_type=String(16))
    content: str  # JSON of the report and its values at that moment
    reason: str = Field(default="", max_length=2000)
    at: datetime = Field(default_factory=utcnow)
