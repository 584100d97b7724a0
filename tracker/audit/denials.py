"""Refused requests leave a trace: one mechanism for every route, with caller, route and reason.

Every 403 the API answers (a role guard refusing the route, or a service refusing an object) is written to
the audit trail as an `authz.denied` event, by one `after_exception` hook of the app, in a short transaction of
its own: the request's own transaction has rolled back by then (and on SQLite its one connection is free
again). A service that knows which object was refused attaches that context to the error with
`attach_denial`; nothing else on any route has to remember to audit.
"""

from datetime import datetime
from typing import Any, TypeVar

import anyio.to_thread
from litestar.exceptions import PermissionDeniedException
from litestar.types import Scope
from sqlalchemy import Engine
from sqlmodel import Session, select

from actionplan.models import Initiative
from tracker.audit.service import record
from tracker.auth.service import Principal
from tracker.db import connection_gate
from tracker.errors import Forbidden

E = TypeVar("E", bound=BaseException)
DENIAL_CONTEXT = "denial_context"
ACTION = "authz.denied"


def attach_denial(exc: E, **context: Any) -> E:
    """Say which object a refusal concerned (entity, entity_key, initiative_id, attempted)."""
    setattr(exc, DENIAL_CONTEXT, context)
    return exc


def is_refusal(exc: BaseException) -> bool:
    return isinstance(exc, (Forbidden, PermissionDeniedException))


def _reason(exc: BaseException) -> str:
    detail = getattr(exc, "detail", None) or str(exc)
    return str(detail)[:2000]


def record_denial(
    session: Session,
    principal: Principal,
    exc: BaseException,
    *,
    method: str,
    path: str,
    path_params: dict[str, Any],
    now: datetime,
) -> None:
    """Append the `authz.denied` event of one refused request (flushes, never commits)."""
    context: dict[str, Any] = dict(getattr(exc, DENIAL_CONTEXT, None) or {})
    route = f"{method} {path}"
    initiative_id = context.get("initiative_id")
    code = path_params.get("code")
    if initiative_id is None and isinstance(code, str):
        initiative_id = session.exec(select(Initiative.id).where(Initiative.code == code)).first()
    record(
        session,
        actor=principal.actor,
        action=ACTION,
        entity=str(context.get("entity", "route")),
        entity_key=str(context.get("entity_key", route))[:120],
        at=now,
        organisation_id=principal.organisation_id,
        initiative_id=initiative_id,
        after={"attempted": str(context.get("attempted", route))[:200], "role": principal.role.value},
        reason=f"{route[:300]}: {_reason(exc)}",
    )


def _write(engine: Engine, principal: Principal, exc: BaseException, scope_data: dict[str, Any]) -> None:
    with Session(engine) as session:
        record_denial(session, principal, exc, **scope_data)
        session.commit()


async def audit_refusal(exc: Exception, scope: Scope) -> None:
    """The app's `after_exception` hook: write the audit event of a refused request."""
    if not is_refusal(exc):
        return
    principal = scope.get("user")
    if not isinstance(principal, Principal):
        return
    app = scope["app"]
    engine: Engine = app.state.engine
    data = {
        "method": str(scope.get("method", "")),
        "path": str(scope.get("path", "")),
        "path_params": dict(scope.get("path_params") or {}),
        "now": app.state.clock(),
    }
    async with connection_gate(engine):
        await anyio.to_thread.run_sync(_write, engine, principal, exc, data)
