"""The report as one self-contained HTML page (Jinja2 with autoescape, print stylesheet, inline chart)."""

from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from reports.briefing import SHAPES, SummaryItem, status_words, strip_text
from reports.charts import data_uri, headline_chart, sparkline_svg, strip_svg
from reports.colours import PALETTE, TINTS
from reports.i18n import Labels, category_label, format_date, format_number, format_period
from reports.model import StatusReport
from reports.tables import NUMERIC_KINDS, build_tables, format_cell, summary_rows, trend_text

MEDIA_TYPE = "text/html; charset=utf-8"


@cache
def template_environment() -> Environment:
    """The reports' Jinja2 environment (autoescaped package templates: the status report's and the pack's)."""
    env = Environment(
        loader=PackageLoader("reports", "templates"),
        autoescape=select_autoescape(["html", "j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def _linked(item: SummaryItem) -> Markup:
    if not item.initiatives:
        return Markup("{}").format(item.text)
    return Markup('<a href="#i-{}">{}</a>').format(item.initiatives[0], item.text)


def indicator_sparklines(report: StatusReport, labels: Labels) -> list[Markup]:
    """Per indicator row, its named SVG sparkline over every period of the report, on the indicator's shared scale
    with its target (the indicators table's trend column; the meeting pack uses it too)."""
    lang = report.meta.lang
    tops: dict[str, float] = {}
    for i in report.indicators:
        numbers = [v for _, v in i.trend if isinstance(v, (int, float))] + [i.target or 0.0]
        tops[i.indicator] = max(tops.get(i.indicator, 0.0), *numbers)
    sparks = []
    for i in report.indicators:
        by_period = dict(i.trend)
        values = [by_period.get(p) for p in report.meta.periods]
        label = f"{labels['trend']} {i.indicator} {category_label(i.category, lang)}: " + (
            trend_text(i.trend, labels) or labels["none"]
        )
        if i.target is not None:
            label += f"; {labels['target']} {format_number(i.target, lang)}"
        sparks.append(Markup(sparkline_svg(values, top=tops[i.indicator], target=i.target, label=label)))
    return sparks


def render_html(report: StatusReport) -> bytes:
    labels = Labels(report.meta.lang)
    lang = report.meta.lang
    tables = build_tables(report, labels)
    sparks = indicator_sparklines(report, labels)
    strips = [
        Markup(strip_svg([c.status for c in line.strip], strip_text(line, lang), PALETTE))
        for line in report.initiatives
    ]
    summary = report.summary
    order = ["on_track", "completed", "at_risk", "delayed", "not_started", "cancelled", "no_report"]
    counts = [
        (s, summary.counts.get(s, 0))
        for s in order
        if summary.counts.get(s, 0) or s not in ("not_started", "cancelled")
    ]
    chart = data_uri(headline_chart(report, labels), "image/svg+xml")
    chart_alt = f"{labels['headline']}: " + "; ".join(f"{n} {status_words(s, lang)}" for s, n in counts)
    tints = TINTS
    template = template_environment().get_template("status_report.html.j2")
    html = template.render(
        report=report,
        meta=report.meta,
        labels=labels,
        summary=summary,
        summary_rows=summary_rows(report, labels),
        tables=tables,
        fmt=format_cell,
        numeric=NUMERIC_KINDS,
        sparks=sparks,
        strips=strips,
        chart=chart,
        chart_alt=chart_alt,
        counts=counts,
        shapes=SHAPES,
        words=lambda s: status_words(s, lang),
        linked=_linked,
        tints=tints,
        period_name=format_period(report.meta.period, lang),
        data_as_of=format_date(report.meta.data_as_of, lang) if report.meta.data_as_of else labels["none"],
    )
    return html.encode("utf-8")
