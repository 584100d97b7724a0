"""`tracker serve --demo` adds clearly labelled sample meetings, with decisions and action items, some overdue."""

from datetime import date

import pytest
from sqlmodel import Session, select

from actionplan.fora import ActionItem, Decision, Meeting, action_item_overdue
from tests.conftest import NOW
from tracker.cli import main
from tracker.fora.demo import MARK, load_fora_demo

pytestmark = pytest.mark.usefixtures("plan_loaded")


def test_the_demo_adds_labelled_meetings_once_with_some_action_items_overdue(engine):
    with Session(engine) as session:
        assert load_fora_demo(session, now=NOW) == 4
        session.commit()
        assert load_fora_demo(session, now=NOW) == 0
        meetings = session.exec(select(Meeting)).all()
        items = session.exec(select(ActionItem)).all()
        decisions = session.exec(select(Decision)).all()
    assert len(meetings) == 4
    assert all(m.title.startswith(MARK) and m.minutes.startswith(MARK) for m in meetings)
    assert all(d.text.startswith(MARK) for d in decisions)
    assert all(i.text.startswith(MARK) for i in items)
    overdue = [i for i in items if action_item_overdue(i.deadline, i.state, date(2026, 11, 29))]
    assert len(overdue) >= 2
    assert any(i.state == "done" and i.closing_note for i in items)


def test_demo_load_from_the_command_line_says_what_it_added(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TRACKER_DATABASE_URL", f"sqlite:///{tmp_path / 'demo.db'}")
    monkeypatch.setenv("TRACKER_ENVIRONMENT", "test")
    assert main(["demo", "load"]) == 0
    assert "4 meetings" in capsys.readouterr().err
    assert main(["forum", "show", "TVAERMIN"]) == 0
    assert "Halvårsmøde" in capsys.readouterr().out
