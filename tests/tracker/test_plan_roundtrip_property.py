"""A plan export always imports back unchanged (issue 10, item 11): a property over generated plans.

Hypothesis builds plans in the loader's format (organisations, focus areas, periods, initiatives with
milestones, indicators and targets; awkward text included: Danish letters, text that looks like a number or
a formula, dates at the edges of the accepted window); each is loaded, exported as the workbook, and
imported back through the import service as a dry run, which must find no change.
"""

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine
from sqlmodel import Session

from actionplan.cells import EARLIEST, LATEST
from actionplan.loader import load_plan
from actionplan.workbook import MAX_BUDGET, export_plan_workbook
from tracker.auth.models import Role
from tracker.auth.service import Principal
from tracker.imports.constants import BatchResult
from tracker.imports.service import import_workbook
from tracker.settings import Settings

NOW = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
SLUG = "generated-plan"
_ALPHABET = st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs"), exclude_characters="\u00a0\u2028\u2029")
TEXT = st.one_of(
    st.text(_ALPHABET, min_size=1, max_size=40).map(str.strip).filter(bool),
    st.sampled_from(["=1+1", "+45 12 34 56 78", "-3", "007", "1.250.000", "Æblegrød på ø", "@home", "12,5"]),
)
DATES = st.dates(min_value=EARLIEST, max_value=LATEST)


@st.composite
def plans(draw: st.DrawFn) -> dict[str, Any]:
    org_codes = draw(st.lists(st.sampled_from(["GA", "GB", "GC", "GD"]), min_size=1, max_size=3, unique=True))
    organisations = [
        {
            "code": code,
            "name_da": draw(TEXT),
            "name_en": draw(TEXT),
            "kind": draw(st.sampled_from(["ministry", "agency", "ngo", "other"])),
            "contact_email": draw(st.one_of(st.none(), st.just(f"{code.lower()}@example.org"))),
        }
        for code in org_codes
    ]
    starts = draw(st.dates(min_value=EARLIEST, max_value=date(2090, 1, 1)))
    periods = []
    for n in range(draw(st.integers(1, 3))):
        p_start = starts + timedelta(days=200 * n)
        p_end = p_start + timedelta(days=draw(st.integers(0, 180)))
        periods.append(
            {
                "label": f"P{n + 1}",
                "starts": p_start,
                "ends": p_end,
                "due": p_end + timedelta(days=draw(st.integers(0, 60))),
            }
        )
    areas = [
        {"code": f"FA{n}", "title_da": draw(TEXT), "title_en": draw(TEXT)}
        for n in range(1, draw(st.integers(1, 2)) + 1)
    ]
    initiatives = []
    for n in range(1, draw(st.integers(1, 3)) + 1):
        code = f"GEN-{n}"
        i_start = draw(st.one_of(st.none(), DATES))
        deadline = draw(st.one_of(st.none(), st.dates(min_value=i_start or EARLIEST, max_value=LATEST)))
        titles = draw(st.lists(TEXT, max_size=2, unique=True))
        indicators = []
        for k in range(1, draw(st.integers(0, 2)) + 1):
            dims = draw(st.one_of(st.none(), st.just({"køn": ["kvinder", "mænd"]})))
            indicators.append(
                {
                    "code": f"{code}-I{k}",
                    "name_da": draw(TEXT),
                    "name_en": draw(TEXT),
                    "unit": draw(st.sampled_from(["personer", "antal", "%", "kr."])),
                    "direction": draw(st.sampled_from(["increase", "decrease", "maintain"])),
                    "baseline": draw(st.one_of(st.none(), st.integers(0, 10**6).map(float), st.just(12.5))),
                    "baseline_date": draw(st.one_of(st.none(), DATES)),
                    "cumulative": draw(st.booleans()),
                    "disaggregation": dims,
                    "targets": [
                        {"period": p["label"], "value": float(draw(st.integers(0, 10**5)))}
                        for p in periods[: draw(st.integers(0, len(periods)))]
                    ],
                    "actuals": [],
                }
            )
        initiatives.append(
            {
                "code": code,
                "focus_area": draw(st.sampled_from(areas))["code"],
                "title_da": draw(TEXT),
                "title_en": draw(TEXT),
                "description": draw(st.one_of(st.none(), TEXT)),
                "lead": draw(st.sampled_from(org_codes)),
                "partners": draw(st.lists(st.sampled_from(org_codes), unique=True, max_size=2)),
                "starts": i_start,
                "deadline": deadline,
                "budget_dkk": draw(st.one_of(st.none(), st.integers(0, MAX_BUDGET))),
                "source_url": draw(st.one_of(st.none(), st.just("https://example.org/plan"))),
                "milestones": [{"title": t, "due": draw(DATES)} for t in titles],
                "indicators": indicators,
            }
        )
    return {
        "plan": {
            "slug": SLUG,
            "title_da": draw(TEXT),
            "title_en": draw(TEXT),
            "starts": starts,
            "ends": starts + timedelta(days=draw(st.integers(0, 3000))),
            "responsible": draw(TEXT),
        },
        "organisations": organisations,
        "focus_areas": areas,
        "periods": periods,
        "initiatives": initiatives,
    }


SECRETARIAT = Principal(token_id=0, organisation_id=0, organisation_code="CMM", role=Role.SECRETARIAT)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan=plans())
def test_a_plan_export_imports_back_unchanged(engine, plan):
    round_trip(engine, plan)


def round_trip(engine: Engine, plan: dict[str, Any]) -> None:
    """Load the plan, export it as the workbook, import that back as a dry run: no error, no change."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            load_plan(session, plan)
            exported = export_plan_workbook(session, SLUG)
            assert exported is not None
            result = import_workbook(
                session,
                SECRETARIAT,
                exported,
                "plan.xlsx",
                dry_run=True,
                submit=False,
                now=NOW,
                settings=Settings(environment="test"),
            )
            assert result.errors == []
            assert result.changes == []
            assert result.result is BatchResult.NO_CHANGES
        finally:
            session.rollback()


@pytest.mark.parametrize("day", [EARLIEST, LATEST])
def test_the_edges_of_the_window_round_trip(engine, day):
    plan = {
        "plan": {"slug": SLUG, "title_da": "T", "starts": day, "ends": day, "responsible": "R"},
        "organisations": [{"code": "GA", "name_da": "A", "kind": "ngo"}],
        "focus_areas": [{"code": "FA1", "title_da": "F"}],
        "periods": [{"label": "P1", "starts": day, "ends": day, "due": day}],
        "initiatives": [
            {
                "code": "GEN-1",
                "focus_area": "FA1",
                "title_da": "I",
                "lead": "GA",
                "starts": day,
                "deadline": day,
                "milestones": [{"title": "M", "due": day}],
            }
        ],
    }
    round_trip(engine, plan)
