"""The browser-test harness: Debian's chromium driven by Playwright, the tracker on a real port, a real SMTP server.

Playwright never downloads a browser here: it launches /usr/bin/chromium. Without it the browser tests skip
with the reason, except under CI=true, where they fail (.ci/run installs chromium with apt).
"""

import os
import re
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from sqlalchemy import Engine

from tests.conftest import NOW, Clock
from tests.tracker.mailserver import MailServer, free_port
from tests.web.support import LINK, PEOPLE, make_person
from tracker.app import create_app
from tracker.db import create_db_engine
from tracker.mail.sender import deliver_due
from tracker.settings import Settings

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).with_name("axe.min.js")
# As root, headless, on a closed network: no sandbox, and none of Chromium's calls home.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--font-render-hinting=none",
    "--force-color-profile=srgb",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def require_chromium() -> None:
    if CHROMIUM.exists():
        return
    reason = f"Debian's chromium is not installed at {CHROMIUM} (apt-get install -y chromium); browser tests need it"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"CI=true: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Live:
    """The tracker serving on 127.0.0.1, with its database, settings, clock and the SMTP server it mails to."""

    url: str
    engine: Engine
    settings: Settings
    clock: Clock
    mail: MailServer

    def sign_in_link(self, email: str) -> str:
        """Send what the outbox holds over SMTP and read the newest sign-in link to `email` from the server."""
        deliver_due(self.engine, self.settings, now=self.clock())
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            for message in reversed(self.mail.messages):
                if str(message["To"]) == email:
                    body = message.get_body(preferencelist=("plain",))
                    assert body is not None
                    found = LINK.search(body.get_content())
                    if found:
                        return found.group(1)
            time.sleep(0.05)
        raise AssertionError(f"no sign-in mail reached {email}")


@pytest.fixture
def live(tmp_path: Path, sqlite_plan_template: Path, chromium: Any) -> Iterator[Live]:
    """A fresh SQLite database with the plan and the walk's people, served by uvicorn in a thread."""
    mail = MailServer().start()
    port = free_port()
    path = tmp_path / "tracker.db"
    shutil.copy(sqlite_plan_template, path)
    settings = Settings(
        environment="test",
        database_url=f"sqlite:///{path}",
        base_url=f"http://127.0.0.1:{port}",
        smtp_host="127.0.0.1",
        smtp_port=mail.port,
    )
    engine = create_db_engine(settings)
    for who in PEOPLE:
        make_person(engine, who)
    clock = Clock(NOW)
    app = create_app(settings, engine=engine, clock=clock)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the tracker did not start"
        time.sleep(0.05)
    try:
        yield Live(f"http://127.0.0.1:{port}", engine, settings, clock, mail)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        engine.dispose()
        mail.stop()


_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.DOTALL | re.IGNORECASE)


class Checker:
    """Runs axe-core on every page the walk shows, plus the checks axe cannot make (one h1, a title)."""

    def __init__(self, browser: Any, live: Live) -> None:
        self.live = live
        self.seen: list[str] = []
        self._axe = AXE.read_text(encoding="utf-8")
        # axe needs JavaScript; pages seen without it are copied (scripts removed) into this page to be checked.
        self._context = browser.new_context()
        self._page = self._context.new_page()

    def __call__(self, page: Any, js: bool, label: str) -> None:
        page.wait_for_load_state("load")
        title = page.title()
        assert title, f"{label}: the page has no title"
        assert page.locator("h1").count() == 1, f"{label}: a page has exactly one h1"
        assert page.locator("main").count() == 1, f"{label}: one main landmark"
        if js:
            target = page
        else:
            html = _SCRIPT.sub("", page.content()).replace("<head>", f'<head><base href="{self.live.url}/">', 1)
            self._page.set_content(html, wait_until="load")
            target = self._page
        if not target.evaluate("() => typeof window.axe !== 'undefined'"):
            target.evaluate(self._axe)
        violations = target.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(r => r.violations.map("
            "v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)})))",
            WCAG_TAGS,
        )
        assert violations == [], f"{label} ({title}): axe-core found {violations}"
        self.seen.append(f"{label}: {title}")

    def close(self) -> None:
        self._context.close()


def tab_to(page: Any, selector: str, limit: int = 250) -> None:
    """Press Tab until the element matching `selector` has focus, and check that the focus is visible."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector):
            visible = page.evaluate(
                "() => { const s = getComputedStyle(document.activeElement);"
                " return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'; }"
            )
            assert visible, f"focus on {selector} is not visible"
            return
    raise AssertionError(f"Tab never reached {selector}")


def open_context(browser: Any, live: Live, *, js: bool, lang: str) -> Any:
    """A browser context (its own cookies) with JavaScript on or off, in Danish or English."""
    context = browser.new_context(java_script_enabled=js, viewport={"width": 1280, "height": 900})
    if lang == "en":
        context.add_cookies([{"name": "lang", "value": "en", "url": live.url}])
    return context


def sign_in(page: Any, live: Live, check: Checker, who: str, js: bool, start: str) -> None:
    """Sign in as one of PEOPLE by the mail link, starting from `start` (sent to sign-in, landing back on it)."""
    email = PEOPLE[who][0]
    page.goto(live.url + start)
    assert "/log-ind" in page.url
    check(page, js, f"{who}: sign-in")
    page.fill("#email", email)
    page.click("form[action='/log-ind'] button[type=submit]")
    page.wait_for_url("**/log-ind/sendt")
    check(page, js, f"{who}: link sent")
    page.goto(live.sign_in_link(email))
    check(page, js, f"{who}: open link")
    page.click("form[action='/log-ind/link'] button[type=submit]")
    page.wait_for_url(f"**{start}")
    assert page.locator("#status").inner_text().strip(), "the signed-in message appears in the live region"
    check(page, js, f"{who}: first page")
