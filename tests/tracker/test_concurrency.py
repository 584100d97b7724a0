"""Concurrent writers through the service layer, on SQLite and PostgreSQL: no update is ever lost.

Each writer reads the report's version in one transaction and writes with it in another, as an API client
does with GET then PUT + If-Match, so the compare-and-swap is what stands between them.
"""

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from actionplan.progress import IndicatorValue, ProgressReport
from tests.conftest import NOW
from tests.tracker.progress_support import INITIATIVE, PERIOD
from tracker.audit.models import AuditEvent
from tracker.auth.service import authenticate, create_token
from tracker.errors import PreconditionFailed
from tracker.progress.schemas import ReportInput
from tracker.progress.service import report_version, save_draft
from tracker.settings import Settings

pytestmark = [pytest.mark.usefixtures("plan_loaded"), pytest.mark.slow]
UPDATES = 200
THREADS = 16


def _payload(n: int) -> ReportInput:
    return ReportInput.model_validate(
        {
            "status": "on_track",
            "narrative": f"update {n}",
            "indicator_values": [{"indicator": "MH22-2.1-I1", "value": n}],
        }
    )


# The service's rules read only the time zone and the autolock days from the settings.
SETTINGS = Settings(environment="test")


@pytest.fixture
def reden(engine):
    with Session(engine) as session:
        _token, secret = create_token(session, "REDEN", "reporter", now=NOW)
        principal = authenticate(session, secret, now=NOW)
        save_draft(
            session, principal, INITIATIVE, PERIOD, _payload(0), now=NOW, expected_version=None, settings=SETTINGS
        )
        session.commit()
    return principal


def _read_version(engine) -> int:
    with Session(engine) as session:
        version = report_version(session, INITIATIVE, PERIOD)
        session.commit()
    assert version is not None
    return version


def _write(engine, principal, n: int, version: int) -> bool:
    """One PUT: True when it landed, False when it lost the race (412)."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            save_draft(
                session,
                principal,
                INITIATIVE,
                PERIOD,
                _payload(n),
                now=NOW,
                expected_version=version,
                settings=SETTINGS,
            )
            session.commit()
        except PreconditionFailed:
            session.rollback()
            return False
    return True


def test_200_concurrent_updates_with_retries_all_land_exactly_once(engine, reden):
    outcomes: Counter[str] = Counter()
    lock = threading.Lock()

    def update(n: int) -> int:
        for attempt in range(1, 500):
            if _write(engine, reden, n, _read_version(engine)):
                return attempt
            with lock:
                outcomes["412"] += 1
        raise AssertionError(f"update {n} never landed")

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        attempts = list(pool.map(update, range(1, UPDATES + 1)))

    assert len(attempts) == UPDATES
    with Session(engine) as session:
        report = session.exec(select(ProgressReport)).one()
        assert report.version == 1 + UPDATES
        updates = session.exec(
            select(AuditEvent).where(AuditEvent.action == "report.update").order_by(AuditEvent.id)
        ).all()
        landed = sorted(int(event.after["narrative"].split()[1]) for event in updates)
        assert landed == list(range(1, UPDATES + 1))
        # The last event describes what is stored now: nothing was overwritten behind anyone's back.
        assert report.narrative == updates[-1].after["narrative"]
        values = session.exec(select(IndicatorValue)).all()
        assert [v.value for v in values] == [float(report.narrative.split()[1])]
    assert sum(attempts) == UPDATES + outcomes["412"]


def test_200_concurrent_updates_from_the_same_version_one_wins_the_rest_get_412(engine, reden):
    barrier = threading.Barrier(THREADS)

    def update(n: int) -> bool:
        if n < THREADS:
            barrier.wait(timeout=30)
        return _write(engine, reden, n, 1)

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        results = list(pool.map(update, range(UPDATES)))

    assert results.count(True) == 1
    assert results.count(False) == UPDATES - 1
    winner = results.index(True)
    with Session(engine) as session:
        report = session.exec(select(ProgressReport)).one()
        assert (report.version, report.narrative) == (2, f"update {winner}")
        count = session.exec(text("SELECT count(*) FROM audit_event WHERE action = 'report.update'")).one()[0]
        assert count == 1


def test_more_concurrent_requests_than_worker_threads_do_not_deadlock(db_settings, engine, reden, clock):
    """More writers at once than worker threads: every one is answered, none with a 5xx."""
    import asyncio

    import anyio.to_thread
    import httpx

    from tracker.app import create_app
    from tracker.auth.service import create_token

    with Session(engine) as session:
        _token, secret = create_token(session, "REDEN", "reporter", now=NOW)
        session.commit()
    # Without the token cache every request also needs the database to authenticate: the worst case.
    app = create_app(db_settings.model_copy(update={"token_cache_seconds": 0}), engine=engine, clock=clock)
    headers = {"Authorization": f"Bearer {secret}", "If-Match": '"1"'}
    body = {"status": "on_track", "narrative": "concurrent"}

    async def run() -> list[int]:
        # Few worker threads make the starvation certain: without the gate this deadlocks.
        anyio.to_thread.current_default_thread_limiter().total_tokens = 3
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            url = f"/initiatives/{INITIATIVE}/reports/{PERIOD}"
            calls = [client.put(url, json=body, headers=headers) for _ in range(60)]
            responses = await asyncio.wait_for(asyncio.gather(*calls), timeout=50)
        return [r.status_code for r in responses]

    statuses = asyncio.run(run())
    assert sorted(set(statuses)) == [200, 412]
    assert statuses.count(200) == 1
