"""Who is signed in: the session cookie read on every page, and the role guards of the pages.

The web session authenticates pages only (the API reads bearer tokens only), and a bearer token opens no page.
"""

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

import anyio.to_thread
from litestar.connection import ASGIConnection
from litestar.exceptions import PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler
from litestar.middleware import AbstractAuthenticationMiddleware, AuthenticationResult
from sqlalchemy import Engine

from tracker.auth.models import Role
from tracker.db import connection_gate, session_scope
from tracker.settings import Settings
from tracker.users.service import WebPrincipal, resume_session

PageGuard = Callable[[ASGIConnection[Any, Any, Any, Any], BaseRouteHandler], Awaitable[None]]
# The handler option that skips this middleware (static files); the bearer middleware skips on "exclude_from_auth".
EXCLUDE_KEY = "exclude_from_web_auth"


def session_cookie_name(settings: Settings) -> str:
    # __Host- pins the cookie to this host and path "/", but browsers accept it only when Secure.
    return "__Host-tracker_session" if settings.cookies_secure else "tracker_session"


class SignInRequired(Exception):
    """Raised by a page guard when nobody is signed in: the visitor goes through sign-in and comes back."""


class WebSessionMiddleware(AbstractAuthenticationMiddleware):
    """Puts the signed-in person (a WebPrincipal) or None on `request.user`."""

    async def authenticate_request(self, connection: ASGIConnection[Any, Any, Any, Any]) -> AuthenticationResult:
        state = connection.app.state
        secret = connection.cookies.get(session_cookie_name(state.settings), "")
        if not secret or len(secret) > 200:
            return AuthenticationResult(user=None, auth=None)
        now: datetime = state.clock()
        async with connection_gate(state.engine):
            principal = await anyio.to_thread.run_sync(_resume, state.engine, secret, now, state.settings)
        return AuthenticationResult(user=principal, auth=secret if principal else None)


def _resume(engine: Engine, secret: str, now: datetime, settings: Settings) -> WebPrincipal | None:
    with session_scope(engine) as session:
        found = resume_session(session, secret, now=now, settings=settings)
        return found[0] if found else None


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
