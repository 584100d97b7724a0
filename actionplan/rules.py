"""Derived facts as pure functions: never stored, always computed from the data and a date."""

from datetime import date

from actionplan.enums import ProgressStatus, ReportState

FINISHED = frozenset({ProgressStatus.COMPLETED, ProgressStatus.CANCELLED})
SUBMITTED_OR_LATER = frozenset({ReportState.SUBMITTED, ReportState.APPROVED})


def is_overdue(deadline: date | None, status: ProgressStatus | str | None, today: date) -> bool:
    """An initiative is overdue when its deadline has passed and it is neither completed nor cancelled."""
    if deadline is None:
        return False
    return deadline < today and status not in FINISHED


def is_report_missing(due: date, state: ReportState | str | None, today: date) -> bool:
    """A report is missing when its period's due date has passed and nothing was submitted."""
    return due < today and state not in SUBMITTED_OR_LATER
