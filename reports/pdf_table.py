"""The report's tables drawn into a PDF (status report and meeting pack): widths, wrapping with cached glyph widths,
and the cell fills, status strips and sparklines as PDF path operators."""

from fpdf import FPDF

from reports.briefing import SHAPES
from reports.colours import PALETTE, TINTS, rgb
from reports.i18n import Labels, format_period
from reports.model import StatusReport
from reports.pdf_stream import TextWriter, box, colour_op, paint, point
from reports.tables import NUMERIC_KINDS, Table, format_cell

FONT = "DejaVu"
HEADER_FILL = (31, 56, 100)
PROVISIONAL_FILL = (255, 248, 225)
# Tints behind the status words (reports/colours.py); the status is also spelled out and marked with a shape.
STATUS_FILL = {key: rgb(colour) for key, colour in TINTS.items()}
WEIGHTS = {"long": 3.0, "text": 1.2, "date": 1.3, "status": 1.4, "istatus": 1.4, "bool": 0.8, "confidence": 0.9}


class TableLayout:
    """Fast table drawing: word wrapping with cached glyph widths and plain `text()` calls.

    fpdf2's `table()` re-measures every character through its general line breaker; for a report of
    thousands of rows that is ~10x slower than this simple greedy wrapper.
    """

    def __init__(self, pdf: FPDF) -> None:
        self.pdf = pdf
        self.text = TextWriter(pdf)
        self._widths: dict[tuple[str, float], dict[str, float]] = {}
        self._texts: dict[tuple[str, float], dict[str, float]] = {}
        self._wrapped: dict[tuple[tuple[str, float] | None, str, float, int], list[str]] = {}
        self._font: tuple[str, float] | None = None

    def font(self, style: str, size: float) -> None:
        if self._font != (style, size):
            self.pdf.set_font(FONT, style, size)
            self._font = (style, size)

    def width(self, text: str) -> float:
        """The text's width in the current font, remembered per text (words and figures recur)."""
        assert self._font is not None
        texts = self._texts.get(self._font)
        if texts is None:
            texts = self._texts[self._font] = {}
        known = texts.get(text)
        if known is not None:
            return known
        table = self._widths.setdefault(self._font, {})
        total = 0.0
        for ch in text:
            w = table.get(ch)
            if w is None:
                w = table[ch] = self.pdf.get_string_width(ch)
            total += w
        texts[text] = total
        return total

    def wrap(self, text: str, width: float, max_lines: int) -> list[str]:
        """Greedy word wrapping that never breaks a word (columns are made wide enough for their words).

        A line's width is carried along as words are added (its width plus a space plus the word's, each
        word measured once per font through `width`), not measured from its start for every word: that made
        wrapping a long text quadratic. A cell's text, width and line limit recur (statuses, organisations,
        dates), so each wrapping is remembered; the lines returned are shared and must not be changed.
        """
        if not text:
            return [""]
        key = (self._font, text, width, max_lines)
        known = self._wrapped.get(key)
        if known is not None:
            return known
        self._wrapped[key] = lines = self._wrap(text, width, max_lines)
        return lines

    def _wrap(self, text: str, width: float, max_lines: int) -> list[str]:
        measure = self.width
        space = measure(" ")
        lines: list[str] = []
        for paragraph in text.splitlines() or [""]:
            line = ""
            line_width = 0.0
            for word in paragraph.split(" "):
                word_width = measure(word)
                if line:
                    candidate, candidate_width = f"{line} {word}", line_width + space + word_width
                else:
                    candidate, candidate_width = word, word_width
                if candidate_width <= width or not line:
                    line, line_width = candidate, candidate_width
                    continue
                lines.append(line)
                line, line_width = word, word_width
            lines.append(line)
        if len(lines) > max_lines:
            last = lines[max_lines - 1]
            cut = last.rfind(" ")
            lines = [*lines[: max_lines - 1], (last[:cut] if cut > 0 else last) + " …"]
        return lines

    def longest_word(self, texts: list[str]) -> float:
        measure = self.width
        return max((measure(word) for word in {word for text in texts for word in text.split()}), default=0.0)


def _fit_widths(weights: list[float], minimums: list[float], usable: float) -> list[float]:
    """Widths in proportion to `weights`, but never below a column's longest word."""
    widths = [usable * w / sum(weights) for w in weights]
    for _ in range(len(widths)):
        short = [i for i, (w, m) in enumerate(zip(widths, minimums, strict=True)) if w < m]
        if not short:
            break
        need = sum(minimums[i] - widths[i] for i in short)
        for i in short:
            widths[i] = minimums[i]
        flexible = [i for i in range(len(widths)) if i not in short and widths[i] > minimums[i]]
        spare = sum(widths[i] - minimums[i] for i in flexible)
        if spare <= 0:
            break
        for i in flexible:
            widths[i] -= need * (widths[i] - minimums[i]) / spare
    return widths


LINE = 3.4  # mm per line of 7 pt text
PAD = 0.8


SPARK_HEIGHT = 6.0
STRIP_HEIGHT = 3.2


_MARK_WIDTHS: dict[tuple[str, float, str], float] = {}


def _strip(
    pdf: FPDF, writer: TextWriter, x: float, y: float, width: float, cells: list[tuple[str, str | None]]
) -> None:
    """The status strip: one square per half-year in the status colour with its shape (never colour alone)."""
    size = min(STRIP_HEIGHT, width / max(len(cells), 1) - 0.3)
    style, font_size = pdf.font_style, pdf.font_size_pt
    squares: list[str] = [f"{0.1 * pdf.k:.2f} w"]
    marks: list[tuple[float, str, bool]] = []
    for n, (_period, status) in enumerate(cells):
        left = x + n * (size + 0.3)
        if status is None:
            squares += [colour_op((150, 150, 150), "RG"), box(pdf, left, y, size, size, "S")]
            continue
        squares += [colour_op(rgb(PALETTE.get(status, "#999999")), "rg"), box(pdf, left, y, size, size, "f")]
        marks.append((left, SHAPES.get(status, ""), status in ("delayed", "completed", "on_track")))
    paint(pdf, squares)
    pdf.set_font(FONT, "B", 5.5)
    pdf.set_text_color(0, 0, 0)
    black = True
    run: list[tuple[float, float, str]] = []  # marks in the same colour, written together
    for left, mark, white in marks:
        key = (FONT, 5.5, mark)
        mark_width = _MARK_WIDTHS.get(key)
        if mark_width is None:
            mark_width = _MARK_WIDTHS[key] = pdf.get_string_width(mark)
        if white == black:  # a colour is converted on every set_text_color: set it only when it changes
            writer.write(run)
            run = []
            pdf.set_text_color(255, 255, 255) if white else pdf.set_text_color(0, 0, 0)
            black = not white
        run.append((left + (size - mark_width) / 2, y + size * 0.78, mark))
    writer.write(run)
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(FONT, style, font_size)


Spark = tuple[list[float | None], float, float | None]


def _sparkline(
    pdf: FPDF,
    x: float,
    y: float,
    width: float,
    height: float,
    values: list[float | None],
    top: float,
    target: float | None,
) -> None:
    """A trend over every period of the report on the indicator's shared scale (0 to `top`); target dashed."""
    top = top or 1.0
    step = width / max(len(values) - 1, 1)
    k = pdf.k

    def at(value: float) -> float:
        return y + height - max(0.0, min(value, top)) / top * height

    ops = [f"{0.15 * k:.2f} w", colour_op((190, 190, 190), "RG")]
    ops.append(f"{point(pdf, x, y + height)} m {point(pdf, x + width, y + height)} l S")
    if target is not None:
        ops.append(f"{colour_op(rgb(PALETTE['delayed']), 'RG')} [{0.8 * k:.2f} {0.6 * k:.2f}] 0 d")
        ops.append(f"{point(pdf, x, at(target))} m {point(pdf, x + width, at(target))} l S [] 0 d")
    points = [point(pdf, x + i * step, at(v)) for i, v in enumerate(values) if v is not None]
    ops.append(f"{colour_op(rgb(PALETTE['completed']), 'RG')} {0.35 * k:.2f} w 1 j")
    if len(points) > 1:
        ops.append(f"{points[0]} m " + " ".join(f"{p} l" for p in points[1:]) + " S")
    # The dots (radius 0.45): zero-length segments with round caps as wide as the dot, one path for all.
    if points:
        ops.append(f"1 J {0.9 * k:.2f} w " + " ".join(f"{p} m {p} l" for p in points) + " S")
    paint(pdf, ops)


def indicator_sparks(report: StatusReport) -> list[Spark]:
    """Per indicator row: its values over every period, the indicator's shared top, and its target (what
    `draw_table` draws in the indicators table's trend column; the meeting pack uses it too)."""
    periods = report.meta.periods
    tops: dict[str, float] = {}
    for i in report.indicators:
        numbers = [float(v) for _, v in i.trend if isinstance(v, (int, float))] + [i.target or 0.0]
        tops[i.indicator] = max(tops.get(i.indicator, 0.0), *numbers)
    out: list[Spark] = []
    for i in report.indicators:
        by_period = dict(i.trend)
        values = [float(v) if isinstance((v := by_period.get(p)), (int, float)) else None for p in periods]
        out.append((values, tops[i.indicator], i.target))
    return out


def draw_table(
    pdf: FPDF,
    layout: TableLayout,
    table: Table,
    labels: Labels,
    links: dict[str, int] | None = None,
    row_links: dict[str, int] | None = None,
    sparks: list[Spark] | None = None,
    strips: list[list[tuple[str, str | None]]] | None = None,
) -> None:
    """Draw one report table (a `reports.tables.Table`) as the status report draws it: section bookmark,
    heading, repeated header row, status fills, provisional rows, optional links, sparklines and strips.

    Shared by the status report and the meeting pack, so both format figures and statuses the same way.
    """
    sparks = sparks or []
    strips = strips or []
    links = links or {}
    row_links = row_links or {}
    if pdf.get_y() + 30 > pdf.page_break_trigger:
        pdf.add_page()
    pdf.start_section(table.title, level=0)
    if table.key in links:
        pdf.set_link(links[table.key], y=pdf.get_y(), page=pdf.page_no())
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
    kinds = [c.kind for c in columns] + (["text"] if marked else [])
    texts = [
        [format_cell(value, column.kind, labels) for value, column in zip(values, columns, strict=True)]
        + ([labels["not_yet_approved"] if provisional else ""] if marked else [])
        for values, provisional in zip(table.rows, table.provisional, strict=True)
    ]
    header = [c.label for c in columns] + ([labels["not_yet_approved"]] if marked else [])
    layout.font("B", 7)
    minimums = [layout.longest_word([label]) + 2 * PAD + 0.5 for label in header]
    layout.font("", 7)
    for i in range(len(header)):
        minimums[i] = max(minimums[i], layout.longest_word([row[i] for row in texts]) + 2 * PAD + 0.5)
    widths = _fit_widths(weights, minimums, usable)
    first_total = len(table.rows) - table.total_rows

    spark_column = header.index(labels["trend"]) if table.key == "indicators" and labels["trend"] in header else -1
    strip_column = header.index(labels["strip"]) if table.key == "initiatives" and labels["strip"] in header else -1
    if strip_column >= 0:
        periods = strips[0] if strips else []
        first, last = (periods[0][0], periods[-1][0]) if periods else ("", "")
        span = f"{format_period(first, labels.lang)} → {format_period(last, labels.lang)}"
        for row in texts:
            row[strip_column] = span

    def draw_row(
        cells: list[str],
        style: str,
        fills: list[tuple[int, int, int] | None],
        rule: bool,
        spark: tuple[list[float | None], float, float | None] | None = None,
        strip: list[tuple[str, str | None]] | None = None,
    ) -> None:
        layout.font(style, 7)
        wrapped = [
            layout.wrap(text, width - 2 * PAD, 40 if kind == "long" else 8)
            for text, width, kind in zip(cells, widths, kinds, strict=True)
        ]
        lift = SPARK_HEIGHT + PAD if spark is not None else 0.0
        extra = {spark_column: lift, strip_column: (STRIP_HEIGHT + PAD) if strip is not None else 0.0}
        height = max(len(lines) * LINE + extra.get(n, 0.0) for n, lines in enumerate(wrapped))
        height += 2 * PAD
        if pdf.get_y() + height > pdf.page_break_trigger:
            pdf.add_page()
            if style != "B" or fills[0] != HEADER_FILL:
                draw_header()
            layout.font(style, 7)
        y = pdf.get_y()
        x = pdf.l_margin
        shapes: list[str] = []
        for fill, width in zip(fills, widths, strict=True):
            if fill is not None:
                shapes += [colour_op(fill, "rg"), box(pdf, x, y, width, height, "f")]
            x += width
        if rule:
            shapes.append(
                f"{colour_op((200, 200, 200), 'RG')} {0.1 * pdf.k:.2f} w "
                f"{point(pdf, pdf.l_margin, y + height)} m {point(pdf, pdf.l_margin + usable, y + height)} l S"
            )
        paint(pdf, shapes)
        x = pdf.l_margin
        pieces: list[tuple[float, float, str]] = []
        for column, (lines, width, kind) in enumerate(zip(wrapped, widths, kinds, strict=True)):
            numeric = kind in NUMERIC_KINDS
            top = y
            if spark is not None and column == spark_column:
                layout.text.write(pieces)  # the text so far, then the shape: the page's order stays the same
                pieces = []
                _sparkline(pdf, x + PAD, y + PAD, min(width - 2 * PAD, 40.0), SPARK_HEIGHT, *spark)
                top = y + lift
            if strip is not None and column == strip_column:
                layout.text.write(pieces)
                pieces = []
                _strip(pdf, layout.text, x + PAD, y + PAD, width - 2 * PAD, strip)
                top = y + STRIP_HEIGHT + PAD
            for n, line in enumerate(lines):
                offset = width - PAD - layout.width(line) if numeric else PAD
                pieces.append((x + offset, top + PAD + (n + 0.78) * LINE, line))
            x += width
        layout.text.write(pieces)
        pdf.set_y(y + height)

    def draw_header() -> None:
        pdf.set_text_color(255, 255, 255)
        draw_row(
            header,
            "B",
            [HEADER_FILL] * len(widths),
            False,
        )
        pdf.set_text_color(0, 0, 0)

    pdf.set_draw_color(200, 200, 200)
    pdf.set_line_width(0.1)
    draw_header()
    for n, (values, provisional) in enumerate(zip(table.rows, table.provisional, strict=True)):
        cells = texts[n]
        fills: list[tuple[int, int, int] | None] = [
            STATUS_FILL.get(value) if column.kind in ("status", "istatus") and isinstance(value, str) else None
            for value, column in zip(values, columns, strict=True)
        ]
        if marked:
            fills.append(None)
        if provisional:
            fills = [f or PROVISIONAL_FILL for f in fills]
        style = "B" if n >= first_total else ("I" if provisional else "")
        spark = sparks[n] if spark_column >= 0 and n < len(sparks) else None
        strip = strips[n] if strip_column >= 0 and n < len(strips) else None
        code = str(values[0]).rstrip("†*") if values else ""
        if table.key == "initiatives" and code in row_links:
            top = pdf.get_y()
            draw_row(cells, style, fills, True, spark, strip)
            # The row may have moved to a new page: link to where it was drawn.
            pdf.set_link(
                row_links[code],
                y=max(pdf.get_y() - LINE * 2, pdf.t_margin) if pdf.get_y() < top else top,
                page=pdf.page_no(),
            )
        else:
            draw_row(cells, style, fills, True, spark)
    layout._font = None
    pdf.ln(4)
