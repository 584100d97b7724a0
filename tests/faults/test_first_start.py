"""First contact is never a 300-day-old notice; the built-in plan is never loaded as a side effect;
`jobs run --now` delivers what it queued; import batches are not kept forever."""

from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session, select

from actionplan.enums import ReportState
from actionplan.models import Plan, ReportingPeriod
from actionplan.progress import ProgressReport
from tests.conftest import NOW
from tests.faults.support import invalid_progress_workbook
from tests.tracker.jobs_fixtures import give_addresses, lead_initiatives, mail_settings, set_report
from tracker.cli import main
from tracker.imports.models import ImportBatch
from tracker.jobs.escalation import escalate, reached_step
from tracker.jobs.runs import run_job
from tracker.mail.models import OutboxMessage
from tracker.mail.sender import deliver_due

DUE = datetime(2026, 1, 31, 9, 0, tzinfo=UTC)  # 2025-H2, the built-in plan's last period


def test_a_step_reached_longer_ago_than_the_catch_up_window_is_not_sent():
    assert reached_step(1, [1], catchup_days=14) == 1
    assert reached_step(15, [1], catchup_days=14) == 1
    assert reached_step(16, [1], catchup_days=14) is None
    assert reached_step(21, [1, 7], catchup_days=14) == 7
    assert reached_step(302, [1, 7], catchup_days=14) is None


def test_a_first_start_long_after_the_due_dates_sends_no_overdue_notices(engine, db_settings, plan_loaded, smtp):
    settings = mail_settings(db_settings, smtp)
    give_addresses(engine)
    leads = lead_initiatives(engine)
    report_id = set_report(engine, leads["REDEN"][0], "2025-H2", ReportState.RETURNED)
    with Session(engine) as session:
        report = session.get(ProgressReport, report_id)
        assert report is not None
        report.returned_at = DUE - timedelta(days=30)
        session.add(report)
        session.commit()

    # 29 November 2026: every period is long overdue and the report was returned 10 months ago.
    outcome = escalate(engine, settings, now=NOW)
    deliver_due(engine, settings, now=NOW)
    assert outcome["organisations"] == []
    assert outcome["secretariat"] == []
    assert outcome["returned"]["queued"] == 0
    assert smtp.messages == []

    # Within the window the ladder still works: the day after the due date, and the secretariat on day 7.
    escalate(engine, settings, now=DUE + timedelta(days=1))
    escalate(engine, settings, now=DUE + timedelta(days=7))
    deliver_due(engine, settings, now=DUE + timedelta(days=7))
    kinds = sorted({str(m["X-Tracker-Mail"]).split(":")[0] for m in smtp.messages})
    assert kinds == ["escalation", "overdue"]


def test_import_on_an_empty_database_does_not_load_the_built_in_plan(db_settings, engine, monkeypatch, tmp_path):
    monkeypatch.setenv("TRACKER_DATABASE_URL", db_settings.database_url)
    monkeypatch.setenv("TRACKER_ENVIRONMENT", "test")
    workbook = invalid_progress_workbook(tmp_path / "other.xlsx", rows=3)
    assert main(["import", str(workbook)]) == 2  # no organisation to act for: a clear error
    assert main(["template", "--period", "2025-H2", "--organisation", "REDEN"]) != 0
    with Session(engine) as session:
        assert session.exec(select(Plan)).all() == []


def test_jobs_run_with_now_in_the_future_delivers_what_it_queued(
    db_settings, engine, plan_loaded, smtp, monkeypatch, capsys
):
    settings = mail_settings(db_settings, smtp)
    give_addresses(engine)
    for name, value in {
        "TRACKER_DATABASE_URL": settings.database_url,
        "TRACKER_ENVIRONMENT": "test",
        "TRACKER_SMTP_HOST": "127.0.0.1",
        "TRACKER_SMTP_PORT": str(smtp.port),
        "TRACKER_SECRETARIAT_EMAIL": "sekretariat@example.dk",
    }.items():
        monkeypatch.setenv(name, value)
    # A period due 30 days from the machine's today; the drill pretends it is 7 days before that.
    due = (datetime.now(UTC) + timedelta(days=30)).date()
    with Session(engine) as session:
        plan = session.exec(select(Plan)).one()
        assert plan.id is not None
        session.add(
            ReportingPeriod(
                plan_id=plan.id, label="2025-EKSTRA", starts=date(2025, 7, 1), ends=date(2025, 12, 31), due=due
            )
        )
        session.commit()
    drill = datetime.combine(due - timedelta(days=7), time(8), tzinfo=UTC)
    assert main(["jobs", "run", "reminders", "--now", drill.isoformat()]) == 0
    printed = capsys.readouterr().out
    assert '"mail"' in printed
    with Session(engine) as session:
        queued = session.exec(select(OutboxMessage)).all()
    assert queued
    assert all(m.next_attempt_at.replace(tzinfo=UTC) > datetime.now(UTC) for m in queued)  # dated in the future
    assert all(m.sent_at is not None for m in queued)
    assert len(smtp.messages) == len(queued)


def test_rejected_and_dry_run_batches_are_purged_after_the_retention(db_settings, engine, plan_loaded):
    with Session(engine) as session:
        for days_ago, dry_run, result in [
            (40, True, "dry-run"),
            (40, False, "rejected"),
            (40, False, "applied"),
            (5, False, "rejected"),
        ]:
            session.add(
                ImportBatch(
                    sha256="0" * 64,
                    kind="progress",
                    filename="x.xlsx",
                    actor="test",
                    dry_run=dry_run,
                    result=result,
                    annotated=b"x" * 1000,
                    at=NOW - timedelta(days=days_ago),
                )
            )
        session.commit()
    run = run_job("purge_import_batches", engine, db_settings, now=NOW, runner="test")
    assert run.ok
    assert run.result == {"deleted": 2}
    with Session(engine) as session:
        kept = sorted((b.result, (NOW - b.at.replace(tzinfo=UTC)).days) for b in session.exec(select(ImportBatch)))
    assert kept == [("applied", 40), ("rejected", 5)]
