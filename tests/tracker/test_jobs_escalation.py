"""The escalation ladder: after the due date the organisation again, then the secretariat; returned reports."""

from datetime import UTC, datetime, timedelta

import pytest

from actionplan.enums import ReportState
from tests.tracker.jobs_fixtures import (
    ADDRESSES,
    SECRETARIAT,
    give_addresses,
    lead_initiatives,
    mail_settings,
    set_report,
)
from tests.tracker.mailserver import text_body
from tracker.jobs.escalation import escalate, reached_step
from tracker.mail.sender import deliver_due

DUE = datetime(2026, 1, 31, 9, 0, tzinfo=UTC)


@pytest.fixture
def reporting(engine, plan_loaded):
    give_addresses(engine)
    leads = lead_initiatives(engine)
    set_report(engine, leads["REDEN"][0], "2025-H2", ReportState.SUBMITTED)
    return leads


def run(engine, settings, now):
    outcome = escalate(engine, settings, now=now)
    deliver_due(engine, settings, now=now)
    return outcome


def test_the_reached_step_is_the_largest_configured_day_already_passed():
    assert reached_step(0, [1]) is None
    assert reached_step(1, [1]) == 1
    assert reached_step(6, [1, 7]) == 1
    assert reached_step(30, [1, 7]) == 7


def test_the_day_after_the_due_date_each_organisation_is_told_again_once(engine, db_settings, reporting, smtp):
    settings = mail_settings(db_settings, smtp)
    assert run(engine, settings, DUE)["organisations"] == []  # on the due date itself: nothing yet
    run(engine, settings, DUE + timedelta(days=1))
    run(engine, settings, DUE + timedelta(days=2))

    expected = sorted(ADDRESSES[c] for c in ("CMM", "LIGE", "UST", "HJEM", "JM", "RPOL"))
    assert smtp.recipients() == expected
    assert all(str(m["Subject"]).startswith("Overskredet frist") for m in smtp.messages)


def test_a_week_after_the_due_date_the_secretariat_gets_one_digest_of_everything_missing(
    engine, db_settings, reporting, smtp
):
    settings = mail_settings(db_settings, smtp)
    run(engine, settings, DUE + timedelta(days=7))
    run(engine, settings, DUE + timedelta(days=8))

    digests = [m for m in smtp.messages if m["To"] == SECRETARIAT]
    assert len(digests) == 1
    body = text_body(digests[0])
    missing = sum(len(codes) for org, codes in reporting.items() if org != "REDEN")
    assert f"({missing} i alt)" in body
    # The organisation without an address is listed, and flagged.
    assert "RA " in body
    assert "ingen e-mailadresse registreret" in body
    assert reporting["REDEN"][0] not in body


def test_without_a_secretariat_address_the_job_says_so(engine, db_settings, reporting, smtp):
    settings = mail_settings(db_settings, smtp, secretariat_email=None)
    outcome = run(engine, settings, DUE + timedelta(days=7))
    assert outcome["secretariat"][0]["skipped"] == "TRACKER_SECRETARIAT_EMAIL is not set"


def test_a_returned_report_not_resubmitted_in_time_escalates_once(engine, db_settings, reporting, smtp):
    settings = mail_settings(db_settings, smtp, returned_escalation_days=5, escalation_organisation_days=[100])
    returned_at = DUE - timedelta(days=20)
    set_report(engine, reporting["UST"][0], "2025-H1", ReportState.RETURNED, returned_at=returned_at)

    early = escalate(engine, settings, now=returned_at + timedelta(days=4))
    assert early["returned"]["reports"] == 0
    escalate(engine, settings, now=returned_at + timedelta(days=5))
    escalate(engine, settings, now=returned_at + timedelta(days=6))
    deliver_due(engine, settings, now=returned_at + timedelta(days=6))

    assert smtp.recipients() == sorted([ADDRESSES["UST"], SECRETARIAT])
    assert reporting["UST"][0] in str(smtp.messages[0]["Subject"])
