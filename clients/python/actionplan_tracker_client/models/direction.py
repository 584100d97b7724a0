from enum import StrEnum

class Direction(StrEnum):
    DECREASE = "decrease"
    INCREASE = "increase"
    MAINTAIN = "maintain"

    def __str__(self) -> str:
        return str(self.value)
