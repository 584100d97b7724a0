"""Reading spreadsheet cells the way people fill them in: tolerant, but never guessing silently.

Accepted: Excel dates and text dates (`31-12-2024`, `31.12.2024`, `31/12/2024`, `2024-12-31`), Danish
numbers (`1.234,5`, `5,0`), stray spaces, `ja`/`nej`. Anything else raises `CellError` with a stable code
and a message a person can act on. Cell values come from the reader as str, int, float, bool, date,
datetime or None/"" (empty).

Longer than 400 lines: the cell parsers and the sheet-row reader (`read_rows`, headers, Danish column names)
that applies them. The reader could stand in a module of its own; it stays here while the import area
(`tracker/imports/`) imports both halves from this module.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from operator import itemgetter
from typing import Any

from openpyxl.utils import get_column_letter

EMPTY = (None, "")
# Excel's 1900 date system: serial 1 is 1900-01-01 and serial 60 is the fictitious 1900-02-29.
_EXCEL_EPOCH = date(1899, 12, 30)
EARLIEST = date(1990, 1, 1)
LATEST = date(2100, 12, 31)
_TEXT_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y", "%d-%m-%y", "%d.%m.%y")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_DK_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")
_EN_THOUSANDS = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^-?\d+([.,]\d+)?$")
TRUE_WORDS = frozenset({"yes", "ja", "true", "sand", "1", "x", "y", "j"})
FALSE_WORDS = frozenset({"no", "nej", "false", "falsk", "0", "n"})


class CellError(ValueError):
    """A cell that cannot be read as the column requires."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value: Any) -> str | None:
    """Text with surrounding spaces removed; None for an empty cell. Whole numbers lose their `.0`."""
    if type(value) is str:
        if "\x00" in value:  # a cell escape (_x0000_) can carry NUL, which PostgreSQL text refuses
            value = value.replace("\x00", "")
        return value.strip() or None
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def header(value: Any) -> str:
    """A header name in canonical form: lower case, surrounding spaces gone, inner spaces as `_`."""
    return re.sub(r"[\s\-]+", "_", (text(value) or "").lower())


def _check_range(day: date) -> date:
    if not EARLIEST <= day <= LATEST:
        raise CellError("date-out-of-range", f"{day.isoformat()} is outside {EARLIEST.year}-{LATEST.year}.")
    return day


def to_date(value: Any) -> date:
    """A date from an Excel date cell, an Excel serial number or text such as 31-12-2024 or 2024-12-31."""
    if isinstance(value, bool):
        raise CellError("not-a-date", "Expected a date, found TRUE/FALSE.")
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            raise CellError("not-a-date", "Expected a date without a time zone.")
        return _check_range(value.date())
    if isinstance(value, date):
        return _check_range(value)
    if isinstance(value, (int, float)):
        serial = float(value)
        if not serial.is_integer() or serial < 1:
            raise CellError("not-a-date", f"{value} is not a date (expected e.g. 31-12-2024).")
        if serial > 2_958_465:  # 9999-12-31, Excel's last date
            raise CellError("date-out-of-range", f"{value:g} is far beyond any date of this plan.")
        if serial == 60:
            raise CellError("not-a-date", "Excel serial 60 is 1900-02-29, a day that does not exist.")
        # Serials after 60 are one day ahead because of Excel's 1900 leap-year bug.
        day = _EXCEL_EPOCH + timedelta(days=int(serial)) if serial > 60 else date(1899, 12, 31) + timedelta(int(serial))
        return _check_range(day)
    raw = text(value)
    if raw is None:
        raise CellError("required", "A date is required here.")
    candidate = raw.split(" ")[0].split("T")[0] if re.match(r"^\d{4}-\d{2}-\d{2}[ T]00:00(:00)?$", raw) else raw
    for fmt in _TEXT_DATE_FORMATS:
        try:
            return _check_range(datetime.strptime(candidate, fmt).date())
        except ValueError:
            continue
    raise CellError("not-a-date", f"{raw!r} is not a date; write e.g. 31-12-2024 or 2024-12-31.")


def to_number(value: Any) -> float:
    """A number from a number cell or text such as `1.234,5`, `5,0`, `2.5` or `1 234`."""
    if isinstance(value, bool):
        raise CellError("not-a-number", "Expected a number, found TRUE/FALSE.")
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        raw = text(value)
        if raw is None:
            raise CellError("required", "A number is required here.")
        compact = _SPACES.sub("", raw)
        if _DK_THOUSANDS.match(compact):
            compact = compact.replace(".", "").replace(",", ".")
        elif _EN_THOUSANDS.match(compact) and "." in compact:
            compact = compact.replace(",", "")
        elif _PLAIN.match(compact):
            # A lone comma is the Danish decimal sign; a lone point is read as a decimal point too.
            compact = compact.replace(",", ".")
        else:
            raise CellError("not-a-number", f"{raw!r} is not a number; write e.g. 1234,5 or 1.234,5.")
        number = float(compact)
    if number != number or number in (float("inf"), float("-inf")):
        raise CellError("not-a-number", "Expected a finite number.")
    return number


def to_int(value: Any) -> int:
    """A whole number (text forms as for `to_number`)."""
    number = to_number(value)
    if not number.is_integer():
        raise CellError("not-a-whole-number", f"{number:g} is not a whole number.")
    return int(number)


def to_bool(value: Any) -> bool:
    """yes/no, ja/nej, true/false, 1/0 or x (case and spaces ignored)."""
    if isinstance(value, bool):
        return value
    raw = (text(value) or "").lower()
    if raw in TRUE_WORDS:
        return True
    if raw in FALSE_WORDS:
        return False
    raise CellError("not-yes-or-no", f"{raw!r} is not yes or no (ja/nej).")


def to_choice(value: Any, allowed: dict[str, str]) -> str:
    """One of the allowed values; `allowed` maps accepted spellings (lower case) to the stored value."""
    raw = (text(value) or "").lower()
    key = re.sub(r"[\s\-]+", "_", raw)
    for candidate in (raw, key):
        if candidate in allowed:
            return allowed[candidate]
    choices = ", ".join(sorted(set(allowed.values())))
    raise CellError("not-allowed", f"{text(value)!r} is not one of: {choices}.")


def to_code_list(value: Any) -> list[str]:
    """Codes separated by commas (or semicolons), spaces ignored, order kept, duplicates dropped."""
    raw = text(value)
    if raw is None:
        return []
    codes: list[str] = []
    for part in re.split(r"[,;]", raw):
        code = part.strip()
        if code and code not in codes:
            codes.append(code)
    return codes


def to_disaggregation(value: Any) -> dict[str, list[str]] | None:
    """`sex: women, men, trans; form: a, b` as {"sex": ["women", "men", "trans"], "form": ["a", "b"]}."""
    raw = text(value)
    if raw is None:
        return None
    result: dict[str, list[str]] = {}
    for part in raw.split(";"):
        if not part.strip():
            continue
        dimension, sep, values = part.partition(":")
        dimension = dimension.strip()
        categories = [v.strip() for v in values.split(",") if v.strip()]
        if not sep or not dimension or not categories:
            raise CellError(
                "bad-disaggregation",
                f"{part.strip()!r} should look like 'sex: women, men, trans' (dimensions separated by ';').",
            )
        if dimension in result:
            raise CellError("bad-disaggregation", f"The dimension {dimension!r} appears twice.")
        result[dimension] = categories
    return result or None


def format_disaggregation(value: dict[str, list[str]] | None) -> str:
    """The inverse of `to_disaggregation`."""
    return "; ".join(f"{dim}: {', '.join(values)}" for dim, values in (value or {}).items())


@dataclass(frozen=True)
class SheetError:
    """One problem in an uploaded workbook, located to the cell: {sheet, row, column, code, message}."""

    sheet: str
    row: int
    column: str
    code: str
    message: str
    cell: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "code": self.code,
            "message": self.message,
            "cell": self.cell,
        }


@dataclass
class SheetRow:
    """One data row of a sheet: values keyed by canonical column name, and where each column is."""

    sheet: str
    number: int
    values: dict[str, Any]
    letters: dict[str, str] = field(default_factory=dict)

    def cell(self, column: str) -> str:
        letter = self.letters.get(column)
        return f"{letter}{self.number}" if letter else ""

    def error(self, column: str, code: str, message: str) -> SheetError:
        return SheetError(self.sheet, self.number, column, code, message, self.cell(column))

    def has(self, column: str) -> bool:
        return column in self.values


def _has_data(cells: Sequence[Any]) -> bool:
    """True when any cell holds more than spaces (stops at the first one, usually the first cell)."""
    for c in cells:
        if c is None or c == "":
            continue
        if type(c) is str and not c.strip():
            continue
        return True
    return False


# Danish column names, as the tracker writes its Danish labels: accepted wherever the English name is.
# A name may stand for several columns (frist: an initiative's deadline, a milestone's or period's due date);
# the sheet's own columns decide which.
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "kode": ("code",),
    "titel": ("title", "title_da"),
    "titel_da": ("title_da",),
    "titel_en": ("title_en",),
    "navn": ("name", "name_da"),
    "navn_da": ("name_da",),
    "navn_en": ("name_en",),
    "art": ("kind",),
    "type": ("kind",),
    "kontakt_email": ("contact_email",),
    "e_mail": ("contact_email",),
    "indsatsområde": ("focus_area",),
    "fokusområde": ("focus_area",),
    "beskrivelse": ("description",),
    "ansvarlig": ("lead", "responsible"),
    "ansvarlig_organisation": ("lead",),
    "partnere": ("partners",),
    "startdato": ("start",),
    "slut": ("end",),
    "slutdato": ("end",),
    "frist": ("deadline", "due"),
    "budget": ("budget_dkk",),
    "budget_kr": ("budget_dkk",),
    "kilde": ("source_url",),
    "initiativ": ("initiative",),
    "enhed": ("unit",),
    "retning": ("direction",),
    "basislinje": ("baseline",),
    "basisdato": ("baseline_date",),
    "kumulativ": ("cumulative",),
    "opdeling": ("disaggregation",),
    "indikator": ("indicator",),
    "periode": ("period",),
    "værdi": ("value",),
    "mål": ("value",),
    "milepæl": ("title",),
    "organisation": ("organisation",),
    "beretning": ("narrative",),
    "fremdrift": ("narrative",),
    "næste_skridt": ("next_steps",),
    "risici": ("risks",),
    "forklaring": ("explanation",),
    "forbrug": ("spent_dkk",),
    "forbrugt_kr": ("spent_dkk",),
    "kategori": ("category",),
    "kommentar": ("comment",),
    "omfang": ("scope",),
    "sekretariat": ("secretariat",),
    "formandskab_sekretariat": ("secretariat",),
    "møder_pr_år": ("meetings_per_year",),
    "møder_pr._år": ("meetings_per_year",),
    "møder_om_året": ("meetings_per_year",),
    "mødefrekvens": ("meetings_per_year",),
    "mødefrekvens_note": ("cadence_note",),
    "medlemmer": ("members",),
    "initiativer": ("initiatives",),
    "fulgte_initiativer": ("initiatives",),
}
# How far down a header row put below a title is still recognised (to say where it is, not to read it).
_HEADER_SEARCH_ROWS = 10


def canonical_column(raw: Any, columns: Iterable[str]) -> str:
    """The sheet's column a header names (English or Danish, case and spaces ignored), or its plain form."""
    name = header(raw)
    known = set(columns)
    if name in known:
        return name
    for candidate in COLUMN_ALIASES.get(name, ()):
        if candidate in known:
            return candidate
    return name


def _looks_like(name: str, columns: Iterable[str]) -> str | None:
    import difflib

    found = difflib.get_close_matches(name, list(columns), n=1, cutoff=0.8)
    return found[0] if found else None


def read_rows(
    sheet: str,
    grid: Sequence[Sequence[Any]],
    columns: Sequence[str],
    required: Iterable[str],
    errors: list[SheetError],
    *,
    header_row: int = 1,
    warnings: list[SheetError] | None = None,
) -> list[SheetRow]:
    """The data rows of a sheet whose first row holds the headers (case and spaces ignored; Danish names too).

    Missing required columns and duplicate columns are errors; empty rows are skipped; a column that is
    absent (and not required) is simply not in `SheetRow.values`. A column the sheet does not use is an
    error, or, when `warnings` is given, reported there as ignored (a person's own notes column) unless its
    name is a near miss of a column of the sheet (then it is an error naming that column). Headers found
    further down than the header row are an error saying where they are.
    """
    if len(grid) < header_row:
        errors.append(
            SheetError(
                sheet,
                header_row,
                "",
                "missing-header",
                f"Sheet {sheet!r} has no header row: put the column names ({', '.join(columns)}) on row {header_row}.",
            )
        )
        return []
    known = set(columns)
    heads_found = [canonical_column(raw, columns) for raw in grid[header_row - 1]]
    if not known.intersection(heads_found):
        for offset, cells in enumerate(grid[header_row : header_row + _HEADER_SEARCH_ROWS]):
            if len(known.intersection(canonical_column(raw, columns) for raw in cells)) >= 2:
                number = header_row + 1 + offset
                errors.append(
                    SheetError(
                        sheet,
                        number,
                        "",
                        "header-not-on-first-row",
                        f"The column names of {sheet!r} are on row {number}; they must be on row {header_row}: "
                        f"delete the rows above them (or move a title to a cell comment).",
                        f"A{number}",
                    )
                )
                return []
    positions: dict[str, int] = {}
    for index, raw in enumerate(grid[header_row - 1]):
        name = heads_found[index]
        letter = get_column_letter(index + 1)
        if not name:
            continue
        if name not in known:
            near = _looks_like(name, [c for c in columns if c not in heads_found])
            if warnings is not None and near is None:
                warnings.append(
                    SheetError(
                        sheet,
                        header_row,
                        str(text(raw)),
                        "ignored-column",
                        f"Column {text(raw)!r} in {sheet!r} is not one the tracker reads; it was ignored "
                        f"(the columns are: {', '.join(columns)}).",
                        f"{letter}{header_row}",
                    )
                )
                continue
            hint = f" Did you mean {near!r}?" if near else ""
            errors.append(
                SheetError(
                    sheet,
                    header_row,
                    str(text(raw)),
                    "unknown-column",
                    f"Unknown column {text(raw)!r} in {sheet!r}; the columns are: {', '.join(columns)}.{hint}",
                    f"{letter}{header_row}",
                )
            )
            continue
        if name in positions:
            errors.append(
                SheetError(
                    sheet,
                    header_row,
                    name,
                    "duplicate-column",
                    f"Column {name!r} appears twice.",
                    f"{letter}{header_row}",
                )
            )
            continue
        positions[name] = index
    for name in required:
        if name not in positions:
            errors.append(
                SheetError(
                    sheet,
                    header_row,
                    name,
                    "missing-column",
                    f"Sheet {sheet!r} needs a column {name!r}: add it on row {header_row} (the columns are: "
                    f"{', '.join(columns)}).",
                )
            )
    letters = {name: get_column_letter(index + 1) for name, index in positions.items()}
    used = set(positions.values())
    heads = grid[header_row - 1]
    rows: list[SheetRow] = []
    width = max(len(heads), max((len(r) for r in grid), default=0))
    names = list(positions)
    getter = itemgetter(*positions.values()) if positions else None
    # Header-less columns (known columns and unknown ones already reported are not checked per row).
    unheaded = [i for i in range(width) if i not in used and (i >= len(heads) or is_empty(heads[i]))]
    for offset, cells in enumerate(grid[header_row:]):
        if not _has_data(cells):
            continue
        number = header_row + 1 + offset
        if getter is None:
            values: dict[str, Any] = {}
        elif len(cells) >= width:
            picked = getter(cells)
            values = dict(zip(names, picked if len(names) > 1 else (picked,), strict=True))
        else:
            values = {name: (cells[index] if index < len(cells) else None) for name, index in positions.items()}
        # Cells outside every known column that still hold data are not silently dropped.
        for index in unheaded:
            if index < len(cells) and not is_empty(cells[index]):
                letter = get_column_letter(index + 1)
                errors.append(
                    SheetError(
                        sheet,
                        number,
                        letter,
                        "no-header",
                        "This cell has data but its column has no header.",
                        f"{letter}{number}",
                    )
                )
        rows.append(SheetRow(sheet, number, values, letters))
    return rows
