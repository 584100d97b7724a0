"""The secretariat's administration pages: the same services, rules and audit events as the API and the CLI."""

from sqlmodel import Session, col, select

from actionplan.models import ReportingPeriod
from tests.conftest import NOW
from tests.tracker.progress_support import fingerprint
from tests.web.support import PEOPLE, post_form
from tracker.audit.models import AuditEvent
from tracker.auth.models import ApiToken
from tracker.auth.service import authenticate
from tracker.users.models import User, WebSession

ADMIN_PAGES = [
    "/sekretariat/fuldstaendighed",
    "/sekretariat/fuldstaendighed?periode=2024-H1",
    "/sekretariat/perioder",
    "/sekretariat/personer",
    "/sekretariat/tokens",
    "/sekretariat/drift",
    "/sekretariat/log-ind-tilknytning",
]


def events(engine, action: str) -> list[AuditEvent]:
    with Session(engine) as session:
        return list(
            session.exec(select(AuditEvent).where(AuditEvent.action == action).order_by(col(AuditEvent.id))).all()
        )


def period_state(engine, label: str) -> str:
    with Session(engine) as session:
        return str(session.exec(select(ReportingPeriod.state).where(ReportingPeriod.label == label)).one())


def test_every_admin_page_opens_for_the_secretariat_only(signed_in):
    secretariat = signed_in("secretariat")
    for url in ADMIN_PAGES:
        page = secretariat.get(url)
        assert page.status_code == 200, url
        assert page.text.count("<h1") == 1, url
    for who in ("reporter", "viewer"):
        client = signed_in(who)
        for url in ADMIN_PAGES:
            assert client.get(url).status_code == 403, (who, url)


def test_completeness_counts_each_organisation(signed_in):
    page = signed_in("secretariat").get("/sekretariat/fuldstaendighed?periode=2024-H1").text
    assert "REDEN" in page
    assert "Mangler" in page


def test_a_period_is_locked_and_reopened_with_a_reason(signed_in, engine):
    secretariat = signed_in("secretariat")
    locked = post_form(secretariat, "/sekretariat/perioder/2025-H2/laas", {})
    assert locked.status_code == 303, locked.text
    assert period_state(engine, "2025-H2") == "locked"
    assert "Perioden er låst." in secretariat.get("/sekretariat/perioder").text
    before = fingerprint(engine)
    no_reason = post_form(secretariat, "/sekretariat/perioder/2025-H2/genaabn", {"reason": " "})
    assert no_reason.status_code == 422
    assert 'href="#reason-2025-H2"' in no_reason.text
    assert fingerprint(engine) == before
    reopened = post_form(secretariat, "/sekretariat/perioder/2025-H2/genaabn", {"reason": "Rettelse fra REDEN."})
    assert reopened.status_code == 303, reopened.text
    assert period_state(engine, "2025-H2") == "open"
    [lock] = events(engine, "period.lock")
    [unlock] = events(engine, "period.unlock")
    assert lock.actor == unlock.actor == "user:1"
    assert unlock.reason == "Rettelse fra REDEN."


def test_locking_a_locked_period_is_an_error_on_the_page(signed_in, engine):
    secretariat = signed_in("secretariat")
    assert post_form(secretariat, "/sekretariat/perioder/2025-H2/laas", {}).status_code == 303
    again = post_form(secretariat, "/sekretariat/perioder/2025-H2/laas", {})
    assert again.status_code == 422
    assert len(events(engine, "period.lock")) == 1


def test_people_are_added_and_disabled(signed_in, engine):
    secretariat = signed_in("secretariat")
    added = post_form(
        secretariat,
        "/sekretariat/personer",
        {"email": "Ny@Reden.dk", "name": "Nina Nyborg", "organisation": "REDEN", "role": "reporter"},
    )
    assert added.status_code == 303, added.text
    assert "ny@reden.dk" in secretariat.get("/sekretariat/personer").text
    created = events(engine, "user.create")[-1]  # the people of the fixtures were added by "test"
    assert created.actor == "user:1"
    assert created.after is not None
    assert created.after["organisation"] == "REDEN"
    for bad, field in (
        ({"email": "ikke-en-adresse"}, "email"),
        ({"email": "ny@reden.dk"}, "email"),  # exists already
        ({"organisation": "NOPE"}, "organisation"),
        ({"role": "admin"}, "role"),
        ({"name": ""}, "name"),
    ):
        before = fingerprint(engine)
        form = {"email": "to@reden.dk", "name": "To", "organisation": "REDEN", "role": "reporter"} | bad
        response = post_form(secretariat, "/sekretariat/personer", form)
        assert response.status_code == 422, bad
        assert f'href="#{field}"' in response.text, bad
        assert fingerprint(engine) == before
    # Disabling a signed-in person ends their session at once.
    reporter = signed_in("reporter")
    with Session(engine) as session:
        anna = session.exec(select(User).where(User.email == PEOPLE["reporter"][0])).one()
    disabled = post_form(secretariat, f"/sekretariat/personer/{anna.id}/deaktiver", {})
    assert disabled.status_code == 303
    with Session(engine) as session:
        assert session.exec(select(WebSession).where(WebSession.user_id == anna.id)).first() is None
    assert reporter.get("/indberetning", follow_redirects=False).status_code == 303
    assert events(engine, "user.disable")[0].actor == "user:1"


def test_a_token_is_issued_with_its_secret_shown_once_and_revoked(signed_in, engine):
    secretariat = signed_in("secretariat")
    issued = post_form(
        secretariat,
        "/sekretariat/tokens",
        {"label": "JM statistik", "organisation": "REDEN", "role": "viewer", "days": "30"},
    )
    assert issued.status_code == 200, issued.text
    assert issued.headers["cache-control"] == "no-store"
    secret = issued.text.split('id="secret" type="text" readonly value="')[1].split('"')[0]
    with Session(engine) as session:
        principal = authenticate(session, secret, now=NOW)
        token = session.exec(select(ApiToken).where(ApiToken.label == "JM statistik")).one()
    assert principal is not None
    assert principal.organisation_code == "REDEN"
    assert secret not in secretariat.get("/sekretariat/tokens").text
    [created] = events(engine, "token.create")
    assert created.actor == "user:1"
    revoked = post_form(secretariat, f"/sekretariat/tokens/{token.id}/tilbagekald", {})
    assert revoked.status_code == 303
    with Session(engine) as session:
        assert authenticate(session, secret, now=NOW) is None
    assert events(engine, "token.revoke")[0].actor == "user:1"
    before = fingerprint(engine)
    bad = post_form(secretariat, "/sekretariat/tokens", {"label": "", "organisation": "NOPE", "role": "x", "days": "0"})
    assert bad.status_code == 422
    for field in ("label", "token-role", "days"):
        assert f'href="#{field}"' in bad.text
    assert fingerprint(engine) == before


def test_the_outbox_and_the_jobs_are_shown(signed_in):
    page = signed_in("secretariat").get("/sekretariat/drift").text
    assert "Planlagte job" in page
    assert "Udgående post" in page
    assert "sign_in" in page  # the secretariat's own sign-in mail is in the outbox
    assert "/log-ind/link?token=" not in page  # never a mail's body (links in it sign people in)


def test_viewers_and_reporters_cannot_write_and_posts_without_csrf_change_nothing(signed_in, engine):
    secretariat = signed_in("secretariat")
    reporter = signed_in("reporter")
    viewer = signed_in("viewer")
    with Session(engine) as session:
        anna = session.exec(select(User).where(User.email == PEOPLE["reporter"][0])).one()
    writes = [
        ("/sekretariat/perioder/2025-H2/laas", {}),
        ("/sekretariat/perioder/2025-H1/genaabn", {"reason": "x"}),
        ("/sekretariat/personer", {"email": "x@y.dk", "name": "X", "organisation": "REDEN", "role": "secretariat"}),
        (f"/sekretariat/personer/{anna.id}/deaktiver", {}),
        ("/sekretariat/tokens", {"label": "x", "organisation": "REDEN", "role": "secretariat", "days": "1"}),
    ]
    before = fingerprint(engine)
    for url, form in writes:
        for client in (reporter, viewer):
            assert post_form(client, url, form).status_code == 403, url
        assert secretariat.post(url, data=form, follow_redirects=False).status_code == 403, url
        assert secretariat.post(url, data=form | {"_csrf_token": "forged"}, follow_redirects=False).status_code == 403
    assert fingerprint(engine) == before
