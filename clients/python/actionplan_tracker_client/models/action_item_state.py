from enum import StrEnum

class ActionItemState(StrEnum):
    DONE = "done"
    IN_PROGRESS = "in_progress"
    OPEN = "open"

    def __str__(self) -> str:
        return str(self.value)
