"""GET /health: is the database reachable, writable and its schema current; is mail flowing; did a job fail.

Three answers: "ok"; "degraded" (200: the service answers, but an operator should look; each reason is
listed in `problems`); "failing" (503: the database is unreachable or its schema is behind).
"""

from datetime import datetime, timedelta
from typing import Any, Literal

from litestar import Response, get
from litestar.datastructures import State
from litestar.openapi.datastructures import ResponseSpec
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Engine, func, text
from sqlmodel import Session, col, select

from reports.words import plural
from tracker import migrate
from tracker.db import write_health
from tracker.jobs.runs import last_runs
from tracker.mail.models import OutboxMessage
from tracker.mail.service import as_utc, outbox_counts
from tracker.settings import Settings

FAILED_MAIL_WINDOW = timedelta(days=7)


class MigrationsPublic(BaseModel):
    current: str | None
    head: str | None
    ok: bool


class HealthPublic(BaseModel):
    """The service's health; probes added by a deployment appear as further fields."""

    model_config = ConfigDict(extra="allow")

    status: Literal["ok", "degraded", "failing"]
    database: str = Field(description='"ok", "not writable" or "unreachable: ..."')
    migrations: MigrationsPublic | None = None
    problems: list[str] = Field(description="Why the service is degraded (empty when it is not)")
    scheduler: dict[str, Any] | None = Field(default=None, description="The scheduler's state in this process")


def problems(engine: Engine, settings: Settings, *, now: datetime) -> list[str]:
    """Why the service is degraded (empty when it is not): mail, jobs and whether the database takes writes."""
    found: list[str] = []
    health = write_health(engine)
    if health.failed_at is not None:
        found.append(f"database not writable: {health.reason}")
    now = as_utc(now)
    with Session(engine) as session:
        counts = outbox_counts(session, max_attempts=settings.mail_max_attempts)
        runs = last_runs(session)
    late = timedelta(seconds=settings.health_mail_delay_seconds)
    if counts.oldest_unsent_at is not None and now - counts.oldest_unsent_at > late:
        minutes = int((now - counts.oldest_unsent_at).total_seconds() // 60)
        found.append(
            f"mail not delivered: the oldest unsent mail has waited {minutes} min "
            f"({counts.waiting + counts.retrying} unsent; see `tracker mail outbox`)"
        )
    # Mail that failed for good in the last week (older failures were seen, or are history by now).
    with Session(engine) as session:
        recent = col(OutboxMessage.created_at) >= now - FAILED_MAIL_WINDOW
        unsent = (col(OutboxMessage.sent_at).is_(None), recent)
        given_up = session.exec(
            select(func.count()).where(
                *unsent, col(OutboxMessage.refused_at).is_(None), OutboxMessage.attempts >= settings.mail_max_attempts
            )
        ).one()
        refused = session.exec(select(func.count()).where(*unsent, col(OutboxMessage.refused_at).is_not(None))).one()
    if given_up:
        found.append(
            f"{given_up} {plural(given_up, 'mail', 'mails')} given up after {settings.mail_max_attempts} attempts in the last 7 days"
        )
    if refused:
        found.append(
            f"{refused} {plural(refused, 'mail', 'mails')} refused by the mail server in the last 7 days (see `tracker mail outbox`)"
        )
    for name, run in sorted(runs.items()):
        if run.ok is False:
            when = run.started_at.astimezone(settings.tz).strftime("%Y-%m-%d %H:%M")
            found.append(f"job {name} failed at {when}: {run.error.splitlines()[0][:200] if run.error else ''}")
    return found


@get(
    "/health",
    sync_to_thread=True,
    summary="Database reachable and writable, migrations current, mail and jobs without trouble",
    tags=["service"],
    opt={"public": True},
    operation_id="getHealth",
    responses={503: ResponseSpec(HealthPublic, description="Failing: the database is unreachable or behind")},
)
def health(state: State) -> Response[HealthPublic]:
    checks: dict[str, Any] = {}
    ok = True
    degraded: list[str] = []
    try:
        with state.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        checks["database"] = "ok"
        current = migrate.current_revision(state.engine)
        head = migrate.head_revision()
        checks["migrations"] = {"current": current, "head": head, "ok": current == head}
        ok = current == head
        if ok:
            degraded = problems(state.engine, state.settings, now=state.clock())
            checks["database"] = "not writable" if write_health(state.engine).failed_at else "ok"
    except Exception as exc:
        checks["database"] = f"unreachable: {exc.__class__.__name__}"
        ok = False
    for name, probe in state.get("health_probes", {}).items():
        checks[name] = probe()
    checks["status"] = "failing" if not ok else ("degraded" if degraded else "ok")
    checks["problems"] = degraded
    return Response(
        HealthPublic.model_validate(checks), status_code=200 if ok else 503, headers={"Cache-Control": "no-store"}
    )
