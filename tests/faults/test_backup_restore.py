"""`tracker db backup` and `tracker db restore`: the service starts on a restored backup with identical data."""

import pytest
from litestar.testing import TestClient

from tests.tracker.progress_support import REPORT_URL, fingerprint, report_body
from tracker.app import create_app
from tracker.auth.models import Role
from tracker.cli import main
from tracker.db import create_db_engine

pytestmark = pytest.mark.usefixtures("plan_loaded")


def test_a_restored_backup_serves_exactly_the_data_backed_up(
    client, engine, db_settings, make_headers, monkeypatch, tmp_path, capsys
):
    reden = make_headers("REDEN", Role.REPORTER)
    monkeypatch.setenv("TRACKER_DATABASE_URL", db_settings.database_url)
    monkeypatch.setenv("TRACKER_ENVIRONMENT", "test")
    backup = tmp_path / "backup.db"
    if not db_settings.is_sqlite:
        assert main(["db", "backup", str(backup)]) == 2
        explained = capsys.readouterr().err
        assert "pg_dump --format=custom" in explained
        assert "pg_restore" in explained
        assert main(["db", "restore", str(backup), "--yes"]) == 2
        return

    assert client.put(REPORT_URL, json=report_body(narrative="Før backup"), headers=reden).status_code == 201
    backed_up = fingerprint(engine)
    # The backup is taken while the service runs.
    assert main(["db", "backup", str(backup)]) == 0
    assert main(["db", "backup", str(backup)]) == 2  # never overwritten by accident
    etag = client.get(REPORT_URL, headers=reden).headers["etag"]
    changed = client.put(REPORT_URL, json=report_body(narrative="Efter backup"), headers=reden | {"If-Match": etag})
    assert changed.status_code == 200
    assert fingerprint(engine) != backed_up

    engine.dispose()
    assert main(["db", "restore", str(backup)]) == 2  # asks for --yes
    assert main(["db", "restore", str(backup), "--yes"]) == 0

    restored = create_db_engine(db_settings)
    try:
        assert fingerprint(restored) == backed_up
        with TestClient(create_app(db_settings, engine=restored)) as again:
            assert again.get("/health").json()["status"] == "ok"
            report = again.get(REPORT_URL, headers=reden)
            assert report.status_code == 200
            assert report.json()["narrative"] == "Før backup"
    finally:
        restored.dispose()


def test_restore_refuses_a_file_that_is_not_a_tracker_database(db_settings, monkeypatch, tmp_path, capsys):
    if not db_settings.is_sqlite:
        pytest.skip("SQLite restore")
    monkeypatch.setenv("TRACKER_DATABASE_URL", db_settings.database_url)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database" * 100)
    assert main(["db", "restore", str(junk), "--yes"]) == 2
    assert "not a tracker database" in capsys.readouterr().err
