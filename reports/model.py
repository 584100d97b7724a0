"""One report model, built from the frames; every renderer reads this and only this.

Counts are ints (or "<5"/"x" strings in public mode), money and indicator values floats, dates dates.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

import polars as pl

from actionplan.enums import ProgressStatus, ReportState
from actionplan.rules import is_overdue
from reports import suppression
from reports.fora import ForumAttention
from reports.i18n import Lang, counts_people, field_label, field_value, format_date, format_number
from reports.rules import indicator_status, pct_achieved, revision_diffs, target_now

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


def _share(good: int, total: int) -> float | None:
    return round(100.0 * good / total, 1) if total else None


def _end_of(day: date) -> datetime:
    return datetime.combine(day, time.max)


def included_states(include_submitted: bool) -> list[str]:
    states = [ReportState.APPROVED.value]
    if include_submitted:
        states.append(ReportState.SUBMITTED.value)
    return states


def build_model(
    frames: Frames,
    period_label: str,
    *,
    lang: Lang,
    include_submitted: bool,
    public: bool,
    today: date,
    band: float = 0.1,
) -> StatusReport:
    """The status report for one period, as a pure function of the frames."""
    periods = frames.periods
    labels = periods["label"].to_list()
    index = labels.index(period_label)
    period = periods.row(index, named=True)
    previous = periods.row(index - 1, named=True) if index > 0 else None
    as_of = min(today, period["due"])

    initiatives = frames.initiatives.sort(["fa_number", "fa_code", "code"], nulls_last=True)
    reports = frames.reports.filter(pl.col("state").is_in(included_states(include_submitted)))
    current = reports.filter(pl.col("period_id") == period["period_id"])
    prior = reports.filter(pl.col("period_id") == previous["period_id"]) if previous else reports.clear()
    cur_by_init = {r["initiative_id"]: r for r in current.iter_rows(named=True)}
    prev_by_init = {r["initiative_id"]: r for r in prior.iter_rows(named=True)}
    init_rows = list(initiatives.iter_rows(named=True))
    init_by_id = {r["initiative_id"]: r for r in init_rows}
    sample = any(SAMPLE_MARK in (r["narrative"] or "") for r in current.iter_rows(named=True))

    meta = Meta(
        plan_slug=frames.plan_slug,
        plan_title=frames.plan_title_da if lang == "da" else frames.plan_title_en,
        period=period["label"],
        period_starts=period["starts"],
        period_ends=period["ends"],
        period_due=period["due"],
        previous_period=previous["label"] if previous else None,
        as_of=as_of,
        today=today,
        lang=lang,
        public=public,
        include_submitted=include_submitted,
        band=band,
        contains_sample_data=sample,
        data_as_of=_data_as_of(reports, periods, index),
        plan_note=frames.plan_note,
        periods=labels[: index + 1],
        final_period=index == len(labels) - 1,
        plan_ends=periods["ends"].max(),  # type: ignore[arg-type]
        period_starts_by_label=dict(zip(labels, periods["starts"].to_list(), strict=True)),
    )

    headline = _headline(init_rows, cur_by_init, prev_by_init, lang=lang, public=public)
    attention = _attention(init_rows, cur_by_init, as_of, lang=lang)
    slip_rows = _slips(frames.slips, init_by_id, _end_of(as_of))
    changes = _changes(frames, init_rows, cur_by_init, prev_by_init, period, previous, as_of, slip_rows, lang=lang)
    indicator_rows = _indicators(frames, reports, period, init_by_id, lang=lang, public=public, band=band)
    # Counts of reports and forecasts are about government work, not persons: never suppressed.
    completeness = _completeness(init_rows, frames.reports, period, today, lang=lang, public=False)
    budget = _budget(frames, init_rows, reports, period, lang=lang)
    forecasts, misses = _forecasts(init_rows, cur_by_init, prev_by_init, lang=lang, public=False)
    lines = _initiative_lines(init_rows, reports, frames.reports, periods, index, as_of, today, lang=lang)
    report = StatusReport(
        meta=meta,
        headline=headline,
        attention=attention,
        slips=slip_rows,
        indicators=indicator_rows,
        completeness=completeness,
        changes=changes,
        budget=budget,
        forecasts=forecasts,
        forecast_misses=misses,
        initiatives=lines,
    )
    from reports.briefing import build_summary  # the page-one text reads the whole model

    report.summary = build_summary(report)
    return report


def _data_as_of(reports: pl.DataFrame, periods: pl.DataFrame, index: int) -> datetime | None:
    upto = periods["period_id"].to_list()[: index + 1]
    mine = reports.filter(pl.col("period_id").is_in(upto))
    stamps = [t for t in [*mine["approved_at"].to_list(), *mine["submitted_at"].to_list()] if t is not None]
    return max(stamps) if stamps else None


def _initiative_lines(
    init_rows: list[dict[str, Any]],
    reports: pl.DataFrame,
    all_reports: pl.DataFrame,
    periods: pl.DataFrame,
    index: int,
    as_of: date,
    today: date,
    *,
    lang: Lang,
) -> list[InitiativeLine]:
    """Every initiative with its status (or last known one), its strip over all periods, and sources."""
    ids = periods["period_id"].to_list()[: index + 1]
    labels = periods["label"].to_list()[: index + 1]
    period = periods.row(index, named=True)
    label_of = dict(zip(ids, labels, strict=True))
    by_key = {
        (r["initiative_id"], r["period_id"]): r for r in reports.iter_rows(named=True) if r["period_id"] in label_of
    }
    submitted_states = (ReportState.SUBMITTED.value, ReportState.APPROVED.value)
    handed_in = {
        r["initiative_id"]
        for r in all_reports.filter(pl.col("period_id") == period["period_id"]).iter_rows(named=True)
        if r["state"] in submitted_states
    }
    lines: list[InitiativeLine] = []
    for row in init_rows:
        iid = row["initiative_id"]
        strip = [StripCell(label_of[p], (by_key.get((iid, p)) or {}).get("status")) for p in ids]
        current = by_key.get((iid, period["period_id"]))
        last = next(((label_of[p], by_key[(iid, p)]) for p in reversed(ids) if (iid, p) in by_key), None)
        status = current["status"] if current else (last[1]["status"] if last else None)
        shown_report = current or (last[1] if last else None)
        lines.append(
            InitiativeLine(
                initiative=row["code"],
                title=row[f"title_{lang}"],
                focus_area=row["fa_code"],
                lead=row["lead_code"],
                lead_name=row[f"lead_name_{lang}"],
                status=status,
                status_period=period["label"] if current else (last[0] if last else None),
                reported=current is not None,
                confidence=current["confidence"] if current else None,
                certainty=row["certainty"] or "medium",
                certainty_note=row["certainty_note"] or "",
                deadline=row["deadline"],
                overdue=is_overdue(row["deadline"], current["status"] if current else None, as_of),
                explanation=((current["explanation"] or "") if current else ""),
                risks=((current["risks"] or "") if current else ""),
                missing=current is None and iid not in handed_in and period["due"] < today,
                approved_at=(shown_report["approved_at"] if shown_report else None),
                approved_by=(shown_report["reviewed_by"] or "") if shown_report else "",
                not_yet_approved=bool(current and current["state"] == ReportState.SUBMITTED.value),
                strip=strip,
            )
        )
    return lines


def _status_counts(
    init_rows: list[dict[str, Any]], by_init: dict[int, dict[str, Any]]
) -> tuple[dict[str, dict[str, int]], dict[str, str]]:
    counts: dict[str, dict[str, int]] = {}
    titles: dict[str, str] = {}
    for row in init_rows:
        area = row["fa_code"]
        report = by_init.get(row["initiative_id"])
        status = report["status"] if report else "no_report"
        counts.setdefault(area, dict.fromkeys(STATUS_COLUMNS, 0))[status] += 1
        titles.setdefault(area, row["fa_title_da"])
    return counts, titles


def _headline(
    init_rows: list[dict[str, Any]],
    cur: dict[int, dict[str, Any]],
    prev: dict[int, dict[str, Any]],
    *,
    lang: Lang,
    public: bool,
) -> Headline:
    counts, _ = _status_counts(init_rows, cur)
    prev_counts, _ = _status_counts(init_rows, prev)
    titles = {r["fa_code"]: r[f"fa_title_{lang}"] for r in init_rows}
    areas = list(counts)
    cells: dict[tuple[str, str], int] = {}
    for area in areas:
        for status in STATUS_COLUMNS:
            cells[(area, status)] = counts[area][status]
        cells[(area, "total")] = sum(counts[area].values())
    for status in [*STATUS_COLUMNS, "total"]:
        cells[("total", status)] = sum(cells[(a, status)] for a in areas)
    prev_totals = {s: sum(prev_counts[a][s] for a in prev_counts) for s in STATUS_COLUMNS}
    # Initiative counts are facts about government work, not about persons: shown in every edition.
    shown: dict[tuple[str, str], Count] = dict(cells)
    reported = cells[("total", "total")] - cells[("total", "no_report")]
    previous_reported = sum(prev_totals.values()) - prev_totals["no_report"]
    share = _share(sum(cells[("total", s)] for s in GOOD), reported)
    prev_share = _share(sum(prev_totals[s] for s in GOOD), previous_reported) if prev else None
    change = round(share - prev_share, 1) if share is not None and prev_share is not None else None
    rows = [
        HeadlineRow(
            focus_area=area,
            title=titles[area],
            counts={s: shown[(area, s)] for s in STATUS_COLUMNS},
            total=shown[(area, "total")],
        )
        for area in areas
    ]
    return Headline(
        rows=rows,
        totals={s: shown[("total", s)] for s in STATUS_COLUMNS},
        total=shown[("total", "total")],
        share_on_track=share,
        previous_share_on_track=prev_share,
        change_pp=change,
        previous_totals=dict(prev_totals),
        reported=reported,
        not_reported=cells[("total", "no_report")],
        previous_reported=previous_reported,
    )


def _attention(
    init_rows: list[dict[str, Any]], cur: dict[int, dict[str, Any]], as_of: date, *, lang: Lang
) -> list[AttentionItem]:
    items = []
    for row in init_rows:
        report = cur.get(row["initiative_id"])
        status = report["status"] if report else None
        overdue = is_overdue(row["deadline"], status, as_of)
        if not overdue and status not in TROUBLE:
            continue
        items.append(
            AttentionItem(
                initiative=row["code"],
                title=row[f"title_{lang}"],
                focus_area=row["fa_code"],
                lead=row["lead_code"],
                status=status,
                deadline=row["deadline"],
                overdue=overdue,
                explanation=(report["explanation"] or report["narrative"]) if report else "",
                risks=report["risks"] if report else "",
                not_yet_approved=bool(report and report["state"] == ReportState.SUBMITTED.value),
            )
        )
    return items


def _slips(slips: pl.DataFrame, init_by_id: dict[int, dict[str, Any]], until: datetime) -> list[SlipRow]:
    known = slips.filter(pl.col("at") <= until)
    rows: dict[int, SlipRow] = {}
    for slip in known.iter_rows(named=True):
        initiative = init_by_id.get(slip["initiative_id"])
        if initiative is None:
            continue
        row = rows.get(slip["milestone_id"])
        if row is None:
            row = rows[slip["milestone_id"]] = SlipRow(
                initiative=initiative["code"],
                milestone=slip["milestone"],
                original_due=slip["original_due"],
                current_due=slip["new_due"],
                moves=0,
                days_slipped=0,
                reasons=[],
            )
        row.moves = int(row.moves) + 1
        row.current_due = slip["new_due"]
        row.days_slipped = (slip["new_due"] - row.original_due).days
        row.reasons.append(slip["reason"])
    return sorted(rows.values(), key=lambda r: (-r.days_slipped, r.initiative, r.milestone))


def _indicators(
    frames: Frames,
    reports: pl.DataFrame,
    period: dict[str, Any],
    init_by_id: dict[int, dict[str, Any]],
    *,
    lang: Lang,
    public: bool,
    band: float,
) -> list[IndicatorRow]:
    periods = frames.periods.filter(pl.col("starts") <= period["starts"])
    label_of = dict(zip(periods["period_id"].to_list(), periods["label"].to_list(), strict=True))
    order = periods["period_id"].to_list()
    values = frames.values.join(reports.select("report_id", "period_id", "state"), on="report_id", how="inner").filter(
        pl.col("period_id").is_in(order)
    )
    # (indicator, period) -> {category: value}; state of the report that gave them.
    grid: dict[tuple[int, int], dict[str, float]] = {}
    provisional: set[tuple[int, int]] = set()
    submitted = ReportState.SUBMITTED.value
    columns = values.select("indicator_id", "period_id", "category", "value", "state")
    for indicator_id, period_id, category, value, state in columns.iter_rows():
        key = (indicator_id, period_id)
        cells = grid.get(key)
        if cells is None:
            cells = grid[key] = {}
        cells[category] = value
        if state == submitted:
            provisional.add(key)
    found: dict[int, set[str]] = {}
    for (indicator_id, _period_id), cells in grid.items():
        found.setdefault(indicator_id, set()).update(c for c in cells if c)
    categories_of = {i: sorted(cs) for i, cs in found.items()}
    # Only counts of persons are suppressed in the public edition (see reports/suppression.py).
    people = {i["indicator_id"] for i in frames.indicators.iter_rows(named=True) if counts_people(i["unit"] or "")}
    shown: dict[tuple[int, int], dict[str, Value]] = {}
    for key, cells in grid.items():
        shown[key] = dict(_suppress_breakdown(cells)) if public and key[0] in people else dict(cells)

    # Targets: this period's, else the next later one (interpolated from the baseline).
    all_periods = frames.periods
    ends_of = dict(zip(all_periods["period_id"].to_list(), all_periods["ends"].to_list(), strict=True))
    targets_by_ind: dict[int, list[tuple[date, float]]] = {}
    for t in frames.targets.iter_rows(named=True):
        if t["period_id"] in ends_of:
            targets_by_ind.setdefault(t["indicator_id"], []).append((ends_of[t["period_id"]], t["target"]))
    first_start: date = all_periods["starts"].min()  # type: ignore[assignment]

    rows: list[IndicatorRow] = []
    for ind in frames.indicators.iter_rows(named=True):
        initiative = init_by_id.get(ind["initiative_id"])
        if initiative is None:
            continue
        target, expected = target_now(
            targets_by_ind.get(ind["indicator_id"], []), ind["baseline"], first_start, period["ends"]
        )
        current_cells = grid.get((ind["indicator_id"], period["period_id"]), {})
        categories = ["", *categories_of.get(ind["indicator_id"], [])]
        for category in categories:
            actual_raw = current_cells.get(category)
            actual_shown = shown.get((ind["indicator_id"], period["period_id"]), {}).get(category)
            is_total = category == ""
            status = indicator_status(ind["direction"], actual_raw, expected if is_total else None, band)
            pct: float | str | None = pct_achieved(ind["direction"], actual_raw, target) if is_total else None
            hidden = isinstance(actual_shown, str)
            if hidden:
                # Anything computed from a hidden value, or that with it would bound it, is hidden too.
                pct = suppression.HIDDEN if pct is not None else None
                status = "hidden"
            trend: list[tuple[str, Value]] = [
                (label_of[p], shown[(ind["indicator_id"], p)].get(category))
                for p in order
                if (ind["indicator_id"], p) in shown and category in shown[(ind["indicator_id"], p)]
            ]
            rows.append(
                IndicatorRow(
                    initiative=initiative["code"],
                    indicator=ind["indicator_code"],
                    name=ind[f"name_{lang}"],
                    category=category,
                    unit=ind["unit"],
                    direction=ind["direction"],
                    baseline=None if public and ind["indicator_id"] in people else ind["baseline"],
                    actual=actual_shown,
                    target=target if is_total else None,
                    expected=expected if is_total and not (public and ind["indicator_id"] in people) else None,
                    pct_achieved=pct,
                    status=status if is_total else ("no_data" if actual_raw is None else "breakdown"),
                    trend=trend,
                    not_yet_approved=(ind["indicator_id"], period["period_id"]) in provisional,
                )
            )
    return rows


def _suppress_breakdown(cells: dict[str, float]) -> dict[str, Value]:
    """Suppress one indicator-period's values: the total and each dimension's parts add up."""
    return suppression.suppress_breakdown(dict(cells))


def _completeness(
    init_rows: list[dict[str, Any]],
    all_reports: pl.DataFrame,
    period: dict[str, Any],
    today: date,
    *,
    lang: Lang,
    public: bool,
) -> list[CompletenessRow]:
    here = all_reports.filter(pl.col("period_id") == period["period_id"])
    by_init = {r["initiative_id"]: r for r in here.iter_rows(named=True)}
    due_end = _end_of(period["due"])
    counts: dict[str, dict[str, int]] = {}
    names: dict[str, str] = {}
    for row in init_rows:
        org = row["lead_code"]
        names[org] = row[f"lead_name_{lang}"]
        c = counts.setdefault(org, {"expected": 0, "on_time": 0, "late": 0, "missing": 0, "not_due": 0})
        c["expected"] += 1
        report = by_init.get(row["initiative_id"])
        submitted = report is not None and report["state"] in (ReportState.SUBMITTED.value, ReportState.APPROVED.value)
        if submitted and report is not None:
            at = report["submitted_at"] or report["approved_at"]
            c["late" if at is not None and at > due_end else "on_time"] += 1
        elif period["due"] < today:
            c["missing"] += 1
        else:
            c["not_due"] += 1
    columns = ["on_time", "late", "missing", "not_due"]
    orgs = sorted(counts)
    shown: dict[tuple[str, str], Count] = {}
    cells = {(o, k): counts[o][k] for o in orgs for k in columns}
    for o in orgs:
        cells[(o, "total")] = counts[o]["expected"]
    for k in [*columns, "total"]:
        cells[("total", k)] = sum(cells[(o, k)] for o in orgs)
    shown = dict(suppression.suppress_table(orgs, columns, cells)) if public else dict(cells)
    return [
        CompletenessRow(
            organisation=o,
            name=names.get(o, o) if o != "total" else "",
            expected=shown[(o, "total")],
            on_time=shown[(o, "on_time")],
            late=shown[(o, "late")],
            missing=shown[(o, "missing")],
            not_due=shown[(o, "not_due")],
        )
        for o in [*orgs, "total"]
    ]


def _changes(
    frames: Frames,
    init_rows: list[dict[str, Any]],
    cur: dict[int, dict[str, Any]],
    prev: dict[int, dict[str, Any]],
    period: dict[str, Any],
    previous: dict[str, Any] | None,
    as_of: date,
    slip_rows: list[SlipRow],
    *,
    lang: Lang,
) -> Changes:
    status_changes: list[StatusChange] = []
    new_delays: list[NewDelay] = []
    new_risks: list[NewRisk] = []
    prev_as_of = min(as_of, previous["due"]) if previous else None
    window_start = _end_of(previous["due"]) if previous else datetime.min
    new_slips = frames.slips.filter((pl.col("at") > window_start) & (pl.col("at") <= _end_of(as_of)))
    slips_by_init: dict[int, list[str]] = {}
    for s in new_slips.iter_rows(named=True):
        days = format_number(s["days_slipped"], lang)
        moved = (
            f"flyttet fra {format_date(s['old_due'], lang)} til {format_date(s['new_due'], lang)} ({days} dage)"
            if lang == "da"
            else f"moved from {format_date(s['old_due'], lang)} to {format_date(s['new_due'], lang)} ({days} days)"
        )
        slips_by_init.setdefault(s["initiative_id"], []).append(f"{s['milestone']}: {moved}")
    for row in init_rows:
        iid = row["initiative_id"]
        now_r, then_r = cur.get(iid), prev.get(iid)
        now_s = now_r["status"] if now_r else None
        then_s = then_r["status"] if then_r else None
        provisional = bool(now_r and now_r["state"] == ReportState.SUBMITTED.value)
        title = row[f"title_{lang}"]
        if previous is not None and now_r is not None and now_s != then_s:
            status_changes.append(StatusChange(row["code"], title, then_s, now_s, provisional))
        overdue_now = is_overdue(row["deadline"], now_s, as_of)
        overdue_then = prev_as_of is not None and is_overdue(row["deadline"], then_s, prev_as_of)
        delayed_now = now_s in TROUBLE or overdue_now
        delayed_then = then_s in TROUBLE or overdue_then
        if (delayed_now and not delayed_then and previous is not None) or iid in slips_by_init:
            new_delays.append(
                NewDelay(
                    row["code"],
                    title,
                    now_s,
                    overdue_now,
                    (now_r["explanation"] or "") if now_r else "",
                    slips_by_init.get(iid, []),
                )
            )
        risks_now = (now_r["risks"] or "").strip() if now_r else ""
        risks_then = (then_r["risks"] or "").strip() if then_r else ""
        if risks_now and risks_now != risks_then:
            new_risks.append(NewRisk(row["code"], title, risks_now, provisional))

    revised: list[Revision] = []
    if previous is not None:
        report_period = dict(
            zip(frames.reports["report_id"].to_list(), frames.reports["period_id"].to_list(), strict=True)
        )
        report_init = dict(
            zip(frames.reports["report_id"].to_list(), frames.reports["initiative_id"].to_list(), strict=True)
        )
        label_of = dict(zip(frames.periods["period_id"].to_list(), frames.periods["label"].to_list(), strict=True))
        code_of = {r["initiative_id"]: r["code"] for r in init_rows}
        last: dict[int, dict[str, Any]] = {}
        for rev in frames.revisions.iter_rows(named=True):
            before = last.get(rev["report_id"])
            last[rev["report_id"]] = rev
            if before is None or not (window_start < rev["at"] <= _end_of(as_of)):
                continue
            rid = rev["report_id"]
            if rid not in report_period or label_of.get(report_period[rid]) is None:
                continue
            for field_name, old, new in revision_diffs(before["content"], rev["content"]):
                revised.append(
                    Revision(
                        initiative=code_of.get(report_init[rid], "?"),
                        period=label_of[report_period[rid]],
                        version=rev["version"],
                        field=field_name,
                        before=old,
                        after=new,
                        reason=rev["reason"],
                        at=rev["at"],
                        field_label=field_label(field_name, lang),
                        before_text=field_value(field_name, old, lang),
                        after_text=field_value(field_name, new, lang),
                    )
                )
    return Changes(status_changes, new_delays, revised, new_risks)


def _budget(
    frames: Frames, init_rows: list[dict[str, Any]], reports: pl.DataFrame, period: dict[str, Any], *, lang: Lang
) -> Budget:
    upto = frames.periods.filter(pl.col("starts") <= period["starts"])["period_id"].to_list()
    spent = reports.filter(pl.col("period_id").is_in(upto))
    to_date = dict(spent.group_by("initiative_id").agg(pl.col("spent_dkk").sum()).iter_rows())
    has_spend = set(spent.filter(pl.col("spent_dkk").is_not_null())["initiative_id"].to_list())
    this = {
        r["initiative_id"]: r["spent_dkk"]
        for r in spent.filter(pl.col("period_id") == period["period_id"]).iter_rows(named=True)
    }
    rows = [
        BudgetRow(
            initiative=r["code"],
            title=r[f"title_{lang}"],
            allocated=float(r["budget_dkk"]) if r["budget_dkk"] is not None else None,
            spent_period=this.get(r["initiative_id"]),
            spent_to_date=to_date.get(r["initiative_id"]) if r["initiative_id"] in has_spend else None,
        )
        for r in init_rows
    ]
    allocated = [r.allocated for r in rows if r.allocated is not None]
    spent_total = sum(r.spent_to_date or 0.0 for r in rows)
    plan_budget = frames.plan_budget
    return Budget(
        plan_budget=plan_budget,
        allocated_total=sum(allocated) if allocated else None,
        spent_period_total=sum(r.spent_period or 0.0 for r in rows),
        spent_to_date_total=spent_total,
        rows=rows,
        allocated_count=len(allocated),
        remaining=(plan_budget - spent_total) if plan_budget is not None else None,
        share_spent=_share_float(spent_total, plan_budget),
        reporting_spend=len(has_spend),
    )


def _share_float(part: float, whole: float | None) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def _forecasts(
    init_rows: list[dict[str, Any]],
    cur: dict[int, dict[str, Any]],
    prev: dict[int, dict[str, Any]],
    *,
    lang: Lang,
    public: bool,
) -> tuple[list[ForecastRow], list[ForecastMiss]]:
    counts: dict[str, dict[str, int]] = {}
    names: dict[str, str] = {}
    misses: list[ForecastMiss] = []
    for row in init_rows:
        then = prev.get(row["initiative_id"])
        if then is None or not then["forecast_status"]:
            continue
        org = row["lead_code"]
        names[org] = row[f"lead_name_{lang}"]
        c = counts.setdefault(org, {"forecasts": 0, "hits": 0, "misses": 0, "no_outcome": 0})
        c["forecasts"] += 1
        now = cur.get(row["initiative_id"])
        if now is None:
            c["no_outcome"] += 1
        elif now["status"] == then["forecast_status"]:
            c["hits"] += 1
        else:
            c["misses"] += 1
            misses.append(
                ForecastMiss(row["code"], org, then["forecast_status"], now["status"], then["forecast_note"] or "")
            )
    orgs = sorted(counts)
    columns = ["hits", "misses", "no_outcome"]
    cells = {(o, k): counts[o][k] for o in orgs for k in columns}
    for o in orgs:
        cells[(o, "total")] = counts[o]["forecasts"]
    for k in [*columns, "total"]:
        cells[("total", k)] = sum(cells[(o, k)] for o in orgs)
    shown: dict[tuple[str, str], Count] = (
        dict(suppression.suppress_table(orgs, columns, cells)) if public else dict(cells)
    )
    rows = []
    for o in [*orgs, "total"] if orgs else []:
        scored = cells[(o, "hits")] + cells[(o, "misses")]
        accuracy: float | str | None = _share(cells[(o, "hits")], scored)
        if public and (isinstance(shown[(o, "hits")], str) or isinstance(shown[(o, "misses")], str)):
            accuracy = suppression.HIDDEN if accuracy is not None else None
        rows.append(
            ForecastRow(
                organisation=o,
                name=names.get(o, ""),
                forecasts=shown[(o, "total")],
                hits=shown[(o, "hits")],
                misses=shown[(o, "misses")],
                no_outcome=shown[(o, "no_outcome")],
                accuracy=accuracy,
            )
        )
    return rows, misses
