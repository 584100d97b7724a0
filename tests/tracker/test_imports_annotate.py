"""The annotated copy of a large upload is rebuilt value by value: bounded memory, errors still marked."""

import io

import openpyxl

from actionplan.cells import SheetError
from tracker.imports.annotate import FULL_COPY_ROWS, annotate_workbook


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
