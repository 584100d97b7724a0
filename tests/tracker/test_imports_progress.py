"""Progress templates: an organisation downloads its pre-filled template, fills it in and uploads it; the
reports enter the same workflow as API reports, with ownership and period locks respected."""

import io
from collections.abc import Iterable

import httpx
import openpyxl
import pytest

from tests.fixture_types import Client
from tests.tracker.progress_support import INITIATIVE, PERIOD, REPORT_URL, audit_actions, fingerprint, report_body

pytestmark = pytest.mark.usefixtures("plan_loaded")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PROBLEM = "application/problem+json"


def upload(client: Client, headers: dict[str, str], data: bytes, query: str = "") -> httpx.Response:
    return client.post(f"/imports{query}", files={"file": ("fremdrift.xlsx", data, XLSX)}, headers=headers)


def template(client: Client, headers: dict[str, str], period: str = PERIOD, organisation: str = "REDEN") -> bytes:
    response = client.get(f"/templates/progress?period={period}&organisation={organisation}", headers=headers)
    assert response.status_code == 200, response.text
    return response.content


def fill(
    data: bytes,
    *,
    status: str = "Planmæssigt",
    value: str | float | None = "87,5",
    extra_rows: Iterable[list[str]] = (),
) -> bytes:
    """Fill in the template as a person would in Excel."""
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    reports = workbook["Rapporter"]
    assert reports["C2"].value == INITIATIVE
    reports["E2"] = status
    reports["F2"] = "Begge krisecentre har været åbne hele perioden; 38 kvinder har boet der. "
    reports["J2"] = "1.250.000"
    values = workbook["Indikatorer"]
    assert values["C2"].value == "MH22-2.1-I1"
    values["G2"] = value
    for row in extra_rows:
        reports.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_template_is_prefilled_locked_and_has_a_status_drop_down(client, make_headers):
    data = template(client, make_headers("REDEN", "reporter"))
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["Vejledning", "Rapporter", "Indikatorer"]
    assert "Sådan udfylder du skabelonen" in str(workbook["Vejledning"]["A3"].value)
    reports = workbook["Rapporter"]
    assert [reports.cell(2, c).value for c in (1, 2, 3)] == [PERIOD, "REDEN", INITIATIVE]
    assert reports.max_row == 2  # REDEN leads one initiative
    assert reports.protection.sheet is True
    assert reports["D2"].protection.locked is True  # title
    assert reports["E2"].protection.locked is False  # status
    validations = reports.data_validations.dataValidation
    assert len(validations) == 2  # status, and the delivery confidence
    assert "Planmæssigt" in validations[0].formula1
    assert "E2" in str(validations[0].sqref)
    assert reports["K1"].value == "confidence"
    assert validations[1].formula1 == '"Høj,Middel,Lav"'
    assert "K2" in str(validations[1].sqref)
    values = workbook["Indikatorer"]
    assert [values.cell(2, c).value for c in (1, 2, 3, 6)] == [PERIOD, INITIATIVE, "MH22-2.1-I1", "total"]
    assert values["G2"].protection.locked is False


def test_template_has_one_row_per_indicator_category(client, make_headers):
    data = template(client, make_headers("LIGE", "reporter"), organisation="LIGE")
    values = openpyxl.load_workbook(io.BytesIO(data))["Indikatorer"]
    x1 = [values.cell(r, 6).value for r in range(2, values.max_row + 1) if values.cell(r, 3).value == "MH22-X.1-I1"]
    assert x1[0] == "total"
    assert "sex:women" in x1
    assert len(x1) == 1 + 3 + 4


def test_reporters_get_templates_only_for_their_own_organisation(client, make_headers):
    response = client.get(
        f"/templates/progress?period={PERIOD}&organisation=CMM", headers=make_headers("REDEN", "reporter")
    )
    assert response.status_code == 403
    assert template(client, make_headers("CMM", "secretariat"), organisation="REDEN")
    assert client.get(f"/templates/progress?period={PERIOD}", headers=make_headers("LIGE", "viewer")).status_code == 403


def test_a_filled_template_imports_as_the_ngos_draft_and_again_changes_nothing(client, make_headers, engine):
    headers = make_headers("REDEN", "reporter")
    filled = fill(template(client, headers))
    before = fingerprint(engine)
    dry = upload(client, headers, filled, "?dry_run=true")
    assert dry.status_code == 200, dry.text
    assert dry.json()["result"] == "dry-run"
    assert dry.json()["created"] == 2  # the report row and its value row
    fields = {(c["key"], c["field"]) for c in dry.json()["changes"]}
    assert (f"{INITIATIVE} {PERIOD}", "*") in fields
    assert (f"{INITIATIVE} {PERIOD} MH22-2.1-I1", "value") in fields
    after = fingerprint(engine)
    assert {name for name in before if before[name] != after[name]} == {"import_batch"}

    applied = upload(client, headers, filled)
    assert applied.status_code == 200, applied.text
    assert applied.json()["result"] == "applied"
    report = client.get(REPORT_URL, headers=headers).json()
    assert report["state"] == "draft"
    assert report["status"] == "on_track"
    assert report["organisation"] == "REDEN"
    assert report["spent_dkk"] == 1_250_000
    assert report["narrative"].endswith("har boet der.")
    assert report["indicator_values"][0]["value"] == 87.5
    assert "report.create" in audit_actions(engine)

    again = upload(client, headers, filled).json()
    assert again["result"] == "no-changes"
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 2)

    # The next template carries what was reported.
    prefilled = openpyxl.load_workbook(io.BytesIO(template(client, headers)))
    assert prefilled["Rapporter"]["E2"].value == "Planmæssigt"
    assert prefilled["Indikatorer"]["G2"].value == 87.5


def test_a_row_for_another_organisations_initiative_is_rejected_with_sheet_row_and_column(client, make_headers, engine):
    headers = make_headers("REDEN", "reporter")
    other = [PERIOD, "REDEN", "MH22-1.1", "", "Planmæssigt", "We did it for them."]
    filled = fill(template(client, headers), extra_rows=[other])
    before = fingerprint(engine)
    response = upload(client, headers, filled)
    assert response.status_code == 422
    assert response.headers["content-type"].startswith(PROBLEM)
    errors = response.json()["errors"]
    assert [(e["sheet"], e["row"], e["column"], e["code"]) for e in errors] == [
        ("Rapporter", 3, "initiative", "not-your-initiative")
    ]
    assert "CMM" in errors[0]["message"]
    after = fingerprint(engine)
    assert {name for name in before if before[name] != after[name]} == {"import_batch"}
    assert client.get(REPORT_URL, headers=headers).status_code == 404


def test_submit_true_submits_the_imported_reports(client, make_headers):
    headers = make_headers("REDEN", "reporter")
    response = upload(client, headers, fill(template(client, headers)), "?submit=true")
    assert response.status_code == 200, response.text
    assert client.get(REPORT_URL, headers=headers).json()["state"] == "submitted"
    # Submitted reports are no longer drafts: the same file again changes nothing...
    assert upload(client, headers, fill(template(client, headers)), "?submit=true").json()["result"] == "no-changes"
    # ...but a changed value cannot overwrite a submitted report.
    changed = upload(client, headers, fill(template(client, headers), value=90))
    assert changed.status_code == 422
    assert changed.json()["errors"][0]["code"] == "report-not-editable"


def test_an_existing_draft_is_updated_through_the_workflow(client, make_headers, engine):
    headers = make_headers("REDEN", "reporter")
    created = client.put(REPORT_URL, json=report_body(), headers=headers)
    assert created.status_code in (200, 201), created.text
    response = upload(client, headers, fill(template(client, headers), value="90"))
    assert response.status_code == 200, response.text
    assert response.json()["updated"] == 2
    report = client.get(REPORT_URL, headers=headers).json()
    assert report["indicator_values"][0]["value"] == 90
    assert report["version"] == 2
    # Fields the template does not carry (the forecast) are kept.
    assert report["forecast_status"] == "on_track"
    assert "report.update" in audit_actions(engine)


def test_rows_in_a_locked_period_are_rejected(client, make_headers):
    headers = make_headers("REDEN", "reporter")
    filled = fill(template(client, headers, period="2025-H1"))
    response = upload(client, headers, filled)
    assert response.status_code == 422
    assert [(e["row"], e["column"], e["code"]) for e in response.json()["errors"]] == [(2, "period", "period-locked")]


def test_the_secretariat_imports_on_behalf_of_the_lead(client, make_headers):
    filled = fill(template(client, make_headers("CMM", "secretariat"), organisation="REDEN"))
    response = upload(client, make_headers("CMM", "secretariat"), filled)
    assert response.status_code == 200, response.text
    report = client.get(REPORT_URL, headers=make_headers("REDEN", "reporter")).json()
    assert report["organisation"] == "REDEN"
    assert report["state"] == "draft"


@pytest.mark.parametrize(
    ("status", "value", "column", "code"),
    [
        ("Forsinket", "87,5", "status", "invalid"),  # delayed needs an explanation
        ("Måske", "87,5", "status", "not-allowed"),
        ("Planmæssigt", "12 personer", "value", "not-a-number"),
        ("Planmæssigt", "-3", "value", "negative"),
    ],
)
def test_bad_cells_are_reported_and_the_annotated_copy_marks_them(client, make_headers, status, value, column, code):
    headers = make_headers("REDEN", "reporter")
    response = upload(client, headers, fill(template(client, headers), status=status, value=value), "?dry_run=true")
    assert response.status_code == 422
    body = response.json()
    assert [(e["column"], e["code"]) for e in body["errors"]] == [(column, code)]
    annotated = client.get(body["annotated_url"], headers=headers)
    assert annotated.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(annotated.content))
    error = body["errors"][0]
    cell = workbook[error["sheet"]][error["cell"]]
    assert cell.comment is not None
    assert code in cell.comment.text
    # The copy keeps the template's protection and drop-down.
    assert workbook["Rapporter"].protection.sheet is True
    # Another organisation cannot fetch it.
    assert client.get(body["annotated_url"], headers=make_headers("CMM", "reporter")).status_code == 404


def test_a_cpr_number_in_a_narrative_is_refused_at_its_cell(client, make_headers):
    headers = make_headers("REDEN", "reporter")
    workbook = openpyxl.load_workbook(io.BytesIO(fill(template(client, headers))))
    workbook["Rapporter"]["F2"] = "Kontakt 010190-1234 for detaljer"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = upload(client, headers, buffer.getvalue())
    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert (error["column"], error["cell"]) == ("narrative", "F2")
    assert "010190-1234" not in response.text


def test_an_untouched_template_imports_as_no_changes(client, make_headers):
    headers = make_headers("LIGE", "reporter")
    response = upload(client, headers, template(client, headers, organisation="LIGE"))
    assert response.status_code == 200, response.text
    assert response.json()["result"] == "no-changes"


def test_values_without_a_status_ask_for_the_status(client, make_headers):
    headers = make_headers("REDEN", "reporter")
    workbook = openpyxl.load_workbook(io.BytesIO(template(client, headers)))
    workbook["Indikatorer"]["G2"] = 12
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = upload(client, headers, buffer.getvalue())
    assert response.status_code == 422
    assert [(e["sheet"], e["row"], e["column"], e["code"]) for e in response.json()["errors"]] == [
        ("Rapporter", 2, "status", "required")
    ]


def test_a_narrative_starting_with_equals_comes_back_as_text_in_the_template(client, make_headers):
    import zipfile

    headers = make_headers("REDEN", "reporter")
    narrative = '=HYPERLINK("http://x.invalid","klik")'
    assert client.put(REPORT_URL, json=report_body(narrative=narrative), headers=headers).status_code in (200, 201)
    data = template(client, headers)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
    assert all(b"<f>" not in sheet for sheet in sheets)
    cell = openpyxl.load_workbook(io.BytesIO(data))["Rapporter"]["F2"]
    assert cell.value == narrative
    assert cell.data_type == "s"
    # ... and importing the template unchanged changes nothing.
    assert upload(client, headers, data).json()["result"] == "no-changes"


def test_text_with_a_nul_escape_is_cleaned_not_a_server_error(client, make_headers):
    headers = make_headers("REDEN", "reporter")
    workbook = openpyxl.load_workbook(io.BytesIO(fill(template(client, headers))))
    workbook["Rapporter"]["G2"] = "Næste skridt_x0000_: nyt lejemål"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = upload(client, headers, buffer.getvalue())
    assert response.status_code == 200, response.text
    assert "\x00" not in client.get(REPORT_URL, headers=headers).json()["next_steps"]


def test_a_value_comment_over_the_limit_is_refused_at_its_cell_and_a_valid_one_is_stored(client, make_headers):
    headers = make_headers("REDEN", "reporter")
    refused = upload(client, headers, _with_comment(client, headers, "y" * 2001))
    assert refused.status_code == 422, refused.text
    errors = refused.json()["errors"]
    assert [(e["sheet"], e["row"], e["column"], e["code"]) for e in errors] == [
        ("Indikatorer", 2, "comment", "invalid")
    ]
    assert "at most 2000 characters" in errors[0]["message"]
    applied = upload(client, headers, _with_comment(client, headers, "Optalt ved årets udgang"))
    assert applied.status_code == 200, applied.text
    report = client.get(REPORT_URL, headers=headers).json()
    assert report["indicator_values"][0]["comment"] == "Optalt ved årets udgang"


def _with_comment(client: Client, headers: dict[str, str], comment: str) -> bytes:
    workbook = openpyxl.load_workbook(io.BytesIO(fill(template(client, headers))))
    workbook["Indikatorer"]["H2"] = comment
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
