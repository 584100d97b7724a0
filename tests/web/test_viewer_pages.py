"""The minister's office's pages: approved data only, on every page, for every state a report can be in."""

from datetime import UTC, datetime

import pytest
from sqlmodel import Session, select

from actionplan.models import Indicator, Initiative, Milestone, ReportingPeriod
from actionplan.progress import IndicatorValue, MilestoneSlip, ProgressReport
from reports.i18n import STATUS
from tests.conftest import NOW
from tests.tracker.progress_support import fingerprint
from tests.web.support import PEOPLE, csrf_token, post_form
from tracker.audit.models import AuditEvent
from tracker.issued.models import ReportSnapshot
from tracker.issued.service import issue_report

APPROVED_CODE = "MH22-3.1"  # led by JM: two milestones and an indicator
HIDDEN_CODE = "MH22-X.1"  # led by LIGE; its unapproved reports must never reach a viewer
PAGES = [
    "/overblik",
    "/overblik?periode=2025-H2",
    "/overblik?periode=2025-H1",
    f"/overblik/initiativer/{APPROVED_CODE}",
    f"/overblik/initiativer/{HIDDEN_CODE}",
    "/overblik/statusrapporter",
]


def add_report(engine, code: str, period: str, state: str, marker: str, status: str = "at_risk") -> int:
    with Session(engine) as session:
        initiative = session.exec(select(Initiative).where(Initiative.code == code)).one()
        row = session.exec(select(ReportingPeriod).where(ReportingPeriod.label == period)).one()
        report = ProgressReport(
            initiative_id=initiative.id,
            period_id=row.id,
            organisation_id=initiative.lead_id,
            status=status,
            narrative=f"{marker} narrative",
            explanation=f"{marker} explanation",
            risks=f"{marker} risks",
            next_steps=f"{marker} next steps",
            state=state,
            approved_at=datetime(2026, 2, 1, 10, tzinfo=UTC) if state == "approved" else None,
        )
        session.add(report)
        session.flush()
        indicator = session.exec(select(Indicator).where(Indicator.initiative_id == initiative.id)).first()
        if indicator is not None:
            session.add(IndicatorValue(report_id=report.id, indicator_id=indicator.id, category="", value=1234.5))
        milestone = session.exec(select(Milestone).where(Milestone.initiative_id == initiative.id)).first()
        if milestone is not None:
            session.add(
                MilestoneSlip(
                    milestone_id=milestone.id,
                    report_id=report.id,
                    old_due=milestone.due,
                    new_due=milestone.due.replace(year=milestone.due.year + 1),
                    days_slipped=365,
                    reason=f"{marker} slip reason",
                    at=NOW,
                )
            )
        session.commit()
        assert report.id is not None
        return report.id


@pytest.fixture
def reports_in_every_state(engine):
    add_report(engine, APPROVED_CODE, "2025-H1", "approved", "GODKENDT-H1", status="on_track")
    add_report(engine, APPROVED_CODE, "2025-H2", "approved", "GODKENDT-H2")
    for state, period in (("draft", "2025-H2"), ("submitted", "2025-H1"), ("returned", "2024-H2")):
        add_report(engine, HIDDEN_CODE, period, state, f"HEMMELIG-{state}")


def test_the_overview_shows_approved_status_strips_attention_and_changes(signed_in, reports_in_every_state):
    viewer = signed_in("viewer")
    page = viewer.get("/overblik?periode=2025-H2")
    assert page.status_code == 200
    assert page.text.count("<h1") == 1
    assert "Status pr. indsatsområde" in page.text
    assert "GODKENDT-H2 explanation" in page.text  # at risk: its explanation is shown
    assert "GODKENDT-H2 risks" in page.text
    assert f'href="/overblik/initiativer/{APPROVED_CODE}"' in page.text
    # The change since the previous period, in words (not colour alone): on track -> at risk.
    assert "Ændret status" in page.text
    assert STATUS["da"]["on_track"] in page.text
    assert STATUS["da"]["at_risk"] in page.text


def test_the_overview_is_built_once_until_the_data_changes(signed_in, engine, monkeypatch, reports_in_every_state):
    """The overview shares the status reports' cache: reading builds nothing new; a committed change shows at once."""
    import reports

    built = []
    build = reports.build_status_report
    monkeypatch.setattr(reports, "build_status_report", lambda *a, **k: built.append(a[2]) or build(*a, **k))
    viewer = signed_in("viewer")
    first = viewer.get("/overblik?periode=2025-H2").text
    assert "GODKENDT-H2 explanation" in viewer.get("/overblik?periode=2025-H2").text
    assert built == ["2025-H2"]
    assert "NY-GODKENDT explanation" not in first
    add_report(engine, "MH22-1.1", "2025-H2", "approved", "NY-GODKENDT", status="delayed")
    assert "NY-GODKENDT explanation" in viewer.get("/overblik?periode=2025-H2").text
    assert built == ["2025-H2", "2025-H2"]


def test_the_overviews_strips_are_the_briefings_strips(signed_in, engine, reports_in_every_state):
    """The page renders the status report's own strip (the one the briefing draws): they cannot disagree."""
    import re

    import reports

    page = signed_in("viewer").get("/overblik?periode=2025-H2").text
    with Session(engine) as session:
        report = reports.build_status_report(
            session, "mh-2022-2025", "2025-H2", lang="da", include_submitted=False, today=NOW.date()
        )
    rows = re.findall(r'<th scope="row"><a href="/overblik/initiativer/([^"]+)">[^<]+</a></th>(.*?)</tr>', page, re.S)
    shown = {
        code: [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", cells, re.S)]
        for code, cells in rows
    }
    assert [line.initiative for line in report.initiatives] == list(shown)
    for line in report.initiatives:
        expected = [STATUS["da"][c.status] if c.status else "– Ingen godkendt rapport" for c in line.strip]
        assert shown[line.initiative] == expected, line.initiative
    # Approved reports only: the approved initiative's two periods, and nothing of the hidden one's reports.
    assert shown[APPROVED_CODE][-2:] == [STATUS["da"]["on_track"], STATUS["da"]["at_risk"]]
    assert set(shown[HIDDEN_CODE]) == {"– Ingen godkendt rapport"}


def test_the_initiative_page_shows_owners_milestones_indicators_and_approved_reports(signed_in, reports_in_every_state):
    viewer = signed_in("viewer")
    page = viewer.get(f"/overblik/initiativer/{APPROVED_CODE}")
    assert page.status_code == 200
    text = page.text
    assert "(JM)" in text  # the lead
    assert "1.234,5" in text  # the approved value, in the table and the chart's text alternative
    assert 'role="img"' in text
    assert "GODKENDT-H1 narrative" in text
    assert "GODKENDT-H2 narrative" in text
    assert "GODKENDT-H2 slip reason" in text  # the slip ledger of approved reports
    assert "Milepæle" in text
    assert "Indikatorer" in text
    assert text.count("<h1") == 1


def test_a_viewer_never_sees_draft_submitted_or_returned_text_on_any_page(signed_in, engine, reports_in_every_state):
    with Session(engine) as session:
        issue_report(
            session,
            plan_slug="mh-2022-2025",
            period_label="2025-H1",
            fmt="html",
            lang="da",
            public=False,
            include_submitted=True,
            actor="test",
            now=NOW,
            tz=UTC,
        )
        session.commit()
    for who in ("viewer", "secretariat"):
        client = signed_in(who)
        for lang in ("da", "en"):
            client.get(f"/sprog/{lang}?next=/start")
            for url in PAGES:
                response = client.get(url)
                assert response.status_code == 200, (who, url)
                assert "HEMMELIG" not in response.text, (who, lang, url)
    viewer = signed_in("viewer")
    assert "statusrapporter/1" not in viewer.get("/overblik/statusrapporter").text
    assert viewer.get("/overblik/statusrapporter/1").status_code == 404


def test_an_issued_report_opens_from_its_page(signed_in, engine):
    with Session(engine) as session:
        snapshot, _ = issue_report(
            session,
            plan_slug="mh-2022-2025",
            period_label="2025-H1",
            fmt="html",
            lang="da",
            public=False,
            include_submitted=False,
            actor="test",
            now=NOW,
            tz=UTC,
        )
        session.commit()
        snapshot_id = snapshot.id
    viewer = signed_in("viewer")
    listing = viewer.get("/overblik/statusrapporter")
    assert f'href="/overblik/statusrapporter/{snapshot_id}"' in listing.text
    opened = viewer.get(f"/overblik/statusrapporter/{snapshot_id}")
    assert opened.status_code == 200
    assert opened.headers["content-type"].startswith("text/html")
    assert viewer.get("/overblik/statusrapporter/999").status_code == 404


def test_numbers_and_dates_are_danish_and_english(signed_in, reports_in_every_state):
    viewer = signed_in("viewer")
    da = viewer.get(f"/overblik/initiativer/{APPROVED_CODE}").text
    assert "1. februar 2026" in da
    viewer.get("/sprog/en?next=/start")
    en = viewer.get(f"/overblik/initiativer/{APPROVED_CODE}").text
    assert "1 February 2026" in en
    assert "Approved reports" in en


def test_who_opens_the_overview(signed_in):
    assert signed_in("viewer").get("/overblik").status_code == 200
    assert signed_in("secretariat").get("/overblik").status_code == 200
    assert signed_in("reporter").get("/overblik").status_code == 403


def test_an_unknown_initiative_is_a_page_not_found(signed_in):
    assert signed_in("viewer").get("/overblik/initiativer/NOPE").status_code == 404


def test_the_viewer_starts_on_the_overview(signed_in):
    viewer = signed_in("viewer")
    assert viewer.get("/", follow_redirects=False).headers["location"] == "/overblik"


def test_viewer_pages_write_nothing(signed_in, engine, reports_in_every_state):
    viewer = signed_in("viewer")
    before = fingerprint(engine)
    for url in PAGES:
        viewer.get(url)
        assert post_form(viewer, url.split("?")[0], {}).status_code in (403, 404, 405)
    assert fingerprint(engine) == before


def test_the_secretariat_issues_a_status_report_from_the_page_and_once_only(signed_in, engine):
    secretariat = signed_in("secretariat")
    page = secretariat.get("/overblik/statusrapporter")
    assert page.status_code == 200
    assert "Udsend en statusrapport" in page.text
    assert '<option value="2025-H2" selected>2. halvår 2025</option>' in page.text
    form = {
        "_csrf_token": csrf_token(secretariat),
        "period": "2025-H2",
        "format": "pdf",
        "lang": "da",
        "edition": "public",
    }
    first = secretariat.post("/overblik/statusrapporter", data=form, follow_redirects=False)
    assert first.status_code == 303
    listing = secretariat.get("/overblik/statusrapporter")
    assert "Statusrapporten er udsendt." in listing.text
    again = secretariat.post("/overblik/statusrapporter", data=form, follow_redirects=False)
    assert again.status_code == 303
    assert "allerede udsendt" in secretariat.get("/overblik/statusrapporter").text
    with Session(engine) as session:
        [snapshot] = session.exec(select(ReportSnapshot)).all()
        assert (snapshot.period_label, snapshot.format, snapshot.public) == ("2025-H2", "pdf", True)
        assert snapshot.generated_by.startswith("user:")
        events = session.exec(select(AuditEvent).where(AuditEvent.action == "report.issue")).all()
        assert [e.entity_key for e in events] == [str(snapshot.id)]


def test_the_issue_form_offers_the_periods_behind_us_by_the_same_rule_as_the_report(signed_in, clock):
    # 2025-H1 is due 31 July 2025. On that day (Copenhagen time) reports may still come in, so the report's
    # default period is 2024-H2 and the form neither offers nor accepts 2025-H1; from the next day on it does both.
    clock.now = datetime(2025, 7, 31, 21, 50, tzinfo=UTC)  # 23:50 in Copenhagen
    secretariat = signed_in("secretariat")
    page = secretariat.get("/overblik/statusrapporter")
    assert 'value="2025-H1"' not in page.text
    assert '<option value="2024-H2" selected>' in page.text
    form = {"_csrf_token": csrf_token(secretariat), "period": "2025-H1", "format": "pdf", "lang": "da"}
    refused = secretariat.post("/overblik/statusrapporter", data=form | {"edition": "internal"})
    assert refused.status_code == 422
    assert 'href="#issue-period"' in refused.text
    assert 'value="2025-H1"' not in refused.text
    clock.now = datetime(2025, 7, 31, 22, 10, tzinfo=UTC)  # 00:10 on 1 August in Copenhagen (signed in still)
    assert '<option value="2025-H1" selected>' in secretariat.get("/overblik/statusrapporter").text


def test_issuing_refuses_a_period_not_yet_due_and_is_for_the_secretariat_only(signed_in, engine):
    secretariat = signed_in("secretariat")
    form = {"_csrf_token": csrf_token(secretariat), "period": "2030-H1", "format": "docx", "lang": "da", "edition": "x"}
    refused = secretariat.post("/overblik/statusrapporter", data=form, follow_redirects=False)
    assert refused.status_code == 422
    assert 'href="#issue-period"' in refused.text
    assert 'href="#issue-format"' in refused.text
    viewer = signed_in("viewer")
    assert "Udsend en statusrapport" not in viewer.get("/overblik/statusrapporter").text
    tried = viewer.post(
        "/overblik/statusrapporter",
        data={
            "_csrf_token": csrf_token(viewer),
            "period": "2025-H2",
            "format": "pdf",
            "lang": "da",
            "edition": "internal",
        },
        follow_redirects=False,
    )
    assert tried.status_code == 403
    with Session(engine) as session:
        assert session.exec(select(ReportSnapshot)).all() == []


def test_the_cached_overview_carries_nobody_elses_name_or_token(signed_in, reports_in_every_state):
    """The overview's main part is rendered once and shared; the layout around it is each person's own."""
    import re

    pages = {}
    for who, name in (("viewer", PEOPLE["viewer"][1]), ("secretariat", PEOPLE["secretariat"][1])):
        client = signed_in(who)
        text = client.get("/overblik?periode=2025-H2").text
        assert name in text
        token = re.search(r'name="_csrf_token" value="([^"]+)"', text)
        assert token is not None
        pages[who] = (text, token.group(1))
    assert PEOPLE["secretariat"][1] not in pages["viewer"][0]
    assert PEOPLE["viewer"][1] not in pages["secretariat"][0]
    assert pages["viewer"][1] != pages["secretariat"][1]
    main = [re.search(r"<main.*</main>", text, re.S) for text, _token in pages.values()]
    assert main[0] is not None
    assert main[1] is not None
    assert main[0].group(0) == main[1].group(0)
