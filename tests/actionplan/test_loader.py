"""Loading the built-in plan: complete, faithful to the sources, and idempotent."""

from sqlalchemy import func
from sqlmodel import Session, select

from actionplan.loader import builtin_plan_data, load_plan
from actionplan.models import Indicator, Initiative, Observation, Organisation, ReportingPeriod
from tracker.models import metadata


def _snapshot(session: Session) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every plan table, for comparing two loads."""
    rows = {}
    for table in metadata.sorted_tables:
        rows[table.name] = sorted(tuple(r) for r in session.connection().execute(table.select()).all())
    return rows


def test_loading_twice_leaves_identical_rows(session):
    first = load_plan(session, builtin_plan_data())
    session.commit()
    before = _snapshot(session)
    second = load_plan(session, builtin_plan_data())
    session.commit()
    assert first.created > 100
    assert (second.created, second.updated) == (0, 0)
    assert second.changes == []
    assert _snapshot(session) == before


def test_built_in_plan_has_its_initiatives_owners_and_periods(session):
    load_plan(session, builtin_plan_data())
    assert session.exec(select(func.count()).select_from(Initiative)).one() == 16
    leads = session.exec(select(Organisation.code).join(Initiative, Initiative.lead_id == Organisation.id)).all()
    assert "REDEN" in leads
    periods = session.exec(select(ReportingPeriod).order_by(ReportingPeriod.starts)).all()
    assert len(periods) == 8
    assert all((p.due - p.ends).days in (30, 31) for p in periods)
    assert [p.state for p in periods if p.state == "open"] == ["open"]


def test_victim_statistics_are_actual_values_with_their_source(session):
    load_plan(session, builtin_plan_data())
    indicator = session.exec(select(Indicator).where(Indicator.code == "MH22-X.1-I1")).one()
    totals = session.exec(
        select(Observation.period, Observation.value)
        .where(Observation.indicator_id == indicator.id, Observation.category == "")
        .where(Observation.source_org == "Center mod Menneskehandel")
        .order_by(Observation.period)
    ).all()
    assert totals == [("2019", 64), ("2020", 77), ("2021", 80), ("2022", 73), ("2023", 112)]


def test_a_changed_title_is_reported_as_exactly_that_change(session):
    load_plan(session, builtin_plan_data())
    data = builtin_plan_data()
    data["initiatives"][0]["title_en"] = "A new title"
    result = load_plan(session, data)
    assert [(c.entity, c.key, c.field, c.new) for c in result.changes] == [
        ("initiative", "MH22-1.1", "title_en", "A new title")
    ]
