"""A cache tied to some tables is emptied only by writes to those tables (the token cache survives report writes)."""

from datetime import UTC, datetime

from sqlmodel import Session

from tracker.audit.service import record
from tracker.auth.service import create_token
from tracker.cache import ReadCache


def test_a_table_scoped_cache_ignores_writes_to_other_tables(engine, plan_loaded):
    tokens = ReadCache[str](engine, ttl=60, tables=frozenset({"api_token"}))
    everything = ReadCache[str](engine, ttl=60)
    for cache in (tokens, everything):
        cache.put("k", "v", cache.generation)
    now = datetime.now(UTC)
    with Session(engine) as session:
        record(session, actor="test", action="x", entity="e", entity_key="k", at=now)
        session.commit()
    assert tokens.get("k") == "v"
    assert everything.get("k") is None
    with Session(engine) as session:
        create_token(session, "REDEN", "reporter", now=now)
        session.commit()
    assert tokens.get("k") is None


def test_a_sessions_last_seen_time_is_bookkeeping_and_signing_in_leaves_reports_cached(
    engine, db_settings, plan_loaded
):
    """The session check's once-a-minute write empties no cache; signing in or out empties the session cache only."""
    from datetime import timedelta

    from tracker.issued.service import _report_tables
    from tracker.users.service import add_user, end_session, resume_session, start_session
    from tracker.web.session import SESSION_TABLES

    sessions = ReadCache[str](engine, ttl=60, tables=SESSION_TABLES)
    built_reports = ReadCache[str](engine, ttl=60, tables=_report_tables())
    everything = ReadCache[str](engine, ttl=60)
    settings = db_settings
    now = datetime.now(UTC)
    with Session(engine) as session:
        user = add_user(
            session, email="a@b.dk", name="A", organisation_code="REDEN", role="reporter", now=now, actor="t"
        )
        secret = start_session(session, user, now=now, settings=settings)
        session.commit()
    for cache in (sessions, built_reports, everything):
        cache.put("k", "v", cache.generation)
    with Session(engine) as session:
        assert resume_session(session, secret, now=now + timedelta(minutes=2), settings=settings) is not None
        session.commit()  # wrote last_seen_at
    assert [c.get("k") for c in (sessions, built_reports, everything)] == ["v", "v", "v"]
    with Session(engine) as session:
        end_session(session, secret, now=now)
        session.commit()
    assert sessions.get("k") is None
    assert built_reports.get("k") == "v"


def test_a_new_report_empties_the_caches_of_what_it_wrote_and_keeps_tokens_cached(engine, db_settings, plan_loaded):
    """A new draft (on PostgreSQL one statement for report, values and audit event) empties every cache that
    reads reports, values or the audit trail, so a status report never misses it; token checks stay cached."""
    from sqlalchemy import func, select

    from actionplan.progress import IndicatorValue, ProgressReport
    from tests.tracker.progress_support import INITIATIVE, PERIOD, report_body
    from tracker.audit.models import AuditEvent
    from tracker.auth.service import authenticate
    from tracker.progress import schemas as s
    from tracker.progress.service import save_draft

    now = datetime.now(UTC)
    with Session(engine) as session:
        _token, secret = create_token(session, "REDEN", "reporter", now=now)
        session.commit()
    with Session(engine) as session:
        principal = authenticate(session, secret, now=now)
        session.commit()
    assert principal is not None
    tokens = ReadCache[str](engine, ttl=60, tables=frozenset({"api_token", "organisation"}))
    reports = ReadCache[str](engine, ttl=60, tables=frozenset({"progress_report"}))
    values = ReadCache[str](engine, ttl=60, tables=frozenset({"indicator_value"}))
    audit = ReadCache[str](engine, ttl=60, tables=frozenset({"audit_event"}))
    for cache in (tokens, reports, values, audit):
        cache.put("k", "v", cache.generation)
    with Session(engine) as session:
        payload = s.ReportInput.model_validate(report_body())
        save_draft(
            session, principal, INITIATIVE, PERIOD, payload, now=now, expected_version=None, settings=db_settings
        )
        session.commit()
    assert [c.get("k") for c in (tokens, reports, values, audit)] == ["v", None, None, None]
    with Session(engine) as session:
        counts = [
            session.execute(select(func.count()).select_from(t)).scalar_one() for t in (ProgressReport, IndicatorValue)
        ]
        actions = (
            session.execute(select(AuditEvent.action).where(AuditEvent.entity == "progress_report")).scalars().all()
        )
    assert counts == [1, 1]
    assert actions == ["report.create"]
