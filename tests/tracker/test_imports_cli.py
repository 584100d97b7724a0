"""The spreadsheet commands, as the secretariat runs them on the server."""

import io

import openpyxl

from tracker.cli import main


def test_export_template_and_import_from_the_command_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TRACKER_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("TRACKER_ENVIRONMENT", "test")
    plan = tmp_path / "plan.xlsx"
    # Commands other than `serve` and `plan load` never load the built-in plan by themselves.
    assert main(["plan", "export", "-o", str(plan)]) == 2  # no database yet: says how to set one up
    assert main(["plan", "load"]) == 0
    assert main(["plan", "export", "-o", str(plan)]) == 0
    assert main(["import", str(plan), "--dry-run"]) == 0
    assert "no-changes" in capsys.readouterr().out

    filled = tmp_path / "reden.xlsx"
    assert main(["template", "--period", "2025-H2", "--organisation", "REDEN", "-o", str(filled)]) == 0
    workbook = openpyxl.load_workbook(filled)
    workbook["Rapporter"]["E2"] = "Planmæssigt"
    workbook["Indikatorer"]["G2"] = "1.234,5"
    workbook.save(filled)
    assert main(["import", str(filled), "--as", "REDEN"]) == 0
    assert "applied" in capsys.readouterr().out

    workbook["Rapporter"]["E2"] = "Måske"
    workbook.save(filled)
    assert main(["import", str(filled), "--as", "REDEN"]) == 1
    out = capsys.readouterr().out
    assert "not-allowed" in out
    annotated = openpyxl.load_workbook(io.BytesIO((tmp_path / "reden-fejl.xlsx").read_bytes()))
    assert annotated["Rapporter"]["E2"].comment is not None
