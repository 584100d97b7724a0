"""Reporters' and the secretariat's pages on the same services as the API: rows, audit events, refusals."""

from sqlmodel import Session, select

from actionplan.progress import ProgressReport
from tests.tracker.progress_support import INITIATIVE, PERIOD, fingerprint
from tests.web.support import post_form
from tracker.audit.models import AuditEvent

REPORT_PAGE = f"/indberetning/{PERIOD}/{INITIATIVE}"
REVIEW_PAGE = f"/sekretariat/review/{PERIOD}/{INITIATIVE}"


def report_form(**overrides: str) -> dict[str, str]:
    form = {
        "status": "at_risk",
        "explanation": "One shelter closed for repairs in October.",
        "narrative": "Both shelters open most of the period; 38 women housed.",
        "next_steps": "Renew the lease of the second site.",
        "risks": "Staff turnover.",
        "spent_dkk": "1.250.000",
        "forecast_status": "on_track",
        "forecast_note": "",
        "value-MH22-2-1-I1-total": "87,5",
        "action": "submit",
    }
    form.update(overrides)
    return form


def test_the_due_list_shows_what_is_missing(signed_in):
    client = signed_in("reporter")
    page = client.get("/indberetning")
    assert page.status_code == 200
    assert INITIATIVE in page.text
    assert "Ikke påbegyndt" in page.text
    assert page.text.count("<h1") == 1


def test_a_reporter_saves_a_draft_and_submits_it(signed_in, engine):
    client = signed_in("reporter")
    form = client.get(REPORT_PAGE)
    assert form.status_code == 200
    saved = post_form(client, REPORT_PAGE, report_form(action="save"))
    assert saved.status_code == 303, saved.text
    assert saved.headers["location"] == REPORT_PAGE
    page = client.get(REPORT_PAGE)
    assert "Kladden er gemt." in page.text
    assert 'value="87,5"' in page.text
    assert 'value="1.250.000"' in page.text
    submitted = post_form(client, REPORT_PAGE, report_form(version="1"))
    assert submitted.status_code == 303, submitted.text
    with Session(engine) as session:
        report = session.exec(select(ProgressReport)).one()
        actions = session.exec(
            select(AuditEvent.actor, AuditEvent.action).where(AuditEvent.entity == "progress_report")
        ).all()
    assert report.state == "submitted"
    assert report.spent_dkk == 1_250_000
    assert [a for _, a in actions] == ["report.create", "report.update", "report.submit"]
    assert {actor for actor, _ in actions} == {"user:1"}


def test_errors_come_back_as_422_with_the_full_page_and_change_nothing(signed_in, engine):
    client = signed_in("reporter")
    before = fingerprint(engine)
    response = post_form(client, REPORT_PAGE, report_form(explanation="", **{"value-MH22-2-1-I1-total": "mange"}))
    assert response.status_code == 422
    assert "<title>Fejl: " in response.text
    assert 'href="#explanation"' in response.text
    assert 'href="#value-MH22-2-1-I1-total"' in response.text
    assert 'value="mange"' in response.text
    assert fingerprint(engine) == before


def test_another_organisation_gets_404_on_every_page_of_the_draft(signed_in, engine):
    owner = signed_in("reporter")
    assert post_form(owner, REPORT_PAGE, report_form(action="save")).status_code == 303
    other = signed_in("other")
    before = fingerprint(engine)
    assert other.get(REPORT_PAGE).status_code == 404
    assert post_form(other, REPORT_PAGE, report_form(action="save")).status_code == 404
    assert post_form(other, REPORT_PAGE, report_form()).status_code == 404
    assert post_form(other, REPORT_PAGE, {"action": "no_change"}).status_code == 404
    assert other.get(f"/indberetning/initiativ/{INITIATIVE}/historik").status_code == 404
    assert "Anna" not in other.get("/indberetning").text
    assert fingerprint(engine) == before
    with Session(engine) as session:
        denied = session.exec(select(AuditEvent).where(AuditEvent.action == "authz.denied")).all()
    assert len(denied) >= 3


def test_the_secretariat_returns_and_then_approves(signed_in, engine):
    reporter = signed_in("reporter")
    assert post_form(reporter, REPORT_PAGE, report_form()).status_code == 303
    secretariat = signed_in("secretariat")
    queue = secretariat.get("/sekretariat/review")
    assert REVIEW_PAGE in queue.text
    review = secretariat.get(REVIEW_PAGE)
    assert "Før" in review.text
    assert "Efter" in review.text
    empty = post_form(secretariat, REVIEW_PAGE, {"action": "return", "comment": "", "version": "2"})
    assert empty.status_code == 422
    returned = post_form(
        secretariat, REVIEW_PAGE, {"action": "return", "comment": "Tilføj tal for oktober.", "version": "2"}
    )
    assert returned.status_code == 303
    page = reporter.get(REPORT_PAGE)
    assert "Tilføj tal for oktober." in page.text
    assert (
        post_form(reporter, REPORT_PAGE, report_form(version="3", narrative="Tal for oktober tilføjet.")).status_code
        == 303
    )
    approved = post_form(secretariat, REVIEW_PAGE, {"action": "approve", "comment": "", "version": "5"})
    assert approved.status_code == 303, approved.text
    with Session(engine) as session:
        assert session.exec(select(ProgressReport.state)).one() == "approved"


def test_reporters_do_not_open_the_review_queue(signed_in):
    assert signed_in("reporter").get("/sekretariat/review").status_code == 403
