"""Cached reads never hide a committed change made by this process."""

import pytest
from sqlmodel import Session, select

from actionplan.enums import ProgressStatus, ReportState
from actionplan.models import Initiative, ReportingPeriod
from actionplan.progress import ProgressReport
from tests.conftest import NOW
from tracker.auth.models import ApiToken
from tracker.auth.service import revoke_token

pytestmark = pytest.mark.usefixtures("plan_loaded")


def test_an_approved_report_shows_at_once_in_the_initiative(client, engine, make_headers):
    headers = make_headers("LIGE", "viewer")
    assert client.get("/initiatives/MH22-2.1", headers=headers).json()["status"] is None
    with Session(engine) as session:
        initiative = session.exec(select(Initiative).where(Initiative.code == "MH22-2.1")).one()
        period = session.exec(select(ReportingPeriod).where(ReportingPeriod.label == "2025-H2")).one()
        session.add(
            ProgressReport(
                initiative_id=initiative.id,
                period_id=period.id,
                organisation_id=initiative.lead_id,
                status=ProgressStatus.COMPLETED,
                state=ReportState.APPROVED,
            )
        )
        session.commit()
    body = client.get("/initiatives/MH22-2.1", headers=headers).json()
    assert (body["status"], body["status_period"], body["overdue"]) == ("completed", "2025-H2", False)


def test_a_revoked_token_is_refused_at_once(client, engine, make_headers):
    headers = make_headers("REDEN", "reporter")
    assert client.get("/plans", headers=headers).status_code == 200
    assert client.get("/plans", headers=headers).status_code == 200
    with Session(engine) as session:
        token = session.exec(select(ApiToken).order_by(ApiToken.id.desc())).first()
        revoke_token(session, token.id, now=NOW)
        session.commit()
    assert client.get("/plans", headers=headers).status_code == 401


def test_an_expired_token_is_refused_even_when_cached(client, clock, make_headers):
    from datetime import timedelta

    headers = make_headers("REDEN", "reporter")
    assert client.get("/plans", headers=headers).status_code == 200
    clock.now = NOW + timedelta(days=366)
    assert client.get("/plans", headers=headers).status_code == 401


def test_an_entry_is_computed_once_however_many_ask_for_it_at_the_same_time(engine):
    import asyncio

    from tracker.cache import ReadCache

    cache: ReadCache[str] = ReadCache(engine, ttl=60)
    calls: list[str] = []

    async def compute() -> str:
        calls.append("x")
        await asyncio.sleep(0.05)
        return "body"

    async def failing() -> str:
        calls.append("y")
        await asyncio.sleep(0.05)
        raise RuntimeError("database gone")

    async def main() -> tuple[list[str], list[BaseException | str]]:
        bodies = await asyncio.gather(*(cache.get_or_compute("k", compute) for _ in range(10)))
        failures = await asyncio.gather(*(cache.get_or_compute("f", failing) for _ in range(5)), return_exceptions=True)
        return list(bodies), list(failures)

    bodies, failures = asyncio.run(main())
    assert bodies == ["body"] * 10
    assert [type(f).__name__ for f in failures] == ["RuntimeError"] * 5
    assert calls == ["x", "y"]
    assert cache.get("k") == "body"
    assert cache.get("f") is None


def test_a_known_token_is_checked_from_memory_and_its_last_use_does_not_empty_the_caches(client, engine, make_headers):
    from sqlalchemy import event

    headers = make_headers("LIGE", "viewer")
    statements: list[str] = []

    def seen(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement.lstrip().lower())

    event.listen(engine, "before_cursor_execute", seen)
    try:
        for _ in range(6):
            assert client.get("/initiatives/MH22-2.1", headers=headers).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    # The first request checks the token and records its first use; the plan is read once; the other five
    # requests are answered from memory (the last-used write empties neither cache).
    assert len([s for s in statements if s.startswith("select") and "from api_token" in s]) == 1
    assert len([s for s in statements if s.startswith("update") and "api_token" in s]) == 1
    assert len([s for s in statements if s.startswith("select") and "from initiative" in s]) == 1


def test_each_answer_from_the_prebuilt_cache_carries_its_own_request_id(client, make_headers):
    headers = make_headers("LIGE", "viewer")
    answers = [client.get("/initiatives", headers=headers) for _ in range(3)]
    etag = answers[0].headers["etag"]
    answers.append(client.get("/initiatives", headers=headers | {"If-None-Match": etag}))
    answers.append(client.get("/initiatives", headers=headers | {"If-None-Match": etag}))
    ids = [a.headers.get_list("x-request-id") for a in answers]
    assert all(len(found) == 1 for found in ids)
    assert len({found[0] for found in ids}) == 5
    assert [a.status_code for a in answers] == [200, 200, 200, 304, 304]
    assert {a.headers["etag"] for a in answers} == {etag}
    assert answers[0].content == answers[2].content
    assert answers[3].content == b""
