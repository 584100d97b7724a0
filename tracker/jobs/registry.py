"""Every scheduled job, registered in this one place: name, what it does, when it runs, and its function.

Job functions live beside what they serve and take (engine, settings, *, now); each opens its own sessions.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import Engine

from tracker.audit.service import record
from tracker.db import session_scope
from tracker.jobs.briefings import send_briefings
from tracker.jobs.escalation import escalate
from tracker.jobs.reminders import send_reminders
from tracker.mail.sender import deliver_due
from tracker.settings import Settings

JobFunction = Callable[..., dict[str, Any]]


@dataclass(frozen=True)
class JobSpec:
    name: str
    description: str
    function: JobFunction
    trigger: Callable[[Settings], BaseTrigger]
    # When it runs, in words ("daily 07:00", may use {settings.x}); the time zone is the service's.
    when: str = ""

    def run(self, engine: Engine, settings: Settings, *, now: datetime) -> dict[str, Any]:
        return self.function(engine, settings, now=now)


def send_mail(engine: Engine, settings: Settings, *, now: datetime) -> dict[str, Any]:
    """Deliver due mail from the outbox."""
    return deliver_due(engine, settings, now=now).as_dict()


def autolock_periods(engine: Engine, settings: Settings, *, now: datetime) -> dict[str, Any]:
    """Lock reporting periods whose due date is more than `period_autolock_days` ago (the progress service decides)."""
    # Imported here so a broken progress module fails this job only, not the scheduler.
    from tracker.progress.service import autolock_periods as lock_old_periods

    with session_scope(engine) as session:
        locked = lock_old_periods(session, now=now, settings=settings)
    return {"locked": locked}


def purge_idempotency_keys(engine: Engine, settings: Settings, *, now: datetime) -> dict[str, Any]:
    """Delete Idempotency-Key records past their retention (a retry after that is a new request)."""
    from tracker.progress.idempotency import purge_idempotency_keys as purge

    with session_scope(engine) as session:
        return {"deleted": purge(session, now=now)}


def purge_import_batches(engine: Engine, settings: Settings, *, now: datetime) -> dict[str, Any]:
    """Delete dry-run and rejected import batches (with their annotated copies) past TRACKER_IMPORT_RETENTION_DAYS."""
    from tracker.imports.service import purge_batches

    with session_scope(engine) as session:
        return {"deleted": purge_batches(session, now=now, retention_days=settings.import_retention_days)}


def purge_web_leftovers(engine: Engine, settings: Settings, *, now: datetime) -> dict[str, Any]:
    """Delete expired web sessions, spent or expired sign-in links, and pending uploads past their expiry."""
    from tracker.imports.pending import purge_pending
    from tracker.users.service import purge_expired

    with session_scope(engine) as session:
        deleted = purge_expired(session, now=now, settings=settings)
        deleted["pending_uploads"] = purge_pending(session, now=now)
        if any(deleted.values()):
            record(
                session,
                actor="scheduler",
                action="web.purge",
                entity="web_session",
                entity_key="*",
                at=now,
                after=dict(deleted),
            )
        return deleted


def _daily(hour: int, minute: int) -> Callable[[Settings], BaseTrigger]:
    return lambda settings: CronTrigger(hour=hour, minute=minute, timezone=settings.tz)


JOBS: list[JobSpec] = [
    JobSpec(
        "send_mail",
        "Deliver due mail from the outbox through SMTP (retries with backoff).",
        send_mail,
        lambda settings: IntervalTrigger(seconds=settings.mail_send_interval_seconds, timezone=settings.tz),
        "every {settings.mail_send_interval_seconds} s",
    ),
    JobSpec(
        "reminders",
        "Before each open period's due date (TRACKER_REMINDER_DAYS): one digest per organisation with missing reports.",
        send_reminders,
        _daily(7, 0),
        "daily 07:00",
    ),
    JobSpec(
        "escalation",
        "After the due date: the organisation again, then the secretariat; returned reports left unanswered.",
        escalate,
        _daily(7, 15),
        "daily 07:15",
    ),
    JobSpec(
        "briefings",
        "Status report snapshot and mail to the minister's office after each period and on the first working day "
        "of each month.",
        send_briefings,
        _daily(6, 30),
        "daily 06:30",
    ),
    JobSpec(
        "autolock_periods",
        "Lock reporting periods long past their due date (TRACKER_PERIOD_AUTOLOCK_DAYS).",
        autolock_periods,
        _daily(2, 0),
        "daily 02:00",
    ),
    JobSpec(
        "purge_idempotency_keys",
        "Delete Idempotency-Key records past their retention.",
        purge_idempotency_keys,
        _daily(3, 0),
        "daily 03:00",
    ),
    JobSpec(
        "purge_import_batches",
        "Delete dry-run and rejected import batches past TRACKER_IMPORT_RETENTION_DAYS.",
        purge_import_batches,
        _daily(3, 30),
        "daily 03:30",
    ),
    JobSpec(
        "purge_web_leftovers",
        "Delete expired web sessions, spent or expired sign-in links, and web uploads not confirmed in time "
        "(TRACKER_IMPORT_PENDING_MINUTES).",
        purge_web_leftovers,
        lambda settings: IntervalTrigger(hours=1, timezone=settings.tz),
        "every hour",
    ),
]
