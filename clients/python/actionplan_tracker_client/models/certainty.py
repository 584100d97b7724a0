from enum import StrEnum

class Certainty(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    UNCERTAIN = "uncertain"

    def __str__(self) -> str:
        return str(self.value)
