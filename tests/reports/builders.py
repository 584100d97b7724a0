"""Small builders for status-report tests: progress reports written straight into the tables."""

import json
from datetime import UTC, date, datetime
from typing import Any

from sqlmodel import Session, select

from actionplan.enums import ProgressStatus, ReportState
from actionplan.models import Indicator, Initiative, Milestone, ReportingPeriod, Target
from actionplan.progress import IndicatorValue, MilestoneSlip, ProgressReport, ReportRevision

PLAN = "mh-2022-2025"
TODAY = date(2026, 11, 29)


def _id(row: Initiative | ReportingPeriod | Indicator | Milestone | ProgressReport) -> int:
    """The id of a row that was flushed (the models type it `int | None` for rows not yet stored)."""
    assert row.id is not None
    return row.id


def initiative(session: Session, code: str) -> Initiative:
    return session.exec(select(Initiative).where(Initiative.code == code)).one()


def period(session: Session, label: str) -> ReportingPeriod:
    return session.exec(select(ReportingPeriod).where(ReportingPeriod.label == label)).one()


def indicator(session: Session, code: str) -> Indicator:
    return session.exec(select(Indicator).where(Indicator.code == code)).one()


def make_report(
    session: Session,
    code: str,
    label: str,
    *,
    status: str = "on_track",
    state: str = "approved",
    submitted: datetime | None = None,
    values: dict[tuple[str, str], float] | None = None,
    **fields: Any,
) -> ProgressReport:
    """A progress report for (initiative code, period label); `values` maps (indicator code, category)."""
    init = initiative(session, code)
    per = period(session, label)
    at = submitted or datetime(per.due.year, per.due.month, max(per.due.day - 5, 1), 9, tzinfo=UTC)
    report = ProgressReport(
        initiative_id=_id(init),
        period_id=_id(per),
        organisation_id=init.lead_id,
        status=ProgressStatus(status),
        state=ReportState(state),
        submitted_at=at if state != "draft" else None,
        approved_at=at if state == "approved" else None,
        **fields,
    )
    session.add(report)
    session.flush()
    for (indicator_code, category), value in (values or {}).items():
        session.add(
            IndicatorValue(
                report_id=_id(report),
                indicator_id=_id(indicator(session, indicator_code)),
                category=category,
                value=value,
            )
        )
    session.flush()
    return report


def make_revision(
    session: Session, report: ProgressReport, version: int, content: dict[str, Any], *, at: datetime, reason: str = ""
) -> ReportRevision:
    revision = ReportRevision(
        report_id=_id(report),
        version=version,
        status=report.status,
        content=json.dumps(content),
        reason=reason,
        at=at,
    )
    session.add(revision)
    session.flush()
    return revision


def make_target(session: Session, indicator_code: str, label: str, value: float) -> Target:
    target = Target(
        indicator_id=_id(indicator(session, indicator_code)),
        period_id=_id(period(session, label)),
        value=value,
    )
    session.add(target)
    session.flush()
    return target


def make_slip(session: Session, code: str, title: str, new_due: date, *, at: datetime, reason: str) -> MilestoneSlip:
    init = initiative(session, code)
    milestone = session.exec(
        select(Milestone).where(Milestone.initiative_id == init.id, Milestone.title == title)
    ).one()
    slip = MilestoneSlip(
        milestone_id=_id(milestone),
        old_due=milestone.due,
        new_due=new_due,
        days_slipped=(new_due - milestone.due).days,
        reason=reason,
        at=at,
    )
    milestone.due = new_due
    session.add_all([slip, milestone])
    session.flush()
    return slip
