"""The report as PDF with fpdf2 (pure Python, installs from PyPI on a fresh machine) and an embedded
Unicode font (DejaVu Sans, shipped with matplotlib), so æ, ø and å render correctly."""

import io
from datetime import UTC, datetime, time
from functools import cache
from pathlib import Path

import matplotlib
from fpdf import FPDF
from fpdf.fonts import FontFace

from reports.charts import headline_chart
from reports.i18n import Labels
from reports.model import StatusReport
from reports.tables import Table, build_tables, format_cell, summary_rows

MEDIA_TYPE = "application/pdf"
FONT = "DejaVu"
HEADER = FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=(31, 56, 100))
TOTAL = FontFace(emphasis="BOLD")
PROVISIONAL = FontFace(emphasis="ITALICS", fill_color=(255, 248, 225))
STATUS_FILL = {
    "on_track": (198, 239, 206),
    "completed": (169, 208, 142),
    "at_risk": (255, 235, 156),
    "delayed": (255, 199, 206),
    "off_track": (255, 199, 206),
    "cancelled": (231, 230, 230),
}
WEIGHTS = {"long": 3.0, "text": 1.2, "date": 1.3, "status": 1.4, "istatus": 1.4, "bool": 0.8}
# Long free text is cut in the PDF (the xlsx and HTML carry it in full).
MAX_TEXT = 600


@cache
def font_dir() -> Path:
    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


class _ReportPDF(FPDF):
    footer_text = ""

    def footer(self) -> None:
        self.set_y(-10)
        self.set_font(FONT, size=7)
        self.cell(0, 5, f"{self.footer_text} · {self.page_no()}/{{nb}}", align="C")


def _new_pdf(report: StatusReport, labels: Labels) -> _ReportPDF:
    pdf = _ReportPDF(orientation="L", unit="mm", format="A4")
    pdf.footer_text = f"{labels['title']} {report.meta.period} – {report.meta.plan_slug}"
    fonts = font_dir()
    pdf.add_font(FONT, "", str(fonts / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.add_font(FONT, "I", str(fonts / "DejaVuSans-Oblique.ttf"))
    pdf.set_title(f"{labels['title']} {report.meta.period}")
    pdf.set_lang(report.meta.lang)
    # A fixed creation date (the report's date) keeps the output a function of its inputs.
    pdf.set_creation_date(datetime.combine(report.meta.today, time(12), tzinfo=UTC))
    pdf.set_auto_page_break(auto=True, margin=14)
    return pdf


def _table(pdf: FPDF, table: Table, labels: Labels) -> None:
    pdf.set_font(FONT, "B", 12)
    pdf.multi_cell(0, 7, table.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=8)
    for note in table.notes:
        pdf.multi_cell(0, 5, note, new_x="LMARGIN", new_y="NEXT")
    if not table.rows:
        pdf.set_font(FONT, "I", 9)
        pdf.cell(0, 6, labels["none"], new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
        return
    columns = list(table.columns)
    marked = any(table.provisional)
    widths = [WEIGHTS.get(c.kind, 1.0) for c in columns] + ([1.2] if marked else [])
    first_total = len(table.rows) - table.total_rows
    pdf.set_font(FONT, size=7)
    with pdf.table(
        col_widths=widths,
        headings_style=HEADER,
        line_height=4,
        padding=1,
        text_align="LEFT",
        borders_layout="HORIZONTAL_LINES",
    ) as out:
        heading = out.row()
        for column in columns:
            heading.cell(column.label)
        if marked:
            heading.cell(labels["not_yet_approved"])
        for n, (values, provisional) in enumerate(zip(table.rows, table.provisional, strict=True)):
            style = TOTAL if n >= first_total else (PROVISIONAL if provisional else None)
            row = out.row(style=style)
            for value, column in zip(values, columns, strict=True):
                text = format_cell(value, column.kind, labels)
                if len(text) > MAX_TEXT:
                    text = text[: MAX_TEXT - 1] + "…"
                numeric = column.kind in ("count", "number", "money", "pct")
                fill = (
                    STATUS_FILL.get(value) if column.kind in ("status", "istatus") and isinstance(value, str) else None
                )
                row.cell(
                    text,
                    align="RIGHT" if numeric else "LEFT",
                    style=FontFace(fill_color=fill) if fill else None,
                )
            if marked:
                row.cell(labels["not_yet_approved"] if provisional else "")
    pdf.ln(4)


def render_pdf(report: StatusReport) -> bytes:
    labels = Labels(report.meta.lang)
    pdf = _new_pdf(report, labels)
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.set_font(FONT, "B", 18)
    pdf.multi_cell(0, 9, f"{labels['title']} {labels['subtitle']}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=10)
    for key, value in summary_rows(report, labels):
        if key:
            pdf.set_font(FONT, "B", 10)
            pdf.cell(70, 6, key)
            pdf.set_font(FONT, size=10)
            pdf.multi_cell(0, 6, value, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.set_font(FONT, "I", 9)
            pdf.multi_cell(0, 5, value, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    chart = headline_chart(report, labels, fmt="png")
    pdf.image(io.BytesIO(chart), w=200)
    pdf.ln(2)
    for table in build_tables(report, labels):
        _table(pdf, table, labels)
    if report.meta.public:
        pdf.set_font(FONT, "I", 8)
        pdf.multi_cell(0, 5, f"{labels['public_note']} {labels['legend_suppressed']}", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
