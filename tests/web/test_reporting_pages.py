"""Reporters' and the secretariat's pages on the same services as the API: rows, audit events, refusals."""

from sqlmodel import Session, select

from actionplan.models import Initiative, ReportingPeriod
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
    assert "1 indsendt rapport venter. Den ældste står først." in queue.text
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


def test_a_report_form_posted_without_the_csrf_token_changes_nothing(signed_in, engine):
    client = signed_in("reporter")
    before = fingerprint(engine)
    response = client.post(REPORT_PAGE, data=report_form(), follow_redirects=False)
    assert response.status_code == 403
    forged = client.post(REPORT_PAGE, data=report_form() | {"_csrf_token": "forged"}, follow_redirects=False)
    assert forged.status_code == 403
    assert fingerprint(engine) == before


def test_no_change_without_an_earlier_approved_report_says_so_on_the_page(signed_in, engine):
    client = signed_in("reporter")
    before = fingerprint(engine)
    response = post_form(client, REPORT_PAGE, {"action": "no_change"})
    assert response.status_code == 422
    assert 'href="#no-change"' in response.text
    assert fingerprint(engine) == before


def test_no_change_carries_the_last_approved_report_forward(signed_in, engine):
    with Session(engine) as session:
        initiative = session.exec(select(Initiative).where(Initiative.code == INITIATIVE)).one()
        earlier = session.exec(select(ReportingPeriod).where(ReportingPeriod.label == "2025-H1")).one()
        session.add(
            ProgressReport(
                initiative_id=initiative.id,
                period_id=earlier.id,
                organisation_id=initiative.lead_id,
                status="on_track",
                narrative="Both shelters open.",
                state="approved",
            )
        )
        session.commit()
        earlier_id = earlier.id
    client = signed_in("reporter")
    response = post_form(client, REPORT_PAGE, {"action": "no_change"})
    assert response.status_code == 303
    with Session(engine) as session:
        carried = session.exec(select(ProgressReport).where(ProgressReport.period_id != earlier_id)).one()
    assert (carried.state, carried.carried_forward, carried.narrative) == ("submitted", True, "Both shelters open.")


def test_with_htmx_errors_come_back_as_the_page_and_success_as_hx_redirect(signed_in):
    client = signed_in("reporter")
    htmx = {"HX-Request": "true"}
    failed = post_form(client, REPORT_PAGE, report_form(status=""), headers=htmx)
    assert failed.status_code == 422
    assert 'id="report-region"' in failed.text
    saved = post_form(client, REPORT_PAGE, report_form(action="save"), headers=htmx)
    assert saved.status_code == 200
    assert saved.headers["HX-Redirect"] == REPORT_PAGE


def test_what_people_type_is_shown_escaped(signed_in):
    client = signed_in("reporter")
    probe = '<script>alert("x")</script>'
    assert post_form(client, REPORT_PAGE, report_form(action="save", narrative=probe)).status_code == 303
    page = client.get(REPORT_PAGE).text
    assert probe not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page


def test_numbers_are_read_and_shown_in_the_pages_language(signed_in, engine):
    client = signed_in("reporter")
    client.get("/sprog/en?next=/start")
    saved = post_form(
        client, REPORT_PAGE, report_form(action="save", spent_dkk="1,250,000.5", **{"value-MH22-2-1-I1-total": "87.5"})
    )
    assert saved.status_code == 303
    with Session(engine) as session:
        report = session.exec(select(ProgressReport)).one()
    assert report.spent_dkk == 1_250_000.5
    page = client.get(REPORT_PAGE).text
    assert 'value="1,250,000.5"' in page
    assert 'value="87.5"' in page


def test_a_cpr_number_in_the_narrative_is_refused_in_danish(signed_in, engine):
    client = signed_in("reporter")
    before = fingerprint(engine)
    response = post_form(client, REPORT_PAGE, report_form(narrative="Kvinde med cpr 010190-1234 fik husly."))
    assert response.status_code == 422
    assert "ligner et CPR-nummer" in response.text
    assert "010190-1234" in response.text  # kept in the field so it can be corrected, never stored
    assert fingerprint(engine) == before


def test_a_viewer_opens_the_start_page_but_not_the_reporting_pages(signed_in):
    viewer = signed_in("viewer")
    assert viewer.get("/start").status_code == 200
    assert viewer.get("/indberetning").status_code == 403
    assert viewer.get(REPORT_PAGE).status_code == 403
    assert viewer.get("/sekretariat/review").status_code == 403


def test_the_secretariat_looks_at_any_organisations_due_list(signed_in):
    secretariat = signed_in("secretariat")
    page = secretariat.get("/indberetning?organisation=REDEN")
    assert page.status_code == 200
    assert INITIATIVE in page.text
    assert '<option value="REDEN" selected>' in page.text
    reporter = signed_in("reporter")
    assert reporter.get("/indberetning?organisation=DRK").status_code == 404


def test_a_reporter_gives_delivery_confidence_on_the_form(signed_in, engine):
    client = signed_in("reporter")
    assert "Sikkerhed for levering" in client.get(REPORT_PAGE).text
    saved = post_form(client, REPORT_PAGE, report_form(action="save", confidence="low"))
    assert saved.status_code == 303, saved.text
    with Session(engine) as session:
        report = session.exec(select(ProgressReport)).one()
    assert report.confidence == "low"
    page = client.get(REPORT_PAGE)
    assert '<option value="low" selected>Lav</option>' in page.text
    refused = post_form(client, REPORT_PAGE, report_form(action="save", confidence="certain", version="1"))
    assert refused.status_code == 422
    with Session(engine) as session:
        assert session.exec(select(ProgressReport)).one().confidence == "low"
