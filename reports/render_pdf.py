"""The report as PDF with fpdf2 (pure Python, installs from PyPI on a fresh machine) and an embedded
Unicode font (DejaVu Sans, shipped with matplotlib), so æ, ø and å render correctly."""

import io
from datetime import UTC, datetime, time
from functools import cache
from pathlib import Path

import matplotlib
from fpdf import FPDF

from reports.charts import headline_chart
from reports.i18n import Labels
from reports.model import StatusReport
from reports.tables import Table, build_tables, format_cell, summary_rows

MEDIA_TYPE = "application/pdf"
FONT = "DejaVu"
HEADER_FILL = (31, 56, 100)
PROVISIONAL_FILL = (255, 248, 225)
STATUS_FILL = {
    "on_track": (198, 239, 206),
    "completed": (169, 208, 142),
    "at_risk": (255, 235, 156),
    "delayed": (255, 199, 206),
    "off_track": (255, 199, 206),
    "cancelled": (231, 230, 230),
}
WEIGHTS = {"long": 3.0, "text": 1.2, "date": 1.3, "status": 1.4, "istatus": 1.4, "bool": 0.8}


@cache
def font_dir() -> Path:
    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


class _ReportPDF(FPDF):
    footer_text = ""

    def footer(self) -> None:
        self.set_y(-10)
        self.set_font(FONT, size=7)
        self.cell(0, 5, f"{self.footer_text} · {self.page_no()}/{{total_pages}}", align="C")


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


class _Layout:
    """Fast table drawing: word wrapping with cached glyph widths and plain `text()` calls.

    fpdf2's `table()` re-measures every character through its general line breaker; for a report of
    thousands of rows that is ~10x slower than this simple greedy wrapper.
    """

    def __init__(self, pdf: FPDF) -> None:
        self.pdf = pdf
        self._widths: dict[tuple[str, float], dict[str, float]] = {}
        self._font: tuple[str, float] | None = None

    def font(self, style: str, size: float) -> None:
        if self._font != (style, size):
            self.pdf.set_font(FONT, style, size)
            self._font = (style, size)

    def width(self, text: str) -> float:
        assert self._font is not None
        table = self._widths.setdefault(self._font, {})
        total = 0.0
        for ch in text:
            w = table.get(ch)
            if w is None:
                w = table[ch] = self.pdf.get_string_width(ch)
            total += w
        return total

    def wrap(self, text: str, width: float, max_lines: int) -> list[str]:
        lines: list[str] = []
        for paragraph in text.splitlines() or [""]:
            line = ""
            for word in paragraph.split(" "):
                candidate = f"{line} {word}" if line else word
                if self.width(candidate) <= width:
                    line = candidate
                    continue
                if line:
                    lines.append(line)
                while self.width(word) > width and len(word) > 1:
                    cut = len(word)
                    while cut > 1 and self.width(word[:cut]) > width:
                        cut = max(1, int(cut * width / max(self.width(word[:cut]), 0.01)) - 1)
                    lines.append(word[:cut])
                    word = word[cut:]
                line = word
            lines.append(line)
        if len(lines) > max_lines:
            lines = [*lines[: max_lines - 1], lines[max_lines - 1][:-1] + "…"]
        return lines


LINE = 3.4  # mm per line of 7 pt text
PAD = 0.8


def _table(pdf: FPDF, layout: _Layout, table: Table, labels: Labels) -> None:
    layout.font("B", 12)
    pdf.multi_cell(0, 7, table.title, new_x="LMARGIN", new_y="NEXT")
    layout._font = None
    layout.font("", 8)
    for note in table.notes:
        pdf.multi_cell(0, 5, note, new_x="LMARGIN", new_y="NEXT")
    if not table.rows:
        layout.font("I", 9)
        pdf.cell(0, 6, labels["none"], new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
        return
    columns = list(table.columns)
    marked = any(table.provisional)
    weights = [WEIGHTS.get(c.kind, 1.0) for c in columns] + ([1.2] if marked else [])
    usable = pdf.w - pdf.l_margin - pdf.r_margin
    widths = [usable * w / sum(weights) for w in weights]
    kinds = [c.kind for c in columns] + (["text"] if marked else [])
    first_total = len(table.rows) - table.total_rows

    def draw_row(cells: list[str], style: str, fills: list[tuple[int, int, int] | None], rule: bool) -> None:
        layout.font(style, 7)
        wrapped = [
            layout.wrap(text, width - 2 * PAD, 12 if kind == "long" else 4)
            for text, width, kind in zip(cells, widths, kinds, strict=True)
        ]
        height = max(len(lines) for lines in wrapped) * LINE + 2 * PAD
        if pdf.get_y() + height > pdf.page_break_trigger:
            pdf.add_page()
            if style != "B" or fills[0] != HEADER_FILL:
                draw_header()
            layout.font(style, 7)
        y = pdf.get_y()
        x = pdf.l_margin
        for lines, width, kind, fill in zip(wrapped, widths, kinds, fills, strict=True):
            if fill is not None:
                pdf.set_fill_color(*fill)
                pdf.rect(x, y, width, height, style="F")
            numeric = kind in ("count", "number", "money", "pct")
            for n, line in enumerate(lines):
                offset = width - PAD - layout.width(line) if numeric else PAD
                pdf.text(x + offset, y + PAD + (n + 0.78) * LINE, line)
            x += width
        if rule:
            pdf.line(pdf.l_margin, y + height, pdf.l_margin + usable, y + height)
        pdf.set_y(y + height)

    def draw_header() -> None:
        pdf.set_text_color(255, 255, 255)
        draw_row(
            [c.label for c in columns] + ([labels["not_yet_approved"]] if marked else []),
            "B",
            [HEADER_FILL] * len(widths),
            False,
        )
        pdf.set_text_color(0, 0, 0)

    pdf.set_draw_color(200, 200, 200)
    pdf.set_line_width(0.1)
    draw_header()
    for n, (values, provisional) in enumerate(zip(table.rows, table.provisional, strict=True)):
        cells = [format_cell(value, column.kind, labels) for value, column in zip(values, columns, strict=True)]
        fills: list[tuple[int, int, int] | None] = [
            STATUS_FILL.get(value) if column.kind in ("status", "istatus") and isinstance(value, str) else None
            for value, column in zip(values, columns, strict=True)
        ]
        if marked:
            cells.append(labels["not_yet_approved"] if provisional else "")
            fills.append(None)
        if provisional:
            fills = [f or PROVISIONAL_FILL for f in fills]
        style = "B" if n >= first_total else ("I" if provisional else "")
        draw_row(cells, style, fills, True)
    layout._font = None
    pdf.ln(4)


def render_pdf(report: StatusReport) -> bytes:
    labels = Labels(report.meta.lang)
    pdf = _new_pdf(report, labels)
    pdf.alias_nb_pages("{total_pages}")
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
    layout = _Layout(pdf)
    for table in build_tables(report, labels):
        _table(pdf, layout, table, labels)
    if report.meta.public:
        pdf.set_font(FONT, "I", 8)
        pdf.multi_cell(0, 5, f"{labels['public_note']} {labels['legend_suppressed']}", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
