"""A lock held too long: the request waits within the bound, then gets 503 with Retry-After, never a 500."""

import sqlite3
import threading
import time

import pytest
from litestar.testing import TestClient
from sqlalchemy import create_engine

from tests.conftest import NOW, Clock
from tests.tracker.progress_support import REPORT_URL, report_body
from tracker.app import create_app
from tracker.db import create_db_engine

pytestmark = pytest.mark.usefixtures("plan_loaded")


def test_a_lock_held_past_the_bound_is_503_with_retry_after_then_all_is_well(db_settings, engine, make_headers):
    reden = make_headers("REDEN", "reporter")
    settings = db_settings.model_copy(update={"db_lock_timeout_seconds": 0.5})
    own = create_db_engine(settings)
    released = threading.Event()
    holding = threading.Event()

    def hold_lock() -> None:
        if settings.is_sqlite:
            path = settings.sqlite_path()
            connection = sqlite3.connect(str(path), isolation_level=None)
            connection.execute("BEGIN IMMEDIATE")
            holding.set()
            released.wait(10)
            connection.execute("ROLLBACK")
            connection.close()
        else:
            blocker = create_engine(settings.sqlalchemy_url)
            with blocker.connect() as connection:
                connection.exec_driver_sql("LOCK TABLE progress_report IN ACCESS EXCLUSIVE MODE")
                holding.set()
                released.wait(10)
                connection.rollback()
            blocker.dispose()

    try:
        with TestClient(create_app(settings, engine=own, clock=Clock(NOW))) as client:
            holder = threading.Thread(target=hold_lock)
            holder.start()
            assert holding.wait(5)
            started = time.monotonic()
            response = client.put(REPORT_URL, json=report_body(), headers=reden)
            waited = time.monotonic() - started
            released.set()
            holder.join()
            assert response.status_code == 503, response.text
            assert response.headers["content-type"].startswith("application/problem+json")
            assert response.json()["type"].endswith("/service-busy")
            assert int(response.headers["retry-after"]) > 0
            assert waited < 5
            assert client.put(REPORT_URL, json=report_body(), headers=reden).status_code == 201
    finally:
        released.set()
        own.dispose()
