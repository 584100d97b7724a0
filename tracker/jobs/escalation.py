"""The escalation ladder after a period's due date, and returned reports left unanswered.

After the due date, on the configured days (default +1) the organisation is told again what is missing; on
the secretariat days (default +7) the secretariat gets one digest of everything missing. Like reminders, the
active step is the largest configured day that has been reached, and each step goes out at most once.
A report returned for changes and not resubmitted within `returned_escalation_days` escalates once per
return, to the organisation and the secretariat.
"""

import logging
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from actionplan.enums import ReportState
from actionplan.models import Initiative, Organisation, ReportingPeriod
from actionplan.progress import ProgressReport
from tracker.db import session_scope
from tracker.jobs.due import PeriodRef, format_date, local_today, missing_by_organisation, open_periods
from tracker.jobs.reminders import send_organisation_digests
from tracker.mail.service import as_utc, enqueue
from tracker.mail.texts import render
from tracker.settings import Settings

log = logging.getLogger(__name__)


def reached_step(days_after: int, steps: list[int], catchup_days: int | None = None) -> int | None:
    """The escalation step reached `days_after` days past the due date (None before the first).

    With `catchup_days`, a step reached longer ago than that is not sent any more: a first start or a long
    outage never sends a notice that fell due months ago.
    """
    reached = [step for step in steps if step <= days_after]
    if not reached or days_after <= 0:
        return None
    step = max(reached)
    if catchup_days is not None and days_after - step > catchup_days:
        return None
    return step


def escalate(engine: Engine, settings: Settings, *, now: datetime) -> dict[str, Any]:
    """Run the escalation ladder for every open period past its due date, then for returned reports."""
    today = local_today(now, settings)
    language = settings.mail_language
    outcome: dict[str, Any] = {"organisations": [], "secretariat": [], "returned": {}}
    with Session(engine) as session:
        work = []
        for period in open_periods(session, settings, today):
            days_after = (today - period.due).days
            if days_after > 0:
                work.append((period, days_after, missing_by_organisation(session, period, language)))
    for period, days_after, organisations in work:
        org_step = reached_step(days_after, settings.escalation_organisation_days, settings.escalation_catchup_days)
        if org_step is not None:
            outcome["organisations"].append(
                send_organisation_digests(
                    engine,
                    settings,
                    kind="overdue",
                    step=org_step,
                    period=period,
                    organisations=organisations,
                    now=now,
                    context={"days_overdue": days_after},
                )
            )
        secretariat_step = reached_step(
            days_after, settings.escalation_secretariat_days, settings.escalation_catchup_days
        )
        if secretariat_step is not None and organisations:
            outcome["secretariat"].append(
                _secretariat_digest(engine, settings, period, secretariat_step, days_after, organisations, now)
            )
    outcome["returned"] = escalate_returned(engine, settings, now=now)
    return outcome


def _secretariat_digest(
    engine: Engine,
    settings: Settings,
    period: PeriodRef,
    step: int,
    days_after: int,
    organisations: list[Any],
    now: datetime,
) -> dict[str, Any]:
    label = f"{period.plan_slug}/{period.label}"
    if not settings.secretariat_email:
        return {"period": label, "step": step, "skipped": "TRACKER_SECRETARIAT_EMAIL is not set"}
    language = settings.mail_language
    missing = sum(len(o.initiatives) for o in organisations)
    mail = render(
        "escalation",
        language,
        period=period.label,
        due=format_date(period.due, language),
        days_overdue=days_after,
        missing=missing,
        organisations=[
            {"code": o.code, "name": o.name, "email": o.email, "initiatives": o.initiatives} for o in organisations
        ],
        overview_url=f"{settings.base_url.rstrip('/')}/initiatives",
    )
    key = f"escalation:{period.plan_slug}:{period.label}:{step}"
    with session_scope(engine) as session:
        message = enqueue(session, to=settings.secretariat_email, mail=mail, kind="escalation", dedupe_key=key, now=now)
    return {"period": label, "step": step, "missing": missing, "queued": message is not None}


def escalate_returned(engine: Engine, settings: Settings, *, now: datetime) -> dict[str, Any]:
    """Returned reports not resubmitted within the configured days: one mail each to organisation and secretariat."""
    cutoff = as_utc(now) - timedelta(days=settings.returned_escalation_days)
    # Returned longer ago than the catch-up window allows: escalating now would be stale news.
    oldest = cutoff - timedelta(days=settings.escalation_catchup_days)
    language = settings.mail_language
    queued = 0
    already = 0
    failed: list[dict[str, str]] = []
    with Session(engine) as session:
        rows = session.exec(
            select(ProgressReport, Initiative, Organisation, ReportingPeriod)
            .join(Initiative, col(Initiative.id) == ProgressReport.initiative_id)
            .join(Organisation, col(Organisation.id) == ProgressReport.organisation_id)
            .join(ReportingPeriod, col(ReportingPeriod.id) == ProgressReport.period_id)
            .where(
                ProgressReport.state == ReportState.RETURNED,
                col(ProgressReport.returned_at).is_not(None),
                col(ProgressReport.returned_at) <= cutoff,
                col(ProgressReport.returned_at) >= oldest,
            )
            .order_by(col(ProgressReport.id))
        ).all()
    for report, initiative, organisation, period in rows:
        assert report.returned_at is not None
        returned_at = as_utc(report.returned_at)
        mail = render(
            "returned",
            language,
            initiative={
                "code": initiative.code,
                "title": initiative.title_en if language == "en" else initiative.title_da,
            },
            organisation={"code": organisation.code},
            period=period.label,
            returned=format_date(returned_at.astimezone(settings.tz).date(), language),
            days=settings.returned_escalation_days,
            due_url=f"{settings.base_url.rstrip('/')}/indberetning/{period.label}/{initiative.code}",
        )
        stamp = returned_at.strftime("%Y%m%dT%H%M%S")
        recipients = [("organisation", organisation.contact_email), ("secretariat", settings.secretariat_email)]
        for audience, address in recipients:
            if not address:
                continue
            try:
                with session_scope(engine) as session:
                    message = enqueue(
                        session,
                        to=address,
                        mail=mail,
                        kind="returned",
                        dedupe_key=f"returned:{report.id}:{stamp}:{audience}",
                        now=now,
                        organisation_id=organisation.id,
                    )
                if message is None:
                    already += 1
                else:
                    queued += 1
            except Exception as exc:
                log.exception("returned-report escalation for report %s failed", report.id)
                failed.append({"report": str(report.id), "error": f"{exc.__class__.__name__}: {exc}"[:300]})
    return {"reports": len(rows), "queued": queued, "already_sent": already, "failed": failed}
