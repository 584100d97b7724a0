"""The access table (`tracker.auth.access`) is the behaviour: these tests are generated from it.

Every role x relation x report state of `REPORT_ACCESS` and every role x batch relation of `BATCH_ACCESS`
becomes a request; the answer must be what the table says, a refusal must change nothing, say nothing about
the object, and leave one `authz.denied` audit event. `docs/access.md` must show the same table.
"""

import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import text

from tests.fixture_types import Client, MakeHeaders
from tests.tracker.progress_support import INITIATIVE, PERIOD, REPORT_URL, audit_actions, fingerprint, report_body
from tracker.auth.access import (
    BATCH_ACCESS,
    REPORT_ACCESS,
    REPORT_STATES,
    Relation,
    access_table_markdown,
    batch_relation,
)
from tracker.auth.models import Role

pytestmark = pytest.mark.usefixtures("plan_loaded")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "access.md"
LEAD, OTHER = "REDEN", "DRK"  # REDEN leads MH22-2.1; DRK leads nothing
SECRETARIAT = ("CMM", "secretariat")


def _caller(role: Role, relation: Relation) -> tuple[str, str]:
    return (LEAD if relation is Relation.LEAD else OTHER, role.value)


def _bring_to(client: Client, make_headers: MakeHeaders, state: str) -> None:
    """REDEN's report for MH22-2.1 in 2025-H2, in `state`, through the API."""
    if state == "not_written":
        return
    reden, secretariat = make_headers("REDEN", "reporter"), make_headers(*SECRETARIAT)
    assert client.put(REPORT_URL, json=report_body(), headers=reden).status_code == 201
    if state == "draft":
        return
    assert client.post(f"{REPORT_URL}/submit", headers=reden).status_code == 200
    if state == "returned":
        response = client.post(f"{REPORT_URL}/return", json={"comment": "Add figures."}, headers=secretariat)
        assert response.status_code == 200
    elif state == "approved":
        assert client.post(f"{REPORT_URL}/approve", headers=secretariat).status_code == 200


REPORT_CASES = [
    (role, relation, state, access)
    for (role, relation), row in REPORT_ACCESS.items()
    for state, access in zip(REPORT_STATES, row, strict=True)
]
IDS = [f"{role.value}-{relation.value}-{state}" for role, relation, state, _ in REPORT_CASES]


def test_the_docs_show_the_access_table_the_code_enforces():
    doc = DOCS.read_text(encoding="utf-8")
    start, end = "<!-- access-table:start -->\n", "<!-- access-table:end -->"
    assert doc[doc.index(start) + len(start) : doc.index(end)] == access_table_markdown()


@pytest.mark.parametrize(("role", "relation", "state", "access"), REPORT_CASES, ids=IDS)
def test_reading_a_report_follows_the_table(client, make_headers, role, relation, state, access):
    _bring_to(client, make_headers, state)
    headers = make_headers(*_caller(role, relation))
    response = client.get(REPORT_URL, headers=headers)
    assert response.status_code == (200 if access.read else 404), response.text
    if not access.read:
        assert "38 women" not in response.text
        assert state not in response.text
    history = client.get(f"/initiatives/{INITIATIVE}/history", headers=headers)
    drafts_readable = REPORT_ACCESS[(role, relation)][REPORT_STATES.index("draft")].read
    assert history.status_code == (200 if drafts_readable else 403)


@pytest.mark.parametrize(("role", "relation", "state", "access"), REPORT_CASES, ids=IDS)
def test_writing_a_report_follows_the_table(client, engine, make_headers, role, relation, state, access):
    _bring_to(client, make_headers, state)
    headers = make_headers(*_caller(role, relation))
    if state != "not_written":
        headers["If-Match"] = '"99"'  # stale on purpose: a refusal must not reveal the real version
    before, events = fingerprint(engine), audit_actions(engine)
    response = client.put(REPORT_URL, json=report_body(narrative="Changed"), headers=headers)
    if access.write:
        assert response.status_code in (201, 409, 412), response.text
        return
    assert response.status_code == 403, response.text
    assert fingerprint(engine) == before
    assert audit_actions(engine)[len(events) :] == ["authz.denied"]
    body = response.json()
    assert "version" not in body["detail"]
    assert state not in body["detail"]


NO_READ_CALLERS = [key for key, row in REPORT_ACCESS.items() if not any(a.read for a in row[1:-1])]


@pytest.mark.parametrize(
    ("role", "relation"), NO_READ_CALLERS, ids=[f"{r.value}-{x.value}" for r, x in NO_READ_CALLERS]
)
@pytest.mark.parametrize("route", ["", "/submit", "/no-change", "/approve"])
def test_a_refusal_looks_the_same_whatever_the_report_state(client, make_headers, role, relation, route):
    """Someone who may not read the report learns nothing from refusals: not its state, version or existence."""
    headers = make_headers(*_caller(role, relation))
    answers = []
    reden, secretariat = make_headers("REDEN", "reporter"), make_headers(*SECRETARIAT)
    steps = {
        "not_written": lambda: None,
        "draft": lambda: client.put(REPORT_URL, json=report_body(), headers=reden),
        "submitted": lambda: client.post(f"{REPORT_URL}/submit", headers=reden),
        "returned": lambda: client.post(f"{REPORT_URL}/return", json={"comment": "Add."}, headers=secretariat),
    }
    for step in steps.values():
        step()
        method = "PUT" if route == "" else "POST"
        body = report_body() if route == "" else None
        response = client.request(method, REPORT_URL + route, json=body, headers=headers | {"If-Match": '"7"'})
        answers.append((response.status_code, response.json()))
    assert answers[0][0] == 403
    assert all(answer == answers[0] for answer in answers), answers


# ------------------------------------------------------------------------------------------- batches


def _template(client: Client, organisation: str) -> bytes:
    response = client.get(
        f"/templates/progress?period={PERIOD}&organisation={organisation}", headers=_HEADERS["secretariat"]
    )
    assert response.status_code == 200
    return response.content


def _with_rows(data: bytes, rows: list[list[str]]) -> bytes:
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    sheet = workbook["Rapporter"]
    sheet["E2"] = "Planmæssigt"
    sheet["F2"] = "Udkast: 38 kvinder har boet på krisecentret."
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


_HEADERS: dict[str, dict[str, str]] = {}
UNKNOWN = [PERIOD, "", "XX-9.9", "", "Planmæssigt", "A row with an error, so there is an annotated copy."]
BATCHES = {
    # name: (uploader, organisation whose template, extra rows, organisations the batch concerns)
    "reden-own": (("REDEN", "reporter"), "REDEN", [UNKNOWN], ["REDEN"]),
    "secretariat-for-reden": (SECRETARIAT, "REDEN", [UNKNOWN], ["REDEN"]),
    "secretariat-for-two": (
        SECRETARIAT,
        "REDEN",
        [UNKNOWN, [PERIOD, "CMM", "MH22-1.1", "", "Planmæssigt", "CMM's own draft text."]],
        ["CMM", "REDEN"],
    ),
}
BATCH_CALLERS = {
    "reden-reporter": ("REDEN", "reporter"),
    "cmm-reporter": ("CMM", "reporter"),
    "drk-reporter": ("DRK", "reporter"),
    "reden-viewer": ("REDEN", "viewer"),
    "secretariat": SECRETARIAT,
}
BATCH_CASES = [(batch, caller) for batch in BATCHES for caller in BATCH_CALLERS]


@pytest.mark.parametrize(("batch", "caller"), BATCH_CASES, ids=[f"{b}-{c}" for b, c in BATCH_CASES])
def test_import_batches_and_annotated_copies_follow_the_table(client, engine, make_headers, batch, caller):
    _HEADERS["secretariat"] = make_headers(*SECRETARIAT)
    uploader, organisation, rows, concerns = BATCHES[batch]
    data = _with_rows(_template(client, organisation), rows)
    uploaded = client.post("/imports", files={"file": ("x.xlsx", data, XLSX)}, headers=make_headers(*uploader))
    assert uploaded.status_code == 422, uploaded.text
    batch_id = uploaded.json()["id"]
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT concerns FROM import_batch WHERE id = :id"), {"id": batch_id})
        assert sorted(_json(stored.scalar_one())) == concerns
    org, role = BATCH_CALLERS[caller]
    expected = BATCH_ACCESS[(Role(role), batch_relation(org, concerns))].read
    headers = make_headers(org, role)
    for url in (f"/imports/{batch_id}", f"/imports/{batch_id}/annotated"):
        response = client.get(url, headers=headers)
        if expected:
            assert response.status_code == 200, (url, response.text)
        else:
            assert response.status_code in (403, 404), (url, response.text)
            assert "38 kvinder" not in response.text
            assert "CMM's own" not in response.text


def _json(value: object) -> Any:
    import json

    return json.loads(value) if isinstance(value, str) else value
