"""The escalation ladder after a period's due date, and returned reports left unanswered.

After the due date, on the configured days (default +1) the organisation is told again what is missing; on
the secretariat days (default +7) the secretariat gets one digest of everything missing. Like reminders, the
active step is the largest configured day that has been reached, and each step goes out at most once.
A report returned for changes and not resubmitted within `returned_escalation_days` escalates once per
return, to the organisation and the secretariat.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from actionplan.enums import ReportState
from actionplan.models import Initiative, Organisation, ReportingPeriod
from actionplan.progress import ProgressReport
from tracker.db import session_scope
from tracker.fora.jobs import escalate_action_items
from tracker.jobs.missing import (
    OrganisationDue,
    PeriodRef,
    format_date,
    missing_by_organisation,
    open_periods,
)
from tracker.jobs.reminders import render_digest
from tracker.mail.service import as_utc, enqueue_digest
from tracker.mail.texts import RenderedMail, render
from tracker.settings import Settings, local_today

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


@dataclass
class _Notice:
    """One thing this run tells one recipient."""

    to: str
    key: str
    kind: str
    mail: RenderedMail
    organisation_id: int | None = None


@dataclass
class _Run:
    """What one escalation run sends, merged per recipient before anything is queued."""

    notices: list[_Notice] = field(default_factory=list)
    # key -> "queued", "already_sent" or "failed: ..." once queued
    outcome: dict[str, str] = field(default_factory=dict)

    def add(self, notice: _Notice) -> None:
        self.notices.append(notice)

    def queue(self, engine: Engine, now: datetime) -> None:
        """One mail per recipient, carrying every notice not sent before, each in its own transaction."""
        by_recipient: dict[str, list[_Notice]] = {}
        for notice in self.notices:
            by_recipient.setdefault(notice.to.lower(), []).append(notice)
        for notices in by_recipient.values():
            try:
                with session_scope(engine) as session:
                    _message, carried = enqueue_digest(
                        session,
                        to=notices[0].to,
                        sections=[(n.key, n.kind, n.mail) for n in notices],
                        now=now,
                        organisation_id=notices[0].organisation_id,
                    )
                for n in notices:
                    self.outcome[n.key] = "queued" if n.key in carried else "already_sent"
            except Exception as exc:
                log.exception("escalation mail failed")
                for n in notices:
                    self.outcome[n.key] = f"failed: {exc.__class__.__name__}"[:300]


def escalate(engine: Engine, settings: Settings, *, now: datetime) -> dict[str, Any]:
    """Run the escalation ladder for every open period past its due date, then for returned reports.

    Everything one run has for one recipient (an overdue notice and a returned report, say) goes out as one
    mail; each notice still goes out once (its own dedupe key).
    """
    today = local_today(now, settings)
    language = settings.mail_language
    outcome: dict[str, Any] = {"organisations": [], "secretariat": [], "returned": {}}
    with Session(engine) as session:
        work = []
        for period in open_periods(session, settings, today):
            days_after = (today - period.due).days
            if days_after > 0:
                work.append((period, days_after, missing_by_organisation(session, period, language)))
    run = _Run()
    organisation_steps: list[tuple[PeriodRef, int, list[OrganisationDue], dict[str, str]]] = []
    secretariat: list[tuple[dict[str, Any], str | None]] = []
    for period, days_after, organisations in work:
        org_step = reached_step(days_after, settings.escalation_organisation_days, settings.escalation_catchup_days)
        if org_step is not None:
            keys: dict[str, str] = {}
            for organisation in organisations:
                if not organisation.email:
                    continue
                key = f"overdue:{period.plan_slug}:{organisation.code}:{period.label}:{org_step}"
                keys[organisation.code] = key
                mail = render_digest(
                    settings,
                    kind="overdue",
                    organisation=organisation,
                    period=period,
                    context={"days_overdue": days_after},
                )
                run.add(_Notice(organisation.email, key, "overdue", mail, organisation.id))
            organisation_steps.append((period, org_step, organisations, keys))
        secretariat_step = reached_step(
            days_after, settings.escalation_secretariat_days, settings.escalation_catchup_days
        )
        if secretariat_step is not None and organisations:
            secretariat.append(_secretariat_digest(run, settings, period, secretariat_step, days_after, organisations))
    returned = escalate_returned(engine, settings, now=now, run=run)
    run.queue(engine, now)
    for period, step, organisations, keys in organisation_steps:
        states = {code: run.outcome.get(key, "") for code, key in keys.items()}
        outcome["organisations"].append(
            {
                "period": f"{period.plan_slug}/{period.label}",
                "step": step,
                "queued": [c for c, state in states.items() if state == "queued"],
                "already_sent": [c for c, state in states.items() if state == "already_sent"],
                "skipped_no_address": [o.code for o in organisations if not o.email],
                "failed": [{"organisation": c, "error": st} for c, st in states.items() if st.startswith("failed")],
            }
        )
    for summary, secretariat_key in secretariat:
        if secretariat_key is not None:
            summary["queued"] = run.outcome.get(secretariat_key) == "queued"
        outcome["secretariat"].append(summary)
    outcome["returned"] = {
        "reports": returned["reports"],
        "queued": sum(1 for key in returned["keys"] if run.outcome.get(key) == "queued"),
        "already_sent": sum(1 for key in returned["keys"] if run.outcome.get(key) == "already_sent"),
        "failed": [
            {"key": key, "error": run.outcome[key]}
            for key in returned["keys"]
            if run.outcome.get(key, "").startswith("failed")
        ],
    }
    # Action items from forum meetings ride the same ladder (tracker/fora/jobs.py).
    outcome["action_items"] = escalate_action_items(engine, settings, now=now)
    return outcome


def _secretariat_digest(
    run: _Run,
    settings: Settings,
    period: PeriodRef,
    step: int,
    days_after: int,
    organisations: list[Any],
) -> tuple[dict[str, Any], str | None]:
    label = f"{period.plan_slug}/{period.label}"
    if not settings.secretariat_email:
        return {"period": label, "step": step, "skipped": "TRACKER_SECRETARIAT_EMAIL is not set"}, None
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
        overview_url=f"{settings.base_url.rstrip('/')}/sekretariat/fuldstaendighed",
    )
    key = f"escalation:{period.plan_slug}:{period.label}:{step}"
    run.add(_Notice(settings.secretariat_email, key, "escalation", mail))
    return {"period": label, "step": step, "missing": missing}, key


def escalate_returned(engine: Engine, settings: Settings, *, now: datetime, run: _Run) -> dict[str, Any]:
    """Returned reports not resubmitted within the configured days: a notice each to organisation and secretariat."""
    cutoff = as_utc(now) - timedelta(days=settings.returned_escalation_days)
    # Returned longer ago than the catch-up window allows: escalating now would be stale news.
    oldest = cutoff - timedelta(days=settings.escalation_catchup_days)
    language = settings.mail_language
    keys: list[str] = []
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
            key = f"returned:{report.id}:{stamp}:{audience}"
            keys.append(key)
            run.add(_Notice(address, key, "returned", mail, organisation.id))
    return {"reports": len(rows), "keys": keys}
