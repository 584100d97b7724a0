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
