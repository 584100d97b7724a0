"""What GET /jobs and `tracker jobs list` show: each job's schedule, next run and last run."""

from datetime import datetime
from typing import Any

from sqlmodel import Session

from tracker.jobs.registry import JOBS
from tracker.jobs.runs import last_runs
from tracker.jobs.schemas import JobPublic, JobRunPublic, JobsPublic, OutboxPublic
from tracker.mail.service import outbox_counts
from tracker.settings import Settings
from tracker.shapes import from_row


def list_jobs(
    session: Session,
    settings: Settings,
    *,
    now: datetime,
    live_next_runs: dict[str, datetime | None] | None = None,
    scheduler_state: dict[str, Any] | None = None,
) -> JobsPublic:
    """Every registered job; the next run comes from the live scheduler when this process leads, else the trigger."""
    runs = last_runs(session)
    live = live_next_runs or {}
    jobs = []
    for spec in JOBS:
        trigger = spec.trigger(settings)
        next_run = (
            live[spec.name] if spec.name in live else trigger.get_next_fire_time(None, now.astimezone(settings.tz))
        )
        last = runs.get(spec.name)
        jobs.append(
            JobPublic(
                name=spec.name,
                description=spec.description,
                schedule=spec.when.format(settings=settings) if spec.when else str(trigger),
                next_run_at=next_run,
                last_run=from_row(JobRunPublic, last, process=last.leader) if last else None,
            )
        )
    counts = outbox_counts(session, max_attempts=settings.mail_max_attempts)
    return JobsPublic(
        data=jobs,
        count=len(jobs),
        scheduler=scheduler_state or {"enabled": False},
        outbox=from_row(OutboxPublic, counts),
    )
