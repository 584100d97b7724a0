"""Signing in by a one-time mail link, sessions and their limits, and the wall between pages and the API."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, event
from sqlmodel import Session, col, select

from tests.web.support import PEOPLE, csrf_token, last_link, local, make_person, post_form, sign_in, token_of
from tracker.audit.models import AuditEvent
from tracker.auth.models import Role
from tracker.mail.models import OutboxMessage
from tracker.users.models import SignInLink, User, WebSession
from tracker.users.service import disable_user

pytestmark = pytest.mark.usefixtures("plan_loaded")


def test_a_visitor_is_sent_to_sign_in_and_lands_back_on_the_page(browser, engine):
    response = browser.get("/indberetning?x=1", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/log-ind?next=%2Findberetning%3Fx%3D1"
    email = make_person(engine, "reporter")
    landed = sign_in(browser, engine, email, next_path="/indberetning?x=1")
    assert landed.headers["location"] == "/indberetning?x=1"
    page = browser.get("/indberetning?x=1")
    assert page.status_code == 200
    assert "Du er logget ind." in page.text


def test_the_answer_is_the_same_for_known_and_unknown_addresses(browser, engine):
    make_person(engine, "reporter")
    known = post_form(browser, "/log-ind", {"email": PEOPLE["reporter"][0]})
    unknown = post_form(browser, "/log-ind", {"email": "nobody@example.dk"})
    assert (known.status_code, known.headers["location"]) == (unknown.status_code, unknown.headers["location"])
    with Session(engine) as session:
        recipients = session.exec(select(OutboxMessage.to_address)).all()
    assert recipients == [PEOPLE["reporter"][0]]


def test_a_link_works_once_and_only_its_hash_is_stored(browser, engine):
    email = make_person(engine, "reporter")
    post_form(browser, "/log-ind", {"email": email})
    link = last_link(engine, email)
    token = token_of(link)
    with Session(engine) as session:
        stored = session.exec(select(SignInLink.token_hash)).all()
    assert token not in stored
    assert len(stored) == 1
    assert browser.get(local(link)).status_code == 200  # opening the link spends nothing
    assert post_form(browser, "/log-ind/link", {"token": token}).status_code == 303
    again = post_form(browser, "/log-ind/link", {"token": token})
    assert again.status_code == 400
    assert "Linket virker ikke" in again.text


def test_a_link_expires_after_fifteen_minutes(browser, engine, clock):
    email = make_person(engine, "reporter")
    post_form(browser, "/log-ind", {"email": email})
    token = token_of(last_link(engine, email))
    clock.now += timedelta(minutes=15, seconds=1)
    assert post_form(browser, "/log-ind/link", {"token": token}).status_code == 400


def test_signing_in_gives_a_new_session_id_and_signing_out_ends_it(browser, engine):
    email = make_person(engine, "reporter")
    sign_in(browser, engine, email)
    first = browser.cookies.get("tracker_session")
    sign_in(browser, engine, email)
    second = browser.cookies.get("tracker_session")
    assert first
    assert second
    assert first != second
    with Session(engine) as session:
        assert len(session.exec(select(WebSession)).all()) == 1  # the old one ended
    out = post_form(browser, "/log-ud", {})
    assert out.status_code == 303
    with Session(engine) as session:
        assert session.exec(select(WebSession)).all() == []
        events = session.exec(select(AuditEvent.action).where(AuditEvent.entity == "user")).all()
    assert events.count("user.sign_in") == 2
    assert events.count("user.sign_out") == 1
    browser.cookies.set("tracker_session", second)
    assert browser.get("/start", follow_redirects=False).status_code == 303


def test_session_cookie_is_httponly_and_samesite_lax(browser, engine):
    email = make_person(engine, "reporter")
    response = sign_in(browser, engine, email)
    header = next(v for k, v in response.headers.multi_items() if k == "set-cookie" and "tracker_session" in v)
    assert "HttpOnly" in header
    assert "SameSite=lax" in header or "SameSite=Lax" in header
    assert "Secure" not in header  # plain http on 127.0.0.1 is local development


def test_sessions_end_after_idle_and_absolute_limits(browser, engine, clock):
    email = make_person(engine, "reporter")
    sign_in(browser, engine, email)
    clock.now += timedelta(minutes=29)
    assert browser.get("/start", follow_redirects=False).status_code == 200
    clock.now += timedelta(minutes=31)
    assert browser.get("/start", follow_redirects=False).status_code == 303
    sign_in(browser, engine, email)
    for _ in range(25):  # active every 29 minutes, still ended after 12 hours
        clock.now += timedelta(minutes=29)
        status = browser.get("/start", follow_redirects=False).status_code
    assert status == 303


def test_disabling_a_person_ends_their_sessions(browser, engine, clock):
    email = make_person(engine, "reporter")
    sign_in(browser, engine, email)
    with Session(engine) as session:
        disable_user(session, email, now=clock.now, actor="test")
        session.commit()
    assert browser.get("/start", follow_redirects=False).status_code == 303
    post_form(browser, "/log-ind", {"email": email})
    with Session(engine) as session:
        assert session.exec(select(OutboxMessage).where(OutboxMessage.kind == "sign_in")).all()[-1:] != []
        events = session.exec(select(AuditEvent.action).where(AuditEvent.entity == "user")).all()
    assert "user.disable" in events


@contextmanager
def session_reads(engine: Engine) -> Iterator[list[str]]:
    """The statements that read `web_session` while the block runs."""
    seen: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().lower().startswith("select") and "web_session" in statement:
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_a_session_checked_within_the_minute_is_served_from_memory(browser, engine, clock):
    email = make_person(engine, "reporter")
    sign_in(browser, engine, email)
    assert browser.get("/start", follow_redirects=False).status_code == 200
    with session_reads(engine) as reads:
        for _ in range(3):
            clock.now += timedelta(seconds=10)
            assert browser.get("/start", follow_redirects=False).status_code == 200
    assert reads == []
    clock.now += timedelta(minutes=1)  # the last-seen time is due: checked and written as before
    with session_reads(engine) as reads:
        assert browser.get("/start", follow_redirects=False).status_code == 200
    assert len(reads) == 1
    with Session(engine) as session:
        seen = session.exec(select(WebSession.last_seen_at)).one()
    assert seen.replace(tzinfo=clock.now.tzinfo) == clock.now


def test_signing_out_ends_a_session_served_from_memory_at_once(browser, engine):
    email = make_person(engine, "reporter")
    sign_in(browser, engine, email)
    assert browser.get("/start", follow_redirects=False).status_code == 200  # now in this process's memory
    cookie = browser.cookies.get("tracker_session")
    assert post_form(browser, "/log-ud", {}).status_code == 303
    browser.cookies.set("tracker_session", cookie)
    assert browser.get("/start", follow_redirects=False).status_code == 303


def test_disabling_a_person_ends_a_session_served_from_memory_at_once(browser, engine, clock):
    email = make_person(engine, "reporter")
    sign_in(browser, engine, email)
    assert browser.get("/start", follow_redirects=False).status_code == 200
    with Session(engine) as session:
        disable_user(session, email, now=clock.now, actor="test")
        session.commit()
    assert browser.get("/start", follow_redirects=False).status_code == 303


def test_a_changed_role_applies_to_a_session_served_from_memory_at_once(browser, engine):
    email = make_person(engine, "viewer")
    sign_in(browser, engine, email)
    assert browser.get("/overblik", follow_redirects=False).status_code == 200
    with Session(engine) as session:
        user = session.exec(select(User).where(col(User.email) == email)).one()
        user.role = Role.REPORTER
        session.add(user)
        session.commit()
    assert browser.get("/overblik", follow_redirects=False).status_code == 403


def test_a_session_served_from_memory_still_ends_at_its_absolute_limit(browser, engine, clock):
    email = make_person(engine, "reporter")
    sign_in(browser, engine, email)
    with Session(engine) as session:
        ends = session.exec(select(WebSession.expires_at)).one().replace(tzinfo=clock.now.tzinfo)
    for _ in range(24 * 2 + 1):  # active every 15 minutes until 20 seconds before the end
        if clock.now + timedelta(minutes=15) >= ends - timedelta(seconds=20):
            break
        clock.now += timedelta(minutes=15)
        assert browser.get("/start", follow_redirects=False).status_code == 200
    clock.now = ends - timedelta(seconds=20)
    assert browser.get("/start", follow_redirects=False).status_code == 200  # checked, last seen now
    clock.now = ends
    assert browser.get("/start", follow_redirects=False).status_code == 303


def test_without_a_session_cache_every_page_checks_the_database(web_app, browser, engine, clock):
    from tracker.cache import ReadCache

    web_app.state.web_session_cache = ReadCache(engine, ttl=0)  # TRACKER_TOKEN_CACHE_SECONDS=0
    email = make_person(engine, "reporter")
    sign_in(browser, engine, email)
    with session_reads(engine) as reads:
        for _ in range(3):
            assert browser.get("/start", follow_redirects=False).status_code == 200
    assert len(reads) == 3


def test_a_session_cookie_does_not_open_the_api(signed_in):
    client = signed_in("secretariat")
    for path in ("/me/due", "/initiatives", "/plans"):
        response = client.get(path)
        assert response.status_code == 401, path
        assert response.headers["content-type"].startswith("application/problem+json")


def test_an_api_token_does_not_open_a_page(browser, make_headers):
    response = browser.get("/indberetning", headers=make_headers("REDEN", "reporter"), follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/log-ind")


def test_a_form_without_the_csrf_token_is_refused_and_changes_nothing(browser, engine):
    email = make_person(engine, "reporter")
    csrf_token(browser)
    response = browser.post("/log-ind", data={"email": email}, follow_redirects=False)
    assert response.status_code == 403
    assert "Formularen er udløbet" in response.text
    with Session(engine) as session:
        assert session.exec(select(SignInLink)).all() == []


def test_sign_in_form_errors_are_422_with_an_error_summary(browser):
    response = post_form(browser, "/log-ind", {"email": "not-an-address"})
    assert response.status_code == 422
    assert "<title>Fejl: Log ind" in response.text
    assert 'data-module="error-summary"' in response.text
    assert 'href="#email"' in response.text


def test_the_next_page_must_be_on_this_site(browser, engine):
    email = make_person(engine, "reporter")
    landed = sign_in(browser, engine, email, next_path="//evil.example/x")
    assert landed.headers["location"] == "/indberetning"


def test_pages_speak_english_when_asked(browser):
    response = browser.get("/sprog/en?next=/log-ind", follow_redirects=True)
    assert '<html lang="en">' in response.text
    assert "<title>Sign in" in response.text


def test_asking_again_and_again_sends_at_most_five_links_at_a_time(browser, engine, clock):
    email = make_person(engine, "reporter")
    for _ in range(8):
        assert post_form(browser, "/log-ind", {"email": email}).headers["location"] == "/log-ind/sendt"
    with Session(engine) as session:
        assert len(session.exec(select(OutboxMessage).where(OutboxMessage.kind == "sign_in")).all()) == 5
    clock.now += timedelta(minutes=16)
    post_form(browser, "/log-ind", {"email": email})
    with Session(engine) as session:
        assert len(session.exec(select(OutboxMessage).where(OutboxMessage.kind == "sign_in")).all()) == 6
