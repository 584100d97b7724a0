"""Report submission in process: the ASGI apps called directly (no server, no sockets), CPU per request.

    .venv/bin/python tests/benchmarks/inprocess_submission.py [--batches 8] [--size 500] [--clients 1]
        [--postgres URL] [--steps] [--loop-profile FILE] [--worker-profile FILE]

The tracker's `PUT /initiatives/MH22-2.1/reports/{period}` (bench_reporting.py's request) and the bare
one-row insert (`bare_insert_app.py`) in one process, batch by batch alternating, each request a new
report; prints the process CPU time per request (all threads: the event loop and the worker threads) of the
best batch, the event loop's and the worker threads' shares, and the ratio. `--steps` times the submission's
steps in the worker thread (thread CPU, inclusive); `--loop-profile` and `--worker-profile` write cProfile
statistics of the tracker's batches for the event loop thread and for the worker thread's part.
"""

import argparse
import asyncio
import collections
import cProfile
import json
import logging
import os
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.asgi_support import http_scope  # noqa: E402
from tests.benchmarks.bench_reporting import REPORT, ROW, prepare  # noqa: E402


async def call(app: Any, method: str, path: str, body: bytes, headers: list[tuple[bytes, bytes]]) -> int:
    """One request through the ASGI app; its status."""
    scope = http_scope(
        method,
        path,
        [(b"content-length", str(len(body)).encode()), *headers],
        host="127.0.0.1",
        client=("127.0.0.1", 50000),
        port=8000,
    )
    scope["state"] = {}
    status = 0
    # As granian (`tracker serve`'s server) delivers a body: whole, then an empty last message.
    pending = [
        {"type": "http.request", "body": body, "more_body": True},
        {"type": "http.request", "body": b"", "more_body": False},
    ]

    async def receive() -> dict[str, Any]:
        if pending:
            return pending.pop(0)
        await asyncio.sleep(3600)
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    await app(scope, receive, send)
    return status


async def lifespan(app: Any) -> None:
    queue: asyncio.Queue[dict[str, str]] = asyncio.Queue()
    await queue.put({"type": "lifespan.startup"})
    done = asyncio.Event()

    async def send(message: dict[str, Any]) -> None:
        if message["type"].startswith("lifespan.startup"):
            done.set()

    asyncio.get_running_loop().create_task(app({"type": "lifespan", "asgi": {"version": "3.0"}}, queue.get, send))
    await done.wait()


async def batch(app: Any, requests: list[tuple[str, str, bytes, list[tuple[bytes, bytes]]]], clients: int) -> float:
    """CPU seconds per request of a batch, `clients` at a time."""
    queue = collections.deque(requests)

    async def client() -> None:
        while queue:
            method, path, body, headers = queue.popleft()
            status = await call(app, method, path, body, headers)
            if status >= 300:
                raise RuntimeError(f"{method} {path}: {status}")

    started, loop_started = time.process_time(), time.thread_time()
    await asyncio.gather(*(client() for _ in range(clients)))
    LOOP_CPU.append((time.thread_time() - loop_started) / len(requests))
    return (time.process_time() - started) / len(requests)


LOOP_CPU: list[float] = []
STEPS: collections.Counter[str] = collections.Counter()
TIMING = threading.Event()


def timed(module: Any, name: str, label: str | None = None) -> None:
    """Wrap module.name so that its thread CPU time is added to STEPS[label] while TIMING is set."""
    original = getattr(module, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not TIMING.is_set():
            return original(*args, **kwargs)
        started = time.thread_time()
        try:
            return original(*args, **kwargs)
        finally:
            STEPS[label or name] += time.thread_time() - started

    setattr(module, name, wrapper)


def instrument() -> None:
    """Per-step timers on the submission's path (thread CPU time, inclusive)."""
    from sqlmodel import Session

    from tracker.progress import controllers, idempotency, service, views
    from tracker.progress import schemas as s

    timed(controllers, "run_idempotent", "handler: run_idempotent (service + answer model)")
    timed(service, "load_context", "service: context SELECT")
    timed(service, "validate_content", "service: indicators")
    timed(service, "insert_new_report", "service: INSERT report, value and audit event")
    timed(service, "snapshot", "service: audit snapshot")
    timed(service, "event_row", "service: audit event row")
    timed(service, "apply_milestones", "service: milestones")
    timed(views, "to_public", "handler: answer model")
    timed(Session, "commit", "handler: commit")
    timed(s.ReportInput, "model_dump", "handler: model_dump")
    del idempotency


async def main_async(args: argparse.Namespace, url: str) -> None:
    os.environ.update(
        {"TRACKER_DATABASE_URL": url, "TRACKER_SCHEDULER_ENABLED": "false", "TRACKER_ENVIRONMENT": "test"}
    )
    secret = prepare(url)
    if args.steps:
        instrument()
    worker_profile = cProfile.Profile(time.thread_time)
    if args.worker_profile:
        from tracker import deps

        original = deps._run_and_commit

        def profiled(*a: Any) -> Any:
            if not TIMING.is_set():
                return original(*a)
            worker_profile.enable()
            try:
                return original(*a)
            finally:
                worker_profile.disable()

        deps._run_and_commit = profiled  # type: ignore[assignment]
    from tests.benchmarks import bare_insert_app
    from tracker.app import create_app

    tracker = create_app()
    bare = bare_insert_app.create_app()
    await lifespan(tracker)
    await lifespan(bare)
    # As under the benchmark's server: no handler on the root logger, WARNING (the bare app's Litestar
    # logging configuration would otherwise print the tracker's access lines).
    root = logging.getLogger()
    root.handlers.clear()
    root.setLevel(logging.WARNING)
    auth = [(b"authorization", f"Bearer {secret}".encode()), (b"content-type", b"application/json")]
    report = json.dumps(REPORT).encode()
    row = json.dumps(ROW).encode()
    counter = 0

    def submissions(n: int) -> list[tuple[str, str, bytes, list[tuple[bytes, bytes]]]]:
        nonlocal counter
        out = []
        for _ in range(n):
            counter += 1
            out.append(("PUT", f"/initiatives/MH22-2.1/reports/B{counter:06d}", report, auth))
        return out

    inserts = [("POST", "/rows", row, [(b"content-type", b"application/json")])] * args.size
    await batch(tracker, submissions(100), args.clients)
    await batch(bare, inserts[:100], args.clients)
    best_t, best_b = float("inf"), float("inf")
    best_loop_t = best_loop_b = 0.0
    timed_requests = 0
    loop_profile = cProfile.Profile(time.thread_time)
    for _ in range(args.batches):
        cost = await batch(bare, inserts, args.clients)
        if cost < best_b:
            best_b, best_loop_b = cost, LOOP_CPU[-1]
        if args.steps or args.worker_profile:
            TIMING.set()
            timed_requests += args.size
        if args.loop_profile:
            loop_profile.enable()
        cost = await batch(tracker, submissions(args.size), args.clients)
        if args.loop_profile:
            loop_profile.disable()
        TIMING.clear()
        if cost < best_t:
            best_t, best_loop_t = cost, LOOP_CPU[-1]
    print(
        f"event loop thread: submission {best_loop_t * 1e6:.0f} us, insert {best_loop_b * 1e6:.0f} us; "
        f"worker threads: submission {(best_t - best_loop_t) * 1e6:.0f} us, insert {(best_b - best_loop_b) * 1e6:.0f} us"
    )
    if args.loop_profile:
        loop_profile.dump_stats(args.loop_profile)
    if args.worker_profile:
        worker_profile.dump_stats(args.worker_profile)
    for label, seconds in sorted(STEPS.items()):
        print(f"  {label:50} {seconds / timed_requests * 1e6:6.0f} us")
    print(
        f"{url.split(':')[0]}: {args.clients} client(s), best of {args.batches} x {args.size}: submission "
        f"{best_t * 1e6:.0f} us CPU, one-row insert {best_b * 1e6:.0f} us; ratio {best_b / best_t:.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--batches", type=int, default=8)
    parser.add_argument("--size", type=int, default=500)
    parser.add_argument("--clients", type=int, default=1)
    parser.add_argument("--postgres", default=None)
    parser.add_argument("--loop-profile", default=None, help="cProfile of the event loop thread (pstats file)")
    parser.add_argument("--worker-profile", default=None, help="cProfile of the submission's worker-thread part")
    parser.add_argument("--steps", action="store_true", help="per-step thread CPU time (adds a little)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.postgres:
            from sqlalchemy import create_engine, text
            from sqlalchemy.engine import make_url

            server = make_url(args.postgres).set(drivername="postgresql+psycopg")
            name = f"tracker_inproc_{uuid.uuid4().hex[:6]}"
            admin = create_engine(server, isolation_level="AUTOCOMMIT")
            with admin.connect() as c:
                c.execute(text(f'CREATE DATABASE "{name}"'))
            try:
                asyncio.run(main_async(args, server.set(database=name).render_as_string(hide_password=False)))
            finally:
                with admin.connect() as c:
                    c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                admin.dispose()
        else:
            asyncio.run(main_async(args, f"sqlite:///{Path(tmp) / 'bench.db'}"))


if __name__ == "__main__":
    main()
