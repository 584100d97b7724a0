"""What is due: for one organisation, every initiative it leads x every open period, missing first."""

from datetime import datetime

from sqlmodel import Session, col, select

from actionplan.enums import ReportState
from actionplan.models import Initiative, Organisation
from actionplan.progress import ProgressReport
from actionplan.rules import is_report_missing
from tracker.auth.models import Role
from tracker.auth.service import Principal
from tracker.errors import Forbidden, NotFound
from tracker.fora.service import open_items_of
from tracker.progress import expected
from tracker.progress import schemas as s
from tracker.settings import Settings, local_today


def due_for_organisation(
    session: Session, principal: Principal, *, now: datetime, settings: Settings, organisation: str | None = None
) -> s.DueList:
    """The caller's (or, for the secretariat, any organisation's) reports due in open periods."""
    org_id, org_code = principal.organisation_id, principal.organisation_code
    if organisation and organisation != org_code:
        if principal.role is not Role.SECRETARIAT:
            raise Forbidden("Only the secretariat may look at another organisation's due list.")
        org = session.exec(select(Organisation).where(Organisation.code == organisation)).first()
        if org is None or org.id is None:
            raise NotFound(f"No organisation with code {organisation!r}.")
        org_id, org_code = org.id, org.code
    today = local_today(now, settings)
    initiatives = session.exec(select(Initiative).where(Initiative.lead_id == org_id).order_by(Initiative.code)).all()
    periods = expected.open_periods(session, settings, today, plan_ids={i.plan_id for i in initiatives})
    reports = {
        (r.initiative_id, r.period_id): r
        for r in session.exec(
            select(ProgressReport).where(
                col(ProgressReport.initiative_id).in_([i.id for i in initiatives]),
                col(ProgressReport.period_id).in_([p.id for p in periods]),
            )
        ).all()
    }
    items: list[s.DueItem] = []
    for initiative in initiatives:
        for period in periods:
            if not expected.is_expected(initiative, period):
                continue
            report = reports.get((initiative.id, period.id))  # type: ignore[arg-type]
            state = ReportState(report.state) if report else None
            items.append(
                s.DueItem(
                    initiative=initiative.code,
                    title_da=initiative.title_da,
                    title_en=initiative.title_en,
                    period=period.label,
                    due=period.due,
                    report_state=state,
                    missing=report is None,
                    overdue=is_report_missing(period.due, state, today),
                    version=report.version if report else None,
                    review_comment=report.review_comment if report and state is ReportState.RETURNED else "",
                )
            )
    # Missing and overdue first, then returned reports waiting for a correction, then by due date.
    items.sort(
        key=lambda i: (
            not i.missing,
            not i.overdue,
            i.report_state is not ReportState.RETURNED,
            i.due,
            i.initiative,
        )
    )
    return s.DueList(
        organisation=org_code, data=items, count=len(items), action_items=open_items_of(session, org_id, today)
    )
