"""Reminders before a period's due date: one digest per organisation and step, sent at most once.

Policy (also for catching up after downtime): on a given day the active step is the smallest configured
number of days that is >= the days left. Run on 24 January for a period due 31 January with steps
14, 7, 1: step 7. Missed the 7-day slot and restarted 3 days before? Step 7 goes out once (late); steps
never go out twice because the outbox dedupe key (organisation, period, step) is unique.
"""

import logging
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import Engine
from sqlmodel import Session

from tracker.db import session_scope
from tracker.fora.jobs import remind_action_items
from tracker.jobs.missing import OrganisationDue, PeriodRef, format_date, missing_by_organisation, open_periods
from tracker.mail.service import enqueue
from tracker.mail.texts import RenderedMail, render
from tracker.settings import Settings, local_today

log = logging.getLogger(__name__)


def active_step(days_left: int, steps: list[int]) -> int | None:
    """The reminder step due when `days_left` days remain (None before the first step and after the due date)."""
    if days_left < 0:
        return None
    candidates = [step for step in steps if step >= days_left]
    return min(candidates) if candidates else None


def links(settings: Settings, period: PeriodRef, organisation_code: str) -> dict[str, str]:
    base = settings.base_url.rstrip("/")
    # The web import page, where the signed-in reporter downloads the template (an unsigned visitor signs in
    # first and lands there); the organisation preselects the secretariat's choice, a reporter gets its own.
    query = urlencode({"periode": period.label, "organisation": organisation_code})
    return {"base_url": base, "due_url": f"{base}/indberetning", "template_url": f"{base}/import?{query}"}


def render_digest(
    settings: Settings, *, kind: str, organisation: OrganisationDue, period: PeriodRef, context: dict[str, Any]
) -> RenderedMail:
    """One organisation's reminder or overdue notice for one period."""
    language = settings.mail_language
    return render(
        kind,
        language,
        organisation={"code": organisation.code, "name": organisation.name},
        period=period.label,
        due=format_date(period.due, language),
        initiatives=[{"code": i.code, "title": i.title} for i in organisation.initiatives],
        **links(settings, period, organisation.code),
        **context,
    )


def enqueue_digest(
    engine: Engine,
    settings: Settings,
    *,
    kind: str,
    key: str,
    organisation: OrganisationDue,
    period: PeriodRef,
    now: datetime,
    context: dict[str, Any],
) -> bool:
    """Queue one organisation's digest in its own transaction; False when it was queued before."""
    assert organisation.email is not None
    mail = render_digest(settings, kind=kind, organisation=organisation, period=period, context=context)
    with session_scope(engine) as session:
        message = enqueue(
            session,
            to=organisation.email,
            mail=mail,
            kind=kind,
            dedupe_key=key,
            now=now,
            organisation_id=organisation.id,
        )
    return message is not None


def send_organisation_digests(
    engine: Engine,
    settings: Settings,
    *,
    kind: str,
    step: int,
    period: PeriodRef,
    organisations: list[OrganisationDue],
    now: datetime,
    context: dict[str, Any],
) -> dict[str, Any]:
    """One digest per organisation; an organisation's failure is recorded and the others still go out."""
    queued: list[str] = []
    already: list[str] = []
    no_address: list[str] = []
    failed: list[dict[str, str]] = []
    for organisation in organisations:
        if not organisation.email:
            no_address.append(organisation.code)
            continue
        key = f"{kind}:{period.plan_slug}:{organisation.code}:{period.label}:{step}"
        try:
            if enqueue_digest(
                engine,
                settings,
                kind=kind,
                key=key,
                organisation=organisation,
                period=period,
                now=now,
                context=context,
            ):
                queued.append(organisation.code)
            else:
                already.append(organisation.code)
        except Exception as exc:
            log.exception("%s for %s (%s) failed", kind, organisation.code, period.label)
            failed.append({"organisation": organisation.code, "error": f"{exc.__class__.__name__}: {exc}"[:300]})
    return {
        "period": f"{period.plan_slug}/{period.label}",
        "step": step,
        "queued": queued,
        "already_sent": already,
        "skipped_no_address": no_address,
        "failed": failed,
    }


def send_reminders(engine: Engine, settings: Settings, *, now: datetime) -> dict[str, Any]:
    """For each open period inside a reminder step, queue one digest per organisation with missing reports."""
    today = local_today(now, settings)
    outcome: dict[str, Any] = {"periods": []}
    with Session(engine) as session:
        periods = open_periods(session, settings, today)
        work = []
        for period in periods:
            step = active_step((period.due - today).days, settings.reminder_days)
            if step is not None:
                work.append((period, step, missing_by_organisation(session, period, settings.mail_language)))
    for period, step, organisations in work:
        days_left = (period.due - today).days
        outcome["periods"].append(
            send_organisation_digests(
                engine,
                settings,
                kind="reminder",
                step=step,
                period=period,
                organisations=organisations,
                now=now,
                context={"days_left": days_left},
            )
        )
    # Action items from forum meetings ride the same ladder (tracker/fora/jobs.py).
    outcome["action_items"] = remind_action_items(engine, settings, now=now)
    if any(p["failed"] for p in outcome["periods"]) or outcome["action_items"]["failed"]:
        outcome["status"] = "partial"
    return outcome
