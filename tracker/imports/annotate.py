"""An annotated copy of an uploaded workbook: every bad cell filled red and commented with its problem,
and a first sheet `Fejl` listing all problems.

Workbooks up to FULL_COPY_ROWS rows (and FULL_COPY_BYTES of XML) are copied with their formatting, drop-downs and protection (openpyxl
normal mode, about 50x the file size in memory). Larger ones are rebuilt value by value in write-only
mode from the cells already read, so memory stays bounded; their rows are written as XML text
(`actionplan.xlsx_rows`: openpyxl's cell writer took ~7 s for a 50,000-row template).
"""

import io
from collections import defaultdict
from collections.abc import Iterable, Iterator
from copy import copy
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell import Cell, MergedCell, WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.comments.comment_sheet import CommentRecord
from openpyxl.styles import Font, PatternFill
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

from actionplan import cpr
from actionplan.cells import SheetError
from actionplan.xlsx_rows import rows_xml, splice_rows
from actionplan.xlsx_safe import clean_text, is_formula_like, set_safe, write_cell

FULL_COPY_ROWS = 10_000
# openpyxl's normal mode needs about 50x the XML it reads; above this the value copy is used.
FULL_COPY_BYTES = 8 * 1024 * 1024
ERRORS_SHEET = "Fejl"
RED = PatternFill(fill_type="solid", start_color="FFFFC7CE", end_color="FFFFC7CE")
AUTHOR = "actionplan-tracker"
MAX_LISTED = 5_000


def _target(error: SheetError) -> str:
    """The cell to mark: the error's own cell, else the row's first cell, else A1."""
    if error.cell:
        return error.cell
    return f"A{max(error.row, 1)}"


def annotate_workbook(
    data: bytes,
    errors: list[SheetError],
    grids: dict[str, list[list[Any]]],
    *,
    blank: set[tuple[str, str]] | None = None,
    uncompressed: int = 0,
) -> bytes:
    """The uploaded workbook with its errors marked in place (bytes of an xlsx).

    Only the sheets in `grids` (those the import reads) are kept; the cells in `blank` (sheet, ref) are
    emptied (values refused as personal data are never stored); no cell is a formula: the uploader's
    formulas are written as text, and the uploader's comments and defined names are dropped.
    """
    blank = blank or set()
    by_cell: dict[tuple[str, str], list[str]] = defaultdict(list)
    for error in errors:
        by_cell[(error.sheet, _target(error))].append(f"{error.code}: {error.message}")
    total_rows = sum(len(grid) for grid in grids.values())
    if total_rows <= FULL_COPY_ROWS and uncompressed <= FULL_COPY_BYTES:
        try:
            return _full_copy(data, errors, by_cell, set(grids), blank)
        except Exception:  # an unusual workbook openpyxl cannot round-trip: fall back to the value copy
            pass
    return _value_copy(errors, by_cell, grids, blank)


def _sheet_for(names: list[str], wanted: str) -> str | None:
    lowered = {name.replace(" ", "").lower(): name for name in names}
    return lowered.get(wanted.replace(" ", "").lower())


def _full_copy(
    data: bytes,
    errors: list[SheetError],
    by_cell: dict[tuple[str, str], list[str]],
    keep: set[str],
    blank: set[tuple[str, str]],
) -> bytes:
    workbook = load_workbook(io.BytesIO(data), rich_text=False)
    for name in list(workbook.sheetnames):
        if name not in keep:
            del workbook[name]
    for name in list(workbook.defined_names):
        del workbook.defined_names[name]
    for ws in workbook.worksheets:
        for name in list(ws.defined_names):
            del ws.defined_names[name]
        blanked = {ref for sheet, ref in blank if sheet == ws.title}
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell, MergedCell):
                    continue
                cell.comment = None
                if cell.coordinate in blanked:
                    cell.value = None
                elif cell.data_type == "f" or isinstance(cell.value, (ArrayFormula, DataTableFormula)):
                    _formula_as_text(cell)
    for (sheet, ref), messages in by_cell.items():
        target = _sheet_for(workbook.sheetnames, sheet)
        if target is None:
            continue
        marked = workbook[target][ref]
        marked.fill = RED
        marked.comment = Comment("\n".join(messages), AUTHOR, width=320, height=120)
    _errors_sheet(workbook, errors)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _formula_as_text(cell: Cell) -> None:
    """Write an uploaded formula as the text it was typed as (never a live formula in a served file)."""
    value = cell.value
    formula = str(value.text or "") if isinstance(value, ArrayFormula) else str(value if value is not None else "")
    if isinstance(value, DataTableFormula):
        formula = "=TABLE()"
    set_safe(cell, cpr.redact(formula))


def _errors_sheet(workbook: Workbook, errors: list[SheetError]) -> None:
    if ERRORS_SHEET in workbook.sheetnames:
        del workbook[ERRORS_SHEET]
    ws = workbook.create_sheet(ERRORS_SHEET, 0)
    for column, heading in enumerate(["sheet", "row", "column", "cell", "code", "message"], start=1):
        write_cell(ws, 1, column, heading).font = Font(bold=True)
    for n, error in enumerate(errors[:MAX_LISTED], start=2):
        for column, value in enumerate(
            [error.sheet, error.row, error.column, error.cell, error.code, error.message], start=1
        ):
            write_cell(ws, n, column, value)
    if len(errors) > MAX_LISTED:
        write_cell(ws, MAX_LISTED + 2, 1, f"... and {len(errors) - MAX_LISTED} more")
    ws.column_dimensions["F"].width = 80
    workbook.active = 0


def _value_copy(
    errors: list[SheetError],
    by_cell: dict[tuple[str, str], list[str]],
    grids: dict[str, list[list[Any]]],
    blank: set[tuple[str, str]],
) -> bytes:
    workbook = Workbook(write_only=True)
    listing = workbook.create_sheet(ERRORS_SHEET)
    listing.append(["sheet", "row", "column", "cell", "code", "message"])
    for error in errors[:MAX_LISTED]:
        listing.append(
            [_safe(listing, v) for v in (error.sheet, error.row, error.column, error.cell, error.code, error.message)]
        )
    for name, grid in grids.items():
        ws = workbook.create_sheet(name)
        width = max((len(cells) for cells in grid), default=0)
        marked = {ref: messages for (sheet, ref), messages in by_cell.items() if sheet.lower() == name.lower()}
        marks: dict[int, set[int]] = defaultdict(set)
        comments = []
        for row, column, ref in sorted(_cells_in(marked, len(grid), width)):
            marks[row].add(column - 1)
            # The record openpyxl's row writer makes for a commented cell (the rows are not written by it).
            cell = Cell(ws, row=row, column=column)
            cell.comment = Comment("\n".join(marked[ref]), AUTHOR)
            comments.append(CommentRecord.from_cell(cell))
        blanked = defaultdict(set)
        for row, column, _ref in _cells_in({ref for sheet, ref in blank if sheet == name}, len(grid), width):
            blanked[row].add(column - 1)
        styles = _Styles(ws)
        # The rows are spliced into the closed sheet; the comment records must be there before close(), which
        # links the sheet to its comments (legacyDrawing) when it has any.
        ws._get_writer()
        ws._comments.extend(comments)
        ws.close()
        rows = rows_xml(
            _rows(grid, width, blanked),
            [None] * width,
            styles.style_of,
            styles.quote_style,
            first_row=1,
            marked=marks,
            marked_style=styles.marked,
        )
        splice_rows(ws._writer.out, rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cells_in(refs: Iterable[str], rows: int, columns: int) -> Iterator[tuple[int, int, str]]:
    """(row, column, ref) of the plain references ("B7") among `refs` that lie in a rows x columns grid."""
    for ref in refs:
        try:
            letters, row = coordinate_from_string(ref)
            column = column_index_from_string(letters)
        except ValueError:
            continue
        if f"{letters}{row}" == ref and 1 <= row <= rows and 1 <= column <= columns:
            yield row, column, ref


def _rows(grid: list[list[Any]], width: int, blanked: dict[int, set[int]]) -> Iterator[list[Any]]:
    """The grid's rows, all `width` wide, with the blanked cells emptied."""
    for number, cells in enumerate(grid, start=1):
        empty = blanked.get(number)
        if empty or len(cells) < width:
            cells = [*cells, *[None] * (width - len(cells))]
            for column in empty or ():
                cells[column] = None
        yield cells


class _Styles:
    """The value copy's style ids, as openpyxl's cell writer would give them: a value's type decides its number
    format (dates and times), formula-like text gets the quote prefix, a marked cell adds the red fill."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self._by_type: dict[type, int] = {}
        self._marked: dict[int, int] = {}
        self._quote: int | None = None

    def style_of(self, _number_format: str, value: Any) -> int:
        """The style openpyxl gives a cell holding a value of this type (the copy has no column formats)."""
        style = self._by_type.get(type(value))
        if style is None:
            style = self._by_type[type(value)] = int(WriteOnlyCell(self.ws, value=value).style_id)
        return style

    def quote_style(self) -> int:
        if self._quote is None:
            cell = WriteOnlyCell(self.ws)
            cell.quotePrefix = True
            self._quote = int(cell.style_id)
        return self._quote

    def marked(self, style: int) -> int:
        """The style `style` with the red fill."""
        marked = self._marked.get(style)
        if marked is None:
            cell = WriteOnlyCell(self.ws)
            cell._style = copy(self.ws.parent._cell_styles[style])  # type: ignore[attr-defined]
            cell.fill = RED
            marked = self._marked[style] = int(cell.style_id)
        return marked


def _safe(ws: Any, value: Any) -> Any:
    """A value for a write-only row: text that could be a formula is written as a text cell."""
    if isinstance(value, str):
        value = clean_text(value)
        if is_formula_like(value):
            cell = WriteOnlyCell(ws, value=value)
            cell.data_type = "s"
            return cell
        return value
    return value
