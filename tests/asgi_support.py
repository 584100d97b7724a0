"""A request as an HTTP server hands it to an ASGI app, for tests and in-process measurements that call the app
directly (the fast paths' byte-for-byte tests, `tests/benchmarks/inprocess_submission.py`)."""

from typing import Any


def http_scope(
    method: str,
    path: str,
    headers: list[tuple[bytes, bytes]],
    *,
    query: bytes = b"",
    host: str = "testserver",
    client: tuple[str, int] = ("testclient", 50000),
    port: int = 80,
) -> dict[str, Any]:
    """The scope of an HTTP/1.1 request: `headers` as sent (lower-case names), after a Host header for `host`."""
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query,
        "root_path": "",
        "headers": [(b"host", host.encode()), *headers],
        "client": client,
        "server": (host, port),
    }


def encoded(headers: dict[str, str]) -> list[tuple[bytes, bytes]]:
    """Headers as a server hands them on: lower-case names, bytes."""
    return [(name.lower().encode(), value.encode()) for name, value in headers.items()]
