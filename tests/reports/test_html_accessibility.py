"""The HTML status report passes axe-core (WCAG 2.x A and AA rules) in a real browser: Debian's chromium
driven by Playwright for Python (Playwright never downloads a browser here).

axe-core comes from npm (`tests/web/axe.min.js`, shared with the web pages' accessibility tests, or the
file named by AXE_CORE_JS). Without chromium or axe-core the test is skipped with the reason, except under
CI=true, where it fails: CI must run it.
"""

import os
import shutil
from pathlib import Path

import pytest

from reports import build_status_report, render
from tests.reports.builders import PLAN, TODAY
from tracker.demo import load_demo

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
AXE = Path(os.environ.get("AXE_CORE_JS") or ROOT / "tests" / "web" / "axe.min.js")


def _skip_or_fail(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI must run the accessibility test)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        _skip_or_fail(f"chromium not found at {CHROMIUM} (apt-get install -y chromium)")
    if not AXE.exists():
        _skip_or_fail(f"axe-core not found at {AXE} (npm install axe-core; or set AXE_CORE_JS)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _skip_or_fail("playwright (Python) is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


def violations(browser, html: bytes) -> list[dict]:
    page = browser.new_page()
    try:
        page.set_content(html.decode("utf-8"))
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
        result = page.evaluate(
            "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
            "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
        )
    finally:
        page.close()
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]
    ]


@pytest.mark.usefixtures("plan_loaded")
@pytest.mark.parametrize(("lang", "public"), [("da", False), ("en", False), ("da", True)])
def test_the_html_report_has_no_axe_violation(browser, session, clock, lang, public):
    load_demo(session, now=clock())
    session.flush()
    report = build_status_report(session, PLAN, "2025-H2", lang=lang, today=TODAY, public=public)
    html = render(report, "html")
    assert violations(browser, html) == []
    text = html.decode()
    assert "<main>" in text
    assert '<th scope="col">' in text
    assert "<caption>" in text
    if lang == "en":
        assert '<td lang="da">' in text  # the reporters' Danish text inside the English report
