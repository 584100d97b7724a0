"""`tracker.db.DriverStatement` (a hot path's statement on SQLite's own cursor) writes and reads exactly what
SQLAlchemy's `Connection.execute` of the same statement writes and reads: every parameter and result column
converted by its type, None and unicode included."""

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import Engine, text

from tracker.audit.service import event_row
from tracker.progress import context

pytestmark = pytest.mark.usefixtures("plan_loaded")


def _stored(engine: Engine, table: str, row_id: int) -> tuple[Any, ...]:
    """The row as SQLite stores it (no type conversion), without its id."""
    with engine.connect() as connection:
        cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
        cursor.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,))
        names = [d[0] for d in cursor.description]
        row = cursor.fetchone()
        cursor.close()
    return tuple(value for name, value in zip(names, row, strict=True) if name != "id")


def _last_id(engine: Engine, table: str) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text(f"SELECT max(id) FROM {table}")).scalar_one())


def test_an_audit_event_is_stored_as_sqlalchemy_stores_it(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("DriverStatement runs on SQLite only")
    event = event_row(
        actor="token:1",
        action="report.create",
        entity="progress_report",
        entity_key="MH22-2.1/2025-H2",
        at=datetime(2026, 11, 29, 9, 0, 0, 123456, tzinfo=UTC),
        organisation_id=None,
        initiative_id=None,
        before=None,
        after={"narrative": 'Æblegrød ☃ "quoted"', "spent_dkk": 0.1, "values": {"I1": 1e16}, "none": None},
        reason="",
    )
    with engine.begin() as connection:
        context._INSERT_EVENT_DRIVER.execute(connection, event)
    driver = _stored(engine, "audit_event", _last_id(engine, "audit_event"))
    with engine.begin() as connection:
        connection.execute(context._INSERT_EVENT, event)
    assert driver == _stored(engine, "audit_event", _last_id(engine, "audit_event"))


def test_the_context_query_reads_what_sqlalchemy_reads(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("DriverStatement runs on SQLite only")
    params = {"code": "MH22-2.1", "label": "2025-H2"}
    with engine.connect() as connection:
        expected = [tuple(row) for row in connection.execute(context._PLAIN_CONTEXT_QUERY, params)]
        assert context._PLAIN_CONTEXT_DRIVER.execute(connection, params) == expected
        assert expected
        # Every column's Python type as SQLAlchemy gives it (dates, not strings).
        got = context._PLAIN_CONTEXT_DRIVER.execute(connection, params)[0]
        assert [type(v) for v in got] == [type(v) for v in expected[0]]
        assert context._PLAIN_CONTEXT_DRIVER.execute(connection, {"code": "none", "label": "none"}) == []
