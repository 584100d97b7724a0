"""The pages' foundation: texts in both languages, Danish formats, files served from our own origin only."""

import re
import string
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from reports.i18n import STATUS
from tests.web.support import local, post_form, token_of
from tracker.web import formatting
from tracker.web.i18n import TEXTS, translator
from tracker.web.setup import STATIC, TEMPLATES

VENDOR = STATIC / "vendor"


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_text_exists_in_danish_and_english_with_the_same_placeholders():
    for key, (danish, english) in TEXTS.items():
        assert danish.strip(), key
        assert english.strip(), key
        assert placeholders(danish) == placeholders(english), key


def test_every_text_a_template_names_exists():
    names = set()
    for template in TEMPLATES.rglob("*.html"):
        names |= set(re.findall(r"""\bt\(["']([a-z_.]+)["']""", template.read_text(encoding="utf-8")))
    assert sorted(name for name in names if name not in TEXTS and not name.endswith(".")) == []


def test_numbers_and_dates_are_danish_by_default():
    assert formatting.number(1234.5, "da") == "1.234,5"
    assert formatting.number(1234.5, "en") == "1,234.5"
    assert formatting.number(12, "da") == "12"
    assert formatting.number(None, "da") == "–"
    assert formatting.money(1_250_000, "da") == "1.250.000 kr."
    assert formatting.long_date(date(2025, 12, 31), "da") == "31. december 2025"
    assert formatting.long_date(date(2025, 12, 31), "en") == "31 December 2025"
    moment = datetime(2026, 11, 29, 23, 30, tzinfo=UTC)
    assert formatting.date_time(moment, "da", ZoneInfo("Europe/Copenhagen")) == "30. november 2026 kl. 00.30"


def test_status_names_are_the_status_reports_own():
    assert translator("da").status("at_risk") == STATUS["da"]["at_risk"] == "Risiko for forsinkelse"
    assert translator("en").status("delayed") == "Delayed"


def test_templates_load_nothing_from_other_hosts():
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        for url in re.findall(r"""<(?:script|link|img|iframe|source)[^>]+(?:src|href)=["']([^"']+)""", text):
            assert url.startswith("/") or url.startswith("{{"), f"{template.name}: {url}"
        assert "csrf_input" not in text, f"{template.name}: use {{{{ csrf() }}}}, never csrf_input (CVE-2026-48060)"
        assert "|safe" not in text, f"{template.name}: no |safe in templates"


def test_every_file_the_design_systems_stylesheet_names_is_vendored():
    (dkfds,) = VENDOR.glob("dkfds-*")
    css = (dkfds / "css" / "dkfds.min.css").read_text(encoding="utf-8")
    missing = []
    for url in set(re.findall(r"url\(([^)]+)\)", css)):
        url = url.strip("'\"")
        if url.startswith("data:") or url.startswith("#"):
            continue
        if not (dkfds / "css" / url.split("?")[0].split("#")[0]).resolve().exists():
            missing.append(url)
    assert missing == []
    assert (dkfds / "LICENSE.md").exists()
    (htmx,) = VENDOR.glob("htmx-*")
    assert (htmx / "LICENSE").exists()


@pytest.mark.usefixtures("plan_loaded")
def test_vendored_files_are_cached_for_a_year_and_the_pages_own_for_minutes(browser):
    vendored = browser.get("/static/vendor/htmx-4.0.1/htmx.min.js")
    assert vendored.status_code == 200
    assert "max-age=31536000" in vendored.headers["cache-control"]
    own = browser.get("/static/app/app.css")
    assert own.status_code == 200
    assert "max-age=300" in own.headers["cache-control"]
    font = browser.get("/static/vendor/dkfds-11.2.0/fonts/IBMPlexSans/complete/woff2/IBMPlexSans-Regular.woff2")
    assert font.status_code == 200


@pytest.mark.usefixtures("plan_loaded")
def test_every_page_has_the_layouts_landmarks(browser):
    page = browser.get("/log-ind").text
    assert '<html lang="da">' in page
    assert 'class="skipnav" href="#main-content"' in page
    assert '<main id="main-content"' in page
    assert 'role="status" aria-live="polite"' in page
    assert page.count("<h1") == 1
    assert ">Tilgængelighedserklæring</a>" in page
    assert browser.get("/was", follow_redirects=False).headers["location"] == "https://www.was.digst.dk/"


def test_secure_cookies_outside_local_development():
    from tracker.settings import Settings

    assert Settings(base_url="http://127.0.0.1:8000").cookies_secure is False
    assert Settings(base_url="https://tracker.example.dk").cookies_secure is True
    assert Settings(base_url="http://tracker.internal").cookies_secure is True
    with pytest.raises(ValueError, match="TRACKER_WEB_SECRET"):
        Settings(environment="production", base_url="https://tracker.example.dk")


def test_static_folder_holds_only_what_is_served(tmp_path: Path):
    assert not list(STATIC.rglob("*.scss"))
    assert not list(STATIC.rglob("node_modules"))


def test_the_first_serve_prints_a_sign_in_link_that_signs_the_secretariat_in(tmp_path, capsys):
    from litestar.testing import TestClient

    from tracker.app import create_app
    from tracker.first_run import prepare_database
    from tracker.settings import Settings

    settings = Settings(
        environment="development", database_url=f"sqlite:///{tmp_path / 'fresh.db'}", scheduler_enabled=False
    )
    engine = prepare_database(settings)
    printed = capsys.readouterr().out
    links = re.findall(r"http://127\.0\.0\.1:8000/log-ind/link\?token=\S+", printed)
    assert len(links) == 1
    with TestClient(app=create_app(settings, engine=engine)) as client:
        assert client.get(local(links[0])).status_code == 200
        signed = post_form(client, "/log-ind/link", {"token": token_of(links[0])})
        assert signed.headers["location"] == "/sekretariat/review"
        assert client.get("/sekretariat/review").status_code == 200
    prepare_database(settings)  # a second start adds nobody and prints no new link
    assert "log-ind/link" not in capsys.readouterr().out
    engine.dispose()
