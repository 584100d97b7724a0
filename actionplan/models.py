"""The plan as tables: plans, focus areas, organisations, initiatives, milestones, indicators, targets,
observed values and reporting periods.

Integrity lives in the database too: unique codes, foreign keys, CHECK constraints on enumerations and
date order. Codes (not ids) are what users and URLs see.
"""

from datetime import UTC, date, datetime

from sqlalchemy import JSON, CheckConstraint, Column, Index, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from actionplan.enums import (
    Certainty,
    Direction,
    OrganisationKind,
    PeriodState,
    enum_check,
)

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """The current time as an aware UTC datetime."""
    return datetime.now(UTC)


class Plan(SQLModel, table=True):
    __tablename__ = "plan"
    __table_args__ = (CheckConstraint("ends >= starts", name="date_order"),)

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=64, unique=True)
    title_da: str = Field(max_length=300)
    title_en: str = Field(max_length=300)
    starts: date
    ends: date
    responsible: str = Field(max_length=300)
    coordinator_id: int | None = Field(default=None, foreign_key="organisation.id")
    budget_dkk: int | None = Field(default=None, ge=0)
    funding_source: str | None = None
    published: date | None = None
    publisher: str | None = Field(default=None, max_length=300)
    reconstruction_note: str | None = None
    sources: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class FocusArea(SQLModel, table=True):
    __tablename__ = "focus_area"
    __table_args__ = (UniqueConstraint("plan_id", "code", name="uq_focus_area_plan_code"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", ondelete="CASCADE", index=True)
    code: str = Field(max_length=16)
    number: int | None = None
    title_da: str = Field(max_length=300)
    title_en: str = Field(max_length=300)
    is_official: bool = True
    summary: str | None = None
    source_url: str | None = Field(default=None, max_length=500)


class Organisation(SQLModel, table=True):
    __tablename__ = "organisation"
    __table_args__ = (enum_check("kind", OrganisationKind),)

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=16, unique=True)
    name_da: str = Field(max_length=300)
    name_en: str = Field(max_length=300)
    kind: OrganisationKind = Field(sa_type=String(16))
    parent: str | None = Field(default=None, max_length=300)
    contact_email: str | None = Field(default=None, max_length=254)
    note: str | None = None


class InitiativePartner(SQLModel, table=True):
    __tablename__ = "initiative_partner"

    initiative_id: int = Field(foreign_key="initiative.id", primary_key=True, ondelete="CASCADE")
    organisation_id: int = Field(foreign_key="organisation.id", primary_key=True, index=True)


class Initiative(SQLModel, table=True):
    __tablename__ = "initiative"
    __table_args__ = (
        enum_check("certainty", Certainty),
        CheckConstraint("deadline IS NULL OR starts IS NULL OR deadline >= starts", name="date_order"),
        CheckConstraint("budget_dkk IS NULL OR budget_dkk >= 0", name="budget_nonnegative"),
    )

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=32, unique=True)
    plan_id: int = Field(foreign_key="plan.id", ondelete="CASCADE", index=True)
    focus_area_id: int = Field(foreign_key="focus_area.id", index=True)
    title_da: str = Field(max_length=300)
    title_en: str = Field(max_length=300)
    title_is_official: bool = False
    description: str | None = None
    lead_id: int = Field(foreign_key="organisation.id", index=True)
    lead_as_in_source: str | None = Field(default=None, max_length=300)
    partners_note: str | None = None
    starts: date | None = None
    deadline: date | None = None
    budget_dkk: int | None = None
    funding_note: str | None = None
    certainty: Certainty = Field(default=Certainty.MEDIUM, sa_type=String(16))
    certainty_note: str | None = None
    source_url: str | None = Field(default=None, max_length=500)
    additional_sources: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class Milestone(SQLModel, table=True):
    __tablename__ = "milestone"
    __table_args__ = (UniqueConstraint("initiative_id", "title", name="uq_milestone_initiative_title"),)

    id: int | None = Field(default=None, primary_key=True)
    initiative_id: int = Field(foreign_key="initiative.id", ondelete="CASCADE", index=True)
    title: str = Field(max_length=300)
    due: date
    original_due: date
    done_on: date | None = None


class Indicator(SQLModel, table=True):
    __tablename__ = "indicator"
    __table_args__ = (enum_check("direction", Direction),)

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=40, unique=True)
    initiative_id: int = Field(foreign_key="initiative.id", ondelete="CASCADE", index=True)
    name_da: str = Field(max_length=300)
    name_en: str = Field(max_length=300)
    unit: str = Field(max_length=40)
    direction: Direction = Field(sa_type=String(16))
    baseline: float | None = None
    baseline_date: date | None = None
    cumulative: bool = False
    # e.g. {"sex": ["women", "men", "trans"]}; categories are reported as "sex:women".
    disaggregation: dict[str, list[str]] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    kind: str | None = Field(default=None, max_length=32)
    source_url: str | None = Field(default=None, max_length=500)
    note: str | None = None

    def categories(self) -> list[str]:
        """Every reportable category, as "dimension:value" strings (empty without disaggregation)."""
        return [f"{dim}:{value}" for dim, values in (self.disaggregation or {}).items() for value in values]


class ReportingPeriod(SQLModel, table=True):
    __tablename__ = "reporting_period"
    __table_args__ = (
        UniqueConstraint("plan_id", "label", name="uq_reporting_period_plan_label"),
        CheckConstraint("ends >= starts", name="date_order"),
        CheckConstraint("due >= ends", name="due_after_end"),
        enum_check("state", PeriodState),
    )

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", ondelete="CASCADE", index=True)
    label: str = Field(max_length=16)
    starts: date
    ends: date
    due: date
    state: PeriodState = Field(default=PeriodState.OPEN, sa_type=String(16))
    locked_at: datetime | None = None


class Target(SQLModel, table=True):
    __tablename__ = "target"
    __table_args__ = (UniqueConstraint("indicator_id", "period_id", name="uq_target_indicator_period"),)

    id: int | None = Field(default=None, primary_key=True)
    indicator_id: int = Field(foreign_key="indicator.id", ondelete="CASCADE", index=True)
    period_id: int = Field(foreign_key="reporting_period.id", ondelete="CASCADE", index=True)
    value: float


class Observation(SQLModel, table=True):
    """A published value of an indicator for a calendar year or period, with who reported it.

    Sources disagree (CMM and the US TIP reports give different victim totals), so the reporting
    organisation is part of the key.
    """

    __tablename__ = "observation"
    __table_args__ = (Index("uq_observation_key", "indicator_id", "period", "category", "source_org", unique=True),)

    id: int | None = Field(default=None, primary_key=True)
    indicator_id: int = Field(foreign_key="indicator.id", ondelete="CASCADE")
    period: str = Field(max_length=16)
    # "" is the total; otherwise "dimension:value".
    category: str = Field(default="", max_length=80)
    value: float
    source_org: str = Field(max_length=120)
    source_url: str | None = Field(default=None, max_length=500)
    note: str | None = None
