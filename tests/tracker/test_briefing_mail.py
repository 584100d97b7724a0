"""The briefing mail is useful on its own: page one in the body, the PDF attached, links, the plan's title."""

import io
import re
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader
from sqlmodel import Session, select

from tests.tracker.jobs_fixtures import MINISTER, mail_settings
from tests.tracker.mailserver import html_body, text_body
from tracker.demo import load_demo
from tracker.issued.models import ReportSnapshot
from tracker.jobs.briefings import send_briefings
from tracker.mail.models import OutboxAttachment
from tracker.mail.sender import deliver_due

FIRST_WORKING_DAY = datetime(2026, 2, 2, 8, 0, tzinfo=UTC)
TITLE = "Handlingsplan til bekæmpelse af menneskehandel 2022-2025"


@pytest.fixture
def demo(engine, plan_loaded):
    with Session(engine) as session:
        load_demo(session, now=FIRST_WORKING_DAY)
        session.commit()


def test_the_briefing_mail_carries_page_one_the_pdf_and_links_and_names_the_plan(engine, db_settings, demo, smtp):
    settings = mail_settings(db_settings, smtp)
    send_briefings(engine, settings, now=FIRST_WORKING_DAY)
    result = deliver_due(engine, settings, now=FIRST_WORKING_DAY)
    assert result.sent == 1

    [message] = smtp.messages
    assert message["To"] == MINISTER
    assert TITLE in message["Subject"]
    assert "2. halvår 2025" in message["Subject"]
    body = text_body(message)
    # Page one: the counts, what needs a decision, who has not reported, what changed.
    assert "Af planens 16 initiativer har" in body
    assert "KRÆVER BESLUTNING ELLER OPFØLGNING" in body
    assert "IKKE INDBERETTET" in body
    assert "HVAD ER ÆNDRET SIDEN SIDSTE HALVÅR" in body
    assert re.search(r"har ikke indberettet for MH22-3\.1", body)
    assert "https://tracker.example.dk/overblik" in body
    with Session(engine) as session:
        snapshot = session.exec(select(ReportSnapshot)).one()
    assert f"https://tracker.example.dk/overblik/statusrapporter/{snapshot.id}" in body
    assert "Kræver beslutning eller opfølgning" in html_body(message)
    assert "<script" not in html_body(message)

    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == "status-mh-2022-2025-2025-H2-da.pdf"
    content = attachment.get_content()
    assert content == snapshot.content  # exactly the report as issued
    first_page = PdfReader(io.BytesIO(content)).pages[0].extract_text()
    assert "Kræver beslutning eller opfølgning" in first_page


def test_a_pdf_over_the_size_bound_is_linked_not_attached(engine, db_settings, demo, smtp):
    settings = mail_settings(db_settings, smtp, briefing_attachment_max_bytes=1000)
    send_briefings(engine, settings, now=FIRST_WORKING_DAY)
    deliver_due(engine, settings, now=FIRST_WORKING_DAY)

    [message] = smtp.messages
    assert list(message.iter_attachments()) == []
    assert "for stor til at blive vedhæftet" in text_body(message)
    with Session(engine) as session:
        assert session.exec(select(OutboxAttachment)).all() == []
