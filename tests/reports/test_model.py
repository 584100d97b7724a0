"""What the status report says, built from progress reports in the database (SQLite and PostgreSQL)."""

from datetime import UTC, date, datetime

import pytest
from sqlmodel import select

from actionplan.models import Initiative
from reports import build_status_report, default_period
from reports.rules import indicator_status, target_now
from tests.reports.builders import PLAN, TODAY, make_report, make_revision, make_slip, make_target

pytestmark = pytest.mark.usefixtures("plan_loaded")


def report_for(session, label="2025-H1", **options):
    options.setdefault("lang", "en")
    return build_status_report(session, PLAN, label, today=TODAY, **options)


def test_the_default_period_is_the_latest_whose_due_date_has_passed(session):
    assert default_period(session, PLAN, date(2025, 8, 1)) == "2025-H1"
    assert default_period(session, PLAN, TODAY) == "2025-H2"
    # 2025-H1 is due 31 July 2025: on that day its reports may still come in; it is behind us the day after.
    assert default_period(session, PLAN, date(2025, 7, 31)) == "2024-H2"
    assert default_period(session, PLAN, date(2025, 8, 1)) == "2025-H1"


def test_headline_counts_initiatives_by_status_per_focus_area_and_the_change_in_share_on_track(session):
    make_report(session, "MH22-1.1", "2024-H2", status="on_track")
    make_report(session, "MH22-1.2", "2024-H2", status="on_track")
    make_report(session, "MH22-1.1", "2025-H1", status="delayed")
    make_report(session, "MH22-1.2", "2025-H1", status="completed")
    make_report(session, "MH22-2.1", "2025-H1", status="at_risk")
    report = report_for(session)
    io1 = next(r for r in report.headline.rows if r.focus_area == "IO1")
    assert (io1.counts["delayed"], io1.counts["completed"], io1.counts["no_report"], io1.total) == (1, 1, 5, 7)
    assert report.headline.totals["at_risk"] == 1
    assert report.headline.total == 16
    # "Not reported" is not "got worse": the share counts reported initiatives, the rest stand beside it.
    assert (report.headline.reported, report.headline.not_reported) == (3, 13)
    assert report.headline.share_on_track == 33.3  # 1 of 3 reported is completed
    assert report.headline.previous_share_on_track == 100.0  # 2 of 2 reported were on track
    assert report.headline.change_pp == -66.7


def test_a_status_change_between_two_periods_shows_up_under_what_changed(session):
    make_report(session, "MH22-2.4", "2024-H2", status="on_track")
    make_report(session, "MH22-2.4", "2025-H1", status="delayed", explanation="Partner withdrew.")
    changes = report_for(session).changes
    assert [(c.initiative, c.before, c.after) for c in changes.status_changes] == [("MH22-2.4", "on_track", "delayed")]
    assert [d.initiative for d in changes.new_delays] == ["MH22-2.4"]
    assert changes.new_delays[0].explanation == "Partner withdrew."


def test_returned_and_draft_reports_never_reach_the_ministers_version(session):
    make_report(session, "MH22-1.1", "2025-H1", status="delayed", state="returned", narrative="RETURNED TEXT")
    make_report(session, "MH22-1.2", "2025-H1", status="at_risk", state="draft", risks="DRAFT RISK")
    for include_submitted in (False, True):
        report = report_for(session, include_submitted=include_submitted)
        assert report.headline.totals["no_report"] == 16
        assert report.attention == []
        assert report.changes.new_risks == []


def test_submitted_reports_appear_only_on_request_and_marked_not_yet_approved(session):
    make_report(session, "MH22-2.1", "2025-H1", status="at_risk", state="submitted", risks="Funding ends.")
    assert report_for(session).headline.totals["at_risk"] == 0
    report = report_for(session, include_submitted=True)
    assert report.headline.totals["at_risk"] == 1
    [item] = [a for a in report.attention if a.initiative == "MH22-2.1"]
    assert item.not_yet_approved
    assert report.changes.new_risks[0].not_yet_approved


def test_overdue_initiatives_are_listed_with_their_explanation(session):
    make_report(session, "MH22-1.1", "2025-H2", status="on_track", explanation="Final report in preparation.")
    report = report_for(session, "2025-H2")
    item = next(a for a in report.attention if a.initiative == "MH22-1.1")
    assert item.overdue  # deadline 31 Dec 2025, due date of 2025-H2 is 31 Jan 2026
    assert item.explanation == "Final report in preparation."


def test_the_slip_ledger_counts_moves_and_days_with_reasons(session):
    title = "Årsrapport om menneskehandel 2024"
    make_slip(session, "MH22-X.1", title, date(2025, 9, 30), at=datetime(2025, 6, 1, tzinfo=UTC), reason="Late data")
    make_slip(session, "MH22-X.1", title, date(2025, 11, 30), at=datetime(2025, 9, 1, tzinfo=UTC), reason="Review")
    [row] = report_for(session, "2025-H2").slips
    assert (row.initiative, row.moves, row.days_slipped) == ("MH22-X.1", 2, 153)
    assert row.reasons == ["Late data", "Review"]
    # The first move was known at the 2025-H1 report, the second was not yet.
    [earlier] = report_for(session, "2025-H1").slips
    assert (earlier.moves, earlier.current_due) == (1, date(2025, 9, 30))


def test_indicators_without_targets_say_no_target_set_and_keep_their_trend(session):
    make_report(session, "MH22-1.1", "2024-H2", values={("MH22-1.1-I1", ""): 85})
    make_report(session, "MH22-1.1", "2025-H1", values={("MH22-1.1-I1", ""): 92})
    row = next(i for i in report_for(session).indicators if i.indicator == "MH22-1.1-I1")
    assert (row.actual, row.target, row.status) == (92, None, "no_target")
    assert row.trend == [("2024-H2", 85), ("2025-H1", 92)]


def test_indicators_against_a_target_are_judged_against_the_expected_trajectory(session):
    make_target(session, "MH22-1.1-I1", "2025-H2", 120)
    make_report(session, "MH22-1.1", "2025-H2", values={("MH22-1.1-I1", ""): 111})
    row = next(i for i in report_for(session, "2025-H2").indicators if i.indicator == "MH22-1.1-I1")
    assert (row.target, row.expected, row.pct_achieved, row.status) == (120, 120, 92.5, "on_track")
    make_report(session, "MH22-1.1", "2025-H1", values={("MH22-1.1-I1", ""): 81})
    mid = next(i for i in report_for(session, "2025-H1").indicators if i.indicator == "MH22-1.1-I1")
    # Halfway from the baseline (80) to 120 the plan expects about 115; 81 is well behind.
    assert mid.status == "off_track"
    assert mid.expected == pytest.approx(
        80 + 40 * (date(2025, 6, 30) - date(2022, 1, 1)).days / (date(2025, 12, 31) - date(2022, 1, 1)).days
    )


def test_indicator_rule_is_direction_aware_with_a_configurable_band():
    assert indicator_status("increase", 95, 100, 0.1) == "on_track"
    assert indicator_status("increase", 85, 100, 0.1) == "off_track"
    assert indicator_status("decrease", 105, 100, 0.1) == "on_track"
    assert indicator_status("decrease", 115, 100, 0.1) == "off_track"
    assert indicator_status("maintain", 93, 100, 0.05) == "off_track"
    assert indicator_status("maintain", 97, 100, 0.05) == "on_track"
    assert indicator_status("increase", None, 100, 0.1) == "no_data"
    assert indicator_status("increase", 5, None, 0.1) == "no_target"
    assert target_now([], 10, date(2022, 1, 1), date(2023, 1, 1)) == (None, None)


def test_completeness_counts_on_time_late_and_missing_against_the_due_date(session):
    make_report(session, "MH22-1.1", "2025-H1")  # CMM, on time
    make_report(session, "MH22-1.2", "2025-H1", submitted=datetime(2025, 8, 20, tzinfo=UTC))  # CMM, late
    make_report(session, "MH22-1.3", "2025-H1", state="returned")  # LIGE: a returned report is missing
    rows = {r.organisation: r for r in report_for(session).completeness}
    assert (rows["CMM"].expected, rows["CMM"].on_time, rows["CMM"].late, rows["CMM"].missing) == (7, 1, 1, 5)
    assert (rows["LIGE"].on_time, rows["LIGE"].missing) == (0, 3)
    assert rows["total"].expected == 16


def test_last_periods_forecast_is_scored_against_this_periods_status(session):
    make_report(session, "MH22-1.1", "2024-H2", forecast_status="on_track", forecast_note="All set")
    make_report(session, "MH22-1.2", "2024-H2", forecast_status="completed")
    make_report(session, "MH22-1.1", "2025-H1", status="delayed")
    make_report(session, "MH22-1.2", "2025-H1", status="completed")
    report = report_for(session)
    cmm = next(f for f in report.forecasts if f.organisation == "CMM")
    assert (cmm.forecasts, cmm.hits, cmm.misses, cmm.accuracy) == (2, 1, 1, 50.0)
    assert [(m.initiative, m.forecast, m.outcome) for m in report.forecast_misses] == [
        ("MH22-1.1", "on_track", "delayed")
    ]


def test_values_revised_after_approval_are_listed_under_what_changed(session):
    old = make_report(session, "MH22-1.1", "2024-H2", spent_dkk=100.0)
    make_revision(session, old, 1, {"status": "on_track", "spent_dkk": 100.0}, at=datetime(2025, 2, 1, tzinfo=UTC))
    make_revision(
        session,
        old,
        2,
        {"status": "on_track", "spent_dkk": 250.0},
        at=datetime(2025, 5, 1, tzinfo=UTC),
        reason="Salaries were missing",
    )
    [revision] = report_for(session).changes.revised_values
    assert (revision.initiative, revision.period, revision.field) == ("MH22-1.1", "2024-H2", "spent_dkk")
    assert (revision.before, revision.after, revision.reason) == ("100.0", "250.0", "Salaries were missing")


def test_budget_sets_spending_against_the_plans_allocation(session):
    make_report(session, "MH22-1.1", "2024-H2", spent_dkk=1_000_000.0)
    make_report(session, "MH22-1.1", "2025-H1", spent_dkk=250_000.5)
    budget = report_for(session).budget
    assert budget.plan_budget == 118_200_000
    row = next(r for r in budget.rows if r.initiative == "MH22-1.1")
    assert (row.allocated, row.spent_period, row.spent_to_date) == (None, 250_000.5, 1_250_000.5)
    assert budget.spent_to_date_total == 1_250_000.5


def test_public_mode_shows_no_count_from_one_to_four_in_indicator_values(session):
    values = {("MH22-X.1-I1", ""): 60, ("MH22-X.1-I1", "sex:women"): 50, ("MH22-X.1-I1", "sex:men"): 7}
    values[("MH22-X.1-I1", "sex:trans")] = 3
    make_report(session, "MH22-X.1", "2025-H1", values=values)
    rows = {i.category: i for i in report_for(session, public=True).indicators if i.indicator == "MH22-X.1-I1"}
    assert rows["sex:trans"].actual == "<5"
    assert rows["sex:men"].actual == "x"  # otherwise 60 - 50 - men would reveal it
    assert rows[""].actual == 60
    assert rows["sex:trans"].trend == [("2025-H1", "<5")]


def test_revised_indicator_values_in_the_workflows_revision_format_are_named_by_indicator(session):
    old = make_report(session, "MH22-X.1", "2024-H2")
    before = {
        "status": "on_track",
        "state": "approved",
        "indicator_values": {"MH22-X.1-I1": 70, "MH22-X.1-I1/sex:men": 9},
    }
    after = {
        "status": "on_track",
        "state": "approved",
        "indicator_values": {"MH22-X.1-I1": 74, "MH22-X.1-I1/sex:men": 9},
    }
    make_revision(session, old, 1, before, at=datetime(2025, 2, 10, tzinfo=UTC))
    make_revision(session, old, 2, after, at=datetime(2025, 3, 1, tzinfo=UTC), reason="Late registrations")
    [revision] = report_for(session).changes.revised_values
    assert (revision.field, revision.before, revision.after) == ("indicator_values.MH22-X.1-I1", "70", "74")


def test_only_initiatives_alive_in_the_period_are_expected_to_report_as_reminders_have_it(session):
    # MH22-1.4 (CMM) ended before 2025-H1 and MH22-1.1 (CMM) starts after it: neither is asked for a report, so
    # neither is "missing" nor chased ("Sekretariatet rykker") — the same rule as the due list and reminders.
    # MH22-1.2 ended too, but its report was given: a report given still counts.
    ended, later, reported = (
        session.exec(select(Initiative).where(Initiative.code == code)).one()
        for code in ("MH22-1.4", "MH22-1.1", "MH22-1.2")
    )
    ended.deadline = date(2024, 12, 31)
    later.starts = date(2025, 7, 1)
    reported.deadline = date(2024, 12, 31)
    session.add_all([ended, later, reported])
    session.commit()
    make_report(session, "MH22-1.2", "2025-H1")
    report = report_for(session)
    rows = {r.organisation: r for r in report.completeness}
    assert (rows["CMM"].expected, rows["CMM"].on_time, rows["CMM"].missing) == (5, 1, 4)
    assert rows["total"].expected == 14
    lines = {line.initiative: line for line in report.initiatives}
    assert not lines["MH22-1.4"].missing
    assert not lines["MH22-1.1"].missing
    assert lines["MH22-1.3"].missing
