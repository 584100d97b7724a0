"""Which process runs the jobs.

On PostgreSQL every process that wants to run jobs tries `pg_try_advisory_lock` on its own long-lived
connection (never a pooled one). The holder is the leader; the others retry every `leader_retry_seconds`.
The lock dies with the connection, so when the leader's process dies PostgreSQL releases it and a standby
takes over. On SQLite (one host, one service) an OS file lock beside the database file plays the same role,
so `tracker serve` and `tracker scheduler` on one machine never both run jobs.
"""

import fcntl
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO, Protocol

from sqlalchemy import Connection, create_engine, text
from sqlalchemy.pool import NullPool

from tracker.settings import Settings

log = logging.getLogger(__name__)
# "tracker" as a 64-bit advisory lock key, constant across processes and releases.
ADVISORY_LOCK_KEY = int.from_bytes(b"tracker", "big")


class LeaderLock(Protocol):
    def try_acquire(self) -> bool: ...
    def still_held(self) -> bool: ...
    def release(self) -> None: ...


class PostgresLeaderLock:
    """A session-level advisory lock on a dedicated connection."""

    def __init__(self, settings: Settings) -> None:
        self._engine = create_engine(settings.sqlalchemy_url, poolclass=NullPool)
        self._connection: Connection | None = None

    def _connect(self) -> Connection:
        if self._connection is None:
            connection = self._engine.connect().execution_options(isolation_level="AUTOCOMMIT")
            connection.execute(text("SET application_name = 'tracker-scheduler'"))
            self._connection = connection
        return self._connection

    def _drop(self) -> None:
        if self._connection is not None:
            try:
                self._connection.invalidate()
                self._connection.close()
            except Exception:
                log.debug("closing the leader connection failed", exc_info=True)
        self._connection = None

    def try_acquire(self) -> bool:
        try:
            got = self._connect().execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
            return bool(got.scalar())
        except Exception as exc:
            log.warning("leader lock: database unreachable (%s); retrying", exc.__class__.__name__)
            self._drop()
            return False

    def still_held(self) -> bool:
        """The lock lives as long as the connection; a failing round trip means it is gone."""
        if self._connection is None:
            return False
        try:
            held = self._connection.execute(
                text(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() "
                    "AND granted AND ((classid::bigint << 32) | objid::bigint) = :key"
                ),
                {"key": ADVISORY_LOCK_KEY},
            ).scalar()
            return bool(held)
        except Exception:
            self._drop()
            return False

    def release(self) -> None:
        if self._connection is not None:
            try:
                self._connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_LOCK_KEY})
            except Exception:
                log.debug("unlocking failed; closing the connection releases it", exc_info=True)
        self._drop()
        self._engine.dispose()


class FileLeaderLock:
    """An exclusive, non-blocking flock on a file beside the SQLite database (released when the process dies)."""

    def __init__(self, path: Path | None) -> None:
        self._path = path
        self._file: IO[str] | None = None

    def try_acquire(self) -> bool:
        if self._path is None:
            return True
        handle = self._path.open("a")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        self._file = handle
        return True

    def still_held(self) -> bool:
        return self._path is None or self._file is not None

    def release(self) -> None:
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None


def leader_lock_for(settings: Settings) -> LeaderLock:
    if settings.is_sqlite:
        path = settings.sqlite_path()
        return FileLeaderLock(path.with_name(path.name + ".scheduler-lock") if path else None)
    return PostgresLeaderLock(settings)


class LeaderElector:
    """A background thread that keeps trying to become leader and notices when leadership is lost."""

    def __init__(
        self,
        lock: LeaderLock,
        *,
        retry_seconds: float,
        on_elected: Callable[[], None],
        on_deposed: Callable[[], None],
    ) -> None:
        self._lock = lock
        self._retry = retry_seconds
        self._on_elected = on_elected
        self._on_deposed = on_deposed
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._mutex = threading.Lock()
        self.is_leader = False

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="tracker-leader", daemon=True)
        self._thread.start()

    def _step(self) -> None:
        with self._mutex:
            if self._stop.is_set():
                return
            if self.is_leader:
                if not self._lock.still_held():
                    log.warning("lost the scheduler leader lock; stopping jobs in this process")
                    self.is_leader = False
                    self._on_deposed()
            elif self._lock.try_acquire():
                log.info("this process is now the scheduler leader")
                self.is_leader = True
                self._on_elected()

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self._step()
            except Exception:
                log.exception("leader election step failed")
            self._stop.wait(self._retry)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=self._retry + 10)
        with self._mutex:
            if self.is_leader:
                self.is_leader = False
                self._on_deposed()
            self._lock.release()
