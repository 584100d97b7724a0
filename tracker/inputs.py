"""Input no database can store, refused at the edge the same way on SQLite and PostgreSQL.

A NUL character in a path, a query string or a JSON body: PostgreSQL cannot store it in text (the driver
raised, a 500) and SQLite stored it silently. One ASGI middleware answers 400 problem+json before any
handler runs, so the two databases behave alike and no handler needs its own check.
"""

import json
import re
from typing import Any

from litestar import Request, Response
from litestar.enums import RequestEncodingType, ScopeType
from litestar.routes import HTTPRoute
from litestar.types import ASGIApp, Receive, Scope, Send

from tracker.errors import PROBLEM_MEDIA_TYPE, TYPE_BASE, UnsupportedMediaType
from tracker.requests import scope_header

# A JSON \u0000 escape that is not itself escaped (an even number of backslashes before it).
_JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000", re.IGNORECASE)


def json_body_has_nul(body: bytes | bytearray) -> bool:
    """True when a JSON body holds a NUL: the character itself, or a \\u0000 escape that is not escaped itself."""
    # The escape's four zeros must be there before the (slower) regex can match.
    return b"\x00" in body or (b"0000" in body and _JSON_NUL.search(body) is not None)


async def read_body(receive: Receive, limit: int | None = None) -> tuple[list[Any], bytes | None]:
    """The messages of a request's body as read, and the body they carry; None for the body when it is longer
    than `limit` or a message is not part of a body (a disconnect): the app then decides. A server may send a
    body in several messages (granian sends it whole, then an empty last message; uvicorn in one), so it is
    read to its last message; one that came in one piece is not copied."""
    messages: list[Any] = []
    chunks: list[bytes] = []
    size = 0
    while True:
        message: Any = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            return messages, None
        chunk = message.get("body", b"")
        if chunk:
            chunks.append(chunk)
            size += len(chunk)
            if limit is not None and size > limit:
                return messages, None
        if not message.get("more_body", False):
            return messages, chunks[0] if len(chunks) == 1 else b"".join(chunks)


def replay(messages: list[Any], receive: Receive) -> Receive:
    """`receive` for the app: the messages read already, in order, then the rest from the server."""
    pending = iter(messages)

    async def replayed() -> Any:
        for message in pending:
            return message
        return await receive()

    return replayed


def _problem(scope: Scope, where: str) -> bytes:
    return json.dumps(
        {
            "type": TYPE_BASE + "invalid-character",
            "title": "Invalid character",
            "status": 400,
            "detail": f"The {where} contains a NUL character (\\u0000), which cannot be stored; remove it.",
            "instance": scope.get("path", ""),
        }
    ).encode()


def nul_in(scope: Scope) -> str | None:
    """Where the request's path or query string has a NUL character ("path", "query string"), or None."""
    query: bytes = scope.get("query_string", b"")
    if b"%00" in query or b"\x00" in query:
        return "query string"
    raw_path = (scope.get("raw_path") or b"").split(b"?", 1)[0]
    if "\x00" in scope.get("path", "") or b"%00" in raw_path:
        return "path"
    return None


class RejectNulMiddleware:
    """400 problem+json for a NUL character in the path, the query string or a JSON body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await self.app(scope, receive, send)
            return
        where = nul_in(scope)
        if where is not None:
            await self._refuse(scope, send, where)
            return
        content_type = scope_header(scope, b"content-type") or ""
        if "json" not in content_type.lower():
            await self.app(scope, receive, send)
            return
        messages, body = await read_body(receive)
        if body is not None and json_body_has_nul(body):
            await self._refuse(scope, send, "JSON body")
            return
        await self.app(scope, replay(messages, receive), send)

    @staticmethod
    async def _refuse(scope: Scope, send: Send, where: str) -> None:
        body = _problem(scope, where)
        start: Any = {
            "type": "http.response.start",
            "status": 400,
            "headers": [
                (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
                (b"content-length", str(len(body)).encode()),
            ],
        }
        await send(start)
        await send({"type": "http.response.body", "body": body, "more_body": False})


def _has_body(request: Request[Any, Any, Any]) -> bool:
    length = scope_header(request.scope, b"content-length")
    return bool(length and length.strip() != "0") or scope_header(request.scope, b"transfer-encoding") is not None


def refuse_unexpected_media_type(request: Request[Any, Any, Any]) -> None:
    """415 for a body in a media type the route does not read (text/plain to a JSON route), before the handler.

    Without it the framework parsed any body as JSON and answered 400 "JSON is malformed".
    """
    parameter = request.route_handler.parsed_fn_signature.parameters.get("data")
    if parameter is None or not _has_body(request):
        return
    expected = getattr(parameter.kwarg_definition, "media_type", None) or RequestEncodingType.JSON
    # From the scope: `request.headers` builds a multidict of every header (this runs on every request).
    sent = (scope_header(request.scope, b"content-type") or "").split(";", 1)[0].strip().lower()
    if expected == RequestEncodingType.JSON:
        # No media type at all is read as JSON (as before); a different one is refused.
        ok = not sent or sent == "application/json" or (sent.startswith("application/") and sent.endswith("+json"))
    else:
        ok = sent == str(expected.value if isinstance(expected, RequestEncodingType) else expected)
    if not ok:
        raise UnsupportedMediaType(
            f"This route reads {getattr(expected, 'value', expected)}; the body was sent as {sent or 'no media type'}."
        )


def answer_options(request: Request[Any, Any, Any]) -> Response[None] | None:
    """OPTIONS: 204 with every method the path answers to.

    Litestar's own answer lists only the methods of the first handler registered on a path (GET, OPTIONS for a
    path that also takes PUT), because later handlers on the same path rebuild the route but keep the first
    answer. One hook answers for every route from the route table instead.
    """
    if request.method != "OPTIONS":
        return None
    template = request.scope.get("path_template")
    methods: set[str] = {"OPTIONS"}
    for route in request.app.routes:
        if isinstance(route, HTTPRoute) and route.path_format == template:
            methods |= set(route.methods)
    return Response(None, status_code=204, headers={"Allow": ", ".join(sorted(methods))})


async def before_request(request: Request[Any, Any, Any]) -> Response[None] | None:
    """The app's before_request hook: OPTIONS answered from the route table; bodies in the wrong media type
    refused.

    Async although it awaits nothing: Litestar runs a sync hook in a worker thread, a trip per request.
    """
    answered = answer_options(request)
    if answered is not None:
        return answered
    refuse_unexpected_media_type(request)
    return None
