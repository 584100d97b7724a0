"""Hostile uploads: each gets a clear 4xx problem+json within 2 s, memory stays bounded, and the database
is unchanged (not even an import batch is recorded)."""

import hashlib
import re
import resource
from typing import NoReturn

import httpx
import openpyxl
import pytest
from sqlalchemy import Engine, text

from tests.fixture_types import Client
from tests.tracker import hostile_xlsx as h
from tracker.imports import safety
from tracker.models import metadata
from tracker.settings import Settings

pytestmark = pytest.mark.usefixtures("plan_loaded")
PROBLEM = "application/problem+json"


def whole_database(engine: Engine) -> str:
    """A hash of every table but api_token (whose last_used_at moves on each request)."""
    digest = hashlib.sha256()
    with engine.connect() as connection:
        for table in metadata.sorted_tables:
            if table.name == "api_token":
                continue
            rows = connection.execute(text(f'SELECT * FROM "{table.name}"')).all()
            digest.update(table.name.encode() + repr(sorted(map(repr, rows))).encode())
    return digest.hexdigest()


def upload(
    client: Client, headers: dict[str, str], data: bytes, name: str = "upload.xlsx", query: str = "?dry_run=false"
) -> httpx.Response:
    return client.post(f"/imports{query}", files={"file": (name, data, "application/octet-stream")}, headers=headers)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


HOSTILE = [
    pytest.param(h.billion_laughs, 422, "import-rejected", "entity declarations", id="billion-laughs-sheet"),
    pytest.param(h.billion_laughs_in_shared_strings, 422, "import-rejected", "entity", id="billion-laughs-strings"),
    pytest.param(h.external_entity, 422, "import-rejected", "entity declarations", id="external-entity"),
    pytest.param(lambda: h.zip_bomb_total(110), 422, "import-rejected", "expands to", id="zip-bomb-total"),
    pytest.param(h.zip_bomb_ratio, 422, "import-rejected", "compression ratio", id="zip-bomb-ratio"),
    pytest.param(h.lying_sizes, 422, "import-rejected", "damaged", id="lying-zip-sizes"),
    pytest.param(h.many_members, 422, "import-rejected", "parts", id="too-many-members"),
    pytest.param(lambda: h.many_rows(200_000), 422, "import-rejected", "more than 50,000 rows", id="huge-sheet"),
    pytest.param(
        lambda: h.lying_dimension(60_000), 422, "import-rejected", "more than 50,000 rows", id="lying-dimension"
    ),
    pytest.param(lambda: h.far_cell("XFD1048576"), 422, "import-rejected", "at most 52 columns", id="far-corner-cell"),
    pytest.param(lambda: h.far_cell("A1048576"), 422, "import-rejected", "more than 50,000 rows", id="far-row-cell"),
    pytest.param(h.sheet_under_another_name, 422, "import-rejected", "at most 52 columns", id="sheet-renamed-part"),
    pytest.param(h.cells_without_references, 422, "import-rejected", "without a reference", id="cells-without-refs"),
    pytest.param(h.with_macros, 415, "macro-enabled-workbook", "Macro", id="vba-project"),
    pytest.param(h.macro_content_type, 415, "macro-enabled-workbook", "Macro", id="xlsm-content-type"),
    pytest.param(lambda: h.CSV, 415, "not-an-xlsx-workbook", "not an xlsx", id="csv-renamed"),
    pytest.param(lambda: h.PDF, 415, "not-an-xlsx-workbook", "not an xlsx", id="pdf-renamed"),
    pytest.param(lambda: h.OLD_XLS, 415, "not-an-xlsx-workbook", ".xls", id="old-xls"),
    pytest.param(h.docx_like, 415, "not-an-xlsx-workbook", "xlsx", id="word-document"),
    pytest.param(lambda: bytes(range(256)) * 64, 415, "not-an-xlsx-workbook", "not an xlsx", id="random-bytes"),
]


@pytest.mark.parametrize(("build", "status", "problem", "detail"), HOSTILE)
def test_hostile_file_is_refused_before_any_parser_with_memory_bounded_and_nothing_stored(
    client, engine, make_headers, monkeypatch, build, status, problem, detail
):
    data = build()
    headers = make_headers("CMM", "secretariat")
    before = whole_database(engine)

    def parser_must_not_run(*_args: object, **_kwargs: object) -> NoReturn:
        raise AssertionError("a spreadsheet parser saw a file the raw checks should have refused")

    monkeypatch.setattr("tracker.imports.reading.read_grids", parser_must_not_run)
    start_peak = peak_mb()
    response = upload(client, headers, data)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body = response.json()
    assert body["type"].endswith("/" + problem)
    assert detail.lower() in body["detail"].lower()
    assert peak_mb() - start_peak < 200
    assert whole_database(engine) == before


def test_external_entity_content_never_reaches_the_answer(client, make_headers):
    response = upload(client, make_headers("CMM", "secretariat"), h.external_entity())
    assert response.status_code == 422
    assert "root:" not in response.text


def test_a_file_over_the_size_limit_is_413(client, make_headers, engine):
    headers = make_headers("CMM", "secretariat")
    before = whole_database(engine)
    response = upload(client, headers, b"PK\x03\x04" + bytes(Settings().import_max_bytes + 1024))
    assert response.status_code == 413
    assert response.headers["content-type"].startswith(PROBLEM)
    assert whole_database(engine) == before


def test_a_macro_file_name_is_refused_before_reading(client, make_headers):
    response = upload(client, make_headers("CMM", "secretariat"), h.plain_xlsx(), name="plan.xlsm")
    assert response.status_code == 415
    assert "macro" in response.json()["detail"].lower()


def test_imports_refuse_to_run_without_defusedxml(client, make_headers, monkeypatch):
    monkeypatch.setattr(openpyxl, "DEFUSEDXML", False)
    response = upload(client, make_headers("CMM", "secretariat"), h.plain_xlsx())
    assert response.status_code == 503
    assert "defusedxml" in response.json()["detail"]


def test_defusedxml_is_active_in_this_installation():
    assert openpyxl.DEFUSEDXML is True


def test_raw_checks_count_rows_whatever_the_dimension_claims():
    inspection = safety.inspect_xlsx(h.lying_dimension(1_000), max_bytes=Settings().import_max_bytes)
    assert inspection.sheets[0].rows == 1_000


def test_merged_cells_are_refused_with_their_range(client, make_headers):
    workbook = openpyxl.Workbook()
    ws = workbook.active
    assert ws is not None
    ws.title = "Rapporter"
    ws.append(["period", "initiative", "status"])
    ws.append(["2025-H2", "MH22-2.1", "on_track"])
    ws.merge_cells("A1:B1")
    import io

    buffer = io.BytesIO()
    workbook.save(buffer)
    response = upload(client, make_headers("REDEN", "reporter"), buffer.getvalue())
    assert response.status_code == 422
    assert "A1:B1" in response.json()["detail"]


def test_the_uploaded_file_name_is_only_a_label(client, make_headers, engine, tmp_path):
    exported = client.get("/plans/mh-2022-2025/workbook", headers=make_headers("CMM", "secretariat")).content
    response = upload(client, make_headers("CMM", "secretariat"), exported, name="../../../etc/evil.xlsx")
    assert response.status_code == 200
    batch = client.get(f"/imports/{response.json()['id']}", headers=make_headers("CMM", "secretariat")).json()
    assert batch["filename"] == "../../../etc/evil.xlsx"
    assert "annotated_url" in batch


def _long_sheet(odd_row: str) -> bytes:
    """A sheet of ~9 MB (three of the scan's windows) with one unusual row near its end."""
    filler = "".join(
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>{"x" * 400}</t></is></c><c r="B{n}"><v>{n}</v></c></row>'
        for n in range(1, 20_001)
    )
    return f"<worksheet {h.NS}><sheetData>{filler}{odd_row}</sheetData></worksheet>".encode()


@pytest.mark.parametrize(
    ("odd_row", "found"),
    [
        ('<row r="20001"><c r="C20001"><f>1+1</f><v>2</v></c></row>', lambda s: s.formula_cells == ["C20001"]),
        ('<row r="20001"><c r="C20001" t="e"><v>#REF!</v></c></row>', lambda s: s.error_cells == ["C20001"]),
        ('<row r="20001"><c r="A20001"><v>1</v></c></row><row/>', lambda s: s.rows == 20_002),
        ('<row r="20001"><c r="BA20001"><v>1</v></c></row>', "column BA (cell BA20001)"),
        ('<row r="20001"><c><v>1</v></c></row>', "cells without a reference"),
        ('<row r="20001"><c r="A60000"><v>1</v></c></row>', "59,999 below the header"),
    ],
    ids=["formula", "error-cell", "row-count", "wide-column", "cell-without-reference", "far-row"],
)
def test_the_raw_scan_finds_what_lies_beyond_its_first_window(odd_row, found):
    sheet = _long_sheet(odd_row)
    assert len(sheet) > 2 * safety.WINDOW
    data = h.replace_member(h.plain_xlsx(), "xl/worksheets/sheet1.xml", sheet)
    if isinstance(found, str):
        with pytest.raises(safety.ImportRejected, match=re.escape(found)):
            safety.inspect_xlsx(data, max_bytes=50_000_000)
    else:
        assert found(safety.inspect_xlsx(data, max_bytes=50_000_000).sheets[0])


def test_dtd_beyond_the_first_window_is_refused():
    sheet = _long_sheet('<row r="20001"><c r="A20001"><v>1</v></c></row>').replace(
        b"</sheetData>", b'</sheetData><!ENTITY x "y">'
    )
    data = h.replace_member(h.plain_xlsx(), "xl/worksheets/sheet1.xml", sheet)
    with pytest.raises(safety.ImportRejected, match="entity declarations"):
        safety.inspect_xlsx(data, max_bytes=50_000_000)


def test_a_sheet_that_is_not_utf8_is_refused_not_a_server_error(client, make_headers, engine):
    sheet = f'<worksheet {h.NS}><sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1" t="inlineStr"><is><t>'
    data = h.replace_member(
        h.plain_xlsx(),
        "xl/worksheets/sheet1.xml",
        sheet.encode() + b"\xff\xfe</t></is></c></row></sheetData></worksheet>",
    )
    headers = make_headers("CMM", "secretariat")
    before = whole_database(engine)
    response = upload(client, headers, data)
    assert response.status_code == 422, response.text
    assert response.json()["type"].endswith("import-rejected")
    assert "cannot be read" in response.json()["detail"]
    assert whole_database(engine) == before
