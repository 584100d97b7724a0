"""Optional OpenID Connect sign-in, against a local provider (oidc-provider-mock): code flow with PKCE, state and
nonce; the organisation and role come from claims through the secretariat's mapping; off unless configured."""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import httpx
import oidc_provider_mock
import pytest
from litestar.testing import TestClient
from pydantic import SecretStr
from sqlalchemy import Engine
from sqlmodel import Session, select

from tests.conftest import Clock
from tests.fixture_types import Client, SignedIn
from tests.tracker.progress_support import audit_actions
from tests.web.support import post_form
from tracker.app import create_app
from tracker.settings import Settings
from tracker.users.models import User, WebSession

SUB = "0f1e2d3c-persistent-id"
CLAIMS = {"email": "Ny@Reden.dk", "name": "Nina Yde", "organisation": "12345678", "roles": ["indberetter"]}


@pytest.fixture
def provider() -> Iterator[str]:
    users = [
        oidc_provider_mock.User(sub=SUB, claims=CLAIMS),
        oidc_provider_mock.User(sub="stranger", claims={"email": "x@example.org", "organisation": "99999999"}),
    ]
    with oidc_provider_mock.run_server_in_thread(require_nonce=True, user_claims=users) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def oidc_client(
    db_settings: Settings, engine: Engine, clock: Clock, plan_loaded: None, provider: str
) -> Iterator[Client]:
    # The provider signs tokens at the machine's time; the tracker checks them against its clock, so the two agree.
    clock.now = datetime.now(UTC)
    settings = db_settings.model_copy(
        update={"oidc_issuer": provider, "oidc_client_id": "tracker", "oidc_client_secret": SecretStr("s3cret")}
    )
    with TestClient(app=create_app(settings, engine=engine, clock=clock)) as client:
        yield client


def through_provider(client: Client, sub: str, next_path: str = "/import") -> httpx.Response:
    """Start at the tracker, choose the person at the provider, come back: the tracker's answer."""
    started = client.get(f"/log-ind/oidc?next={next_path}", follow_redirects=False)
    assert started.status_code == 303, started.text
    authorize = started.headers["location"]
    query = parse_qs(urlsplit(authorize).query)
    assert query["code_challenge_method"] == ["S256"]
    assert query["code_challenge"][0]
    assert query["nonce"][0]
    assert query["state"][0]
    assert query["redirect_uri"][0].endswith("/log-ind/oidc/retur")
    chosen = httpx.post(authorize, data={"sub": sub}, follow_redirects=False)
    assert chosen.status_code in (302, 303), chosen.text
    back = urlsplit(chosen.headers["location"])
    return client.get(f"{back.path}?{back.query}", follow_redirects=False)


def map_reden(engine: Engine, signed_in: SignedIn) -> None:
    secretariat = signed_in("secretariat")
    added = post_form(
        secretariat,
        "/sekretariat/log-ind-tilknytning",
        {"organisation_value": "12345678", "role_value": "indberetter", "organisation": "REDEN", "role": "reporter"},
    )
    assert added.status_code == 303, added.text
    assert "12345678" in secretariat.get("/sekretariat/log-ind-tilknytning").text


def test_a_mapped_person_signs_in_and_lands_on_the_page_asked_for(oidc_client, engine, signed_in):
    assert "Log ind med din organisations login" in oidc_client.get("/log-ind").text
    # Not mapped yet: no access, said plainly, audited; no person, no session.
    refused = through_provider(oidc_client, SUB)
    assert refused.status_code == 403
    assert "Din organisation er ikke tilknyttet – kontakt sekretariatet." in refused.text
    assert "user.sign_in_refused" in audit_actions(engine)
    with Session(engine) as session:
        assert session.exec(select(User).where(User.email == "ny@reden.dk")).first() is None

    map_reden(engine, signed_in)
    landed = through_provider(oidc_client, SUB)
    assert landed.status_code == 303, landed.text
    assert landed.headers["location"] == "/import"
    page = oidc_client.get("/import")
    assert page.status_code == 200
    assert "Nina Yde" in page.text
    with Session(engine) as session:
        user = session.exec(select(User).where(User.email == "ny@reden.dk")).one()
        assert user.role == "reporter"
        assert session.exec(select(WebSession).where(WebSession.user_id == user.id)).first() is not None
    actions = audit_actions(engine)
    assert "identity_mapping.add" in actions
    assert "user.create" in actions
    assert actions[-1] == "user.sign_in"
    # The session opens pages only: the JSON API still wants a bearer token.
    assert oidc_client.get("/me/due").status_code == 401


def test_a_forged_state_a_stranger_and_a_disabled_person_get_no_access(oidc_client, engine, signed_in):
    map_reden(engine, signed_in)
    # A callback whose state this browser did not start (login CSRF) is refused.
    forged = oidc_client.get("/log-ind/oidc/retur?code=abc&state=not-mine", follow_redirects=False)
    assert forged.status_code == 403
    assert "ikke startet i denne browser" in forged.text
    # An organisation nobody mapped.
    stranger = through_provider(oidc_client, "stranger")
    assert stranger.status_code == 403
    # A disabled person stays out, whatever the provider says.
    assert through_provider(oidc_client, SUB).status_code == 303
    secretariat = signed_in("secretariat")
    with Session(engine) as session:
        user = session.exec(select(User).where(User.email == "ny@reden.dk")).one()
    assert post_form(secretariat, f"/sekretariat/personer/{user.id}/deaktiver", {}).status_code == 303
    again = through_provider(oidc_client, SUB)
    assert again.status_code == 403
    assert "Din adgang er lukket" in again.text


def test_an_expired_id_token_is_refused(oidc_client, engine, signed_in, clock):
    map_reden(engine, signed_in)
    clock.now = datetime.now(UTC) + timedelta(hours=2)  # the mock's tokens live one hour
    late = through_provider(oidc_client, SUB)
    assert late.status_code == 403
    assert "kunne ikke bekræftes" in late.text
    with Session(engine) as session:
        assert session.exec(select(User).where(User.email == "ny@reden.dk")).first() is None


def test_oidc_is_off_unless_configured(browser, signed_in):
    assert browser.get("/log-ind/oidc", follow_redirects=False).status_code == 404
    assert "/log-ind/oidc" not in browser.get("/log-ind").text
    page = signed_in("secretariat").get("/sekretariat/log-ind-tilknytning")
    assert page.status_code == 200
    assert "ikke slået til" in page.text
