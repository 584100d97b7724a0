"""The report as one self-contained HTML page (Jinja2 with autoescape, print stylesheet, inline chart)."""

from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from reports.charts import data_uri, headline_chart, sparkline_svg
from reports.i18n import Labels
from reports.model import StatusReport
from reports.tables import build_tables, format_cell, summary_rows

MEDIA_TYPE = "text/html; charset=utf-8"


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("reports", "templates"),
        autoescape=select_autoescape(["html", "j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def render_html(report: StatusReport) -> bytes:
    labels = Labels(report.meta.lang)
    tables = build_tables(report, labels)
    sparks = {
        (i.indicator, i.category or labels["total"]): Markup(sparkline_svg([v for _, v in i.trend]))
        for i in report.indicators
    }
    chart = data_uri(headline_chart(report, labels), "image/svg+xml")
    template = _environment().get_template("status_report.html.j2")
    html = template.render(
        report=report,
        meta=report.meta,
        labels=labels,
        summary=summary_rows(report, labels),
        tables=tables,
        fmt=format_cell,
        sparks=sparks,
        chart=chart,
    )
    return html.encode("utf-8")
