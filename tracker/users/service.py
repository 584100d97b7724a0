"""People, one-time sign-in links and web sessions. Services flush, never commit.

Secrets (the link in a mail, the session cookie) are random and stored only as SHA-256 hashes. A signed-in
person acts as a `WebPrincipal`: the same `Principal` the API's services take, with `user:<id>` as the actor,
so a write through the pages runs the same rules and leaves the same audit events as through the API.
"""

import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import quote

from sqlalchemy import delete, func, or_
from sqlmodel import Session, col, select

from actionplan.models import Organisation
from tracker.audit.service import record
from tracker.auth.models import Role
from tracker.auth.service import Principal, hash_secret
from tracker.errors import Conflict, NotFound, ValidationFailed
from tracker.mail.service import as_utc, enqueue
from tracker.mail.texts import render
from tracker.settings import Settings
from tracker.users.models import SignInLink, User, WebSession

# Don't write last_seen_at on every page: once a minute keeps the idle timeout exact enough.
SEEN_RESOLUTION = timedelta(minutes=1)
# At most this many links per person while earlier ones still work: nobody can flood an inbox from the form.
MAX_OPEN_LINKS = 5
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,190}$")


@dataclass(frozen=True)
class WebPrincipal(Principal):
    """A signed-in person: their organisation and role, as the services know callers."""

    user_id: int = 0
    name: str = ""
    email: str = ""
    organisation_name: str = ""

    @property
    def actor(self) -> str:
        return f"user:{self.user_id}"


def normalise_email(email: str) -> str:
    return email.strip().lower()


def valid_email(email: str) -> bool:
    return bool(_EMAIL.match(normalise_email(email)))


def safe_next(path: str | None) -> str:
    """A local path to land on after signing in; anything else (another host, a scheme) becomes ""."""
    if not path or not path.startswith("/") or path.startswith("//") or "\\" in path or len(path) > 500:
        return ""
    return path


def add_user(
    session: Session,
    *,
    email: str,
    name: str,
    organisation_code: str,
    role: Role | str,
    now: datetime,
    actor: str,
) -> User:
    """Add a person (audited); an address already in use is a conflict."""
    email = normalise_email(email)
    if not valid_email(email):
        raise ValidationFailed(
            f"{email!r} is not an e-mail address.", errors=[{"field": "email", "message": "invalid"}]
        )
    try:
        role = Role(role)
    except ValueError as exc:
        raise ValidationFailed(f"Unknown role {role!r}; use one of {', '.join(Role)}.") from exc
    organisation = session.exec(select(Organisation).where(Organisation.code == organisation_code)).first()
    if organisation is None or organisation.id is None:
        raise NotFound(f"No organisation with code {organisation_code!r}.")
    if session.exec(select(User.id).where(User.email == email)).first() is not None:
        raise Conflict(f"A user with the address {email} exists already.")
    return create_user(
        session, email=email, name=name.strip(), organisation=organisation, role=role, now=now, actor=actor
    )


def create_user(
    session: Session, *, email: str, name: str, organisation: Organisation, role: Role, now: datetime, actor: str
) -> User:
    """Store a new, active person and audit it as `user.create` (whoever adds them: the CLI, an admin, OIDC)."""
    assert organisation.id is not None
    user = User(email=email, name=name, organisation_id=organisation.id, role=role, active=True, created_at=now)
    session.add(user)
    session.flush()
    record(
        session,
        actor=actor,
        action="user.create",
        entity="user",
        entity_key=str(user.id),
        at=now,
        organisation_id=user.organisation_id,
        after={"role": Role(user.role).value, "organisation": organisation.code, "active": True},
    )
    return user


def list_users(session: Session) -> list[tuple[User, str]]:
    rows = session.exec(
        select(User, Organisation.code)
        .join(Organisation, col(Organisation.id) == User.organisation_id)
        .order_by(col(User.email))
    ).all()
    return [(user, code) for user, code in rows]


def find_user(session: Session, email: str) -> User | None:
    return session.exec(select(User).where(User.email == normalise_email(email))).first()


def disable_user(session: Session, email: str, *, now: datetime, actor: str) -> User:
    """Disable a person (audited): their sessions and unused links end at once."""
    user = find_user(session, email)
    if user is None or user.id is None:
        raise NotFound(f"No user with the address {normalise_email(email)}.")
    if user.active:
        user.active = False
        session.add(user)
        record(
            session,
            actor=actor,
            action="user.disable",
            entity="user",
            entity_key=str(user.id),
            at=now,
            organisation_id=user.organisation_id,
            before={"active": True},
            after={"active": False},
        )
    session.execute(delete(WebSession).where(col(WebSession.user_id) == user.id))
    session.execute(delete(SignInLink).where(col(SignInLink.user_id) == user.id, col(SignInLink.used_at).is_(None)))
    session.flush()
    return user


def create_sign_in_link(session: Session, user: User, *, now: datetime, settings: Settings, next_path: str = "") -> str:
    """A one-time sign-in address for this person (the secret is in the address only, never stored)."""
    assert user.id is not None
    secret = secrets.token_urlsafe(32)
    session.add(
        SignInLink(
            user_id=user.id,
            token_hash=hash_secret(secret),
            next_path=safe_next(next_path),
            created_at=now,
            expires_at=now + timedelta(minutes=settings.sign_in_link_minutes),
        )
    )
    session.flush()
    return f"{settings.base_url.rstrip('/')}/log-ind/link?token={quote(secret)}"


def request_sign_in(
    session: Session, email: str, *, now: datetime, settings: Settings, language: str, next_path: str = ""
) -> bool:
    """Mail a sign-in link if the address belongs to an active person; the caller answers the same either way."""
    user = find_user(session, email)
    if user is None or not user.active or user.id is None:
        return False
    window = now - timedelta(minutes=settings.sign_in_link_minutes)
    recent = session.exec(
        select(func.count())
        .select_from(SignInLink)
        .where(SignInLink.user_id == user.id, col(SignInLink.created_at) > window)
    ).one()
    if recent >= MAX_OPEN_LINKS:
        return False
    url = create_sign_in_link(session, user, now=now, settings=settings, next_path=next_path)
    link_id = session.exec(
        select(SignInLink.id).where(SignInLink.user_id == user.id).order_by(col(SignInLink.id).desc())
    ).first()
    mail = render("sign_in", language, name=user.name, link=url, minutes=settings.sign_in_link_minutes)
    enqueue(
        session,
        to=user.email,
        mail=mail,
        kind="sign_in",
        dedupe_key=f"sign-in:{link_id}",
        now=now,
        actor=f"user:{user.id}",
        organisation_id=user.organisation_id,
    )
    return True


def consume_sign_in_link(session: Session, secret: str, *, now: datetime) -> tuple[User, str] | None:
    """The person a valid, unused, unexpired link belongs to (and where to land); the link is spent."""
    link = session.exec(select(SignInLink).where(SignInLink.token_hash == hash_secret(secret))).first()
    if link is None or link.used_at is not None or as_utc(link.expires_at) <= now:
        return None
    user = session.get(User, link.user_id)
    if user is None or not user.active:
        return None
    link.used_at = now
    session.add(link)
    record_sign_in(session, user, now=now)
    session.flush()
    return user, link.next_path


def record_sign_in(session: Session, user: User, *, now: datetime, method: dict[str, Any] | None = None) -> None:
    """A person signed in (by mail link, or as `method` says): last sign-in time and the audit event."""
    user.last_sign_in_at = now
    session.add(user)
    record(
        session,
        actor=f"user:{user.id}",
        action="user.sign_in",
        entity="user",
        entity_key=str(user.id),
        at=now,
        organisation_id=user.organisation_id,
        after=method,
    )


def start_session(session: Session, user: User, *, now: datetime, settings: Settings) -> str:
    """A new session (a new random id at every sign-in); returns the cookie value."""
    assert user.id is not None
    secret = secrets.token_urlsafe(32)
    session.add(
        WebSession(
            token_hash=hash_secret(secret),
            user_id=user.id,
            created_at=now,
            last_seen_at=now,
            expires_at=now + timedelta(hours=settings.web_session_absolute_hours),
        )
    )
    session.flush()
    return secret


def end_session(session: Session, secret: str, *, now: datetime | None = None) -> None:
    """End a session; with `now`, the sign-out is audited (a new sign-in ends the old session silently)."""
    row = session.exec(
        select(WebSession, User)
        .join(User, col(User.id) == WebSession.user_id)
        .where(WebSession.token_hash == hash_secret(secret))
    ).first()
    if row is None:
        return
    web_session, user = row
    session.delete(web_session)
    if now is not None:
        record(
            session,
            actor=f"user:{user.id}",
            action="user.sign_out",
            entity="user",
            entity_key=str(user.id),
            at=now,
            organisation_id=user.organisation_id,
        )
    session.flush()


def resume_session(
    session: Session, secret: str, *, now: datetime, settings: Settings
) -> tuple[WebPrincipal, WebSession] | None:
    """The person behind a session cookie, or None when it is unknown, idle too long, too old or disabled."""
    row = session.exec(
        select(WebSession, User, Organisation)
        .join(User, col(User.id) == WebSession.user_id)
        .join(Organisation, col(Organisation.id) == User.organisation_id)
        .where(WebSession.token_hash == hash_secret(secret))
    ).first()
    if row is None:
        return None
    web_session, user, organisation = row
    idle = timedelta(minutes=settings.web_session_idle_minutes)
    if not user.active or as_utc(web_session.expires_at) <= now or as_utc(web_session.last_seen_at) + idle <= now:
        session.delete(web_session)
        session.flush()
        return None
    if now - as_utc(web_session.last_seen_at) >= SEEN_RESOLUTION:
        web_session.last_seen_at = now
        session.add(web_session)
    return web_principal(user, organisation), web_session


def web_principal(user: User, organisation: Organisation) -> WebPrincipal:
    """The signed-in person as the pages see them (`user` belongs to `organisation`)."""
    assert user.id is not None
    assert organisation.id is not None
    return WebPrincipal(
        token_id=0,
        organisation_id=organisation.id,
        organisation_code=organisation.code,
        role=Role(user.role),
        user_id=user.id,
        name=user.name,
        email=user.email,
        organisation_name=organisation.name_da,
    )


def purge_expired(session: Session, *, now: datetime, settings: Settings) -> dict[str, int]:
    """Delete web sessions that can no longer be resumed (idle or past their absolute end) and sign-in links
    that can no longer be used (spent or expired). Flushes, never commits."""
    idle_cutoff = now - timedelta(minutes=settings.web_session_idle_minutes)
    sessions = session.execute(
        delete(WebSession).where(or_(col(WebSession.expires_at) <= now, col(WebSession.last_seen_at) <= idle_cutoff))
    ).rowcount  # type: ignore[attr-defined]
    links = session.execute(
        delete(SignInLink).where(or_(col(SignInLink.expires_at) <= now, col(SignInLink.used_at).is_not(None)))
    ).rowcount  # type: ignore[attr-defined]
    return {"sessions": int(sessions or 0), "sign_in_links": int(links or 0)}
