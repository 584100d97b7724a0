"""The coordination fora as plan data: the eight fora the centre names, with their named members only."""

from datetime import date

import pytest
from sqlmodel import select

from actionplan.fora import Forum, ForumMember, action_item_overdue, behind_cadence, cadence_interval
from actionplan.loader import builtin_plan_data, load_plan
from actionplan.models import Organisation

FORA = {f["code"]: f for f in builtin_plan_data()["fora"]}
ORGS = {o["code"]: o for o in builtin_plan_data()["organisations"]}


def test_the_built_in_plan_names_eight_fora_two_of_them_international():
    assert len(FORA) == 8
    assert sorted(c for c, f in FORA.items() if f["scope"] == "international") == ["CBSS-TF", "EU-NET"]


def test_the_authority_group_has_the_eight_authorities_of_its_cooperation_agreement():
    members = FORA["MYNDGRP"]["members"]
    assert sorted(members) == ["AT", "FVST", "NSK", "RA", "SIRI", "SKST", "SSJP", "UST"]
    assert "Hvidvasksekretariatet" in ORGS["NSK"]["name_da"]


def test_private_companies_and_foreign_authorities_are_organisations_of_their_own_kind():
    tech = FORA["TEKNET"]["members"]
    assert {"META", "MICROSOFT", "MOBILEPAY", "PWC", "WHO"} <= set(tech)
    assert all(ORGS[c]["kind"] == "external" for c in ("META", "MICROSOFT", "MOBILEPAY", "PWC", "WHO"))
    assert ORGS["DIGST"]["kind"] == "agency"
    assert ORGS["NC3"]["kind"] == "agency"
    baltic = [c for c in FORA["CBSS-TF"]["members"] if c != "CMM"]
    assert len(baltic) == 9
    assert all(ORGS[c]["kind"] == "external" for c in baltic)


def test_cadences_are_only_those_the_centre_states_and_unknowns_say_so():
    cadence = {c: f["meetings_per_year"] for c, f in FORA.items()}
    assert cadence == {
        "TVAERMIN": None, "NGONET": 2, "NGOADHOC": None, "VIDEN": 1,
        "MYNDGRP": None, "TEKNET": None, "CBSS-TF": None, "EU-NET": 2,
    }  # fmt: skip
    for f in FORA.values():
        if f["meetings_per_year"] is None:
            assert f["cadence_note"]
        if not f["members"]:
            assert f["members_note"]
            assert "not name" in f["members_note"]
        if f["secretariat"] is None:
            assert f["secretariat_note"]


@pytest.mark.usefixtures("plan_loaded")
def test_fora_load_with_the_plan_and_loading_again_changes_nothing(session):
    assert len(session.exec(select(Forum)).all()) == 8
    group = session.exec(select(Forum).where(Forum.code == "MYNDGRP")).one()
    links = session.exec(select(ForumMember).where(ForumMember.forum_id == group.id)).all()
    assert len(links) == 8
    again = load_plan(session, builtin_plan_data())
    assert not again.changed, again.changes[:5]


@pytest.mark.usefixtures("plan_loaded")
def test_an_external_organisation_is_accepted_by_the_database(session):
    session.add(Organisation(code="ACME", name_da="Acme A/S", name_en="Acme Ltd", kind="external"))
    session.flush()
    assert session.exec(select(Organisation).where(Organisation.code == "ACME")).one().kind == "external"


def test_a_forum_meeting_twice_a_year_is_behind_after_a_year_without_a_meeting():
    start = date(2022, 1, 1)
    assert behind_cadence(2, date(2025, 11, 1), start, date(2026, 11, 29))
    assert not behind_cadence(2, date(2026, 6, 1), start, date(2026, 11, 29))
    assert behind_cadence(2, None, start, date(2026, 11, 29))
    assert not behind_cadence(2, None, start, date(2022, 6, 1))
    assert behind_cadence(1, date(2025, 9, 1), start, date(2026, 11, 29))
    assert not behind_cadence(1, date(2026, 1, 15), start, date(2026, 11, 29))


def test_a_forum_without_a_cadence_is_never_behind():
    assert cadence_interval(None) is None
    assert not behind_cadence(None, None, date(2000, 1, 1), date(2026, 11, 29))


def test_an_action_item_is_overdue_after_its_deadline_until_it_is_done():
    assert action_item_overdue(date(2026, 11, 1), "open", date(2026, 11, 29))
    assert action_item_overdue(date(2026, 11, 1), "in_progress", date(2026, 11, 29))
    assert not action_item_overdue(date(2026, 11, 1), "done", date(2026, 11, 29))
    assert not action_item_overdue(date(2026, 11, 29), "open", date(2026, 11, 29))
