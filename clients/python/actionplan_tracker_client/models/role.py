from enum import StrEnum

class Role(StrEnum):
    REPORTER = "reporter"
    SECRETARIAT = "secretariat"
    VIEWER = "viewer"

    def __str__(self) -> str:
        return str(self.value)
