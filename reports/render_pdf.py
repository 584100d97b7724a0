"""The report as PDF with fpdf2 (pure Python, installs from PyPI on a fresh machine) and an embedded
Unicode font (DejaVu Sans, shipped with matplotlib), so æ, ø and å render correctly."""

import io
from datetime import UTC, datetime, time
from functools import cache
from pathlib import Path
from typing import Any

import matplotlib
from fpdf import FPDF

from reports.briefing import SHAPES, SummaryItem, status_words
from reports.charts import headline_chart
from reports.colours import PALETTE, rgb
from reports.i18n import Labels, format_date, format_period
from reports.model import StatusReport
from reports.pdf_table import FONT, HEADER_FILL, TableLayout, draw_table, indicator_sparks
from reports.tables import build_tables

MEDIA_TYPE = "application/pdf"


@cache
def font_dir() -> Path:
    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


# The footer was drawn by `cell()` with fpdf2's `{total_pages}` alias, centred as if the count were this wide.
_COUNT_SPACE = "0" * len("{total_pages}")


class ReportPDF(FPDF):
    """fpdf2's document with the report's footer: `title period – plan · page/pages` on every page."""

    footer_text = ""

    def footer(self) -> None:
        """Nothing at each page break: the footers are drawn by `output`, when the page count is known."""

    def output(self, *args: Any, **kwargs: Any) -> Any:
        if not self.buffer:
            self._draw_footers()
        return super().output(*args, **kwargs)

    def _draw_footers(self) -> None:
        """Each page's footer as one `text()` call, written at the end of the page's content.

        fpdf2 replaces a page-count alias only in `cell`/`multi_cell` text, and a `cell()` per page cost
        ~0.3 ms; the text and its position are those of the centred cell it replaces.
        """
        last, total = self.page, self.pages_count
        self.set_font(FONT, size=7)
        self.set_text_color(0, 0, 0)
        baseline = self.h - 10 + 2.5 + 0.3 * self.font_size
        usable = self.w - self.l_margin - self.r_margin
        fixed = self.get_string_width(f"{self.footer_text} · ") + self.get_string_width(_COUNT_SPACE)
        digits = {c: self.get_string_width(c) for c in "0123456789/"}
        for page in range(1, total + 1):
            self.page = page
            self.current_font_is_set_on_page = False  # fpdf2's flag was for the page last drawn on
            shown = f"{self.footer_text} · {page}/"
            width = fixed + sum(digits[c] for c in f"{page}/")
            self._out("q 0 g")
            self.text(self.l_margin + (usable - width) / 2, baseline, f"{shown}{total}")
            self._out("Q")
        self.page = last


def new_pdf(report: StatusReport, labels: Labels) -> ReportPDF:
    """A landscape A4 document with the status report's fonts, footer, title, language and creation date.

    One of the building blocks the status report and the meeting pack (reports/pack.py) share.
    """
    pdf = ReportPDF(orientation="L", unit="mm", format="A4")
    pdf.footer_text = (
        f"{labels['title']} {format_period(report.meta.period, report.meta.lang)} – {report.meta.plan_title}"
    )
    fonts = font_dir()
    pdf.add_font(FONT, "", str(fonts / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.add_font(FONT, "I", str(fonts / "DejaVuSans-Oblique.ttf"))
    pdf.set_title(f"{labels['title']} {format_period(report.meta.period, report.meta.lang)}")
    pdf.set_lang(report.meta.lang)
    # A fixed creation date (the report's date) keeps the output a function of its inputs.
    pdf.set_creation_date(datetime.combine(report.meta.today, time(12), tzinfo=UTC))
    pdf.set_auto_page_break(auto=True, margin=14)
    # No page-count alias in the text: footers know the count (`ReportPDF.output`), and user text such as
    # "{nb}" stays as written.
    pdf.alias_nb_pages(None)  # type: ignore[arg-type]  # fpdf2 documents None as "no alias"; its hint says str
    return pdf


def _heading(pdf: FPDF, text: str, link: int | None = None) -> None:
    pdf.set_font(FONT, "B", 10)
    pdf.set_text_color(*HEADER_FILL)
    pdf.cell(0, 5.5, text, new_x="LMARGIN", new_y="NEXT", link=link or "")
    pdf.set_text_color(0, 0, 0)


def _items(pdf: FPDF, items: list[SummaryItem], links: dict[str, int], limit: int, more: str, more_link: int) -> None:
    pdf.set_font(FONT, size=8)
    for item in items[:limit]:
        target = links.get(item.initiatives[0]) if item.initiatives else None
        pdf.set_x(pdf.l_margin + 3)
        pdf.multi_cell(0, 3.7, "• " + item.text, new_x="LMARGIN", new_y="NEXT", link=target or "", align="L")
    if len(items) > limit:
        pdf.set_x(pdf.l_margin + 3)
        pdf.set_font(FONT, "I", 8)
        pdf.multi_cell(
            0, 3.7, more.format(n=len(items) - limit), new_x="LMARGIN", new_y="NEXT", link=more_link, align="L"
        )
        pdf.set_font(FONT, size=8)
    pdf.ln(0.8)


def _status_counts(pdf: FPDF, report: StatusReport, labels: Labels, link: int) -> None:
    """The counts in one line: a coloured shape, the word and the number for each status."""
    summary = report.summary
    pdf.set_font(FONT, size=9)
    x = pdf.l_margin + 3
    y = pdf.get_y()
    order = ["on_track", "completed", "at_risk", "delayed", "not_started", "cancelled", "no_report"]
    for status in order:
        count = summary.counts.get(status, 0)
        if not count and status in ("not_started", "cancelled"):
            continue
        colour = PALETTE.get(status, "#000000")
        pdf.set_text_color(*(rgb(colour) if status != "no_report" else (60, 60, 60)))
        pdf.set_font(FONT, "B", 10)
        pdf.text(x, y + 4, SHAPES[status])
        pdf.set_text_color(0, 0, 0)
        pdf.set_font(FONT, size=9)
        word = f"{count} {status_words(status, report.meta.lang)}"
        pdf.text(x + 4.5, y + 4, word)
        x += 4.5 + pdf.get_string_width(word) + 7
    pdf.link(pdf.l_margin, y, x - pdf.l_margin, 6, link)
    pdf.set_y(y + 7)


def _page_one(
    pdf: FPDF, report: StatusReport, labels: Labels, links: dict[str, int], row_links: dict[str, int]
) -> None:
    m = report.meta
    summary = report.summary
    lang = m.lang
    pdf.start_section(labels["summary_title"], level=0)
    pdf.set_font(FONT, "B", 16)
    pdf.multi_cell(0, 8, f"{labels['title']} {labels['subtitle']}", new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_font(FONT, size=9.5)
    as_of = format_date(m.data_as_of, lang) if m.data_as_of else labels["none"]
    pdf.multi_cell(
        0,
        5,
        f"{m.plan_title} · {format_period(m.period, lang)} ({format_date(m.period_starts, lang)} – "
        f"{format_date(m.period_ends, lang)}) · {labels['data_as_of']} {as_of}"
        f" · {labels['generated']} {format_date(m.today, lang)}",
        new_x="LMARGIN",
        new_y="NEXT",
        align="L",
    )
    notes = []
    if m.include_submitted:
        notes.append(labels["includes_submitted"])
    if m.public:
        notes.append(labels["public_note"])
    if m.contains_sample_data:
        notes.append(labels["sample_note"])
    if notes:
        pdf.set_font(FONT, "I", 8)
        pdf.multi_cell(0, 4, " ".join(notes), new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.ln(1.5)
    more = "… og {n} flere: se afsnittet" if lang == "da" else "… and {n} more: see the section"
    _heading(pdf, labels["summary_title"], links["initiatives"])
    pdf.set_font(FONT, size=9)
    pdf.multi_cell(0, 4.4, summary.headline, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.ln(1)
    _status_counts(pdf, report, labels, links["initiatives"])
    pdf.set_font(FONT, "I", 7.5)
    pdf.multi_cell(0, 3.6, " ".join(summary.sources), new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.ln(1)
    _heading(pdf, labels["decisions"], links["attention"])
    _items(pdf, summary.decisions, row_links, 8, more, links["attention"])
    if summary.not_reported_items:
        _heading(pdf, labels["not_reported"], links["completeness"])
        _items(pdf, summary.not_reported_items, row_links, 8, more, links["initiatives"])
    _heading(pdf, labels["changes_brief"], links["changes-status"])
    _items(pdf, summary.changes, row_links, 6, more, links["changes-status"])
    if summary.verdict:
        _heading(pdf, labels["verdict"], links["budget"])
        _items(pdf, [SummaryItem(t) for t in summary.verdict], row_links, 3, more, links["budget"])


def render_pdf(report: StatusReport) -> bytes:
    labels = Labels(report.meta.lang)
    pdf = new_pdf(report, labels)
    pdf.add_page()
    tables = build_tables(report, labels)
    links = {table.key: pdf.add_link() for table in tables}
    row_links = {line.initiative: pdf.add_link() for line in report.initiatives}
    _page_one(pdf, report, labels, links, row_links)
    pdf.add_page()
    layout = TableLayout(pdf)
    for table in tables:
        draw_table(
            pdf,
            layout,
            table,
            labels,
            links,
            row_links,
            indicator_sparks(report) if table.key == "indicators" else None,
            [[(c.period, c.status) for c in line.strip] for line in report.initiatives]
            if table.key == "initiatives"
            else None,
        )
        if table.key == "headline":
            chart = headline_chart(report, labels, fmt="png")
            pdf.image(io.BytesIO(chart), w=200)
            pdf.ln(2)
    if report.meta.plan_note:
        pdf.start_section(labels["reconstruction"], level=0)
        pdf.set_font(FONT, "B", 12)
        pdf.multi_cell(0, 7, labels["reconstruction"], new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT, size=8)
        pdf.multi_cell(0, 4, report.meta.plan_note, new_x="LMARGIN", new_y="NEXT", align="L")
    if report.meta.public:
        pdf.set_font(FONT, "I", 8)
        pdf.multi_cell(0, 5, f"{labels['public_note']} {labels['legend_suppressed']}", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
