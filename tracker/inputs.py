"""Input no database can store, refused at the edge the same way on SQLite and PostgreSQL.

A NUL character in a path, a query string or a JSON body: PostgreSQL cannot store it in text (the driver
raised, a 500) and SQLite stored it silently. One ASGI middleware answers 400 problem+json before any
handler runs, so the two databases behave alike and no handler needs its own check.
"""

import json
import re
from typing import Any

from litestar.enums import ScopeType
from litestar.types import ASGIApp, Receive, Scope, Send

from tracker.errors import PROBLEM_MEDIA_TYPE, TYPE_BASE

# A JSON \u0000 escape that is not itself escaped (an even number of backslashes before it).
_JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000", re.IGNORECASE)


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


class RejectNulMiddleware:
    """400 problem+json for a NUL character in the path, the query string or a JSON body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await self.app(scope, receive, send)
            return
        query: bytes = scope.get("query_string", b"")
        if b"%00" in query or b"\x00" in query:
            await self._refuse(scope, send, "query string")
            return
        raw_path = (scope.get("raw_path") or b"").split(b"?", 1)[0]
        if "\x00" in scope.get("path", "") or b"%00" in raw_path:
            await self._refuse(scope, send, "path")
            return
        content_type = dict(scope.get("headers", [])).get(b"content-type", b"")
        if b"json" not in content_type.lower():
            await self.app(scope, receive, send)
            return
        messages: list[Any] = []
        body = bytearray()
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            body.extend(message.get("body", b""))
            if not message.get("more_body", False):
                break
        if b"\x00" in body or _JSON_NUL.search(body):
            await self._refuse(scope, send, "JSON body")
            return
        replay = iter(messages)

        async def replayed() -> Any:
            try:
                return next(replay)
            except StopIteration:
                return await receive()

        await self.app(scope, replayed, send)

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
