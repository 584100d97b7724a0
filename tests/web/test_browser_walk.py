"""The reporting walk in a real browser, with JavaScript on and off, in Danish and English, checked by axe-core.

A reporter signs in by a mail link (read from a real SMTP server), fills in and submits a report with an
indicator value and a moved milestone; the secretariat returns it with a comment; the reporter corrects and
resubmits; the secretariat approves. Every page on the way has no axe-core violation. The reporter's part also
works with the keyboard alone.
"""

import os
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, col, select

from actionplan.models import Milestone
from actionplan.progress import IndicatorValue, MilestoneSlip, ProgressReport
from tests.web.browser import Checker, Live, open_context, sign_in, tab_to
from tests.web.support import PEOPLE
from tracker.audit.models import AuditEvent

INITIATIVE = "MH22-X.1"  # led by LIGE: open milestones and an indicator by sex and form of exploitation
PERIOD = "2025-H2"
REPORT = f"/indberetning/{PERIOD}/{INITIATIVE}"
REVIEW = f"/sekretariat/review/{PERIOD}/{INITIATIVE}"
# TRACKER_SCREENSHOTS=1 refreshes the README's screenshots of each role's first page (Danish, JavaScript on).
SCREENSHOTS = Path(__file__).parents[2] / "docs" / "screenshots"
MOVED = 3  # "Årsrapport om menneskehandel 2025", due 30 June 2026
TOTAL = "value-MH22-X-1-I1-total"
WOMEN = "value-MH22-X-1-I1-sex-women"


def screenshot(page: Any, js: bool, lang: str, name: str) -> None:
    if os.environ.get("TRACKER_SCREENSHOTS") and js and lang == "da":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True, animations="disabled", caret="hide")


def the_ministers_office_sees_it(
    chromium: Any, live: Live, check: Checker, *, js: bool, lang: str, code: str, explanation: str, narrative: str
) -> Any:
    """Sign the viewer in (lands on the overview), find the approved report there and on the initiative's page."""
    context = open_context(chromium, live, js=js, lang=lang)
    viewer = context.new_page()
    sign_in(viewer, live, check, "viewer", js, "/overblik")
    assert explanation in viewer.locator("#main-content").inner_text(), "the at-risk explanation is on the overview"
    viewer.click(
        f"#attention a[href='/overblik/initiativer/{code}'], .app-attention a[href='/overblik/initiativer/{code}']"
    )
    viewer.wait_for_url(f"**/overblik/initiativer/{code}")
    check(viewer, js, "viewer: initiative")
    assert narrative in viewer.locator("#main-content").inner_text()
    assert viewer.locator("svg[role=img]").count() >= 1, "the indicator chart, with its text alternative"
    viewer.goto(live.url + "/overblik/statusrapporter")
    check(viewer, js, "viewer: issued reports")
    viewer.goto(live.url + "/overblik")
    return context, viewer


def submit_and_wait(page: Any, selector: str, url_glob: str) -> None:
    page.click(selector)
    page.wait_for_url(url_glob)


@pytest.mark.slow
@pytest.mark.parametrize(("js", "lang"), [(True, "da"), (False, "da"), (True, "en"), (False, "en")])
def test_report_return_correct_approve(chromium, live: Live, js: bool, lang: str) -> None:
    check = Checker(chromium, live)
    reporter_context = open_context(chromium, live, js=js, lang=lang)
    secretariat_context = open_context(chromium, live, js=js, lang=lang)
    reporter = reporter_context.new_page()
    secretariat = secretariat_context.new_page()

    # The reporter signs in by mail link and lands on "Mine indberetninger".
    sign_in(reporter, live, check, "lige", js, "/indberetning")
    reporter.click(f"a[href='{REPORT}']")
    reporter.wait_for_url(f"**{REPORT}")
    check(reporter, js, "reporter: empty form")

    # Submitting "at risk" without an explanation: 422, the error summary, and (with JS) focus on it.
    reporter.check("#status-at_risk")
    reporter.fill(f"#{TOTAL}", "12")
    if js:  # a marker that survives only if htmx swaps the form instead of loading a new page
        reporter.evaluate("() => { window.notReloaded = true; }")
    reporter.click("button[name=action][value=submit]")
    reporter.locator("[data-module=error-summary]").wait_for()
    assert reporter.title().startswith(("Fejl:", "Error:"))
    if js:
        assert reporter.evaluate("() => window.notReloaded === true"), "htmx swapped only the form"
        assert reporter.evaluate("() => document.activeElement.matches('[data-module=error-summary]')")
    assert reporter.locator("a[href='#explanation']").count() == 1
    check(reporter, js, "reporter: form with errors")

    reporter.fill("#explanation", "Årsrapporten for 2025 venter på tal fra politiet.")
    reporter.fill("#narrative", "Henvisningsmekanismen er i drift; 112 personer blev vurderet som ofre i 2023.")
    reporter.fill(f"#{WOMEN}", "7")
    reporter.fill(f"#milestone-{MOVED}-new-due", "30.09.2026")
    reporter.fill(f"#milestone-{MOVED}-reason", "Politiets tal kommer først i august.")
    submit_and_wait(reporter, "button[name=action][value=submit]", "**/indberetning")
    assert reporter.locator("#status").inner_text().strip()
    check(reporter, js, "reporter: submitted")
    screenshot(reporter, js, lang, "reporter")

    # The secretariat returns it with a comment.
    sign_in(secretariat, live, check, "secretariat", js, "/sekretariat/review")
    secretariat.click(f"a[href='{REVIEW}']")
    secretariat.wait_for_url(f"**{REVIEW}")
    assert secretariat.locator("table.app-diff thead th").count() == 4  # field, before, after, kind
    check(secretariat, js, "secretariat: review")
    screenshot(secretariat, js, lang, "review")
    secretariat.goto(live.url + "/sekretariat/review")
    screenshot(secretariat, js, lang, "secretariat")
    secretariat.goto(live.url + REVIEW)
    secretariat.click("button[name=action][value=return]")
    secretariat.locator("[data-module=error-summary]").wait_for()
    check(secretariat, js, "secretariat: return without a comment")
    secretariat.fill("#comment", "Angiv tallet for mænd også.")
    submit_and_wait(secretariat, "button[name=action][value=return]", "**/sekretariat/review")
    check(secretariat, js, "secretariat: queue after return")

    # The reporter sees the comment at the top, corrects and resubmits.
    reporter.goto(live.url + REPORT)
    assert "Angiv tallet for mænd også." in reporter.locator("#review-comment").inner_text()
    check(reporter, js, "reporter: returned report")
    reporter.fill("#value-MH22-X-1-I1-sex-men", "5")
    submit_and_wait(reporter, "button[name=action][value=submit]", "**/indberetning")
    check(reporter, js, "reporter: resubmitted")

    # The secretariat approves.
    secretariat.goto(live.url + REVIEW)
    check(secretariat, js, "secretariat: review of the correction")
    submit_and_wait(secretariat, "button[name=action][value=approve]", "**/sekretariat/review")
    assert secretariat.locator("#status").inner_text().strip()
    check(secretariat, js, "secretariat: queue after approval")

    with Session(live.engine) as session:
        report = session.exec(select(ProgressReport)).one()
        values = {v.category: v.value for v in session.exec(select(IndicatorValue)).all()}
        milestone = session.exec(select(Milestone).where(Milestone.title == "Årsrapport om menneskehandel 2025")).one()
        slips = session.exec(select(MilestoneSlip)).all()
        actions = session.exec(
            select(AuditEvent.action).where(AuditEvent.entity == "progress_report").order_by(col(AuditEvent.id))
        ).all()
    assert report.state == "approved"
    assert report.review_comment == ""
    assert values == {"": 12, "sex:women": 7, "sex:men": 5}
    assert str(milestone.due) == "2026-09-30"
    assert [(s.reason, str(s.new_due)) for s in slips] == [("Politiets tal kommer først i august.", "2026-09-30")]
    assert actions == [
        "report.create",
        "report.submit",
        "report.return",
        "report.update",
        "report.submit",
        "report.approve",
    ]

    # The minister's office sees the approved report on the overview and the initiative's page.
    viewer_context, viewer = the_ministers_office_sees_it(
        chromium,
        live,
        check,
        js=js,
        lang=lang,
        code=INITIATIVE,
        explanation="Årsrapporten for 2025 venter på tal fra politiet.",
        narrative="Henvisningsmekanismen er i drift",
    )
    screenshot(viewer, js, lang, "viewer")
    viewer_context.close()
    check.close()
    reporter_context.close()
    secretariat_context.close()


@pytest.mark.parametrize("js", [True, False])
def test_axe_reports_a_page_that_breaks_the_rules(chromium, live: Live, js: bool) -> None:
    """The harness itself can fail: an unlabelled field and an image without text are violations."""
    context = open_context(chromium, live, js=js, lang="da")
    page = context.new_page()
    page.goto(live.url + "/log-ind")
    if js:
        page.evaluate("() => { document.querySelector('label[for=email]').remove(); }")
    else:
        page.set_content(
            '<html lang="da"><head><title>x</title></head><body><main><h1>x</h1><input id="q"></main></body></html>'
        )
    check = Checker(chromium, live)
    with pytest.raises(AssertionError, match="label"):
        check(page, js, "broken page")
    check.close()
    context.close()


@pytest.mark.slow
def test_the_reporter_can_report_with_the_keyboard_alone(chromium, live: Live) -> None:
    context = open_context(chromium, live, js=True, lang="da")
    page = context.new_page()
    email = PEOPLE["lige"][0]
    page.goto(live.url + "/log-ind")
    tab_to(page, "#email")
    page.keyboard.type(email)
    page.keyboard.press("Enter")
    page.wait_for_url("**/log-ind/sendt")
    page.goto(live.sign_in_link(email))
    tab_to(page, "form[action='/log-ind/link'] button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/indberetning")
    tab_to(page, f"a[href='{REPORT}']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{REPORT}")
    tab_to(page, "input[name=status]")
    for _ in range(2):  # not started -> on track -> at risk
        page.keyboard.press("ArrowDown")
    assert page.is_checked("#status-at_risk")
    for selector, text in (
        ("#explanation", "Årsrapporten venter på tal fra politiet."),
        (f"#{TOTAL}", "12"),
        (f"#milestone-{MOVED}-new-due", "30.09.2026"),
        (f"#milestone-{MOVED}-reason", "Politiets tal kommer først i august."),
    ):
        tab_to(page, selector)
        page.keyboard.type(text)
    tab_to(page, "button[name=action][value=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/indberetning")
    with Session(live.engine) as session:
        report = session.exec(select(ProgressReport)).one()
    assert report.state == "submitted"
    assert report.status == "at_risk"
    context.close()
