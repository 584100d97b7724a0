"""The data rows of a write-only openpyxl sheet, written as XML text.

openpyxl's write-only cell writer builds an lxml element per cell (~25 us a cell); the analyst's sheets of a
1,000-initiative plan hold half a million cells. Here a row is a few string joins: openpyxl still writes the
sheet (header, columns, panes, table parts) and defines every style; the rows are then put into the sheet's
XML before `</sheetData>`. A cell reads back exactly as openpyxl would have written it: the same value, type
and style, user text always text (never a formula), `None` left out. The reports' sheets and the value copy of a
refused upload (`tracker.imports.annotate`: its marked cells, red and commented) are written this way.
"""

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

from actionplan.xlsx_safe import clean_text, is_formula_like

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_BOOLS = {True: ' t="b"><v>1</v></c>', False: ' t="b"><v>0</v></c>'}

# The style id of a cell holding this value with this number format (the same for all values of a class); for a
# date or time in a column without a number format the format asked for is ISO dates, "yyyy-mm-dd".
StyleOf = Callable[[str, Any], int]
_NO_VALUE = "/>"


def _text(value: str) -> tuple[bool, str]:
    """Whether a string cell needs the quote prefix (formula-like text), and its type and content."""
    text = clean_text(value)
    if not text:
        return False, ' t="inlineStr"/>'
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return is_formula_like(text), f' t="inlineStr"><is><t{space}>{text.translate(_ESCAPES)}</t></is></c>'


def _number(value: float) -> str:
    return (
        "" if value != value or value in (float("inf"), float("-inf")) else f"{value:.16g}"
    )  # as openpyxl writes numbers


class _Column(dict[Any, str]):
    """One column's cells after their reference, by value: text, plain numbers, or numbers and dates with the
    column's number format. Values repeat (period names, dates, counts), so each is turned into XML once."""

    def __init__(self, number_format: str | None, style_of: StyleOf, quote_style: Callable[[], int]) -> None:
        super().__init__()
        self.number_format = number_format
        self.style_of = style_of
        self.quote_style = quote_style

    def new(self, value: Any) -> str:
        """The cell for a value not seen before in this column (booleans never come here: True == 1)."""
        style, body = self.parts(value)
        fragment = body if style is None else f' s="{style}"{body}'
        self[value] = fragment
        return fragment

    def parts(self, value: Any) -> tuple[int | None, str]:
        """A cell's style id (None: unstyled) and the rest of it after the style, for any value."""
        if value is None:
            return None, _NO_VALUE
        if value is True or value is False:
            return None, _BOOLS[value]
        if isinstance(value, str):
            quoted, body = _text(value)
            return (self.quote_style() if quoted else None), body
        if isinstance(value, (int, float)) and self.number_format is None:
            return None, f' t="n"><v>{_number(value)}</v></c>'
        if isinstance(value, (int, float)):
            return self.style_of(str(self.number_format), value), f' t="n"><v>{_number(value)}</v></c>'
        if isinstance(value, (date, time, timedelta)):
            # Dates and times are always styled (ISO dates unless the column says otherwise); aware times lose
            # their zone.
            style = self.style_of(self.number_format or "yyyy-mm-dd", value)
            naive = value.replace(tzinfo=None) if isinstance(value, (datetime, time)) else value
            serial = to_excel(naive)  # type: ignore[no-untyped-call]
            return style, f' t="n"><v>{_number(serial)}</v></c>'
        raise TypeError(f"cannot write {value!r} ({type(value).__name__}) to a cell")


def rows_xml(
    rows: Iterable[Sequence[Any]],
    formats: Sequence[str | None],
    style_of: StyleOf,
    quote_style: Callable[[], int],
    first_row: int,
    *,
    marked: Mapping[int, Collection[int]] | None = None,
    marked_style: Callable[[int], int] | None = None,
) -> Iterator[str]:
    """The `<row>` elements of `rows` from row number `first_row`, a chunk of text at a time.

    Booleans, and numbers in a column without a number format, are plain cells; numbers with a format and
    all dates are styled (`style_of`); text is inline text, with the quote-prefix style `quote_style` when a
    spreadsheet could read it as a formula. `marked` (row number -> 0-based column indexes) names cells written
    with `marked_style(style id)` instead of their own style id (0 when unstyled), empty ones included.
    """
    marked = marked or {}
    if marked and marked_style is None:
        raise ValueError("marked cells need a marked_style")
    starts = [f'<c r="{get_column_letter(n)}' for n in range(1, len(formats) + 1)]
    columns = [_Column(number_format, style_of, quote_style) for number_format in formats]
    chunk: list[str] = []
    append = chunk.append
    for number, row in enumerate(rows, start=first_row):
        reference_end = f'{number}"'
        append(f'<row r="{number}">')
        marks = marked.get(number)
        if marks:
            append(_marked_row(row, starts, columns, reference_end, marks, marked_style))  # type: ignore[arg-type]
        else:
            for value, start, column in zip(row, starts, columns, strict=True):
                if value is None:
                    continue
                if value is True or value is False:
                    fragment = _BOOLS[value]
                else:
                    known = column.get(value)
                    fragment = column.new(value) if known is None else known
                append(start + reference_end + fragment)
        append("</row>")
        if len(chunk) > 50_000:
            yield "".join(chunk)
            chunk.clear()
    yield "".join(chunk)


def _marked_row(
    row: Sequence[Any],
    starts: list[str],
    columns: list[_Column],
    reference_end: str,
    marks: Collection[int],
    marked_style: Callable[[int], int],
) -> str:
    """The cells of a row with marked cells (a few rows of a sheet)."""
    cells = []
    for index, (value, start, column) in enumerate(zip(row, starts, columns, strict=True)):
        if index in marks:
            style, body = column.parts(value)
            cells.append(f'{start}{reference_end} s="{marked_style(style or 0)}"{body}')
        elif value is True or value is False:
            cells.append(start + reference_end + _BOOLS[value])
        elif value is not None:
            cells.append(start + reference_end + (column.get(value) or column.new(value)))
    return "".join(cells)


def splice_rows(path: str, chunks: Iterable[str]) -> None:
    """Put rows into a closed sheet's XML file just before its `</sheetData>`."""
    with open(path, "rb") as sheet:
        content = sheet.read()
    head, end, tail = content.rpartition(b"</sheetData>")
    if not end:
        raise ValueError(f"{path} has no <sheetData> to add rows to")
    with open(path, "wb") as sheet:
        sheet.write(head)
        for chunk in chunks:
            sheet.write(chunk.encode("utf-8"))
        sheet.write(end)
        sheet.write(tail)
