"""The import log: one row per uploaded workbook that got past the safety checks."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, LargeBinary, String
from sqlmodel import Field, SQLModel

from actionplan.enums import enum_check
from actionplan.models import utcnow
from tracker.imports.constants import BatchResult


class ImportBatch(SQLModel, table=True):
    """One import attempt: what was uploaded (by hash, never by path), by whom, and what it did.

    Dry runs and rejected imports are recorded too, so their annotated workbook can be downloaded; the
    uploaded file itself is not stored.
    """

    __tablename__ = "import_batch"
    __table_args__ = (enum_check("result", BatchResult),)

    id: int | None = Field(default=None, primary_key=True)
    sha256: str = Field(max_length=64, index=True)
    kind: str = Field(max_length=16)
    # As sent by the client, for display only (never used as a path).
    filename: str = Field(default="", max_length=255)
    actor: str = Field(max_length=120)
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id", index=True)
    dry_run: bool = False
    submit: bool = False
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    rows: int = 0
    result: BatchResult = Field(sa_type=String(16))
    errors: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    changes: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # The organisations whose reports the batch concerns (codes); a reporter reads a batch only when this is
    # its own organisation alone (tracker.auth.access.BATCH_ACCESS).
    concerns: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # Sheets and columns the import did not read, named so no edit is dropped silently.
    warnings: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    annotated: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    at: datetime = Field(default_factory=utcnow)


class PendingUpload(SQLModel, table=True):
    """A workbook uploaded through the web pages and previewed (a dry run), waiting for its uploader to confirm.

    Keeps exactly the uploaded bytes, so confirming imports what was previewed: the bytes must still hash to
    `sha256`, and the real run must do what the preview showed (`fingerprint`, see ImportResult.fingerprint).
    Only a file whose preview was valid and changes something is kept, for `TRACKER_IMPORT_PENDING_MINUTES`;
    confirmed, it is deleted (the applied batch is the record); expired ones are purged by a job.
    """

    __tablename__ = "pending_upload"

    id: int | None = Field(default=None, primary_key=True)
    sha256: str = Field(max_length=64)
    kind: str = Field(max_length=16)
    filename: str = Field(default="", max_length=255)
    actor: str = Field(max_length=120)
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id", index=True)
    # As ImportBatch.concerns: who may see it (tracker.auth.access.BATCH_ACCESS).
    concerns: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    submit: bool = False
    # The preview's batch (a dry run); plain id, since dry-run batches are purged on their own schedule.
    preview_batch_id: int | None = None
    fingerprint: str = Field(max_length=64)
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime = Field(index=True)
