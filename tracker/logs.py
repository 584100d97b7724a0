"""One log format for the whole process (tracker, uvicorn, APScheduler), quiet at INFO, optionally JSON.

Text: `2026-11-30T12:00:00Z WARNING tracker.mail.sender: mail: 3 of 5 delivered ...` (UTC, one line per
event). JSON (TRACKER_LOG_FORMAT=json): one object per line with time, level, logger and message, for log
shippers. Libraries that talk a lot at INFO (APScheduler's every run, fontTools' every glyph table) log
warnings only.
"""

import json
import logging
import time
from typing import Any

from tracker.settings import Settings

# Loggers that say too much at INFO: each start of a job, each subset font table.
QUIET = ("alembic", "apscheduler", "fontTools", "httpx", "httpcore", "multipart", "weasyprint", "matplotlib", "PIL")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class UtcFormatter(logging.Formatter):
    converter = staticmethod(time.gmtime)

    def __init__(self, fmt: str = TEXT_FORMAT) -> None:
        super().__init__(fmt=fmt, datefmt="%Y-%m-%dT%H:%M:%SZ")


class JsonFormatter(UtcFormatter):
    """One JSON object per line: time, level, logger, message (and the traceback, if any)."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": self.formatTime(record, self.datefmt),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", None)
        if request_id:
            entry["request_id"] = request_id
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def logging_config(settings: Settings) -> dict[str, Any]:
    """A logging.config.dictConfig for this process (also handed to uvicorn, so its lines look the same)."""
    formatter = "json" if settings.log_format == "json" else "text"
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "text": {"()": "tracker.logs.UtcFormatter"},
            "json": {"()": "tracker.logs.JsonFormatter"},
        },
        "filters": {"request_id": {"()": "tracker.requests.RequestIdFilter"}},
        "handlers": {
            "default": {
                "class": "logging.StreamHandler",
                "formatter": formatter,
                "stream": "ext://sys.stderr",
                "filters": ["request_id"],
            }
        },
        "root": {"handlers": ["default"], "level": settings.log_level},
        "loggers": {
            # uvicorn's own handlers are replaced by the root's: one format for every line.
            "uvicorn": {"handlers": [], "level": settings.log_level, "propagate": True},
            "uvicorn.error": {"handlers": [], "level": settings.log_level, "propagate": True},
            "uvicorn.access": {"handlers": [], "level": settings.log_level, "propagate": True},
            **{name: {"level": "WARNING"} for name in QUIET},
        },
    }


def configure_logging(settings: Settings) -> dict[str, Any]:
    """Apply the configuration to this process and return it."""
    import logging.config

    config = logging_config(settings)
    logging.config.dictConfig(config)
    return config
