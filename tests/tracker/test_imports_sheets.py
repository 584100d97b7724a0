"""No edit is dropped silently (issue 10, item 13): every sheet is read or named in a warning, Danish sheet
and column names are read, a missing sheet or a header below row 1 is named with what to do, and a notes
column is reported as ignored rather than refusing the file."""

import io

import httpx
import openpyxl
import pytest

from tests.fixture_types import Client
from tests.tracker.progress_support import PERIOD, REPORT_URL

pytestmark = pytest.mark.usefixtures("plan_loaded")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _upload(client: Client, headers: dict[str, str], workbook: openpyxl.Workbook, query: str = "") -> httpx.Response:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return client.post(f"/imports{query}", files={"file": ("x.xlsx", buffer.getvalue(), XLSX)}, headers=headers)


def _plan(client: Client, headers: dict[str, str]) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(client.get("/plans/mh-2022-2025/workbook", headers=headers).content))


DANISH = {
    "Milestones": "Milepæle",
    "Organisations": "Organisationer",
    "Initiatives": "Initiativer",
    "Periods": "Perioder",
    "FocusAreas": "Indsatsområder",
}


@pytest.mark.parametrize("sheet", list(DANISH))
def test_a_sheet_renamed_to_danish_is_still_read(client, make_headers, sheet):
    headers = make_headers("CMM", "secretariat")
    workbook = _plan(client, headers)
    workbook[sheet].title = DANISH[sheet]
    edit = {
        "Milestones": ("C2", "2031-01-31"),
        "Organisations": ("B2", "Nyt navn"),
        "Initiatives": ("C2", "Ny titel"),
        "Periods": ("D2", "2031-01-31"),
        "FocusAreas": ("B2", "Ny titel"),
    }[sheet]
    workbook[DANISH[sheet]][edit[0]] = edit[1]
    response = _upload(client, headers, workbook, "?dry_run=true")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["result"] == "dry-run"
    assert body["updated"] >= 1
    assert body["warnings"] == []


def test_danish_column_names_are_read(client, make_headers):
    headers = make_headers("CMM", "secretariat")
    workbook = _plan(client, headers)
    sheet = workbook["Milestones"]
    sheet["A1"], sheet["B1"], sheet["C1"] = "Initiativ", "Titel", "Frist"
    sheet["C2"] = "2031-01-31"
    response = _upload(client, headers, workbook, "?dry_run=true")
    assert response.status_code == 200, response.text
    assert response.json()["updated"] == 1


def test_an_extra_notes_column_is_reported_as_ignored_and_the_rest_imports(client, make_headers):
    headers = make_headers("REDEN", "reporter")
    data = client.get(f"/templates/progress?period={PERIOD}&organisation=REDEN", headers=headers).content
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    workbook["Rapporter"]["E2"] = "Planmæssigt"
    workbook["Rapporter"]["K1"] = "Mine noter"
    workbook["Rapporter"]["K2"] = "ring til Mette om tallet"
    response = _upload(client, headers, workbook)
    assert response.status_code == 200, response.text
    warnings = response.json()["warnings"]
    assert {(w["sheet"], w["cell"], w["code"]) for w in warnings if w["code"] == "ignored-column"} == {
        ("Rapporter", "K1", "ignored-column")
    }
    assert client.get(REPORT_URL, headers=headers).status_code == 200


def test_a_near_miss_of_a_column_name_is_an_error_naming_the_column(client, make_headers):
    headers = make_headers("REDEN", "reporter")
    data = client.get(f"/templates/progress?period={PERIOD}&organisation=REDEN", headers=headers).content
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    workbook["Rapporter"]["E2"] = "Planmæssigt"
    workbook["Rapporter"]["F1"] = "narative"
    response = _upload(client, headers, workbook)
    assert response.status_code == 422
    assert "Did you mean 'narrative'" in response.text


def test_a_header_below_the_first_row_is_named_with_what_to_do(client, make_headers):
    headers = make_headers("CMM", "secretariat")
    workbook = _plan(client, headers)
    workbook["Milestones"].insert_rows(1, 2)
    workbook["Milestones"]["A1"] = "Milepæle for handlingsplanen"
    response = _upload(client, headers, workbook, "?dry_run=true")
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert [(e["sheet"], e["code"], e["row"]) for e in errors] == [("Milestones", "header-not-on-first-row", 3)]
    assert "row 1" in errors[0]["message"]


def test_a_plan_workbook_without_its_initiatives_sheet_says_which_sheet(client, make_headers):
    headers = make_headers("CMM", "secretariat")
    workbook = _plan(client, headers)
    del workbook["Initiatives"]
    response = _upload(client, headers, workbook, "?dry_run=true")
    assert response.status_code == 422
    assert "'Initiatives'" in response.json()["detail"]
    assert "export the plan workbook" in response.json()["detail"]


def test_unknown_sheets_are_named_in_the_dry_run_and_the_result(client, make_headers):
    headers = make_headers("CMM", "secretariat")
    workbook = _plan(client, headers)
    workbook.create_sheet("Noter")["A1"] = "egne noter"
    for query in ("?dry_run=true", ""):
        response = _upload(client, headers, workbook, query)
        assert response.status_code == 200, response.text
        assert [w["sheet"] for w in response.json()["warnings"]] == ["Noter"]
        batch = client.get(f"/imports/{response.json()['id']}", headers=headers).json()
        assert [w["sheet"] for w in batch["warnings"]] == ["Noter"]
