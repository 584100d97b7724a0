"""Running a job once and recording the run (JobRun) for GET /jobs and `tracker jobs list`."""

import json
import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, delete, func
from sqlmodel import Session, col, select

from tracker.db import session_scope
from tracker.jobs.models import JobRun
from tracker.jobs.registry import JOBS, JobSpec
from tracker.mail.service import as_utc
from tracker.settings import Settings

log = logging.getLogger(__name__)
RUN_RETENTION = timedelta(days=30)


class UnknownJob(LookupError):
    pass


def get_spec(name: str) -> JobSpec:
    for spec in JOBS:
        if spec.name == name:
            return spec
    raise UnknownJob(f"no job named {name!r}; known: {', '.join(s.name for s in JOBS)}")


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))


def run_job(
    name: str, engine: Engine, settings: Settings, *, now: datetime, runner: str, trigger: str = "schedule"
) -> JobRun:
    """Run one job now, recording start and outcome; an exception is recorded (and logged), never raised."""
    spec = get_spec(name)
    started = as_utc(now)
    with session_scope(engine) as session:
        run = JobRun(job=name, started_at=started, leader=runner[:120], trigger=trigger)
        session.add(run)
        session.flush()
        run_id = run.id
    clock_start = time.monotonic()
    ok = True
    result: dict[str, Any] | None = None
    error = ""
    try:
        result = _jsonable(spec.run(engine, settings, now=now))
    except Exception as exc:
        log.exception("job %s failed", name)
        ok = False
        error = f"{exc.__class__.__name__}: {exc}"[:2000]
    with session_scope(engine) as session:
        stored = session.get(JobRun, run_id)
        assert stored is not None
        # The job's clock may be pinned (tests, drills): finish = start + the time the run really took.
        stored.finished_at = started + timedelta(seconds=time.monotonic() - clock_start)
        stored.ok = ok
        stored.result = result
        stored.error = error
        session.add(stored)
        session.execute(delete(JobRun).where(col(JobRun.job) == name, col(JobRun.started_at) < started - RUN_RETENTION))
    return stored


@dataclass(frozen=True)
class LastRun:
    started_at: datetime
    finished_at: datetime | None
    ok: bool | None
    result: dict[str, Any] | None
    error: str
    leader: str
    trigger: str


def last_runs(session: Session) -> dict[str, LastRun]:
    """The newest run of each job."""
    newest = select(JobRun.job, func.max(JobRun.id).label("id")).group_by(col(JobRun.job)).subquery()
    rows = session.exec(select(JobRun).join(newest, col(JobRun.id) == newest.c.id)).all()
    return {
        run.job: LastRun(
            started_at=as_utc(run.started_at),
            finished_at=as_utc(run.finished_at) if run.finished_at else None,
            ok=run.ok,
            result=run.result,
            error=run.error,
            leader=run.leader,
            trigger=run.trigger,
        )
        for run in rows
    }
