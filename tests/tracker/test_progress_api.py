"""Progress reports through the API: ETags, idempotency keys, validation, review, amendments, locks."""

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from actionplan.cpr import find_cpr_like
from actionplan.enums import PeriodState, ReportState
from actionplan.models import Milestone, ReportingPeriod
from actionplan.progress import MilestoneSlip, ProgressReport, ReportRevision
from tests.tracker.progress_support import INITIATIVE, PERIOD, REPORT_URL, audit_actions, fingerprint, report_body
from tracker.progress.service import autolock_periods
from tracker.settings import Settings

pytestmark = pytest.mark.usefixtures("plan_loaded")
PROBLEM = "application/problem+json"


@pytest.fixture
def reden(make_headers):
    return make_headers("REDEN", "reporter")


@pytest.fixture
def secretariat(make_headers):
    return make_headers("CMM", "secretariat")


def _create(client, headers, **overrides):
    response = client.put(REPORT_URL, json=report_body(**overrides), headers=headers)
    assert response.status_code == 201, response.text
    return response


def _submit(client, headers, url=REPORT_URL):
    response = client.post(f"{url}/submit", headers=headers)
    assert response.status_code == 200, response.text
    return response


def test_a_new_draft_is_201_with_an_etag_and_the_values_as_sent(client, reden):
    response = _create(client, reden)
    assert response.headers["etag"] == '"1"'
    body = response.json()
    assert body["state"] == "draft"
    assert body["organisation"] == "REDEN"
    assert body["indicator_values"] == [
        {"indicator": "MH22-2.1-I1", "category": "", "value": 87.5, "comment": "average over the period"}
    ]
    assert body["allowed_actions"] == ["edit", "submit", "no-change"]


def test_the_etag_is_stable_between_reads_and_changes_with_every_update(client, reden):
    _create(client, reden)
    first = client.get(REPORT_URL, headers=reden).headers["etag"]
    assert client.get(REPORT_URL, headers=reden).headers["etag"] == first
    updated = client.put(REPORT_URL, json=report_body(narrative="Updated."), headers=reden | {"If-Match": first})
    assert updated.status_code == 200
    assert updated.headers["etag"] == '"2"' != first
    assert client.get(REPORT_URL, headers=reden).json()["narrative"] == "Updated."


def test_updating_without_if_match_is_428_and_changes_nothing(client, engine, reden):
    _create(client, reden)
    before = fingerprint(engine)
    response = client.put(REPORT_URL, json=report_body(narrative="Overwrite"), headers=reden)
    assert response.status_code == 428
    assert response.headers["content-type"].startswith(PROBLEM)
    assert "If-Match" in response.json()["detail"]
    assert fingerprint(engine) == before


def test_a_stale_if_match_is_412_and_changes_nothing(client, engine, reden):
    _create(client, reden)
    assert (
        client.put(REPORT_URL, json=report_body(narrative="A"), headers=reden | {"If-Match": '"1"'}).status_code == 200
    )
    before = fingerprint(engine)
    response = client.put(REPORT_URL, json=report_body(narrative="B"), headers=reden | {"If-Match": '"1"'})
    assert response.status_code == 412
    assert response.json()["type"].endswith("/precondition-failed")
    assert fingerprint(engine) == before


def test_if_match_on_a_report_not_written_yet_is_412(client, reden):
    response = client.put(REPORT_URL, json=report_body(), headers=reden | {"If-Match": '"1"'})
    assert response.status_code == 412


def test_the_same_idempotency_key_sent_twice_creates_one_report(client, engine, reden):
    headers = reden | {"Idempotency-Key": "0b6d3c1e-2f4a-4c55-9d1e-7a3f4e5d6c7b"}
    first = client.put(REPORT_URL, json=report_body(), headers=headers)
    second = client.put(REPORT_URL, json=report_body(), headers=headers)
    assert first.status_code == second.status_code == 201
    assert second.json() == first.json()
    assert second.headers["etag"] == first.headers["etag"]
    assert second.headers["idempotent-replayed"] == "true"
    with Session(engine) as session:
        assert len(session.exec(select(ProgressReport)).all()) == 1
    assert audit_actions(engine).count("report.create") == 1


def test_a_submission_retried_with_its_key_is_replayed_not_repeated(client, engine, reden):
    _create(client, reden)
    headers = reden | {"Idempotency-Key": "submit-2025-h2"}
    first = client.post(f"{REPORT_URL}/submit", headers=headers)
    second = client.post(f"{REPORT_URL}/submit", headers=headers)
    assert first.status_code == second.status_code == 200
    assert second.json()["version"] == first.json()["version"] == 2
    assert audit_actions(engine).count("report.submit") == 1


def test_the_same_key_with_a_different_body_is_422_and_changes_nothing(client, engine, reden):
    headers = reden | {"Idempotency-Key": "key-1"}
    assert client.put(REPORT_URL, json=report_body(), headers=headers).status_code == 201
    before = fingerprint(engine)
    response = client.put(REPORT_URL, json=report_body(narrative="Different"), headers=headers)
    assert response.status_code == 422
    assert response.json()["type"].endswith("/idempotency-key-reused")
    assert fingerprint(engine) == before


def test_idempotency_keys_belong_to_one_token(client, make_headers, reden):
    other_reden_client = make_headers("REDEN", "reporter")
    assert client.put(REPORT_URL, json=report_body(), headers=reden | {"Idempotency-Key": "k"}).status_code == 201
    # The same key from another token is a new request: here an update without If-Match, hence 428.
    response = client.put(REPORT_URL, json=report_body(), headers=other_reden_client | {"Idempotency-Key": "k"})
    assert response.status_code == 428


def test_a_request_that_failed_can_be_retried_with_the_same_key(client, reden):
    headers = reden | {"Idempotency-Key": "retry-me"}
    assert client.put(REPORT_URL, json=report_body(status="delayed"), headers=headers).status_code == 422
    assert client.put(REPORT_URL, json=report_body(), headers=headers).status_code == 201


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("state", "approved"),
        ("organisation", "DRK"),
        ("organisation_id", 3),
        ("version", 7),
        ("id", 1),
        ("approved_by", "token:1"),
        ("approved_at", "2026-01-01T00:00:00Z"),
        ("review_comment", "fine"),
        ("carried_forward", True),
        ("initiative_id", 2),
        ("period_id", 2),
        ("created_at", "2020-01-01T00:00:00Z"),
    ],
)
def test_fields_a_client_may_not_set_are_422_and_change_nothing(client, engine, reden, field, value):
    _create(client, reden)
    before = fingerprint(engine)
    response = client.put(REPORT_URL, json=report_body(**{field: value}), headers=reden | {"If-Match": '"1"'})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith(PROBLEM)
    assert [e["field"] for e in response.json()["errors"]] == [field]
    assert fingerprint(engine) == before


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"narrative": "The woman (CPR 010165-1234) was housed."}, "narrative"),
        ({"narrative": "Ref. 0101651234 moved out"}, "narrative"),
        ({"risks": "See 290200 1234"}, "risks"),
        (
            {"indicator_values": [{"indicator": "MH22-2.1-I1", "value": 1, "comment": "310190-4321 left"}]},
            "indicator_values[0].comment",
        ),
    ],
)
def test_free_text_with_a_cpr_number_is_refused_with_a_clear_message(client, engine, reden, overrides, field):
    before = fingerprint(engine)
    response = client.put(REPORT_URL, json=report_body(**overrides), headers=reden)
    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert error["field"] == field
    assert "CPR number" in error["message"]
    assert "aggregate" in error["message"]
    assert find_cpr_like(response.text) is None  # the refusal never repeats the number
    assert fingerprint(engine) == before


@pytest.mark.parametrize(
    "text_", ["Case 2024-0001 closed", "Phone +45 12 34 56 78", "320165-1234 is no date", "DKK 1.250.000"]
)
def test_numbers_that_are_not_cpr_shaped_are_accepted(client, reden, text_):
    assert client.put(REPORT_URL, json=report_body(narrative=text_), headers=reden).status_code == 201


def test_text_longer_than_its_limit_is_422(client, reden):
    response = client.put(REPORT_URL, json=report_body(narrative="x" * 4001), headers=reden)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "narrative"
    assert client.put(REPORT_URL, json=report_body(risks="x" * 2001), headers=reden).status_code == 422


@pytest.mark.parametrize("status", ["at_risk", "delayed"])
def test_an_explanation_is_required_when_at_risk_or_delayed(client, reden, status):
    assert client.put(REPORT_URL, json=report_body(status=status), headers=reden).status_code == 422
    ok = client.put(REPORT_URL, json=report_body(status=status, explanation="Lease ends early."), headers=reden)
    assert ok.status_code == 201


def test_indicator_codes_and_categories_must_belong_to_the_initiative(client, engine, make_headers):
    lige = make_headers("LIGE", "reporter")
    url = "/initiatives/MH22-X.1/reports/2025-H2"
    bad = report_body(
        indicator_values=[
            {"indicator": "MH22-2.1-I1", "value": 1},
            {"indicator": "MH22-X.1-I1", "category": "sex:unknown", "value": 2},
        ]
    )
    before = fingerprint(engine)
    response = client.put(url, json=bad, headers=lige)
    assert response.status_code == 422
    fields = [e["field"] for e in response.json()["errors"]]
    assert fields == ["indicator_values[0].indicator", "indicator_values[1].category"]
    assert fingerprint(engine) == before
    good = report_body(
        indicator_values=[
            {"indicator": "MH22-X.1-I1", "value": 80},
            {"indicator": "MH22-X.1-I1", "category": "sex:women", "value": 60},
            {"indicator": "MH22-X.1-I1", "category": "sex:men", "value": 20},
        ]
    )
    response = client.put(url, json=good, headers=lige)
    assert response.status_code == 201
    assert [(v["category"], v["value"]) for v in response.json()["indicator_values"]] == [
        ("", 80),
        ("sex:men", 20),
        ("sex:women", 60),
    ]


def test_the_same_indicator_value_twice_is_422(client, reden):
    values = [{"indicator": "MH22-2.1-I1", "value": 1}, {"indicator": "MH22-2.1-I1", "value": 2}]
    assert client.put(REPORT_URL, json=report_body(indicator_values=values), headers=reden).status_code == 422


def test_a_moved_milestone_needs_a_reason_and_is_kept_in_the_slip_ledger(client, engine, make_headers):
    lige = make_headers("LIGE", "reporter")
    url = "/initiatives/MH22-X.1/reports/2025-H2"
    title = "Årsrapport om menneskehandel 2025"
    no_reason = report_body(indicator_values=[], milestones=[{"title": title, "new_due": "2026-09-30"}])
    assert client.put(url, json=no_reason, headers=lige).status_code == 422
    moved = report_body(
        indicator_values=[],
        milestones=[
            {"title": title, "new_due": "2026-09-30", "reason": "Data from the police arrive late."},
            {"title": "Årsrapport om menneskehandel 2024", "done_on": "2025-08-15"},
        ],
    )
    response = client.put(url, json=moved, headers=lige)
    assert response.status_code == 201, response.text
    slips = response.json()["milestones"]
    assert [(m["title"], m["days_slipped"], m["done_on"]) for m in slips] == [
        (title, 92, None),
        ("Årsrapport om menneskehandel 2024", 0, "2025-08-15"),
    ]
    with Session(engine) as session:
        milestone = session.exec(select(Milestone).where(Milestone.title == title)).one()
        # A draft changes nothing public: the plan's milestone moves when the report is approved.
        assert (milestone.due, milestone.original_due) == (date(2026, 6, 30), date(2026, 6, 30))
        ledger = session.exec(select(MilestoneSlip).where(MilestoneSlip.milestone_id == milestone.id)).all()
        assert [(s.old_due, s.new_due, s.days_slipped, s.reason) for s in ledger] == [
            (date(2026, 6, 30), date(2026, 9, 30), 92, "Data from the police arrive late.")
        ]
    # Saving the same update again moves nothing a second time.
    again = client.put(url, json=moved, headers=lige | {"If-Match": response.headers["etag"]})
    assert again.status_code == 200
    assert len(again.json()["milestones"]) == 2


def test_an_unknown_milestone_is_422(client, reden):
    body = report_body(milestones=[{"title": "No such milestone", "done_on": "2025-10-01"}])
    response = client.put(REPORT_URL, json=body, headers=reden)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "milestones[0].title"


def test_a_submitted_report_cannot_be_edited_and_the_409_names_the_allowed_steps(client, engine, reden):
    _create(client, reden)
    etag = _submit(client, reden).headers["etag"]
    before = fingerprint(engine)
    response = client.put(REPORT_URL, json=report_body(), headers=reden | {"If-Match": etag})
    assert response.status_code == 409
    body = response.json()
    assert body["type"].endswith("/invalid-transition")
    assert body["state"] == "submitted"
    assert body["allowed"] == []
    assert fingerprint(engine) == before


def test_returning_needs_a_comment(client, reden, secretariat):
    _create(client, reden)
    _submit(client, reden)
    assert client.post(f"{REPORT_URL}/return", json={}, headers=secretariat).status_code == 422
    assert client.post(f"{REPORT_URL}/return", json={"comment": "  "}, headers=secretariat).status_code == 422


def test_approval_locks_the_report_and_stores_a_revision(client, engine, reden, secretariat):
    _create(client, reden)
    _submit(client, reden)
    approved = client.post(f"{REPORT_URL}/approve", json={"comment": "Thank you"}, headers=secretariat)
    assert approved.status_code == 200
    assert approved.json()["state"] == "approved"
    assert approved.json()["allowed_actions"] == ["amend"]
    assert client.get(REPORT_URL, headers=reden).json()["allowed_actions"] == []
    edit = client.put(REPORT_URL, json=report_body(), headers=reden | {"If-Match": approved.headers["etag"]})
    assert edit.status_code == 409
    with Session(engine) as session:
        revisions = session.exec(select(ReportRevision)).all()
        assert [(r.version, r.status) for r in revisions] == [(3, "on_track")]
        assert json.loads(revisions[0].content)["indicator_values"] == {
            "MH22-2.1-I1": {"value": 87.5, "comment": "average over the period"}
        }


def test_the_secretariat_amends_an_approved_report_only_with_a_reason(client, engine, reden, secretariat):
    _create(client, reden)
    _submit(client, reden)
    client.post(f"{REPORT_URL}/approve", headers=secretariat)
    amend_url = f"{REPORT_URL}/amend"
    assert client.post(amend_url, json=report_body(spent_dkk=1_300_000), headers=secretariat).status_code == 422
    assert client.post(amend_url, json=report_body(reason="Audited accounts"), headers=reden).status_code == 403
    response = client.post(
        amend_url, json=report_body(spent_dkk=1_300_000, reason="Audited accounts"), headers=secretariat
    )
    assert response.status_code == 200, response.text
    assert response.json()["state"] == "approved"
    assert response.json()["spent_dkk"] == 1_300_000
    with Session(engine) as session:
        assert [r.reason for r in session.exec(select(ReportRevision).order_by(ReportRevision.id)).all()] == [
            "approved",
            "Audited accounts",
        ]
    history = client.get(f"/initiatives/{INITIATIVE}/history", headers=secretariat).json()["data"]
    amend = history[-1]
    assert (amend["action"], amend["reason"]) == ("report.amend", "Audited accounts")
    assert (amend["before"]["spent_dkk"], amend["after"]["spent_dkk"]) == (1_250_000, 1_300_000)


def _approved_report_in_an_earlier_period(engine):
    """An approved 2025-H1 report, as if reviewed before that period locked."""
    with Session(engine) as session:
        initiative_id = session.exec(text("SELECT id FROM initiative WHERE code = :c").bindparams(c=INITIATIVE)).one()[
            0
        ]
        period = session.exec(select(ReportingPeriod).where(ReportingPeriod.label == "2025-H1")).one()
        report = ProgressReport(
            initiative_id=initiative_id,
            period_id=period.id,
            organisation_id=session.exec(text("SELECT id FROM organisation WHERE code = 'REDEN'")).one()[0],
            status="on_track",
            narrative="Approved in the summer.",
            spent_dkk=900_000,
            state=ReportState.APPROVED,
        )
        session.add(report)
        session.commit()


def test_no_change_carries_the_last_approved_report_forward_as_submitted(client, engine, reden):
    assert client.post(f"{REPORT_URL}/no-change", headers=reden).status_code == 409
    _approved_report_in_an_earlier_period(engine)
    response = client.post(f"{REPORT_URL}/no-change", headers=reden | {"Idempotency-Key": "nc-1"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["state"], body["carried_forward"]) == ("submitted", True)
    assert (body["narrative"], body["spent_dkk"]) == ("Approved in the summer.", 900_000)
    replay = client.post(f"{REPORT_URL}/no-change", headers=reden | {"Idempotency-Key": "nc-1"})
    assert replay.json() == body
    with Session(engine) as session:
        assert len(session.exec(select(ProgressReport)).all()) == 2


def test_a_locked_period_refuses_reporters_until_the_secretariat_unlocks_it_with_a_reason(
    client, engine, reden, secretariat
):
    _create(client, reden)
    assert client.post(f"/periods/{PERIOD}/lock", headers=reden).status_code == 403
    locked = client.post(f"/periods/{PERIOD}/lock", json={"reason": "Report to the minister"}, headers=secretariat)
    assert locked.status_code == 200
    assert locked.json()["state"] == "locked"
    response = client.put(REPORT_URL, json=report_body(), headers=reden | {"If-Match": '"1"'})
    assert response.status_code == 409
    assert response.json()["type"].endswith("/period-locked")
    assert client.get(REPORT_URL, headers=reden).json()["period_locked"] is True
    assert client.post(f"/periods/{PERIOD}/unlock", json={}, headers=secretariat).status_code == 422
    unlocked = client.post(f"/periods/{PERIOD}/unlock", json={"reason": "REDEN asked for a week"}, headers=secretariat)
    assert unlocked.status_code == 200
    assert client.put(REPORT_URL, json=report_body(), headers=reden | {"If-Match": '"1"'}).status_code == 200
    assert audit_actions(engine)[-3:] == ["period.lock", "period.unlock", "report.update"]


def test_the_secretariat_amends_a_draft_in_a_locked_period(client, reden, secretariat):
    _create(client, reden)
    client.post(f"/periods/{PERIOD}/lock", headers=secretariat)
    response = client.post(
        f"{REPORT_URL}/amend", json=report_body(narrative="Fixed", reason="Typo"), headers=secretariat
    )
    assert response.status_code == 200
    assert (response.json()["state"], response.json()["narrative"]) == ("draft", "Fixed")


def test_a_period_locks_by_itself_the_configured_days_after_its_due_date(client, engine, clock, reden):
    settings = Settings(period_autolock_days=30)
    events_before = audit_actions(engine)
    with Session(engine) as session:
        assert autolock_periods(session, now=clock.now, settings=settings) == ["2025-H2"]
        assert autolock_periods(session, now=clock.now, settings=settings) == []
        session.commit()
        period = session.exec(select(ReportingPeriod).where(ReportingPeriod.label == PERIOD)).one()
        assert period.state == PeriodState.LOCKED
    assert audit_actions(engine)[len(events_before) :] == ["period.autolock"]
    assert client.put(REPORT_URL, json=report_body(), headers=reden).status_code == 409


def test_writes_are_refused_once_the_autolock_date_passed_even_before_the_job_ran(client, clock, reden):
    clock.now += timedelta(days=70)  # 2027-02-07: 365 days after the due date (and the tokens still valid)
    response = client.put(REPORT_URL, json=report_body(), headers=reden)
    assert response.status_code == 409
    assert response.json()["type"].endswith("/period-locked")


def test_the_due_list_puts_missing_and_overdue_reports_first(client, make_headers):
    cmm = make_headers("CMM", "reporter")
    client.put("/initiatives/MH22-1.1/reports/2025-H2", json=report_body(indicator_values=[]), headers=cmm)
    body = client.get("/me/due", headers=cmm).json()
    assert body["organisation"] == "CMM"
    codes = [(i["initiative"], i["missing"], i["report_state"]) for i in body["data"]]
    assert codes[-1] == ("MH22-1.1", False, "draft")
    assert all(missing for _, missing, _ in codes[:-1])
    assert all(i["period"] == "2025-H2" and i["due"] == "2026-01-31" and i["overdue"] for i in body["data"])


def test_the_secretariat_can_see_any_organisations_due_list_and_others_cannot(client, reden, secretariat):
    assert client.get("/me/due?organisation=REDEN", headers=secretariat).json()["data"][0]["initiative"] == INITIATIVE
    assert client.get("/me/due?organisation=CMM", headers=reden).status_code == 403


def test_history_is_for_the_lead_organisation_and_the_secretariat(client, make_headers, reden, secretariat):
    _create(client, reden)
    assert client.get(f"/initiatives/{INITIATIVE}/history", headers=reden).status_code == 200
    assert client.get(f"/initiatives/{INITIATIVE}/history", headers=make_headers("DRK", "reporter")).status_code == 403
    assert client.get(f"/initiatives/{INITIATIVE}/history", headers=make_headers("LIGE", "viewer")).status_code == 403
    assert client.get("/initiatives/NOPE/history", headers=secretariat).status_code == 404
