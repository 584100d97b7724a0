"""Optional sign-in through an OpenID Connect provider (e.g. a broker in front of MitID Erhverv).

Authorization code flow with PKCE (S256), `state` and `nonce`, through authlib's client; the ID token is checked
with joserfc against the provider's published keys (signature, issuer, audience, expiry, nonce). The person's
organisation and role come from two claims (TRACKER_OIDC_ORGANISATION_CLAIM, TRACKER_OIDC_ROLE_CLAIM) through
the `identity_mapping` table the secretariat keeps; a sign-in that maps to nothing gets no access (audited).
The person is the `user` row with the token's e-mail: added on the first sign-in, kept in step with the mapping
on later ones, refused when disabled. Off unless TRACKER_OIDC_ISSUER and TRACKER_OIDC_CLIENT_ID are set.
"""

import warnings
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx
from authlib.common.security import generate_token
from authlib.deprecate import AuthlibDeprecationWarning
from authlib.integrations.base_client.errors import OAuthError
from authlib.oauth2 import OAuth2Error
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from sqlmodel import Session, col, select

from actionplan.models import Organisation
from tracker.audit.service import record
from tracker.auth.models import Role
from tracker.errors import Conflict, NotFound, TrackerError, ValidationFailed
from tracker.settings import Settings
from tracker.users import service as users
from tracker.users.models import IdentityMapping, User
from tracker.users.service import normalise_email, valid_email

with warnings.catch_warnings():
    # authlib warns on import that its httpx integration will move to "httpx2"; the client works the same, and
    # the warning printed on every `tracker serve` (also when OIDC is off).
    warnings.simplefilter("ignore", AuthlibDeprecationWarning)
    from authlib.integrations.httpx_client import OAuth2Client

TIMEOUT = 10.0
CALLBACK_PATH = "/log-ind/oidc/retur"


class SignInRefused(TrackerError):
    """The provider or its token cannot be trusted, or the person has no access here."""

    status_code = 403
    problem_type = "sign-in-refused"
    title = "Sign-in refused"

    def __init__(self, detail: str, *, reason: str) -> None:
        super().__init__(detail)
        self.reason = reason  # a key the page words: "provider", "unmapped", "ambiguous", "disabled", "email"


@dataclass(frozen=True)
class Provider:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str


@dataclass(frozen=True)
class Started:
    url: str
    state: str
    nonce: str
    code_verifier: str


def redirect_uri(settings: Settings) -> str:
    return settings.base_url.rstrip("/") + CALLBACK_PATH


def discover(settings: Settings) -> Provider:
    """The provider's endpoints from its discovery document (its issuer must be the configured one)."""
    assert settings.oidc_issuer
    issuer = settings.oidc_issuer.rstrip("/")
    try:
        answer = httpx.get(f"{issuer}/.well-known/openid-configuration", timeout=TIMEOUT)
        answer.raise_for_status()
        document = answer.json()
        provider = Provider(
            issuer=str(document["issuer"]).rstrip("/"),
            authorization_endpoint=str(document["authorization_endpoint"]),
            token_endpoint=str(document["token_endpoint"]),
            jwks_uri=str(document["jwks_uri"]),
        )
    except (httpx.HTTPError, ValueError, KeyError, TypeError) as exc:
        raise SignInRefused(f"The sign-in provider could not be reached: {exc}", reason="provider") from exc
    if provider.issuer != issuer:
        raise SignInRefused(f"The provider says it is {provider.issuer!r}, not {issuer!r}.", reason="provider")
    return provider


def _client(settings: Settings) -> OAuth2Client:
    secret = settings.oidc_client_secret.get_secret_value() if settings.oidc_client_secret else None
    return OAuth2Client(
        settings.oidc_client_id,
        secret,
        scope=settings.oidc_scope,
        redirect_uri=redirect_uri(settings),
        code_challenge_method="S256",
        timeout=TIMEOUT,
    )


def begin(settings: Settings, provider: Provider) -> Started:
    """Where to send the browser: the authorization URL with a fresh state, nonce and PKCE challenge."""
    state, nonce, verifier = generate_token(32), generate_token(32), generate_token(64)
    with _client(settings) as client:
        url, _state = client.create_authorization_url(
            provider.authorization_endpoint, state=state, nonce=nonce, code_verifier=verifier
        )
    return Started(url=url, state=state, nonce=nonce, code_verifier=verifier)


def finish(
    settings: Settings, provider: Provider, *, code: str, code_verifier: str, nonce: str, now: datetime
) -> dict[str, Any]:
    """Exchange the code (with the PKCE verifier) and return the ID token's claims once every check passed."""
    try:
        with _client(settings) as client:
            token = client.fetch_token(provider.token_endpoint, code=code, code_verifier=code_verifier)
        keys = httpx.get(provider.jwks_uri, timeout=TIMEOUT)
        keys.raise_for_status()
        id_token = str(token["id_token"])
        decoded = jwt.decode(id_token, KeySet.import_key_set(keys.json()))
        jwt.JWTClaimsRegistry(
            now=int(now.timestamp()),
            leeway=120,
            iss={"essential": True, "value": provider.issuer},
            aud={"essential": True, "value": settings.oidc_client_id},
            exp={"essential": True},
            sub={"essential": True},
            nonce={"essential": True, "value": nonce},
        ).validate(decoded.claims)
    except TrackerError:
        raise
    except (httpx.HTTPError, KeyError, ValueError, TypeError, JoseError, OAuthError, OAuth2Error) as exc:
        raise SignInRefused(
            f"The sign-in could not be verified: {type(exc).__name__}: {exc}", reason="provider"
        ) from exc
    return dict(decoded.claims)


def _values(claim: Any) -> set[str]:
    if claim is None:
        return set()
    if isinstance(claim, (list, tuple, set)):
        return {str(v) for v in claim}
    return {str(claim)}


def map_identity(session: Session, settings: Settings, claims: dict[str, Any]) -> tuple[int, Role]:
    """The organisation and role the mapping gives these claims; SignInRefused when none or several."""
    organisation_values = _values(claims.get(settings.oidc_organisation_claim))
    role_values = _values(claims.get(settings.oidc_role_claim))
    rows = session.exec(
        select(IdentityMapping).where(col(IdentityMapping.organisation_value).in_(sorted(organisation_values)))
    ).all()
    matches = {(m.organisation_id, Role(m.role)) for m in rows if not m.role_value or m.role_value in role_values}
    if not matches:
        raise SignInRefused("No mapping gives these claims an organisation and a role.", reason="unmapped")
    if len(matches) > 1:
        raise SignInRefused("The mapping gives these claims more than one organisation or role.", reason="ambiguous")
    return next(iter(matches))


def person(session: Session, claims: dict[str, Any], organisation_id: int, role: Role, *, now: datetime) -> User:
    """The `user` row for these claims, added or brought in step with the mapping (audited); disabled: refused."""
    email = normalise_email(str(claims.get("email") or ""))
    if not valid_email(email) or claims.get("email_verified") is False:
        raise SignInRefused("The provider gave no verified e-mail address.", reason="email")
    actor = "oidc"
    user = session.exec(select(User).where(User.email == email)).first()
    if user is None:
        name = str(claims.get("name") or email)[:200]
        organisation = session.get(Organisation, organisation_id)
        assert organisation is not None  # the mapping's foreign key
        return users.create_user(
            session, email=email, name=name, organisation=organisation, role=role, now=now, actor=actor
        )
    if not user.active:
        raise SignInRefused("This person is disabled.", reason="disabled")
    if (user.organisation_id, Role(user.role)) != (organisation_id, role):
        before = {"organisation_id": user.organisation_id, "role": Role(user.role).value}
        user.organisation_id, user.role = organisation_id, role
        session.add(user)
        session.flush()
        record(
            session,
            actor=actor,
            action="user.update",
            entity="user",
            entity_key=str(user.id),
            at=now,
            organisation_id=organisation_id,
            before=before,
            after={"organisation_id": organisation_id, "role": role.value},
        )
    return user


def record_sign_in(session: Session, user: User, claims: dict[str, Any], *, now: datetime) -> None:
    """Audit the sign-in as the mail link's is (`user.sign_in`), naming the method and the token's subject."""
    users.record_sign_in(session, user, now=now, method={"method": "oidc", "sub": str(claims.get("sub", ""))[:200]})


def refused(session: Session, exc: SignInRefused, claims: dict[str, Any] | None, *, now: datetime) -> None:
    """Audit a refused sign-in (which claims, never a token)."""
    shown = {k: claims.get(k) for k in ("sub", "email", "iss")} if claims else {}
    record(
        session,
        actor="oidc",
        action="user.sign_in_refused",
        entity="user",
        entity_key=str(shown.get("email") or shown.get("sub") or "?")[:120],
        at=now,
        after={"reason": exc.reason, "detail": exc.detail[:300], **{k: str(v)[:200] for k, v in shown.items()}},
    )


# The secretariat's mapping --------------------------------------------------------------------------------


def list_mappings(session: Session) -> list[tuple[IdentityMapping, str]]:
    rows = session.exec(
        select(IdentityMapping, Organisation.code)
        .join(Organisation, col(Organisation.id) == IdentityMapping.organisation_id)
        .order_by(col(IdentityMapping.organisation_value), col(IdentityMapping.role_value))
    ).all()
    return [(m, code) for m, code in rows]


def add_mapping(
    session: Session,
    *,
    organisation_value: str,
    role_value: str,
    organisation_code: str,
    role: str,
    now: datetime,
    actor: str,
) -> IdentityMapping:
    organisation_value, role_value = organisation_value.strip(), role_value.strip()
    if not organisation_value or len(organisation_value) > 120 or len(role_value) > 120:
        raise ValidationFailed("The organisation value is required (at most 120 characters).")
    if role not in {r.value for r in Role}:
        raise ValidationFailed(f"Unknown role {role!r}.")
    organisation = session.exec(select(Organisation).where(Organisation.code == organisation_code)).first()
    if organisation is None or organisation.id is None:
        raise NotFound(f"No organisation with code {organisation_code!r}.")
    same = session.exec(
        select(IdentityMapping).where(
            IdentityMapping.organisation_value == organisation_value, IdentityMapping.role_value == role_value
        )
    ).first()
    if same is not None:
        raise Conflict("These claim values are mapped already.")
    mapping = IdentityMapping(
        organisation_value=organisation_value,
        role_value=role_value,
        organisation_id=organisation.id,
        role=Role(role),
        created_at=now,
    )
    session.add(mapping)
    session.flush()
    record(
        session,
        actor=actor,
        action="identity_mapping.add",
        entity="identity_mapping",
        entity_key=str(mapping.id),
        at=now,
        organisation_id=organisation.id,
        after={"organisation_value": organisation_value, "role_value": role_value, "role": role},
    )
    return mapping


def delete_mapping(session: Session, mapping_id: int, *, now: datetime, actor: str) -> None:
    mapping = session.get(IdentityMapping, mapping_id)
    if mapping is None:
        raise NotFound(f"No mapping {mapping_id}.")
    record(
        session,
        actor=actor,
        action="identity_mapping.delete",
        entity="identity_mapping",
        entity_key=str(mapping_id),
        at=now,
        organisation_id=mapping.organisation_id,
        before={
            "organisation_value": mapping.organisation_value,
            "role_value": mapping.role_value,
            "role": Role(mapping.role).value,
        },
    )
    session.delete(mapping)
    session.flush()
