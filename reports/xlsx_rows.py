"""The data rows of a write-only openpyxl sheet, written as XML text.

openpyxl's write-only cell writer builds an lxml element per cell (~25 us a cell); the analyst's sheets of a
1,000-initiative plan hold half a million cells. Here a row is a few string joins: openpyxl still writes the
sheet (header, columns, panes, table parts) and defines every style; the rows are then put into the sheet's
XML before `</sheetData>`. A cell reads back exactly as openpyxl would have written it: the same value, type
and style, user text always text (never a formula), `None` left out.
"""

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

from actionplan.xlsx_safe import clean_text, is_formula_like

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_BOOLS = {True: ' t="b"><v>1</v></c>', False: ' t="b"><v>0</v></c>'}

# The style id of a cell holding this value with this number format (the same for all values of a class).
StyleOf = Callable[[str, Any], int]


def _text(value: str, quote_style: Callable[[], int]) -> str:
    """A string cell's attributes and content (after its reference); formula-like text gets the quote prefix."""
    text = clean_text(value)
    style = f' s="{quote_style()}"' if is_formula_like(text) else ""
    if not text:
        return f'{style} t="inlineStr"/>'
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f'{style} t="inlineStr"><is><t{space}>{text.translate(_ESCAPES)}</t></is></c>'


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
        if isinstance(value, str):
            fragment = _text(value, self.quote_style)
        elif isinstance(value, (int, float)) and self.number_format is None:
            fragment = f' t="n"><v>{_number(value)}</v></c>'
        elif isinstance(value, (int, float)):
            style = self.style_of(str(self.number_format), value)
            fragment = f' s="{style}" t="n"><v>{_number(value)}</v></c>'
        elif isinstance(value, date):
            # Dates are always styled (ISO dates unless the column says otherwise); aware times lose their zone.
            style = self.style_of(self.number_format or "yyyy-mm-dd", value)
            naive = value.replace(tzinfo=None) if isinstance(value, datetime) else value
            serial = to_excel(naive)  # type: ignore[no-untyped-call]
            fragment = f' s="{style}" t="n"><v>{_number(serial)}</v></c>'
        else:
            raise TypeError(f"cannot write {value!r} ({type(value).__name__}) to a cell")
        self[value] = fragment
        return fragment


def rows_xml(
    rows: Iterable[Sequence[Any]],
    formats: Sequence[str | None],
    style_of: StyleOf,
    quote_style: Callable[[], int],
    first_row: int,
) -> Iterator[str]:
    """The `<row>` elements of `rows` from row number `first_row`, a chunk of text at a time.

    Booleans, and numbers in a column without a number format, are plain cells; numbers with a format and
    all dates are styled (`style_of`); text is inline text, with the quote-prefix style `quote_style` when a
    spreadsheet could read it as a formula.
    """
    starts = [f'<c r="{get_column_letter(n)}' for n in range(1, len(formats) + 1)]
    columns = [_Column(number_format, style_of, quote_style) for number_format in formats]
    chunk: list[str] = []
    append = chunk.append
    for number, row in enumerate(rows, start=first_row):
        reference_end = f'{number}"'
        append(f'<row r="{number}">')
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
