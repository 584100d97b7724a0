"""No user text becomes a formula in any xlsx or CSV the tracker writes."""

import csv
import io
import zipfile

import openpyxl
import pytest

from actionplan.xlsx_safe import csv_safe, write_text_cell

PAYLOADS = ['=HYPERLINK("http://x.invalid","klik")', "+1+2", "-2+3", "@SUM(1,2)", "\t=1+1", "\r=1+1", "plain"]


def test_formula_like_text_is_written_as_text_with_a_quote_prefix():
    workbook = openpyxl.Workbook()
    ws = workbook.active
    assert ws is not None
    for row, payload in enumerate(PAYLOADS, start=1):
        write_text_cell(ws, row, 1, payload)
    buffer = io.BytesIO()
    workbook.save(buffer)
    sheet = zipfile.ZipFile(io.BytesIO(buffer.getvalue())).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet
    reread = openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).active
    assert reread is not None
    for row, payload in enumerate(PAYLOADS, start=1):
        cell = reread.cell(row, 1)
        assert cell.data_type == "s"
        assert cell.value == payload.replace("\r", "\n") or cell.value == payload
        assert cell.quotePrefix is (payload != "plain")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_csv_fields_that_could_be_formulas_get_an_apostrophe_and_round_trip(payload):
    buffer = io.StringIO()
    csv.writer(buffer).writerow([csv_safe(payload), "a,b", 'say "hi"'])
    row = next(csv.reader(io.StringIO(buffer.getvalue())))
    assert row[0] == (payload if payload == "plain" else "'" + payload)
    assert row[1:] == ["a,b", 'say "hi"']
