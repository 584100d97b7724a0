"""Writing user text into spreadsheets without it ever becoming a formula (OWASP ASVS 1.2.10, CWE-1236).

openpyxl turns any string that starts with `=` into a live formula; Excel and LibreOffice also evaluate
text starting with `+`, `-`, `@`, a tab or a carriage return. Every xlsx and CSV the tracker writes goes
through these helpers: in xlsx, strings are forced to text cells and, when they start with a formula
character, carry Excel's "quote prefix" style (the value itself is unchanged, so a workbook exported and
imported again round-trips exactly); in CSV the value is prefixed with `'`.

This is the one copy of these helpers: `actionplan` needs them (the plan workbook) and `reports` may
import `actionplan`, not the reverse.
"""

from datetime import date, datetime
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell, MergedCell
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\0")
# Excel's cell limit; longer text is cut rather than silently flagged as corrupt by Excel.
MAX_CELL_CHARS = 32_767


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet program could read this text as a formula."""
    return text.startswith(FORMULA_TRIGGERS)


def clean_text(text: str) -> str:
    """Text as it can live in an xlsx cell: control characters removed, cut at Excel's limit."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)[:MAX_CELL_CHARS]


def safe_cell_value(value: Any) -> Any:
    """A value fit for a cell: strings cleaned of control characters and cut at Excel's limit, aware
    datetimes made naive (UTC); numbers, dates, booleans and None unchanged."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    return value


def set_safe(cell: Cell | MergedCell, value: Any) -> Cell | MergedCell:
    """Assign a value; strings are forced to text cells, never formulas."""
    formula_like = isinstance(value, str) and is_formula_like(value)
    value = safe_cell_value(value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if formula_like or is_formula_like(value):
            cell.quotePrefix = True
    elif isinstance(value, datetime):
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, date):
        cell.number_format = "yyyy-mm-dd"
    return cell


def write_text_cell(ws: Worksheet, row: int, column: int, value: Any) -> Cell | MergedCell:
    """Write one value at (row, column), 1-based; user text always stays text."""
    return set_safe(ws.cell(row=row, column=column), value)


def write_cell(ws: Worksheet, row: int, column: int, value: Any) -> Cell:
    """`write_text_cell` for plain (unmerged) cells, typed as `Cell` so callers can style it."""
    cell = write_text_cell(ws, row, column, value)
    assert isinstance(cell, Cell), "cannot write into a merged cell"
    return cell


def csv_safe(value: Any) -> str:
    """A CSV field that a spreadsheet program will not evaluate: `'` before a leading formula character."""
    text = "" if value is None else str(value)
    return "'" + text if is_formula_like(text) else text
