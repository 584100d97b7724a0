"""The report model laid out as titled tables, shared by the xlsx, HTML and PDF renderers.

Cells keep raw values (numbers stay numbers, statuses stay codes); each renderer formats them for its
medium with `format_cell`, so every format shows the same figures.

Longer than 400 lines on purpose: `build_tables` lays out every section of the report as one list in reading
order, which is exactly what the three renderers share; a section's table is a dozen lines of columns and
rows, and keeping them in one place keeps the order and the column kinds of all formats in one view.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from reports.briefing import SHAPES, budget_sentence, certainty_mark, strip_text
from reports.fora import fora_table
from reports.i18n import (
    CERTAINTY,
    CONFIDENCE,
    Labels,
    actor_label,
    category_label,
    format_change_pp,
    format_date,
    format_number,
    format_percent,
    format_period,
    unit_label,
)
from reports.model import STATUS_COLUMNS, StatusReport

Kind = Literal[
    "text", "long", "count", "number", "money", "allocation", "pct", "date", "status", "istatus", "bool", "confidence"
]
NUMERIC_KINDS = frozenset({"count", "number", "money", "allocation", "pct"})


@dataclass
class Column:
    label: str
    kind: Kind = "text"
    # Text as the reporters wrote it (Danish): marked lang="da" inside an English report.
    reporter_text: bool = False


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
    if kind == "allocation" and value is None:
        return labels["not_set"]
    if value is None:
        return ""
    if isinstance(value, str) and kind in NUMERIC_KINDS:
        return value  # "<5" or "x"
    if kind == "confidence":
        return CONFIDENCE[lang].get(str(value), str(value))
    if kind == "status":
        return f"{SHAPES.get(value, '–')} {labels.status(value)}"
    if kind == "istatus":
        return labels.indicator_status(value) if value != "breakdown" else ""
    if kind == "bool":
        return labels["yes"] if value else labels["no"]
    if kind == "date" and isinstance(value, (date, datetime)):
        return format_date(value if isinstance(value, date) else value.date(), lang)
    if kind == "pct":
        return format_percent(value, lang)
    if kind in ("money", "allocation"):
        return format_number(value, lang, 0)
    if kind in ("count", "number"):
        return format_number(value, lang)
    return str(value)


def trend_text(trend: list[tuple[str, Any]], labels: Labels) -> str:
    return " · ".join(
        f"{format_period(label, labels.lang)}: {format_number(value, labels.lang)}" for label, value in trend
    )


def summary_rows(report: StatusReport, labels: Labels) -> list[tuple[str, str]]:
    """Key facts for the cover: plan, period, dates, options, the headline share."""
    m = report.meta
    h = report.headline
    lang = m.lang
    share = format_percent(h.share_on_track, lang)
    rows = [
        (labels["plan"], m.plan_title),
        (
            labels["period"],
            f"{format_period(m.period, lang)} ({format_date(m.period_starts, lang)} – {format_date(m.period_ends, lang)})",
        ),
        (labels["due"], format_date(m.period_due, lang)),
        (labels["previous_period"], format_period(m.previous_period, lang) or labels["none"]),
        (labels["data_as_of"], format_date(m.data_as_of, lang) if m.data_as_of else labels["none"]),
        (labels["generated"], format_date(m.today, lang)),
        (
            labels["share_on_track"],
            f"{share} ({labels['of_reported'].format(n=h.reported, total=h.reported + h.not_reported)})",
        ),
        (labels["not_reported"], str(h.not_reported)),
    ]
    if h.change_pp is not None:
        rows.append((labels["change_vs_previous"], format_change_pp(h.change_pp, lang)))
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
    lang = labels.lang
    tables.append(
        Table(
            "initiatives",
            labels["initiatives_section"],
            [
                Column(labels["initiative"]),
                Column(labels["title_col"], "long"),
                Column(labels["lead"]),
                Column(labels["status"], "status"),
                Column(labels["status_from"]),
                Column(labels["confidence"], "confidence"),
                Column(labels["deadline"], "date"),
                Column(labels["overdue"], "bool"),
                Column(labels["strip"], "long"),
                Column(labels["explanation"], "long", reporter_text=True),
                Column(labels["certainty"], "long"),
                Column(labels["approved"], "long"),
            ],
            [
                [
                    f"{i.initiative}{certainty_mark(i.certainty)}",
                    i.title,
                    i.lead,
                    i.status,
                    format_period(i.status_period, lang) if i.status_period else labels["never_reported"],
                    i.confidence,
                    i.deadline,
                    i.overdue,
                    strip_text(i, lang),
                    i.explanation
                    or (
                        labels["no_explanation"]
                        if (i.overdue or i.status in ("delayed", "at_risk")) and i.reported
                        else ""
                    )
                    or (labels["not_reported_by"].format(lead=i.lead_name) if i.missing else ""),
                    CERTAINTY[lang].get(i.certainty, i.certainty)
                    + (f": {i.certainty_note}" if i.certainty_note else ""),
                    _approved(i.approved_at, i.approved_by, labels) if i.reported else "",
                ]
                for i in report.initiatives
            ],
            provisional=[i.not_yet_approved for i in report.initiatives],
            notes=[labels["initiatives_note"]],
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
                Column(labels["explanation"], "long", reporter_text=True),
                Column(labels["risks"], "long", reporter_text=True),
            ],
            [
                [
                    a.initiative,
                    a.title,
                    a.lead,
                    a.status,
                    a.deadline,
                    a.overdue,
                    a.explanation
                    or (labels["no_explanation"] if a.status else labels["not_reported_by"].format(lead=a.lead)),
                    a.risks,
                ]
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
                Column(labels["milestone"], "long", reporter_text=True),
                Column(labels["original_due"], "date"),
                Column(labels["current_due"], "date"),
                Column(labels["moves"], "count"),
                Column(labels["days_slipped"], "number"),
                Column(labels["reasons"], "long", reporter_text=True),
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
                    category_label(i.category, lang),
                    unit_label(i.unit, lang),
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
                Column(labels["explanation"], "long", reporter_text=True),
                Column(labels["slips"], "long", reporter_text=True),
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
                Column(labels["revised_period"]),
                Column(labels["field"]),
                Column(labels["before"], "long"),
                Column(labels["after"], "long"),
                Column(labels["reason"], "long", reporter_text=True),
                Column(labels["revised_on"], "date"),
            ],
            [
                [
                    r.initiative,
                    format_period(r.period, lang),
                    r.field_label,
                    r.before_text,
                    r.after_text,
                    r.reason,
                    r.at,
                ]
                for r in ch.revised_values
            ],
            notes=[labels["revised_note"]],
        )
    )
    tables.append(
        Table(
            "changes-risks",
            f"{labels['changes']}: {labels['new_risks']}",
            [
                Column(labels["initiative"]),
                Column(labels["title_col"], "long"),
                Column(labels["risks"], "long", reporter_text=True),
            ],
            [[r.initiative, r.title, r.risks] for r in ch.new_risks],
            provisional=[r.not_yet_approved for r in ch.new_risks],
        )
    )
    b = report.budget
    budget_notes = [budget_sentence(report), labels["budget_note"]]
    tables.append(
        Table(
            "budget",
            labels["budget"],
            [
                Column(labels["initiative"]),
                Column(labels["title_col"], "long"),
                Column(labels["allocated"], "allocation"),
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
                Column(labels["explanation"], "long", reporter_text=True),
            ],
            [[m.initiative, m.organisation, m.forecast, m.outcome, m.note] for m in report.forecast_misses],
        )
    )
    for table in tables:
        if not table.provisional:
            table.provisional = [False] * len(table.rows)
    return tables


def _approved(at: Any, by: str, labels: Labels) -> str:
    if at is None:
        return labels["not_yet_approved"]
    who = actor_label(by, labels.lang)
    day = format_date(at, labels.lang)
    return f"{day}, {who}" if who else day
