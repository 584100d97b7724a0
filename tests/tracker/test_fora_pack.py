"""The meeting pack: the status report's figures for a forum's initiatives, its open action items, mailed to members."""

import html
import re
from datetime import date

import pytest
from sqlmodel import Session, select

from actionplan.models import Organisation
from reports import build_status_report, render
from reports.pack import build_meeting_pack, render_pack
from tests.conftest import NOW
from tests.tracker.mailserver import html_body, text_body
from tracker.auth.models import Role
from tracker.demo import load_demo
from tracker.mail.sender import deliver_due

pytestmark = pytest.mark.usefixtures("plan_loaded")
TODAY = date(2026, 11, 29)
NEXT_MEETING = "2026-12-01"


@pytest.fixture
def demo(engine, plan_loaded) -> None:
    with Session(engine) as session:
        load_demo(session, now=NOW)
        session.commit()


def _meeting(client, headers, forum="TVAERMIN", owner="JM"):
    body = {
        "held_on": "2026-06-15",
        "minutes": "Status gennemgået.",
        "decisions": [{"text": "Forsinkelserne drøftes på næste møde."}],
        "action_items": [{"text": "Ny tidsplan for MH22-2.1 fremlægges", "owner": owner, "deadline": "2026-09-30"}],
    }
    response = client.post(f"/fora/{forum}/meetings", json=body, headers=headers)
    assert response.status_code == 201, response.text


@pytest.mark.usefixtures("demo")
def test_the_pack_of_the_working_group_has_the_status_reports_figures(session):
    pack = build_meeting_pack(session, "TVAERMIN", date(2026, 12, 1), lang="da", today=TODAY)
    status = build_status_report(session, "mh-2022-2025", pack.report.meta.period, lang="da", today=TODAY)
    assert pack.report.meta.period == "2025-H2"
    assert pack.report.headline == status.headline
    assert pack.report.attention == status.attention
    assert pack.report.changes == status.changes
    assert pack.report.indicators == status.indicators


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize("forum", ["MYNDGRP", "NGONET", "TEKNET", "EU-NET"])
def test_a_forums_pack_equals_the_status_report_for_the_forums_initiatives(session, forum):
    pack = build_meeting_pack(session, forum, date(2026, 12, 1), lang="en", today=TODAY)
    status = build_status_report(session, "mh-2022-2025", pack.report.meta.period, lang="en", today=TODAY)
    scope = set(pack.initiatives)
    assert pack.report.attention == [a for a in status.attention if a.initiative in scope]
    assert pack.report.indicators == [i for i in status.indicators if i.initiative in scope]
    assert pack.report.changes.new_delays == [d for d in status.changes.new_delays if d.initiative in scope]
    assert pack.report.headline.total == len(scope)


@pytest.mark.usefixtures("demo")
def test_the_pack_lists_late_initiatives_with_explanations_and_the_open_action_items(client, make_headers, engine):
    secretariat = make_headers("CMM", Role.SECRETARIAT)
    _meeting(client, secretariat)
    response = client.get(f"/fora/TVAERMIN/pack?date={NEXT_MEETING}&format=html", headers=secretariat)
    assert response.status_code == 200, response.text
    html = response.text
    with Session(engine) as session:
        status = build_status_report(session, "mh-2022-2025", "2025-H2", lang="da", today=TODAY)
    late = [a for a in status.attention if a.overdue or a.status == "delayed"]
    assert late
    for item in late:
        assert item.initiative in html
        if item.explanation:
            assert item.explanation in html
    assert "Ny tidsplan for MH22-2.1 fremlægges" in html
    assert "Åbne opfølgningspunkter fra tidligere møder" in html
    pdf = client.get(f"/fora/TVAERMIN/pack?date={NEXT_MEETING}&format=pdf&lang=en", headers=secretariat)
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    assert "attachment" in pdf.headers["content-disposition"]


def test_an_action_item_closed_before_the_meeting_is_not_in_the_pack(client, make_headers, engine):
    secretariat = make_headers("CMM", Role.SECRETARIAT)
    _meeting(client, secretariat)
    item_id = client.get("/action-items?forum=TVAERMIN", headers=secretariat).json()["data"][0]["id"]
    assert (
        client.post(f"/action-items/{item_id}/close", json={"note": "Fremlagt."}, headers=secretariat).status_code
        == 200
    )
    with Session(engine) as session:
        pack = build_meeting_pack(session, "TVAERMIN", date(2026, 12, 1), lang="da", today=TODAY)
    assert pack.action_items == []
    assert b"Ny tidsplan" not in render_pack(pack, "html")


def test_the_pack_is_for_members_and_the_secretariat(client, make_headers):
    url = f"/fora/MYNDGRP/pack?date={NEXT_MEETING}&format=html"
    assert client.get(url, headers=make_headers("UST", Role.REPORTER)).status_code == 200
    assert client.get(url, headers=make_headers("REDEN", Role.REPORTER)).status_code == 403
    assert client.get(url, headers=make_headers("LIGE", Role.VIEWER)).status_code == 403
    assert client.get("/fora/NOPE/pack?date=2026-12-01", headers=make_headers()).status_code == 404
    assert client.get("/fora/MYNDGRP/pack?date=tomorrow", headers=make_headers()).status_code == 422


def test_the_secretariat_mails_the_pack_to_the_members_once_with_the_pdf_attached(
    client, make_headers, engine, db_settings, smtp
):
    with Session(engine) as session:
        for code in ("CMM", "AMIAMI", "REDEN"):
            org = session.exec(select(Organisation).where(Organisation.code == code)).one()
            org.contact_email = f"{code.lower()}@example.dk"
            session.add(org)
        session.commit()
    secretariat = make_headers("CMM", Role.SECRETARIAT)
    first = client.post(f"/fora/NGONET/pack/mail?date={NEXT_MEETING}", headers=secretariat)
    assert first.status_code == 200, first.text
    assert first.json()["queued"] == ["AMIAMI", "CMM", "REDEN"]
    assert first.json()["skipped_no_address"] == ["HOPENOW"]
    again = client.post(f"/fora/NGONET/pack/mail?date={NEXT_MEETING}", headers=secretariat).json()
    assert again["queued"] == []
    assert len(again["already_sent"]) == 3
    settings = db_settings.model_copy(
        update={"smtp_host": "127.0.0.1", "smtp_port": smtp.port, "smtp_timeout_seconds": 5.0,
                "mail_from": "tracker@example.dk"}
    )  # fmt: skip
    deliver_due(engine, settings, now=NOW)
    deliver_due(engine, settings, now=NOW)
    # Each member with an address gets it once.
    assert smtp.recipients() == ["amiami@example.dk", "cmm@example.dk", "reden@example.dk"]
    downloaded = client.get(f"/fora/NGONET/pack?date={NEXT_MEETING}&format=pdf", headers=secretariat)
    for message in smtp.messages:
        assert str(message["Subject"]) == "Mødemappe: NGO-netværk 2026-12-01"
        body = text_body(message)
        assert "vedhæftet som PDF (moedemappe-NGONET-2026-12-01-da.pdf)" in body
        assert f"/samarbejdsfora/NGONET/moedemappe?date={NEXT_MEETING}&format=pdf&lang=da" in body
        assert "vedhæftet som PDF" in html_body(message)
        assert len(html_body(message)) < 2000  # a short body; the pack itself is the attachment
        [attachment] = list(message.iter_attachments())
        assert attachment.get_content_type() == "application/pdf"
        assert attachment.get_filename() == "moedemappe-NGONET-2026-12-01-da.pdf"
        content = attachment.get_content()
        assert content.startswith(b"%PDF")
        # The attached pack is the one the members can download (same inputs, same bytes).
        assert content == downloaded.content
    assert client.post(f"/fora/NGONET/pack/mail?date={NEXT_MEETING}",
                       headers=make_headers("REDEN", Role.REPORTER)).status_code == 403  # fmt: skip


def _text(fragment: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


def _rows(table: str) -> list[list[str]]:
    return [
        [_text(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)]
        for r in re.findall(r"<tr.*?</tr>", table, re.S)
    ]


@pytest.mark.usefixtures("demo")
def test_the_working_groups_pack_shows_the_status_reports_tables_cell_for_cell(session):
    """Same figures, statuses, dates and trend lines (with their text alternatives) as the status report's pages."""
    pack = build_meeting_pack(session, "TVAERMIN", date(2026, 12, 1), lang="da", today=TODAY)
    status = build_status_report(session, "mh-2022-2025", pack.report.meta.period, lang="da", today=TODAY)
    pack_html = render_pack(pack, "html").decode()
    report_html = render(status, "html").decode()
    in_pack = {
        _text(m[1]): _rows(m[2])
        for m in re.finditer(r"<h2>([^<]*)</h2>(?:(?!<h2>).)*?(<table.*?</table>)", pack_html, re.S)
    }
    in_report = {
        _text(m[1]): _rows(re.sub(r"<caption.*?</caption>", "", m[0], flags=re.S))
        for m in re.finditer(r"<table.*?<caption[^>]*>(.*?)</caption>.*?</table>", report_html, re.S)
    }
    shared = set(in_pack) & set(in_report)
    assert {"Overblik pr. indsatsområde", "Forsinkede og truede initiativer", "Indikatorer og mål"} <= shared
    for title in shared:
        assert in_pack[title] == in_report[title], title
    assert len(in_pack["Indikatorer og mål"]) > 10
