"""The submission's fast path (tracker/progress/fast.py) answers a draft's PUT byte for byte as the app does with
Litestar's own response path, writes the same rows and audit trail, and leaves every other request to the app."""

import asyncio
import json
import logging
import re
from collections.abc import Callable
from typing import Any

import pytest
from litestar import Litestar
from sqlalchemy import Engine, text

from tests.asgi_support import encoded, http_scope
from tests.tracker.progress_support import REPORT_URL, report_body
from tracker.progress import controllers
from tracker.progress import fast as fast_path
from tracker.progress.controllers import FAILED
from tracker.progress.fast import save_from_memory, submission_route

pytestmark = pytest.mark.usefixtures("plan_loaded")

Answer = tuple[int, list[tuple[bytes, bytes]], bytes, list[str]]


def _scope(path: str, headers: dict[str, str], method: str = "PUT") -> dict[str, Any]:
    return http_scope(method, path, encoded(headers))


# How a server hands the app a request's body: uvicorn in one message; granian whole, then an empty last message;
# any server may split it.
DELIVERIES: dict[str, Callable[[bytes], list[bytes]]] = {
    "one message": lambda body: [body],
    "then an empty message": lambda body: [body, b""],
    "in two parts": lambda body: [body[: len(body) // 2], body[len(body) // 2 :]],
}


def _call(
    app: Any, scope: dict[str, Any], body: bytes, caplog: pytest.LogCaptureFixture, delivery: str = "one message"
) -> Answer:
    messages: list[dict[str, Any]] = []
    parts = DELIVERIES[delivery](body)
    pending = [{"type": "http.request", "body": part, "more_body": n < len(parts) - 1} for n, part in enumerate(parts)][
        ::-1
    ]

    async def receive() -> dict[str, Any]:
        if pending:
            return pending.pop()
        await asyncio.sleep(3600)
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        messages.append(message)

    caplog.clear()
    with caplog.at_level(logging.INFO, logger="tracker.access"):
        asyncio.run(app(scope, receive, send))
    lines = [re.sub(r" \d+ ms ", " _ ms ", r.getMessage()) for r in caplog.records if r.name == "tracker.access"]
    start, *bodies = messages
    return start["status"], start["headers"], b"".join(m.get("body", b"") for m in bodies), lines


# Each a request with the headers and body it sends; together: create, replay, update, and refusals from the
# work (412 stale If-Match, 428 no If-Match, 422 reused key, 403 another organisation), which the fast path hands
# to the app. Text and figures that a serializer could write differently: unicode, quotes, floats.
def _requests(reden: str, lige: str) -> list[tuple[str, dict[str, str], bytes]]:
    first = report_body(
        narrative='Æblegrød, “quotes” and "escapes" \\ ☃ — 38 women housed.',
        spent_dkk=0.1,
        indicator_values=[{"indicator": "MH22-2.1-I1", "value": 1e-7, "comment": "tiny ünïcödé"}],
    )
    second = report_body(
        spent_dkk=None, narrative="Updated.", indicator_values=[{"indicator": "MH22-2.1-I1", "value": 1e16}]
    )
    third = report_body(
        narrative="Tredje udgave: 38 kvinder.",
        indicator_values=[{"indicator": "MH22-2.1-I1", "value": 123456789.123456}],
    )
    return [
        (REPORT_URL, {"authorization": reden, "idempotency-key": "k-1"}, json.dumps(first).encode()),
        (REPORT_URL, {"authorization": reden, "idempotency-key": "k-1"}, json.dumps(first).encode()),
        (REPORT_URL, {"authorization": reden, "idempotency-key": "k-1"}, json.dumps(second).encode()),
        (REPORT_URL, {"authorization": reden, "if-match": '"1"'}, json.dumps(second).encode()),
        (REPORT_URL, {"authorization": reden, "if-match": "1"}, json.dumps(second).encode()),
        (REPORT_URL, {"authorization": reden}, json.dumps(second).encode()),
        (REPORT_URL, {"authorization": lige, "if-match": '"2"'}, json.dumps(second).encode()),
        ("/initiatives/MH22-2.1/reports/1999-H1", {"authorization": reden}, json.dumps(first).encode()),
        (REPORT_URL, {"authorization": reden, "if-match": '"2"'}, json.dumps(third, ensure_ascii=False).encode()),
    ]


def _forget_reports(engine: Engine) -> None:
    """Back to the plan as loaded: no reports, no idempotency keys (the audit trail is append-only)."""
    with engine.begin() as connection:
        for table in ("indicator_value", "milestone_slip", "report_revision", "progress_report", "idempotency_key"):
            connection.execute(text(f"DELETE FROM {table}"))


def _written(engine: Engine) -> dict[str, list[str]]:
    """The rows the requests write, without their ids (PostgreSQL's sequences do not go back)."""
    written = {}
    with engine.connect() as connection:
        for table in ("progress_report", "indicator_value", "idempotency_key", "report_revision", "milestone_slip"):
            rows = connection.execute(text(f"SELECT * FROM {table}")).mappings().all()
            written[table] = sorted(
                repr({k: v for k, v in row.items() if k not in ("id", "report_id")}) for row in rows
            )
    return written


def _audit_events(engine: Engine) -> list[dict[str, Any]]:
    """The audit trail, every column but the id."""
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT * FROM audit_event ORDER BY id")).mappings().all()
    return [{name: value for name, value in row.items() if name != "id"} for row in rows]


def _run(
    app: Litestar,
    caplog: pytest.LogCaptureFixture,
    requests: list[tuple[str, dict[str, str], bytes]],
    *,
    fast: bool,
    delivery: str = "one message",
) -> list[tuple[Answer, bool]]:
    answers = []
    for path, headers, body in requests:
        scope = _scope(path, headers | {"content-type": "application/json", "x-request-id": "req-1"})
        entry = app if fast else Litestar.__call__.__get__(app)
        answer = _call(entry, scope, body, caplog, delivery)
        answers.append((answer, "litestar_app" not in scope))
    return answers


def _counted(save: Any, runs: list[str]) -> Any:
    async def counted(*args: Any, **kwargs: Any) -> Any:
        runs.append(args[3])
        return await save(*args, **kwargs)

    return counted


@pytest.mark.parametrize("delivery", list(DELIVERIES))
def test_a_draft_is_answered_byte_for_byte_as_litestar_answers_it(
    client: Any,
    engine: Engine,
    make_headers: Any,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    delivery: str,
) -> None:
    app = client.app
    reden = make_headers("REDEN", "reporter")["Authorization"]
    lige = make_headers("LIGE", "reporter")["Authorization"]
    for token in (reden, lige):  # the tokens are remembered after their first request
        assert client.get("/initiatives", headers={"Authorization": token}).status_code == 200
    requests = _requests(reden, lige)
    before = len(_audit_events(engine))
    runs: list[str] = []
    for module in (controllers, fast_path):
        monkeypatch.setattr(module, "save_draft", _counted(module.save_draft, runs))
    fast = _run(app, caplog, requests, fast=True, delivery=delivery)
    # The work ran once per request: a failure the fast path met is answered by the app, not run again.
    assert len(runs) == len(requests)
    fast_audit, fast_rows = _audit_events(engine)[before:], _written(engine)
    assert [event["action"] for event in fast_audit] == [
        "report.create",
        "report.update",
        "authz.denied",
        "report.update",
    ]
    # The successes were answered before the app; the refusals by the app (with the error of the fast path's run).
    assert [taken for _answer, taken in fast] == [True, True, False, True, False, False, False, False, True]
    assert [answer[0] for answer, _taken in fast] == [201, 201, 422, 200, 412, 428, 403, 404, 200]

    _forget_reports(engine)
    # The app without the fast path in front (the handler's `ReportAnswer`).
    through_the_app = _run(app, caplog, requests, fast=False, delivery=delivery)
    assert _audit_events(engine)[-len(fast_audit) :] == fast_audit
    assert _written(engine) == fast_rows
    _forget_reports(engine)
    # Litestar's own path: no fast path in front, and the handler's answer as a plain `Response`.
    monkeypatch.setattr(controllers, "ReportAnswer", lambda stored, location: controllers._respond(stored, location))
    ordinary = _run(app, caplog, requests, fast=False, delivery=delivery)

    for (answer, _taken), (app_answer, _), (expected, _) in zip(fast, through_the_app, ordinary, strict=True):
        assert answer == expected
        assert app_answer == expected
    assert _audit_events(engine)[-len(fast_audit) :] == fast_audit
    assert _written(engine) == fast_rows
    assert fast_rows["progress_report"]
    assert fast_rows["idempotency_key"]
    _status, headers, body, lines = fast[0][0]
    assert lines == [f"PUT {REPORT_URL} 201 _ ms request_id=req-1"]
    assert [name for name, _value in headers] == [
        b"cache-control",
        b"location",
        b"etag",
        b"content-type",
        b"content-length",
        b"x-request-id",
    ]
    assert "Æblegrød".encode() in body
    assert b'"value":1e-7' in body
    assert b'"value":1e16' in fast[3][0][2]
    assert b'"value":123456789.123456' in fast[8][0][2]


def test_requests_the_app_must_see_are_left_to_it(
    client: Any, make_headers: Any, caplog: pytest.LogCaptureFixture
) -> None:
    app = client.app
    reden = make_headers("REDEN", "reporter")["Authorization"]
    viewer = make_headers("REDEN", "viewer")["Authorization"]
    for token in (reden, viewer):
        assert client.get("/initiatives", headers={"Authorization": token}).status_code == 200
    route = submission_route(app)
    assert route is not None
    body = json.dumps(report_body()).encode()
    json_type = {"authorization": reden, "content-type": "application/json"}
    left: list[tuple[str, dict[str, str], bytes]] = [
        (REPORT_URL + "/", json_type, body),
        (REPORT_URL, {"authorization": reden}, body),  # no media type: the app decides
        (REPORT_URL, json_type | {"content-type": "text/plain"}, body),
        (REPORT_URL, json_type | {"authorization": viewer}, body),  # the guard refuses a viewer
        (REPORT_URL, json_type | {"authorization": "Bearer apt_unknown"}, body),
        (REPORT_URL, json_type | {"origin": "https://intra.ministeriet.dk"}, body),
        (REPORT_URL, json_type | {"host": "bad host"}, body),
        (REPORT_URL, json_type | {"if-match": "three"}, body),
        (REPORT_URL, json_type | {"idempotency-key": "with space"}, body),
        (REPORT_URL, json_type | {"content-length": "99999999"}, body),
        (REPORT_URL, json_type, b'{"status": "on_track", "narrative": "a\\u0000b"}'),
        (REPORT_URL, json_type, b'{"status": "on_track"'),
        (REPORT_URL, json_type, json.dumps(report_body(status="sideways")).encode()),
        (REPORT_URL, json_type, b""),
        ("/initiatives/MH22-2.1/reports/2025-H2%00", json_type, body),
    ]
    for path, headers, sent in left:
        scope = _scope(path, headers)
        sent_messages: list[Any] = []
        first = {"type": "http.request", "body": sent, "more_body": False}

        async def receive(pending: list[Any] = [first]) -> Any:  # noqa: B006  # one list per request
            return pending.pop()

        async def send(message: Any, out: list[Any] = sent_messages) -> None:
            out.append(message)

        given = asyncio.run(save_from_memory(app, route, scope, receive, send))
        assert given is not None, (path, headers, sent)
        assert sent_messages == [], (path, headers, sent)
        assert FAILED not in scope.get("state", {}), "the work was not run"
        # The app gets the body as sent, read or not.
        assert asyncio.run(given()) == first
    # A header the fast path reads, sent twice: the app decides which counts.
    scope = _scope(REPORT_URL, json_type)
    scope["headers"] += [(b"if-match", b'"1"')] * 2
    assert asyncio.run(save_from_memory(app, route, scope, _never, _ignore)) is not None


async def _never() -> Any:
    raise AssertionError("the body was read")


async def _ignore(_message: Any) -> None:
    return None
