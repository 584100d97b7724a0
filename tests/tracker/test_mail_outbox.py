"""Mail that is never lost: the outbox, its dedupe keys, and delivery through a real SMTP server."""

import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from tests.tracker.jobs_fixtures import mail_settings
from tests.tracker.mailserver import MailServer, html_body, text_body
from tracker.audit.models import AuditEvent
from tracker.db import create_db_engine, session_scope
from tracker.mail.models import OutboxMessage
from tracker.mail.sender import backoff, deliver_due
from tracker.mail.service import as_utc, enqueue
from tracker.mail.texts import render

NOW = datetime(2026, 1, 24, 9, 0, tzinfo=UTC)


def queue(engine: Engine, key: str, to: str = "reden@example.dk", now: datetime = NOW) -> OutboxMessage | None:
    mail = render("briefing", "da", plan="mh-2022-2025", period="2025-H2", occasion="test <b>&</b>", link="https://x/1")
    with session_scope(engine) as session:
        return enqueue(session, to=to, mail=mail, kind="briefing", dedupe_key=key, now=now)


def outbox(engine: Engine) -> list[OutboxMessage]:
    with Session(engine) as session:
        return list(session.exec(select(OutboxMessage).order_by(OutboxMessage.id)).all())


def test_a_second_mail_with_the_same_dedupe_key_is_not_queued_and_the_transaction_goes_on(engine):
    assert queue(engine, "reminder:REDEN:2025-H2:7") is not None
    mail = render("briefing", "en", plan="p", period="x", occasion="o", link="l")
    with session_scope(engine) as session:
        assert (
            enqueue(session, to="a@b.dk", mail=mail, kind="briefing", dedupe_key="reminder:REDEN:2025-H2:7", now=NOW)
            is None
        )
        # The same transaction still works after the ignored duplicate.
        assert enqueue(session, to="a@b.dk", mail=mail, kind="briefing", dedupe_key="other", now=NOW) is not None
    assert [m.dedupe_key for m in outbox(engine)] == ["reminder:REDEN:2025-H2:7", "other"]
    with Session(engine) as session:
        assert len(session.exec(select(AuditEvent).where(AuditEvent.action == "mail.queue")).all()) == 2


def test_a_mail_queued_in_a_transaction_that_rolls_back_is_not_sent(engine):
    mail = render("briefing", "da", plan="p", period="x", occasion="o", link="l")

    def decide_then_fail() -> None:
        with session_scope(engine) as session:
            enqueue(session, to="a@b.dk", mail=mail, kind="briefing", dedupe_key="k", now=NOW)
            raise RuntimeError("the decision to send failed later")

    with pytest.raises(RuntimeError):
        decide_then_fail()
    assert outbox(engine) == []


def test_delivered_mail_has_plain_text_and_escaped_html(engine, db_settings, smtp):
    settings = mail_settings(db_settings, smtp)
    queue(engine, "k1")
    result = deliver_due(engine, settings, now=NOW)

    assert result.sent == 1
    [message] = smtp.messages
    assert message["From"] == "tracker@example.dk"
    assert message["To"] == "reden@example.dk"
    assert message["Auto-Submitted"] == "auto-generated"
    assert "test <b>&</b>" in text_body(message)
    assert "test &lt;b&gt;&amp;&lt;/b&gt;" in html_body(message)
    [row] = outbox(engine)
    assert row.sent_at is not None
    assert (row.attempts, row.last_error) == (1, "")


def test_with_the_smtp_server_down_mails_wait_and_later_arrive_once_each(engine, db_settings):
    server = MailServer()  # a port with nothing listening yet
    settings = mail_settings(db_settings, server)
    for n in range(3):
        queue(engine, f"k{n}", to=f"org{n}@example.dk")

    down = deliver_due(engine, settings, now=NOW)
    assert (down.sent, down.failed) == (0, 3)
    rows = outbox(engine)
    assert all(r.sent_at is None and r.attempts == 1 and "cannot reach" in r.last_error for r in rows)
    assert all(as_utc(r.next_attempt_at) == NOW + backoff(settings, 1) for r in rows)

    server.start()
    try:
        # Before the backoff has passed nothing is retried.
        assert deliver_due(engine, settings, now=NOW + timedelta(seconds=10)).claimed == 0
        later = NOW + timedelta(minutes=2)
        up = deliver_due(engine, settings, now=later)
        again = deliver_due(engine, settings, now=later + timedelta(hours=1))
    finally:
        server.stop()

    assert up.sent == 3
    assert again.claimed == 0
    assert server.recipients() == ["org0@example.dk", "org1@example.dk", "org2@example.dk"]
    assert all(r.sent_at is not None and r.attempts == 2 for r in outbox(engine))


def test_backoff_doubles_and_a_mail_is_given_up_after_the_last_attempt(engine, db_settings):
    server = MailServer()
    settings = mail_settings(db_settings, server, mail_max_attempts=3, mail_retry_base_seconds=60)
    assert [backoff(settings, n).total_seconds() for n in (1, 2, 3)] == [60, 120, 240]
    queue(engine, "k")
    moment = NOW
    for _ in range(3):
        deliver_due(engine, settings, now=moment)
        moment += timedelta(hours=1)
    assert deliver_due(engine, settings, now=moment).claimed == 0
    [row] = outbox(engine)
    assert row.attempts == 3
    assert row.sent_at is None
    with Session(engine) as session:
        assert session.exec(select(AuditEvent).where(AuditEvent.action == "mail.give_up")).first() is not None


def test_two_senders_at_once_deliver_each_mail_once(engine, db_settings, smtp):
    settings = mail_settings(db_settings, smtp)
    for n in range(20):
        queue(engine, f"k{n}", to=f"org{n}@example.dk")
    engines = [create_db_engine(settings) for _ in range(2)]
    barrier = threading.Barrier(2)
    results = []

    def send(own_engine: Engine) -> None:
        barrier.wait()
        results.append(deliver_due(own_engine, settings, now=NOW))

    threads = [threading.Thread(target=send, args=(e,)) for e in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    for own_engine in engines:
        own_engine.dispose()

    assert sum(r.sent for r in results) == 20
    assert len(smtp.messages) == 20
    assert len(set(smtp.recipients())) == 20
