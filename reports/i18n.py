"""Labels in Danish and English, and Danish/English formatting of dates and numbers."""

from datetime import date
from typing import Literal

Lang = Literal["da", "en"]
LANGUAGES: tuple[Lang, ...] = ("da", "en")

MONTHS = {
    "da": [
        "januar", "februar", "marts", "april", "maj", "juni",
        "juli", "august", "september", "oktober", "november", "december",
    ],
    "en": [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ],
}  # fmt: skip

STATUS = {
    "da": {
        "not_started": "Ikke påbegyndt",
        "on_track": "På sporet",
        "at_risk": "I risiko",
        "delayed": "Forsinket",
        "completed": "Afsluttet",
        "cancelled": "Annulleret",
        "no_report": "Ingen godkendt rapport",
    },
    "en": {
        "not_started": "Not started",
        "on_track": "On track",
        "at_risk": "At risk",
        "delayed": "Delayed",
        "completed": "Completed",
        "cancelled": "Cancelled",
        "no_report": "No approved report",
    },
}

INDICATOR_STATUS = {
    "da": {"on_track": "På sporet", "off_track": "Bagud", "no_target": "Intet mål fastsat", "no_data": "Ingen data"},
    "en": {"on_track": "On track", "off_track": "Off track", "no_target": "No target set", "no_data": "No data"},
}

LABELS: dict[str, dict[str, str]] = {
    "da": {
        "title": "Statusrapport",
        "subtitle": "til ministerens kontor",
        "plan": "Handlingsplan",
        "period": "Periode",
        "previous_period": "Forrige periode",
        "due": "Frist for indberetning",
        "generated": "Dannet",
        "language": "Sprog",
        "approved_only": "Kun godkendte indberetninger",
        "includes_submitted": "Omfatter indsendte indberetninger, der endnu ikke er godkendt (markeret)",
        "not_yet_approved": "ikke godkendt endnu",
        "public_note": "Offentlig udgave: antal fra 1 til 4 vises som «<5»; «x» er skjult, så totaler ikke afslører dem.",
        "sample_note": "Indeholder eksempeldata ([EKSEMPEL]); ikke virkelige indberetninger.",
        "headline": "Overblik",
        "focus_area": "Indsatsområde",
        "total": "I alt",
        "share_on_track": "Andel på sporet eller afsluttet",
        "change_vs_previous": "Ændring siden forrige periode",
        "percentage_points": "procentpoint",
        "attention": "Forsinkede og truede initiativer",
        "initiative": "Initiativ",
        "title_col": "Titel",
        "lead": "Ansvarlig",
        "status": "Status",
        "deadline": "Frist",
        "overdue": "Overskredet",
        "explanation": "Forklaring",
        "risks": "Risici",
        "yes": "ja",
        "no": "nej",
        "slips": "Udskudte milepæle",
        "milestone": "Milepæl",
        "original_due": "Oprindelig frist",
        "current_due": "Nuværende frist",
        "moves": "Antal udskydelser",
        "days_slipped": "Dage udskudt",
        "reasons": "Begrundelser",
        "indicators": "Indikatorer og mål",
        "indicator": "Indikator",
        "category": "Kategori",
        "unit": "Enhed",
        "actual": "Faktisk",
        "target": "Mål",
        "expected": "Forventet nu",
        "pct_achieved": "% opnået",
        "trend": "Udvikling",
        "completeness": "Indberetning pr. organisation",
        "organisation": "Organisation",
        "expected_reports": "Forventet",
        "on_time": "Til tiden",
        "late": "For sent",
        "missing": "Mangler",
        "not_due": "Ikke forfaldet",
        "changes": "Hvad er ændret siden forrige rapport",
        "status_changes": "Statusændringer",
        "from": "Fra",
        "to": "Til",
        "new_delays": "Nye forsinkelser",
        "revised_values": "Værdier ændret efter godkendelse",
        "field": "Felt",
        "before": "Før",
        "after": "Efter",
        "reason": "Begrundelse",
        "new_risks": "Nye risici",
        "none": "Ingen",
        "budget": "Budget og forbrug",
        "plan_budget": "Planens samlede budget",
        "allocated": "Afsat",
        "spent_period": "Forbrug i perioden",
        "spent_to_date": "Forbrug til dato",
        "not_set": "ikke angivet",
        "forecasts": "Prognose mod resultat",
        "forecasts_made": "Prognoser",
        "hits": "Ramte",
        "misses": "Forfejlede",
        "no_outcome": "Uden resultat",
        "accuracy": "Træfsikkerhed",
        "forecast": "Prognose",
        "outcome": "Resultat",
        "dkk": "kr.",
        "legend_suppressed": "x: skjult af hensyn til diskretion",
    },
    "en": {
        "title": "Status report",
        "subtitle": "for the minister's office",
        "plan": "Action plan",
        "period": "Period",
        "previous_period": "Previous period",
        "due": "Reporting due",
        "generated": "Generated",
        "language": "Language",
        "approved_only": "Approved progress reports only",
        "includes_submitted": "Includes submitted progress reports not yet approved (marked)",
        "not_yet_approved": "not yet approved",
        "public_note": "Public edition: counts from 1 to 4 are shown as \u201c<5\u201d; \u201cx\u201d is hidden so totals cannot reveal them.",
        "sample_note": "Contains sample data ([EKSEMPEL]); not real progress reports.",
        "headline": "Headline",
        "focus_area": "Focus area",
        "total": "Total",
        "share_on_track": "Share on track or completed",
        "change_vs_previous": "Change since previous period",
        "percentage_points": "percentage points",
        "attention": "Overdue and at-risk initiatives",
        "initiative": "Initiative",
        "title_col": "Title",
        "lead": "Lead",
        "status": "Status",
        "deadline": "Deadline",
        "overdue": "Overdue",
        "explanation": "Explanation",
        "risks": "Risks",
        "yes": "yes",
        "no": "no",
        "slips": "Milestone slips",
        "milestone": "Milestone",
        "original_due": "Original due date",
        "current_due": "Current due date",
        "moves": "Times moved",
        "days_slipped": "Days slipped",
        "reasons": "Reasons",
        "indicators": "Indicators and targets",
        "indicator": "Indicator",
        "category": "Category",
        "unit": "Unit",
        "actual": "Actual",
        "target": "Target",
        "expected": "Expected now",
        "pct_achieved": "% achieved",
        "trend": "Trend",
        "completeness": "Reporting by organisation",
        "organisation": "Organisation",
        "expected_reports": "Expected",
        "on_time": "On time",
        "late": "Late",
        "missing": "Missing",
        "not_due": "Not yet due",
        "changes": "What changed since the previous report",
        "status_changes": "Status changes",
        "from": "From",
        "to": "To",
        "new_delays": "New delays",
        "revised_values": "Values revised after approval",
        "field": "Field",
        "before": "Before",
        "after": "After",
        "reason": "Reason",
        "new_risks": "New risks",
        "none": "None",
        "budget": "Budget and spending",
        "plan_budget": "Total plan budget",
        "allocated": "Allocated",
        "spent_period": "Spent in period",
        "spent_to_date": "Spent to date",
        "not_set": "not set",
        "forecasts": "Forecast against outcome",
        "forecasts_made": "Forecasts",
        "hits": "Met",
        "misses": "Missed",
        "no_outcome": "No outcome",
        "accuracy": "Accuracy",
        "forecast": "Forecast",
        "outcome": "Outcome",
        "dkk": "DKK",
        "legend_suppressed": "x: hidden for confidentiality",
    },
}


# Sheet names of the workbook (at most 31 characters, no []:*?/\\).
SHEETS = {
    "da": {
        "headline": "Overblik",
        "attention": "Forsinkede og truede",
        "slips": "Udskudte milepæle",
        "indicators": "Indikatorer",
        "completeness": "Indberetning",
        "changes-status": "Ændret status",
        "changes-delays": "Nye forsinkelser",
        "changes-revised": "Rettet efter godkendelse",
        "changes-risks": "Nye risici",
        "budget": "Budget",
        "forecasts": "Prognoser",
        "forecast-misses": "Forfejlede prognoser",
    },
    "en": {
        "headline": "Headline",
        "attention": "Overdue and at risk",
        "slips": "Milestone slips",
        "indicators": "Indicators",
        "completeness": "Reporting",
        "changes-status": "Status changes",
        "changes-delays": "New delays",
        "changes-revised": "Revised after approval",
        "changes-risks": "New risks",
        "budget": "Budget",
        "forecasts": "Forecasts",
        "forecast-misses": "Missed forecasts",
    },
}


class Labels:
    """Label lookup for one language: `labels["period"]`, `labels.status("on_track")`."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        self._labels = LABELS[lang]

    def __getitem__(self, key: str) -> str:
        return self._labels[key]

    def status(self, value: str | None) -> str:
        return STATUS[self.lang].get(value or "no_report", value or "")

    def sheet(self, key: str) -> str:
        return SHEETS[self.lang].get(key, key)[:31]

    def indicator_status(self, value: str) -> str:
        return INDICATOR_STATUS[self.lang].get(value, value)


def check_lang(lang: str) -> Lang:
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; use 'da' or 'en'")
    return lang


def format_date(value: date | None, lang: Lang) -> str:
    """`31. december 2024` in Danish, `31 December 2024` in English."""
    if value is None:
        return ""
    month = MONTHS[lang][value.month - 1]
    return f"{value.day}. {month} {value.year}" if lang == "da" else f"{value.day} {month} {value.year}"


def format_number(value: float | int | str | None, lang: Lang, decimals: int | None = None) -> str:
    """`1.234,5` in Danish, `1,234.5` in English; strings (suppressed cells) pass through.

    Without `decimals`, whole numbers get none and others one.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 1
    text = f"{value:,.{decimals}f}"
    if lang == "da":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def format_percent(value: float | str | None, lang: Lang) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return format_number(value, lang, 1) + " %" if lang == "da" else format_number(value, lang, 1) + "%"
