"""`tracker plan load FILE` validates the file (issue 10, item 14): every problem with its path, nothing
loaded; a valid file loads."""

import json

import pytest
from sqlalchemy import text

from actionplan.loader import builtin_plan_data
from tracker.cli import main


@pytest.fixture
def cli_env(db_settings, engine, monkeypatch):
    monkeypatch.setenv("TRACKER_DATABASE_URL", db_settings.database_url)
    monkeypatch.setenv("TRACKER_ENVIRONMENT", "test")
    return engine


def _count(engine, table: str) -> int:
    with engine.connect() as connection:
        return connection.execute(text(f'SELECT count(*) FROM "{table}"')).scalar_one()


def test_a_file_with_problems_names_each_with_its_path_and_loads_nothing(cli_env, tmp_path, capsys):
    data = builtin_plan_data()
    del data["plan"]["slug"]
    del data["initiatives"][3]["title_da"]
    data["initiatives"][3]["milestones"] = [{"title": "Rapport"}]
    data["initiatives"][0]["lead"] = "NOBODY"
    data["periods"][0]["due"] = "31-02-2023"
    data["organisations"][0]["note"] = "Kontakt 010165-1234"
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data, default=str), encoding="utf-8")
    assert main(["plan", "load", str(path)]) == 2
    out = capsys.readouterr().err
    for where in (
        "plan.slug",
        "initiatives[3].title_da",
        "initiatives[3].milestones[0].due",
        "periods[0].due",
        "organisations[0].note",
    ):
        assert where in out, out
    assert "010165-1234" not in out
    assert _count(cli_env, "plan") == 0


def test_a_reference_to_an_unknown_organisation_is_named(cli_env, tmp_path, capsys):
    data = builtin_plan_data()
    data["initiatives"][0]["lead"] = "NOBODY"
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data, default=str), encoding="utf-8")
    assert main(["plan", "load", str(path)]) == 2
    assert "initiatives[0].lead: no organisation 'NOBODY'" in capsys.readouterr().err
    assert _count(cli_env, "initiative") == 0


def test_broken_json_says_where(cli_env, tmp_path, capsys):
    path = tmp_path / "plan.json"
    path.write_text('{"plan": {"slug": "x",}', encoding="utf-8")
    assert main(["plan", "load", str(path)]) == 2
    assert "line 1" in capsys.readouterr().err


def test_a_valid_file_loads(cli_env, tmp_path, capsys):
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(builtin_plan_data(), default=str), encoding="utf-8")
    assert main(["plan", "load", str(path)]) == 0
    assert _count(cli_env, "initiative") == 16
