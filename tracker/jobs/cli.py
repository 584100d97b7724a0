"""`tracker jobs list`, `tracker jobs run NAME [--now ISO]` and `tracker scheduler` (a dedicated scheduler process)."""

import argparse
import json
import signal
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from rich.table import Table
from sqlmodel import Session

from tracker.console import console, err
from tracker.db import create_db_engine
from tracker.jobs import service
from tracker.jobs.registry import JOBS
from tracker.jobs.runs import UnknownJob, run_job
from tracker.jobs.scheduler import JobScheduler, process_identity
from tracker.mail.sender import deliver_due
from tracker.settings import Settings


def _parse_now(value: str | None) -> datetime | None:
    if value is None:
        return None
    moment = datetime.fromisoformat(value)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def _clock(start: datetime | None) -> Callable[[], datetime]:
    """The system clock, or one that starts at `start` and runs on from there (drills and tests)."""
    if start is None:
        return lambda: datetime.now(UTC)
    origin = time.monotonic()
    return lambda: start + (datetime.fromtimestamp(time.monotonic() - origin, UTC) - datetime.fromtimestamp(0, UTC))


def _local(moment: datetime | None, settings: Settings) -> str:
    return moment.astimezone(settings.tz).strftime("%Y-%m-%d %H:%M") if moment else ""


def cmd_jobs_list(args: argparse.Namespace, settings: Settings) -> int:
    engine = create_db_engine(settings)
    with Session(engine) as session:
        jobs = service.list_jobs(session, settings, now=datetime.now(UTC))
    table = Table("job", "schedule", "next run", "last run", "result")
    for job in jobs.data:
        last = job.last_run
        outcome = "" if last is None else ("ok" if last.ok else f"failed: {last.error[:60]}")
        table.add_row(
            job.name,
            job.schedule,
            _local(job.next_run_at, settings),
            _local(last.started_at, settings) if last else "never",
            outcome,
        )
    console.print(table)
    box = jobs.outbox
    console.print(
        f"outbox: {box.waiting} waiting, {box.retrying} retrying, {box.sent} sent, {box.given_up} given up, "
        f"{box.refused} refused"
    )
    engine.dispose()
    return 0


def cmd_jobs_run(args: argparse.Namespace, settings: Settings) -> int:
    engine = create_db_engine(settings)
    now = _parse_now(args.now) or datetime.now(UTC)
    output: dict[str, Any] = {"job": args.name, "now": now.isoformat()}
    try:
        run = run_job(args.name, engine, settings, now=now, runner=process_identity(), trigger="cli")
        output["result"] = run.result
        # Mail the job queued is dated `now`; a replay with --now in the future would otherwise wait until
        # then, so it is delivered here with the same clock (unless --no-send).
        if run.ok and args.name != "send_mail" and not args.no_send:
            output["mail"] = deliver_due(engine, settings, now=now).as_dict()
    except UnknownJob as exc:
        err.print(f"[red]error:[/] {exc}")
        return 2
    finally:
        engine.dispose()
    if not run.ok:
        err.print(f"[red]job {args.name} failed:[/] {run.error}")
        return 1
    print(json.dumps(output, indent=2, ensure_ascii=False))
    return 0


def cmd_scheduler(args: argparse.Namespace, settings: Settings) -> int:
    """Run the jobs in this process until SIGTERM/SIGINT; with several of them, one leads and the others wait."""
    from tracker.logs import configure_logging

    configure_logging(settings)
    engine = create_db_engine(settings)
    scheduler = JobScheduler(engine, settings, _clock(_parse_now(args.now)))
    stopping = threading.Event()

    def stop(_signum: int, _frame: Any) -> None:
        stopping.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    scheduler.start()
    console.print(f"scheduler {scheduler.identity} started; waiting for leadership (Ctrl-C stops)", highlight=False)
    try:
        stopping.wait()
    finally:
        scheduler.stop()
        engine.dispose()
    console.print("scheduler stopped")
    return 0


def register(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    from tracker.mail.cli import register as register_mail

    register_mail(sub)
    jobs = sub.add_parser("jobs", help="scheduled jobs").add_subparsers(dest="jobs_command", required=True)
    jobs.add_parser("list", help="each job's schedule, next and last run").set_defaults(handler=cmd_jobs_list)
    run = jobs.add_parser("run", help="run one job once, now")
    run.add_argument("name", choices=[spec.name for spec in JOBS])
    run.add_argument("--now", help="pretend it is this moment (ISO 8601, UTC unless an offset is given)")
    run.add_argument(
        "--no-send", action="store_true", help="leave the mail the job queued in the outbox (default: deliver it now)"
    )
    run.set_defaults(handler=cmd_jobs_run)
    scheduler = sub.add_parser(
        "scheduler", help="run the scheduled jobs as a dedicated process (leader-elected on PostgreSQL)"
    )
    scheduler.add_argument("--now", help="start the clock at this moment (drills and tests)")
    scheduler.set_defaults(handler=cmd_scheduler)
