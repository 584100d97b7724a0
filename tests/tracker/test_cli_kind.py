"""The command line fails kindly: a command that needs a database says which one and how to set it up, exits
non-zero and creates nothing; output a script captures is only the value."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tracker.cli import main


@pytest.fixture
def empty_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TRACKER_DATABASE_URL", raising=False)
    monkeypatch.setenv("TRACKER_ENVIRONMENT", "test")
    return tmp_path


@pytest.mark.parametrize(
    "command",
    [["token", "list"], ["token", "create", "--organisation", "REDEN", "--role", "reporter"], ["plan", "show"]],
)
def test_a_command_without_a_database_says_which_and_how_and_creates_nothing(
    empty_dir: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    assert main(command) == 2
    said = " ".join(capsys.readouterr().err.split())
    assert str(empty_dir / "tracker.db") in said
    assert "tracker db upgrade" in said
    assert "Traceback" not in said
    assert list(empty_dir.iterdir()) == []  # no empty tracker.db left behind


def test_a_database_without_the_schema_is_named_too(
    empty_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (empty_dir / "other.db").write_bytes(b"")
    monkeypatch.setenv("TRACKER_DATABASE_URL", "sqlite:///other.db")
    assert main(["token", "list"]) == 2
    assert "has no tracker schema" in " ".join(capsys.readouterr().err.split())


def test_token_create_prints_only_the_secret_on_stdout_for_a_script(empty_dir: Path) -> None:
    env = os.environ | {"TRACKER_DATABASE_URL": f"sqlite:///{empty_dir / 't.db'}", "TRACKER_ENVIRONMENT": "test"}
    tracker = [sys.executable, "-m", "tracker.cli"]
    subprocess.run([*tracker, "plan", "load"], env=env, check=True, capture_output=True)
    # README: REDEN=$(tracker token create --organisation REDEN --role reporter)
    made = subprocess.run(
        [*tracker, "token", "create", "--organisation", "REDEN", "--role", "reporter"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    assert made.stdout.startswith("apt_")
    assert made.stdout.count("\n") == 1
    assert "shown only once" in made.stderr
    quiet = subprocess.run(
        [*tracker, "token", "create", "--organisation", "REDEN", "--role", "reporter", "--quiet"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    assert quiet.stdout.startswith("apt_")
    assert quiet.stderr == ""
