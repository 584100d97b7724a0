"""The issue's story, end to end through the API, as an NGO and the secretariat live it."""

import logging

import pytest

from tests.tracker.progress_support import INITIATIVE, PERIOD, REPORT_URL, fingerprint, report_body

pytestmark = pytest.mark.usefixtures("plan_loaded")


def test_an_ngo_reports_and_the_secretariat_returns_then_approves_with_every_step_in_the_history(
    client, engine, make_headers, caplog
):
    caplog.set_level(logging.DEBUG)
    secretariat = make_headers("CMM", "secretariat")

    # The secretariat issues Reden International a token; the secret is shown once.
    created = client.post(
        "/tokens",
        json={"organisation": "REDEN", "role": "reporter", "label": "Reden International"},
        headers=secretariat,
    )
    assert created.status_code == 201
    secret = created.json()["secret"]
    assert secret not in client.get("/tokens", headers=secretariat).text
    reden = {"Authorization": f"Bearer {secret}"}

    # Reden sees what is due: its initiative for the open period, missing and overdue.
    due = client.get("/me/due", headers=reden).json()
    assert [(i["initiative"], i["period"], i["missing"], i["overdue"]) for i in due["data"]] == [
        (INITIATIVE, PERIOD, True, True)
    ]

    # It saves a draft, then submits it.
    draft = client.put(REPORT_URL, json=report_body(indicator_values=[]), headers=reden)
    assert draft.status_code == 201
    submitted = client.post(f"{REPORT_URL}/submit", headers=reden | {"Idempotency-Key": "reden-2025-h2-1"})
    assert submitted.json()["state"] == "submitted"

    # Another organisation can neither read nor write it, and nothing changes when it tries.
    drk = make_headers("DRK", "reporter")
    before = fingerprint(engine)
    assert client.get(REPORT_URL, headers=drk).status_code == 404
    assert client.put(REPORT_URL, json=report_body(), headers=drk | {"If-Match": '"2"'}).status_code == 403
    assert fingerprint(engine) == before

    # The secretariat returns it with a comment; Reden sees the comment in its due list.
    returned = client.post(
        f"{REPORT_URL}/return", json={"comment": "Please add the occupancy figure."}, headers=secretariat
    )
    assert returned.json()["state"] == "returned"
    item = client.get("/me/due", headers=reden).json()["data"][0]
    assert (item["report_state"], item["review_comment"]) == ("returned", "Please add the occupancy figure.")

    # Reden corrects and resubmits.
    current = client.get(REPORT_URL, headers=reden)
    corrected = client.put(REPORT_URL, json=report_body(), headers=reden | {"If-Match": current.headers["etag"]})
    assert corrected.status_code == 200
    assert corrected.json()["state"] == "returned"
    assert client.post(f"{REPORT_URL}/submit", headers=reden).json()["state"] == "submitted"

    # The secretariat approves; the report is now locked for Reden and visible to everyone.
    approved = client.post(f"{REPORT_URL}/approve", json={"comment": "Thank you."}, headers=secretariat)
    assert approved.json()["state"] == "approved"
    assert client.get(REPORT_URL, headers=drk).status_code == 200

    # The history shows every step, with before and after values.
    history = client.get(f"/initiatives/{INITIATIVE}/history", headers=secretariat).json()["data"]
    steps = [
        (e["action"], e["organisation"], (e["before"] or {}).get("state"), e["after"].get("state")) for e in history
    ]
    assert steps == [
        ("report.create", "REDEN", None, "draft"),
        ("report.submit", "REDEN", "draft", "submitted"),
        ("authz.denied", "DRK", None, None),
        ("report.return", "CMM", "submitted", "returned"),
        ("report.update", "REDEN", None, None),
        ("report.submit", "REDEN", "returned", "submitted"),
        ("report.approve", "CMM", "submitted", "approved"),
    ]
    create, update = history[0], history[4]
    assert create["before"] is None
    assert create["after"]["narrative"] == "Both shelters open all period; 38 women housed."
    assert (update["before"]["indicator_values"], update["after"]["indicator_values"]) == (
        {},
        {"MH22-2.1-I1": {"value": 87.5, "comment": "average over the period"}},
    )
    assert history[3]["after"]["review_comment"] == "Please add the occupancy figure."

    # The token never reached a log line.
    assert all(secret not in record.getMessage() for record in caplog.records)


def test_only_the_secretariat_issues_and_revokes_tokens_and_revocation_is_immediate(client, make_headers):
    secretariat = make_headers("CMM", "secretariat")
    reden = make_headers("REDEN", "reporter")
    body = {"organisation": "REDEN", "role": "reporter"}
    assert client.post("/tokens", json=body, headers=reden).status_code == 403
    assert client.post("/tokens", json=body | {"secret_hash": "x"}, headers=secretariat).status_code == 422
    created = client.post("/tokens", json=body, headers=secretariat).json()
    new = {"Authorization": f"Bearer {created['secret']}"}
    assert client.get("/me/due", headers=new).status_code == 200
    revoked = client.post(f"/tokens/{created['id']}/revoke", headers=secretariat)
    assert revoked.status_code == 200
    assert revoked.json()["revoked_at"] is not None
    assert client.get("/me/due", headers=new).status_code == 401


def test_issuing_and_revoking_a_token_is_audited_with_who_did_it(client, make_headers, engine):
    from sqlmodel import Session, select

    from tracker.audit.models import AuditEvent

    secretariat = make_headers("CMM", "secretariat")
    created = client.post("/tokens", json={"organisation": "REDEN", "role": "reporter"}, headers=secretariat).json()
    client.post(f"/tokens/{created['id']}/revoke", headers=secretariat)
    client.post(f"/tokens/{created['id']}/revoke", headers=secretariat)  # twice changes nothing
    with Session(engine) as session:
        events = session.exec(
            select(AuditEvent).where(AuditEvent.entity == "api_token", AuditEvent.entity_key == str(created["id"]))
        ).all()
    assert [e.action for e in events] == ["token.create", "token.revoke"]
    assert all(e.actor.startswith("token:") for e in events)
    assert created["secret"] not in str([e.after for e in events])
