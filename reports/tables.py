"""The report model laid out as titled tables, shared by the xlsx, HTML and PDF renderers.

Cells keep raw values (numbers stay numbers, statuses stay codes); each renderer formats them for its
medium with `format_cell`, so every format shows the same figures.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from reports.fora import fora_table
from reports.i18n import Labels, format_date, format_number, format_percent
from reports.model import STATUS_COLUMNS, StatusReport

Kind = Literal["text", "long", "count", "number", "money", "pct", "date", "status", "istatus", "bool"]


@dataclass
class Column:
    label: str
    kind: Kind = "text"


@dataclass
class Table:
    key: str  # also the xlsx sheet name (<= 31 characters)
    title: str
    columns: list[Column]
    rows: list[list[Any]]
    # Per row: True when it rests on a report not yet approved (shown marked).
    provisional: list[bool] = field(default_factory=list)
    total_rows: int = 0  # the last n rows are totals
    notes: list[str] = field(default_factory=list)


def format_cell(value: Any, kind: Kind, labels: Labels) -> str:
    """A cell as text in the report's language."""
    lang = labels.lang
    if value is None:
        return ""
    if isinstance(value, str) and kind in ("count", "number", "money", "pct"):
        return value  # "<5" or "x"
    if kind == "status":
        return labels.status(value)
    if kind == "istatus":
        return labels.indicator_status(value) if value != "breakdown" else ""
    if kind == "bool":
        return labels["yes"] if value else labels["no"]
    if kind == "date" and isinstance(value, (date, datetime)):
        return format_date(value if isinstance(value, date) else value.date(), lang)
    if kind == "pct":
        return format_percent(value, lang)
    if kind == "money":
        return format_number(value, lang, 0)
    if kind in ("count", "number"):
        return format_number(value, lang)
    return str(value)


def trend_text(trend: list[tuple[str, Any]], labels: Labels) -> str:
    return " · ".join(f"{label}: {format_number(value, labels.lang)}" for label, value in trend)


def summary_rows(report: StatusReport, labels: Labels) -> list[tuple[str, str]]:
    """Key facts for the cover: plan, period, dates, options, the headline share."""
    m = report.meta
    h = report.headline
    rows = [
        (labels["plan"], m.plan_title),
        (
            labels["period"],
            f"{m.period} ({format_date(m.period_starts, m.lang)} – {format_date(m.period_ends, m.lang)})",
        ),
        (labels["due"], format_date(m.period_due, m.lang)),
        (labels["previous_period"], m.previous_period or labels["none"]),
        (labels["generated"], format_date(m.today, m.lang)),
        (labels["share_on_track"], format_percent(h.share_on_track, m.lang)),
    ]
    if h.change_pp is not None:
        change = h.change_pp if isinstance(h.change_pp, str) else format_number(h.change_pp, m.lang, 1)
        if isinstance(h.change_pp, float) and h.change_pp > 0:
            change = "+" + change
        rows.append((labels["change_vs_previous"], f"{change} {labels['percentage_points']}"))
    rows.append(("", labels["includes_submitted"] if m.include_submitted else labels["approved_only"]))
    if m.public:
        rows.append(("", labels["public_note"]))
    if m.contains_sample_data:
        rows.append(("", labels["sample_note"]))
    return rows


def build_tables(report: StatusReport, labels: Labels) -> list[Table]:
    """Every section of the report as tables, in reading order."""
    tables: list[Table] = []
    h = report.headline
    status_cols = [Column(labels.status(s), "count") for s in STATUS_COLUMNS]
    tables.append(
        Table(
            "headline",
            labels["headline"],
            [Column(labels["focus_area"]), Column(labels["title_col"]), *status_cols, Column(labels["total"], "count")],
            [[r.focus_area, r.title, *[r.counts[s] for s in STATUS_COLUMNS], r.total] for r in h.rows]
            + [[labels["total"], "", *[h.totals[s] for s in STATUS_COLUMNS], h.total]],
            total_rows=1,
        )
    )
    tables.append(
        Table(
            "attention",
            labels["attention"],
            [
                Column(labels["initiative"]),
                Column(labels["title_col"], "long"),
                Column(labels["lead"]),
                Column(labels["status"], "status"),
                Column(labels["deadline"], "date"),
                Column(labels["overdue"], "bool"),
                Column(labels["explanation"], "long"),
                Column(labels["risks"], "long"),
            ],
            [
                [a.initiative, a.title, a.lead, a.status, a.deadline, a.overdue, a.explanation, a.risks]
                for a in report.attention
            ],
            provisional=[a.not_yet_approved for a in report.attention],
        )
    )
    if report.fora_attention:
        tables.append(fora_table(report.fora_attention, labels))
    tables.append(
        Table(
            "slips",
            labels["slips"],
            [
                Column(labels["initiative"]),
                Column(labels["milestone"], "long"),
                Column(labels["original_due"], "date"),
                Column(labels["current_due"], "date"),
                Column(labels["moves"], "count"),
                Column(labels["days_slipped"], "number"),
                Column(labels["reasons"], "long"),
            ],
            [
                [
                    s.initiative,
                    s.milestone,
                    s.original_due,
                    s.current_due,
                    s.moves,
                    s.days_slipped,
                    "; ".join(s.reasons),
                ]
                for s in report.slips
            ],
        )
    )
    tables.append(
        Table(
            "indicators",
            labels["indicators"],
            [
                Column(labels["initiative"]),
                Column(labels["indicator"]),
                Column(labels["title_col"], "long"),
                Column(labels["category"]),
                Column(labels["unit"]),
                Column(labels["actual"], "number"),
                Column(labels["target"], "number"),
                Column(labels["expected"], "number"),
                Column(labels["pct_achieved"], "pct"),
                Column(labels["status"], "istatus"),
                Column(labels["trend"], "long"),
            ],
            [
                [
                    i.initiative,
                    i.indicator,
                    i.name,
                    i.category or labels["total"],
                    i.unit,
                    i.actual,
                    i.target,
                    i.expected,
                    i.pct_achieved,
                    i.status,
                    trend_text(i.trend, labels),
                ]
                for i in report.indicators
            ],
            provisional=[i.not_yet_approved for i in report.indicators],
        )
    )
    tables.append(
        Table(
            "completeness",
            labels["completeness"],
            [
                Column(labels["organisation"]),
                Column(labels["title_col"], "long"),
                Column(labels["expected_reports"], "count"),
                Column(labels["on_time"], "count"),
                Column(labels["late"], "count"),
                Column(labels["missing"], "count"),
                Column(labels["not_due"], "count"),
            ],
            [
                [
                    labels["total"] if c.organisation == "total" else c.organisation,
                    c.name,
                    c.expected,
                    c.on_time,
                    c.late,
                    c.missing,
                    c.not_due,
                ]
                for c in report.completeness
            ],
            total_rows=1 if report.completeness else 0,
        )
    )
    ch = report.changes
    tables.append(
        Table(
            "changes-status",
            f"{labels['changes']}: {labels['status_changes']}",
            [
                Column(labels["initiative"]),
                Column(labels["title_col"], "long"),
                Column(labels["from"], "status"),
                Column(labels["to"], "status"),
            ],
            [[c.initiative, c.title, c.before, c.after] for c in ch.status_changes],
            provisional=[c.not_yet_approved for c in ch.status_changes],
        )
    )
    tables.append(
        Table(
            "changes-delays",
            f"{labels['changes']}: {labels['new_delays']}",
            [
                Column(labels["initiative"]),
                Column(labels["title_col"], "long"),
                Column(labels["status"], "status"),
                Column(labels["overdue"], "bool"),
                Column(labels["explanation"], "long"),
                Column(labels["slips"], "long"),
            ],
            [[d.initiative, d.title, d.status, d.overdue, d.explanation, "; ".join(d.slips)] for d in ch.new_delays],
        )
    )
    tables.append(
        Table(
            "changes-revised",
            f"{labels['changes']}: {labels['revised_values']}",
            [
                Column(labels["initiative"]),
                Column(labels["period"]),
                Column(labels["field"]),
                Column(labels["before"], "long"),
                Column(labels["after"], "long"),
                Column(labels["reason"], "long"),
                Column(labels["generated"], "date"),
            ],
            [[r.initiative, r.period, r.field, r.before, r.after, r.reason, r.at] for r in ch.revised_values],
        )
    )
    tables.append(
        Table(
            "changes-risks",
            f"{labels['changes']}: {labels['new_risks']}",
            [Column(labels["initiative"]), Column(labels["title_col"], "long"), Column(labels["risks"], "long")],
            [[r.initiative, r.title, r.risks] for r in ch.new_risks],
            provisional=[r.not_yet_approved for r in ch.new_risks],
        )
    )
    b = report.budget
    budget_notes = [
        f"{labels['plan_budget']}: {format_number(b.plan_budget, labels.lang, 0) if b.plan_budget is not None else labels['not_set']} {labels['dkk']}"
    ]
    tables.append(
        Table(
            "budget",
            labels["budget"],
            [
                Column(labels["initiative"]),
                Column(labels["title_col"], "long"),
                Column(labels["allocated"], "money"),
                Column(labels["spent_period"], "money"),
                Column(labels["spent_to_date"], "money"),
            ],
            [[r.initiative, r.title, r.allocated, r.spent_period, r.spent_to_date] for r in b.rows]
            + [[labels["total"], "", b.allocated_total, b.spent_period_total, b.spent_to_date_total]],
            total_rows=1,
            notes=budget_notes,
        )
    )
    tables.append(
        Table(
            "forecasts",
            labels["forecasts"],
            [
                Column(labels["organisation"]),
                Column(labels["title_col"], "long"),
                Column(labels["forecasts_made"], "count"),
                Column(labels["hits"], "count"),
                Column(labels["misses"], "count"),
                Column(labels["no_outcome"], "count"),
                Column(labels["accuracy"], "pct"),
            ],
            [
                [
                    labels["total"] if f.organisation == "total" else f.organisation,
                    f.name,
                    f.forecasts,
                    f.hits,
                    f.misses,
                    f.no_outcome,
                    f.accuracy,
                ]
                for f in report.forecasts
            ],
            total_rows=1 if report.forecasts else 0,
        )
    )
    tables.append(
        Table(
            "forecast-misses",
            f"{labels['forecasts']}: {labels['misses']}",
            [
                Column(labels["initiative"]),
                Column(labels["organisation"]),
                Column(labels["forecast"], "status"),
                Column(labels["outcome"], "status"),
                Column(labels["explanation"], "long"),
            ],
            [[m.initiative, m.organisation, m.forecast, m.outcome, m.note] for m in report.forecast_misses],
        )
    )
    for table in tables:
        if not table.provisional:
            table.provisional = [False] * len(table.rows)
    return tables
