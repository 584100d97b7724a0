"""Access paths an attacker or a secretariat tried (issue 10): a lead change, viewers and submitted text,
refused attempts on every route, and an audit trail the database itself keeps append-only."""

import io
import re

import openpyxl
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from tests.fixture_types import Client
from tests.tracker.progress_support import INITIATIVE, PERIOD, REPORT_URL, audit_actions, fingerprint, report_body
from tracker.app import create_app
from tracker.settings import Settings

pytestmark = pytest.mark.usefixtures("plan_loaded")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _move_lead(client: Client, secretariat: dict[str, str], code: str, lead: str) -> None:
    """A plan import that moves the initiative to another lead organisation (as the secretariat does)."""
    exported = client.get("/plans/mh-2022-2025/workbook", headers=secretariat).content
    workbook = openpyxl.load_workbook(io.BytesIO(exported))
    sheet = workbook["Initiatives"]
    heads = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == code:
            row[heads.index("lead")].value = lead
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = client.post("/imports", files={"file": ("plan.xlsx", buffer.getvalue(), XLSX)}, headers=secretariat)
    assert response.status_code == 200, response.text


def test_after_a_lead_change_reads_and_writes_follow_the_new_lead(client, make_headers):
    reden, drk = make_headers("REDEN", "reporter"), make_headers("DRK", "reporter")
    secretariat = make_headers("CMM", "secretariat")
    assert client.put(REPORT_URL, json=report_body(), headers=reden).status_code == 201
    _move_lead(client, secretariat, INITIATIVE, "DRK")

    # The previous lead no longer reads or writes the draft.
    assert client.get(REPORT_URL, headers=reden).status_code == 404
    assert client.put(REPORT_URL, json=report_body(), headers=reden | {"If-Match": '"1"'}).status_code == 403
    # The new lead reads it (so a 412 tells it nothing it may not see) and continues it.
    response = client.get(REPORT_URL, headers=drk)
    assert response.status_code == 200
    assert response.json()["organisation"] == "DRK"
    assert "edit" in response.json()["allowed_actions"]
    updated = client.put(REPORT_URL, json=report_body(narrative="DRK's text"), headers=drk | {"If-Match": '"1"'})
    assert updated.status_code == 200, updated.text
    # ... and the previous lead does not see the new lead's later text.
    assert "DRK's text" not in client.get(REPORT_URL, headers=reden).text
    assert client.get(f"/initiatives/{INITIATIVE}/history", headers=reden).status_code == 403
    assert client.get(f"/initiatives/{INITIATIVE}/history", headers=drk).status_code == 200


def test_viewers_get_no_submitted_text_from_status_reports(client, make_headers, engine):
    reden, viewer = make_headers("REDEN", "reporter"), make_headers("LIGE", "viewer")
    secretariat = make_headers("CMM", "secretariat")
    client.put(REPORT_URL, json=report_body(narrative="Submitted, not approved: 38 women."), headers=reden)
    assert client.post(f"{REPORT_URL}/submit", headers=reden).status_code == 200
    query = f"/reports/status?period={PERIOD}&format=json&include_submitted=true"
    before = fingerprint(engine)
    refused = client.get(query, headers=viewer)
    assert refused.status_code == 403
    assert "38 women" not in refused.text
    assert fingerprint(engine) == before
    assert audit_actions(engine)[-1] == "authz.denied"
    # The secretariat's snapshot with submitted text is not listed or served to viewers either.
    read = client.get(query, headers=secretariat)
    assert read.status_code == 200
    assert "38 women" in read.text
    issued = client.post(
        "/reports/snapshots",
        json={"period": PERIOD, "format": "json", "include_submitted": True},
        headers=secretariat,
    )
    assert issued.status_code == 201
    snapshot = issued.json()["id"]
    assert client.get(f"/reports/snapshots/{snapshot}", headers=viewer).status_code == 404
    listed = client.get("/reports/snapshots", headers=viewer).json()
    assert all(not item["include_submitted"] for item in listed["data"])
    assert client.get(f"/reports/snapshots/{snapshot}", headers=secretariat).status_code == 200
    # Without include_submitted the viewer gets the approved-only report.
    approved_only = client.get(f"/reports/status?period={PERIOD}&format=json", headers=viewer)
    assert approved_only.status_code == 200
    assert "38 women" not in approved_only.text


def _concrete(path: str) -> str:
    values = {"code": INITIATIVE, "period": PERIOD, "label": PERIOD, "slug": "mh-2022-2025"}

    def fill(match: re.Match[str]) -> str:
        name, kind = match.group(1), match.group(2)
        return "1" if kind == "int" else values.get(name, "x")

    return re.sub(r"\{(\w+):(\w+)\}", fill, path)


@pytest.mark.parametrize(("organisation", "role"), [("LIGE", "viewer"), ("DRK", "reporter"), ("CMM", "reporter")])
def test_every_refused_request_on_every_route_is_audited_with_caller_route_and_reason(
    client, engine, make_headers, organisation, role, tmp_path
):
    headers = make_headers(organisation, role)
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'x.db'}", environment="test"))
    refused = 0
    for route in app.routes:
        if route.path.startswith("/schema") or route.path == "/health":
            continue
        for handler in getattr(route, "route_handlers", []):
            for method in sorted(set(handler.http_methods) - {"OPTIONS", "HEAD"}):
                path = _concrete(route.path)
                with engine.connect() as connection:
                    last = connection.execute(text("SELECT coalesce(max(id), 0) FROM audit_event")).scalar_one()
                kwargs = {"files": {"file": ("x.xlsx", b"PK", XLSX)}} if path == "/imports" else {"json": {}}
                response = client.request(method, path, headers=headers, **kwargs)
                with engine.connect() as connection:
                    events = connection.execute(
                        text("SELECT action, actor, reason, organisation_id FROM audit_event WHERE id > :id"),
                        {"id": last},
                    ).all()
                denied = [e for e in events if e.action == "authz.denied"]
                if response.headers.get("content-type", "").startswith("text/html"):
                    # A web page: a bearer token signs nobody in there (the web's own tests walk its pages).
                    assert denied == [] or response.status_code == 403
                    continue
                if response.status_code == 403:
                    refused += 1
                    assert len(denied) == 1, (method, path, events)
                    assert denied[0].reason.startswith(f"{method} {path}: "), denied[0].reason
                    assert len(denied[0].reason) > len(f"{method} {path}: ")
                    assert denied[0].actor.startswith("token:")
                    assert denied[0].organisation_id is not None
                else:
                    assert denied == [], (method, path, response.status_code)
    assert refused >= 5


def test_a_reporter_asking_for_a_secretariat_token_or_revoking_one_leaves_a_trace(client, engine, make_headers):
    reporter = make_headers("REDEN", "reporter")
    before = fingerprint(engine)
    body = {"organisation": "REDEN", "role": "secretariat"}
    assert client.post("/tokens", json=body, headers=reporter).status_code == 403
    assert client.post("/tokens/1/revoke", headers=reporter).status_code == 403
    assert fingerprint(engine) == before
    with engine.connect() as connection:
        reasons = connection.execute(
            text("SELECT reason FROM audit_event WHERE action = 'authz.denied' ORDER BY id")
        ).scalars()
        assert [r.split(":")[0] for r in reasons] == ["POST /tokens", "POST /tokens/1/revoke"]


@pytest.mark.parametrize("statement", ["UPDATE audit_event SET actor = 'someone else'", "DELETE FROM audit_event"])
def test_the_database_refuses_to_change_or_delete_audit_events(client, engine, make_headers, statement):
    client.put(REPORT_URL, json=report_body(), headers=make_headers("REDEN", "reporter"))
    before = audit_actions(engine)
    assert before
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
        connection.execute(text(statement))
    assert audit_actions(engine) == before
