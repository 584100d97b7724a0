"""Issuing, verifying and revoking API tokens."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, select

from actionplan.models import Organisation
from tracker.audit.service import record
from tracker.auth.models import ApiToken, Role
from tracker.errors import NotFound, ValidationFailed

TOKEN_PREFIX = "apt_"
# Don't write last_used_at on every request: once a minute is enough to answer "is it in use".
LAST_USED_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class Principal:
    """Who is calling: the token, its organisation and its role."""

    token_id: int
    organisation_id: int
    organisation_code: str
    role: Role
    expires_at: datetime | None = None

    @property
    def actor(self) -> str:
        return f"token:{self.token_id}"


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_token(
    session: Session,
    organisation_code: str,
    role: Role | str,
    *,
    now: datetime,
    label: str = "",
    expires_in_days: int | None = 365,
    actor: str = "system",
) -> tuple[ApiToken, str]:
    """Create a token (audited); returns the row and the secret, which is shown once and never stored."""
    organisation = session.exec(select(Organisation).where(Organisation.code == organisation_code)).first()
    if organisation is None or organisation.id is None:
        raise NotFound(f"No organisation with code {organisation_code!r}.")
    try:
        role = Role(role)
    except ValueError as exc:
        raise ValidationFailed(f"Unknown role {role!r}; use one of {', '.join(Role)}.") from exc
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        prefix=secret[: len(TOKEN_PREFIX) + 6],
        secret_hash=hash_secret(secret),
        organisation_id=organisation.id,
        role=role,
        label=label,
        created_at=now,
        expires_at=now + timedelta(days=expires_in_days) if expires_in_days else None,
    )
    session.add(token)
    session.flush()
    record(
        session,
        actor=actor,
        action="token.create",
        entity="api_token",
        entity_key=str(token.id),
        at=now,
        organisation_id=token.organisation_id,
        after={"role": token.role, "label": token.label, "expires_at": token.expires_at, "prefix": token.prefix},
    )
    return token, secret


def authenticate(session: Session, secret: str, *, now: datetime) -> Principal | None:
    """The principal for a bearer secret, or None when it is unknown, expired or revoked."""
    row = session.exec(
        select(ApiToken, Organisation.code)
        .join(Organisation, Organisation.id == ApiToken.organisation_id)  # type: ignore[arg-type]
        .where(ApiToken.secret_hash == hash_secret(secret))
    ).first()
    if row is None:
        return None
    token, org_code = row
    if token.revoked_at is not None or (token.expires_at is not None and token.expires_at <= now):
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        token.last_used_at = now
        session.add(token)
    assert token.id is not None
    return Principal(token.id, token.organisation_id, org_code, Role(token.role), token.expires_at)


def revoke_token(session: Session, token_id: int, *, now: datetime, actor: str = "system") -> ApiToken:
    """Revoke a token at once (audited; revoking twice changes nothing)."""
    token = session.get(ApiToken, token_id)
    if token is None:
        raise NotFound(f"No token with id {token_id}.")
    if token.revoked_at is None:
        token.revoked_at = now
        session.add(token)
        record(
            session,
            actor=actor,
            action="token.revoke",
            entity="api_token",
            entity_key=str(token.id),
            at=now,
            organisation_id=token.organisation_id,
            after={"revoked_at": token.revoked_at},
        )
    return token


def list_tokens(session: Session) -> list[tuple[ApiToken, str]]:
    rows = session.exec(
        select(ApiToken, Organisation.code)
        .join(Organisation, Organisation.id == ApiToken.organisation_id)  # type: ignore[arg-type]
        .order_by(ApiToken.id)  # type: ignore[arg-type]
    ).all()
    return [(token, code) for token, code in rows]
