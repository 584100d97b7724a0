"""One settings object, read from TRACKER_* environment variables (or passed in by tests)."""

from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_SQLITE_URL = "sqlite:///tracker.db"


class Settings(BaseSettings):
    """Configuration of the tracker service; unsafe production values are refused."""

    model_config = SettingsConfigDict(env_prefix="TRACKER_", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    database_url: str = DEFAULT_SQLITE_URL
    # Public address used in links in mails and reports.
    base_url: str = "http://127.0.0.1:8000"
    workers: int = Field(default=1, ge=1)
    # The HTTP server `tracker serve` runs: granian (a Rust HTTP server; the default) or uvicorn.
    server: Literal["granian", "uvicorn"] = "granian"
    timezone: str = "Europe/Copenhagen"
    # Largest accepted request body (uploads have their own limit).
    max_body_bytes: int = 2 * 1024 * 1024
    # Largest accepted workbook upload (POST /imports, the web import page, `tracker import`): the one limit;
    # the upload routes accept request bodies up to this plus the multipart envelope (`upload_body_bytes`).
    import_max_bytes: int = Field(default=20 * 1024 * 1024, ge=1024)
    # Days after a period's due date after which it locks by itself (0 disables).
    period_autolock_days: int = Field(default=365, ge=0)
    # Seconds a read of the plan or a token check may be served from this process's memory. Any write
    # committed by this process empties the cache at once; the TTL bounds staleness across processes.
    read_cache_seconds: float = Field(default=5.0, ge=0)
    token_cache_seconds: float = Field(default=30.0, ge=0)
    # How long a request waits for a database lock or a pooled connection before it is answered
    # 503 with Retry-After (never 500).
    db_lock_timeout_seconds: float = Field(default=10.0, gt=0)

    # Scheduled work and mail (docs/scheduling-and-mail.md). The scheduler is off by default when
    # environment == "test" (tests that need it pass scheduler_enabled=True).
    scheduler_enabled: bool = True
    # Run every job once when this process becomes the leader (catches up slots missed while down).
    scheduler_run_on_start: bool = True
    # How often a standby process retries the PostgreSQL leader lock.
    leader_retry_seconds: float = Field(default=5.0, gt=0)
    smtp_host: str = "localhost"
    smtp_port: int = Field(default=25, ge=1, le=65535)
    smtp_starttls: bool = False
    smtp_ssl: bool = False
    smtp_user: str | None = None
    smtp_password: SecretStr | None = None
    smtp_timeout_seconds: float = Field(default=10.0, gt=0)
    mail_from: str = "actionplan-tracker@localhost"
    mail_language: Literal["da", "en"] = "da"
    mail_send_interval_seconds: int = Field(default=30, ge=1)
    mail_max_attempts: int = Field(default=12, ge=1)
    mail_retry_base_seconds: int = Field(default=60, ge=1)
    secretariat_email: str | None = None
    minister_office_email: str | None = None
    # Days before a period's due date on which reminders go out ("14,7,1" or "[14,7,1]").
    reminder_days: Annotated[list[int], NoDecode] = [14, 7, 1]
    # Days after the due date on which the organisation, then the secretariat, are told what is missing.
    escalation_organisation_days: Annotated[list[int], NoDecode] = [1]
    escalation_secretariat_days: Annotated[list[int], NoDecode] = [7]
    # A returned report not resubmitted within this many days escalates.
    returned_escalation_days: int = Field(default=7, ge=1)
    # The period briefing goes out this many days after the due date, if the job runs within the catch-up window.
    briefing_grace_days: int = Field(default=7, ge=0)
    briefing_catchup_days: int = Field(default=14, ge=1)
    # Escalations (overdue notices, the secretariat digest, returned reports) are sent only within this many
    # days of the day they fell due, so a first start or a long outage never sends year-old notices.
    escalation_catchup_days: int = Field(default=14, ge=1)
    # /health is degraded when a mail still to be sent was queued longer ago than this.
    health_mail_delay_seconds: int = Field(default=900, ge=1)
    # Import batches (dry runs and rejected uploads with their annotated copies) are deleted after this many
    # days by the purge_import_batches job; applied batches keep their summary but lose their bulky parts.
    import_retention_days: int = Field(default=30, ge=1)
    # A workbook uploaded on the web import page waits this long for its uploader to confirm the preview.
    import_pending_minutes: int = Field(default=60, ge=1, le=7 * 24 * 60)
    # Imports running at once in this process; one more is answered 503 with Retry-After.
    import_concurrency: int = Field(default=2, ge=1)
    # Read, screen and parse uploaded workbooks (API and web pages) in a short-lived worker process, so the
    # memory a large file takes is returned when the worker exits (tracker.imports.worker). Off: in the
    # server process (tests that patch the parser; a platform where worker processes cannot be started).
    import_worker: bool = True
    # Logging: "text" (one readable line per event, UTC) or "json" (one JSON object per line, for shippers).
    log_format: Literal["text", "json"] = "text"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    # The briefing mail carries the status report's PDF up to this size; a larger one is linked only.
    briefing_attachment_max_bytes: int = Field(default=5_000_000, ge=0)
    # Where the minister's web overview lives under base_url (linked from the briefing mail).
    overview_path: str = "/overblik"

    # Browsers on these origins may call the API (CORS), e.g. "https://intra.ministeriet.dk"; empty: CORS off.
    cors_allow_origins: Annotated[list[str], NoDecode] = []
    # Failed token checks (unknown, expired or revoked tokens) one client may make per minute before it is
    # answered 429 with Retry-After (0: no limit).
    auth_failures_per_minute: int = Field(default=20, ge=0)

    # Web pages (docs/web.md). The secret signs CSRF tokens; without one each process makes its own (fine for
    # one process; production refuses to start without it).
    web_secret: SecretStr | None = None
    # Session cookies are Secure unless the tracker runs on this machine over plain http (local development).
    web_cookie_secure: bool | None = None
    web_session_idle_minutes: int = Field(default=30, ge=1)
    web_session_absolute_hours: int = Field(default=12, ge=1)
    sign_in_link_minutes: int = Field(default=15, ge=1, le=24 * 60)
    # The accessibility statement (tilgængelighedserklæring, made in Digitaliseringsstyrelsen's WAS-Tool).
    accessibility_statement_url: str = "https://www.was.digst.dk/"
    # Optional OpenID Connect sign-in (docs/web.md#openid-connect): off unless an issuer and a client id are set.
    # The organisation and the role come from two claims, through the mapping the secretariat keeps.
    oidc_issuer: str | None = None
    oidc_client_id: str = ""
    oidc_client_secret: SecretStr | None = None
    oidc_scope: str = "openid email profile"
    oidc_organisation_claim: str = "organisation"
    oidc_role_claim: str = "roles"
    # The button's words on the sign-in page (e.g. "Log ind med MitID Erhverv").
    oidc_button: str = "Log ind med din organisations login"

    @field_validator("reminder_days", "escalation_organisation_days", "escalation_secretariat_days", mode="before")
    @classmethod
    def _day_list(cls, value: object) -> object:
        if isinstance(value, str):
            return [int(part) for part in value.strip("[] ").split(",") if part.strip()]
        return value

    @field_validator("cors_allow_origins", mode="before")
    @classmethod
    def _origin_list(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.strip("[] ").split(",") if part.strip()]
        return value

    @model_validator(mode="after")
    def _refuse_unsafe(self) -> "Settings":
        if self.environment == "production" and self.is_sqlite and self.workers > 1:
            raise ValueError("SQLite cannot serve several workers; use PostgreSQL in production")
        if self.environment == "test" and "scheduler_enabled" not in self.model_fields_set:
            self.scheduler_enabled = False
        if self.environment == "production" and self.web_secret is None:
            raise ValueError("set TRACKER_WEB_SECRET in production (it signs the web pages' CSRF tokens)")
        if self.oidc_issuer and self.environment == "production" and not self.oidc_issuer.startswith("https://"):
            raise ValueError("TRACKER_OIDC_ISSUER must be https in production")
        if "*" in self.cors_allow_origins:
            raise ValueError("TRACKER_CORS_ALLOW_ORIGINS lists origins (https://host), not '*': tokens are credentials")
        if self.smtp_ssl and self.smtp_starttls:
            raise ValueError("choose TRACKER_SMTP_SSL or TRACKER_SMTP_STARTTLS, not both")
        return self

    @property
    def oidc_enabled(self) -> bool:
        return bool(self.oidc_issuer and self.oidc_client_id)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def cookies_secure(self) -> bool:
        """Secure cookies everywhere but plain http on this machine (local development and tests)."""
        if self.web_cookie_secure is not None:
            return self.web_cookie_secure
        local = self.base_url.startswith(("http://127.0.0.1", "http://localhost", "http://[::1]"))
        return not local

    @property
    def upload_body_bytes(self) -> int:
        """The request body limit of the upload routes: the largest workbook plus room for the multipart envelope."""
        return self.import_max_bytes + 64 * 1024

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


def local_today(now: datetime, settings: Settings) -> date:
    """The date in the service's time zone (TRACKER_TIMEZONE, Europe/Copenhagen by default) at `now`.

    The one definition of "today" for due dates, reminders, escalation, briefings and the pages.
    """
    return now.astimezone(settings.tz).date()
