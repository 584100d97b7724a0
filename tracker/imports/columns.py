"""The values sheet of a progress template read as columns, and proved clean as a whole.

The big sheet of a progress template (`Indikatorer`: one row per indicator and category, up to 50,000 of them)
is read by fastexcel into typed polars columns, with no Python object per cell, and checked column by column:
the layout (a header of the template's own columns from A1, no merged cell, no formula or error cell), every
column's type (fastexcel's strict coercion refuses a column mixing text, numbers, dates or booleans), the
required keys and the values (present and not negative), duplicate keys, and CPR-shaped text (`actionplan.cpr`,
the same rule as `tracker.imports.screening`). The value rows are then built straight from the columns.

This path only ever says "clean": whenever it cannot prove that the sheet is clean and reads exactly as its cells
would (`parse.parse_progress` on the grid `parse.read_grids` gives), it returns None and the sheet is read and
parsed cell by cell, which finds and words every error. So the messages have one source, and the two readings
are compared on the same files in `tests/tracker/test_imports_columns.py`.
"""

import logging
import re
from collections.abc import Sequence
from typing import Any

import fastexcel
import polars as pl
from openpyxl.utils import get_column_letter

from actionplan import cpr
from actionplan.cells import SheetRow, canonical_column, text
from actionplan.workbook import find_sheet
from tracker.imports.parse import (
    PROGRESS,
    VALUE_COLUMNS,
    VALUE_REQUIRED,
    VALUES_SHEET,
    Grids,
    ReadValues,
    ValueRow,
    detect_kind,
    value_category,
)
from tracker.imports.safety import MAX_ROWS, ImportRejected, Inspection, SheetScan
from tracker.imports.screening import TEN_DIGITS

# The sheet's first cell is A1 and holds a value (a styled but empty A1 does not start calamine's range there).
_FIRST_CELL_A1 = re.compile(rb'<c r="A1"(?:\s+[a-z]+="[^"<>]*")*\s*>\s*(?:<v>[^<]|<is>)')
# A text that the tracker's text() changes beyond what it holds: surrounding white space (Python's str.strip
# removes what Rust's \s matches and the separators U+001C-U+001F), a NUL, or nothing at all.
NOT_AS_IS = r"^[\s\x1c-\x1f]|[\s\x1c-\x1f]$|\x00|^$"
_TEXT_KEYS = ("period", "initiative", "indicator")


class _QuietDtypeGuess(logging.Filter):
    """fastexcel logs a warning for every column with no value (an empty comment column); not news here."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Could not determine dtype")


logging.getLogger("fastexcel.types.dtype").addFilter(_QuietDtypeGuess())


def read_columns(data: bytes, inspection: Inspection) -> dict[str, ReadValues]:
    """The values sheet of a progress template, read as columns when it is provably clean; else nothing."""
    names: Grids = {scan.name: [] for scan in inspection.sheets}
    try:
        if detect_kind(names) != PROGRESS:
            return {}
    except ImportRejected:
        return {}
    name = find_sheet(names, VALUES_SHEET)
    scan = inspection.sheet(name) if name else None
    if scan is None or not _plain_layout(scan):
        return {}
    try:
        frame = (
            fastexcel.read_excel(data)
            .load_sheet_by_name(scan.name, skip_rows=0, dtype_coercion="strict", schema_sample_rows=None)
            .to_polars()
        )
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # mixed types in a column (strict coercion), or anything the cell reader then words
        return {}
    read = clean_values(scan.name, frame)
    return {} if read is None else {scan.name: read}


def _plain_layout(scan: SheetScan) -> bool:
    """No formula, error or merged cell, plain tags, and a grid that starts at A1 (as calamine's range does)."""
    if scan.formula_cells or scan.error_cells or scan.merged or scan.prefixed or scan.refless_cells:
        return False
    return _FIRST_CELL_A1.match(scan.first_cell) is not None


def clean_values(sheet: str, frame: pl.DataFrame) -> ReadValues | None:
    """The value rows of a values sheet read as columns (header on row 1 from A1), or None unless it is clean."""
    if frame.height > MAX_ROWS:
        return None
    positions = _positions(frame.columns)
    if positions is None:
        return None
    # The sheet's columns by their canonical names; a column with no value at all (fastexcel's type for it is a
    # guess) as typed nulls; every other one must be of its one type (strict coercion refused a mix already).
    named = frame.select(pl.nth(index).alias(name) for name, index in positions.items())
    texts: list[str] = []
    for name in positions:
        wanted = pl.Float64 if name == "value" else pl.String
        if named[name].null_count() == named.height:
            named = named.with_columns(pl.lit(None, dtype=wanted).alias(name))
        elif named.schema[name] != wanted:
            return None
        elif name != "value":
            texts.append(name)
    flags = (
        named.select(
            *(pl.col(name).str.contains(TEN_DIGITS).any().alias(f"cpr {name}") for name in texts),
            *(pl.col(name).str.contains(NOT_AS_IS).any().alias(f"odd {name}") for name in texts),
        ).row(0, named=True)
        if texts
        else {}
    )
    if any(flags[f"cpr {name}"] and _personal_data(named[name]) for name in texts):
        return None
    has_data = [pl.col(name).is_not_null() for name in positions]
    for name in (name for name in texts if flags[f"odd {name}"]):
        # Text that text() changes (surrounding white space, NUL, nothing): cleaned as parse_progress cleans it, and
        # a cell of white space only is no data (as read_rows counts data).
        raw = named[name].to_list()
        has_data[list(positions).index(name)] = pl.lit(pl.Series([type(v) is str and v.strip() != "" for v in raw]))
        if name != "category":  # categories are read from the raw cell, as parse_progress does
            named = named.with_columns(pl.Series(name, [text(v) for v in raw], dtype=pl.String))
    absent = [pl.lit(None, dtype=pl.String).alias(name) for name in ("comment",) if name not in positions]
    kept = named.select(pl.int_range(2, pl.len() + 2).alias("number"), pl.all(), *absent).filter(
        pl.col("value").is_not_null()
    )
    row_count, refused = named.select(
        pl.any_horizontal(has_data).sum(),
        (pl.col("value").is_not_null() & (pl.any_horizontal(pl.col(*_TEXT_KEYS).is_null()) | (pl.col("value") < 0)))
        .any()
        .alias("refused"),
    ).row(0)
    if refused:
        return None
    category_of = {raw: value_category(raw) for raw in kept["category"].unique().to_list()}
    kept = kept.with_columns(pl.col("category").replace_strict(category_of, return_dtype=pl.String))
    if kept.select(pl.struct(*_TEXT_KEYS, "category").is_duplicated().any()).item():
        return None
    letters = {name: get_column_letter(index + 1) for name, index in positions.items()}
    rows = [
        ValueRow(SheetRow(sheet, number, {}, letters), period, initiative, indicator, category, value, comment or "")
        for number, period, initiative, indicator, category, value, comment in zip(
            *(kept[name].to_list() for name in ("number", *_TEXT_KEYS, "category", "value", "comment")), strict=True
        )
    ]
    return ReadValues(rows, int(row_count))


def _positions(headers: Sequence[str]) -> dict[str, int] | None:
    """Each column's index when every header names a column of the values sheet once, the required ones all."""
    positions: dict[str, int] = {}
    for index, raw in enumerate(headers):
        if raw != raw.strip() or "\x00" in raw:
            return None
        name = canonical_column(raw, VALUE_COLUMNS)
        if name not in VALUE_COLUMNS or name in positions:
            return None
        positions[name] = index
    if any(name not in positions for name in VALUE_REQUIRED):
        return None
    return positions


def _personal_data(column: pl.Series) -> bool:
    """True when a text of the column holds a CPR-shaped number (the screening would refuse it)."""
    candidates: list[Any] = column.filter(column.str.contains(TEN_DIGITS)).to_list()
    return any(cpr.message_for(value) is not None for value in candidates)
