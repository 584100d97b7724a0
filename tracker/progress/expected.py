"""When a report is expected: the one rule the due list, reminders, escalation and the pages share.

A report is expected from an initiative's lead for every reporting period that is open (not locked by the
secretariat, and not past the automatic lock `TRACKER_PERIOD_AUTOLOCK_DAYS` after its due date) and that
overlaps the initiative's life: nothing before it starts, nothing after its deadline. The rule exists twice
in form only: as Python (`is_expected`) and as SQL (`expected_in`), side by side here with one test holding
them equal.
"""

from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from actionplan.enums import PeriodState
from actionplan.models import Initiative, ReportingPeriod
from actionplan.rules import is_report_expected
from tracker.progress.workflow import is_period_locked
from tracker.settings import Settings


def open_periods(
    session: Session, settings: Settings, today: date, *, plan_ids: set[int] | None = None
) -> list[ReportingPeriod]:
    """Periods still taking reports on `today` (open, not yet auto-locked), by due date."""
    statement = select(ReportingPeriod).where(ReportingPeriod.state == PeriodState.OPEN)
    if plan_ids is not None:
        statement = statement.where(col(ReportingPeriod.plan_id).in_(plan_ids))
    periods = session.exec(statement.order_by(col(ReportingPeriod.due), col(ReportingPeriod.id))).all()
    return [p for p in periods if not is_period_locked(p.state, p.due, today, settings.period_autolock_days)]


def is_expected(initiative: Initiative, period: ReportingPeriod) -> bool:
    """Whether the initiative reports for the period: same plan, and the period overlaps the initiative's life."""
    if initiative.plan_id != period.plan_id:
        return False
    return is_report_expected(initiative.starts, initiative.deadline, period.starts, period.ends)


def expected_in(period: ReportingPeriod) -> Any:
    """`is_expected` (`actionplan.rules.is_report_expected`) as a SQL condition on `initiative` rows, for the period."""
    return (
        (col(Initiative.plan_id) == period.plan_id)
        & (col(Initiative.starts).is_(None) | (col(Initiative.starts) <= period.ends))
        & (col(Initiative.deadline).is_(None) | (col(Initiative.deadline) >= period.starts))
    )
