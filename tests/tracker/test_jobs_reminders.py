"""Reminders before a period's due date: one digest per organisation and step, never twice."""

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from actionplan.enums import ReportState
from tests.tracker.jobs_fixtures import (
    ADDRESSES,
    SEVEN_DAYS_BEFORE,
    give_addresses,
    lead_initiatives,
    mail_settings,
    set_report,
)
from tests.tracker.mailserver import html_body, text_body
from tracker.jobs import reminders
from tracker.jobs.reminders import active_step, send_reminders
from tracker.mail.models import OutboxMessage
from tracker.mail.sender import deliver_due


@pytest.fixture
def reporting(engine, plan_loaded):
    """The built-in plan with addresses; REDEN has submitted, one CMM initiative is approved, one LIGE is a draft."""
    give_addresses(engine)
    leads = lead_initiatives(engine)
    set_report(engine, leads["REDEN"][0], "2025-H2", ReportState.SUBMITTED)
    set_report(engine, leads["CMM"][0], "2025-H2", ReportState.APPROVED)
    set_report(engine, leads["LIGE"][0], "2025-H2", ReportState.DRAFT)
    return leads


def test_the_active_step_is_the_smallest_configured_day_not_yet_passed():
    steps = [14, 7, 1]
    assert active_step(20, steps) is None
    assert active_step(14, steps) == 14
    assert active_step(10, steps) == 14
    assert active_step(7, steps) == 7
    assert active_step(2, steps) == 7
    assert active_step(1, steps) == 1
    assert active_step(0, steps) == 1
    assert active_step(-1, steps) is None


def test_seven_days_before_the_due_date_each_organisation_with_missing_reports_gets_one_digest(
    engine, db_settings, reporting, smtp
):
    settings = mail_settings(db_settings, smtp)

    outcome = send_reminders(engine, settings, now=SEVEN_DAYS_BEFORE)
    delivered = deliver_due(engine, settings, now=SEVEN_DAYS_BEFORE)

    # REDEN submitted everything; RA leads an initiative but has no address (and the job says so).
    expected = sorted(ADDRESSES[code] for code in ("CMM", "LIGE", "UST", "HJEM", "JM", "RPOL"))
    assert smtp.recipients() == expected
    assert delivered.sent == 6
    period = outcome["periods"][0]
    assert period["step"] == 7
    assert period["skipped_no_address"] == ["RA"]
    assert "REDEN" not in period["queued"]

    cmm = next(m for m in smtp.messages if m["To"] == ADDRESSES["CMM"])
    body = text_body(cmm)
    assert "2025-H2" in str(cmm["Subject"])
    assert all(code in body for code in reporting["CMM"][1:])
    assert reporting["CMM"][0] not in body  # approved: not missing
    assert "https://tracker.example.dk/indberetning" in body
    assert "https://tracker.example.dk/import?periode=2025-H2&organisation=CMM" in body
    assert "/import?periode=2025-H2&amp;organisation=CMM" in html_body(cmm)
    lige = next(m for m in smtp.messages if m["To"] == ADDRESSES["LIGE"])
    assert reporting["LIGE"][0] in text_body(lige)  # a draft is still missing


def test_running_the_reminder_job_again_sends_nothing_new(engine, db_settings, reporting, smtp):
    settings = mail_settings(db_settings, smtp)
    send_reminders(engine, settings, now=SEVEN_DAYS_BEFORE)
    deliver_due(engine, settings, now=SEVEN_DAYS_BEFORE)

    # Later the same day, and the next day (still the 7-day step), as after a restart.
    again = send_reminders(engine, settings, now=SEVEN_DAYS_BEFORE + timedelta(hours=3))
    send_reminders(engine, settings, now=SEVEN_DAYS_BEFORE + timedelta(days=1))
    deliver_due(engine, settings, now=SEVEN_DAYS_BEFORE + timedelta(days=1))

    assert len(smtp.messages) == 6
    assert again["periods"][0]["queued"] == []
    assert len(again["periods"][0]["already_sent"]) == 6
    with Session(engine) as session:
        assert len(session.exec(select(OutboxMessage)).all()) == 6


def test_the_next_step_sends_a_new_digest_once(engine, db_settings, reporting, smtp):
    settings = mail_settings(db_settings, smtp)
    send_reminders(engine, settings, now=SEVEN_DAYS_BEFORE)
    one_day_before = SEVEN_DAYS_BEFORE + timedelta(days=6)
    send_reminders(engine, settings, now=one_day_before)
    send_reminders(engine, settings, now=one_day_before)
    deliver_due(engine, settings, now=one_day_before)

    assert len(smtp.messages) == 12
    assert sum("Om 1 dag," in text_body(m) for m in smtp.messages) == 6


def test_no_reminder_before_the_first_step_or_after_the_due_date(engine, db_settings, reporting, smtp):
    settings = mail_settings(db_settings, smtp)
    send_reminders(engine, settings, now=SEVEN_DAYS_BEFORE - timedelta(days=13))
    send_reminders(engine, settings, now=SEVEN_DAYS_BEFORE + timedelta(days=8))
    with Session(engine) as session:
        assert session.exec(select(OutboxMessage)).all() == []


def test_one_organisations_failure_does_not_stop_the_others(engine, db_settings, reporting, smtp, monkeypatch):
    settings = mail_settings(db_settings, smtp)
    real_render = reminders.render

    def render_failing_for_lige(kind, language, **context):
        if context["organisation"]["code"] == "LIGE":
            raise RuntimeError("template broke")
        return real_render(kind, language, **context)

    monkeypatch.setattr(reminders, "render", render_failing_for_lige)
    outcome = send_reminders(engine, settings, now=SEVEN_DAYS_BEFORE)
    deliver_due(engine, settings, now=SEVEN_DAYS_BEFORE)

    assert outcome["status"] == "partial"
    assert outcome["periods"][0]["failed"][0]["organisation"] == "LIGE"
    assert len(smtp.messages) == 5

    monkeypatch.setattr(reminders, "render", real_render)
    send_reminders(engine, settings, now=SEVEN_DAYS_BEFORE)
    deliver_due(engine, settings, now=SEVEN_DAYS_BEFORE)
    assert smtp.recipients().count(ADDRESSES["LIGE"]) == 1
    assert len(smtp.messages) == 6


def test_reminders_can_be_written_in_english(engine, db_settings, reporting, smtp):
    settings = mail_settings(db_settings, smtp, mail_language="en")
    send_reminders(engine, settings, now=SEVEN_DAYS_BEFORE)
    deliver_due(engine, settings, now=SEVEN_DAYS_BEFORE)
    message = smtp.messages[0]
    assert str(message["Subject"]).startswith("Reminder: progress reports for 2025-H2")
    assert "In 7 days," in text_body(message)
    assert message["Content-Language"] == "en"


def test_the_digest_tells_how_to_answer_no_change_in_one_call(engine, db_settings, reporting, smtp):
    settings = mail_settings(db_settings, smtp)
    send_reminders(engine, settings, now=SEVEN_DAYS_BEFORE)
    deliver_due(engine, settings, now=SEVEN_DAYS_BEFORE)
    body = text_body(smtp.messages[0])
    assert "POST https://tracker.example.dk/initiatives/<kode>/reports/2025-H2/no-change" in body


def test_after_downtime_across_two_steps_only_the_current_step_is_caught_up_once(engine, db_settings, reporting, smtp):
    settings = mail_settings(db_settings, smtp)
    # Down from 20 days before the due date until 5 days before: the 14- and 7-day slots were missed.
    back_up = SEVEN_DAYS_BEFORE + timedelta(days=2)
    first = send_reminders(engine, settings, now=back_up)
    send_reminders(engine, settings, now=back_up + timedelta(hours=1))
    deliver_due(engine, settings, now=back_up + timedelta(hours=1))

    assert first["periods"][0]["step"] == 7
    assert len(smtp.messages) == 6
    with Session(engine) as session:
        keys = session.exec(select(OutboxMessage.dedupe_key)).all()
    assert all(key.endswith(":7") for key in keys)
