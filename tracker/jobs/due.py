"""What is missing: initiatives without a submitted or approved progress report for a period."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from actionplan.enums import PeriodState
from actionplan.models import Initiative, Organisation, Plan, ReportingPeriod
from actionplan.progress import ProgressReport
from actionplan.rules import SUBMITTED_OR_LATER
from tracker.progress.workflow import is_period_locked
from tracker.settings import Settings


@dataclass(frozen=True)
class MissingInitiative:
    code: str
    title: str


@dataclass(frozen=True)
class OrganisationDue:
    id: int
    code: str
    name: str
    email: str | None
    initiatives: list[MissingInitiative]


@dataclass(frozen=True)
class PeriodRef:
    id: int
    plan_slug: str
    label: str
    due: date


def local_today(now: datetime, settings: Settings) -> date:
    """The date in the service's time zone (Europe/Copenhagen) at `now`."""
    return now.astimezone(settings.tz).date()


def open_periods(session: Session, settings: Settings, today: date) -> list[PeriodRef]:
    """Periods still taking reports: open, and not yet past the automatic lock (as the due list sees them)."""
    rows = session.exec(
        select(ReportingPeriod, Plan.slug)
        .join(Plan, col(Plan.id) == ReportingPeriod.plan_id)
        .where(ReportingPeriod.state == PeriodState.OPEN)
        .order_by(col(ReportingPeriod.due), col(ReportingPeriod.id))
    ).all()
    return [
        PeriodRef(id=p.id or 0, plan_slug=slug, label=p.label, due=p.due)
        for p, slug in rows
        if not is_period_locked(p.state, p.due, today, settings.period_autolock_days)
    ]


def missing_by_organisation(session: Session, period: PeriodRef, language: str) -> list[OrganisationDue]:
    """Each lead organisation with the initiatives it has not yet submitted a report for in `period`."""
    reporting_period = session.get(ReportingPeriod, period.id)
    assert reporting_period is not None
    done = select(ProgressReport.initiative_id).where(
        ProgressReport.period_id == period.id, col(ProgressReport.state).in_(list(SUBMITTED_OR_LATER))
    )
    rows = session.exec(
        select(Initiative, Organisation)
        .join(Organisation, col(Organisation.id) == Initiative.lead_id)
        .where(
            Initiative.plan_id == reporting_period.plan_id,
            col(Initiative.id).not_in(done),
            # As in the due list: nothing to report before an initiative starts or after its deadline.
            (col(Initiative.starts).is_(None)) | (col(Initiative.starts) <= reporting_period.ends),
            (col(Initiative.deadline).is_(None)) | (col(Initiative.deadline) >= reporting_period.starts),
        )
        .order_by(col(Organisation.code), col(Initiative.code))
    ).all()
    grouped: dict[int, OrganisationDue] = {}
    for initiative, organisation in rows:
        org_id = organisation.id or 0
        if org_id not in grouped:
            grouped[org_id] = OrganisationDue(
                id=org_id,
                code=organisation.code,
                name=organisation.name_en if language == "en" else organisation.name_da,
                email=organisation.contact_email or None,
                initiatives=[],
            )
        title = initiative.title_en if language == "en" else initiative.title_da
        grouped[org_id].initiatives.append(MissingInitiative(code=initiative.code, title=title))
    return list(grouped.values())


def format_date(day: date, language: str) -> str:
    return day.strftime("%d.%m.%Y") if language == "da" else day.isoformat()
