"""One settings object, read from TRACKER_* environment variables (or passed in by tests)."""

from functools import cached_property
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_SQLITE_URL = "sqlite:///tracker.db"


class Settings(BaseSettings):
    """Configuration of the tracker service; unsafe production values are refused."""

    model_config = SettingsConfigDict(env_prefix="TRACKER_", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    database_url: str = DEFAULT_SQLITE_URL
    # Public address used in links in mails and reports.
    base_url: str = "http://127.0.0.1:8000"
    workers: int = Field(default=1, ge=1)
    timezone: str = "Europe/Copenhagen"
    # Largest accepted request body (uploads have their own limit).
    max_body_bytes: int = 2 * 1024 * 1024
    # Days after a period's due date after which it locks by itself (0 disables).
    period_autolock_days: int = Field(default=365, ge=0)

    @model_validator(mode="after")
    def _refuse_unsafe(self) -> "Settings":
        if self.environment == "production" and self.is_sqlite and self.workers > 1:
            raise ValueError("SQLite cannot serve several workers; use PostgreSQL in production")
        return self

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @cached_property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def sqlalchemy_url(self) -> str:
        """The database URL with the psycopg 3 driver made explicit for PostgreSQL."""
        url = self.database_url
        for prefix in ("postgresql://", "postgres://"):
            if url.startswith(prefix):
                return "postgresql+psycopg://" + url[len(prefix) :]
        return url

    def sqlite_path(self) -> Path | None:
        if not self.is_sqlite:
            return None
        path = self.database_url.split("///", 1)[-1]
        return None if path in ("", ":memory:") else Path(path)
