"""Build the status report model from the frames: a pure function of the data, a period, a language and options.

`build_model` assembles the sections; the headline, attention list, slip ledger, completeness, budget,
forecasts and the initiative lines are built here, the indicators in `reports/indicators.py` and the changes in
`reports/changes.py`. Tables of counts with row and column totals (and suppression in the public edition) go
through one helper, `suppression.counts_table`.

Longer than 400 lines on purpose: the sections built here all read the same joined frames and the same
initiative lookup that `build_model` prepares once; the sections with a life of their own (indicators,
changes, suppression) already live in modules of their own.
"""

from datetime import date, datetime
from typing import Any

import polars as pl

from actionplan.enums import ReportState
from actionplan.rules import is_overdue, is_past_due, is_report_expected
from reports import suppression
from reports.changes import build_changes
from reports.i18n import Lang
from reports.indicators import indicator_rows
from reports.model import (
    GOOD,
    SAMPLE_MARK,
    STATUS_COLUMNS,
    TROUBLE,
    AttentionItem,
    Budget,
    BudgetRow,
    CompletenessRow,
    ForecastMiss,
    ForecastRow,
    Frames,
    Headline,
    HeadlineRow,
    InitiativeLine,
    Meta,
    SlipRow,
    StatusReport,
    StripCell,
)
from reports.rules import end_of, share, share_of


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
    slip_rows = _slips(frames.slips, init_by_id, end_of(as_of))
    changes = build_changes(frames, init_rows, cur_by_init, prev_by_init, period, previous, as_of, slip_rows, lang=lang)
    indicators = indicator_rows(frames, reports, period, init_by_id, lang=lang, public=public, band=band)
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
        indicators=indicators,
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
                missing=current is None
                and iid not in handed_in
                and is_past_due(period["due"], today)
                and _expected(row, period),
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
    # Initiative counts are facts about government work, not about persons: shown in every edition.
    cells, shown = suppression.counts_table(counts, areas, STATUS_COLUMNS, public=False)
    prev_totals = {s: sum(prev_counts[a][s] for a in prev_counts) for s in STATUS_COLUMNS}
    reported = cells[("total", "total")] - cells[("total", "no_report")]
    previous_reported = sum(prev_totals.values()) - prev_totals["no_report"]
    now_share = share(sum(cells[("total", s)] for s in GOOD), reported)
    prev_share = share(sum(prev_totals[s] for s in GOOD), previous_reported) if prev else None
    change = round(now_share - prev_share, 1) if now_share is not None and prev_share is not None else None
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
        share_on_track=now_share,
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


def _expected(initiative: dict[str, Any], period: dict[str, Any]) -> bool:
    return is_report_expected(initiative["starts"], initiative["deadline"], period["starts"], period["ends"])


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
    due_end = end_of(period["due"])
    counts: dict[str, dict[str, int]] = {}
    names: dict[str, str] = {}
    for row in init_rows:
        org = row["lead_code"]
        names[org] = row[f"lead_name_{lang}"]
        c = counts.setdefault(org, {"expected": 0, "on_time": 0, "late": 0, "missing": 0, "not_due": 0})
        report = by_init.get(row["initiative_id"])
        if report is None and not _expected(row, period):
            continue  # not yet started, or ended before the period: no report is asked for (a report given counts)
        c["expected"] += 1
        submitted = report is not None and report["state"] in (ReportState.SUBMITTED.value, ReportState.APPROVED.value)
        if submitted and report is not None:
            at = report["submitted_at"] or report["approved_at"]
            c["late" if at is not None and at > due_end else "on_time"] += 1
        elif is_past_due(period["due"], today):
            c["missing"] += 1
        else:
            c["not_due"] += 1
    columns = ["on_time", "late", "missing", "not_due"]
    orgs = sorted(counts)
    _, shown = suppression.counts_table(counts, orgs, columns, public=public)
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
        share_spent=share_of(spent_total, plan_budget),
        reporting_spend=len(has_spend),
    )


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
    cells, shown = suppression.counts_table(counts, orgs, ["hits", "misses", "no_outcome"], public=public)
    rows = []
    for o in [*orgs, "total"] if orgs else []:
        scored = cells[(o, "hits")] + cells[(o, "misses")]
        accuracy: float | str | None = share(cells[(o, "hits")], scored)
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
