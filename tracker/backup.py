"""`tracker db backup FILE` and `tracker db restore FILE`.

SQLite: SQLite's online backup API, which copies a consistent database while the service keeps running (WAL
included), then an integrity check of the copy. Restore copies a checked backup over the database the same
way and migrates it to the current schema; stop the service first. PostgreSQL: pg_dump and pg_restore are
the tools (they keep roles, large objects and run in parallel); the commands print how to use them.
"""

import argparse
import sqlite3
from pathlib import Path

from tracker import migrate
from tracker.console import console, err
from tracker.db import create_db_engine, masked_url
from tracker.settings import Settings

POSTGRES_HOWTO = """PostgreSQL is backed up with its own tools (they need no downtime):

  pg_dump --format=custom --file={file} "{url}"

and restored into an empty database (stop the service first, then start it again):

  pg_restore --clean --if-exists --no-owner --dbname="{url}" {file}
  tracker db upgrade

See docs/operations.md."""


def _check(path: Path) -> str:
    """The schema revision of a SQLite backup, after an integrity check (raises ValueError when unusable)."""
    if not path.is_file():
        raise ValueError(f"{path} does not exist")
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
            status = connection.execute("PRAGMA integrity_check").fetchone()[0]
            if status != "ok":
                raise ValueError(f"{path} is damaged: {status}")
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise ValueError(f"{path} is not a tracker database: {exc}") from exc
    if revision is None:
        raise ValueError(f"{path} is not a tracker database (no schema revision)")
    return str(revision[0])


def _copy(source: Path, target: Path) -> None:
    """SQLite's online backup from one file into another (page by page, consistent)."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst, pages=1024)


def backup_sqlite(settings: Settings, target: Path) -> str:
    """Copy the live SQLite database to `target`; the copy's schema revision."""
    source = settings.sqlite_path()
    if source is None or not source.exists():
        raise ValueError(f"no SQLite database at {settings.database_url}")
    target.parent.mkdir(parents=True, exist_ok=True)
    _copy(source, target)
    return _check(target)


def restore_sqlite(settings: Settings, source: Path) -> tuple[str, str | None]:
    """Replace the SQLite database with a checked backup and migrate it; (backup revision, revision now)."""
    revision = _check(source)
    target = settings.sqlite_path()
    if target is None:
        raise ValueError(f"cannot restore into {settings.database_url}")
    target.parent.mkdir(parents=True, exist_ok=True)
    _copy(source, target)
    engine = create_db_engine(settings)
    try:
        migrate.upgrade(engine)
        return revision, migrate.current_revision(engine)
    finally:
        engine.dispose()


def cmd_db_backup(args: argparse.Namespace, settings: Settings) -> int:
    target = Path(args.file)
    if not settings.is_sqlite:
        err.print(POSTGRES_HOWTO.format(file=target, url=masked_url(settings.database_url)))
        return 2
    if target.exists() and not args.force:
        err.print(f"[red]error:[/] {target} exists (use --force to overwrite it)")
        return 2
    try:
        revision = backup_sqlite(settings, target)
    except ValueError as exc:
        err.print(f"[red]error:[/] {exc}")
        return 2
    console.print(f"backup written to {target} ({target.stat().st_size:,} bytes, schema {revision}, integrity ok)")
    return 0


def cmd_db_restore(args: argparse.Namespace, settings: Settings) -> int:
    source = Path(args.file)
    if not settings.is_sqlite:
        err.print(POSTGRES_HOWTO.format(file=source, url=masked_url(settings.database_url)))
        return 2
    if not args.yes:
        err.print(
            f"[red]error:[/] this replaces {masked_url(settings.database_url)} with {source}; stop the service "
            "and run again with --yes"
        )
        return 2
    try:
        revision, now = restore_sqlite(settings, source)
    except ValueError as exc:
        err.print(f"[red]error:[/] {exc}")
        return 2
    console.print(f"restored {source} (schema {revision}, now {now}); start the service again")
    return 0


def register(db: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    backup = db.add_parser("backup", help="copy the database to FILE while it runs (SQLite; PostgreSQL: pg_dump)")
    backup.add_argument("file")
    backup.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    backup.set_defaults(handler=cmd_db_backup)
    restore = db.add_parser("restore", help="replace the database with a backup FILE (stop the service first)")
    restore.add_argument("file")
    restore.add_argument("--yes", action="store_true", help="yes, replace the database")
    restore.set_defaults(handler=cmd_db_restore, creates_database=True)
