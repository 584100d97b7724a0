"""Locking reporting periods: by the secretariat, or by themselves some days after their due date."""

from datetime import datetime

from sqlmodel import Session, col, select

from actionplan.enums import PeriodState
from actionplan.models import Plan, ReportingPeriod
from tracker.audit.service import record
from tracker.auth.service import Principal
from tracker.errors import Conflict, NotFound, ValidationFailed
from tracker.progress.workflow import is_period_locked
from tracker.settings import Settings


def find_period(session: Session, label: str, plan: str | None = None) -> tuple[ReportingPeriod, str]:
    """The period with this label (in the given plan, or the only plan that has it) and its plan's slug."""
    statement = (
        select(ReportingPeriod, Plan.slug)
        .join(Plan, col(Plan.id) == ReportingPeriod.plan_id)
        .where(ReportingPeriod.label == label)
    )
    if plan:
        statement = statement.where(Plan.slug == plan)
    rows = session.exec(statement).all()
    if not rows:
        raise NotFound(f"No reporting period {label!r}" + (f" in plan {plan!r}." if plan else "."))
    if len(rows) > 1:
        slugs = ", ".join(sorted(slug for _, slug in rows))
        raise ValidationFailed(f"Several plans have a period {label!r} ({slugs}); say which with ?plan=.")
    period, slug = rows[0]
    return period, slug


def _set_state(
    session: Session,
    period: ReportingPeriod,
    slug: str,
    state: PeriodState,
    *,
    now: datetime,
    actor: str,
    organisation_id: int | None,
    action: str,
    reason: str,
) -> ReportingPeriod:
    before = {"state": period.state, "locked_at": period.locked_at}
    period.state = state
    period.locked_at = now if state is PeriodState.LOCKED else None
    session.add(period)
    record(
        session,
        actor=actor,
        action=action,
        entity="reporting_period",
        entity_key=f"{slug}/{period.label}",
        at=now,
        organisation_id=organisation_id,
        before=before,
        after={"state": period.state, "locked_at": period.locked_at},
        reason=reason,
    )
    session.flush()
    return period


def lock_period(
    session: Session, principal: Principal, label: str, *, now: datetime, plan: str | None = None, reason: str = ""
) -> tuple[ReportingPeriod, str]:
    """Lock a period: only the secretariat can then change its reports (by amending, with a reason)."""
    period, slug = find_period(session, label, plan)
    if period.state == PeriodState.LOCKED:
        raise Conflict(f"The period {label} is locked already.", allowed=["unlock"])
    _set_state(
        session,
        period,
        slug,
        PeriodState.LOCKED,
        now=now,
        actor=principal.actor,
        organisation_id=principal.organisation_id,
        action="period.lock",
        reason=reason,
    )
    return period, slug


def unlock_period(
    session: Session,
    principal: Principal,
    label: str,
    *,
    now: datetime,
    reason: str,
    settings: Settings,
    plan: str | None = None,
) -> tuple[ReportingPeriod, str]:
    """Reopen a locked period (an audited exception, with a reason)."""
    if not reason.strip():
        raise ValidationFailed(
            "Unlocking a period needs a reason.", errors=[{"field": "reason", "message": "required"}]
        )
    period, slug = find_period(session, label, plan)
    today = now.astimezone(settings.tz).date()
    if period.state != PeriodState.LOCKED:
        raise Conflict(f"The period {label} is not locked.", allowed=["lock"])
    if is_period_locked(PeriodState.OPEN, period.due, today, settings.period_autolock_days):
        raise Conflict(
            f"The period {label} is more than {settings.period_autolock_days} days past its due date and would lock "
            "again at once; amend its reports instead.",
            allowed=["amend"],
        )
    _set_state(
        session,
        period,
        slug,
        PeriodState.OPEN,
        now=now,
        actor=principal.actor,
        organisation_id=principal.organisation_id,
        action="period.unlock",
        reason=reason,
    )
    return period, slug


def autolock_periods(session: Session, *, now: datetime, settings: Settings) -> list[str]:
    """Lock every open period whose due date is `period_autolock_days` behind; returns the labels locked.

    Idempotent: a second run locks nothing. The scheduler calls it as a job; the write paths already treat
    such periods as locked before the job has run.
    """
    today = now.astimezone(settings.tz).date()
    locked: list[str] = []
    rows = session.exec(
        select(ReportingPeriod, Plan.slug)
        .join(Plan, col(Plan.id) == ReportingPeriod.plan_id)
        .where(ReportingPeriod.state == PeriodState.OPEN)
        .order_by(col(ReportingPeriod.starts))
    ).all()
    for period, slug in rows:
        if is_period_locked(period.state, period.due, today, settings.period_autolock_days):
            _set_state(
                session,
                period,
                slug,
                PeriodState.LOCKED,
                now=now,
                actor="scheduler",
                organisation_id=None,
                action="period.autolock",
                reason=f"{settings.period_autolock_days} days after the due date {period.due}",
            )
            locked.append(period.label)
    return locked
