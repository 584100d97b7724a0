"""Per request: an `X-Request-ID` (the client's, when it is a sane one, or a new one), echoed on the answer and
written in the request's log line; and the limit on failed token checks from one client.

The log line (logger `tracker.access`, one per request, replacing uvicorn's access line):
`GET /plans 200 3 ms request_id=5f0c6b1e...`. Lines logged while the request runs carry the id too (`%(request_id)s`
in JSON logs).
"""

import logging
import os
import re
import time
from collections import deque
from contextvars import ContextVar
from typing import Any

from litestar.datastructures import MutableScopeHeaders
from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send

HEADER = "X-Request-ID"
_HEADER_KEY = HEADER.lower().encode()
_VALID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
current_request_id: ContextVar[str | None] = ContextVar("request_id", default=None)
access_log = logging.getLogger("tracker.access")


def request_id_for(supplied: str | None) -> str:
    """The client's id when it is 1-128 letters, digits or `._:-`; otherwise a new one (32 hex digits)."""
    if supplied and _VALID.match(supplied):
        return supplied
    return os.urandom(16).hex()


def scope_header(scope: Scope, name: bytes) -> str | None:
    """The first value of a request header (`name` in lower case), read from the ASGI scope.

    Cheaper than `request.headers` on the hot paths, which builds a multidict of every header.
    """
    for key, value in scope.get("headers", ()):
        if key == name or key.lower() == name:
            return str(value.decode("latin-1"))
    return None


class RequestIdFilter(logging.Filter):
    """Puts the current request's id on every log record (None outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id.get()
        return True


class RequestIdMiddleware:
    """Outermost middleware: the id in the scope's state, on the response, and in the log line."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await self.app(scope, receive, send)
            return
        request_id = request_id_for(scope_header(scope, b"x-request-id"))
        scope.setdefault("state", {})["request_id"] = request_id
        token = current_request_id.set(request_id)
        started = time.perf_counter()
        status: list[int] = [500]

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception as exc:
            # Refusals raised inside (401 from the token check) are answered by Litestar's handler outside
            # this middleware: log the status they will get, not 500.
            status[0] = getattr(exc, "status_code", 500)
            raise
        finally:
            log_access(scope, status[0], started, request_id)
            current_request_id.reset(token)


def log_access(scope: Scope, status: int, started: float, request_id: str) -> None:
    """The request's line in the access log (`started` from time.perf_counter())."""
    elapsed = (time.perf_counter() - started) * 1000
    access_log.info(
        "%s %s %d %.0f ms request_id=%s", scope.get("method", "?"), scope.get("path", ""), status, elapsed, request_id
    )


async def add_request_id(message: Message, scope: Scope) -> None:
    """The app's before_send hook: every answer carries the id, also those given before any middleware ran
    (404 and 405 from routing)."""
    if message["type"] != "http.response.start" or scope.get("type") != ScopeType.HTTP:
        return
    state = scope.setdefault("state", {})
    request_id = state.get("request_id")
    if request_id is None:
        request_id = request_id_for(scope_header(scope, b"x-request-id"))
        state["request_id"] = request_id
        access_log.info(
            "%s %s %d request_id=%s", scope.get("method", "?"), scope.get("path", ""), message["status"], request_id
        )
    headers = message.get("headers")
    if isinstance(headers, list) and not any(name.lower() == _HEADER_KEY for name, _value in headers):
        # The common case, without building a MutableScopeHeaders per answer.
        headers.append((_HEADER_KEY, request_id.encode("latin-1")))
    else:
        MutableScopeHeaders.from_message(message)[HEADER] = request_id


class FailedTokenLimiter:
    """Counts failed token checks per client; past `limit` within `window` seconds, the client waits.

    In this process's memory (several processes each count their own; a proxy's limit adds to it).
    """

    def __init__(self, limit: int, window: float = 60.0, clock: Any = time.monotonic) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._failures: dict[str, deque[float]] = {}

    def _recent(self, client: str) -> deque[float]:
        now = self._clock()
        failures = self._failures.setdefault(client, deque())
        while failures and failures[0] <= now - self.window:
            failures.popleft()
        if not failures:
            self._failures.pop(client, None)
        return failures

    def retry_after(self, client: str) -> int | None:
        """Seconds the client must wait, or None when it may try."""
        if self.limit <= 0 or client not in self._failures:
            return None
        failures = self._recent(client)
        if len(failures) < self.limit:
            return None
        return max(1, int(failures[0] + self.window - self._clock()) + 1)

    def failed(self, client: str) -> None:
        if self.limit > 0:
            if len(self._failures) > 10_000:  # a flood of addresses: forget the oldest state rather than grow
                self._failures.clear()
            self._failures.setdefault(client, deque()).append(self._clock())

    def headers(self, client: str) -> dict[str, str]:
        failures = self._recent(client)
        reset = int(failures[0] + self.window - self._clock()) + 1 if failures else int(self.window)
        return {
            "Retry-After": str(max(1, reset)),
            "RateLimit-Limit": str(self.limit),
            "RateLimit-Remaining": str(max(0, self.limit - len(failures))),
            "RateLimit-Reset": str(max(1, reset)),
            "RateLimit-Policy": f"{self.limit}; w={int(self.window)}",
        }
