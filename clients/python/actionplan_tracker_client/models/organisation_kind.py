from enum import StrEnum

class OrganisationKind(StrEnum):
    AGENCY = "agency"
    EXTERNAL = "external"
    MINISTRY = "ministry"
    NGO = "ngo"
    OTHER = "other"

    def __str__(self) -> str:
        return str(self.value)
