"""Logs a person can read: one format in UTC, quiet libraries, opt-in JSON, no secrets."""

import json
import logging
import re

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from tracker.db import create_db_engine, masked_url
from tracker.logs import JsonFormatter, UtcFormatter, logging_config
from tracker.settings import Settings


def record(name: str, level: int, message: str) -> logging.LogRecord:
    return logging.LogRecord(name, level, __file__, 1, message, (), None)


def test_the_text_format_is_one_line_in_utc():
    line = UtcFormatter().format(record("tracker.mail.sender", logging.WARNING, "mail: 3 of 5 delivered"))
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ WARNING tracker.mail.sender: mail: 3 of 5 delivered", line)


def test_the_json_format_is_one_object_per_line():
    line = JsonFormatter().format(record("tracker", logging.ERROR, "kaput æøå"))
    entry = json.loads(line)
    assert entry["level"] == "ERROR"
    assert entry["message"] == "kaput æøå"
    assert entry["time"].endswith("Z")
    assert "\n" not in line


def test_noisy_libraries_log_warnings_only_and_uvicorn_uses_the_same_format():
    config = logging_config(Settings(log_format="json"))
    for name in ("apscheduler", "fontTools", "alembic"):
        assert config["loggers"][name]["level"] == "WARNING"
    assert config["handlers"]["default"]["formatter"] == "json"
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        assert config["loggers"][name] == {"handlers": [], "level": "INFO", "propagate": True}


def test_database_urls_are_printed_without_their_password(tmp_path):
    assert masked_url("postgresql://tracker:s3cret@db:5432/tracker") == "postgresql://tracker:***@db:5432/tracker"
    assert "s3cret" not in masked_url("postgresql+psycopg://u:s3cret@h/d")


def test_sql_parameters_never_reach_error_messages(tmp_path):
    engine = create_db_engine(Settings(database_url=f"sqlite:///{tmp_path / 'x.db'}"))
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("CREATE TABLE t (x TEXT NOT NULL, y INTEGER NOT NULL)")
            with pytest.raises(IntegrityError) as raised:
                connection.execute(text("INSERT INTO t VALUES (:x, :y)"), {"x": "personlig tekst", "y": None})
        assert "personlig tekst" not in str(raised.value)
        assert "hidden due to hide_parameters" in str(raised.value)
    finally:
        engine.dispose()
