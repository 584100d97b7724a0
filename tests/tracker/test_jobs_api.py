"""GET /jobs and the `tracker jobs` commands: what runs when, and what came of it."""

import json
from datetime import UTC, datetime, timedelta

from tests.tracker.jobs_fixtures import SEVEN_DAYS_BEFORE, give_addresses, mail_settings
from tracker.auth.models import Role
from tracker.cli import main
from tracker.jobs.escalation import escalate
from tracker.jobs.registry import JOBS
from tracker.jobs.runs import run_job


def test_the_secretariat_sees_every_job_with_its_next_and_last_run(
    client, engine, db_settings, plan_loaded, make_headers, smtp
):
    give_addresses(engine)
    settings = mail_settings(db_settings, smtp)
    run_job("reminders", engine, settings, now=SEVEN_DAYS_BEFORE, runner="test", trigger="cli")

    response = client.get("/jobs", headers=make_headers("CMM", Role.SECRETARIAT))

    assert response.status_code == 200
    body = response.json()
    assert [job["name"] for job in body["data"]] == [spec.name for spec in JOBS]
    jobs = {job["name"]: job for job in body["data"]}
    assert all(job["next_run_at"] for job in body["data"])
    assert jobs["reminders"]["schedule"] == "daily 07:00"
    assert jobs["send_mail"]["schedule"] == "every 30 s"
    last = jobs["reminders"]["last_run"]
    assert last["ok"] is True
    assert (last["trigger"], last["process"]) == ("cli", "test")
    assert len(last["result"]["periods"][0]["queued"]) == 7
    assert jobs["briefings"]["last_run"] is None
    assert body["outbox"] == {"waiting": 7, "retrying": 0, "sent": 0, "given_up": 0, "refused": 0}
    assert body["scheduler"] == {"enabled": False}


def test_reporters_may_not_see_the_jobs(client, plan_loaded, make_headers):
    response = client.get("/jobs", headers=make_headers("REDEN", Role.REPORTER))
    assert response.status_code == 403


def test_a_failing_job_is_recorded_with_its_error(engine, db_settings, plan_loaded, monkeypatch):
    from tracker.jobs import registry, runs

    def broken(engine, settings, *, now):
        raise RuntimeError("mail server on fire")

    jobs = [registry.JobSpec(s.name, "", broken, s.trigger) if s.name == "escalation" else s for s in registry.JOBS]
    monkeypatch.setattr(runs, "JOBS", jobs)
    run = run_job("escalation", engine, db_settings, now=SEVEN_DAYS_BEFORE, runner="test")
    assert run.ok is False
    assert run.error == "RuntimeError: mail server on fire"


def test_tracker_jobs_run_runs_one_job_once_at_the_given_moment(
    engine, db_settings, plan_loaded, smtp, monkeypatch, capsys
):
    give_addresses(engine)
    monkeypatch.setenv("TRACKER_DATABASE_URL", db_settings.database_url)
    monkeypatch.setenv("TRACKER_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("TRACKER_SMTP_PORT", str(smtp.port))

    assert main(["jobs", "run", "reminders", "--now", "2026-01-24T09:00:00Z"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["job"] == "reminders"
    assert len(printed["result"]["periods"][0]["queued"]) == 7
    # What the job queued is delivered at once, with the same clock.
    assert printed["mail"]["sent"] == 7

    assert main(["jobs", "run", "send_mail", "--now", "2026-01-24T09:01:00Z"]) == 0
    assert json.loads(capsys.readouterr().out)["result"]["claimed"] == 0
    assert len(smtp.messages) == 7

    assert main(["jobs", "list"]) == 0
    listing = capsys.readouterr().out
    assert "reminders" in listing
    assert "7 sent" in listing


def test_the_autolock_job_locks_periods_long_past_their_due_date(engine, db_settings, plan_loaded):
    settings = db_settings.model_copy(update={"period_autolock_days": 30})
    run = run_job("autolock_periods", engine, settings, now=datetime(2026, 3, 5, 9, tzinfo=UTC), runner="test")
    again = run_job("autolock_periods", engine, settings, now=datetime(2026, 3, 5, 10, tzinfo=UTC), runner="test")
    assert run.ok is True
    assert len(run.result["locked"]) == 1
    assert "2025-H2" in run.result["locked"][0]
    assert again.result == {"locked": []}


def test_nothing_escalates_for_a_period_past_its_automatic_lock(engine, db_settings, plan_loaded, smtp):
    give_addresses(engine)
    settings = mail_settings(db_settings, smtp, period_autolock_days=10)
    due = datetime(2026, 1, 31, 9, tzinfo=UTC)
    assert escalate(engine, settings, now=due + timedelta(days=8))["organisations"] != []
    late = escalate(engine, settings, now=due + timedelta(days=12))
    assert (late["organisations"], late["secretariat"]) == ([], [])


def test_tracker_mail_address_sets_where_an_organisations_reminders_go(engine, db_settings, plan_loaded, monkeypatch):
    from sqlmodel import Session, select

    from actionplan.models import Organisation

    monkeypatch.setenv("TRACKER_DATABASE_URL", db_settings.database_url)
    assert main(["mail", "address", "REDEN", "kontakt@reden.dk"]) == 0
    assert main(["mail", "address", "NOPE", "x@y.dk"]) == 2
    with Session(engine) as session:
        reden = session.exec(select(Organisation).where(Organisation.code == "REDEN")).one()
    assert reden.contact_email == "kontakt@reden.dk"


def test_tracker_mail_test_sends_through_the_configured_server(db_settings, smtp, monkeypatch):
    monkeypatch.setenv("TRACKER_DATABASE_URL", db_settings.database_url)
    monkeypatch.setenv("TRACKER_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("TRACKER_SMTP_PORT", str(smtp.port))
    assert main(["mail", "test", "drift@example.dk"]) == 0
    assert smtp.recipients() == ["drift@example.dk"]


def test_the_purge_job_forgets_idempotency_keys_after_their_retention(
    client, engine, db_settings, plan_loaded, make_headers
):
    reden = make_headers("REDEN", Role.REPORTER) | {"Idempotency-Key": "retry-1"}
    body = {"status": "on_track", "narrative": "Åbent hele perioden."}
    first = client.put("/initiatives/MH22-2.1/reports/2025-H2", json=body, headers=reden)
    assert first.status_code == 201
    soon = run_job(
        "purge_idempotency_keys", engine, db_settings, now=datetime(2026, 11, 30, 9, tzinfo=UTC), runner="test"
    )
    later = run_job(
        "purge_idempotency_keys", engine, db_settings, now=datetime(2026, 12, 5, 9, tzinfo=UTC), runner="test"
    )
    assert (soon.result, later.result) == ({"deleted": 0}, {"deleted": 1})
