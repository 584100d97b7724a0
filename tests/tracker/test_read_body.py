"""A request's body read from the server's messages as they come (`tracker.inputs.read_body`): granian sends a
body whole and then an empty last message, uvicorn in one message, and any server may split it. The NUL
middleware and the submission's fast path read it this way; what they hand the app is what the server sent."""

import asyncio
from typing import Any

import pytest

from tracker.inputs import RejectNulMiddleware, read_body, replay


def _messages(*parts: bytes) -> list[dict[str, Any]]:
    return [{"type": "http.request", "body": part, "more_body": n < len(parts) - 1} for n, part in enumerate(parts)]


def _receive(messages: list[dict[str, Any]]) -> Any:
    pending = list(messages)

    async def receive() -> dict[str, Any]:
        return pending.pop(0) if pending else {"type": "http.disconnect"}

    return receive


@pytest.mark.parametrize(
    ("parts", "body"),
    [
        ((b'{"a": 1}',), b'{"a": 1}'),
        ((b'{"a": 1}', b""), b'{"a": 1}'),
        ((b'{"a"', b": 1}"), b'{"a": 1}'),
        ((b"", b'{"a"', b"", b": 1}", b""), b'{"a": 1}'),
        ((b"",), b""),
    ],
)
def test_the_body_is_read_to_its_last_message_and_the_messages_replayed(parts: tuple[bytes, ...], body: bytes):
    sent = _messages(*parts)

    async def run() -> tuple[list[Any], bytes | None, list[Any]]:
        receive = _receive(sent)
        messages, read = await read_body(receive)
        again = replay(messages, receive)
        return messages, read, [await again() for _ in range(len(sent) + 1)]

    messages, read, replayed = asyncio.run(run())
    assert read == body
    assert messages == sent
    assert replayed == [*sent, {"type": "http.disconnect"}]


def test_a_body_over_the_limit_or_cut_short_is_left_to_the_app():
    sent = _messages(b"12345", b"67890", b"")
    messages, read = asyncio.run(read_body(_receive(sent), limit=8))
    assert read is None
    assert messages == sent[:2]
    cut = [sent[0], {"type": "http.disconnect"}]
    messages, read = asyncio.run(read_body(_receive(cut)))
    assert read is None
    assert messages == cut


@pytest.mark.parametrize(
    "parts",
    [(b'{"a": "x\\u0000"}', b""), (b'{"a": "x\\u00', b'00"}'), (b'{"a": "x', b"\x00", b'"}')],
)
def test_a_nul_split_over_messages_is_refused(parts: tuple[bytes, ...]):
    reached: list[Any] = []
    sent_back: list[Any] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        reached.append(scope)

    async def send(message: Any) -> None:
        sent_back.append(message)

    scope = {
        "type": "http",
        "method": "PUT",
        "path": "/x",
        "query_string": b"",
        "headers": [(b"content-type", b"application/json")],
    }
    asyncio.run(RejectNulMiddleware(app)(scope, _receive(_messages(*parts)), send))
    assert reached == []
    assert sent_back[0]["status"] == 400
