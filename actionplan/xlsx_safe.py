"""Writing user text into spreadsheets without it ever becoming a formula (OWASP ASVS 1.2.10, CWE-1236).

openpyxl turns any string that starts with `=` into a live formula. Every xlsx and CSV the tracker writes
goes through these helpers: in xlsx, strings are forced to text cells and, when they start with a
formula character, carry Excel's "quote prefix" style (the value itself is unchanged, so a workbook
exported and imported again round-trips exactly); in CSV the value is prefixed with `'`.
"""

from datetime import date, datetime
from typing import Any, cast

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\0")
# Excel's cell limit; longer text is cut rather than silently flagged as corrupt by Excel.
MAX_CELL_CHARS = 32_767


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet program could read this text as a formula."""
    return text.startswith(FORMULA_TRIGGERS)


def clean_text(text: str) -> str:
    """Text as it can live in an xlsx cell: control characters removed, cut at Excel's limit."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    return text[:MAX_CELL_CHARS]


def set_cell(cell: Cell, value: Any) -> Cell:
    """Put a value in a cell; strings always stay text, never formulas."""
    if isinstance(value, str):
        cell.value = clean_text(value)
        cell.data_type = "s"
        if is_formula_like(value):
            cell.quotePrefix = True
    elif isinstance(value, datetime):
        cell.value = value.replace(tzinfo=None) if value.tzinfo else value
    else:
        cell.value = value
        if isinstance(value, date):
            cell.number_format = "yyyy-mm-dd"
    return cell


def write_cell(ws: Worksheet, row: int, column: int, value: Any) -> Cell:
    """Write one value at (row, column), 1-based, safely."""
    return set_cell(cast(Cell, ws.cell(row=row, column=column)), value)


def csv_safe(value: Any) -> str:
    """A CSV field that a spreadsheet program will not evaluate: `'` before a leading formula character."""
    text = "" if value is None else str(value)
    return "'" + text if is_formula_like(text) else text
