"""Helpers for the page tests: people, signing in through the real mail-link flow, posting forms with CSRF."""

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from tests.conftest import NOW
from tests.fixture_types import Client
from tracker.auth.models import Role
from tracker.mail.models import OutboxMessage
from tracker.users.service import add_user

LINK = re.compile(r"(https?://\S+/log-ind/link\?token=[\w%-]+)")
PEOPLE = {
    "reporter": ("anna@reden.dk", "Anna Holm", "REDEN", Role.REPORTER),
    "other": ("bo@drk.dk", "Bo Berg", "DRK", Role.REPORTER),
    "secretariat": ("sara@cmm.dk", "Sara Lund", "CMM", Role.SECRETARIAT),
    "viewer": ("vera@jm.dk", "Vera Dahl", "LIGE", Role.VIEWER),
    # Leads MH22-X.1, which has open milestones and a disaggregated indicator (the browser walk).
    "lige": ("lea@lige.dk", "Lea Krog", "LIGE", Role.REPORTER),
}


def make_person(engine: Engine, who: str) -> str:
    """Add one of PEOPLE (reporter at REDEN, other = reporter at DRK, secretariat at CMM, viewer); its e-mail."""
    email, name, org, role = PEOPLE[who]
    with Session(engine) as session:
        add_user(session, email=email, name=name, organisation_code=org, role=role, now=NOW, actor="test")
        session.commit()
    return email


def csrf_token(client: Client) -> str:
    """The CSRF token of this client (GET a page first so the cookie is set)."""
    token = client.cookies.get("csrftoken")
    if token is None:
        client.get("/log-ind")
        token = client.cookies.get("csrftoken")
    assert token
    return token


def post_form(client: Client, url: str, data: dict[str, Any], **kwargs: Any) -> httpx.Response:
    """POST a form as a browser does: url-encoded, with the CSRF field, not following the redirect."""
    return client.post(url, data={**data, "_csrf_token": csrf_token(client)}, follow_redirects=False, **kwargs)


def last_link(engine: Engine, email: str) -> str:
    """The sign-in link in the newest mail queued for this address (the outbox, before any SMTP)."""
    with Session(engine) as session:
        body = session.exec(
            select(OutboxMessage.body_text)
            .where(OutboxMessage.to_address == email, OutboxMessage.kind == "sign_in")
            .order_by(col(OutboxMessage.id).desc())
        ).first()
    assert body is not None, f"no sign-in mail for {email}"
    match = LINK.search(body)
    assert match is not None
    return match.group(1)


def token_of(link: str) -> str:
    return parse_qs(urlsplit(link).query)["token"][0]


def local(link: str) -> str:
    """The path and query of an absolute link (the test client talks to the app directly)."""
    parts = urlsplit(link)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def sign_in(client: Client, engine: Engine, email: str, next_path: str = "") -> httpx.Response:
    """Sign in the way a person does: ask for a link, open it from the mail, press the button."""
    response = post_form(client, "/log-ind", {"email": email, "next": next_path})
    assert response.status_code == 303, response.text
    link = last_link(engine, email)
    assert client.get(local(link)).status_code == 200
    response = post_form(client, "/log-ind/link", {"token": token_of(link)})
    assert response.status_code == 303, response.text
    return response
