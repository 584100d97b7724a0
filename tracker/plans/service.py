"""Queries behind the read API of the plan. Services take the session; they never commit."""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from actionplan.enums import ReportState
from actionplan.models import (
    FocusArea,
    Indicator,
    Initiative,
    InitiativePartner,
    Milestone,
    Observation,
    Organisation,
    Plan,
    ReportingPeriod,
    Target,
)
from actionplan.progress import ProgressReport
from actionplan.rules import is_overdue
from tracker.errors import NotFound
from tracker.plans import schemas as s
from tracker.shapes import from_row


def _org_ref(org: Organisation) -> s.OrganisationRef:
    return from_row(s.OrganisationRef, org)


def get_plan_row(session: Session, slug: str) -> Plan:
    plan = session.exec(select(Plan).where(Plan.slug == slug)).first()
    if plan is None:
        raise NotFound(f"No plan with slug {slug!r}.")
    return plan


def _initiative_counts(session: Session) -> dict[int, int]:
    rows = session.exec(select(Initiative.plan_id, func.count()).group_by(col(Initiative.plan_id))).all()
    return {plan_id: count for plan_id, count in rows}


def _plan_summary_values(plan: Plan, counts: dict[int, int], coordinators: dict[int, Organisation]) -> dict[str, Any]:
    """What a plan's summary says beyond the plan's own columns: its coordinator and how many initiatives."""
    coordinator = coordinators.get(plan.coordinator_id) if plan.coordinator_id else None
    return {
        "coordinator": _org_ref(coordinator) if coordinator else None,
        "initiative_count": counts.get(plan.id or 0, 0),
    }


def _organisations_by_id(session: Session, ids: Iterable[int | None]) -> dict[int, Organisation]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = session.exec(select(Organisation).where(col(Organisation.id).in_(wanted))).all()
    return {o.id: o for o in rows if o.id is not None}


def list_plans(session: Session) -> s.PlansPublic:
    plans = session.exec(select(Plan).order_by(col(Plan.starts).desc())).all()
    counts = _initiative_counts(session)
    coordinators = _organisations_by_id(session, (p.coordinator_id for p in plans))
    data = [from_row(s.PlanSummary, p, **_plan_summary_values(p, counts, coordinators)) for p in plans]
    return s.PlansPublic(data=data, count=len(data))


def _period_public(period: ReportingPeriod, plan_slug: str) -> s.PeriodPublic:
    return from_row(s.PeriodPublic, period, plan=plan_slug)


def get_plan(session: Session, slug: str) -> s.PlanDetail:
    plan = get_plan_row(session, slug)
    counts = _initiative_counts(session)
    coordinators = _organisations_by_id(session, [plan.coordinator_id])
    periods = session.exec(
        select(ReportingPeriod).where(ReportingPeriod.plan_id == plan.id).order_by(col(ReportingPeriod.starts))
    ).all()
    return from_row(
        s.PlanDetail,
        plan,
        **_plan_summary_values(plan, counts, coordinators),
        focus_areas=list_focus_areas(session, plan_slug=slug).data,
        periods=[_period_public(p, plan.slug) for p in periods],
    )


def list_focus_areas(session: Session, plan_slug: str | None = None) -> s.FocusAreasPublic:
    counts = dict(
        session.exec(select(Initiative.focus_area_id, func.count()).group_by(col(Initiative.focus_area_id))).all()
    )
    statement = select(FocusArea, Plan.slug).join(Plan, col(Plan.id) == FocusArea.plan_id)
    if plan_slug:
        get_plan_row(session, plan_slug)
        statement = statement.where(Plan.slug == plan_slug)
    rows = session.exec(statement.order_by(Plan.slug, col(FocusArea.number).is_(None), FocusArea.code)).all()
    data = [from_row(s.FocusAreaPublic, f, plan=slug, initiative_count=counts.get(f.id or 0, 0)) for f, slug in rows]
    return s.FocusAreasPublic(data=data, count=len(data))


def list_periods(session: Session, plan_slug: str | None = None, state: str | None = None) -> s.PeriodsPublic:
    statement = select(ReportingPeriod, Plan.slug).join(Plan, col(Plan.id) == ReportingPeriod.plan_id)
    if plan_slug:
        get_plan_row(session, plan_slug)
        statement = statement.where(Plan.slug == plan_slug)
    if state:
        statement = statement.where(ReportingPeriod.state == state)
    rows = session.exec(statement.order_by(col(Plan.slug), col(ReportingPeriod.starts))).all()
    data = [_period_public(p, slug) for p, slug in rows]
    return s.PeriodsPublic(data=data, count=len(data))


def list_organisations(session: Session) -> s.OrganisationsPublic:
    orgs = session.exec(select(Organisation).order_by(Organisation.code)).all()
    leads: dict[int, list[str]] = defaultdict(list)
    for code, lead_id in session.exec(select(Initiative.code, Initiative.lead_id).order_by(Initiative.code)).all():
        leads[lead_id].append(code)
    partners: dict[int, list[str]] = defaultdict(list)
    for code, org_id in session.exec(
        select(Initiative.code, InitiativePartner.organisation_id)
        .join(InitiativePartner, col(InitiativePartner.initiative_id) == Initiative.id)
        .order_by(Initiative.code)
    ).all():
        partners[org_id].append(code)
    data = [
        from_row(s.OrganisationPublic, o, leads=leads.get(o.id or 0, []), partners_in=partners.get(o.id or 0, []))
        for o in orgs
    ]
    return s.OrganisationsPublic(data=data, count=len(data))


def get_organisation(session: Session, code: str) -> s.OrganisationPublic:
    for org in list_organisations(session).data:
        if org.code == code:
            return org
    raise NotFound(f"No organisation with code {code!r}.")


def latest_approved_status(session: Session, initiative_ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    """For each initiative, (status, period label) of its most recent approved progress report."""
    if not initiative_ids:
        return {}
    rows = session.exec(
        select(ProgressReport.initiative_id, ProgressReport.status, ReportingPeriod.label)
        .join(ReportingPeriod, col(ReportingPeriod.id) == ProgressReport.period_id)
        .where(ProgressReport.state == ReportState.APPROVED)
        .where(col(ProgressReport.initiative_id).in_(initiative_ids))
        .order_by(col(ReportingPeriod.ends))
    ).all()
    latest: dict[int, tuple[str, str]] = {}
    for initiative_id, status, label in rows:
        latest[initiative_id] = (status, label)
    return latest


def _org_id(session: Session, code: str) -> int:
    org = session.exec(select(Organisation).where(Organisation.code == code)).first()
    if org is None or org.id is None:
        raise NotFound(f"No organisation with code {code!r}.")
    return org.id


def list_initiatives(
    session: Session,
    *,
    today: date,
    plan: str | None = None,
    focus_area: str | None = None,
    lead: str | None = None,
    partner: str | None = None,
    owner: str | None = None,
    overdue: bool | None = None,
    q: str | None = None,
    page: int = 1,
    page_size: int = 50,
) -> s.InitiativesPublic:
    statement = (
        select(Initiative, Plan.slug, FocusArea.code, Organisation)
        .join(Plan, col(Plan.id) == Initiative.plan_id)
        .join(FocusArea, col(FocusArea.id) == Initiative.focus_area_id)
        .join(Organisation, col(Organisation.id) == Initiative.lead_id)
    )
    if plan:
        get_plan_row(session, plan)
        statement = statement.where(Plan.slug == plan)
    if focus_area:
        statement = statement.where(FocusArea.code == focus_area)
    if lead:
        statement = statement.where(Initiative.lead_id == _org_id(session, lead))
    partner_of = select(InitiativePartner.initiative_id)
    if partner:
        statement = statement.where(
            col(Initiative.id).in_(partner_of.where(InitiativePartner.organisation_id == _org_id(session, partner)))
        )
    if owner:
        owner_id = _org_id(session, owner)
        statement = statement.where(
            or_(
                col(Initiative.lead_id) == owner_id,
                col(Initiative.id).in_(partner_of.where(InitiativePartner.organisation_id == owner_id)),
            )
        )
    if q:
        pattern = f"%{q.strip().lower()}%"
        statement = statement.where(
            or_(
                func.lower(Initiative.title_da).like(pattern),
                func.lower(Initiative.title_en).like(pattern),
                func.lower(Initiative.code).like(pattern),
            )
        )
    rows = session.exec(statement.order_by(Plan.slug, Initiative.code)).all()
    statuses = latest_approved_status(session, [i.id for i, *_ in rows if i.id is not None])
    summaries = []
    for initiative, plan_slug, area_code, lead_org in rows:
        status, status_period = statuses.get(initiative.id or 0, (None, None))
        late = is_overdue(initiative.deadline, status, today)
        if overdue is not None and late != overdue:
            continue
        summaries.append((initiative, plan_slug, area_code, lead_org, status, status_period, late))
    count = len(summaries)
    window = summaries[(page - 1) * page_size : page * page_size]
    partners = _partner_codes(session, [row[0].id for row in window if row[0].id is not None])
    data = [
        _initiative_summary(initiative, plan_slug, area_code, lead_org, partners, status, status_period, late)
        for initiative, plan_slug, area_code, lead_org, status, status_period, late in window
    ]
    return s.InitiativesPublic(data=data, count=count, page=page, page_size=page_size)


def _partner_codes(session: Session, initiative_ids: list[int]) -> dict[int, list[str]]:
    if not initiative_ids:
        return {}
    rows = session.exec(
        select(InitiativePartner.initiative_id, Organisation.code)
        .join(Organisation, col(Organisation.id) == InitiativePartner.organisation_id)
        .where(col(InitiativePartner.initiative_id).in_(initiative_ids))
        .order_by(Organisation.code)
    ).all()
    result: dict[int, list[str]] = defaultdict(list)
    for initiative_id, code in rows:
        result[initiative_id].append(code)
    return result


def _initiative_summary(
    initiative: Initiative,
    plan_slug: str,
    area_code: str,
    lead_org: Organisation,
    partners: dict[int, list[str]],
    status: str | None,
    status_period: str | None,
    late: bool,
) -> s.InitiativeSummary:
    return from_row(
        s.InitiativeSummary,
        initiative,
        plan=plan_slug,
        focus_area=area_code,
        lead=_org_ref(lead_org),
        partners=partners.get(initiative.id or 0, []),
        status=status,
        status_period=status_period,
        overdue=late,
    )


def get_initiative_row(session: Session, code: str) -> Initiative:
    initiative = session.exec(select(Initiative).where(Initiative.code == code)).first()
    if initiative is None:
        raise NotFound(f"No initiative with code {code!r}.")
    return initiative


def get_initiative(session: Session, code: str, *, today: date) -> s.InitiativeDetail:
    row = session.exec(
        select(Initiative, Plan, FocusArea.code, Organisation)
        .join(Plan, col(Plan.id) == Initiative.plan_id)
        .join(FocusArea, col(FocusArea.id) == Initiative.focus_area_id)
        .join(Organisation, col(Organisation.id) == Initiative.lead_id)
        .where(Initiative.code == code)
    ).first()
    if row is None:
        raise NotFound(f"No initiative with code {code!r}.")
    initiative, plan, area_code, lead_org = row
    assert initiative.id is not None
    status, status_period = latest_approved_status(session, [initiative.id]).get(initiative.id, (None, None))
    partner_orgs = session.exec(
        select(Organisation)
        .join(InitiativePartner, col(InitiativePartner.organisation_id) == Organisation.id)
        .where(InitiativePartner.initiative_id == initiative.id)
        .order_by(Organisation.code)
    ).all()
    milestones = session.exec(
        select(Milestone)
        .where(Milestone.initiative_id == initiative.id)
        .order_by(col(Milestone.due), col(Milestone.title))
    ).all()
    indicators = session.exec(
        select(Indicator).where(Indicator.initiative_id == initiative.id).order_by(Indicator.code)
    ).all()
    indicator_ids = [i.id for i in indicators if i.id is not None]
    targets: dict[int, list[s.TargetPublic]] = defaultdict(list)
    actuals: dict[int, list[s.ObservationPublic]] = defaultdict(list)
    if indicator_ids:
        for target, label in session.exec(
            select(Target, ReportingPeriod.label)
            .join(ReportingPeriod, col(ReportingPeriod.id) == Target.period_id)
            .where(col(Target.indicator_id).in_(indicator_ids))
            .order_by(col(ReportingPeriod.starts))
        ).all():
            targets[target.indicator_id].append(s.TargetPublic(period=label, value=target.value))
        for obs in session.exec(
            select(Observation)
            .where(col(Observation.indicator_id).in_(indicator_ids))
            .order_by(Observation.period, Observation.source_org, Observation.category)
        ).all():
            actuals[obs.indicator_id].append(from_row(s.ObservationPublic, obs))
    summary = _initiative_summary(
        initiative,
        plan.slug,
        area_code,
        lead_org,
        {initiative.id: [o.code for o in partner_orgs]},
        status,
        status_period,
        is_overdue(initiative.deadline, status, today),
    )
    return from_row(
        s.InitiativeDetail,
        initiative,
        **dict(summary),
        partner_organisations=[_org_ref(o) for o in partner_orgs],
        reconstruction_note=plan.reconstruction_note,
        milestones=[from_row(s.MilestonePublic, m) for m in milestones],
        indicators=[
            from_row(s.IndicatorPublic, i, targets=targets.get(i.id or 0, []), actuals=actuals.get(i.id or 0, []))
            for i in indicators
        ],
    )
