"""Fora pages: the secretariat records a meeting and its minutes, a member closes its action item, viewers read
decisions (not minutes); the same services, refusals and audit events as the API."""

from sqlmodel import Session, col, select

from actionplan.fora import ActionItem, Decision, Meeting
from actionplan.models import Organisation
from tests.web.support import post_form
from tracker.audit.models import AuditEvent

FORM = {
    "held_on": "20.11.2026",
    "title": "Netværksmøde",
    "agenda": "Indkvartering",
    "attendance": "CMM, REDEN",
    "minutes": "Belægningen blev drøftet.",
    "decision_1_text": "Belægningen følges op i januar.",
    "decision_2_text": "Næste møde holdes i maj.",
    "decision_3_text": "",
    "item_1_text": "Opgørelse af belægningen",
    "item_1_owner": "REDEN",
    "item_1_deadline": "15.12.2026",
    "item_2_text": "",
    "item_2_owner": "",
    "item_2_deadline": "",
    "item_3_text": "",
    "item_3_owner": "",
    "item_3_deadline": "",
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
    for change in ({"held_on": "i morgen"}, {"item_1_owner": "NOPE"}, {"minutes": "Borger 010190-1234 deltog."}):
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


def test_a_meeting_with_several_decisions_and_action_items_is_recorded_from_one_form(signed_in, engine):
    client = signed_in("secretariat")
    page = client.get("/samarbejdsfora/NGONET")
    # Three empty rows of each kind to start with.
    for n in (1, 2, 3):
        assert f'id="decision_{n}_text"' in page.text
        assert f'id="item_{n}_owner"' in page.text
    assert 'id="item_4_text"' not in page.text
    form = {
        **FORM,
        "decision_3_text": "Netværket mødes to gange om året.",
        "decision_3_initiative": "MH22-X.1",
        "item_2_text": "Tal for indkvartering sendes",
        "item_2_owner": "amiami",
        "item_2_deadline": "2027-01-31",
        "item_3_text": "Dagsorden for majmødet",
        "item_3_owner": "CMM",
        "item_3_deadline": "01-04-2027",
        "item_3_initiative": "MH22-X.1",
    }
    response = post_form(client, "/samarbejdsfora/NGONET", form)
    assert response.status_code == 303, response.text
    with Session(engine) as session:
        meeting = session.exec(select(Meeting)).one()
        decisions = session.exec(select(Decision.text).where(Decision.meeting_id == meeting.id)).all()
        items = session.exec(select(ActionItem).order_by(col(ActionItem.id))).all()
        owners = dict(session.exec(select(Organisation.id, Organisation.code)).all())
    assert str(meeting.held_on) == "2026-11-20"
    assert decisions == [
        "Belægningen følges op i januar.",
        "Næste møde holdes i maj.",
        "Netværket mødes to gange om året.",
    ]
    assert [(i.text, owners[i.owner_id], str(i.deadline)) for i in items] == [
        ("Opgørelse af belægningen", "REDEN", "2026-12-15"),
        ("Tal for indkvartering sendes", "AMIAMI", "2027-01-31"),
        ("Dagsorden for majmødet", "CMM", "2027-04-01"),
    ]
    assert items[2].initiative_id is not None


def test_add_a_row_without_javascript_gives_the_form_back_with_one_more_row_and_stores_nothing(signed_in, engine):
    client = signed_in("secretariat")
    client.get("/samarbejdsfora/NGONET")
    response = post_form(client, "/samarbejdsfora/NGONET", {**FORM, "add": "item"})
    assert response.status_code == 200
    page = response.text
    assert 'id="item-row-4"' in page
    assert 'id="item_4_text" name="item_4_text" value="" autofocus' in page
    assert 'id="decision-row-4"' not in page
    assert 'value="Opgørelse af belægningen"' in page  # what was typed stays
    assert "Belægningen følges op i januar." in page
    again = post_form(client, "/samarbejdsfora/NGONET", {**FORM, "item_4_text": "", "add": "decision"})
    assert 'id="item-row-4"' in again.text
    assert 'id="decision-row-4"' in again.text
    with Session(engine) as session:
        assert session.exec(select(Meeting)).all() == []


def test_add_a_row_with_htmx_swaps_in_just_the_new_row(signed_in):
    client = signed_in("secretariat")
    client.get("/samarbejdsfora/NGONET")
    response = post_form(
        client, "/samarbejdsfora/NGONET", {**FORM, "item_4_text": "", "add": "item"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert response.headers["hx-retarget"] == "#item-rows"
    assert response.headers["hx-reswap"] == "beforeend"
    assert response.headers["hx-reselect"] == "#item-row-5"
    assert 'id="item-row-5"' in response.text


def test_errors_are_shown_per_row_with_the_field_named_and_nothing_is_stored(signed_in, engine):
    client = signed_in("secretariat")
    client.get("/samarbejdsfora/NGONET")
    form = {
        **FORM,
        "item_2_text": "Tal for indkvartering sendes",  # no owner
        "item_2_deadline": "31.01.2027",
        "item_3_text": "Dagsorden for majmødet",
        "item_3_owner": "CMM",
        "item_3_deadline": "31.02.2027",  # no such day
    }
    response = post_form(client, "/samarbejdsfora/NGONET", form)
    assert response.status_code == 422
    page = response.text
    assert "Opfølgningspunkt 2, ansvarlig organisation: skal udfyldes" in page
    assert "Opfølgningspunkt 3, frist: skriv en gyldig dato, fx 15.12.2026" in page
    assert '<a href="#item_2_owner">' in page
    assert 'id="item_3_deadline" name="item_3_deadline" value="31.02.2027" aria-describedby=' in page
    assert 'value="Tal for indkvartering sendes"' in page  # the form comes back as typed

    # Codes the service does not know: every row's problem at once, beside its field.
    unknown = {**FORM, "decision_2_initiative": "MH22-99", "item_1_owner": "NOPE", "item_3_text": "Rapport",
               "item_3_owner": "CMM", "item_3_deadline": "01.03.2027", "item_3_initiative": "MH22-98"}  # fmt: skip
    response = post_form(client, "/samarbejdsfora/NGONET", unknown)
    assert response.status_code == 422
    assert "Beslutning 2, initiativ: ukendt initiativ MH22-99" in response.text
    assert "Opfølgningspunkt 1, ansvarlig organisation: ukendt organisation NOPE" in response.text
    assert "Opfølgningspunkt 3, initiativ: ukendt initiativ MH22-98" in response.text
    english = post_form(client, "/samarbejdsfora/NGONET?lang=en", form, cookies={"lang": "en"})
    assert "Action item 2, owner organisation: is required" in english.text
    with Session(engine) as session:
        assert session.exec(select(Meeting)).all() == []
        assert session.exec(select(ActionItem)).all() == []


def test_no_more_rows_than_a_meeting_may_have(signed_in):
    client = signed_in("secretariat")
    client.get("/samarbejdsfora/NGONET")
    full = {**FORM, **{f"item_{n}_text": "" for n in range(4, 51)}}
    response = post_form(client, "/samarbejdsfora/NGONET", {**full, "add": "item"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "hx-retarget" not in response.headers  # nothing to swap in: the form as it is
    assert 'id="item-row-50"' in response.text
    assert 'id="item-row-51"' not in response.text
    assert 'name="add" value="item"' not in response.text
    assert 'name="add" value="decision"' in response.text


def test_members_and_the_secretariat_get_the_meeting_pack_from_the_forums_page(signed_in):
    secretariat = signed_in("secretariat")
    page = secretariat.get("/samarbejdsfora/NGONET")
    assert 'action="/samarbejdsfora/NGONET/moedemappe"' in page.text
    pdf = secretariat.get("/samarbejdsfora/NGONET/moedemappe?date=01.12.2026&format=pdf&lang=da")
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-disposition"] == 'attachment; filename="moedemappe-NGONET-2026-12-01-da.pdf"'
    # The link in the pack mail (ISO date) opens it too, and HTML is shown in the browser.
    html_pack = secretariat.get("/samarbejdsfora/NGONET/moedemappe?date=2026-12-01&format=html&lang=en")
    assert html_pack.status_code == 200
    assert "Open action items from earlier meetings" in html_pack.text
    # A member organisation's reporter (REDEN is in the NGO network) gets it; others do not see or get it.
    member = signed_in("reporter")
    assert 'action="/samarbejdsfora/NGONET/moedemappe"' in member.get("/samarbejdsfora/NGONET").text
    assert member.get("/samarbejdsfora/NGONET/moedemappe?date=01.12.2026").status_code == 200
    other = signed_in("viewer")
    assert "moedemappe" not in other.get("/samarbejdsfora/NGONET").text
    assert other.get("/samarbejdsfora/NGONET/moedemappe?date=01.12.2026").status_code == 404  # pages: refused = unseen
    # A date that cannot be read: the forum's page with the error beside the field.
    bad = secretariat.get("/samarbejdsfora/NGONET/moedemappe?date=i+morgen&format=pdf")
    assert bad.status_code == 422
    assert "Skriv mødedatoen, fx 01.12.2026" in bad.text
    assert 'value="i morgen"' in bad.text
    assert secretariat.get("/samarbejdsfora/NOPE/moedemappe?date=01.12.2026").status_code == 404
