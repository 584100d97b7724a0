"""Read API throughput against a bare Litestar JSON endpoint served the same way in the same run.

    .venv/bin/python tests/benchmarks/bench_read_api.py [--seconds 8] [--connections 32] [--postgres URL]

Each server runs as `uvicorn` (or `--server granian`) with one worker pinned to CPU 1 (wrk on CPU 0), as in
../shared/research/perf-and-deps.md. Target (issue 16): read endpoints >= 0.8 x the bare endpoint. Besides
requests per second, each line gives the server process's CPU time per request, which other work on a shared
machine disturbs much less.
"""

import argparse
import os
import shutil
import sys
import tempfile
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlmodel import Session

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from actionplan.loader import builtin_plan_data, load_plan  # noqa: E402
from tests.benchmarks.harness import SERVERS, free_port, start, stop, wrk  # noqa: E402
from tracker import migrate  # noqa: E402
from tracker.auth.service import create_token  # noqa: E402
from tracker.db import create_db_engine  # noqa: E402
from tracker.settings import Settings  # noqa: E402


def prepare(url: str) -> str:
    """Migrate, load the plan, return a viewer token's secret."""
    engine = create_db_engine(Settings(database_url=url))
    migrate.upgrade(engine)
    from datetime import UTC, datetime

    with Session(engine) as session:
        load_plan(session, builtin_plan_data())
        _token, secret = create_token(session, "LIGE", "viewer", now=datetime.now(UTC))
        session.commit()
    engine.dispose()
    return secret


def run(
    label: str, url: str, seconds: int, connections: int, server: str = "uvicorn"
) -> list[tuple[str, float, float, float, float]]:
    secret = prepare(url)
    env = {**os.environ, "TRACKER_DATABASE_URL": url, "TRACKER_SCHEDULER_ENABLED": "false", "PYTHONPATH": str(ROOT)}
    results = []
    bare_port, app_port = free_port(), free_port()
    bare = start("tests.benchmarks.bare_app:app", bare_port, env, factory=False, server=server)
    try:
        results.append(("bare JSON", *wrk(f"http://127.0.0.1:{bare_port}/json", seconds, connections, {}, server=bare)))
    finally:
        stop(bare)
    app = start("tracker.app:create_app", app_port, env, factory=True, server=server)
    auth = {"Authorization": f"Bearer {secret}"}
    try:
        for name, path in (("GET /initiatives", "/initiatives"), ("GET /initiatives/{code}", "/initiatives/MH22-2.1")):
            results.append((name, *wrk(f"http://127.0.0.1:{app_port}{path}", seconds, connections, auth, server=app)))
    finally:
        stop(app)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\n{label}: {server} 1 worker, wrk -t1 -c{connections}, {seconds} s per endpoint; load average {load}")
    base_rps, base_cpu = results[0][1], results[0][4]
    print(f"{'endpoint':26} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'ratio':>6} {'CPU us/req':>10} {'CPU ratio':>9}")
    for name, rps, p50, p99, cpu in results:
        print(
            f"{name:26} {rps:8.0f} {p50:7.2f} {p99:7.2f} {rps / base_rps:6.2f} {cpu:10.0f} {base_cpu / max(cpu, 1e-9):9.2f}"
        )
    print("target: ratio >= 0.8 (issue 16); CPU ratio = the bare server's CPU time per request / the tracker's")
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--postgres", default=os.environ.get("TRACKER_TEST_POSTGRES_URL"))
    parser.add_argument("--server", choices=SERVERS, default="uvicorn", help="the HTTP server for both apps")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed (Debian: apt-get install wrk)")
    with tempfile.TemporaryDirectory() as tmp:
        run("SQLite", f"sqlite:///{Path(tmp) / 'bench.db'}", args.seconds, args.connections, args.server)
    if args.postgres:
        server = make_url(args.postgres).set(drivername="postgresql+psycopg")
        name = f"tracker_bench_{uuid.uuid4().hex[:6]}"
        admin = create_engine(server, isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            run(
                "PostgreSQL",
                server.set(database=name).render_as_string(hide_password=False),
                args.seconds,
                args.connections,
                args.server,
            )
        finally:
            with admin.connect() as c:
                c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
