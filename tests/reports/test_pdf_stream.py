"""The report tables' text, written by `TextWriter`, lands on the page exactly as fpdf2's own `text()` puts it.

`TextWriter` reproduces `FPDF.text`'s content-stream bytes and remembers each string's encoding in the font
subset; these tests fail as soon as an fpdf2 release writes text differently.
"""

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from fpdf import FPDF

from reports.pdf_stream import TextWriter
from reports.pdf_table import FONT
from reports.render_pdf import font_dir

STRINGS = [
    "Igangsat",
    "",
    "Køge & Århus (krisecentre) \\ 12.345,6 kr.",
    "2025-H1 → 2025-H2",
    "● ▲ ■ ◆ ✓ –",
    "Igangsat",
    "a) (b",
    "x" * 300,
]
Piece = tuple[float, float, str]
Draw = Callable[[FPDF, list[Piece]], None]


def _document() -> FPDF:
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=UTC))  # the same bytes whenever the document is written
    fonts = font_dir()
    pdf.add_font(FONT, "", str(fonts / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.add_font(FONT, "I", str(fonts / "DejaVuSans-Oblique.ttf"))
    return pdf


def _with_fpdf2(pdf: FPDF, pieces: list[Piece]) -> None:
    for x, y, text in pieces:
        pdf.text(x, y, text)


def _page_contents(draw: Callable[[FPDF], None]) -> tuple[list[bytes], bytes]:
    pdf = _document()
    draw(pdf)
    pages = [bytes(pdf.pages[n].contents) for n in range(1, pdf.pages_count + 1)]
    return pages, bytes(pdf.output())


def _scenario(write: Draw) -> Callable[[FPDF], None]:
    """Pages with every kind of piece the tables draw: fonts, sizes, colours, repeats, new glyphs, page breaks."""

    def draw(pdf: FPDF) -> None:
        pieces = [(10.0 + n, 20.0 + 3.4 * n, text) for n, text in enumerate(STRINGS)]
        pdf.add_page()
        pdf.set_font(FONT, "", 7)
        write(pdf, pieces)
        write(pdf, pieces[::-1])
        pdf.set_text_color(255, 255, 255)  # the header row
        pdf.set_font(FONT, "B", 7)
        write(pdf, pieces[:3])
        pdf.set_text_color(0, 0, 0)
        pdf.set_font(FONT, "B", 5.5)  # the strip's marks
        write(pdf, [(100.123, 50.456, "●"), (103.3, 50.456, "▲")])
        pdf.set_text_color(31, 56, 100)
        pdf.set_font(FONT, "I", 7)
        write(pdf, pieces)
        pdf.add_page()  # the font is set on the new page before its first text
        write(pdf, [(12.0, 30.0, "ÆØÅ æøå ß"), *pieces])
        pdf.set_fill_color(31, 56, 100)  # fill equal to the text colour: no colour operator of its own
        write(pdf, pieces[:2])
        pdf.set_font(FONT, "BU", 7)  # underlined: handed to fpdf2
        write(pdf, pieces[:2])
        write(pdf, [])

    return draw


def _with_writer() -> Draw:
    writers: dict[int, TextWriter] = {}

    def write(pdf: FPDF, pieces: list[Piece]) -> None:
        writers.setdefault(id(pdf), TextWriter(pdf)).write(pieces)

    return write


def test_pieces_are_written_as_fpdf2s_text_writes_them():
    expected_pages, expected_pdf = _page_contents(_scenario(_with_fpdf2))
    pages, written = _page_contents(_scenario(_with_writer()))
    assert pages == expected_pages
    assert written == expected_pdf


@pytest.mark.parametrize("style", ["", "B", "I"])
def test_a_remembered_string_keeps_its_glyphs_after_new_characters_enter_the_subset(style):
    def draw(write: Draw) -> Callable[[FPDF], None]:
        def run(pdf: FPDF) -> None:
            pdf.add_page()
            pdf.set_font(FONT, style, 7)
            for text in ["ba", "æb", "ab", "ba", "Ωa", "æb"]:
                write(pdf, [(10.0, 10.0, text)])

        return run

    assert _page_contents(draw(_with_writer())) == _page_contents(draw(_with_fpdf2))
