"""The plan reads' fast path (tracker/plans/fast.py) answers a cached read byte for byte as the app does, and
leaves every other request to the app."""

import asyncio
import logging
import re
from datetime import timedelta
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient
from sqlmodel import Session, select

from actionplan.models import Initiative
from tests.asgi_support import encoded, http_scope
from tests.conftest import NOW
from tracker.app import create_app
from tracker.auth.guards import SECRETARIAT
from tracker.auth.models import ApiToken
from tracker.auth.service import revoke_token
from tracker.plans.controllers import Prebuilt, answer_key, day_of
from tracker.plans.fast import answer_from_memory

pytestmark = pytest.mark.usefixtures("plan_loaded")

Answer = tuple[int, list[tuple[bytes, bytes]], bytes, list[str]]


def _scope(method: str, path: str, query: bytes, headers: dict[str, str]) -> dict[str, Any]:
    """A request as an HTTP server hands it to the app."""
    return http_scope(method, path, encoded(headers), query=query)


def _call(app: Any, scope: dict[str, Any], caplog: pytest.LogCaptureFixture) -> tuple[Any, Answer]:
    """Call an ASGI callable; its return value and (status, headers, body, access log lines)."""
    messages: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        messages.append(message)

    caplog.clear()
    with caplog.at_level(logging.INFO, logger="tracker.access"):
        returned = asyncio.run(app(scope, receive, send))
    # The time taken differs; the rest of the line is the same.
    lines = [re.sub(r" \d+ ms ", " _ ms ", r.getMessage()) for r in caplog.records if r.name == "tracker.access"]
    if not messages:
        return returned, (0, [], b"", lines)
    start, *bodies = messages
    return returned, (start["status"], start["headers"], b"".join(m.get("body", b"") for m in bodies), lines)


def _fast(app: Litestar, caplog: pytest.LogCaptureFixture, path: str, query: bytes = b"", **headers: str) -> Answer:
    """The fast path's answer (it must take the request)."""

    async def fast(scope: Any, _receive: Any, send: Any) -> bool:
        return await answer_from_memory(app.state, scope, send)

    took, answer = _call(fast, _scope("GET", path, query, _headers(headers)), caplog)
    assert took is True, f"the fast path left {path}?{query!r} to the app"
    return answer


def _declined(app: Litestar, method: str, path: str, query: bytes = b"", **headers: str) -> bool:
    sent: list[Any] = []

    async def send(message: Any) -> None:
        sent.append(message)

    took = asyncio.run(answer_from_memory(app.state, _scope(method, path, query, _headers(headers)), send))
    return took is False and sent == []


def _app(app: Litestar, caplog: pytest.LogCaptureFixture, path: str, query: bytes = b"", **headers: str) -> Answer:
    """The app's own answer: Litestar, without the fast path in front."""
    return _call(Litestar.__call__.__get__(app), _scope("GET", path, query, _headers(headers)), caplog)[1]


def _headers(given: dict[str, str]) -> dict[str, str]:
    return {name.replace("_", "-"): value for name, value in given.items()}


READS = [
    ("/initiatives", b""),
    ("/initiatives/MH22-2.1", b""),
    ("/initiatives", b"page=2&page_size=5&overdue=false"),
    ("/plans", b""),
    ("/plans/mh-2022-2025", b""),
    ("/focus-areas", b"plan=mh-2022-2025"),
    ("/organisations/LIGE", b""),
    ("/periods", b"state=open"),
]


@pytest.mark.parametrize(("path", "query"), READS)
def test_a_cached_read_is_answered_byte_for_byte_as_the_app_answers_it(
    client: Any, make_headers: Any, caplog: pytest.LogCaptureFixture, path: str, query: bytes
) -> None:
    app = client.app
    token = make_headers("LIGE", "viewer")["Authorization"]
    first = client.get(f"{path}?{query.decode()}", headers={"Authorization": token})
    assert first.status_code == 200
    etag = first.headers["etag"]
    for conditional in ({}, {"if_none_match": etag}, {"if_none_match": f'W/"x", {etag}'}, {"if_none_match": '"x"'}):
        fast = _fast(app, caplog, path, query, authorization=token, x_request_id="req-1", **conditional)
        assert fast == _app(app, caplog, path, query, authorization=token, x_request_id="req-1", **conditional)
        assert fast[0] == (304 if conditional.get("if_none_match", '"x"') != '"x"' else 200)
        assert fast[3] == [f"GET {path} {fast[0]} _ ms request_id=req-1"]
    # Without an id of the client's, each answer gets a new one, in the header and the log line.
    status, headers, body, lines = _fast(app, caplog, path, query, authorization=token)
    request_id = dict(headers)[b"x-request-id"].decode()
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    assert lines == [f"GET {path} 200 _ ms request_id={request_id}"]
    assert (status, body) == (200, first.content)
    assert [name for name, _value in headers] == [name.lower().encode() for name in first.headers]


def test_a_read_through_the_app_entry_takes_the_fast_path_once_cached(client: Any, make_headers: Any) -> None:
    headers = make_headers("LIGE", "viewer")
    auth = {"authorization": headers["Authorization"]}
    scope = _scope("GET", "/initiatives", b"", auth)
    asyncio.run(client.app(scope, _nothing, _ignore))
    assert "litestar_app" in scope, "the first read goes through the app"
    scope = _scope("GET", "/initiatives", b"", auth)
    asyncio.run(client.app(scope, _nothing, _ignore))
    assert "litestar_app" not in scope, "the second is answered before the app"


async def _nothing() -> dict[str, Any]:
    return {"type": "http.request", "body": b"", "more_body": False}


async def _ignore(_message: Any) -> None:
    return None


def test_requests_the_app_must_see_are_left_to_it(client: Any, make_headers: Any) -> None:
    app = client.app
    token = make_headers("LIGE", "viewer")["Authorization"]
    assert client.get("/initiatives", headers={"Authorization": token}).status_code == 200
    assert not _declined(app, "GET", "/initiatives", authorization=token), "the read itself is taken"
    left = [
        ("HEAD", "/initiatives", b"", {"authorization": token}),
        ("GET", "/initiatives/", b"", {"authorization": token}),  # the router normalises the path
        ("GET", "/initiatives", b"page=1", {"authorization": token}),  # not read yet
        ("GET", "/initiatives", b"", {}),
        ("GET", "/initiatives", b"", {"authorization": "Bearer apt_unknown"}),
        ("GET", "/initiatives", b"", {"authorization": token.replace("Bearer", "Basic")}),
        ("GET", "/initiatives", b"", {"authorization": token, "origin": "https://intra.ministeriet.dk"}),
        ("GET", "/initiatives", b"", {"authorization": token, "content_type": "application/json"}),
        ("GET", "/initiatives", b"", {"authorization": token, "host": "bad host"}),
        ("GET", "/initiatives", b"q=%00", {"authorization": token}),
    ]
    for method, path, query, headers in left:
        assert _declined(app, method, path, query, **headers), (method, path, query, headers)
    # Where the server says the app is mounted below a root path, the router strips it: the app decides.
    scope = _scope("GET", "/initiatives", b"", {"authorization": token}) | {"root_path": "/api"}
    assert asyncio.run(answer_from_memory(app.state, scope, _ignore)) is False
    # An empty first Authorization header is what the app reads (401), not a later one.
    scope = _scope("GET", "/initiatives", b"", {})
    scope["headers"] += [(b"authorization", b""), (b"authorization", token.encode())]
    assert asyncio.run(answer_from_memory(app.state, scope, _ignore)) is False


def test_a_revoked_token_goes_to_the_app_and_is_refused(
    client: Any, engine: Any, make_headers: Any, caplog: pytest.LogCaptureFixture
) -> None:
    app = client.app
    token = make_headers("REDEN", "reporter")["Authorization"]
    assert client.get("/initiatives", headers={"Authorization": token}).status_code == 200
    _fast(app, caplog, "/initiatives", authorization=token)
    with Session(engine) as session:
        row = session.exec(select(ApiToken).order_by(ApiToken.id.desc())).first()  # type: ignore[attr-defined]
        revoke_token(session, row.id, now=NOW)
        session.commit()
    assert _declined(app, "GET", "/initiatives", authorization=token)
    assert client.get("/initiatives", headers={"Authorization": token}).status_code == 401


def test_an_expired_token_goes_to_the_app_and_is_refused(
    client: Any, clock: Any, make_headers: Any, caplog: pytest.LogCaptureFixture
) -> None:
    app = client.app
    token = make_headers("REDEN", "reporter")["Authorization"]
    assert client.get("/initiatives/MH22-2.1", headers={"Authorization": token}).status_code == 200
    _fast(app, caplog, "/initiatives/MH22-2.1", authorization=token)
    clock.now = NOW + timedelta(days=366)
    assert _declined(app, "GET", "/initiatives/MH22-2.1", authorization=token)
    assert client.get("/initiatives/MH22-2.1", headers={"Authorization": token}).status_code == 401


def test_a_client_held_back_by_the_failed_token_limit_goes_to_the_app_and_waits(
    client: Any, make_headers: Any, caplog: pytest.LogCaptureFixture
) -> None:
    app = client.app
    token = make_headers("LIGE", "viewer")["Authorization"]
    assert client.get("/initiatives", headers={"Authorization": token}).status_code == 200
    _fast(app, caplog, "/initiatives", authorization=token)
    limiter = app.state.token_limiter
    for _ in range(limiter.limit):
        limiter.failed("testclient")
    assert _declined(app, "GET", "/initiatives", authorization=token)
    assert client.get("/initiatives", headers={"Authorization": token}).status_code == 429


def test_an_answer_goes_only_to_roles_the_guards_of_its_route_admit(
    client: Any, make_headers: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """Every plan read admits every role today; an answer built by a stricter route keeps its guard."""
    app = client.app
    viewer = make_headers("LIGE", "viewer")["Authorization"]
    secretariat = make_headers("CMM", "secretariat")["Authorization"]
    for token in (viewer, secretariat):
        assert client.get("/plans", headers={"Authorization": token}).status_code == 200
    cache = app.state.read_cache
    scope = _scope("GET", "/plans", b"", {})
    cache.put(answer_key(scope, day_of(app.state, NOW)), Prebuilt(b"{}", [SECRETARIAT]), cache.generation)
    assert _declined(app, "GET", "/plans", authorization=viewer)
    assert _fast(app, caplog, "/plans", authorization=secretariat)[2] == b"{}"


def test_a_write_empties_the_cache_and_the_next_read_goes_to_the_app(
    client: Any, engine: Any, make_headers: Any, caplog: pytest.LogCaptureFixture
) -> None:
    app = client.app
    token = make_headers("LIGE", "viewer")["Authorization"]
    before = client.get("/initiatives/MH22-2.1", headers={"Authorization": token})
    _fast(app, caplog, "/initiatives/MH22-2.1", authorization=token)
    with Session(engine) as session:
        initiative = session.exec(select(Initiative).where(Initiative.code == "MH22-2.1")).one()
        initiative.title_en = "Safe housing, renamed"
        session.add(initiative)
        session.commit()
    assert _declined(app, "GET", "/initiatives/MH22-2.1", authorization=token)
    after = client.get("/initiatives/MH22-2.1", headers={"Authorization": token})
    assert after.json()["title_en"] == "Safe housing, renamed"
    assert after.headers["etag"] != before.headers["etag"]
    fast = _fast(app, caplog, "/initiatives/MH22-2.1", authorization=token)
    assert fast[2] == after.content


def test_with_cors_on_a_read_without_origin_is_the_same_and_one_with_origin_goes_to_cors(
    db_settings: Any, engine: Any, clock: Any, make_headers: Any, caplog: pytest.LogCaptureFixture
) -> None:
    listed = db_settings.model_copy(update={"cors_allow_origins": ["https://intra.ministeriet.dk"]})
    token = make_headers("LIGE", "viewer")["Authorization"]
    with TestClient(app=create_app(listed, engine=engine, clock=clock)) as client:
        app = client.app
        assert client.get("/initiatives", headers={"Authorization": token}).status_code == 200
        fast = _fast(app, caplog, "/initiatives", authorization=token, x_request_id="cors-1")
        assert fast == _app(app, caplog, "/initiatives", authorization=token, x_request_id="cors-1")
        origin = "https://intra.ministeriet.dk"
        assert _declined(app, "GET", "/initiatives", authorization=token, origin=origin)
        answer = client.get("/initiatives", headers={"Authorization": token, "Origin": origin})
        assert answer.headers["access-control-allow-origin"] == origin
