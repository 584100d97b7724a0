"""The secretariat's administration and the import pages in a real browser, Danish and English, JavaScript on and
off: every page and every error state on the way has no axe-core violation.

A reporter downloads its pre-filled template from the import page, uploads it with an error (the full error page,
then the annotated copy), uploads it corrected, checks the preview and confirms; the secretariat opens each
administration page, their error states, and the import page.
"""

from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, select

from actionplan.progress import ProgressReport
from tests.tracker.test_imports_progress import fill
from tests.web.browser import Checker, Live, open_context, sign_in

ADMIN_PAGES = [
    "/sekretariat/fuldstaendighed",
    "/sekretariat/perioder",
    "/sekretariat/personer",
    "/sekretariat/tokens",
    "/sekretariat/drift",
    "/sekretariat/log-ind-tilknytning",
    "/import",
    "/overblik/statusrapporter",  # with the secretariat's form to issue a report
]


def upload(page: Any, path: Path, url_glob: str) -> None:
    page.set_input_files("#file", str(path))
    page.click("form[action='/import'] button[type=submit]")
    page.wait_for_url(url_glob)


@pytest.mark.slow
@pytest.mark.parametrize(("js", "lang"), [(True, "da"), (False, "da"), (True, "en"), (False, "en")])
def test_import_walk_and_admin_pages(chromium, live: Live, tmp_path: Path, js: bool, lang: str) -> None:
    check = Checker(chromium, live)
    context = open_context(chromium, live, js=js, lang=lang)
    reporter = context.new_page()

    # The reporter lands on the import page (as from the reminder mail's link) and downloads the template.
    sign_in(reporter, live, check, "reporter", js, "/import?periode=2025-H2")
    with reporter.expect_download() as download:
        reporter.click("form[action='/import/skabelon'] button[type=submit]")
    template = Path(download.value.path()).read_bytes()

    # An upload with errors: the full page (422) with the summary, the error table and the annotated copy.
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(fill(template, status="Nogenlunde"))
    upload(reporter, broken, "**/import")
    assert reporter.title().startswith("Fejl: " if lang == "da" else "Error: ")
    assert reporter.locator("[data-module=error-summary]").count() == 1
    check(reporter, js, "reporter: import errors")
    with reporter.expect_download() as annotated:
        reporter.click("a[href$='/fejl.xlsx']")
    assert Path(annotated.value.path()).read_bytes()[:2] == b"PK"

    # The corrected file: the preview shows every change, Før/Efter; nothing is saved until confirmed.
    filled = tmp_path / "filled.xlsx"
    filled.write_bytes(fill(template))
    reporter.goto(live.url + "/import")
    reporter.check("#submit")
    upload(reporter, filled, "**/import/*")
    check(reporter, js, "reporter: import preview")
    before_after = reporter.locator("table.app-diff thead th").all_inner_texts()
    assert before_after[1:3] == (["Før", "Efter"] if lang == "da" else ["Before", "After"])
    with Session(live.engine) as session:
        assert session.exec(select(ProgressReport)).first() is None
    reporter.click("#confirm")
    reporter.wait_for_url("**/import/koersel/*")
    assert reporter.locator("#status").inner_text().strip(), "the confirmation is in the live region"
    check(reporter, js, "reporter: import receipt")
    context.close()

    # The secretariat: every administration page and the import page, then their error states.
    context = open_context(chromium, live, js=js, lang=lang)
    secretariat = context.new_page()
    sign_in(secretariat, live, check, "secretariat", js, ADMIN_PAGES[0])
    for url in ADMIN_PAGES[1:]:
        secretariat.goto(live.url + url)
        check(secretariat, js, f"secretariat: {url}")
    secretariat.goto(live.url + "/sekretariat/personer")
    secretariat.click("form[action='/sekretariat/personer'] button[type=submit]")
    secretariat.locator("[data-module=error-summary]").wait_for()
    check(secretariat, js, "secretariat: add a person without the fields")
    secretariat.goto(live.url + "/sekretariat/tokens")
    secretariat.fill("#label", "")
    secretariat.click("form[action='/sekretariat/tokens'] button[type=submit]")
    secretariat.locator("[data-module=error-summary]").wait_for()
    check(secretariat, js, "secretariat: issue a token without a label")
    secretariat.goto(live.url + "/sekretariat/perioder")
    secretariat.click("form[action='/sekretariat/perioder/2025-H2/laas'] button[type=submit]")
    secretariat.wait_for_url("**/sekretariat/perioder")
    secretariat.click("form[action='/sekretariat/perioder/2025-H2/genaabn'] button[type=submit]")
    secretariat.locator("[data-module=error-summary]").wait_for()
    check(secretariat, js, "secretariat: reopen without a reason")
    secretariat.goto(live.url + "/sekretariat/log-ind-tilknytning")
    secretariat.click("form[action='/sekretariat/log-ind-tilknytning'] button[type=submit]")
    secretariat.locator("[data-module=error-summary]").wait_for()
    check(secretariat, js, "secretariat: add a sign-in mapping without the fields")
    secretariat.goto(live.url + "/import")
    secretariat.click("form[action='/import'] button[type=submit]")
    secretariat.locator("[data-module=error-summary]").wait_for()
    check(secretariat, js, "secretariat: upload without a file")
    context.close()
    check.close()
    assert len(check.seen) >= 20
