"""Dependencies shared by every controller: the request's session, the caller and the clock."""

from collections.abc import AsyncGenerator, Callable
from datetime import datetime
from typing import Annotated, Any, TypeVar

import anyio.to_thread
from litestar import Request
from litestar.concurrency import sync_to_thread
from litestar.datastructures import State
from litestar.di import NamedDependency, Provide
from litestar.params import PathParameter
from sqlalchemy import Engine
from sqlmodel import Session

from tracker.auth.service import Principal
from tracker.db import connection_gate, session_scope
from tracker.settings import Settings


def _commit_and_close(session: Session) -> None:
    try:
        session.commit()
    finally:
        session.close()


def _rollback_and_close(session: Session) -> None:
    try:
        session.rollback()
    finally:
        session.close()


async def provide_session(state: State) -> AsyncGenerator[Session, None]:
    """The request's session; committed once at the edge when the handler succeeded."""
    async with connection_gate(state.engine):
        session = Session(state.engine, expire_on_commit=False)
        try:
            yield session
        except BaseException:
            # A refused request is audited after this rollback by tracker.audit.denials (the app's hook).
            await anyio.to_thread.run_sync(_rollback_and_close, session)
            raise
        if session.in_transaction():
            # One trip to a worker thread for both (a failed commit is rolled back by the close).
            await anyio.to_thread.run_sync(_commit_and_close, session)
        else:
            # No transaction was begun: nothing is left to do that touches the database, so no trip to a
            # worker thread.
            session.close()


T = TypeVar("T")


def _run_and_commit(engine: Engine, work: Callable[[Session], T]) -> T:
    with session_scope(engine) as session:
        return work(session)


async def in_session(engine: Engine, work: Callable[[Session], T]) -> T:
    """`work(session)` and the commit in one trip to a worker thread, behind the connection gate (a write's hot
    path: what `provide_session` and a sync handler do, without the dependency's own steps on the event loop).

    The gate is taken only now, after the body was read and validated, and given back before the answer is
    serialised, so the (single SQLite) connection is held no longer than the transaction. A failure is rolled
    back in the thread before it propagates (a refusal is then audited by the app's hook, as with the session
    dependency).
    """
    async with connection_gate(engine):
        # Litestar's own way to a worker thread (the executor the sync handlers use): lighter than anyio's.
        return await sync_to_thread(_run_and_commit, engine, work)


def provide_principal(request: Request[Any, Any, Any]) -> Principal:
    principal = request.user
    assert isinstance(principal, Principal)
    return principal


def provide_now(state: State) -> datetime:
    now: datetime = state.clock()
    return now


def provide_settings(state: State) -> Settings:
    settings: Settings = state.settings
    return settings


DEPENDENCIES = {
    "session": Provide(provide_session),
    "principal": Provide(provide_principal, sync_to_thread=False),
    "now": Provide(provide_now, sync_to_thread=False),
    "settings": Provide(provide_settings, sync_to_thread=False),
}

# Annotated names for handler signatures (Litestar 3 stops inferring dependencies by name).
DbSession = NamedDependency[Session]
Now = NamedDependency[datetime]
CurrentSettings = NamedDependency[Settings]
Caller = NamedDependency[Principal]
# A row id in a path: bounded so an absurd number is a 422, not a database overflow.
RowId = Annotated[int, PathParameter(ge=1, le=2**31 - 1)]
