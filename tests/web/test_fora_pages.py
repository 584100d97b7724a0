"""Fora pages: the secretariat records a meeting and its minutes, a member closes its action item, viewers read
decisions (not minutes); the same services, refusals and audit events as the API."""

from sqlmodel import Session, select

from actionplan.fora import ActionItem, Meeting
from tests.web.support import post_form
from tracker.audit.models import AuditEvent

FORM = {
    "held_on": "2026-11-20",
    "title": "Netværksmøde",
    "agenda": "Indkvartering",
    "attendance": "CMM, REDEN",
    "minutes": "Belægningen blev drøftet.",
    "decisions": "Belægningen følges op i januar.\nNæste møde holdes i maj.",
    "item_text": "Opgørelse af belægningen",
    "item_owner": "REDEN",
    "item_deadline": "2026-12-15",
}


def _record(client) -> int:
    client.get("/samarbejdsfora/NGONET")
    response = post_form(client, "/samarbejdsfora/NGONET", FORM)
    assert response.status_code == 303, response.text
    return int(response.headers["location"].rsplit("/", 1)[1])


def test_the_secretariat_records_a_meeting_with_minutes_decisions_and_an_action_item(signed_in, engine):
    client = signed_in("secretariat")
    listing = client.get("/samarbejdsfora")
    assert listing.status_code == 200
    assert "NGO-netværk" in listing.text
    assert listing.text.count("<h1") == 1
    meeting_id = _record(client)
    page = client.get(f"/samarbejdsfora/moeder/{meeting_id}")
    assert "Mødet er gemt." in page.text
    assert "Belægningen blev drøftet." in page.text
    assert "Næste møde holdes i maj." in page.text
    with Session(engine) as session:
        assert session.exec(select(Meeting)).one().created_by.startswith("user:")
        actions = session.exec(select(AuditEvent.action).where(AuditEvent.entity_key.startswith("meeting:"))).all()
    assert actions == ["meeting.create", "decision.create", "decision.create", "action_item.create"]


def test_bad_input_shows_the_form_again_with_errors_and_stores_nothing(signed_in, engine):
    client = signed_in("secretariat")
    client.get("/samarbejdsfora/NGONET")
    for change in ({"held_on": "i morgen"}, {"item_owner": "NOPE"}, {"minutes": "Borger 010190-1234 deltog."}):
        response = post_form(client, "/samarbejdsfora/NGONET", {**FORM, **change})
        assert response.status_code == 422, change
        assert "Fejl: " in response.text
    with Session(engine) as session:
        assert session.exec(select(Meeting)).all() == []


def test_a_member_sees_its_action_item_and_closes_it_with_a_note(signed_in, engine):
    _record(signed_in("secretariat"))
    reporter = signed_in("reporter")
    page = reporter.get("/opfoelgningspunkter")
    assert "Opgørelse af belægningen" in page.text
    with Session(engine) as session:
        item_id = session.exec(select(ActionItem.id)).one()
    empty = post_form(reporter, f"/opfoelgningspunkter/{item_id}/luk", {"note": ""})
    assert empty.status_code == 422
    closed = post_form(reporter, f"/opfoelgningspunkter/{item_id}/luk", {"note": "Opgørelsen er sendt."})
    assert closed.status_code == 303, closed.text
    assert "ingen åbne opfølgningspunkter" in reporter.get("/opfoelgningspunkter").text
    with Session(engine) as session:
        item = session.exec(select(ActionItem)).one()
    assert item.state == "done"
    assert item.closing_note == "Opgørelsen er sendt."


def test_another_organisation_cannot_close_the_item(signed_in, engine):
    _record(signed_in("secretariat"))
    with Session(engine) as session:
        item_id = session.exec(select(ActionItem.id)).one()
    other = signed_in("other")
    other.get("/opfoelgningspunkter")
    assert post_form(other, f"/opfoelgningspunkter/{item_id}/luk", {"note": "x"}).status_code == 404


def test_viewers_read_decisions_but_not_minutes_and_cannot_record(signed_in):
    meeting_id = _record(signed_in("secretariat"))
    viewer = signed_in("viewer")
    page = viewer.get(f"/samarbejdsfora/moeder/{meeting_id}")
    assert page.status_code == 200
    assert "Belægningen følges op i januar." in page.text
    assert "Belægningen blev drøftet." not in page.text
    assert "Registrér et møde" not in viewer.get("/samarbejdsfora/NGONET").text
    assert post_form(viewer, "/samarbejdsfora/NGONET", FORM).status_code in (403, 404)
