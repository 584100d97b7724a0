"""The parsers are total: whatever people put in the cells, they return rows or located errors, never raise."""

import random
from datetime import date, datetime

import pytest

from actionplan.workbook import SHEETS, parse_plan_workbook
from tracker.imports.parse import REPORT_COLUMNS, REPORTS_SHEET, VALUE_COLUMNS, VALUES_SHEET, parse_progress

CELLS: list[object] = [
    "",
    None,
    " ",
    "x",
    "=1+2",
    "1.234,5",
    "31-12-2024",
    "31/02/2024",
    "MH22-2.1",
    "2025-H2",
    "Planmæssigt",
    "sex: women, men",
    ";:,",
    0.0,
    -3.0,
    60.0,
    1e308,
    float("nan"),
    True,
    date(2024, 12, 31),
    datetime(2024, 12, 31, 13, 5),
    "x" * 5000,
    "\x00\t\r",
]


def random_grid(rng: random.Random, headers: list[str]) -> list[list[object]]:
    head: list[object] = [
        rng.choice([*headers, " Title DA ", "", "unknown"]) for _ in range(len(headers) + rng.randint(-2, 2))
    ]
    return [head] + [[rng.choice(CELLS) for _ in head] for _ in range(rng.randint(0, 12))]


@pytest.mark.parametrize("seed", range(40))
def test_random_plan_workbooks_give_errors_not_exceptions(seed):
    rng = random.Random(seed)
    grids = {name: random_grid(rng, columns) for name, columns in SHEETS.items() if rng.random() < 0.9}
    parsed = parse_plan_workbook(grids)
    assert all(e.sheet and e.code and e.message for e in parsed.errors)


@pytest.mark.parametrize("seed", range(40))
def test_random_progress_templates_give_errors_not_exceptions(seed):
    rng = random.Random(seed)
    parsed = parse_progress(
        {REPORTS_SHEET: random_grid(rng, REPORT_COLUMNS), VALUES_SHEET: random_grid(rng, VALUE_COLUMNS)}
    )
    assert all(e.code and e.message for e in parsed.errors)
