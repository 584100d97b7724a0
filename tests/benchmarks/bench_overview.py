"""The minister's overview page (`GET /overblik`, signed in as a viewer) against a bare Litestar endpoint
rendering the same template with fixed data (`bare_template_app.py`), served the same way in the same run.

    .venv/bin/python tests/benchmarks/bench_overview.py [--seconds 8] [--connections 8] [--postgres URL]
        [--server uvicorn|granian]

The database holds the built-in plan with the demo's sample reports (`tracker demo load`), so the page shows a
status report with approved reports. Each server has one worker pinned to CPU 1 (wrk on CPU 0). Target
(issue 16, item 5): the page >= 0.6 x the bare endpoint.

The tracker renders the page's main part once per period, language and day and keeps it with the report (nothing
in it is per person); only the layout is rendered per request. The third case bypasses that cache
(`overview_rendered_app.py`), so it renders the whole template on every request as the bare endpoint does.
"""

import argparse
import os
import shutil
import sys
import tempfile
import uuid
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlmodel import Session

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.harness import SERVERS, free_port, start, stop, wrk  # noqa: E402
from tracker.auth.models import Role  # noqa: E402
from tracker.db import create_db_engine  # noqa: E402
from tracker.settings import Settings  # noqa: E402
from tracker.users.service import add_user, start_session  # noqa: E402
from tracker.web.session import session_cookie_name  # noqa: E402

VIEWER = "vera@jm.dk"


def prepare(url: str) -> str:
    """Migrate, load the plan and the sample reports, add a viewer; return a Cookie header of their session."""
    from tracker.issued.cli import load_demo_data

    settings = Settings(database_url=url)
    load_demo_data(settings)
    engine = create_db_engine(settings)
    now = datetime.now(UTC)
    with Session(engine) as session:
        user = add_user(
            session, email=VIEWER, name="Vera Dahl", organisation_code="LIGE", role=Role.VIEWER, now=now, actor="bench"
        )
        secret = start_session(session, user, now=now, settings=settings)
        session.commit()
    engine.dispose()
    return f"{session_cookie_name(settings)}={secret}"


def run(label: str, url: str, seconds: int, connections: int, server: str) -> None:
    cookie = prepare(url)
    env = {
        **os.environ,
        "TRACKER_DATABASE_URL": url,
        "TRACKER_SCHEDULER_ENABLED": "false",
        "TRACKER_BENCH_VIEWER_EMAIL": VIEWER,
        "PYTHONPATH": str(ROOT),
    }
    results = []
    for name, target, headers in (
        ("bare template, fixed data", "tests.benchmarks.bare_template_app:create_app", {}),
        ("GET /overblik (viewer)", "tracker.app:create_app", {"Cookie": cookie}),
        ("  main part not cached", "tests.benchmarks.overview_rendered_app:create_app", {"Cookie": cookie}),
    ):
        port = free_port()
        proc = start(target, port, env, factory=True, server=server)
        try:
            results.append(
                (name, *wrk(f"http://127.0.0.1:{port}/overblik", seconds, connections, headers, server=proc))
            )
        finally:
            stop(proc)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\n{label}: {server} 1 worker, wrk -t1 -c{connections}, {seconds} s per case; load average {load}")
    print(f"{'case':28} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'ratio':>6} {'CPU us/req':>10} {'CPU ratio':>9}")
    base_rps, base_cpu = results[0][1], results[0][4]
    for name, rps, p50, p99, cpu in results:
        print(
            f"{name:28} {rps:8.0f} {p50:7.2f} {p99:7.2f} {rps / base_rps:6.2f} {cpu:10.0f} {base_cpu / max(cpu, 1e-9):9.2f}"
        )
    print("target: ratio >= 0.6 (issue 16, item 5)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--postgres", default=os.environ.get("TRACKER_TEST_POSTGRES_URL"))
    parser.add_argument("--server", choices=SERVERS, default="uvicorn")
    parser.add_argument("--skip-sqlite", action="store_true")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed (Debian: apt-get install wrk)")
    with tempfile.TemporaryDirectory() as tmp:
        if not args.skip_sqlite:
            run("SQLite", f"sqlite:///{Path(tmp) / 'bench.db'}", args.seconds, args.connections, args.server)
    if args.postgres:
        server = make_url(args.postgres).set(drivername="postgresql+psycopg")
        name = f"tracker_bench_{uuid.uuid4().hex[:6]}"
        admin = create_engine(server, isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            url = server.set(database=name).render_as_string(hide_password=False)
            run("PostgreSQL", url, args.seconds, args.connections, args.server)
        finally:
            with admin.connect() as c:
                c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


if __name__ == "__main__":
    main()
