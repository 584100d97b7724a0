"""How an import reaches the database: a `Transaction` runs one function in one short transaction.

The import never holds the database while it reads or checks a file; each step that needs the database is
one call (the CLI and jobs: a committed transaction each; a request: a savepoint in its session; the API
upload: a transaction admitted through the connection gate, `tracker.imports.controllers`).
"""

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import Engine
from sqlmodel import Session

from tracker.db import session_scope

T = TypeVar("T")
# Runs a function in one short transaction and returns its result (commits, or rolls back on an exception).
Transaction = Callable[[Callable[[Session], T]], T]


def engine_transactions(engine: Engine) -> "Transaction[Any]":
    """Each call its own committed transaction on `engine` (the CLI, jobs)."""

    def run(work: Callable[[Session], T]) -> T:
        with session_scope(engine) as session:
            return work(session)

    return run


def savepoints(session: Session) -> "Transaction[Any]":
    """Each call a savepoint in the caller's session (flushed, never committed)."""

    def run(work: Callable[[Session], T]) -> T:
        nested = session.begin_nested()
        try:
            value = work(session)
        except BaseException:
            nested.rollback()
            raise
        nested.commit()
        return value

    return run
