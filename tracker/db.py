"""Database engines and sessions, built from settings (never at import time)."""

import asyncio
import operator
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import anyio
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, DisconnectionError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlmodel import Session

from tracker.cache import CTE_DML_TABLES
from tracker.settings import Settings


def create_db_engine(settings: Settings) -> Engine:
    """An engine tuned for safety: SQLite with WAL, foreign keys, a busy timeout and IMMEDIATE writes."""
    url = settings.sqlalchemy_url
    wait = settings.db_lock_timeout_seconds
    # hide_parameters: error logs and messages never carry the SQL parameters (user text).
    if settings.is_sqlite:
        # One connection: writers queue in the pool instead of sleeping in SQLite's busy handler.
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": wait},
            pool_size=1,
            max_overflow=0,
            pool_timeout=wait,
            hide_parameters=True,
        )
        _tune_sqlite(engine, wait)
    else:
        engine = create_engine(
            url,
            pool_size=10,
            max_overflow=10,
            pool_pre_ping=True,
            pool_timeout=wait,
            hide_parameters=True,
            # A write waiting for a row lock gives up after the bound (then 503 with Retry-After).
            connect_args={"options": f"-c lock_timeout={int(wait * 1000)}"},
        )
    _watch_writability(engine)
    return engine


def masked_url(url: str) -> str:
    """A database URL fit to print or log: the password replaced by ***."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "<database url>"


@dataclass
class WriteHealth:
    """The last time this process failed to write to the database because it could not (full disk, read-only)."""

    failed_at: float | None = None
    reason: str = ""


_write_health: "weakref.WeakKeyDictionary[Engine, WriteHealth]" = weakref.WeakKeyDictionary()
# SQLite's messages and PostgreSQL's SQLSTATEs for "the database cannot take writes now".
_NOT_WRITABLE_TEXT = ("database or disk is full", "disk i/o error", "readonly database", "read-only")
_NOT_WRITABLE_STATES = {"53100", "53200", "25006", "58030"}  # disk full, out of memory, read-only, io error
_LOCKED_TEXT = ("database is locked", "database table is locked")
_LOCKED_STATES = {"55P03", "40P01", "57014"}  # lock not available, deadlock, cancelled by a timeout


def write_health(engine: Engine) -> WriteHealth:
    return _write_health.setdefault(engine, WriteHealth())


def classify_db_error(exc: BaseException) -> str | None:
    """ "locked" (try again soon), "not-writable" (full disk, read-only), "unavailable" or None (a bug)."""
    if isinstance(exc, PoolTimeout):
        return "locked"
    if isinstance(exc, DisconnectionError):
        return "unavailable"
    if not isinstance(exc, DBAPIError):
        return None
    original = exc.orig
    text = str(original).lower()
    state = getattr(original, "sqlstate", None) or getattr(getattr(original, "diag", None), "sqlstate", None)
    if state in _NOT_WRITABLE_STATES or any(part in text for part in _NOT_WRITABLE_TEXT):
        return "not-writable"
    if state in _LOCKED_STATES or any(part in text for part in _LOCKED_TEXT):
        return "locked"
    if exc.connection_invalidated or (state or "").startswith("08"):
        return "unavailable"
    return None


def _note_failure(health: WriteHealth, exc: BaseException, original: BaseException) -> None:
    if classify_db_error(exc) == "not-writable":
        health.failed_at = time.time()
        health.reason = str(original).splitlines()[0][:200]


def _watch_writability(engine: Engine) -> None:
    health = write_health(engine)

    @event.listens_for(engine, "handle_error")
    def _on_error(context: Any) -> None:
        _note_failure(health, context.sqlalchemy_exception or context.original_exception, context.original_exception)

    @event.listens_for(engine, "before_cursor_execute")
    def _mark(conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        start = statement.lstrip()[:6].lower()
        if start in ("insert", "update", "delete") or (start[:4] == "with" and CTE_DML_TABLES.search(statement)):
            conn.info["tracker_dml"] = True

    @event.listens_for(engine, "commit")
    def _on_commit(conn: Any) -> None:
        # A committed write clears the flag (set again by handle_error when this very commit fails).
        if conn.info.pop("tracker_dml", False):
            health.failed_at = None
            health.reason = ""

    @event.listens_for(engine, "rollback")
    def _on_rollback(conn: Any) -> None:
        conn.info.pop("tracker_dml", None)


def _tune_sqlite(engine: Engine, wait: float) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control from the driver so every transaction can begin IMMEDIATE:
        # a deferred BEGIN lost 154 of 200 concurrent updates in our measurements.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(wait * 1000)}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


_Processor = Callable[[Any], Any] | None


class DriverStatement:
    """A Core statement run on SQLite's own cursor, for the few statements of a hot path (a new progress report).

    What `Connection.execute` does, without its per-statement machinery (about 40 us a statement, 70 us for a
    wide SELECT): compiled once, each parameter converted by its column type's processor for the dialect, each
    result column by its result processor, the engine's `before_cursor_execute` and `after_cursor_execute`
    listeners called (the cache and write-health marks), and a driver error raised as SQLAlchemy's exception
    (IntegrityError, OperationalError ...) and noted in the write health as `handle_error` would. SQLite only:
    there a failed statement leaves the transaction as it was, as through SQLAlchemy.
    """

    def __init__(self, statement: Any) -> None:
        self.statement = statement
        self._compiled: dict[Any, _Compiled] = {}

    def _compile(self, dialect: Any) -> "_Compiled":
        found = self._compiled.get(dialect)
        if found is None:
            compiled: Any = self.statement.compile(dialect=dialect)
            names = list(compiled.positiontup)
            binds = [compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names]
            results = (
                [c.type.dialect_impl(dialect).result_processor(dialect, None) for c in self.statement.selected_columns]
                if hasattr(self.statement, "selected_columns")
                else []
            )
            found = self._compiled[dialect] = _Compiled(compiled.string, names, binds, results)
        return found

    def execute(self, connection: Connection, params: dict[str, Any]) -> list[tuple[Any, ...]]:
        """Run with `params` (by bind name) in the connection's transaction; the rows it answers, processed."""
        dialect = connection.dialect
        compiled = self._compile(dialect)
        sql = compiled.sql
        values = compiled.bind_values(params)
        cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
        dispatch = connection.dispatch
        try:
            dispatch.before_cursor_execute(connection, cursor, sql, values, None, False)
            try:
                cursor.execute(sql, values)
                rows: list[tuple[Any, ...]] = cursor.fetchall()
            except dialect.loaded_dbapi.Error as exc:
                wrapped = DBAPIError.instance(
                    sql,
                    values,
                    exc,
                    dialect.loaded_dbapi.Error,
                    hide_parameters=connection.engine.hide_parameters,
                    dialect=dialect,
                    ismulti=False,
                )
                _note_failure(write_health(connection.engine), wrapped, exc)
                raise wrapped from exc
            dispatch.after_cursor_execute(connection, cursor, sql, values, None, False)
        finally:
            cursor.close()
        return compiled.processed(rows)

    def execute_many(self, connection: Connection, names: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        """Run once per row of `rows`, each the parameters named by `names` in that order (the statement's own
        order), as one executemany through the connection's driver path (`exec_driver_sql`: the engine's
        listeners and error handling as for any statement); converted column by column, only where a column's
        type has a processor (a bulk write: tracker.imports.bulk)."""
        compiled = self._compile(connection.dialect)
        if names != compiled.names:
            raise ValueError(f"parameters {names} given for a statement that takes {compiled.names}")
        params: list[tuple[Any, ...]] = rows
        if compiled.binds and rows:
            columns: list[Any] = list(zip(*rows, strict=True))
            for i, process in compiled.binds:
                columns[i] = map(process, columns[i])
            params = list(zip(*columns, strict=True))
        connection.exec_driver_sql(compiled.sql, params)


class _Compiled:
    """A statement compiled for one dialect: its SQL, how to take its parameters from a dict and convert them (each
    by its column type's bind processor), and how to convert the rows (by the result processors). Only the
    positions that have a processor are visited: most columns (text, integers, floats on SQLite) have none."""

    __slots__ = ("bind_count", "binds", "get", "names", "results", "sql", "width")

    def __init__(self, sql: str, names: list[str], binds: list[_Processor], results: list[_Processor]) -> None:
        self.sql = sql
        self.names = tuple(names)
        self.bind_count = len(names)
        # itemgetter of one name answers the value itself, not a tuple of one.
        self.get = operator.itemgetter(*names) if len(names) > 1 else (lambda params: (params[names[0]],))
        self.binds = [(i, process) for i, process in enumerate(binds) if process is not None]
        self.width = len(results)
        self.results = [(i, process) for i, process in enumerate(results) if process is not None]

    def bind_values(self, params: dict[str, Any]) -> tuple[Any, ...]:
        if not self.bind_count:
            return ()
        values: tuple[Any, ...] = self.get(params)
        if not self.binds:
            return values
        converted = list(values)
        for i, process in self.binds:
            converted[i] = process(converted[i])
        return tuple(converted)

    def processed(self, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        if not self.results:
            return rows
        out = []
        for row in rows:
            if len(row) != self.width:
                raise ValueError(f"a row of {len(row)} columns for {self.width} result processors")
            converted = list(row)
            for i, process in self.results:
                converted[i] = process(converted[i])
            out.append(tuple(converted))
        return out


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session for jobs and the CLI: commits on success, rolls back on error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


_gates: "weakref.WeakKeyDictionary[Engine, dict[int, anyio.Semaphore]]" = weakref.WeakKeyDictionary()


def connection_gate(engine: Engine) -> anyio.Semaphore:
    """An async gate with one slot per pooled connection; hold it while a request uses the database.

    Without it, more waiting requests than worker threads deadlock: every thread blocks on the pool while the
    request holding the (single SQLite) connection waits for a thread to commit and give it back. Waiting at
    the gate happens on the event loop, so the holders always find a thread.
    """
    per_loop = _gates.setdefault(engine, {})
    loop = id(asyncio.get_running_loop())
    gate = per_loop.get(loop)
    if gate is None:
        pool: Any = engine.pool
        slots = pool.size() + max(pool._max_overflow, 0) if hasattr(pool, "_max_overflow") else 1
        gate = per_loop[loop] = anyio.Semaphore(max(slots, 1))
    return gate
