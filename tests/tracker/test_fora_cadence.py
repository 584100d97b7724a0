"""A forum that has not met as its cadence says shows under "needs attention" and in the secretariat's overview."""

from datetime import date

import pytest
from sqlmodel import Session

from reports import build_status_report, render
from tests.conftest import NOW
from tracker.auth.models import Role
from tracker.fora.meetings import create_meeting
from tracker.fora.schemas import MeetingInput

pytestmark = pytest.mark.usefixtures("plan_loaded")
TODAY = date(2026, 11, 29)


def _meet(engine, forum: str, held_on: date) -> None:
    with Session(engine) as session:
        create_meeting(session, "test", forum, MeetingInput(held_on=held_on), now=NOW)
        session.commit()


def test_fora_meant_to_meet_with_no_meeting_recorded_need_attention_in_the_status_report(engine):
    _meet(engine, "NGONET", date(2025, 12, 1))  # met in time for the 2025-H2 report
    _meet(engine, "EU-NET", date(2024, 11, 20))  # twice a year, but nothing in the year before
    with Session(engine) as session:
        report = build_status_report(session, "mh-2022-2025", "2025-H2", lang="da", today=TODAY)
    behind = {f.forum: f for f in report.fora_attention}
    assert sorted(behind) == ["EU-NET", "VIDEN"]
    assert behind["EU-NET"].last_meeting == date(2024, 11, 20)
    assert behind["VIDEN"].last_meeting is None
    html = render(report, "html").decode()
    assert "Fora, der ikke har holdt møde som planlagt" in html
    assert "EU-Kommissionens anti-trafficking netværk" in html
    assert b'"fora_attention"' in render(report, "json")


def test_fora_without_a_stated_cadence_never_need_attention(engine):
    with Session(engine) as session:
        report = build_status_report(session, "mh-2022-2025", "2025-H2", lang="en", today=TODAY)
    assert {f.forum for f in report.fora_attention} == {"NGONET", "VIDEN", "EU-NET"}


def test_the_secretariats_overview_flags_the_same_fora(client, make_headers, engine):
    _meet(engine, "NGONET", date(2026, 10, 1))
    fora = client.get("/fora", headers=make_headers("CMM", Role.SECRETARIAT)).json()["data"]
    assert sorted(f["code"] for f in fora if f["behind_cadence"]) == ["EU-NET", "VIDEN"]
    ngo = next(f for f in fora if f["code"] == "NGONET")
    assert ngo["last_meeting"] == "2026-10-01"
    assert ngo["meetings"] == 1
