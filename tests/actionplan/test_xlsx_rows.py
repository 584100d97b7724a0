"""The analyst's sheets' rows, written as XML text, read back as openpyxl's own cell writer wrote them."""

import io
from datetime import UTC, date, datetime

from openpyxl import Workbook, load_workbook

from reports.render_xlsx import DATE_FORMAT, _Styles, _write_block

FORMATS: list[str | None] = [None, DATE_FORMAT, "#,##0", "0.0%", None]
ROWS = [
    ["plain text", date(2025, 7, 1), 1234.5, 0.125, 3],
    ['=HYPERLINK("http://evil")', datetime(2025, 7, 1, 12, 30), 7, 1, 2.5],
    ["+SUM(A1:A9)", datetime(2025, 7, 1, 12, 30, tzinfo=UTC), None, None, True],
    ["-1 plads", None, 0, 0.0, False],
    ["@risk", date(1900, 2, 1), -3, -0.5, 1e-7],
    ["\ttab first", date(2025, 1, 1), 12345678901234567, 1 / 3, 10**20],
    [" spaces around ", None, None, None, ""],
    ["Køge & <Århus> \"citat\" 'x'", None, None, None, "line\r\nbreak\nnext"],
    ["control\x01\x0bcharacters", None, None, None, "x" * 40_000],
    ["", None, None, None, None],
]


def _as_openpyxl_wrote_them(rows: list[list[object]]) -> bytes:
    """The same sheet through openpyxl's write-only cells, as render_xlsx wrote it before (the reference)."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("data")
    styles = _Styles(ws)
    ws.append(["a", "b", "c", "d", "e"])
    for row in rows:
        out = []
        for value, number_format in zip(row, FORMATS, strict=True):
            if isinstance(value, bool) or value is None or (isinstance(value, (int, float)) and number_format is None):
                out.append(value)
            elif isinstance(value, (int, float, date, datetime)):
                out.append(styles.cell(value, number_format=number_format or DATE_FORMAT))
            else:
                out.append(styles.cell(value))
        ws.append(out)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _written_as_xml(rows: list[list[object]]) -> bytes:
    wb = Workbook(write_only=True)
    _write_block(wb.create_sheet("data"), "data", ["a", "b", "c", "d", "e"], rows, [10] * 5, FORMATS)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _cells(content: bytes) -> list[list[tuple[object, ...]]]:
    ws = load_workbook(io.BytesIO(content))["data"]
    return [
        [(c.value, type(c.value), c.data_type, c.number_format, c.quotePrefix) for c in row]
        for row in ws.iter_rows(min_row=2)
    ]


def test_rows_read_back_with_the_values_types_and_formats_openpyxl_wrote():
    assert _cells(_written_as_xml(ROWS)) == _cells(_as_openpyxl_wrote_them(ROWS))


def test_text_that_looks_like_a_formula_or_an_error_stays_text():
    ws = load_workbook(io.BytesIO(_written_as_xml([["=1+1", None, None, None, "#N/A"]])))["data"]
    formula, error = ws["A2"], ws["E2"]
    assert (formula.value, formula.data_type, formula.quotePrefix) == ("=1+1", "s", True)
    assert (error.value, error.data_type) == ("#N/A", "s")


def test_an_empty_block_keeps_its_header_and_one_blank_row():
    ws = load_workbook(io.BytesIO(_written_as_xml([])))["data"]
    assert [c.value for c in ws[1]] == ["a", "b", "c", "d", "e"]
    assert ws.tables["T_data"].ref == "A1:E2"
