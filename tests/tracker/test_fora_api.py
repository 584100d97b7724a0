"""The coordination fora over HTTP: the secretariat records a meeting, a ministry follows up its action item."""

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from actionplan.models import Organisation
from tests.conftest import NOW
from tests.tracker.mailserver import text_body
from tracker.auth.models import Role
from tracker.jobs.escalation import escalate
from tracker.jobs.reminders import send_reminders
from tracker.mail.sender import deliver_due

pytestmark = pytest.mark.usefixtures("plan_loaded")

MEETING = {
    "held_on": "2026-11-20",
    "title": "Halvårsmøde",
    "agenda": "1. Status på handlingsplanen\n2. Forsinkede initiativer",
    "minutes": "Arbejdsgruppen gennemgik status. Tre initiativer er forsinkede.",
    "attendance": ["CMM", "JM", "LIGE"],
    "decisions": [
        {"text": "Justitsministeriet redegør for forsinkelsen af MH22-3.2 på næste møde.", "initiative": "MH22-3.2"},
        {"text": "Sekretariatet udsender statusrapporten for 2025-H2 til medlemmerne."},
    ],
    "action_items": [
        {"text": "Redegørelse for forsinkelsen af MH22-3.2", "owner": "JM", "deadline": "2026-12-10",
         "initiative": "MH22-3.2"},
    ],
}  # fmt: skip


def _record(client, headers) -> dict:
    response = client.post("/fora/TVAERMIN/meetings", json=MEETING, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


def test_the_secretariat_records_a_meeting_and_the_ministry_follows_up_its_action_item(
    client, make_headers, engine, db_settings, smtp, clock
):
    secretariat = make_headers("CMM", Role.SECRETARIAT)
    ministry = make_headers("JM", Role.REPORTER)
    meeting = _record(client, secretariat)
    assert [d["text"][:14] for d in meeting["decisions"]] == ["Justitsministe", "Sekretariatet "]
    assert [a["code"] for a in meeting["attendance"]] == ["CMM", "JM", "LIGE"]
    (item,) = meeting["action_items"]
    assert item["owner"]["code"] == "JM"
    assert item["state"] == "open"
    assert not item["overdue"]

    # The ministry sees it in its due list.
    due = client.get("/me/due", headers=ministry).json()
    assert [a["id"] for a in due["action_items"]] == [item["id"]]

    # Seven days before the deadline it is reminded, once, through the outbox and a real SMTP server.
    with Session(engine) as session:
        jm = session.exec(select(Organisation).where(Organisation.code == "JM")).one()
        jm.contact_email = "jm@example.dk"
        session.add(jm)
        session.commit()
    settings = db_settings.model_copy(
        update={"smtp_host": "127.0.0.1", "smtp_port": smtp.port, "smtp_timeout_seconds": 5.0,
                "base_url": "https://tracker.example.dk", "mail_from": "tracker@example.dk"}
    )  # fmt: skip
    week_before = NOW + timedelta(days=4)  # 3 December: 7 days before 10 December
    for hours in (0, 3, 24):
        send_reminders(engine, settings, now=week_before + timedelta(hours=hours))
        deliver_due(engine, settings, now=week_before + timedelta(hours=hours))
    assert smtp.recipients() == ["jm@example.dk"]
    body = text_body(smtp.messages[0])
    assert "Redegørelse for forsinkelsen af MH22-3.2" in body
    # The link opens the ministry's page of action items, where it is closed with a note.
    assert "Luk det med en kort note, når det er gjort: https://tracker.example.dk/opfoelgningspunkter" in body

    # The ministry notes progress, then closes the item with a note.
    patched = client.patch(f"/action-items/{item['id']}", json={"state": "in_progress", "progress_note": "Udkast skrevet"},
                           headers=ministry)  # fmt: skip
    assert patched.status_code == 200, patched.text
    closed = client.post(f"/action-items/{item['id']}/close", json={"note": "Redegørelsen er sendt."}, headers=ministry)
    assert closed.status_code == 200, closed.text
    assert closed.json()["state"] == "done"
    assert closed.json()["closing_note"] == "Redegørelsen er sendt."
    assert client.get("/me/due", headers=ministry).json()["action_items"] == []

    # The history shows every step.
    history = client.get(f"/meetings/{meeting['id']}/history", headers=secretariat).json()
    actions = [e["action"] for e in history["data"]]
    assert actions == [
        "meeting.create", "decision.create", "decision.create", "action_item.create", "action_item.remind",
        "action_item.update", "action_item.close",
    ]  # fmt: skip
    item_history = client.get(f"/action-items/{item['id']}/history", headers=ministry).json()
    assert [e["action"] for e in item_history["data"]] == [
        "action_item.create",
        "action_item.remind",
        "action_item.update",
        "action_item.close",
    ]
    reminded = item_history["data"][1]
    assert reminded["actor"] == "scheduler"
    assert reminded["after"]["step"] == "7"
    assert reminded["after"]["to"] == "owner"


def test_an_open_action_item_past_its_deadline_escalates_to_owner_and_secretariat_once(
    client, make_headers, engine, db_settings, smtp
):
    _record(client, make_headers("CMM", Role.SECRETARIAT))
    with Session(engine) as session:
        jm = session.exec(select(Organisation).where(Organisation.code == "JM")).one()
        jm.contact_email = "jm@example.dk"
        session.add(jm)
        session.commit()
    settings = db_settings.model_copy(
        update={"smtp_host": "127.0.0.1", "smtp_port": smtp.port, "smtp_timeout_seconds": 5.0,
                "secretariat_email": "sekretariat@example.dk", "mail_from": "tracker@example.dk"}
    )  # fmt: skip
    later = NOW + timedelta(days=19)  # 18 December: 8 days after the deadline
    for hours in (0, 5):
        escalate(engine, settings, now=later + timedelta(hours=hours))
        deliver_due(engine, settings, now=later + timedelta(hours=hours))
    # (The period's missing reports escalate too; only the action item's mails are counted here.)
    about_item = [m for m in smtp.messages if "opfølgningspunkt" in str(m["Subject"])]
    assert sorted(str(m["To"]) for m in about_item) == ["jm@example.dk", "sekretariat@example.dk"]
    item_id = client.get("/action-items?forum=TVAERMIN", headers=make_headers("CMM", Role.SECRETARIAT)).json()["data"][
        0
    ]["id"]
    history = client.get(f"/action-items/{item_id}/history", headers=make_headers("CMM", Role.SECRETARIAT)).json()
    escalations = [e["after"]["to"] for e in history["data"] if e["action"] == "action_item.escalate"]
    assert sorted(escalations) == ["owner", "secretariat"]
    assert "Redegørelse for forsinkelsen af MH22-3.2" in text_body(about_item[0])
    # Each is linked to a web page: the owner's action items, the secretariat's view of the meeting.
    links = {str(m["To"]): text_body(m).rsplit("Se det: ", 1)[1].strip() for m in about_item}
    meeting_id = client.get("/action-items?forum=TVAERMIN", headers=make_headers("CMM", Role.SECRETARIAT)).json()[
        "data"
    ][0]["meeting_id"]
    assert links["jm@example.dk"].endswith("/opfoelgningspunkter")
    assert links["sekretariat@example.dk"].endswith(f"/samarbejdsfora/moeder/{meeting_id}")


def test_viewers_see_decisions_and_closed_items_but_not_minutes_or_open_items(client, make_headers):
    meeting = _record(client, make_headers("CMM", Role.SECRETARIAT))
    viewer = make_headers("LIGE", Role.VIEWER)
    seen = client.get(f"/meetings/{meeting['id']}", headers=viewer).json()
    assert len(seen["decisions"]) == 2
    assert seen["minutes"] is None
    assert seen["agenda"] is None
    assert seen["action_items"] == []
    ministry = make_headers("JM", Role.REPORTER)
    client.post(f"/action-items/{meeting['action_items'][0]['id']}/close", json={"note": "Sendt."}, headers=ministry)
    seen = client.get(f"/meetings/{meeting['id']}", headers=viewer).json()
    assert [a["state"] for a in seen["action_items"]] == ["done"]
    # The owner sees its own open items in a forum it is not a member of, but not the minutes.
    other = client.get(f"/meetings/{meeting['id']}", headers=make_headers("REDEN", Role.REPORTER)).json()
    assert other["minutes"] is None


@pytest.mark.parametrize(("role", "org"), [(Role.REPORTER, "JM"), (Role.VIEWER, "CMM"), (Role.REPORTER, "CMM")])
def test_only_the_secretariat_records_meetings(client, make_headers, role, org):
    response = client.post("/fora/TVAERMIN/meetings", json=MEETING, headers=make_headers(org, role))
    assert response.status_code == 403
    assert client.get("/fora/TVAERMIN", headers=make_headers("CMM", Role.SECRETARIAT)).json()["meeting_list"] == []


def test_only_the_owner_or_the_secretariat_changes_an_action_item(client, make_headers):
    meeting = _record(client, make_headers("CMM", Role.SECRETARIAT))
    item_id = meeting["action_items"][0]["id"]
    for headers in (make_headers("REDEN", Role.REPORTER), make_headers("JM", Role.VIEWER)):
        assert client.post(f"/action-items/{item_id}/close", json={"note": "x"}, headers=headers).status_code == 403
    owner = make_headers("JM", Role.REPORTER)
    moved = client.patch(f"/action-items/{item_id}", json={"deadline": "2027-01-31"}, headers=owner)
    assert moved.status_code == 403  # only the secretariat moves a deadline
    assert client.post(f"/action-items/{item_id}/close", json={"note": ""}, headers=owner).status_code == 422
    assert client.patch(f"/action-items/{item_id}", json={"state": "done"}, headers=owner).status_code == 422


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"minutes": "Borgeren med CPR 010190-1234 deltog."}, "minutes"),
        ({"agenda": "Sag om 0101901234"}, "agenda"),
        ({"decisions": [{"text": "Personen 311299-4321 henvises."}]}, "decisions"),
        ({"action_items": [{"text": "Kontakt 010190 1234", "owner": "JM", "deadline": "2026-12-10"}]}, "action_items"),
        ({"attendance": ["NOPE"]}, "attendance"),
        ({"action_items": [{"text": "x", "owner": "NOPE", "deadline": "2026-12-10"}]}, "owner"),
        ({"decisions": [{"text": "x", "initiative": "MH22-9.9"}]}, "initiative"),
        ({"unexpected": 1}, "unexpected"),
    ],
)
def test_bad_meeting_input_is_refused_with_a_problem_and_changes_nothing(client, make_headers, change, field):
    secretariat = make_headers("CMM", Role.SECRETARIAT)
    response = client.post("/fora/TVAERMIN/meetings", json={**MEETING, **change}, headers=secretariat)
    assert response.status_code in (400, 422), response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert field in response.text
    assert client.get("/fora/TVAERMIN", headers=secretariat).json()["meeting_list"] == []


def test_closing_notes_and_progress_notes_are_screened_for_cpr_numbers(client, make_headers):
    meeting = _record(client, make_headers("CMM", Role.SECRETARIAT))
    item_id = meeting["action_items"][0]["id"]
    owner = make_headers("JM", Role.REPORTER)
    assert client.post(f"/action-items/{item_id}/close", json={"note": "Sagen 010190-1234 er lukket"},
                       headers=owner).status_code == 422  # fmt: skip
    assert (
        client.patch(f"/action-items/{item_id}", json={"progress_note": "0101901234"}, headers=owner).status_code == 422
    )
    assert client.get(f"/action-items/{item_id}", headers=owner).json()["state"] == "open"


def test_the_fora_list_and_a_forum_with_its_members(client, make_headers):
    viewer = make_headers("LIGE", Role.VIEWER)
    fora = client.get("/fora", headers=viewer).json()
    assert fora["count"] == 8
    group = client.get("/fora/MYNDGRP", headers=viewer).json()
    assert len(group["members_list"]) == 8
    assert [i["code"] for i in group["initiatives"]] == ["MH22-1.4"]
    assert client.get("/fora/NOPE", headers=viewer).status_code == 404
