"""Report submission throughput and latency with 50 concurrent clients, beside two baselines.

    .venv/bin/python tests/benchmarks/bench_reporting.py [--seconds 8] [--connections 50] [--postgres URL]

Per database (SQLite, then PostgreSQL when a server URL is given or TRACKER_TEST_POSTGRES_URL is set), each
case runs in its own `uvicorn` process (one worker, CPU 1) on 127.0.0.1, driven by `wrk` (CPU 0):

- A: a bare Litestar JSON endpoint (no database);
- B: a bare endpoint inserting one row through SQLAlchemy into the same database (the floor for any write);
- submission: `PUT /initiatives/MH22-2.1/reports/{period}` as Reden's reporter token, creating a draft with
  an indicator value: a report row, its value, an audit event, in one transaction, after bearer-token checks,
  validation (CPR screening included) and the workflow rules. Every request writes a new report, in one of
  the synthetic periods the script adds to the plan beforehand, so no two requests contend for one report.

Prints req/s, p50, p99 and the ratio submission / B. Targets (issue 16): ratio >= 0.6, p99 <= 2x B's p99. Loopback only,
bounded by --seconds per case and by the number of prepared periods.
"""

import argparse
import json
import os
import shutil
import sys
import tempfile
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import create_engine, insert, select, text
from sqlalchemy.engine import make_url
from sqlmodel import Session

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from actionplan.loader import builtin_plan_data, load_plan  # noqa: E402
from actionplan.models import Plan, ReportingPeriod  # noqa: E402
from tests.benchmarks.harness import SERVERS, free_port, start, stop, wrk  # noqa: E402
from tracker import migrate  # noqa: E402
from tracker.auth.service import create_token  # noqa: E402
from tracker.db import create_db_engine  # noqa: E402
from tracker.settings import Settings  # noqa: E402

REPORT = {
    "status": "on_track",
    "narrative": "Both shelters open all period; 38 women housed.",
    "next_steps": "Renew the lease of the second site.",
    "spent_dkk": 1250000,
    "indicator_values": [{"indicator": "MH22-2.1-I1", "value": 87.5, "comment": "average"}],
}
ROW = {"status": "on_track", "narrative": REPORT["narrative"], "value": 87.5}
PERIODS_PER_RUN = 60_000


def prepare(url: str) -> str:
    """Migrate, load the plan, add synthetic open periods; return a REDEN reporter token's secret."""
    engine = create_db_engine(Settings(database_url=url))
    migrate.upgrade(engine)
    with Session(engine) as session:
        load_plan(session, builtin_plan_data())
        plan_id = session.execute(select(Plan.id)).scalar_one()
        rows = [
            {
                "plan_id": plan_id,
                "label": f"{prefix}{n:06d}",
                "starts": date(2025, 7, 1),
                "ends": date(2025, 12, 31),
                "due": date(2030, 1, 31),
                "state": "open",
            }
            for prefix, count in (("W", PERIODS_PER_RUN // 4), ("B", PERIODS_PER_RUN))
            for n in range(1, count + 1)
        ]
        session.execute(insert(ReportingPeriod), rows)
        _token, secret = create_token(session, "REDEN", "reporter", now=datetime.now(UTC), label="benchmark")
        session.commit()
    engine.dispose()
    return secret


LUA = """
counter = 0
prefix = "{prefix}"
wrk.method = "{method}"
wrk.body = [[{body}]]
wrk.headers["Content-Type"] = "application/json"
request = function()
  counter = counter + 1
  return wrk.format(nil, string.format("{path}", prefix, counter))
end
"""


def wrk_script(tmp: Path, method: str, path: str, body: dict[str, object]) -> tuple[Path, Path]:
    """Two Lua scripts (warm-up and measured run) with their own period prefixes."""
    scripts = []
    for prefix in ("W", "B"):
        script = tmp / f"{method}-{prefix}-{uuid.uuid4().hex[:4]}.lua"
        script.write_text(LUA.format(prefix=prefix, method=method, body=json.dumps(body), path=path))
        scripts.append(script)
    return scripts[0], scripts[1]


def run(label: str, url: str, seconds: int, connections: int, tmp: Path, server_name: str = "uvicorn") -> None:
    secret = prepare(url)
    env = {
        **os.environ,
        "TRACKER_DATABASE_URL": url,
        "TRACKER_SCHEDULER_ENABLED": "false",
        "TRACKER_ENVIRONMENT": "test",
        "PYTHONPATH": str(ROOT),
    }
    results: list[tuple[str, float, float, float, float]] = []

    def measure(name: str, target: str, factory: bool, path: str, headers: dict[str, str], script=None) -> None:  # type: ignore[no-untyped-def]
        port = free_port()
        server = start(target, port, env, factory=factory, server=server_name)
        try:
            url = f"http://127.0.0.1:{port}{path}"
            results.append((name, *wrk(url, seconds, connections, headers, script, server=server)))
        finally:
            stop(server)

    measure("A: bare JSON", "tests.benchmarks.bare_app:app", False, "/json", {})
    insert_scripts = wrk_script(tmp, "POST", "/rows?n=%s%d", ROW)
    measure("B: bare one-row insert", "tests.benchmarks.bare_insert_app:create_app", True, "/rows", {}, insert_scripts)
    submit_scripts = wrk_script(tmp, "PUT", "/initiatives/MH22-2.1/reports/%s%06d", REPORT)
    auth = {"Authorization": f"Bearer {secret}"}
    measure("submission (PUT new draft)", "tracker.app:create_app", True, "/", auth, submit_scripts)

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"\n{label}: {server_name} 1 worker (CPU 1), wrk -t1 -c{connections} (CPU 0), {seconds} s per case; "
        f"load average {load}"
    )
    print(f"{'case':30} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'CPU us/req':>10}")
    for name, rps, p50, p99, cpu in results:
        print(f"{name:30} {rps:9.0f} {p50:8.2f} {p99:8.2f} {cpu:10.0f}")
    ratio = results[2][1] / results[1][1]
    print(f"CPU per request, submission / one-row insert: {results[2][4] / max(results[1][4], 1e-9):.2f}x")
    p99 = results[2][3]
    floor_p99 = results[1][3]
    print(
        f"ratio submission / one-row insert: {ratio:.2f} (target >= 0.6); submission p99 {p99:.1f} ms = "
        f"{p99 / floor_p99:.1f}x the insert's {floor_p99:.1f} ms (target <= 2x)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--postgres", default=os.environ.get("TRACKER_TEST_POSTGRES_URL"))
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--server", choices=SERVERS, default="uvicorn", help="the HTTP server for every case")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed (Debian: apt-get install wrk)")
    with tempfile.TemporaryDirectory() as tmp:
        if not args.skip_sqlite:
            run("SQLite", f"sqlite:///{Path(tmp) / 'bench.db'}", args.seconds, args.connections, Path(tmp), args.server)
        if args.postgres:
            server = make_url(args.postgres).set(drivername="postgresql+psycopg")
            name = f"tracker_bench_{uuid.uuid4().hex[:6]}"
            admin = create_engine(server, isolation_level="AUTOCOMMIT")
            with admin.connect() as c:
                c.execute(text(f'CREATE DATABASE "{name}"'))
            try:
                url = server.set(database=name).render_as_string(hide_password=False)
                run("PostgreSQL", url, args.seconds, args.connections, Path(tmp), args.server)
            finally:
                with admin.connect() as c:
                    c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                admin.dispose()


if __name__ == "__main__":
    main()
