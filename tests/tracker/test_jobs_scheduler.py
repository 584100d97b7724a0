"""The scheduler runs with the app, and with several processes on one PostgreSQL database exactly one leads."""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

import pytest
from litestar.testing import TestClient
from sqlmodel import Session, select

from tests.conftest import Clock
from tests.tracker.jobs_fixtures import MINISTER, SEVEN_DAYS_BEFORE, give_addresses, mail_settings
from tests.tracker.mailserver import MailServer
from tracker.app import create_app
from tracker.db import create_db_engine
from tracker.jobs.leader import leader_lock_for
from tracker.jobs.models import JobRun
from tracker.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
REMINDER_ADDRESSES = 7  # every lead organisation with an address (nothing is submitted in these tests)


def scheduler_settings(db_settings: Settings, smtp: MailServer) -> Settings:
    return mail_settings(
        db_settings,
        smtp,
        scheduler_enabled=True,
        leader_retry_seconds=0.2,
        mail_send_interval_seconds=1,
    )


def wait_until(condition: Callable[[], bool], timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def reminder_mails(smtp: MailServer) -> list[str]:
    return [r for r in smtp.recipients() if r != MINISTER]


def runners(engine, job: str = "reminders") -> set[str]:
    with Session(engine) as session:
        return set(session.exec(select(JobRun.leader).where(JobRun.job == job)).all())


def test_tests_build_apps_without_a_scheduler_unless_they_ask():
    assert Settings(environment="test").scheduler_enabled is False
    assert Settings(environment="development").scheduler_enabled is True
    assert Settings(environment="test", scheduler_enabled=True).scheduler_enabled is True


def test_the_app_starts_the_scheduler_which_catches_up_and_delivers_the_reminders(
    engine, db_settings, plan_loaded, smtp
):
    give_addresses(engine)
    settings = scheduler_settings(db_settings, smtp)
    app = create_app(settings, engine=engine, clock=Clock(SEVEN_DAYS_BEFORE))
    with TestClient(app=app) as client:
        assert wait_until(lambda: len(reminder_mails(smtp)) >= REMINDER_ADDRESSES)
        health = client.get("/health").json()
        assert health["scheduler"]["role"] == "leader"
        assert health["scheduler"]["running"] is True
    assert len(reminder_mails(smtp)) == REMINDER_ADDRESSES
    with Session(engine) as session:
        run = session.exec(select(JobRun).where(JobRun.job == "reminders")).one()
    assert (run.ok, run.trigger) == (True, "startup")


def test_only_one_holder_of_the_leader_lock_at_a_time_and_the_next_takes_over(db_settings, tmp_path):
    first, second = leader_lock_for(db_settings), leader_lock_for(db_settings)
    try:
        assert first.try_acquire() is True
        assert first.still_held() is True
        assert second.try_acquire() is False
        first.release()
        assert second.try_acquire() is True
        assert second.still_held() is True
    finally:
        first.release()
        second.release()


def test_a_disabled_scheduler_shows_in_health(client):
    assert client.get("/health").json()["scheduler"] == {"enabled": False}


@pytest.mark.postgres
def test_two_app_instances_on_one_postgresql_database_send_one_set_of_mails(db_settings, plan_loaded, engine, smtp):
    if db_settings.is_sqlite:
        pytest.skip("several processes on one database: PostgreSQL only")
    give_addresses(engine)
    settings = scheduler_settings(db_settings, smtp)
    with ExitStack() as stack:
        clients = []
        for _ in range(2):
            own_engine = create_db_engine(settings)
            stack.callback(own_engine.dispose)
            app = create_app(settings, engine=own_engine, clock=Clock(SEVEN_DAYS_BEFORE))
            clients.append(stack.enter_context(TestClient(app=app)))
        assert wait_until(lambda: len(reminder_mails(smtp)) >= REMINDER_ADDRESSES)
        time.sleep(1.5)  # a second scheduler would have run its start-up jobs by now
        roles = sorted(c.get("/health").json()["scheduler"]["role"] for c in clients)

    assert roles == ["leader", "standby"]
    assert len(reminder_mails(smtp)) == REMINDER_ADDRESSES
    assert len(set(reminder_mails(smtp))) == REMINDER_ADDRESSES
    assert len(runners(engine)) == 1


def _start_scheduler(settings: Settings, smtp: MailServer, log: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "TRACKER_ENVIRONMENT": "test",
        "TRACKER_DATABASE_URL": settings.database_url,
        "TRACKER_SMTP_HOST": "127.0.0.1",
        "TRACKER_SMTP_PORT": str(smtp.port),
        "TRACKER_LEADER_RETRY_SECONDS": "0.3",
        "TRACKER_MAIL_SEND_INTERVAL_SECONDS": "1",
        "TRACKER_MINISTER_OFFICE_EMAIL": MINISTER,
    }
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "tracker.cli", "scheduler", "--now", SEVEN_DAYS_BEFORE.isoformat()],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def _pid(runner: str) -> int:
    return int(runner.split(":")[1])


@pytest.mark.postgres
@pytest.mark.slow
def test_when_the_leader_process_dies_the_standby_takes_over(db_settings, plan_loaded, engine, smtp, tmp_path):
    if db_settings.is_sqlite:
        pytest.skip("several processes on one database: PostgreSQL only")
    give_addresses(engine)
    processes = [_start_scheduler(db_settings, smtp, tmp_path / f"scheduler{n}.log") for n in range(2)]
    try:
        assert wait_until(lambda: len(runners(engine)) == 1, timeout=60), (tmp_path / "scheduler0.log").read_text()
        assert wait_until(lambda: len(reminder_mails(smtp)) >= REMINDER_ADDRESSES)
        [first] = runners(engine)
        leader = next(p for p in processes if p.pid == _pid(first))
        standby = next(p for p in processes if p is not leader)

        leader.send_signal(signal.SIGKILL)
        leader.wait(timeout=10)

        # The standby notices within its retry interval and runs the start-up catch-up as the new leader.
        assert wait_until(lambda: len(runners(engine)) == 2, timeout=30)
        second = (runners(engine) - {first}).pop()
        assert _pid(second) == standby.pid
        assert standby.poll() is None
        time.sleep(1.5)
        # Its catch-up found every reminder already queued: still one set of mails.
        assert len(reminder_mails(smtp)) == REMINDER_ADDRESSES
    finally:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
