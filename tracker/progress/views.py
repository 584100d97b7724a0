"""Reading progress reports as a given caller may see them, and their API shape."""

from datetime import datetime
from typing import Any

from sqlalchemy import select as select_columns
from sqlmodel import Session, col, select

from actionplan.models import Initiative, Milestone, Organisation, ReportingPeriod
from actionplan.progress import MilestoneSlip, ProgressReport
from tracker.auth.access import may_write_report, readable_reports
from tracker.auth.service import Principal
from tracker.errors import NotFound
from tracker.progress import schemas as s
from tracker.progress.context import (
    CONTENT_FIELDS,
    INITIATIVE_COLUMNS,
    PERIOD_COLUMNS,
    ReportContext,
    context_from_row,
    indicator_codes,
    values_of,
)
from tracker.progress.workflow import allowed_actions
from tracker.settings import Settings


def readable_by(principal: Principal) -> Any:
    """The rows of progress_report this caller may read (`tracker.auth.access`), inside every read query."""
    return readable_reports(principal.role, principal.organisation_id, Initiative.lead_id, ProgressReport.state)


def get_report_context(
    session: Session,
    principal: Principal,
    initiative_code: str,
    period_label: str,
    *,
    now: datetime,
    settings: Settings,
) -> ReportContext:
    """A report as this caller may see it; another organisation's unapproved report is 404, like a missing one."""
    row = session.execute(
        select_columns(*INITIATIVE_COLUMNS, *PERIOD_COLUMNS, col(Organisation.code), ProgressReport)
        .join(Initiative, col(Initiative.id) == ProgressReport.initiative_id)
        .join(ReportingPeriod, col(ReportingPeriod.id) == ProgressReport.period_id)
        .join(Organisation, col(Organisation.id) == Initiative.lead_id)
        .where(
            col(Initiative.code) == initiative_code, col(ReportingPeriod.label) == period_label, readable_by(principal)
        )
    ).first()
    if row is None:
        raise NotFound(f"No report for {initiative_code} in {period_label} that you can see.")
    report = row[10]
    ctx = context_from_row(row, report, now=now, settings=settings)
    ctx.values = values_of(session, report)
    return ctx


def to_public(session: Session, principal: Principal, ctx: ReportContext) -> s.ReportPublic:
    """The API shape of a report, with the actions this caller may take next."""
    report = ctx.report
    assert report is not None
    assert report.id is not None
    codes = ctx.indicator_codes
    if codes is None:
        codes = indicator_codes(session, ctx.initiative)
    slips = (
        []
        if ctx.no_slips
        else session.exec(
            select(MilestoneSlip, Milestone.title)
            .join(Milestone, col(Milestone.id) == MilestoneSlip.milestone_id)
            .where(MilestoneSlip.report_id == report.id)
            .order_by(col(MilestoneSlip.id))
        ).all()
    )
    if ctx.values is None:
        ctx.values = values_of(session, report)
    may_write = may_write_report(principal.role, principal.organisation_id, ctx.initiative.lead_id, report.state)
    actions = allowed_actions(report.state, principal.role, period_locked=ctx.period_locked) if may_write else []
    return s.ReportPublic(
        initiative=ctx.initiative.code,
        period=ctx.period.label,
        organisation=ctx.lead_code,
        state=report.state,
        **{name: getattr(report, name) for name in CONTENT_FIELDS},
        indicator_values=sorted(
            (
                s.IndicatorValuePublic(
                    indicator=codes.get(v.indicator_id, "?"), category=v.category, value=v.value, comment=v.comment
                )
                for v in ctx.values
            ),
            key=lambda v: (v.indicator, v.category),
        ),
        milestones=[
            s.MilestoneUpdatePublic(
                title=title,
                old_due=slip.old_due,
                new_due=slip.new_due,
                days_slipped=slip.days_slipped,
                done_on=slip.done_on,
                reason=slip.reason,
                at=slip.at,
            )
            for slip, title in slips
        ],
        review_comment=report.review_comment,
        carried_forward=report.carried_forward,
        version=report.version,
        period_locked=ctx.period_locked,
        allowed_actions=[a.value for a in actions],
        created_at=report.created_at,
        updated_at=report.updated_at,
        submitted_at=report.submitted_at,
        approved_at=report.approved_at,
        returned_at=report.returned_at,
    )
