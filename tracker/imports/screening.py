"""What an import reads and what it must refuse before anything is stored.

- Every sheet of an uploaded workbook is either read or named in a warning (no edit is dropped silently);
  sheets the tracker does not read are not kept in any stored copy.
- Every cell of every sheet it reads is screened for CPR numbers (`actionplan.cpr`, the one rule); a
  refused value never reaches a stored copy: it is blanked in the annotated workbook and in the error list.
"""

from bisect import bisect_right
from dataclasses import replace
from itertools import accumulate, chain, zip_longest
from typing import Any

import polars as pl
from openpyxl.utils import get_column_letter

from actionplan import cpr
from actionplan.cells import SheetError, header
from actionplan.workbook import SHEETS as PLAN_SHEETS
from actionplan.workbook import find_sheet
from tracker.imports.parse import INSTRUCTIONS_SHEET, PLAN, REPORTS_SHEET, VALUES_SHEET, Grids

PERSONAL_DATA = "personal-data"
# Any decimal digit or other numeric digit (superscripts, circled digits): what str.isdigit counts and more.
_DIGIT = r"[\p{Nd}\p{No}]"
_CPR_DIGITS = 10
# A text with at least ten digits (anywhere in it): what `count_matches(_DIGIT) >= 10` asks, in one regex the
# engine answers without counting.
_NOT_DIGIT = r"[^\p{Nd}\p{No}]"
TEN_DIGITS = f"(?:{_DIGIT}{_NOT_DIGIT}*){{{_CPR_DIGITS}}}"


def sheets_read(kind: str, grids: Grids) -> tuple[list[str], list[str]]:
    """The workbook's sheets the import reads, and those it does not (in workbook order)."""
    wanted = list(PLAN_SHEETS) if kind == PLAN else [REPORTS_SHEET, VALUES_SHEET]
    read = {find_sheet(grids, name) for name in wanted} - {None}
    return [n for n in grids if n in read], [n for n in grids if n not in read]


def unread_sheet_warnings(kind: str, unread: list[str]) -> list[dict[str, Any]]:
    """One warning per sheet the import does not read, naming it and what to do."""
    expected = ", ".join(PLAN_SHEETS) if kind == PLAN else f"{REPORTS_SHEET}, {VALUES_SHEET}"
    warnings = []
    for name in unread:
        if kind != PLAN and name.replace(" ", "").lower() == INSTRUCTIONS_SHEET.lower():
            message = "The instructions sheet is not read (and not kept)."
        else:
            message = (
                f"Sheet {cpr.redact(name)!r} is not read, and not kept: nothing in it was imported. The sheets "
                f"read are {expected}; rename the sheet if it should be one of them."
            )
        warnings.append({"sheet": cpr.redact(name), "code": "sheet-not-read", "message": message})
    return warnings


def personal_data_cells(grids: Grids, sheets: list[str]) -> list[SheetError]:
    """Every text cell of the given sheets that holds a CPR-shaped number, as a located error.

    Whole columns are screened at once: only a cell with at least ten digits can hold a CPR number
    (`cpr.find_cpr_like` asks the same first), so a polars count of digit characters (any Unicode digit,
    a superset of what `str.isdigit` counts) picks the few cells `cpr.message_for` then decides on.
    """
    errors: list[SheetError] = []
    for name in sheets:
        grid = grids.get(name) or []
        heads = grid[0] if grid else []
        for r0, c in _candidates(grid):
            value = grid[r0][c]
            message = cpr.message_for(value)
            if message is None:
                continue
            r = r0 + 1
            letter = get_column_letter(c + 1)
            column = header(heads[c]) if r > 1 and c < len(heads) else ""
            errors.append(SheetError(name, r, cpr.redact(column) or letter, PERSONAL_DATA, message, f"{letter}{r}"))
    return errors


def _candidates(grid: list[list[Any]]) -> list[tuple[int, int]]:
    """(row, column), 0-based and in order, of every text cell with at least ten digits.

    The whole grid is one polars column, every cell as text (a number or a date as its text form, screened and
    then dropped: only text cells are candidates), so there is no Python work per cell.
    """
    try:
        cells = pl.Series(values=list(chain.from_iterable(grid)), dtype=pl.String, strict=False)
    except (TypeError, ValueError, pl.exceptions.PolarsError):  # a cell polars cannot turn into text
        return _candidates_by_column(grid)
    starts = list(accumulate((len(row) for row in grid), initial=0))
    hits: list[tuple[int, int]] = []
    for index in cells.str.contains(TEN_DIGITS).arg_true().to_list():
        r = bisect_right(starts, index) - 1
        c = index - starts[r]
        if type(grid[r][c]) is str:
            hits.append((r, c))
    return hits


def _candidates_by_column(grid: list[list[Any]]) -> list[tuple[int, int]]:
    hits: list[tuple[int, int]] = []
    for c, cells in enumerate(zip_longest(*grid)):
        texts = pl.Series([v if type(v) is str else None for v in cells], dtype=pl.String)
        hits.extend((r, c) for r in (texts.str.count_matches(_DIGIT) >= _CPR_DIGITS).arg_true().to_list())
    return sorted(hits)


def redacted(error: SheetError) -> SheetError:
    """The error as it may be stored: any CPR-shaped number in its text replaced."""
    return replace(
        error,
        sheet=cpr.redact(error.sheet),
        column=cpr.redact(error.column),
        message=cpr.redact(error.message),
    )


def blanked_cells(errors: list[SheetError]) -> set[tuple[str, str]]:
    """(sheet, cell) of every value refused as personal data: blanked in every stored copy."""
    return {(e.sheet, e.cell) for e in errors if e.code == PERSONAL_DATA and e.cell}
