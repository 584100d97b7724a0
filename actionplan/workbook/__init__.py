"""The plan as a workbook: export a plan to xlsx, and read the same layout back into the plan data format
that `actionplan.loader.load_plan` consumes.

An import is a merge, keyed by codes: a column left out of a sheet leaves that field as it is, a row left
out leaves that entity as it is (nothing is deleted), and fields the workbook does not carry (certainty,
notes, observed values...) are kept. Export then import changes nothing.

- `layout.py`: sheets, columns, keys, required columns, limits; `ParsedPlan`.
- `export.py`: a stored plan -> workbook (`export_plan_workbook`, `plan_rows`).
- `read.py`: workbook -> parsed plan -> merged plan data (`parse_plan_workbook`, `merge_plan_data`); `check.py`: the
  merged plan checked (`check_plan`).
The stored plan in the loader's format is `actionplan.loader.plan_data` (the inverse of `load_plan`).
"""

from actionplan.loader import new_plan_data, plan_data
from actionplan.workbook.check import check_plan, count_other_plan_initiatives
from actionplan.workbook.export import export_plan_workbook, plan_rows
from actionplan.workbook.layout import (
    CODE_LIMITS,
    KEYS,
    MAX_BUDGET,
    REQUIRED_FOR_NEW,
    SHEET_ALIASES,
    SHEETS,
    ParsedPlan,
    find_sheet,
    sheet_names,
)
from actionplan.workbook.read import merge_plan_data, parse_plan_workbook

__all__ = [
    "CODE_LIMITS",
    "KEYS",
    "MAX_BUDGET",
    "REQUIRED_FOR_NEW",
    "SHEETS",
    "SHEET_ALIASES",
    "ParsedPlan",
    "check_plan",
    "count_other_plan_initiatives",
    "export_plan_workbook",
    "find_sheet",
    "merge_plan_data",
    "new_plan_data",
    "parse_plan_workbook",
    "plan_data",
    "plan_rows",
    "sheet_names",
]
