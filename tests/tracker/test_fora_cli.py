"""`tracker forum list|show` as the secretariat runs them."""

from tracker.cli import main


def test_forum_show_lists_the_authority_groups_eight_authorities(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TRACKER_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("TRACKER_ENVIRONMENT", "test")
    monkeypatch.setenv("COLUMNS", "200")
    assert main(["forum", "list"]) == 0  # an empty database: no plan is loaded as a side effect
    assert "load a plan first" in capsys.readouterr().out
    assert main(["plan", "load"]) == 0  # the built-in plan is loaded on purpose
    capsys.readouterr()
    assert main(["forum", "show", "MYNDGRP"]) == 0
    out = capsys.readouterr().out
    assert "Members (8)" in out
    for name in ("Udlændingestyrelsen", "Styrelsen for International Rekruttering og Integration", "Hvidvasksekretariatet",
                 "Arbejdstilsynet", "Skattestyrelsen", "Fødevarestyrelsen", "Anklagemyndigheden",
                 "Syd- og Sønderjyllands Politi"):  # fmt: skip
        assert name in out
    assert main(["forum", "list"]) == 0
    out = capsys.readouterr().out
    for code in ("TVAERMIN", "NGONET", "NGOADHOC", "VIDEN", "MYNDGRP", "TEKNET", "CBSS-TF", "EU-NET"):
        assert code in out


def test_an_unknown_forum_is_a_clear_error(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TRACKER_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("TRACKER_ENVIRONMENT", "test")
    assert main(["forum", "show", "NOPE"]) == 2
    assert "No forum with code 'NOPE'" in capsys.readouterr().err
