"""The public edition survives an attack: from everything it publishes, linear programming cannot narrow a
hidden count of persons to fewer values than "<5" itself stands for (1 to 4).

The attacker knows every published figure, that "<5" means 1 to 4, that a hidden "x" is at least 0, and how
the breakdowns relate to the total (equal where they add up, else at most or at least the total). For each
hidden cell we compute with `scipy.optimize.linprog` the smallest and largest value consistent with all of
that; the interval must span at least `PROTECTION` (3).
"""

import json
import math
from collections import defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from reports import build_status_report, render
from reports.i18n import counts_people
from reports.suppression import HIDDEN, PROTECTION, SMALL, suppress_breakdown
from tests.reports.builders import PLAN, TODAY
from tracker.demo import load_demo

Cells = dict[str, float]


def attack(true: Cells, shown: dict[str, float | str | None]) -> dict[str, tuple[float, float]]:
    """The tightest bounds of every hidden cell of one breakdown, by linear programming."""
    hidden = [k for k, v in shown.items() if isinstance(v, str)]
    if not hidden:
        return {}
    index = {k: i for i, k in enumerate(hidden)}
    bounds = [(1.0, 4.0) if shown[k] == SMALL else (0.0, None) for k in hidden]
    dims: dict[str, list[str]] = defaultdict(list)
    for k in true:
        if k:
            dims[k.split(":", 1)[0]].append(k)
    a_eq, b_eq, a_ub, b_ub = [], [], [], []
    if "" in true:
        for parts in dims.values():
            # sum(parts) - total (rel) 0, with published cells moved to the right-hand side.
            row = [0.0] * len(hidden)
            constant = 0.0
            for k, sign in [*((p, 1.0) for p in parts), ("", -1.0)]:
                if k in index:
                    row[index[k]] += sign
                else:
                    published = shown[k]
                    assert isinstance(published, int | float)  # not hidden: a published number
                    constant += sign * float(published)
            gap = sum(true[p] for p in parts) - true[""]
            if abs(gap) < 1e-9:
                a_eq.append(row)
                b_eq.append(-constant)
            elif gap < 0:  # the parts fall short of the total (a category not reported)
                a_ub.append(row)
                b_ub.append(-constant)
            else:  # the parts exceed the total (overlapping categories)
                a_ub.append([-x for x in row])
                b_ub.append(constant)
    result: dict[str, tuple[float, float]] = {}
    for k in hidden:
        found = []
        for sign in (1.0, -1.0):
            c = [0.0] * len(hidden)
            c[index[k]] = sign
            lp = linprog(
                c,
                A_ub=a_ub or None,
                b_ub=b_ub or None,
                A_eq=a_eq or None,
                b_eq=b_eq or None,
                bounds=bounds,
                method="highs",
            )
            if lp.status == 3:  # unbounded
                found.append(math.inf)
            else:
                assert lp.status == 0, lp.message
                found.append(sign * lp.fun)
        result[k] = (found[0], found[1])
    return result


def assert_protected(true: Cells, shown: dict[str, float | str | None]) -> None:
    for key, value in shown.items():
        if isinstance(value, str):
            assert value in (SMALL, HIDDEN)
        else:
            assert value == true[key], "a published value was altered"
            assert not 0 < value < 5, f"{key} shows a small count"
    for key, (lo, hi) in attack(true, shown).items():
        assert lo <= true[key] + 1e-6 <= hi + 2e-6, "the attack model must admit the truth"
        assert hi - lo >= PROTECTION - 1e-6, f"{key}={true[key]} narrowed to [{lo}, {hi}] in {shown}"


counts = st.integers(min_value=0, max_value=30)
small_heavy = st.one_of(st.integers(min_value=0, max_value=6), counts)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(small_heavy, min_size=1, max_size=5),
    st.lists(small_heavy, min_size=0, max_size=4),
    st.sampled_from(["adds_up", "short", "over"]),
    st.booleans(),
)
def test_no_hidden_cell_of_a_generated_breakdown_can_be_narrowed(first, second, mode, has_total):
    total = sum(first)
    true: Cells = {f"a:{i}": float(v) for i, v in enumerate(first)}
    if second:
        # A second dimension of the same total: adding up, falling short, or overlapping.
        second = [*second[:-1], max(total - sum(second[:-1]), 0)]
        if mode == "short" and second[-1] > 0:
            second[-1] -= 1
        elif mode == "over":
            second[-1] += 2
        true |= {f"b:{i}": float(v) for i, v in enumerate(second)}
    if has_total:
        true[""] = float(total)
    assert_protected(true, suppress_breakdown(dict(true)))


@pytest.mark.parametrize(
    "true",
    [
        {"": 2.0, "sex:women": 1.0, "sex:men": 1.0},  # two "<5" that would reveal each other exactly
        {"": 6.0, "a:x": 2.0, "a:y": 4.0, "a:z": 0.0},
        {"": 60.0, "sex:women": 50.0, "sex:men": 7.0, "sex:trans": 3.0, "form:a": 57.0, "form:b": 3.0},
        {"": 9.0, "sex:women": 1.0, "sex:men": 8.0, "form:a": 9.0},
    ],
)
def test_known_attacks_fail(true):
    assert_protected(true, suppress_breakdown(dict(true)))


def cells_of(data: dict) -> dict[tuple[str, str], dict[str, float | str | None]]:
    """Every (indicator, period) breakdown of persons the edition publishes, from its JSON (values and trends)."""
    grid: dict[tuple[str, str], dict[str, float | str | None]] = defaultdict(dict)
    for row in data["indicators"]:
        if not counts_people(row["unit"]):
            continue  # not about persons: published as is
        for point in row["trend"]:
            grid[(row["indicator"], point["period"])][row["category"]] = point["value"]
        if row["actual"] is not None:
            grid[(row["indicator"], data["meta"]["period"])][row["category"]] = row["actual"]
    return grid


@pytest.mark.usefixtures("plan_loaded")
@pytest.mark.parametrize("period", ["2024-H2", "2025-H1", "2025-H2"])
def test_the_demo_public_edition_withstands_the_attack_and_hides_what_would_bound_a_hidden_value(
    session, clock, period
):
    load_demo(session, now=clock())
    session.flush()
    secret = build_status_report(session, PLAN, period, lang="da", today=TODAY)
    public = build_status_report(session, PLAN, period, lang="da", today=TODAY, public=True)
    data = json.loads(render(public, "json"))
    true_cells = cells_of(json.loads(render(secret, "json")))
    shown_cells = cells_of(data)
    assert shown_cells.keys() == true_cells.keys()
    hidden = 0
    for key, shown in shown_cells.items():
        true = {k: float(v) for k, v in true_cells[key].items() if v is not None}
        assert_protected(true, shown)
        hidden += sum(isinstance(v, str) for v in shown.values())
    assert hidden > 0, "the demo has small counts of persons, so something must be hidden"
    units = {row["indicator"]: row["unit"] for row in data["indicators"]}
    for row in data["indicators"]:
        if counts_people(units[row["indicator"]]):
            # No baseline or expected value of a person count is left to bound a hidden value.
            assert row["baseline"] is None
            assert row["expected"] is None
        if isinstance(row["actual"], str):
            assert row["pct_achieved"] in (None, HIDDEN)
            assert row["status"] in ("hidden", "breakdown")  # never on/off track, which would bound it
    # Counts of initiatives are not persons: the public headline shows them, and the share.
    assert data["headline"]["total"] == 16
    assert all(isinstance(v, int) for v in data["headline"]["totals"].values())
    assert isinstance(data["headline"]["share_on_track"], float)
    # The other formats publish the same figures and nothing more: every indicator cell of the HTML is
    # the JSON's, formatted.
    html = render(public, "html").decode()
    assert "<5" not in html or "&lt;5" in html
