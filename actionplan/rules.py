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


def is_past_due(due: date, today: date) -> bool:
    """A reporting period's due date has passed: the day after it, not on it (reports may come in all that day).

    The one rule for "this period is behind us": reports missing, the default period of a status report, the
    periods a report can be issued for.
    """
    return due < today


def is_report_expected(starts: date | None, deadline: date | None, period_starts: date, period_ends: date) -> bool:
    """An initiative reports for a period that overlaps its life: nothing before it starts, nothing after its deadline.

    (`tracker.progress.expected` adds the period's being open, and holds this rule's SQL form beside it.)
    """
    started = starts is None or starts <= period_ends
    not_ended = deadline is None or deadline >= period_starts
    return started and not_ended


def is_report_missing(due: date, state: ReportState | str | None, today: date) -> bool:
    """A report is missing when its period's due date has passed and nothing was submitted."""
    return is_past_due(due, today) and state not in SUBMITTED_OR_LATER
