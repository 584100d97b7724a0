"""A draft changes nothing public (issue 10, item 11): milestone moves take effect when the report is
approved, dates outside the workbook's window are refused, and the plan export still imports back."""

from typing import Any

import pytest

from tests.fixture_types import Client
from tests.tracker.progress_support import report_body

pytestmark = pytest.mark.usefixtures("plan_loaded")
URL = "/initiatives/MH22-X.1/reports/2025-H2"  # led by LIGE
TITLE = "Årsrapport om menneskehandel 2025"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _milestone(client: Client, headers: dict[str, str], title: str) -> dict[str, Any]:
    initiative = client.get("/initiatives/MH22-X.1", headers=headers).json()
    return next(m for m in initiative["milestones"] if m["title"] == title)


def test_a_drafts_milestone_move_is_public_only_after_approval(client, make_headers):
    lige, viewer = make_headers("LIGE", "reporter"), make_headers("RPOL", "viewer")
    secretariat = make_headers("CMM", "secretariat")
    before = _milestone(client, viewer, TITLE)
    moved = report_body(
        indicator_values=[],
        milestones=[
            {"title": TITLE, "new_due": "2026-09-30", "reason": "Police data arrive late."},
            {"title": "Årsrapport om menneskehandel 2024", "done_on": "2025-08-15"},
        ],
    )
    assert client.put(URL, json=moved, headers=lige).status_code == 201
    assert _milestone(client, viewer, TITLE) == before
    assert _milestone(client, viewer, "Årsrapport om menneskehandel 2024")["done_on"] is None
    assert client.post(f"{URL}/submit", headers=lige).status_code == 200
    assert _milestone(client, viewer, TITLE) == before
    # The status report shows no slip of an unapproved report either.
    status = client.get("/reports/status?period=2025-H2&format=json", headers=secretariat)
    assert "Police data arrive late" not in status.text
    assert client.post(f"{URL}/approve", headers=secretariat).status_code == 200
    after = _milestone(client, viewer, TITLE)
    assert after["due"] == "2026-09-30"
    assert _milestone(client, viewer, "Årsrapport om menneskehandel 2024")["done_on"] == "2025-08-15"


def test_a_returned_draft_moves_nothing(client, make_headers):
    lige, viewer = make_headers("LIGE", "reporter"), make_headers("RPOL", "viewer")
    secretariat = make_headers("CMM", "secretariat")
    before = _milestone(client, viewer, TITLE)
    body = report_body(indicator_values=[], milestones=[{"title": TITLE, "new_due": "2027-03-31", "reason": "Late."}])
    client.put(URL, json=body, headers=lige)
    client.post(f"{URL}/submit", headers=lige)
    client.post(f"{URL}/return", json={"comment": "Why so late?"}, headers=secretariat)
    assert _milestone(client, viewer, TITLE) == before


@pytest.mark.parametrize("when", ["9999-12-31", "0001-01-01", "1989-12-31", "2101-01-01"])
@pytest.mark.parametrize("field", ["new_due", "done_on"])
def test_dates_outside_the_workbooks_window_are_refused(client, engine, make_headers, when, field):
    from tests.tracker.progress_support import fingerprint

    lige = make_headers("LIGE", "reporter")
    item = {"title": TITLE, field: when, "reason": "Moved."}
    before = fingerprint(engine)
    response = client.put(URL, json=report_body(indicator_values=[], milestones=[item]), headers=lige)
    assert response.status_code == 422
    assert "1990-01-01" in response.text
    assert fingerprint(engine) == before


def test_the_plan_export_imports_back_after_an_approved_move(client, make_headers):
    lige, secretariat = make_headers("LIGE", "reporter"), make_headers("CMM", "secretariat")
    body = report_body(indicator_values=[], milestones=[{"title": TITLE, "new_due": "2100-12-31", "reason": "Far."}])
    client.put(URL, json=body, headers=lige)
    client.post(f"{URL}/submit", headers=lige)
    assert client.post(f"{URL}/approve", headers=secretariat).status_code == 200
    exported = client.get("/plans/mh-2022-2025/workbook", headers=secretariat).content
    response = client.post("/imports?dry_run=true", files={"file": ("plan.xlsx", exported, XLSX)}, headers=secretariat)
    assert response.status_code == 200, response.text
    assert response.json()["result"] == "no-changes"
