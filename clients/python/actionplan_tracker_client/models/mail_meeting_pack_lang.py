from enum import StrEnum

class MailMeetingPackLang(StrEnum):
    DA = "da"
    EN = "en"

    def __str__(self) -> str:
        return str(self.value)
