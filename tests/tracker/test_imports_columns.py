"""A values sheet read as columns (tracker.imports.columns) reads exactly as its cells do: the same rows, row
numbers, cell letters, values, errors, warnings and counts, on the same bytes, and the same annotated copy."""

import io
import pickle
import re
import zipfile
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from typing import Any

import openpyxl
import polars as pl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.utils import coordinate_to_tuple
from sqlmodel import Session, col, select

from actionplan.models import Initiative, Organisation
from tracker.auth.models import Role
from tracker.auth.service import Principal
from tracker.errors import TrackerError
from tracker.imports import columns as columns_module
from tracker.imports.parse import (
    REPORT_COLUMNS,
    REPORTS_SHEET,
    VALUE_COLUMNS,
    VALUES_SHEET,
    Grids,
    ReadAsColumns,
    cells_of,
)
from tracker.imports.reading import InProcess, Prepared, read_workbook
from tracker.imports.service import run_import
from tracker.imports.templates import progress_template
from tracker.imports.transactions import savepoints

PERIOD = "2025-H2"
NOW = datetime(2025, 12, 1, 9, 0, tzinfo=UTC)
ROW = ["2025-H2", "MH22-2.1", "MH22-2.1-I1", "Indikator", "personer", "total", 12.0, ""]


def book(
    rows: Sequence[Sequence[Any]],
    *,
    header: Sequence[Any] = VALUE_COLUMNS,
    at: str = "A1",
    edit: Callable[[Any], None] | None = None,
    patch: tuple[bytes, bytes] | None = None,
) -> bytes:
    """A progress template with one report row and the given value rows (header and rows placed from `at`)."""
    workbook = openpyxl.Workbook()
    reports = workbook.active
    assert reports is not None
    reports.title = REPORTS_SHEET
    reports.append(REPORT_COLUMNS)
    reports.append(["2025-H2", "REDEN", "MH22-2.1", "Rådgivning", "Planmæssigt", "Fremdrift", "", "", "", 1000.0])
    values = workbook.create_sheet(VALUES_SHEET)
    row0, column0 = coordinate_to_tuple(at)
    for r, cells in enumerate([header, *rows]):
        for c, value in enumerate(cells):
            if value is not None:
                values.cell(row0 + r, column0 + c, value)
    if edit is not None:
        edit(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = buffer.getvalue()
    return data if patch is None else _patched(data, *patch)


def _patched(data: bytes, old: bytes, new: bytes) -> bytes:
    """The workbook with `old` replaced by `new` in its values sheet's XML (for cells openpyxl will not write)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet2.xml":
                assert old in part
                part = part.replace(old, new)
            target.writestr(info, part)
    return out.getvalue()


_INLINE = re.compile(
    rb'<c r="([A-Z]+[0-9]+)"((?: s="[0-9]+")?) t="inlineStr"><is><t(?: xml:space="preserve")?>(.*?)</t></is></c>'
)


def shared_strings(data: bytes) -> bytes:
    """The workbook with its plain inline strings moved to a shared-strings table, as Excel writes them."""
    source = zipfile.ZipFile(io.BytesIO(data))
    texts: dict[bytes, int] = {}

    def shared(match: re.Match[bytes]) -> bytes:
        index = texts.setdefault(match.group(3), len(texts))
        return b'<c r="%s"%s t="s"><v>%d</v></c>' % (match.group(1), match.group(2), index)

    parts = {info.filename: source.read(info.filename) for info in source.infolist()}
    for name in [n for n in parts if n.startswith("xl/worksheets/sheet")]:
        parts[name] = _INLINE.sub(shared, parts[name])
    items = b"".join(b'<si><t xml:space="preserve">%s</t></si>' % t for t in texts)
    parts["xl/sharedStrings.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main" count="%d" uniqueCount="%d">%s</sst>' % (len(texts), len(texts), items)
    )
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        b'spreadsheetml.sharedStrings+xml"/></Types>',
    )
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdShared" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, part in parts.items():
            target.writestr(name, part)
    return out.getvalue()


def row(**changes: Any) -> list[Any]:
    cells = dict(zip(VALUE_COLUMNS, ROW, strict=True)) | changes
    return [cells[name] for name in VALUE_COLUMNS]


def many(count: int, **changes: Any) -> list[list[Any]]:
    return [row(indicator=f"MH22-2.1-I{n}", value=float(n), **changes) for n in range(1, count + 1)]


def read(data: bytes, *, as_columns: bool) -> tuple[Prepared, Grids] | str:
    try:
        return read_workbook(
            data, "v.xlsx", Role.REPORTER, max_bytes=10**8, tick=lambda *_: None, as_columns=as_columns
        )
    except TrackerError as refused:
        return f"{type(refused).__name__}: {refused}"


def read_both(data: bytes) -> tuple[Prepared, Grids, bool] | str:
    """Both readings of the same bytes, asserted equal; the columns' reading, and whether it read as columns."""
    fast, slow = read(data, as_columns=True), read(data, as_columns=False)
    if isinstance(slow, str):
        assert fast == slow
        return slow
    assert not isinstance(fast, str)
    (prepared, grids), (expected, expected_grids) = fast, slow
    assert prepared == expected
    assert prepared.progress is not None
    assert expected.progress is not None
    assert prepared.progress.values == expected.progress.values
    assert [v.row.letters for v in prepared.progress.values] == [v.row.letters for v in expected.progress.values]
    assert prepared.rows == expected.rows
    assert prepared.errors == expected.errors
    assert prepared.warnings == expected.warnings
    assert list(grids) == list(expected_grids)
    # What the annotated copy reads: the same cells, read when asked for.
    assert cells_of(b"", expected_grids) == expected_grids
    assert cells_of(_data_for(grids, data), grids) == expected_grids
    # What a worker process sends back arrives whole.
    assert pickle.loads(pickle.dumps(prepared)) == expected
    return prepared, grids, isinstance(grids.get(VALUES_SHEET), ReadAsColumns)


def _data_for(grids: Grids, data: bytes) -> bytes:
    return data if any(isinstance(g, ReadAsColumns) for g in grids.values()) else b""


def as_columns(data: bytes) -> bool:
    both = read_both(data)
    assert not isinstance(both, str), both
    return both[2]


def _merge(ws: Any) -> None:
    ws.merge_cells("H2:H3")


def _formula(ws: Any) -> None:
    ws["G3"] = "=1+1"


# (id, workbook, read as columns? None: refused as a whole, the same way)
CASES: list[tuple[str, Callable[[], bytes], bool | None]] = [
    ("clean", lambda: book(many(30)), True),
    ("header-only", lambda: book([]), True),
    ("numbers-as-text", lambda: book([*many(3), row(indicator="X", value="1.234,5")]), False),
    ("all-numbers-as-text", lambda: book([row(value="7,5"), row(indicator="X", value="2.5")]), False),
    ("negative", lambda: book([*many(3), row(indicator="X", value=-3.0)]), False),
    (
        "empty-values-skipped",
        lambda: book([*many(3), row(indicator="X", value=None), row(indicator="Y", value=0.0)]),
        True,
    ),
    ("no-value-at-all", lambda: book([row(value=None), row(indicator="X", value=None)]), True),
    (
        "total-labels",
        lambda: book(
            [
                row(category="I alt"),
                row(indicator="B", category="total"),
                row(indicator="C", category=None),
                row(indicator="D", category=" TOTAL "),
                row(indicator="E", category="køn:kvinder"),
            ]
        ),
        True,
    ),
    ("total-twice", lambda: book([row(category="I alt"), row(category="total")]), False),
    (
        "white-space",
        lambda: book(
            [
                row(period=" 2025-H2", initiative="MH22-2.1 ", indicator="\u00a0X\u2003", comment="  "),
                row(indicator="_x001C_Y_x001F_", comment=" note\t"),
                row(indicator="Z", name="   ", unit="\u3000"),
                row(indicator="W", category="køn:mænd\n"),
            ]
        ),
        True,
    ),
    ("white-space-only-key", lambda: book([*many(2), row(indicator="   ")]), False),
    ("nul-escape", lambda: book([row(comment="a_x0000_b"), row(indicator="X_x0000_", comment="_x0000_")]), True),
    ("duplicates", lambda: book([*many(3), row(indicator="MH22-2.1-I2", value=9.0)]), False),
    ("duplicate-after-stripping", lambda: book([row(indicator="X"), row(indicator=" X ")]), False),
    ("extra-column", lambda: book([[*row(), "mine"]], header=[*VALUE_COLUMNS, "noter"]), False),
    ("data-without-header", lambda: book([[*row(), "mine"]]), False),
    (
        "missing-optional-columns",
        lambda: book(
            [r[:3] + r[5:7] for r in many(4)], header=["period", "initiative", "indicator", "category", "value"]
        ),
        True,
    ),
    (
        "missing-required-column",
        lambda: book([r[:5] + r[6:] for r in many(4)], header=[c for c in VALUE_COLUMNS if c != "category"]),
        False,
    ),
    (
        "reordered-columns",
        lambda: book([list(reversed(r)) for r in many(4)], header=list(reversed(VALUE_COLUMNS))),
        True,
    ),
    (
        "danish-header",
        lambda: book(
            many(3), header=["Periode", "Initiativ", "Indikator", "Navn", "Enhed", "Kategori", "Værdi", "Kommentar"]
        ),
        True,
    ),
    ("header-with-spaces", lambda: book(many(3), header=[*VALUE_COLUMNS[:6], "value ", "comment"]), False),
    ("duplicate-header", lambda: book([[*r, 1.0] for r in many(2)], header=[*VALUE_COLUMNS, "value"]), False),
    ("header-at-A2", lambda: book(many(3), at="A2"), False),
    ("header-at-B1", lambda: book(many(3), at="B1"), False),
    ("merged-cells", lambda: book(many(3), edit=_merge), None),
    ("formula", lambda: book(many(3), edit=_formula), False),
    (
        "int-and-float",
        lambda: book([row(value=5), row(indicator="X", value=5.0), row(indicator="Y", value=2**53 + 1)]),
        True,
    ),
    ("date-value", lambda: book([*many(2), row(indicator="X", value=date(2025, 1, 1))]), False),
    ("date-comment", lambda: book([*many(2), row(indicator="X", comment=datetime(2025, 1, 1, 12, 0))]), False),
    ("boolean-value", lambda: book([*many(2), row(indicator="X", value=True)]), False),
    ("number-as-period", lambda: book([row(period=2025.0)]), False),
    ("cpr-in-comment", lambda: book([*many(2), row(indicator="X", comment="Borger 010190-1234 henvist")]), False),
    ("cpr-in-name", lambda: book([row(name="0101901234")]), False),
    ("ten-digits-not-cpr", lambda: book([row(comment="Tlf. 12 34 56 78 90 12, konto 99999999999")]), True),
    ("long-text", lambda: book([row(comment="æ" * 32_000), row(indicator="X", comment="y" * 2001)]), True),
    (
        "blank-rows-in-the-middle",
        lambda: book([*many(2), [None] * 8, ["  ", None, "", None, None, None, None, None], *many(5)[3:]]),
        True,
    ),
    (
        "blank-rows-after-the-header",
        lambda: book([[None] * 8, [None, " ", None, None, None, None, None, None], *many(3)]),
        True,
    ),
    ("header-only-then-blank", lambda: book([[None] * 8], edit=lambda ws: ws.cell(5, 2, "")), True),
    (
        "data-only-in-name",
        lambda: book([*many(2), row(period=None, initiative=None, indicator=None, category=None, value=None)]),
        True,
    ),
    ("missing-key", lambda: book([*many(2), row(indicator="X", period=None)]), False),
    ("trailing-blank-rows", lambda: book([*many(3), [None] * 8], edit=lambda ws: ws.cell(40, 3, " ")), True),
    (
        "styled-empty-A1",
        lambda: book(many(2), at="A2", edit=lambda ws: setattr(ws["A1"], "number_format", "0.00")),
        False,
    ),
    ("empty-string-A1", lambda: book(many(2), patch=(b"<t>period</t>", b"<t></t>")), False),
    ("carriage-return-escape", lambda: book([row(comment="a_x000D_b"), row(indicator="X_x000D_")]), True),
    (
        "shared-formula-like-text",
        lambda: book([row(comment="=SUM(A1)")], edit=lambda ws: setattr(ws["H2"], "data_type", "s")),
        True,
    ),
]


@pytest.mark.parametrize(("build", "columns"), [pytest.param(b, c, id=i) for i, b, c in CASES])
def test_the_values_sheet_reads_the_same_as_columns_as_cell_by_cell(build, columns):
    if columns is None:
        assert isinstance(read_both(build()), str)
    else:
        assert as_columns(build()) is columns


@pytest.mark.parametrize(("build", "columns"), [pytest.param(b, c, id=i) for i, b, c in CASES if c is not None])
def test_shared_strings_read_the_same_as_columns_as_cell_by_cell(build, columns):
    data = shared_strings(build())
    assert b"sharedStrings" in data
    assert as_columns(data) is columns


def test_rich_text_reads_the_same_as_columns_as_cell_by_cell():
    def rich(ws: Any) -> None:
        ws["H2"] = CellRichText(["Optalt ", TextBlock(InlineFont(b=True), "ved"), " årets udgang"])

    assert as_columns(book(many(2), edit=rich))
    assert as_columns(shared_strings(book(many(2), edit=rich)))


def test_a_refused_workbook_is_refused_the_same_way():
    merged = book(many(3), edit=_merge)
    assert (
        read_both(merged)
        == read(merged, as_columns=False)
        == ("ImportRejected: Sheet 'Indikatorer' has merged cells (H2:H3); unmerge them and try again.")
    )
    too_wide = book([[*row(), *[None] * 60, "x"]])
    assert isinstance(read_both(too_wide), str)


def test_a_synthetic_template_with_thousands_of_rows_reads_as_columns():
    rows = [
        [PERIOD, f"B-{n:05d}", f"B-{n:05d}-I{k}", f"Indikator {k}", "personer", category, float(n + k), ""]
        for n in range(1, 101)
        for k in range(1, 11)
        for category in ["total", "group:a", "group:b", "group:c", "group:d"]
    ]
    assert as_columns(book(rows))


def test_the_comparison_fails_when_the_column_reading_differs(monkeypatch):
    """The guard itself: a column reading that changed one value would not pass as the same."""
    original = columns_module.clean_values

    def off_by_one(sheet: str, frame: pl.DataFrame) -> Any:
        return original(sheet, frame.with_columns(pl.col("value") + 1))

    monkeypatch.setattr(columns_module, "clean_values", off_by_one)
    with pytest.raises(AssertionError):
        as_columns(book(many(3)))


def test_text_stripping_covers_every_character_python_strips():
    spaces = [chr(c) for c in range(0x110000) if chr(c).isspace()]
    matched = pl.Series([f"{s}x" for s in spaces] + [f"x{s}" for s in spaces]).str.contains(columns_module.NOT_AS_IS)
    assert matched.all()
    assert not pl.Series(["x", "a b", "æ-ø"]).str.contains(columns_module.NOT_AS_IS).any()


# ------------------------------------------------------------------------------------- through the database


def _lead_templates(session: Session) -> list[tuple[str, bytes]]:
    leads = session.exec(
        select(Organisation.code).join(Initiative, col(Initiative.lead_id) == col(Organisation.id)).distinct()
    ).all()
    return [(code, progress_template(session, PERIOD, code)) for code in sorted(leads)]


def _filled(data: bytes, *, unknown: bool) -> bytes:
    """The template with every value filled in (a Danish decimal text for one), one initiative unknown if asked."""
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    values = workbook[VALUES_SHEET]
    for n, cells in enumerate(values.iter_rows(min_row=2), start=1):
        cells[6].value = float(n) if n % 7 else f"{n},5"
    if unknown and values.max_row > 1:
        values["B2"] = "MH99-9.9"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _numbers_only(data: bytes, *, unknown: bool) -> bytes:
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    values = workbook[VALUES_SHEET]
    for n, cells in enumerate(values.iter_rows(min_row=2), start=1):
        cells[6].value = float(n)
    if unknown and values.max_row > 1:
        values["B2"] = "MH99-9.9"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _import(
    engine: Any, db_settings: Any, code: str, data: bytes, monkeypatch: pytest.MonkeyPatch, *, fast: bool
) -> Any:
    with monkeypatch.context() as patch:
        if not fast:
            patch.setattr("tracker.imports.reading.read_columns", lambda *_args: {})
        with Session(engine, expire_on_commit=False) as session:
            organisation = session.exec(select(Organisation).where(Organisation.code == code)).one()
            assert organisation.id is not None
            principal = Principal(0, organisation.id, code, Role.REPORTER)
            with InProcess() as reader:
                result, annotated = run_import(
                    savepoints(session),
                    principal,
                    data,
                    "t.xlsx",
                    dry_run=True,
                    submit=False,
                    now=NOW,
                    settings=db_settings,
                    reader=reader,
                )
                kinds = {name: type(grid).__name__ for name, grid in reader.grids.items()}
            session.rollback()
    result.batch_id = None
    cells = None
    if annotated is not None:
        copy = openpyxl.load_workbook(io.BytesIO(annotated))
        cells = {
            ws.title: [[(c.value, c.comment.text if c.comment else None) for c in r] for r in ws.iter_rows()]
            for ws in copy.worksheets
        }
    return result, cells, kinds


@pytest.mark.usefixtures("plan_loaded")
@pytest.mark.parametrize("unknown", [False, True], ids=["valid", "unknown-initiative"])
def test_every_demo_template_imports_the_same_read_as_columns(engine, db_settings, monkeypatch, unknown):
    with Session(engine) as session:
        templates = _lead_templates(session)
    assert templates
    read_as_columns = 0
    for code, template in templates:
        for fill in (_filled, _numbers_only):
            data = fill(template, unknown=unknown)
            fast, fast_cells, kinds = _import(engine, db_settings, code, data, monkeypatch, fast=True)
            slow, slow_cells, _ = _import(engine, db_settings, code, data, monkeypatch, fast=False)
            assert fast == slow, code
            assert fast_cells == slow_cells, code
            read_as_columns += kinds.get(VALUES_SHEET) == "ReadAsColumns"
            if unknown:
                assert fast.errors
                assert fast_cells is not None
    assert read_as_columns >= len(templates)
