"""Shapes of progress reports on the wire: what a client may send, and what it gets back.

Input models forbid unknown fields, so a client that sends `state`, `organisation`, `version`,
`approved_by`, an id... gets 422 and nothing changes. Free text is screened for CPR numbers.
"""

from collections import Counter
from datetime import date, datetime
from typing import Annotated, Any, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from actionplan import cpr
from actionplan.cells import EARLIEST, LATEST
from actionplan.enums import Confidence, PeriodState, ProgressStatus, ReportState
from tracker.fora.public import ActionItemPublic
from tracker.paging import PageLinks

# Text limits (characters). The research bar caps any text cell at 2,000; a narrative may be longer.
NARRATIVE_MAX = 4000
TEXT_MAX = 2000
MAX_VALUES = 500
MAX_MILESTONES = 100
NEEDS_EXPLANATION = frozenset({ProgressStatus.AT_RISK, ProgressStatus.DELAYED})

CPR_MESSAGE = cpr.MESSAGE


def find_cpr_like(text: str) -> str | None:
    """The first CPR-shaped number in the text (`actionplan.cpr`, the one screening rule)."""
    return cpr.find_cpr_like(text)


def no_cpr(text: str) -> str:
    """A pydantic validator refusing text that holds a CPR-shaped number (every stored free-text field)."""
    found = cpr.find_cpr_like(text)
    if found:
        raise PydanticCustomError("cpr_number", CPR_MESSAGE, {"match": cpr.masked(found)})
    return text


_no_cpr = no_cpr
Narrative = Annotated[str, Field(max_length=NARRATIVE_MAX), AfterValidator(_no_cpr)]
Text = Annotated[str, Field(max_length=TEXT_MAX), AfterValidator(_no_cpr)]


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class IndicatorValueInput(_Input):
    """One reported value of an indicator, for the total ("" category) or one disaggregation category."""

    indicator: str = Field(min_length=1, max_length=40, description="Indicator code, e.g. MH22-2.1-I1")
    category: str = Field(default="", max_length=80, description='"" for the total, else "dimension:value"')
    value: float = Field(ge=0, allow_inf_nan=False, description="An aggregate figure, never data on a person")
    comment: Text = ""


class MilestoneUpdateInput(_Input):
    """A milestone reached (done_on) or moved (new_due, with a reason)."""

    title: str = Field(min_length=1, max_length=300)
    done_on: date | None = None
    new_due: date | None = None
    reason: Text = ""

    @model_validator(mode="after")
    def _one_change(self) -> Self:
        for name in ("done_on", "new_due"):
            value = getattr(self, name)
            if value is not None and not EARLIEST <= value <= LATEST:
                # The window a plan workbook accepts, so a plan export always imports back.
                raise ValueError(f"{name} must be between {EARLIEST.isoformat()} and {LATEST.isoformat()}")
        if (self.done_on is None) == (self.new_due is None):
            raise ValueError("give either done_on (the milestone was reached) or new_due (it moved), not both")
        if self.new_due is not None and not self.reason:
            raise ValueError("a new due date needs a reason")
        return self


class ReportInput(_Input):
    """What a reporting organisation writes in a progress report (a draft until submitted)."""

    status: ProgressStatus = Field(examples=[ProgressStatus.ON_TRACK])
    narrative: Narrative = Field(default="", examples=["Begge krisecentre var åbne hele perioden."])
    next_steps: Text = Field(default="", examples=["Evaluering af tilbuddet i første kvartal."])
    risks: Text = ""
    explanation: Text = Field(default="", description="Required when status is at_risk or delayed")
    spent_dkk: float | None = Field(default=None, ge=0, allow_inf_nan=False, examples=[1_250_000])
    forecast_status: ProgressStatus | None = Field(default=None, description="Expected status next period")
    forecast_note: Text = ""
    confidence: Confidence | None = Field(
        default=None, description="Confidence that the initiative is delivered by its deadline: high, medium or low"
    )
    indicator_values: list[IndicatorValueInput] = Field(default_factory=list, max_length=MAX_VALUES)
    milestones: list[MilestoneUpdateInput] = Field(default_factory=list, max_length=MAX_MILESTONES)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.status in NEEDS_EXPLANATION and not self.explanation:
            raise ValueError(f"explanation is required when the status is {self.status.value}")
        # Counted once (list.count per value made a 50-value report cost 2,500 comparisons).
        keys = Counter((v.indicator, v.category) for v in self.indicator_values)
        duplicates = sorted({f"{i}/{c or 'total'}" for (i, c), n in keys.items() if n > 1})
        if duplicates:
            raise ValueError(f"indicator values given twice: {', '.join(duplicates)}")
        titles = [m.title for m in self.milestones]
        twice = sorted({t for t in titles if titles.count(t) > 1})
        if twice:
            raise ValueError(f"milestones given twice: {', '.join(twice)}")
        return self


class AmendInput(ReportInput):
    """A secretariat correction of an approved report or of a report in a locked period."""

    reason: Text = Field(min_length=1, description="Why the approved or locked report is changed")


class ReturnInput(_Input):
    comment: Text = Field(
        min_length=1, description="What the reporter must correct", examples=["Angiv forbruget i perioden."]
    )


class ApproveInput(_Input):
    comment: Text = ""


class ReasonInput(_Input):
    reason: Text = Field(min_length=1)


class IndicatorValuePublic(BaseModel):
    indicator: str
    category: str
    value: float
    comment: str


class MilestoneUpdatePublic(BaseModel):
    title: str
    old_due: date
    new_due: date
    days_slipped: int
    done_on: date | None
    reason: str
    at: datetime


class ReportPublic(BaseModel):
    """A progress report as the API returns it; `version` is also sent as the ETag header."""

    initiative: str
    period: str
    organisation: str
    state: ReportState
    status: ProgressStatus
    narrative: str
    next_steps: str
    risks: str
    explanation: str
    spent_dkk: float | None
    forecast_status: ProgressStatus | None
    forecast_note: str
    confidence: Confidence | None = None
    indicator_values: list[IndicatorValuePublic]
    milestones: list[MilestoneUpdatePublic]
    review_comment: str
    carried_forward: bool
    version: int
    period_locked: bool
    allowed_actions: list[str]
    created_at: datetime
    updated_at: datetime
    submitted_at: datetime | None
    approved_at: datetime | None
    returned_at: datetime | None


class DueItem(BaseModel):
    """One initiative x open period the caller's organisation must report on."""

    initiative: str
    title_da: str
    title_en: str
    period: str
    due: date
    report_state: ReportState | None
    missing: bool
    overdue: bool
    version: int | None
    review_comment: str


class DueList(BaseModel):
    organisation: str
    data: list[DueItem]
    count: int
    # The organisation's open action items from forum meetings (overdue first), beside its reports.
    action_items: list[ActionItemPublic] = Field(default_factory=list)


class PeriodLockPublic(BaseModel):
    plan: str
    label: str
    state: PeriodState
    locked_at: datetime | None


class HistoryEvent(BaseModel):
    id: int
    at: datetime
    actor: str
    organisation: str | None
    action: str
    entity: str
    entity_key: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    reason: str


class HistoryPublic(BaseModel):
    initiative: str
    data: list[HistoryEvent]
    count: int
    page: int = 1
    page_size: int = 100
    links: PageLinks = Field(default_factory=PageLinks)


class LockInput(_Input):
    reason: Text = ""
