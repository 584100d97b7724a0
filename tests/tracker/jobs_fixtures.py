"""Shared set-up for the mail and job tests: settings pointing at a loopback SMTP server, addresses, reports."""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from actionplan.enums import ReportState
from actionplan.models import Initiative, Organisation, ReportingPeriod
from actionplan.progress import ProgressReport
from tests.tracker.mailserver import MailServer
from tracker.settings import Settings

# Seven days before the built-in plan's open period 2025-H2 is due (31 January 2026).
SEVEN_DAYS_BEFORE = datetime(2026, 1, 24, 9, 0, tzinfo=UTC)
# Lead organisations that get an address; RA leads an initiative but has none.
ADDRESSES = {
    "CMM": "cmm@example.dk",
    "LIGE": "lige@example.dk",
    "UST": "ust@example.dk",
    "REDEN": "reden@example.dk",
    "HJEM": "hjem@example.dk",
    "JM": "jm@example.dk",
    "RPOL": "rpol@example.dk",
}
SECRETARIAT = "sekretariat@example.dk"
MINISTER = "minister@example.dk"


def mail_settings(db_settings: Settings, server: MailServer, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "smtp_host": "127.0.0.1",
        "smtp_port": server.port,
        "smtp_timeout_seconds": 5.0,
        "secretariat_email": SECRETARIAT,
        "minister_office_email": MINISTER,
        "base_url": "https://tracker.example.dk",
        "mail_from": "tracker@example.dk",
        **overrides,
    }
    return db_settings.model_copy(update=values)


def give_addresses(engine: Engine) -> None:
    with Session(engine) as session:
        for organisation in session.exec(select(Organisation)).all():
            organisation.contact_email = ADDRESSES.get(organisation.code)
            session.add(organisation)
        session.commit()


def set_report(engine: Engine, initiative_code: str, period_label: str, state: ReportState, **fields: Any) -> int:
    """Give an initiative a progress report in `state` for a period of the built-in plan."""
    with Session(engine) as session:
        initiative = session.exec(select(Initiative).where(Initiative.code == initiative_code)).one()
        period = session.exec(
            select(ReportingPeriod).where(
                ReportingPeriod.plan_id == initiative.plan_id, ReportingPeriod.label == period_label
            )
        ).one()
        report = ProgressReport(
            initiative_id=initiative.id or 0,
            period_id=period.id or 0,
            organisation_id=initiative.lead_id,
            state=state,
            **fields,
        )
        session.add(report)
        session.commit()
        return report.id or 0


def lead_initiatives(engine: Engine) -> dict[str, list[str]]:
    """Organisation code -> codes of the initiatives it leads."""
    with Session(engine) as session:
        rows = session.exec(
            select(Organisation.code, Initiative.code).join(Initiative, col(Initiative.lead_id) == Organisation.id)
        ).all()
    leads: dict[str, list[str]] = {}
    for org, initiative in rows:
        leads.setdefault(org, []).append(initiative)
    return {org: sorted(codes) for org, codes in leads.items()}
