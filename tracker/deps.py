"""Dependencies shared by every controller: the request's session, the caller and the clock."""

import asyncio
import concurrent.futures
import contextvars
from collections.abc import AsyncGenerator, Callable
from datetime import datetime
from typing import Annotated, Any, TypeVar

import anyio
import anyio.to_thread
from litestar import Request
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
    gate = connection_gate(engine)
    try:
        # A free gate is taken without the checkpoint `async with` makes (one more turn of the event loop).
        gate.acquire_nowait()
    except anyio.WouldBlock:
        await gate.acquire()
    try:
        return await _to_thread(_run_and_commit, engine, work)
    finally:
        gate.release()


def _settle(future: "asyncio.Future[Any]", result: Any, error: BaseException | None) -> None:
    if not future.cancelled():
        if error is None:
            future.set_result(result)
        else:
            future.set_exception(error)


async def _to_thread(fn: Callable[[Engine, Callable[[Session], T]], T], engine: Engine, work: Any) -> T:
    """`fn(engine, work)` in a worker thread with the request's context variables, as Litestar's `sync_to_thread`
    runs it, the result handed back by one `call_soon_threadsafe` instead of `run_in_executor`'s chained pair of
    futures (about half the event loop's cost of the trip)."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()
    context = contextvars.copy_context()

    def run() -> None:
        try:
            result = context.run(fn, engine, work)
        except BaseException as exc:
            loop.call_soon_threadsafe(_settle, future, None, exc)
        else:
            loop.call_soon_threadsafe(_settle, future, result, None)

    submitted = _write_executor().submit(run)
    try:
        return await future
    except asyncio.CancelledError:
        # As run_in_executor: work that has not started yet does not run once its request is cancelled.
        submitted.cancel()
        raise


_executor: concurrent.futures.ThreadPoolExecutor | None = None


def _write_executor() -> concurrent.futures.ThreadPoolExecutor:
    """The worker threads of `in_session` (the default pool's size: the gate bounds how many are busy)."""
    global _executor
    if _executor is None:
        _executor = concurrent.futures.ThreadPoolExecutor(thread_name_prefix="tracker-write")
    return _executor


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
