"""What is missing, for reminders and escalation: per organisation, the initiatives without a submitted or
approved report for an open period (when a report is expected: `tracker.progress.expected`)."""

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from actionplan.models import Initiative, Organisation, Plan, ReportingPeriod
from actionplan.progress import ProgressReport
from actionplan.rules import SUBMITTED_OR_LATER
from tracker.progress import expected
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


def open_periods(session: Session, settings: Settings, today: date) -> list[PeriodRef]:
    """Periods still taking reports (as the due list sees them), with their plan's slug."""
    periods = expected.open_periods(session, settings, today)
    slugs = dict(session.exec(select(Plan.id, Plan.slug)).all())
    return [PeriodRef(id=p.id or 0, plan_slug=slugs[p.plan_id], label=p.label, due=p.due) for p in periods]


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
            expected.expected_in(reporting_period),
            col(Initiative.id).not_in(done),
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
