"""A small in-process read cache, emptied whenever this process commits a write.

Reads of the plan and token checks dominate API traffic and change rarely. Entries are dropped as soon as
any transaction in this process that wrote something commits (so a single-process deployment, the SQLite
default, never serves stale data), and expire after `ttl` seconds (which bounds staleness across several
processes on PostgreSQL).
"""

import asyncio
import re
import time
import weakref
from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar

from sqlalchemy import Engine, event

V = TypeVar("V")
_DML_TABLE = re.compile(r'\s*(?:insert\s+into|update|delete\s+from|replace\s+into)\s+"?(\w+)', re.IGNORECASE)
# Bookkeeping that no cached answer shows: a token's last-used time and a web session's last-seen time (each
# written at most once a minute by the token or session check itself). Without this, every such write emptied
# the token or session cache it had just filled, and the plan reads and built reports with it.
_BOOKKEEPING = re.compile(
    r'\s*update\s+(?:"?api_token"?\s+set\s+"?last_used_at"?|"?web_session"?\s+set\s+"?last_seen_at"?)\s*=[^,]*?\swhere\s',
    re.IGNORECASE,
)
# The data-modifying parts of a WITH statement (PostgreSQL's data-modifying CTEs) and the tables they write; the
# write-health mark (tracker.db) asks the same pattern whether a WITH statement writes at all.
CTE_DML_TABLES = re.compile(r'\b(?:insert\s+into|update|delete\s+from)\s+"?(\w+)', re.IGNORECASE)
_WRITES = ("insert", "update", "delete", "replace", "upsert", "merge", "alter", "create", "drop", "truncate")
_caches: "weakref.WeakKeyDictionary[Engine, weakref.WeakSet[ReadCache[Any]]]" = weakref.WeakKeyDictionary()


class ReadCache(Generic[V]):
    """Maps keys to values for at most `ttl` seconds, or until the engine commits a write."""

    def __init__(
        self,
        engine: Engine,
        ttl: float,
        max_entries: int = 2048,
        clock: Callable[[], float] = time.monotonic,
        *,
        tables: frozenset[str] | None = None,
    ):
        # Only writes to these tables empty the cache (None: any write does).
        self.tables = tables
        self.ttl = ttl
        self.max_entries = max_entries
        self._clock = clock
        self._entries: dict[Any, tuple[float, int, V]] = {}
        self.generation = 0
        # Computations under way, by key (`get_or_compute` computes each key once at a time).
        self._inflight: dict[Any, asyncio.Future[V]] = {}
        _watch(engine)
        _caches.setdefault(engine, weakref.WeakSet()).add(self)

    def get(self, key: Any) -> V | None:
        if self.ttl <= 0:
            return None
        entry = self._entries.get(key)
        if entry is None:
            return None
        stored_at, generation, value = entry
        if generation != self.generation or self._clock() - stored_at > self.ttl:
            self._entries.pop(key, None)
            return None
        return value

    def put(self, key: Any, value: V, generation: int) -> None:
        """Store a value computed while the cache was at `generation` (dropped if a write happened since)."""
        if self.ttl <= 0 or generation != self.generation:
            return
        if len(self._entries) >= self.max_entries:
            self._entries.clear()
        self._entries[key] = (self._clock(), generation, value)

    async def get_or_compute(self, key: Any, compute: Callable[[], Awaitable[V]]) -> V:
        """The cached value, or `compute()`'s, computed once at a time per key (single flight).

        When an entry expires under load, the other requests for it wait for the one computation instead of
        all running the same queries at once; a failure reaches every waiter. A None result is not stored.
        """
        found = self.get(key)
        if found is not None:
            return found
        pending = self._inflight.get(key)
        if pending is not None:
            return await asyncio.shield(pending)
        future: asyncio.Future[V] = asyncio.get_running_loop().create_future()
        self._inflight[key] = future
        try:
            generation = self.generation
            value = await compute()
            if value is not None:
                self.put(key, value, generation)
            future.set_result(value)
            return value
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # retrieved here, so an unawaited failure is not logged as lost
            raise
        finally:
            self._inflight.pop(key, None)

    def discard(self, key: Any) -> None:
        self._entries.pop(key, None)

    def invalidate(self) -> None:
        self.generation += 1
        self._entries.clear()


_READ: frozenset[str] = frozenset()
_UNKNOWN: Any = object()
# What each statement text writes, worked out once per text (the hot paths run the same few statements).
_written: dict[str, frozenset[str] | None] = {}
_WRITTEN_MAX = 4096


def _tables_written(statement: str) -> frozenset[str] | None:
    """The tables a statement writes; `_READ` (empty) when it writes none; None when it may write any (DDL,
    or a write whose table is not parsed)."""
    if statement.lstrip()[:4].lower() == "with":
        # Data-modifying CTEs (PostgreSQL: a new report, its values and its audit event in one statement):
        # the tables they write; a WITH that writes nothing is a read.
        return frozenset(name.lower() for name in CTE_DML_TABLES.findall(statement))
    if statement.lstrip()[:8].lower().startswith(_WRITES) and not _BOOKKEEPING.match(statement):
        match = _DML_TABLE.match(statement)
        return frozenset({match.group(1).lower()}) if match else None
    return _READ


def _watch(engine: Engine) -> None:
    if engine in _caches:
        return

    @event.listens_for(engine, "before_cursor_execute")
    def _mark_write(conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        written = _written.get(statement, _UNKNOWN)
        if written is _UNKNOWN:
            written = _tables_written(statement)
            if len(_written) >= _WRITTEN_MAX:  # statements with expanded IN lists vary: stay bounded
                _written.clear()
            _written[statement] = written
        if written is not None and not written:  # a read
            return
        wrote: set[str] | None = conn.info.get("tracker_wrote", set())
        if wrote is not None and written is not None:
            wrote |= written
        else:
            wrote = None
        conn.info["tracker_wrote"] = wrote

    @event.listens_for(engine, "commit")
    def _after_commit(conn: Any) -> None:
        if "tracker_wrote" not in conn.info:
            return
        wrote = conn.info.pop("tracker_wrote")
        for cache in list(_caches.get(engine, ())):
            if cache.tables is None or wrote is None or cache.tables & wrote:
                cache.invalidate()

    @event.listens_for(engine, "rollback")
    def _after_rollback(conn: Any) -> None:
        conn.info.pop("tracker_wrote", None)
