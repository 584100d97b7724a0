"""A workbook changes only what it carries (issue 10, item 12): importing the previous plan, which shares
organisations with the 2022-2025 plan, leaves every field it does not carry unchanged, over the whole
database."""

import io
from typing import Any

import openpyxl
import pytest
from sqlalchemy import Engine, text

from tracker.models import metadata

pytestmark = pytest.mark.usefixtures("plan_loaded")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _database(engine: Engine) -> dict[tuple[str, tuple[Any, ...]], dict[str, Any]]:
    """Every row of every table, keyed by (table, primary key)."""
    rows: dict[tuple[str, tuple[Any, ...]], dict[str, Any]] = {}
    with engine.connect() as connection:
        for table in metadata.sorted_tables:
            keys = [c.name for c in table.primary_key.columns]
            for row in connection.execute(text(f'SELECT * FROM "{table.name}"')).mappings():
                rows[(table.name, tuple(row[k] for k in keys))] = dict(row)
    return rows


def _previous_plan() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    sheets = {
        "Plan": [
            ["slug", "title_da", "start", "end", "responsible"],
            ["mh-2019-2021", "Handlingsplan 2019-2021", "2019-01-01", "2021-12-31", "Ligestillingsministeren"],
        ],
        # Shared organisations, with only some of their columns: name_da changes for CMM, the rest is as stored.
        "Organisations": [
            ["code", "name_da", "kind"],
            ["CMM", "Center mod Menneskehandel (2019)", "agency"],
            ["REDEN", "Reden International", "ngo"],
        ],
        "FocusAreas": [["code", "title_da"], ["F1", "Identifikation"]],
        "Initiatives": [["code", "focus_area", "title_da", "lead"], ["MH19-1.1", "F1", "Opsporing", "CMM"]],
        "Periods": [["label", "start", "end", "due"], ["2019", "2019-01-01", "2019-12-31", "2020-02-01"]],
    }
    for name, rows in sheets.items():
        ws = workbook.create_sheet(name)
        for row in rows:
            ws.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_importing_another_plan_changes_only_what_its_workbook_carries(client, engine, make_headers):
    headers = make_headers("CMM", "secretariat")
    with engine.connect() as connection:
        kind = connection.execute(text("SELECT kind FROM organisation WHERE code = 'CMM'")).scalar_one()
        with_parent = connection.execute(
            text("SELECT count(*) FROM organisation WHERE parent IS NOT NULL OR note IS NOT NULL")
        ).scalar_one()
    assert kind == "agency"
    assert with_parent > 0
    before = _database(engine)
    response = client.post("/imports", files={"file": ("plan.xlsx", _previous_plan(), XLSX)}, headers=headers)
    assert response.status_code == 200, response.text
    after = _database(engine)
    changed = {key: {c for c in row if after[key][c] != row[c]} for key, row in before.items() if after.get(key) != row}
    cmm = next(key for key, row in before.items() if key[0] == "organisation" and row["code"] == "CMM")
    # api_token: the import's own token was used (last_used_at); nothing else anywhere changed.
    assert {key: columns for key, columns in changed.items() if key[0] != "api_token"} == {cmm: {"name_da"}}
    assert all(columns <= {"last_used_at"} for key, columns in changed.items() if key[0] == "api_token")
    assert after[cmm]["name_da"] == "Center mod Menneskehandel (2019)"
