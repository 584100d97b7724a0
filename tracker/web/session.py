"""Who is signed in: the session cookie read on every page, and the role guards of the pages.

The web session authenticates pages only (the API reads bearer tokens only), and a bearer token opens no page.
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import anyio.to_thread
from litestar.connection import ASGIConnection
from litestar.exceptions import PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler
from litestar.middleware import AbstractAuthenticationMiddleware, AuthenticationResult
from sqlalchemy import Engine

from tracker.auth.models import Role
from tracker.auth.service import hash_secret
from tracker.cache import ReadCache
from tracker.db import connection_gate, session_scope
from tracker.mail.service import as_utc
from tracker.settings import Settings
from tracker.users.service import SEEN_RESOLUTION, WebPrincipal, resume_session

PageGuard = Callable[[ASGIConnection[Any, Any, Any, Any], BaseRouteHandler], Awaitable[None]]
# The handler option that skips this middleware (static files); the bearer middleware skips on "exclude_from_auth".
EXCLUDE_KEY = "exclude_from_web_auth"


def session_cookie_name(settings: Settings) -> str:
    # __Host- pins the cookie to this host and path "/", but browsers accept it only when Secure.
    return "__Host-tracker_session" if settings.cookies_secure else "tracker_session"


class SignInRequired(Exception):
    """Raised by a page guard when nobody is signed in: the visitor goes through sign-in and comes back."""


# The tables a session check reads: a write to any of them (signing out, disabling a person, changing their role or
# organisation) empties the session cache of this process at once.
SESSION_TABLES = frozenset({"web_session", "user", "organisation"})


@dataclass(frozen=True)
class ResumedSession:
    """A session as checked against the database: who it is, and the times it is compared against."""

    principal: WebPrincipal
    expires_at: datetime
    last_seen_at: datetime

    def current(self, now: datetime, idle: timedelta) -> bool:
        """Still valid at `now`, and seen recently enough that its last-seen time needs no write."""
        return now < self.expires_at and now < self.last_seen_at + idle and now - self.last_seen_at < SEEN_RESOLUTION


class WebSessionMiddleware(AbstractAuthenticationMiddleware):
    """Puts the signed-in person (a WebPrincipal) or None on `request.user`.

    A session checked in the last minute is served from this process's memory (`web_session_cache`), without a
    trip to a worker thread or the database; the rule is the bearer tokens' (`tracker.auth.guards`):

    - in this process, at once: signing out, a new sign-in, disabling a person or changing their role or
      organisation commits a write to `web_session`, `user` or `organisation`, which empties the cache;
    - the absolute and idle ends are compared on every request, cached or not, and the last-seen time is written
      as before (at most once a minute: an entry older than that is checked against the database again);
    - across processes (several workers, the CLI's `tracker user disable`), at most TRACKER_TOKEN_CACHE_SECONDS
      (30 s by default) late. Set it to 0 to check every request against the database.
    """

    async def authenticate_request(self, connection: ASGIConnection[Any, Any, Any, Any]) -> AuthenticationResult:
        state = connection.app.state
        settings: Settings = state.settings
        secret = connection.cookies.get(session_cookie_name(settings), "")
        if not secret or len(secret) > 200:
            return AuthenticationResult(user=None, auth=None)
        now: datetime = state.clock()
        cache: ReadCache[ResumedSession | None] = state.web_session_cache
        key = hash_secret(secret)
        found = cache.get(key)
        if found is None or not found.current(now, timedelta(minutes=settings.web_session_idle_minutes)):
            cache.discard(key)
            engine = state.engine

            async def check() -> ResumedSession | None:
                async with connection_gate(engine):
                    return await anyio.to_thread.run_sync(_resume, engine, secret, now, settings)

            # One check per session at a time: a page's parallel requests wait for the one check.
            found = await cache.get_or_compute(key, check)
        if found is None:
            return AuthenticationResult(user=None, auth=None)
        return AuthenticationResult(user=found.principal, auth=secret)


def _resume(engine: Engine, secret: str, now: datetime, settings: Settings) -> ResumedSession | None:
    with session_scope(engine) as session:
        found = resume_session(session, secret, now=now, settings=settings)
        if found is None:
            return None
        principal, web_session = found
        return ResumedSession(principal, as_utc(web_session.expires_at), as_utc(web_session.last_seen_at))


def signed_in(connection: ASGIConnection[Any, Any, Any, Any]) -> WebPrincipal | None:
    user = connection.scope.get("user")
    return user if isinstance(user, WebPrincipal) else None


def page_guard(*roles: Role) -> PageGuard:
    """A page only these roles may open; nobody signed in goes to sign-in first."""
    allowed = frozenset(roles)

    async def guard(connection: ASGIConnection[Any, Any, Any, Any], _handler: BaseRouteHandler) -> None:
        principal = signed_in(connection)
        if principal is None:
            raise SignInRequired()
        if principal.role not in allowed:
            raise PermissionDeniedException("role")

    guard.allowed_roles = allowed  # type: ignore[attr-defined]
    return guard


ANY_PAGE = page_guard(Role.REPORTER, Role.SECRETARIAT, Role.VIEWER)
REPORTER_PAGE = page_guard(Role.REPORTER, Role.SECRETARIAT)
SECRETARIAT_PAGE = page_guard(Role.SECRETARIAT)
VIEWER_PAGE = page_guard(Role.VIEWER, Role.SECRETARIAT)

# Where each role starts after signing in (and at "/").
START_PAGES = {Role.REPORTER: "/indberetning", Role.SECRETARIAT: "/sekretariat/review", Role.VIEWER: "/overblik"}
