from enum import StrEnum

class ForumScope(StrEnum):
    INTERNATIONAL = "international"
    NATIONAL = "national"

    def __str__(self) -> str:
        return str(self.value)
