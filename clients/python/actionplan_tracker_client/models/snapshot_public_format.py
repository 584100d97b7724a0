from enum import StrEnum

class SnapshotPublicFormat(StrEnum):
    HTML = "html"
    JSON = "json"
    PDF = "pdf"
    XLSX = "xlsx"

    def __str__(self) -> str:
        return str(self.value)
