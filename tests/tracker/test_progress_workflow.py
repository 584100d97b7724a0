"""The workflow table and the lock rules, as pure functions: no database."""

from datetime import date

import pytest

from actionplan.enums import PeriodState, ReportState
from tracker.auth.models import Role
from tracker.errors import Forbidden, InvalidTransition
from tracker.progress.workflow import (
    TRANSITIONS,
    Action,
    PeriodLocked,
    allowed_actions,
    autolock_date,
    is_period_locked,
    next_state,
)

D, S, A, R = ReportState.DRAFT, ReportState.SUBMITTED, ReportState.APPROVED, ReportState.RETURNED


@pytest.mark.parametrize(
    ("state", "action", "role", "expected"),
    [
        (None, Action.EDIT, Role.REPORTER, D),
        (D, Action.EDIT, Role.REPORTER, D),
        (D, Action.SUBMIT, Role.REPORTER, S),
        (S, Action.RETURN, Role.SECRETARIAT, R),
        (R, Action.EDIT, Role.REPORTER, R),
        (R, Action.SUBMIT, Role.REPORTER, S),
        (S, Action.APPROVE, Role.SECRETARIAT, A),
        (A, Action.AMEND, Role.SECRETARIAT, A),
        (None, Action.NO_CHANGE, Role.REPORTER, S),
        (D, Action.SUBMIT, Role.SECRETARIAT, S),
    ],
)
def test_the_review_path_moves_reports_through_the_table(state, action, role, expected):
    assert next_state(state, action, role, period_locked=False) == expected


def test_states_read_from_the_database_as_text_are_understood():
    assert next_state("submitted", Action.APPROVE, Role.SECRETARIAT, period_locked=False) == A


def test_an_invalid_step_is_409_naming_the_allowed_steps():
    with pytest.raises(InvalidTransition) as caught:
        next_state(S, Action.EDIT, Role.REPORTER, period_locked=False)
    assert caught.value.status_code == 409
    assert caught.value.extra["allowed"] == []
    assert "submitted" in caught.value.detail
    with pytest.raises(InvalidTransition) as caught:
        next_state(R, Action.APPROVE, Role.SECRETARIAT, period_locked=False)
    assert caught.value.extra["allowed"] == ["edit", "submit", "no-change"]


def test_approval_locks_the_report_for_everyone_but_the_secretariat_amending():
    assert allowed_actions(A, Role.REPORTER, period_locked=False) == []
    assert allowed_actions(A, Role.SECRETARIAT, period_locked=False) == [Action.AMEND]
    with pytest.raises(InvalidTransition):
        next_state(A, Action.EDIT, Role.SECRETARIAT, period_locked=False)


def test_reporters_may_not_review():
    with pytest.raises(Forbidden):
        next_state(S, Action.APPROVE, Role.REPORTER, period_locked=False)
    with pytest.raises(Forbidden):
        next_state(A, Action.AMEND, Role.REPORTER, period_locked=False)


def test_viewers_write_nothing():
    for state in (None, D, S, A, R):
        assert allowed_actions(state, Role.VIEWER, period_locked=False) == []


def test_a_locked_period_stops_data_entry_but_not_review_or_amendment():
    with pytest.raises(PeriodLocked) as caught:
        next_state(D, Action.EDIT, Role.REPORTER, period_locked=True)
    assert caught.value.problem_type == "period-locked"
    assert caught.value.status_code == 409
    assert allowed_actions(D, Role.SECRETARIAT, period_locked=True) == [Action.AMEND]
    assert allowed_actions(S, Role.SECRETARIAT, period_locked=True) == [Action.APPROVE, Action.RETURN, Action.AMEND]
    assert allowed_actions(None, Role.REPORTER, period_locked=True) == []


def test_unapproved_reports_are_amended_only_in_a_locked_period():
    with pytest.raises(InvalidTransition):
        next_state(D, Action.AMEND, Role.SECRETARIAT, period_locked=False)
    assert next_state(D, Action.AMEND, Role.SECRETARIAT, period_locked=True) == D


def test_every_transition_is_unique_per_state_action_and_period_condition():
    keys = [(t.source, t.action, t.period) for t in TRANSITIONS]
    assert len(keys) == len(set(keys))


def test_a_period_locks_by_itself_the_configured_number_of_days_after_its_due_date():
    due = date(2026, 1, 31)
    assert autolock_date(due, 365) == date(2027, 2, 1)
    assert not is_period_locked(PeriodState.OPEN, due, date(2027, 1, 31), 365)
    assert is_period_locked(PeriodState.OPEN, due, date(2027, 2, 1), 365)
    assert is_period_locked("locked", due, date(2026, 2, 1), 365)


def test_automatic_locking_is_off_at_zero_days():
    assert autolock_date(date(2020, 1, 1), 0) is None
    assert not is_period_locked(PeriodState.OPEN, date(2020, 1, 1), date(2030, 1, 1), 0)
