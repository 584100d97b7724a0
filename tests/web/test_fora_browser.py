"""The secretariat's meeting form in a real browser, with JavaScript on and off, checked by axe-core: rows are added
(htmx swaps in just the new row; without JavaScript the page comes back with one more), errors are named per row,
Enter saves the meeting, and the meeting is stored with its decisions and action items."""

from typing import Any

import pytest
from sqlmodel import Session, col, select

from actionplan.fora import ActionItem, Decision
from tests.web.browser import Checker, Live, open_context, sign_in

FORUM = "/samarbejdsfora/NGONET"


@pytest.mark.slow
@pytest.mark.parametrize("js", [True, False])
def test_the_secretariat_records_a_meeting_with_more_rows(chromium: Any, live: Live, js: bool) -> None:
    check = Checker(chromium, live)
    context = open_context(chromium, live, js=js, lang="da")
    page = context.new_page()
    sign_in(page, live, check, "secretariat", js, FORUM)
    check(page, js, "forum with the meeting form")
    assert page.locator("#item-rows fieldset").count() == 3

    page.fill("#held_on", "20.11.2026")
    page.fill("#decision_1_text", "Belægningen følges op i januar.")
    page.fill("#item_1_text", "Opgørelse af belægningen")
    page.select_option("#item_1_owner", "REDEN")
    page.fill("#item_1_deadline", "15.12.2026")
    if js:  # markers that survive only if htmx swaps in the new row alone (no new page, the form not replaced)
        page.evaluate("() => { window.notReloaded = true; document.querySelector('#item-row-1').dataset.kept = '1'; }")
    page.click("button[name=add][value=item]")
    page.locator("#item-row-4").wait_for()
    assert page.locator("#item-rows fieldset").count() == 4
    assert page.locator("#item-row-4 legend").inner_text() == "Opfølgningspunkt 4"
    assert page.evaluate("() => document.activeElement.id") == "item_4_text", "focus moves to the new row"
    assert page.input_value("#item_1_text") == "Opgørelse af belægningen", "what was typed stays"
    if js:
        assert page.evaluate("() => window.notReloaded === true"), "no new page"
        assert page.get_attribute("#item-row-1", "data-kept") == "1", "htmx swapped in just the row"
    check(page, js, "form with a fourth action item row")

    # Row 4 without an owner and with an impossible deadline: named per row, nothing stored.
    page.fill("#item_4_text", "Dagsorden for majmødet")
    page.fill("#item_4_deadline", "31.02.2027")
    page.click("button.button-primary[type=submit]")
    page.locator("[data-module=error-summary]").wait_for()
    summary = page.locator("[data-module=error-summary]").inner_text()
    assert "Opfølgningspunkt 4, ansvarlig organisation: skal udfyldes" in summary
    assert "Opfølgningspunkt 4, frist: skriv en gyldig dato" in summary
    assert page.get_attribute("#item_4_deadline", "aria-invalid") == "true"
    check(page, js, "form with errors in row 4")

    page.select_option("#item_4_owner", "CMM")
    page.fill("#item_4_deadline", "01.04.2027")
    page.press("#title", "Enter")  # Enter saves (it does not add a row)
    page.wait_for_url("**/samarbejdsfora/moeder/*")
    check(page, js, "the recorded meeting")
    assert "Dagsorden for majmødet" in page.locator("main").inner_text()
    with Session(live.engine) as session:
        assert session.exec(select(Decision.text)).all() == ["Belægningen følges op i januar."]
        assert session.exec(select(ActionItem.text).order_by(col(ActionItem.id))).all() == [
            "Opgørelse af belægningen",
            "Dagsorden for majmødet",
        ]
    # The meeting pack from the forum's page: a date that cannot be read is named beside its field.
    page.goto(live.url + FORUM)
    page.fill("#pack_date", "i morgen")
    page.click("form[action$='/moedemappe'] button[type=submit]")
    page.locator("#pack_date-error").wait_for()
    check(page, js, "forum with a pack date error")
    with page.expect_download() as download:
        page.fill("#pack_date", "01.12.2026")
        page.click("form[action$='/moedemappe'] button[type=submit]")
    assert download.value.suggested_filename == "moedemappe-NGONET-2026-12-01-da.pdf"
    context.close()
    check.close()
