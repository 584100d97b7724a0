"""Scheduled briefings: the status report is stored as a snapshot and the minister's office gets its link."""

from datetime import UTC, date, datetime

from sqlmodel import Session, select

from tests.tracker.jobs_fixtures import MINISTER, give_addresses, mail_settings
from tests.tracker.mailserver import text_body
from tracker.issued.models import ReportSnapshot
from tracker.jobs.briefings import first_working_day, send_briefings
from tracker.mail.sender import deliver_due

# Monday 2 February 2026: the first working day of the month (1 February is a Sunday).
FIRST_WORKING_DAY = datetime(2026, 2, 2, 8, 0, tzinfo=UTC)


def snapshots(engine) -> list[ReportSnapshot]:
    with Session(engine) as session:
        return list(session.exec(select(ReportSnapshot).order_by(ReportSnapshot.id)).all())


def test_the_first_working_day_skips_weekends_and_danish_holidays():
    assert first_working_day(2026, 2) == date(2026, 2, 2)
    assert first_working_day(2026, 1) == date(2026, 1, 2)  # New Year's Day
    assert first_working_day(2024, 4) == date(2024, 4, 2)  # Easter Monday
    assert first_working_day(2026, 8) == date(2026, 8, 3)  # 1 August is a Saturday


def test_the_monthly_briefing_is_stored_as_a_snapshot_and_its_link_mailed_to_the_ministers_office(
    engine, db_settings, plan_loaded, smtp
):
    give_addresses(engine)
    settings = mail_settings(db_settings, smtp)

    outcome = send_briefings(engine, settings, now=FIRST_WORKING_DAY)
    deliver_due(engine, settings, now=FIRST_WORKING_DAY)

    [snapshot] = snapshots(engine)
    assert (snapshot.format, snapshot.language, snapshot.public) == ("pdf", "da", False)
    assert snapshot.period_label == "2025-H2"
    assert outcome["briefed"] == [{"key": "briefing:monthly:mh-2022-2025:2026-02", "snapshot": snapshot.id}]
    [message] = smtp.messages
    assert message["To"] == MINISTER
    assert f"https://tracker.example.dk/overblik/statusrapporter/{snapshot.id}" in text_body(message)


def test_a_briefing_is_made_once_per_month_even_if_the_job_runs_again(engine, db_settings, plan_loaded, smtp):
    settings = mail_settings(db_settings, smtp)
    send_briefings(engine, settings, now=FIRST_WORKING_DAY)
    again = send_briefings(engine, settings, now=FIRST_WORKING_DAY.replace(day=3))
    deliver_due(engine, settings, now=FIRST_WORKING_DAY.replace(day=3))

    assert again["already_sent"] == ["briefing:monthly:mh-2022-2025:2026-02"]
    assert len(snapshots(engine)) == 1
    assert len(smtp.messages) == 1


def test_after_the_due_date_and_grace_window_the_period_is_briefed_too(engine, db_settings, plan_loaded, smtp):
    settings = mail_settings(db_settings, smtp, briefing_grace_days=7)
    # 31 January + 7 days = 7 February; on the 9th the period briefing is owed, and (caught up) the month's:
    # one briefing per run, the period's, stands for both.
    outcome = send_briefings(engine, settings, now=datetime(2026, 2, 9, 8, 0, tzinfo=UTC))
    keys = sorted(item["key"] for item in outcome["briefed"])
    assert keys == ["briefing:period:mh-2022-2025:2025-H2"]
    assert len(snapshots(engine)) == 1
    later = send_briefings(engine, settings, now=datetime(2026, 2, 25, 8, 0, tzinfo=UTC))
    assert later["briefed"] == []


def test_without_the_ministers_address_no_briefing_is_made(engine, db_settings, plan_loaded, smtp):
    settings = mail_settings(db_settings, smtp, minister_office_email=None)
    outcome = send_briefings(engine, settings, now=FIRST_WORKING_DAY)
    assert outcome == {"skipped": "TRACKER_MINISTER_OFFICE_EMAIL is not set"}
    assert snapshots(engine) == []
