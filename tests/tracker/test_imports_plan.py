"""The secretariat's spreadsheet round trip of the plan, as a new user would try it."""

import io
from collections.abc import Callable

import httpx
import openpyxl
import pytest
from sqlmodel import Session, select

from actionplan.models import Initiative
from tests.fixture_types import Client
from tests.tracker.progress_support import fingerprint
from tracker.imports.models import ImportBatch

pytestmark = pytest.mark.usefixtures("plan_loaded")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PROBLEM = "application/problem+json"


def upload(client: Client, headers: dict[str, str], data: bytes, query: str = "") -> httpx.Response:
    return client.post(f"/imports{query}", files={"file": ("plan.xlsx", data, XLSX)}, headers=headers)


def edited(data: bytes, edit: Callable[[openpyxl.Workbook], object]) -> bytes:
    """The workbook after a person edited it in a spreadsheet program (simulated with openpyxl)."""
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    edit(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def rename_and_add(workbook: openpyxl.Workbook) -> None:
    sheet = workbook["Initiatives"]
    assert sheet["A2"].value == "MH22-1.1"
    sheet["C2"] = "  Styrket opsøgende indsats  "  # stray spaces, as people type
    sheet.append(
        [
            "MH22-9.1",
            "IO1",
            "Nyt pilotprojekt",
            "New pilot",
            None,
            "REDEN",
            "CMM, UST",
            "01.03.2025",
            "31-12-2025",
            "1.500.000",
            None,
        ]
    )


def test_export_edit_dry_run_import_and_import_again(client, make_headers, engine):
    headers = make_headers("CMM", "secretariat")
    exported = client.get("/plans/mh-2022-2025/workbook", headers=headers)
    assert exported.status_code == 200
    assert exported.headers["content-type"].startswith(XLSX)
    assert exported.headers["content-disposition"] == 'attachment; filename="plan-mh-2022-2025.xlsx"'
    assert exported.headers["x-content-type-options"] == "nosniff"
    assert exported.headers["cache-control"] == "no-store"

    # Export then import: nothing to do.
    unchanged = upload(client, headers, exported.content, "?dry_run=true").json()
    assert (unchanged["result"], unchanged["created"], unchanged["updated"]) == ("no-changes", 0, 0)

    workbook = edited(exported.content, rename_and_add)
    before = fingerprint(engine)
    dry = upload(client, headers, workbook, "?dry_run=true")
    assert dry.status_code == 200, dry.text
    body = dry.json()
    assert body["result"] == "dry-run"
    changes = [(c["entity"], c["key"], c["field"]) for c in body["changes"] if c["entity"] != "partner"]
    assert changes == [("initiative", "MH22-1.1", "title_da"), ("initiative", "MH22-9.1", "*")]
    assert body["changes"][0]["new"] == "Styrket opsøgende indsats"
    assert fingerprint(engine) == {**before, "import_batch": fingerprint(engine)["import_batch"]}

    applied = upload(client, headers, workbook).json()
    assert applied["result"] == "applied"
    assert applied["created"] >= 1
    with Session(engine) as session:
        new = session.exec(select(Initiative).where(Initiative.code == "MH22-9.1")).one()
        assert new.budget_dkk == 1_500_000
        assert str(new.starts) == "2025-03-01"
        assert session.exec(select(Initiative.title_da).where(Initiative.code == "MH22-1.1")).one() == (
            "Styrket opsøgende indsats"
        )

    again = upload(client, headers, workbook)
    assert again.status_code == 200
    assert again.json()["result"] == "no-changes"
    assert again.json()["message"].startswith("No changes")
    assert (again.json()["created"], again.json()["updated"]) == (0, 0)


def test_dry_run_writes_only_the_batch_record(client, make_headers, engine):
    headers = make_headers("CMM", "secretariat")
    exported = client.get("/plans/mh-2022-2025/workbook", headers=headers).content
    before = fingerprint(engine)
    upload(client, headers, edited(exported, rename_and_add), "?dry_run=true")
    after = fingerprint(engine)
    assert {name for name in before if before[name] != after[name]} == {"import_batch"}


def test_an_invalid_plan_workbook_is_rejected_whole_with_located_errors_and_an_annotated_copy(
    client, make_headers, engine
):
    headers = make_headers("CMM", "secretariat")
    exported = client.get("/plans/mh-2022-2025/workbook", headers=headers).content

    def break_it(workbook: openpyxl.Workbook) -> None:
        rename_and_add(workbook)
        workbook["Initiatives"]["F3"] = "NOBODY"
        workbook["Periods"]["D2"] = "2022-13-45"
        workbook["Indicators"]["B2"] = "=A3"  # a formula

    before = fingerprint(engine)
    response = upload(client, headers, edited(exported, break_it))
    assert response.status_code == 422
    assert response.headers["content-type"].startswith(PROBLEM)
    body = response.json()
    located = {(e["sheet"], e["row"], e["column"], e["code"]) for e in body["errors"]}
    assert ("Initiatives", 3, "lead", "unknown-organisation") in located
    assert ("Periods", 2, "due", "not-a-date") in located
    assert ("Indicators", 2, "initiative", "formula-not-allowed") in located
    assert body["rejected"] == 3
    after = fingerprint(engine)
    assert {name for name in before if before[name] != after[name]} == {"import_batch"}
    with Session(engine) as session:
        assert session.exec(select(Initiative).where(Initiative.code == "MH22-9.1")).first() is None

    annotated = client.get(body["annotated_url"], headers=headers)
    assert annotated.status_code == 200
    marked = openpyxl.load_workbook(io.BytesIO(annotated.content))
    assert marked.sheetnames[0] == "Fejl"
    cell = marked["Initiatives"]["F3"]
    assert cell.fill.start_color.rgb == "FFFFC7CE"
    assert cell.comment is not None
    assert "NOBODY" in cell.comment.text
    assert marked["Periods"]["D2"].comment is not None

    batch = client.get(f"/imports/{body['id']}", headers=headers).json()
    assert batch["result"] == "rejected"
    assert len(batch["errors"]) == len(body["errors"])


def test_reporters_may_not_import_plan_workbooks_and_viewers_may_not_upload(client, make_headers):
    exported = client.get("/plans/mh-2022-2025/workbook", headers=make_headers("CMM", "secretariat")).content
    reporter = upload(client, make_headers("REDEN", "reporter"), exported)
    assert reporter.status_code == 403
    viewer = upload(client, make_headers("LIGE", "viewer"), exported)
    assert viewer.status_code == 403
    assert client.get("/plans/mh-2022-2025/workbook", headers=make_headers("LIGE", "viewer")).status_code == 200
    assert client.get("/plans/mh-2022-2025/workbook", headers=make_headers("REDEN", "reporter")).status_code == 403


def test_each_import_is_recorded_with_hash_uploader_counts_and_result(client, make_headers, engine):
    headers = make_headers("CMM", "secretariat")
    exported = client.get("/plans/mh-2022-2025/workbook", headers=headers).content
    upload(client, headers, exported)
    with Session(engine) as session:
        batch = session.exec(select(ImportBatch)).one()
    assert len(batch.sha256) == 64
    assert batch.actor.startswith("token:")
    assert batch.kind == "plan"
    assert batch.result == "no-changes"
    assert batch.unchanged > 100
