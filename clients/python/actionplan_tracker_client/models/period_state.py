from enum import StrEnum

class PeriodState(StrEnum):
    LOCKED = "locked"
    OPEN = "open"

    def __str__(self) -> str:
        return str(self.value)
