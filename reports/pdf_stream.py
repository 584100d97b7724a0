"""Writing straight into an fpdf2 page's content stream: path operators (`paint`, `box`, `point`, `colour_op`) and
text pieces as `FPDF.text` writes them, several per call, each string encoded once (`TextWriter`).

A 1,000-initiative status report draws ~120,000 pieces of text. `FPDF.text` re-encodes each one character by
character into the font subset (~40% of its cost) and goes through two decorators and a content-stream write
per piece. Most pieces recur (status words, periods, dates, figures, the header row on every page), and once a
string has been encoded its characters have their places in the subset, so the encoding is a function of the
font and the string. `TextWriter` writes the same bytes; tests/reports/test_pdf_stream.py pins them against
fpdf2's own `text()`, so a change in fpdf2 fails there first.
"""

from functools import cache

from fpdf import FPDF
from fpdf.enums import TextMode


class TextWriter:
    """Writes (x, y, text) pieces in the document's current font and text colour, byte for byte as `FPDF.text`."""

    def __init__(self, pdf: FPDF) -> None:
        self.pdf = pdf
        # Per font (its number in the document): the string -> fpdf2's encoded text operand `(...) Tj`.
        self._encoded: dict[int, dict[str, str]] = {}

    def write(self, pieces: list[tuple[float, float, str]]) -> None:
        """Draw each piece at (x, y) (the baseline's left end, in the document's unit, from the top left)."""
        if not pieces:
            return
        pdf = self.pdf
        font = pdf.current_font
        if (
            font is None
            or not pdf.is_ttf_font
            or pdf.text_mode != TextMode.FILL
            or pdf.underline
            or pdf.strikethrough
            or pdf._record_text_quad_points  # fpdf2's flag for text annotations' quad points
        ):
            for x, y, text in pieces:
                pdf.text(x, y, text)
            return
        lines: list[str] = []
        if not pdf.current_font_is_set_on_page:
            lines.append(pdf._set_font_for_page(font, pdf.font_size_pt))  # as `text()` does: Tf once per page
        encoded = self._encoded.get(font.i)
        if encoded is None:
            encoded = self._encoded[font.i] = {}
        if pdf.fill_color != pdf.text_color:
            assert pdf.text_color is not None
            before, after = f"q {pdf.text_color.serialize().lower()} BT ", " ET Q"
        else:
            before, after = "BT ", " ET"
        k, h = pdf.k, pdf.h
        for x, y, text in pieces:
            operand = encoded.get(text)
            if operand is None:
                operand = encoded[text] = font.encode_text(text)
            lines.append(f"{before}{x * k:.2f} {(h - y) * k:.2f} Td {operand}{after}")
        pdf._out("\n".join(lines))  # fpdf2's content-stream writer; one line per piece, as `text()` writes them


@cache
def colour_op(colour: tuple[int, int, int], operator: str) -> str:
    """A PDF colour operator (`rg` fill, `RG` stroke) for an RGB triple of 0-255."""
    r, g, b = colour
    return f"{r / 255:.3f} {g / 255:.3f} {b / 255:.3f} {operator}"


def paint(pdf: FPDF, operators: list[str]) -> None:
    """Shapes written as PDF path operators straight into the page, in one `q ... Q` block.

    The save/restore keeps fpdf2's record of the current colours and line width true (it skips re-emitting
    a colour it believes is set), and a table's thousands of cell fills, strip squares and sparkline dots
    cost a string each instead of fpdf2's per-shape style coercion, colour conversion and ellipse curves.
    Coordinates are in the document's unit from the top left, as fpdf2's own; `box`/`point` convert them.
    """
    if operators:
        pdf._out("q " + " ".join(operators) + " Q")  # fpdf2's content-stream writer


def box(pdf: FPDF, x: float, y: float, w: float, h: float, operator: str) -> str:
    k = pdf.k
    return f"{x * k:.2f} {(pdf.h - y) * k:.2f} {w * k:.2f} {-h * k:.2f} re {operator}"


def point(pdf: FPDF, x: float, y: float) -> str:
    return f"{x * pdf.k:.2f} {(pdf.h - y) * pdf.k:.2f}"
