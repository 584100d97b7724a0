"""User text into spreadsheets without it ever becoming a formula (CWE-1236).

openpyxl turns a string starting with "=" into a formula; Excel and LibreOffice also evaluate text
starting with "+", "-", "@", a tab or a carriage return. These helpers keep such strings as text cells
(data type "s") with Excel's quote prefix, so the value itself is unchanged.
"""

from datetime import date, datetime
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell, MergedCell
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL_CHARS = 32_767


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet program could read this text as a formula."""
    return text.startswith(FORMULA_TRIGGERS)


def safe_cell_value(value: Any) -> Any:
    """A value fit for a cell: strings cleaned of control characters and cut at Excel's limit,
    aware datetimes made naive (UTC); numbers, dates, booleans and None unchanged."""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)[:MAX_CELL_CHARS]
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    return value


def set_safe(cell: Cell | MergedCell, value: Any) -> Cell | MergedCell:
    """Assign a value; strings are forced to text cells, never formulas."""
    value = safe_cell_value(value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if is_formula_like(value):
            cell.quotePrefix = True
    elif isinstance(value, datetime):
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, date):
        cell.number_format = "yyyy-mm-dd"
    return cell


def write_text_cell(ws: Worksheet, row: int, column: int, value: Any) -> Cell | MergedCell:
    """Write one value at (row, column), 1-based; user text always stays text."""
    return set_safe(ws.cell(row=row, column=column), value)
