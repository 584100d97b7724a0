"""The plan as a workbook: export, read back, merge; a round trip changes nothing."""

import io
import zipfile
from datetime import date
from typing import Any

import openpyxl
import pytest
from sqlmodel import Session, select

from actionplan.cells import CellError, to_date, to_disaggregation, to_number
from actionplan.loader import builtin_plan_data, load_plan
from actionplan.models import Indicator, Initiative, Observation
from actionplan.workbook import (
    SHEETS,
    ParsedPlan,
    check_plan,
    export_plan_workbook,
    merge_plan_data,
    parse_plan_workbook,
    plan_data,
)

SLUG = "mh-2022-2025"


def grids_of(data: bytes) -> dict[str, list[list[object]]]:
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    return {ws.title: [list(row) for row in ws.iter_rows(values_only=True)] for ws in workbook.worksheets}


def reimport(session: Session, grids: dict[str, list[list[object]]]) -> tuple[ParsedPlan, dict[str, Any]]:
    parsed = parse_plan_workbook(grids)
    merged = merge_plan_data(plan_data(session, SLUG), parsed)
    check_plan(merged, parsed)
    return parsed, merged


@pytest.fixture
def loaded(session: Session) -> Session:
    load_plan(session, builtin_plan_data())
    session.commit()
    return session


def test_export_has_the_documented_sheets_and_headers(loaded):
    workbook = openpyxl.load_workbook(io.BytesIO(export_plan_workbook(loaded, SLUG) or b""))
    assert workbook.sheetnames == list(SHEETS)
    for name, columns in SHEETS.items():
        assert [c.value for c in workbook[name][1]] == columns
    assert workbook["Initiatives"].max_row == 17
    assert workbook["Plan"]["A2"].value == SLUG


def test_export_then_import_changes_nothing(loaded):
    grids = grids_of(export_plan_workbook(loaded, SLUG) or b"")
    parsed, merged = reimport(loaded, grids)
    assert parsed.errors == []
    result = load_plan(loaded, merged)
    assert result.changes == []
    assert result.created == result.updated == 0


def test_a_changed_title_and_a_new_initiative_are_exactly_the_changes(loaded):
    workbook = openpyxl.load_workbook(io.BytesIO(export_plan_workbook(loaded, SLUG) or b""))
    sheet = workbook["Initiatives"]
    sheet["C2"] = "Ny titel på initiativet"
    sheet.append(["MH22-9.9", "IO1", "Nyt initiativ", None, None, "CMM", None, None, None, None, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    parsed, merged = reimport(loaded, grids_of(buffer.getvalue()))
    assert parsed.errors == []
    result = load_plan(loaded, merged)
    assert [(c.entity, c.key, c.field, c.new) for c in result.changes] == [
        ("initiative", "MH22-1.1", "title_da", "Ny titel på initiativet"),
        ("initiative", "MH22-9.9", "*", "created"),
    ]


def test_fields_the_workbook_does_not_carry_are_kept(loaded):
    before_certainty = {i.code: i.certainty for i in loaded.exec(select(Initiative)).all()}
    observations = len(loaded.exec(select(Observation)).all())
    workbook = openpyxl.load_workbook(io.BytesIO(export_plan_workbook(loaded, SLUG) or b""))
    # A person deletes the description column entirely: descriptions stay as they are.
    workbook["Initiatives"].delete_cols(5)
    buffer = io.BytesIO()
    workbook.save(buffer)
    parsed, merged = reimport(loaded, grids_of(buffer.getvalue()))
    assert parsed.errors == []
    assert load_plan(loaded, merged).changes == []
    assert {i.code: i.certainty for i in loaded.exec(select(Initiative)).all()} == before_certainty
    assert len(loaded.exec(select(Observation)).all()) == observations
    assert all(i.description for i in loaded.exec(select(Initiative)).all() if i.code == "MH22-X.1")


def test_bad_cells_are_reported_with_sheet_row_and_column(loaded):
    workbook = openpyxl.load_workbook(io.BytesIO(export_plan_workbook(loaded, SLUG) or b""))
    sheet = workbook["Initiatives"]
    sheet["F3"] = "NOBODY"  # lead
    sheet["I4"] = "31/02/2024"  # deadline
    sheet["J5"] = "12 millioner"  # budget
    sheet["A6"] = "MH22-1.1"  # duplicate code
    buffer = io.BytesIO()
    workbook.save(buffer)
    parsed, _merged = reimport(loaded, grids_of(buffer.getvalue()))
    found = {(e.sheet, e.row, e.column, e.code) for e in parsed.errors}
    assert found == {
        ("Initiatives", 3, "lead", "unknown-organisation"),
        ("Initiatives", 4, "deadline", "not-a-date"),
        ("Initiatives", 5, "budget_dkk", "not-a-number"),
        ("Initiatives", 6, "code", "duplicate"),
    }
    duplicate = next(e for e in parsed.errors if e.code == "duplicate")
    assert "row 2" in duplicate.message
    assert duplicate.cell == "A6"


def test_text_that_looks_like_a_formula_is_exported_as_text(loaded):
    initiative = loaded.exec(select(Initiative).where(Initiative.code == "MH22-1.1")).one()
    initiative.description = '=HYPERLINK("http://x.invalid","klik")'
    indicator = loaded.exec(select(Indicator)).first()
    assert indicator is not None
    indicator.name_da = "+1+2"
    loaded.add(initiative)
    loaded.add(indicator)
    loaded.commit()
    data = export_plan_workbook(loaded, SLUG) or b""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name)
                assert b"<f " not in archive.read(name)
    cell = openpyxl.load_workbook(io.BytesIO(data))["Initiatives"]["E2"]
    assert cell.value == '=HYPERLINK("http://x.invalid","klik")'
    assert cell.data_type == "s"
    assert cell.quotePrefix is True
    # ... and it round-trips unchanged.
    _parsed, merged = reimport(loaded, grids_of(data))
    assert load_plan(loaded, merged).changes == []


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("31-12-2024", date(2024, 12, 31)),
        ("31.12.2024", date(2024, 12, 31)),
        (" 2024-12-31 ", date(2024, 12, 31)),
        ("31/12/2024", date(2024, 12, 31)),
        (45657, date(2024, 12, 31)),
    ],
)
def test_dates_are_read_as_people_type_them(typed, expected):
    assert to_date(typed) == expected


@pytest.mark.parametrize("typed", ["31/02/2024", "2024-13-01", 60, 0, -3, "i morgen", "3000-01-01", True])
def test_impossible_dates_are_cell_errors(typed):
    with pytest.raises(CellError):
        to_date(typed)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("1.234,5", 1234.5), ("5,0", 5.0), ("2.5", 2.5), (" 1 234 ", 1234.0), ("1,234.5", 1234.5), (7, 7.0)],
)
def test_danish_and_plain_numbers_are_read(typed, expected):
    assert to_number(typed) == expected


@pytest.mark.parametrize("typed", ["12 personer", "1,2,3", "", True])
def test_text_that_is_not_a_number_is_a_cell_error(typed):
    with pytest.raises(CellError):
        to_number(typed)


def test_disaggregation_reads_several_dimensions():
    assert to_disaggregation("sex: women, men, trans; form: forced_labour") == {
        "sex": ["women", "men", "trans"],
        "form": ["forced_labour"],
    }
    with pytest.raises(CellError):
        to_disaggregation("women, men")
