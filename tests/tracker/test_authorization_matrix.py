"""Who may do what to a progress report: every progress route x every kind of caller, deny by default.

The report under test is REDEN's draft for MH22-2.1 in 2025-H2. A refused request changes nothing in the
database; every refused request (by role or by ownership, read or write) leaves one `authz.denied` audit event.
"""

import pytest

from tests.tracker.progress_support import INITIATIVE, PERIOD, REPORT_URL, audit_actions, fingerprint, report_body
from tracker.app import create_app
from tracker.settings import Settings

pytestmark = pytest.mark.usefixtures("plan_loaded")

CALLERS = {
    "owner": ("REDEN", "reporter"),
    "other": ("DRK", "reporter"),
    "viewer": ("LIGE", "viewer"),
    "secretariat": ("CMM", "secretariat"),
    "anonymous": None,
}
ENDPOINTS = {
    "get_report": ("GET", REPORT_URL, None),
    "save_report": ("PUT", REPORT_URL, report_body(narrative="Changed")),
    "submit_report": ("POST", f"{REPORT_URL}/submit", None),
    "carry_forward": ("POST", f"{REPORT_URL}/no-change", None),
    "approve_report": ("POST", f"{REPORT_URL}/approve", None),
    "return_report": ("POST", f"{REPORT_URL}/return", {"comment": "Please add figures."}),
    "amend_report": ("POST", f"{REPORT_URL}/amend", report_body(reason="Correction")),
    "get_history": ("GET", f"/initiatives/{INITIATIVE}/history", None),
    "lock_period": ("POST", f"/periods/{PERIOD}/lock", None),
    "unlock_period": ("POST", f"/periods/{PERIOD}/unlock", {"reason": "Late data"}),
    "list_due": ("GET", "/me/due", None),
}
#                  owner other viewer secretariat anonymous
MATRIX = {
    "get_report": (200, 404, 404, 200, 401),
    "save_report": (200, 403, 403, 200, 401),
    "submit_report": (200, 403, 403, 200, 401),
    "carry_forward": (409, 403, 403, 409, 401),  # allowed, but nothing approved to carry forward
    "approve_report": (403, 403, 403, 409, 401),  # a draft cannot be approved
    "return_report": (403, 403, 403, 409, 401),
    "amend_report": (403, 403, 403, 409, 401),  # a draft in an open period is the reporter's to edit
    "get_history": (200, 403, 403, 200, 401),
    "lock_period": (403, 403, 403, 200, 401),
    "unlock_period": (403, 403, 403, 409, 401),  # not locked
    "list_due": (200, 200, 200, 200, 401),
}
CASES = [(endpoint, caller, MATRIX[endpoint][i]) for endpoint in MATRIX for i, caller in enumerate(CALLERS)]


@pytest.fixture
def draft(plan_loaded, client, make_headers):
    response = client.put(REPORT_URL, json=report_body(), headers=make_headers("REDEN", "reporter"))
    assert response.status_code == 201


@pytest.mark.usefixtures("draft")
@pytest.mark.parametrize(("endpoint", "caller", "expected"), CASES, ids=[f"{e}-{c}" for e, c, _ in CASES])
def test_progress_routes_answer_each_caller_as_the_matrix_says(
    client, engine, make_headers, endpoint, caller, expected
):
    method, url, body = ENDPOINTS[endpoint]
    headers = make_headers(*CALLERS[caller]) if CALLERS[caller] else {}
    if method == "PUT":
        headers["If-Match"] = '"1"'
    before, actions_before = fingerprint(engine), audit_actions(engine)
    response = client.request(method, url, json=body, headers=headers)
    assert response.status_code == expected, response.text
    if expected >= 400:
        assert response.headers["content-type"].startswith("application/problem+json")
        assert "Changed" not in response.text
        assert "38 women" not in response.text
        assert fingerprint(engine) == before
        new_events = audit_actions(engine)[len(actions_before) :]
        if expected == 403:
            assert new_events == ["authz.denied"]
        else:
            assert new_events == []


def test_the_matrix_covers_every_progress_route(tmp_path):
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'x.db'}", environment="test"))
    covered = {(method, url) for method, url, _ in ENDPOINTS.values()}
    progress_routes = set()
    for route in app.routes:
        if not route.path.startswith(("/initiatives/{code:str}/", "/periods/{label:str}/", "/me/")):
            continue
        for handler in getattr(route, "route_handlers", []):
            for method in set(handler.http_methods) - {"OPTIONS", "HEAD"}:
                concrete = (
                    route.path.replace("{code:str}", INITIATIVE)
                    .replace("{period:str}", PERIOD)
                    .replace("{label:str}", PERIOD)
                )
                progress_routes.add((method, concrete))
    assert progress_routes == covered


def test_an_approved_report_is_visible_to_every_role(client, make_headers):
    reden, secretariat = make_headers("REDEN", "reporter"), make_headers("CMM", "secretariat")
    client.put(REPORT_URL, json=report_body(), headers=reden)
    client.post(f"{REPORT_URL}/submit", headers=reden)
    for caller in ("DRK", "reporter"), ("LIGE", "viewer"):
        assert client.get(REPORT_URL, headers=make_headers(*caller)).status_code == 404
    assert client.post(f"{REPORT_URL}/approve", headers=secretariat).status_code == 200
    for caller in ("DRK", "reporter"), ("LIGE", "viewer"):
        response = client.get(REPORT_URL, headers=make_headers(*caller))
        assert response.status_code == 200
        assert response.json()["allowed_actions"] == []


def test_another_organisations_returned_report_stays_hidden(client, make_headers):
    reden, secretariat = make_headers("REDEN", "reporter"), make_headers("CMM", "secretariat")
    client.put(REPORT_URL, json=report_body(), headers=reden)
    client.post(f"{REPORT_URL}/submit", headers=reden)
    client.post(f"{REPORT_URL}/return", json={"comment": "Add the occupancy figure."}, headers=secretariat)
    response = client.get(REPORT_URL, headers=make_headers("DRK", "reporter"))
    assert response.status_code == 404
    assert "occupancy" not in response.text


def test_a_missing_report_and_a_hidden_one_look_the_same(client, make_headers):
    client.put(REPORT_URL, json=report_body(), headers=make_headers("REDEN", "reporter"))
    drk = make_headers("DRK", "reporter")
    hidden = client.get(REPORT_URL, headers=drk).json()
    missing = client.get(f"/initiatives/{INITIATIVE}/reports/2025-H1", headers=drk).json()
    assert hidden.keys() == missing.keys()
    assert (hidden["status"], hidden["title"]) == (missing["status"], missing["title"])


def test_a_denied_attempt_names_who_tried_what(client, engine, make_headers):
    client.put(REPORT_URL, json=report_body(), headers=make_headers("REDEN", "reporter"))
    client.put(REPORT_URL, json=report_body(), headers=make_headers("DRK", "reporter") | {"If-Match": '"1"'})
    client.post(f"{REPORT_URL}/approve", headers=make_headers("REDEN", "reporter"))
    history = client.get(f"/initiatives/{INITIATIVE}/history", headers=make_headers("CMM", "secretariat")).json()
    by_role, denied = history["data"][-1], history["data"][-2]
    assert (by_role["action"], by_role["organisation"], by_role["entity_key"]) == (
        "authz.denied",
        "REDEN",
        f"POST {REPORT_URL}/approve",
    )
    assert (denied["action"], denied["organisation"], denied["entity_key"]) == (
        "authz.denied",
        "DRK",
        f"{INITIATIVE}/{PERIOD}",
    )
    assert denied["after"] == {"attempted": "edit", "role": "reporter"}
