"""Input that used to be a 500, and a full disk: clear 4xx/503 problem+json answers, the same on both databases."""

import re

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from tests.tracker.progress_support import REPORT_URL, fingerprint, report_body
from tracker.app import create_app
from tracker.settings import Settings

PROBLEM = "application/problem+json"
pytestmark = pytest.mark.usefixtures("plan_loaded")


@pytest.fixture
def reden(make_headers):
    return make_headers("REDEN", "reporter")


def concrete(path: str) -> str:
    """A route path with each parameter filled in ({id:int} -> 1, {slug:str} -> x)."""
    return re.sub(r"\{[^}:]+:int\}", "1", re.sub(r"\{[^}:]+(:str|:path)?\}", "x", path))


def test_options_on_every_route_is_answered_never_a_500(client, make_headers, tmp_path):
    secretariat = make_headers("CMM", "secretariat")
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'routes.db'}"))
    routes = {}
    for route in app.routes:
        if route.path.startswith("/schema"):
            continue
        handlers = getattr(route, "route_handlers", [])
        # The web pages (tracker/web/) authenticate with their own session cookie, not a bearer token.
        routes[concrete(route.path)] = any(h.opt.get("exclude_from_auth") for h in handlers)
    assert len(routes) > 10
    for path, own_sign_in in sorted(routes.items()):
        with_token = client.options(path, headers=secretariat)
        without = client.options(path)
        if own_sign_in:
            assert with_token.status_code < 500, (path, with_token.status_code)
            assert without.status_code < 500, (path, without.status_code)
            continue
        assert with_token.status_code == 204, (path, with_token.text)
        assert with_token.headers["allow"]
        # OPTIONS runs no handler and needs no token (a browser's CORS preflight never carries one).
        assert without.status_code == 204, (path, without.text)
        assert without.headers["allow"] == with_token.headers["allow"]


@pytest.mark.parametrize(
    ("method", "url", "body"),
    [
        ("GET", "/plans/mh%002022", None),
        ("GET", "/initiatives/MH22%00-2.1", None),
        ("GET", "/initiatives?owner=RED%00EN", None),
        ("GET", "/reports/status?period=2025%00-H2", None),
        ("PUT", REPORT_URL, report_body(narrative="Fremdrift\u0000 skjult")),
        ("PUT", REPORT_URL, report_body(risks="\u0000")),
    ],
)
def test_a_nul_character_anywhere_is_400_and_changes_nothing(client, engine, reden, method, url, body):
    before = fingerprint(engine)
    response = client.request(method, url, json=body, headers=reden)
    assert response.status_code == 400, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    assert response.json()["type"].endswith("/invalid-character")
    assert fingerprint(engine) == before


def test_an_escaped_backslash_before_u0000_is_ordinary_text(client, reden):
    response = client.put(REPORT_URL, json=report_body(narrative="C:\\u0000 is a path, not a NUL"), headers=reden)
    assert response.status_code == 201, response.text


@pytest.mark.parametrize("depth", [1000, 5000])
def test_json_nested_too_deep_is_400(client, engine, reden, depth):
    before = fingerprint(engine)
    for body in ("[" * depth + "]" * depth, '{"a":' * depth + "1" + "}" * depth):
        response = client.put(REPORT_URL, content=body, headers=reden | {"Content-Type": "application/json"})
        assert response.status_code == 400, response.text[:300]
        assert response.headers["content-type"].startswith(PROBLEM)
    assert fingerprint(engine) == before


def fill_the_disk(engine) -> None:
    """SQLite's page limit as a full disk: the database may not grow by one page more."""
    with engine.connect() as connection:
        connection.exec_driver_sql("CREATE TABLE IF NOT EXISTS filler (x BLOB)")
        connection.commit()
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar()
        connection.exec_driver_sql(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(OperationalError, match="full"):  # noqa: PT012
            while True:
                connection.execute(text("INSERT INTO filler VALUES (randomblob(512))"))
                connection.commit()
        connection.rollback()


def free_the_disk(engine) -> None:
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA max_page_count = 1073741823")
        connection.commit()


def test_on_a_full_disk_reads_are_served_writes_are_503_and_health_says_why(client, engine, db_settings, reden):
    if not db_settings.is_sqlite:
        pytest.skip("the full disk is simulated with SQLite's page limit")
    assert client.get("/health").json()["status"] == "ok"
    fill_the_disk(engine)
    try:
        for path in ("/plans", "/initiatives", "/me/due", "/periods"):
            assert client.get(path, headers=reden).status_code == 200, path
        write = client.put(
            REPORT_URL,
            json=report_body(narrative="x" * 3_900, risks="y" * 1_900, next_steps="z" * 1_900),
            headers=reden,
        )
        assert write.status_code == 503, write.text
        assert write.headers["content-type"].startswith(PROBLEM)
        assert write.json()["type"].endswith("/database-not-writable")
        assert int(write.headers["retry-after"]) > 0
        health = client.get("/health").json()
        assert health["status"] == "degraded"
        assert health["database"] == "not writable"
        assert any(p.startswith("database not writable") for p in health["problems"])
        # Reads still served after the refused write (the connection is not left broken).
        assert client.get("/plans", headers=reden).status_code == 200
    finally:
        free_the_disk(engine)
    assert client.put(REPORT_URL, json=report_body(), headers=reden).status_code == 201
    assert client.get("/health").json()["status"] == "ok"
