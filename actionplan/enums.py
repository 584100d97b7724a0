"""Enumerations shared by the plan and progress tables (stored as text with CHECK constraints)."""

from enum import StrEnum

from sqlalchemy import CheckConstraint


class OrganisationKind(StrEnum):
    MINISTRY = "ministry"
    AGENCY = "agency"
    NGO = "ngo"
    OTHER = "other"
    # Outside the plan: private companies, foreign authorities, international bodies (members of fora).
    EXTERNAL = "external"


class Direction(StrEnum):
    INCREASE = "increase"
    DECREASE = "decrease"
    MAINTAIN = "maintain"


class Certainty(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    UNCERTAIN = "uncertain"


class Confidence(StrEnum):
    """A reporter's confidence that the initiative will be delivered by its deadline."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class PeriodState(StrEnum):
    OPEN = "open"
    LOCKED = "locked"


class ProgressStatus(StrEnum):
    NOT_STARTED = "not_started"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    DELAYED = "delayed"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class ReportState(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    RETURNED = "returned"


def enum_check(column: str, enum: type[StrEnum], *, nullable: bool = False) -> CheckConstraint:
    """A CHECK constraint that keeps a text column inside an enumeration."""
    values = ", ".join(f"'{member.value}'" for member in enum)
    condition = f"{column} IN ({values})"
    if nullable:
        condition = f"{column} IS NULL OR {condition}"
    return CheckConstraint(condition, name=f"{column}_enum")
