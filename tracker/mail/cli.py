"""`tracker mail address CODE EMAIL`, `tracker mail test TO` and `tracker mail outbox`."""

import argparse
import uuid
from datetime import UTC, datetime

from rich.table import Table
from sqlmodel import Session, col, select

from actionplan.models import Organisation
from tracker.audit.service import record
from tracker.console import console, err
from tracker.db import create_db_engine, session_scope
from tracker.mail.models import OutboxMessage
from tracker.mail.sender import deliver_due
from tracker.mail.service import enqueue
from tracker.mail.texts import RenderedMail
from tracker.settings import Settings


def cmd_mail_address(args: argparse.Namespace, settings: Settings) -> int:
    """Set (or with "-" clear) the address an organisation's reminders go to."""
    engine = create_db_engine(settings)
    now = datetime.now(UTC)
    address = None if args.email == "-" else args.email
    if address is not None and "@" not in address:
        err.print(f"[red]error:[/] {address!r} is not an e-mail address")
        return 2
    with session_scope(engine) as session:
        organisation = session.exec(select(Organisation).where(Organisation.code == args.organisation)).first()
        if organisation is None:
            err.print(f"[red]error:[/] no organisation with code {args.organisation!r}")
            return 2
        before = organisation.contact_email
        organisation.contact_email = address
        session.add(organisation)
        record(
            session,
            actor="cli",
            action="organisation.contact_email",
            entity="organisation",
            entity_key=organisation.code,
            at=now,
            organisation_id=organisation.id,
            before={"contact_email": before},
            after={"contact_email": address},
        )
    console.print(f"{args.organisation}: reminders go to {address or 'nobody (no address)'}")
    engine.dispose()
    return 0


def cmd_mail_test(args: argparse.Namespace, settings: Settings) -> int:
    """Queue one test mail and deliver the outbox now: checks the SMTP settings end to end."""
    engine = create_db_engine(settings)
    now = datetime.now(UTC)
    mail = RenderedMail(
        subject="actionplan-tracker: test mail",
        text=f"This test mail was sent by actionplan-tracker at {now.isoformat(timespec='seconds')}.\n",
        html=f"<p>This test mail was sent by actionplan-tracker at {now.isoformat(timespec='seconds')}.</p>",
        language="en",
    )
    with session_scope(engine) as session:
        enqueue(session, to=args.to, mail=mail, kind="test", dedupe_key=f"test:{uuid.uuid4()}", now=now, actor="cli")
    result = deliver_due(engine, settings, now=now)
    engine.dispose()
    if result.sent:
        console.print(f"sent through {settings.smtp_host}:{settings.smtp_port} to {args.to}")
        return 0
    err.print(f"[red]not sent[/] (it waits in the outbox for a retry): {'; '.join(result.errors) or 'nothing due'}")
    return 1


def cmd_mail_outbox(args: argparse.Namespace, settings: Settings) -> int:
    engine = create_db_engine(settings)
    table = Table("id", "kind", "to", "created", "state", "attempts", "sent", "last error (the server's answer)")
    with Session(engine) as session:
        rows = session.exec(select(OutboxMessage).order_by(col(OutboxMessage.id).desc()).limit(args.limit)).all()
        for m in rows:
            table.add_row(
                str(m.id),
                m.kind,
                m.to_address,
                m.created_at.strftime("%Y-%m-%d %H:%M"),
                m.state(settings.mail_max_attempts),
                str(m.attempts),
                m.sent_at.strftime("%Y-%m-%d %H:%M") if m.sent_at else "",
                m.last_error[:80],
            )
    console.print(table)
    engine.dispose()
    return 0


def register(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    mail = sub.add_parser("mail", help="mail: addresses, a test mail, the outbox").add_subparsers(
        dest="mail_command", required=True
    )
    address = mail.add_parser("address", help="set the address an organisation's reminders go to ('-' clears it)")
    address.add_argument("organisation", help="organisation code, e.g. REDEN")
    address.add_argument("email")
    address.set_defaults(handler=cmd_mail_address)
    test = mail.add_parser("test", help="send a test mail now through the configured SMTP server")
    test.add_argument("to")
    test.set_defaults(handler=cmd_mail_test)
    outbox = mail.add_parser(
        "outbox", help="the newest mails in the outbox and their state: waiting, retrying, sent, given up, refused"
    )
    outbox.add_argument("--limit", type=int, default=30)
    outbox.set_defaults(handler=cmd_mail_outbox)
