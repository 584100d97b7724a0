"""The report model's types: what `reports.build.build_model` makes and every renderer reads (this only).

Counts are ints (or "<5"/"x" strings in public mode), money and indicator values floats, dates dates.
Built in `reports/build.py` (headline, attention, completeness, budget, forecasts, the initiative lines), with
its two larger sections beside it: `reports/indicators.py` and `reports/changes.py`.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import polars as pl

from actionplan.enums import ProgressStatus
from reports.fora import ForumAttention
from reports.i18n import Lang

STATUSES = [s.value for s in ProgressStatus]
STATUS_COLUMNS = [*STATUSES, "no_report"]
GOOD = {ProgressStatus.ON_TRACK.value, ProgressStatus.COMPLETED.value}
TROUBLE = {ProgressStatus.AT_RISK.value, ProgressStatus.DELAYED.value}
SAMPLE_MARK = "[EKSEMPEL]"

Count = int | str  # str only in public mode: "<5" or "x"
Value = float | str | None


@dataclass
class Meta:
    plan_slug: str
    plan_title: str
    period: str
    period_starts: date
    period_ends: date
    period_due: date
    previous_period: str | None
    as_of: date
    today: date
    lang: Lang
    public: bool
    include_submitted: bool
    band: float
    contains_sample_data: bool
    # The newest approval (or submission) among the reports the report rests on: "data as of".
    data_as_of: datetime | None = None
    plan_note: str = ""
    periods: list[str] = field(default_factory=list)  # every period up to this one, oldest first
    final_period: bool = False
    plan_ends: date | None = None
    period_starts_by_label: dict[str, date] = field(default_factory=dict)


@dataclass
class HeadlineRow:
    focus_area: str
    title: str
    counts: dict[str, Count]
    total: Count


@dataclass
class Headline:
    rows: list[HeadlineRow]
    totals: dict[str, Count]
    total: Count
    # Shares count reported initiatives only ("not reported" is not "got worse"); the counts stand beside.
    share_on_track: float | str | None
    previous_share_on_track: float | str | None
    change_pp: float | str | None
    previous_totals: dict[str, Count]
    reported: int = 0
    not_reported: int = 0
    previous_reported: int = 0


@dataclass
class AttentionItem:
    initiative: str
    title: str
    focus_area: str
    lead: str
    status: str | None
    deadline: date | None
    overdue: bool
    explanation: str
    risks: str
    not_yet_approved: bool


@dataclass
class StripCell:
    period: str
    status: str | None  # None: no report in that period


@dataclass
class InitiativeLine:
    """One initiative as the briefing shows it: status, strip, confidence, certainty, who approved."""

    initiative: str
    title: str
    focus_area: str
    lead: str
    lead_name: str
    status: str | None  # this period's status, or the last known one (see status_period)
    status_period: str | None  # the period the status is from; None: never reported
    reported: bool  # a report for this period is included
    confidence: str | None
    certainty: str
    certainty_note: str
    deadline: date | None
    overdue: bool
    explanation: str
    risks: str
    missing: bool  # the due date has passed and the lead has not submitted
    approved_at: datetime | None
    approved_by: str
    not_yet_approved: bool
    strip: list[StripCell]


@dataclass
class SlipRow:
    initiative: str
    milestone: str
    original_due: date
    current_due: date
    moves: Count
    days_slipped: int
    reasons: list[str]


@dataclass
class IndicatorRow:
    initiative: str
    indicator: str
    name: str
    category: str
    unit: str
    direction: str
    baseline: float | None
    actual: Value
    target: float | None
    expected: float | None
    pct_achieved: float | str | None
    status: str
    trend: list[tuple[str, Value]]
    not_yet_approved: bool


@dataclass
class CompletenessRow:
    organisation: str
    name: str
    expected: Count
    on_time: Count
    late: Count
    missing: Count
    not_due: Count


@dataclass
class StatusChange:
    initiative: str
    title: str
    before: str | None
    after: str | None
    not_yet_approved: bool


@dataclass
class NewDelay:
    initiative: str
    title: str
    status: str | None
    overdue: bool
    explanation: str
    slips: list[str]


@dataclass
class Revision:
    initiative: str
    period: str
    version: int
    field: str
    before: str
    after: str
    reason: str
    at: datetime
    # The field and values as the reader knows them (translated, formatted).
    field_label: str = ""
    before_text: str = ""
    after_text: str = ""


@dataclass
class NewRisk:
    initiative: str
    title: str
    risks: str
    not_yet_approved: bool


@dataclass
class Changes:
    status_changes: list[StatusChange]
    new_delays: list[NewDelay]
    revised_values: list[Revision]
    new_risks: list[NewRisk]


@dataclass
class BudgetRow:
    initiative: str
    title: str
    allocated: float | None
    spent_period: float | None
    spent_to_date: float | None


@dataclass
class Budget:
    plan_budget: float | None
    allocated_total: float | None  # None: no initiative has an allocation set
    spent_period_total: float
    spent_to_date_total: float
    rows: list[BudgetRow]
    allocated_count: int = 0  # initiatives with an allocation set
    # Spending to date against the plan's total budget.
    remaining: float | None = None  # plan budget minus spending to date
    share_spent: float | None = None  # percent of the plan budget
    reporting_spend: int = 0  # initiatives that have reported any spending


@dataclass
class ForecastRow:
    organisation: str
    name: str
    forecasts: Count
    hits: Count
    misses: Count
    no_outcome: Count
    accuracy: float | str | None


@dataclass
class ForecastMiss:
    initiative: str
    organisation: str
    forecast: str
    outcome: str | None
    note: str


@dataclass
class StatusReport:
    meta: Meta
    headline: Headline
    attention: list[AttentionItem]
    slips: list[SlipRow]
    indicators: list[IndicatorRow]
    completeness: list[CompletenessRow]
    changes: Changes
    budget: Budget
    forecasts: list[ForecastRow]
    forecast_misses: list[ForecastMiss] = field(default_factory=list)
    # Needs attention beside late initiatives: fora that have not met as their cadence says (reports/fora.py).
    fora_attention: list[ForumAttention] = field(default_factory=list)
    initiatives: list[InitiativeLine] = field(default_factory=list)
    summary: Any = None  # reports.briefing.Summary (page one), set by build_model


@dataclass
class Frames:
    """What the queries return, as handed to `build_model`."""

    plan_slug: str
    plan_title_da: str
    plan_title_en: str
    plan_budget: float | None
    periods: pl.DataFrame
    initiatives: pl.DataFrame
    reports: pl.DataFrame
    indicators: pl.DataFrame
    targets: pl.DataFrame
    values: pl.DataFrame
    slips: pl.DataFrame
    revisions: pl.DataFrame
    plan_note: str = ""
