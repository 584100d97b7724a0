"""Public shapes of the plan, as served by the read API."""

from datetime import date

from pydantic import BaseModel, Field

from actionplan.enums import Certainty, Direction, OrganisationKind, PeriodState
from tracker.paging import PageLinks


class OrganisationRef(BaseModel):
    code: str
    name_da: str
    name_en: str


class OrganisationPublic(OrganisationRef):
    kind: OrganisationKind
    parent: str | None
    contact_email: str | None
    note: str | None
    leads: list[str]
    partners_in: list[str]


class OrganisationsPublic(BaseModel):
    data: list[OrganisationPublic]
    count: int


class PeriodPublic(BaseModel):
    plan: str
    label: str
    starts: date
    ends: date
    due: date
    state: PeriodState


class PeriodsPublic(BaseModel):
    data: list[PeriodPublic]
    count: int


class FocusAreaPublic(BaseModel):
    plan: str
    code: str
    number: int | None
    title_da: str
    title_en: str
    is_official: bool
    summary: str | None
    source_url: str | None
    initiative_count: int


class FocusAreasPublic(BaseModel):
    data: list[FocusAreaPublic]
    count: int


class PlanSummary(BaseModel):
    slug: str
    title_da: str
    title_en: str
    starts: date
    ends: date
    responsible: str
    coordinator: OrganisationRef | None
    budget_dkk: int | None
    initiative_count: int


class PlansPublic(BaseModel):
    data: list[PlanSummary]
    count: int


class PlanDetail(PlanSummary):
    funding_source: str | None
    published: date | None
    publisher: str | None
    reconstruction_note: str | None
    sources: list[str]
    focus_areas: list[FocusAreaPublic]
    periods: list[PeriodPublic]


class InitiativeSummary(BaseModel):
    code: str
    plan: str
    focus_area: str
    title_da: str
    title_en: str
    lead: OrganisationRef
    partners: list[str]
    starts: date | None
    deadline: date | None
    budget_dkk: int | None
    certainty: Certainty
    source_url: str | None
    status: str | None
    status_period: str | None
    overdue: bool


class InitiativesPublic(BaseModel):
    data: list[InitiativeSummary]
    count: int
    page: int
    page_size: int
    links: PageLinks = Field(default_factory=PageLinks)


class MilestonePublic(BaseModel):
    title: str
    due: date
    original_due: date
    done_on: date | None


class ObservationPublic(BaseModel):
    period: str
    category: str
    value: float
    source_org: str
    source_url: str | None
    note: str | None


class TargetPublic(BaseModel):
    period: str
    value: float


class IndicatorPublic(BaseModel):
    code: str
    name_da: str
    name_en: str
    unit: str
    direction: Direction
    baseline: float | None
    baseline_date: date | None
    cumulative: bool
    disaggregation: dict[str, list[str]] | None
    kind: str | None
    source_url: str | None
    note: str | None
    targets: list[TargetPublic]
    actuals: list[ObservationPublic]


class InitiativeDetail(InitiativeSummary):
    title_is_official: bool
    description: str | None
    lead_as_in_source: str | None
    partner_organisations: list[OrganisationRef]
    partners_note: str | None
    funding_note: str | None
    certainty_note: str | None
    additional_sources: list[str]
    reconstruction_note: str | None
    milestones: list[MilestonePublic]
    indicators: list[IndicatorPublic]
