from enum import StrEnum

class ProgressStatus(StrEnum):
    AT_RISK = "at_risk"
    CANCELLED = "cancelled"
    COMPLETED = "completed"
    DELAYED = "delayed"
    NOT_STARTED = "not_started"
    ON_TRACK = "on_track"

    def __str__(self) -> str:
        return str(self.value)
