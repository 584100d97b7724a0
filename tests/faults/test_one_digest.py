"""One mail per recipient per run, each notice once; one briefing per month."""

from datetime import UTC, date, datetime, timedelta

from sqlmodel import Session, select

from actionplan.enums import ReportState
from actionplan.models import Plan, ReportingPeriod
from tests.tracker.jobs_fixtures import (
    ADDRESSES,
    MINISTER,
    SECRETARIAT,
    give_addresses,
    lead_initiatives,
    mail_settings,
    set_report,
)
from tests.tracker.mailserver import text_body
from tracker.jobs.briefings import send_briefings
from tracker.jobs.escalation import escalate
from tracker.mail.sender import deliver_due

DUE = datetime(2026, 1, 31, 9, 0, tzinfo=UTC)  # 2025-H2


def test_an_overdue_notice_and_a_returned_report_reach_the_organisation_as_one_mail(
    engine, db_settings, plan_loaded, smtp
):
    settings = mail_settings(db_settings, smtp, returned_escalation_days=7)
    give_addresses(engine)
    leads = lead_initiatives(engine)
    returned_at = DUE - timedelta(days=6)
    set_report(engine, leads["UST"][0], "2025-H1", ReportState.RETURNED, returned_at=returned_at)

    day_after = DUE + timedelta(days=1)
    outcome = escalate(engine, settings, now=day_after)
    deliver_due(engine, settings, now=day_after)
    to_ust = [m for m in smtp.messages if m["To"] == ADDRESSES["UST"]]
    assert len(to_ust) == 1
    body = text_body(to_ust[0])
    assert leads["UST"][0] in body  # the returned report
    assert "2025-H2" in body  # the overdue period
    assert str(to_ust[0]["Subject"]).startswith("2 meddelelser")
    assert "UST" in outcome["organisations"][0]["queued"]
    assert outcome["returned"]["queued"] == 2  # UST and the secretariat
    # Every recipient got exactly one mail in this run.
    recipients = [str(m["To"]) for m in smtp.messages]
    assert len(recipients) == len(set(recipients))
    assert SECRETARIAT in recipients

    # The next run repeats nothing; a later step brings only what is new.
    escalate(engine, settings, now=day_after + timedelta(hours=1))
    deliver_due(engine, settings, now=day_after + timedelta(hours=1))
    assert len(smtp.messages) == len(recipients)
    escalate(engine, settings, now=DUE + timedelta(days=7))
    deliver_due(engine, settings, now=DUE + timedelta(days=7))
    new = smtp.messages[len(recipients) :]
    assert [str(m["To"]) for m in new] == [SECRETARIAT]
    assert str(new[0]["Subject"]).startswith("Eskalering") or "2025-H2" in str(new[0]["Subject"])


def test_no_second_briefing_for_the_same_month(engine, db_settings, plan_loaded, smtp):
    settings = mail_settings(db_settings, smtp)
    with Session(engine) as session:
        plan = session.exec(select(Plan)).one()
        assert plan.id is not None
        # A period whose briefing falls due on 30 November 2026 (due date + 7 days' grace).
        session.add(
            ReportingPeriod(
                plan_id=plan.id,
                label="2026-EKSTRA",
                starts=date(2026, 5, 1),
                ends=date(2026, 10, 31),
                due=date(2026, 11, 23),
            )
        )
        session.commit()
    november_30 = datetime(2026, 11, 30, 6, 30, tzinfo=UTC)
    december_1 = datetime(2026, 12, 1, 6, 30, tzinfo=UTC)  # the first working day of December
    first = send_briefings(engine, settings, now=november_30)
    second = send_briefings(engine, settings, now=december_1)
    deliver_due(engine, settings, now=december_1)
    assert len(first["briefed"]) == 1
    assert second["briefed"] == []
    later = send_briefings(engine, settings, now=datetime(2026, 12, 15, 6, 30, tzinfo=UTC))
    assert later["briefed"] == []
    assert later["already_sent"] == ["briefing:monthly:mh-2022-2025:2026-12"]
    assert [str(m["To"]) for m in smtp.messages] == [MINISTER]
    # January's monthly briefing covers December, which had none: it goes out.
    january = send_briefings(engine, settings, now=datetime(2027, 1, 4, 6, 30, tzinfo=UTC))
    assert len(january["briefed"]) == 1
