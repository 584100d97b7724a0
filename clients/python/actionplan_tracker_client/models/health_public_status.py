from enum import StrEnum

class HealthPublicStatus(StrEnum):
    DEGRADED = "degraded"
    FAILING = "failing"
    OK = "ok"

    def __str__(self) -> str:
        return str(self.value)
