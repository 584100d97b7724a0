"""Names shared by the import modules."""

from enum import StrEnum


class BatchResult(StrEnum):
    APPLIED = "applied"
    NO_CHANGES = "no-changes"
    DRY_RUN = "dry-run"
    REJECTED = "rejected"
