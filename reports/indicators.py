"""The indicator section of the status report: each indicator (and its breakdown) against its target.

Values come from the included reports up to the period; in the public edition counts of persons are
suppressed (`reports/suppression.py`) and anything computed from a hidden value is hidden too.
"""

from datetime import date
from typing import Any

import polars as pl

from actionplan.enums import ReportState
from reports import suppression
from reports.i18n import Lang, counts_people
from reports.model import Frames, IndicatorRow, Value
from reports.rules import indicator_status, pct_achieved, target_now


def indicator_rows(
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
        shown[key] = dict(suppress_breakdown(cells)) if public and key[0] in people else dict(cells)

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


def suppress_breakdown(cells: dict[str, float]) -> dict[str, Value]:
    """Suppress one indicator-period's values: the total and each dimension's parts add up."""
    return suppression.suppress_breakdown(dict(cells))
