"""Fault injection on mail: a server refusing some addresses, a server that is down and comes back.

A real SMTP server on loopback (tests/tracker/mailserver.py) plays the faults; nothing is mocked.
"""

import logging
from datetime import timedelta

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from tests.conftest import NOW
from tests.tracker.mailserver import MailServer
from tracker import cli
from tracker.health import problems
from tracker.mail.models import OutboxMessage
from tracker.mail.sender import deliver_due
from tracker.mail.service import enqueue
from tracker.mail.texts import RenderedMail
from tracker.settings import Settings

ORGANISATIONS = ["reden", "hjem", "lige", "ust", "rpol"]


def address(name: str) -> str:
    return f"{name}@example.dk"


def settings_for(db_settings: Settings, port: int) -> Settings:
    return db_settings.model_copy(
        update={"smtp_host": "127.0.0.1", "smtp_port": port, "smtp_timeout_seconds": 5.0, "mail_retry_base_seconds": 60}
    )


def queue_reminders(engine: Engine) -> None:
    with Session(engine) as session:
        for name in ORGANISATIONS:
            mail = RenderedMail(
                subject=f"Påmindelse {name}", text="Der mangler rapporter.", html="<p>x</p>", language="da"
            )
            enqueue(session, to=address(name), mail=mail, kind="reminder", dedupe_key=f"reminder:{name}", now=NOW)
        session.commit()


def states(engine: Engine, settings: Settings) -> dict[str, str]:
    with Session(engine) as session:
        rows = session.exec(select(OutboxMessage).order_by(col(OutboxMessage.id))).all()
    return {m.to_address.split("@")[0]: m.state(settings.mail_max_attempts) for m in rows}


def outbox(engine: Engine) -> dict[str, OutboxMessage]:
    with Session(engine) as session:
        return {m.to_address.split("@")[0]: m for m in session.exec(select(OutboxMessage)).all()}


def test_one_address_refused_for_good_and_one_for_now_the_others_delivered_at_once(engine, db_settings, smtp, caplog):
    settings = settings_for(db_settings, smtp.port)
    smtp.refuse = {address("hjem"): "550 5.1.1 Mailbox unavailable", address("ust"): "451 4.3.0 Try again later"}
    queue_reminders(engine)

    with caplog.at_level(logging.WARNING, logger="tracker"):
        result = deliver_due(engine, settings, now=NOW)

    assert sorted(smtp.recipients()) == [address("lige"), address("reden"), address("rpol")]
    assert (result.sent, result.refused, result.failed, result.given_up) == (3, 1, 1, 0)
    assert states(engine, settings) == {
        "reden": "sent",
        "hjem": "refused",
        "lige": "sent",
        "ust": "retrying",
        "rpol": "sent",
    }
    rows = outbox(engine)
    assert "550" in rows["hjem"].last_error
    assert "Mailbox unavailable" in rows["hjem"].last_error
    assert rows["ust"].attempts == 1
    assert "451" in rows["ust"].last_error
    # The delivered ones were each charged exactly their one successful attempt.
    assert [rows[n].attempts for n in ("reden", "lige", "rpol")] == [1, 1, 1]
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING and r.name.startswith("tracker")]
    assert len(warnings) == 1
    assert "example.dk" not in warnings[0].getMessage()

    # The temporary refusal lifts: the next run after the backoff sends that mail alone; the refused one stays.
    smtp.refuse = {address("hjem"): "550 5.1.1 Mailbox unavailable"}
    later = deliver_due(engine, settings, now=NOW + timedelta(minutes=2))
    assert (later.claimed, later.sent) == (1, 1)
    assert sorted(smtp.recipients()) == sorted(address(n) for n in ("lige", "reden", "rpol", "ust"))
    assert deliver_due(engine, settings, now=NOW + timedelta(days=2)).claimed == 0
    assert states(engine, settings)["hjem"] == "refused"
    assert any("refused by the mail server" in p for p in problems(engine, settings, now=NOW))
    # A week on, the refusal is history: it no longer degrades /health.
    assert problems(engine, settings, now=NOW + timedelta(days=8)) == []


def test_smtp_down_then_up_delivers_each_mail_once_and_health_says_why_meanwhile(engine, db_settings, caplog):
    server = MailServer()  # not started: nothing listens on its port
    settings = settings_for(db_settings, server.port)
    queue_reminders(engine)

    with caplog.at_level(logging.WARNING, logger="tracker"):
        down = deliver_due(engine, settings, now=NOW)
    assert (down.claimed, down.sent, down.failed) == (5, 0, 5)
    assert set(states(engine, settings).values()) == {"retrying"}
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) == 1
    assert problems(engine, settings, now=NOW) == []
    reasons = problems(engine, settings, now=NOW + timedelta(minutes=20))
    assert len(reasons) == 1
    assert reasons[0].startswith("mail not delivered: the oldest unsent mail has waited 20 min")

    server.start()
    try:
        # Too early for the backoff: nothing is tried.
        assert deliver_due(engine, settings, now=NOW + timedelta(seconds=30)).claimed == 0
        up = deliver_due(engine, settings, now=NOW + timedelta(minutes=2))
        again = deliver_due(engine, settings, now=NOW + timedelta(hours=1))
        assert (up.sent, again.claimed) == (5, 0)
        assert sorted(server.recipients()) == sorted(address(n) for n in ORGANISATIONS)
    finally:
        server.stop()
    assert set(states(engine, settings).values()) == {"sent"}
    assert problems(engine, settings, now=NOW + timedelta(hours=1)) == []


def test_mail_given_up_after_the_last_attempt_shows_as_given_up(engine, db_settings):
    server = MailServer()
    settings = settings_for(db_settings, server.port).model_copy(update={"mail_max_attempts": 2})
    queue_reminders(engine)
    deliver_due(engine, settings, now=NOW)
    deliver_due(engine, settings, now=NOW + timedelta(hours=1))
    assert set(states(engine, settings).values()) == {"given up"}
    assert any("5 mails given up after 2 attempts in the last 7 days" in p for p in problems(engine, settings, now=NOW))


def test_the_outbox_command_shows_each_state(engine, db_settings, smtp, monkeypatch, capsys):
    settings = settings_for(db_settings, smtp.port)
    smtp.refuse = {address("hjem"): "550 5.1.1 Mailbox unavailable", address("ust"): "451 4.3.0 Try again later"}
    queue_reminders(engine)
    with Session(engine) as session:
        mail = RenderedMail(subject="s", text="t", html="<p>t</p>", language="da")
        enqueue(
            session, to=address("later"), mail=mail, kind="reminder", dedupe_key="later", now=NOW + timedelta(days=1)
        )
        session.commit()
    deliver_due(engine, settings, now=NOW)
    monkeypatch.setenv("TRACKER_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("TRACKER_ENVIRONMENT", "test")
    monkeypatch.setenv("COLUMNS", "200")  # the console reads it when printing (tracker/console.py)
    assert cli.main(["mail", "outbox"]) == 0
    printed = capsys.readouterr().out
    for state in ("waiting", "retrying", "sent", "refused"):
        assert state in printed
    assert "550" in printed
