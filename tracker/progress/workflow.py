"""The review workflow as data: one table of allowed transitions, and pure functions over it.

draft -> submitted -> approved, or submitted -> returned (back to the reporter, who edits and resubmits).
Approval locks a report; a locked period stops data entry. After either, only the secretariat amends,
with a reason. Nothing here touches the database.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from actionplan.enums import PeriodState, ReportState
from tracker.auth.models import Role
from tracker.errors import Conflict, Forbidden, InvalidTransition


class Action(StrEnum):
    EDIT = "edit"
    SUBMIT = "submit"
    NO_CHANGE = "no-change"
    APPROVE = "approve"
    RETURN = "return"
    AMEND = "amend"


class PeriodCondition(StrEnum):
    ANY = "any"
    OPEN = "open"
    LOCKED = "locked"


@dataclass(frozen=True)
class Transition:
    action: Action
    source: ReportState | None  # None: the report does not exist yet
    target: ReportState
    roles: frozenset[Role]
    period: PeriodCondition = PeriodCondition.OPEN


OWNER = frozenset({Role.REPORTER, Role.SECRETARIAT})
SECRETARIAT = frozenset({Role.SECRETARIAT})
D, S, A, R = ReportState.DRAFT, ReportState.SUBMITTED, ReportState.APPROVED, ReportState.RETURNED
ANY, OPEN, LOCKED = PeriodCondition.ANY, PeriodCondition.OPEN, PeriodCondition.LOCKED

TRANSITIONS: tuple[Transition, ...] = (
    Transition(Action.EDIT, None, D, OWNER),
    Transition(Action.EDIT, D, D, OWNER),
    # A returned report stays "returned" while the reporter corrects it, so both sides see why.
    Transition(Action.EDIT, R, R, OWNER),
    Transition(Action.SUBMIT, D, S, OWNER),
    Transition(Action.SUBMIT, R, S, OWNER),
    # "No change this period": the last approved report, carried forward and submitted at once.
    Transition(Action.NO_CHANGE, None, S, OWNER),
    Transition(Action.NO_CHANGE, D, S, OWNER),
    Transition(Action.NO_CHANGE, R, S, OWNER),
    # Review is not data entry: the secretariat may still approve or return in a locked period.
    Transition(Action.APPROVE, S, A, SECRETARIAT, ANY),
    Transition(Action.RETURN, S, R, SECRETARIAT, ANY),
    Transition(Action.AMEND, A, A, SECRETARIAT, ANY),
    Transition(Action.AMEND, D, D, SECRETARIAT, LOCKED),
    Transition(Action.AMEND, S, S, SECRETARIAT, LOCKED),
    Transition(Action.AMEND, R, R, SECRETARIAT, LOCKED),
)


class PeriodLocked(Conflict):
    problem_type = "period-locked"
    title = "The reporting period is locked"


def _period_ok(condition: PeriodCondition, period_locked: bool) -> bool:
    return condition is ANY or (condition is LOCKED) == period_locked


def allowed_actions(state: ReportState | str | None, role: Role, *, period_locked: bool) -> list[Action]:
    """The actions this role may take on a report in this state (None: no report yet)."""
    state = ReportState(state) if state is not None else None
    return [
        t.action for t in TRANSITIONS if t.source == state and role in t.roles and _period_ok(t.period, period_locked)
    ]


def next_state(state: ReportState | str | None, action: Action, role: Role, *, period_locked: bool) -> ReportState:
    """The state after the action, or the error to answer: 403 for the role, 409 naming what is allowed."""
    state = ReportState(state) if state is not None else None
    for t in TRANSITIONS:
        if t.source == state and t.action is action and _period_ok(t.period, period_locked):
            if role not in t.roles:
                raise Forbidden(f"The role {role.value!r} may not {action.value} a report.")
            return t.target
    allowed = [a.value for a in allowed_actions(state, role, period_locked=period_locked)]
    shown = state.value if state else "not yet written"
    if period_locked and any(t.source == state and t.action is action for t in TRANSITIONS):
        raise PeriodLocked(
            f"The reporting period is locked: the report can no longer be changed with {action.value!r}. "
            "Only the secretariat can amend it, with a reason.",
            state=shown,
            allowed=allowed,
        )
    raise InvalidTransition(
        f"A report that is {shown} cannot take the step {action.value!r}; allowed now: "
        f"{', '.join(allowed) or 'nothing'}.",
        state=shown,
        allowed=allowed,
    )


def autolock_date(due: date, autolock_days: int) -> date | None:
    """The first day on which a period is locked by itself (None when automatic locking is off)."""
    if autolock_days <= 0:
        return None
    return due + timedelta(days=autolock_days + 1)


def is_period_locked(state: PeriodState | str, due: date, today: date, autolock_days: int) -> bool:
    """A period is locked when the secretariat locked it, or `autolock_days` after its due date."""
    if state == PeriodState.LOCKED:
        return True
    first_locked_day = autolock_date(due, autolock_days)
    return first_locked_day is not None and today >= first_locked_day
