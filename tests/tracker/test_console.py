"""The command line's output when piped or captured (a script, a CI log): nothing cut, nothing broken."""

import pytest
from rich.table import Table

from tracker.console import console, err


def _table() -> Table:
    table = Table()
    for n in range(8):
        table.add_column(f"column {n}")
    table.add_row(*[f"TVAERMIN-{n}" for n in range(8)])
    return table


def test_a_piped_table_is_not_cut_to_80_columns_and_a_long_path_stays_on_one_line(monkeypatch, capsys):
    monkeypatch.delenv("COLUMNS", raising=False)
    console.print(_table())
    path = "/srv/tracker/" + "/".join(["a-rather-long-folder-name"] * 6) + "/tracker.db"
    err.print(f"There is no database at {path} (TRACKER_DATABASE_URL=sqlite:///tracker.db).")
    captured = capsys.readouterr()
    assert all(f"TVAERMIN-{n}" in captured.out for n in range(8))
    assert path in captured.err.splitlines()[0]


@pytest.mark.parametrize("columns", ["60", "100"])
def test_columns_set_when_printing_is_the_width_of_a_piped_table(monkeypatch, capsys, columns):
    monkeypatch.setenv("COLUMNS", columns)  # read when printing, not when the module was imported
    console.print(_table())
    assert max(len(line) for line in capsys.readouterr().out.splitlines()) == int(columns)
