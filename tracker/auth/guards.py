"""Bearer-token authentication and role guards (deny by default)."""

from collections.abc import Awaitable, Callable, Iterable
from datetime import datetime
from typing import Any

import anyio.to_thread
from litestar.connection import ASGIConnection
from litestar.datastructures import State
from litestar.enums import HttpMethod
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.handlers import HTTPRouteHandler
from litestar.handlers.base import BaseRouteHandler
from litestar.middleware import AbstractAuthenticationMiddleware, AuthenticationResult
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from tracker.auth.models import Role
from tracker.auth.service import Principal, authenticate, hash_secret
from tracker.cache import ReadCache
from tracker.db import classify_db_error, connection_gate, session_scope
from tracker.errors import TooManyRequests
from tracker.requests import FailedTokenLimiter, scope_header

PUBLIC_PATHS = {"/health", "/schema"}
Guard = Callable[[ASGIConnection[Any, Any, Any, Any], BaseRouteHandler], Awaitable[None]]


class BearerTokenMiddleware(AbstractAuthenticationMiddleware):
    """Turns `Authorization: Bearer <token>` into a Principal on `request.user`.

    A known token is checked from this process's memory (`token_cache`), without a trip to a worker thread or
    the database. The rule for how current that answer is:

    - in this process, at once: revoking or changing a token (or an organisation) commits a write to
      `api_token` (or `organisation`), which empties the cache, so the next request checks the database;
    - an expiry time is compared on every request, cached or not;
    - across processes (several workers, or the CLI's `tracker token revoke`), at most
      TRACKER_TOKEN_CACHE_SECONDS (30 s by default) late: each entry is checked against the database again
      after that long. Set it to 0 to check every request against the database.
    """

    async def authenticate_request(self, connection: ASGIConnection[Any, Any, Any, Any]) -> AuthenticationResult:
        scope = connection.scope
        state = connection.app.state
        principal = remembered_principal(
            state, scope_header(scope, b"authorization"), scope.get("client"), state.clock()
        )
        if principal is not None:
            return AuthenticationResult(user=principal, auth=None)
        header = scope_header(scope, b"authorization") or ""
        scheme, _, secret = header.partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            raise NotAuthorizedException("Send an API token as 'Authorization: Bearer <token>'.")
        limiter: FailedTokenLimiter | None = state.get("token_limiter")
        client = _client(scope.get("client"))
        if limiter is not None and limiter.retry_after(client) is not None:
            raise TooManyRequests(
                "Too many unknown tokens from this client; wait before trying again.", headers=limiter.headers(client)
            )
        now: datetime = state.clock()
        cache: ReadCache[Principal | None] = state.token_cache
        key = hash_secret(secret.strip())
        engine = state.engine

        async def check() -> Principal | None:
            async with connection_gate(engine):
                return await anyio.to_thread.run_sync(_authenticate, engine, secret.strip(), now)

        # One check per token at a time: when the entry expires under load, the other requests wait for it.
        principal = await cache.get_or_compute(key, check)
        if principal is None:
            if limiter is not None:
                limiter.failed(client)
            raise NotAuthorizedException("The API token is unknown, expired or revoked.")
        return AuthenticationResult(user=principal, auth=None)


def _client(address: Any) -> str:
    return str(address[0]) if address else "unknown"


def remembered_principal(state: State, authorization: str | None, address: Any, now: datetime) -> Principal | None:
    """The caller, when this process's memory vouches for the token: `Authorization: Bearer <token>`, a client
    the failed-token limit does not hold back, and a cached check of the token that has not expired.

    None when memory cannot say yes; `BearerTokenMiddleware` then refuses or checks the database, and the plan
    reads' fast path (tracker/plans/fast.py) leaves the request to the app. The one rule for both.
    """
    scheme, _, secret = (authorization or "").partition(" ")
    secret = secret.strip()
    if scheme.lower() != "bearer" or not secret:
        return None
    limiter: FailedTokenLimiter | None = state.get("token_limiter")
    if limiter is not None and limiter.retry_after(_client(address)) is not None:
        return None
    cache: ReadCache[Principal | None] = state.token_cache
    key = hash_secret(secret)
    principal = cache.get(key)
    if principal is not None and principal.expires_at is not None and principal.expires_at <= now:
        cache.discard(key)
        return None
    return principal


def _authenticate(engine: Engine, secret: str, now: datetime) -> Principal | None:
    try:
        with session_scope(engine) as session:
            return authenticate(session, secret, now=now)
    except SQLAlchemyError as exc:
        if classify_db_error(exc) not in ("not-writable", "locked"):
            raise
    # The token's last-used time is best effort: a full disk or a busy database never fails a read.
    with Session(engine) as session:
        principal = authenticate(session, secret, now=now)
        session.rollback()
        return principal


class GuardedRoute(HTTPRouteHandler):
    """An HTTP route whose guards are handed the route itself.

    Litestar hands each guard a fresh copy of the route handler on every request (`copy(handler)`, about a
    fifth of a cached read's time in the process). Our guards only read who is calling, never the handler, so
    the routes on the hot paths (plan reads, report submission) skip the copy. Everything else is Litestar's.
    """

    async def authorize_connection(self, connection: ASGIConnection[Any, Any, Any, Any]) -> None:
        for guard in self.resolve_guards():
            await guard(connection, self)  # type: ignore[misc]  # resolve_guards() made each one async


def guarded_get(path: str | None = None, **kwargs: Any) -> GuardedRoute:
    """`@get` for a GuardedRoute."""
    return GuardedRoute(path, http_method=HttpMethod.GET, **kwargs)


def guarded_put(path: str | None = None, **kwargs: Any) -> GuardedRoute:
    """`@put` for a GuardedRoute."""
    return GuardedRoute(path, http_method=HttpMethod.PUT, **kwargs)


def allow(*roles: Role) -> Guard:
    """A guard that lets only the given roles through."""
    allowed = frozenset(roles)

    def admits(principal: Principal) -> bool:
        return principal.role in allowed

    # Async so Litestar does not hand every request's guard to a worker thread.
    async def guard(connection: ASGIConnection[Any, Any, Any, Any], _handler: BaseRouteHandler) -> None:
        if connection.scope.get("method") == "OPTIONS":
            # OPTIONS runs none of our handlers: Litestar answers it with the route's Allow header (and CORS
            # answers preflights before this). It needs no token, like a browser's preflight, and tells nothing
            # the published OpenAPI document does not.
            return
        principal = connection.user
        if not isinstance(principal, Principal):
            raise NotAuthorizedException("Authentication required.")
        if not admits(principal):
            raise PermissionDeniedException(
                f"The role {principal.role.value!r} may not do this; allowed: {', '.join(sorted(allowed))}."
            )

    guard.allowed_roles = allowed  # type: ignore[attr-defined]
    guard.admits = admits  # type: ignore[attr-defined]
    return guard


def admitted(guards: Iterable[object], principal: Principal) -> bool:
    """Whether every one of a route's guards lets this caller through a GET, decided by the guards' own rule
    (`allow`); False when a guard is not one of ours (it can only be asked by the app)."""
    for guard in guards:
        admits: Callable[[Principal], bool] | None = getattr(guard, "admits", None)
        if admits is None or not admits(principal):
            return False
    return True


ANY_ROLE = allow(Role.REPORTER, Role.SECRETARIAT, Role.VIEWER)
SECRETARIAT = allow(Role.SECRETARIAT)
REPORTER_OR_SECRETARIAT = allow(Role.REPORTER, Role.SECRETARIAT)
VIEWER_OR_SECRETARIAT = allow(Role.VIEWER, Role.SECRETARIAT)
