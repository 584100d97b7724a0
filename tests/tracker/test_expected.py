"""When a report is expected: the Python and SQL forms of the one rule (tracker/progress/expected.py) agree."""

from datetime import timedelta

import pytest
from sqlmodel import Session, col, select

from actionplan.models import Initiative, ReportingPeriod
from tracker.progress.expected import expected_in, is_expected

pytestmark = pytest.mark.usefixtures("plan_loaded")


def test_the_python_and_sql_forms_of_the_rule_agree_on_every_initiative_and_period(engine):
    with Session(engine) as session:
        periods = session.exec(select(ReportingPeriod).order_by(col(ReportingPeriod.starts))).all()
        initiatives = session.exec(select(Initiative).order_by(col(Initiative.code))).all()
        # Lives that start late, end early, and sit inside one period, beside those the plan has.
        first, middle, last = periods[0], periods[len(periods) // 2], periods[-1]
        initiatives[0].starts, initiatives[0].deadline = middle.ends + timedelta(days=1), None
        initiatives[1].starts, initiatives[1].deadline = None, middle.starts - timedelta(days=1)
        initiatives[2].starts, initiatives[2].deadline = middle.starts, middle.starts
        session.flush()
        in_sql = {
            (i.code, p.label) for p in periods for i in session.exec(select(Initiative).where(expected_in(p))).all()
        }
        in_python = {(i.code, p.label) for p in periods for i in initiatives if is_expected(i, p)}
    assert in_sql == in_python
    codes = [i.code for i in initiatives[:3]]
    assert (codes[0], middle.label) not in in_python
    assert (codes[0], last.label) in in_python
    assert (codes[1], middle.label) not in in_python
    assert (codes[1], first.label) in in_python
    assert {label for code, label in in_python if code == codes[2]} == {middle.label}
