"""The annotated copy of a large upload is rebuilt value by value: bounded memory, errors still marked."""

import io
from datetime import date, datetime, time, timedelta

import openpyxl
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter

from actionplan.cells import SheetError
from actionplan.xlsx_safe import clean_text, is_formula_like
from tracker.imports import annotate
from tracker.imports.annotate import AUTHOR, FULL_COPY_ROWS, RED, annotate_workbook


def test_a_large_workbook_gets_a_value_copy_with_marked_cells_and_no_formulas():
    grid: list[list[object]] = [["period", "initiative", "value"]]
    grid += [["2025-H2", f"X-{n}", float(n)] for n in range(FULL_COPY_ROWS + 5)]
    grid[3][1] = "=cmd|' /C calc'!A0"
    errors = [SheetError("Indikatorer", 4, "initiative", "unknown-initiative", "No initiative.", "B4")]
    data = annotate_workbook(b"not used for large files", errors, {"Indikatorer": grid})
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["Fejl", "Indikatorer"]
    assert workbook["Fejl"]["F2"].value == "No initiative."
    cell = workbook["Indikatorer"]["B4"]
    assert cell.value == "=cmd|' /C calc'!A0"
    assert cell.data_type == "s"
    assert cell.comment is not None
    assert "unknown-initiative" in cell.comment.text
    assert workbook["Indikatorer"].max_row == FULL_COPY_ROWS + 6


VALUES: list[list[object]] = [
    ["text", "Køge & <Århus>", " spaces ", "", 3, -2.5],
    ['=HYPERLINK("http://evil")', "+SUM(A1:A9)", "@risk", "-1 plads", True, False],
    [date(2025, 7, 1), datetime(2025, 7, 1, 12, 30), time(8, 15), timedelta(hours=30), 12345678901234567, 1e-7],
    ["line\r\nbreak", "control\x01character", "x", "personal", 0, 1],
    ["short row"],
]
MARKED = {"A1", "B2", "C3", "E2", "D1", "B4", "F3"}  # text, formula-like, time, boolean, empty, control, number
BLANK = {("Data", "D4"), ("Data", "B4")}


def _written_by_openpyxl(grid: list[list[object]]) -> bytes:
    """The value copy through openpyxl's own write-only cells (the reference for the XML rows)."""
    workbook = openpyxl.Workbook(write_only=True)
    workbook.create_sheet("Fejl")
    ws = workbook.create_sheet("Data")
    for r, cells in enumerate(grid, start=1):
        out = []
        for c, value in enumerate(cells, start=1):
            ref = f"{get_column_letter(c)}{r}"
            value = None if ("Data", ref) in BLANK else value
            cell = WriteOnlyCell(ws, value=clean_text(value) if isinstance(value, str) else value)
            if isinstance(value, str):
                cell.data_type = "s"
                cell.quotePrefix = is_formula_like(value)
            if ref in MARKED:
                cell.fill = RED
                cell.comment = Comment(f"bad: {ref} is wrong", AUTHOR)
            out.append(cell)
        ws.append(out)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cells(data: bytes) -> list[tuple[object, ...]]:
    ws = openpyxl.load_workbook(io.BytesIO(data))["Data"]
    return [
        (c.coordinate, c.value, type(c.value), c.data_type, c.number_format, c.quotePrefix, c.fill.fgColor.rgb)
        + ((c.comment.text, c.comment.author, c.comment.width, c.comment.height) if c.comment else (None,))
        for row in ws.iter_rows()
        for c in row
    ]


def test_the_value_copy_reads_back_cell_for_cell_as_openpyxl_wrote_it(monkeypatch):
    monkeypatch.setattr(annotate, "FULL_COPY_ROWS", 0)  # the value copy even for a small grid
    errors = [SheetError("Data", int(ref[1:]), "", "bad", f"{ref} is wrong", ref) for ref in sorted(MARKED)]
    data = annotate_workbook(b"not used", errors, {"Data": VALUES}, blank=BLANK)
    copy = openpyxl.load_workbook(io.BytesIO(data))
    assert copy.sheetnames == ["Fejl", "Data"]
    assert copy["Data"]["B4"].value is None
    assert copy["Data"]["B4"].comment is not None
    assert (copy["Data"]["A2"].data_type, copy["Data"]["A2"].quotePrefix) == ("s", True)
    assert _cells(data) == _cells(_written_by_openpyxl(VALUES))
