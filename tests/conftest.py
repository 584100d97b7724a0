"""Fixtures: every database test runs on SQLite and on PostgreSQL.

PostgreSQL comes from TRACKER_TEST_POSTGRES_URL (a server URL; a fresh database is created for the run
and dropped afterwards). Without it the PostgreSQL half is skipped, except under CI=true, where it fails.
"""

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from litestar import Litestar
from litestar.testing import TestClient
from pydantic import SecretStr
from sqlalchemy import Engine, create_engine, select, text
from sqlalchemy.engine import make_url
from sqlmodel import Session

from actionplan.loader import builtin_plan_data, load_plan
from tests.fixture_types import MakeHeaders
from tests.postgres_reset import PlanRows, PostgresTables, count_writes, empty_all
from tests.tracker.mailserver import MailServer
from tracker import migrate
from tracker.app import app_state, create_app
from tracker.auth.models import Role
from tracker.auth.service import create_token
from tracker.db import create_db_engine
from tracker.models import metadata
from tracker.settings import Settings


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto` (pyproject's addopts): one process more than the cores. Much of the suite waits on servers,
    PostgreSQL, SMTP, worker processes and chromium, and a third process fills those waits on two cores."""
    return (os.cpu_count() or 1) + 1


# The tests' "today": late 2026, when every period of the 2022-2025 plan has passed.
NOW = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
PG_ENV = "TRACKER_TEST_POSTGRES_URL"


class Clock:
    """A clock the tests can move."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, empty SQLite file, copied for each test (migrating once is much faster)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = create_db_engine(Settings(database_url=f"sqlite:///{path}"))
    migrate.upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def sqlite_plan_template(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The migrated SQLite file with the built-in plan loaded, copied for tests that want the plan."""
    path = tmp_path_factory.mktemp("template") / "plan.db"
    shutil.copy(sqlite_template, path)
    engine = create_db_engine(Settings(database_url=f"sqlite:///{path}"))
    with Session(engine) as session:
        load_plan(session, builtin_plan_data())
        session.commit()
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh, migrated PostgreSQL database for this test run."""
    server = os.environ.get(PG_ENV)
    if not server:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"CI=true but {PG_ENV} is not set: the PostgreSQL tests must run in CI")
        pytest.skip(f"{PG_ENV} not set")
    base = make_url(server).set(drivername="postgresql+psycopg")
    name = f"tracker_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = base.set(database=name).render_as_string(hide_password=False)
    engine = create_db_engine(Settings(database_url=url))
    migrate.upgrade(engine)
    count_writes(engine)
    engine.dispose()
    yield url
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def postgres_plan_rows(postgres_url: str) -> PlanRows:
    """Every row the built-in plan loads into PostgreSQL, captured once (re-inserted after a test changed them)."""
    engine = create_db_engine(Settings(database_url=postgres_url))
    empty_all(engine)
    with Session(engine) as session:
        load_plan(session, builtin_plan_data())
        session.commit()
    with engine.connect() as connection:
        rows = [
            (table, [dict(row._mapping) for row in connection.execute(select(table))])
            for table in metadata.sorted_tables
        ]
    empty_all(engine)
    engine.dispose()
    return [(table, table_rows) for table, table_rows in rows if table_rows]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    """Settings pointing at an empty, migrated database of each kind."""
    if request.param == "sqlite":
        path = tmp_path / "tracker.db"
        # A test that wants the plan starts from a copy that has it (loading it takes ~0.3 s a test).
        wants_plan = "plan_loaded" in request.fixturenames
        shutil.copy(request.getfixturevalue("sqlite_plan_template" if wants_plan else "sqlite_template"), path)
        return Settings(environment="test", database_url=f"sqlite:///{path}")
    url = request.getfixturevalue("postgres_url")
    return Settings(environment="test", database_url=url)


@pytest.fixture(scope="session")
def postgres_tables(postgres_url: str) -> PostgresTables:
    return PostgresTables()


@pytest.fixture
def engine(request: pytest.FixtureRequest, db_settings: Settings) -> Iterator[Engine]:
    engine = create_db_engine(db_settings)
    if not db_settings.is_sqlite:
        tables: PostgresTables = request.getfixturevalue("postgres_tables")
        tables.reset(engine, keep_plan="plan_loaded" in request.fixturenames)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as session:
        yield session


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)


@pytest.fixture
def plan_loaded(request: pytest.FixtureRequest, db_settings: Settings, engine: Engine) -> None:
    """The built-in 2022-2025 plan, loaded (on SQLite the database file was copied with it already)."""
    if not db_settings.is_sqlite:
        tables: PostgresTables = request.getfixturevalue("postgres_tables")
        tables.load_plan(engine, request.getfixturevalue("postgres_plan_rows"))


# Apps already built, by their settings but for the database (see `reused_app`).
_APPS: dict[str, Litestar] = {}


def reused_app(settings: Settings, engine: Engine, clock: Clock) -> Litestar:
    """`create_app(settings, engine=engine, clock=clock)`, reusing the routes an earlier test built.

    Registering the routes takes ~0.5 s, the same for every test whose settings differ only in the database.
    Everything a test can change lives in the app's state (engine, clock, settings, caches, limits), and
    the reused app gets a new one; an app with the scheduler (hooks on its start-up) is always built anew.
    """
    values = settings.model_dump(exclude={"database_url"})
    key = repr(sorted((k, v.get_secret_value() if isinstance(v, SecretStr) else v) for k, v in values.items()))
    app = _APPS.get(key)
    if app is None or settings.scheduler_enabled:
        app = create_app(settings, engine=engine, clock=clock)
        if not settings.scheduler_enabled:
            _APPS[key] = app
        return app
    startup: list[Callable[[], None]] = []
    shutdown: list[Callable[[], None]] = []
    app.state = app_state(settings, engine, clock, startup, shutdown)
    assert startup == shutdown == [], "the reused app keeps the first test's start-up and shutdown hooks"
    return app


@pytest.fixture
def client(db_settings: Settings, engine: Engine, clock: Clock) -> Iterator[TestClient[Litestar]]:
    with TestClient(app=reused_app(db_settings, engine, clock)) as test_client:
        yield test_client


@pytest.fixture
def make_headers(engine: Engine) -> MakeHeaders:
    """Create a token for (organisation code, role) and return the request headers that use it."""

    def make(organisation: str = "CMM", role: Role | str = Role.SECRETARIAT) -> dict[str, str]:
        with Session(engine) as session:
            _token, secret = create_token(session, organisation, role, now=NOW)
            session.commit()
        return {"Authorization": f"Bearer {secret}"}

    return make


@pytest.fixture
def smtp() -> Iterator[MailServer]:
    """A real SMTP server on loopback (`tests/tracker/mailserver.py`) that keeps what it receives."""
    server = MailServer().start()
    yield server
    server.stop()
