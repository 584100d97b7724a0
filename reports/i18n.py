"""Labels in Danish and English, and Danish/English formatting of dates and numbers.

Longer than 400 lines on purpose: most of it is one translation table (labels, statuses, sheet names, units,
categories, fields), each word in both languages side by side so neither is forgotten; splitting the table
would only make a word harder to find. The formatting functions are the short rest.
"""

import re
from datetime import date, datetime
from functools import cache, lru_cache
from typing import Literal

from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from babel.numbers import NumberPattern

Lang = Literal["da", "en"]
LANGUAGES: tuple[Lang, ...] = ("da", "en")


STATUS = {
    "da": {
        "not_started": "Ikke påbegyndt",
        "on_track": "På rette spor",
        "at_risk": "Risiko for forsinkelse",
        "delayed": "Forsinket",
        "completed": "Gennemført",
        "cancelled": "Aflyst",
        "no_report": "Ingen godkendt indberetning",
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
    "da": {
        "on_track": "På rette spor",
        "off_track": "Bagud",
        "no_target": "Intet mål fastsat",
        "no_data": "Ingen data",
        "hidden": "Skjult",
    },
    "en": {
        "on_track": "On track",
        "off_track": "Off track",
        "no_target": "No target set",
        "no_data": "No data",
        "hidden": "Hidden",
    },
}

LABELS: dict[str, dict[str, str]] = {
    "da": {
        "title": "Statusrapport",
        "subtitle": "til ministerens kontor",
        "plan": "Handlingsplan",
        "period": "Halvår",
        "previous_period": "Forrige halvår",
        "due": "Frist for indberetning",
        "generated": "Rapporten dannet",
        "language": "Sprog",
        "approved_only": "Kun godkendte indberetninger",
        "includes_submitted": "Omfatter indsendte indberetninger, der endnu ikke er godkendt (markeret)",
        "not_yet_approved": "ikke godkendt endnu",
        "public_note": "Offentlig udgave: antal personer fra 1 til 4 vises som «<5», og med «x» er yderligere tal skjult, så ingen kombination af tabellerne kan afsløre dem. Antal initiativer og indberetninger vises altid.",
        "sample_note": "Indeholder eksempeldata ([EKSEMPEL]); ikke virkelige indberetninger.",
        "headline": "Overblik pr. indsatsområde",
        "focus_area": "Indsatsområde",
        "total": "I alt",
        "share_on_track": "Andel på rette spor eller gennemført",
        "change_vs_previous": "Ændring siden forrige halvår",
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
        "changes": "Hvad er ændret siden forrige halvår",
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
        "spent_period": "Forbrug i halvåret",
        "spent_to_date": "Forbrug til dato",
        "not_set": "ikke fastsat",
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
        "data_as_of": "Data pr.",
        "of_reported": "af {n} indberettede initiativer ud af {total}",
        "not_reported": "Ikke indberettet",
        "initiatives_section": "Alle initiativer",
        "status_from": "Status fra halvår",
        "confidence": "Sikkerhed for levering",
        "strip": "Status halvår for halvår",
        "certainty": "Kildegrundlag",
        "approved": "Godkendt",
        "never_reported": "aldrig indberettet",
        "no_explanation": "Der er ikke givet en forklaring.",
        "not_reported_by": "Ikke indberettet af {lead}.",
        "initiatives_note": "Et initiativ uden godkendt indberetning for halvåret vises med sin seneste kendte status og det halvår, den er fra. † rekonstrueret med usikker kilde, * delvist belagt i kilderne. Sikkerhed for levering er den indberettendes vurdering af, om initiativet leveres til fristen.",
        "revised_on": "Rettet den",
        "revised_note": "Tal og tekster, som er ændret i en allerede godkendt indberetning, med værdien før og efter rettelsen.",
        "budget_note": "Afsat: bevillingen til initiativet, hvor kilderne angiver en; ellers «ikke fastsat». Forbrug er de indberettede beløb i kroner.",
        "summary_title": "Kort fortalt",
        "status_counts": "Status for initiativerne",
        "changes_brief": "Hvad er ændret siden sidste halvår",
        "decisions": "Kræver beslutning eller opfølgning",
        "verdict": "Samlet vurdering ved planens afslutning",
        "sources": "Datagrundlag",
        "reconstruction": "Om datagrundlaget",
        "see_section": "Se afsnittet",
        "contents": "Indhold",
        "period_starts": "Halvår begynder",
        "revised_period": "Indberetning for",
        "reported": "Indberettet",
        "value": "Værdi",
        "table": "Tabel",
        "row": "Række",
        "measure": "Mål",
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
        "public_note": "Public edition: counts of persons from 1 to 4 are shown as \u201c<5\u201d, and \u201cx\u201d hides further figures so that no combination of the tables can reveal them. Counts of initiatives and reports are always shown.",
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
        "data_as_of": "Data as of",
        "of_reported": "of {n} reported initiatives out of {total}",
        "not_reported": "Not reported",
        "initiatives_section": "All initiatives",
        "status_from": "Status from half-year",
        "confidence": "Delivery confidence",
        "strip": "Status half-year by half-year",
        "certainty": "Source basis",
        "approved": "Approved",
        "never_reported": "never reported",
        "no_explanation": "No explanation was given.",
        "not_reported_by": "Not reported by {lead}.",
        "initiatives_note": "An initiative without an approved report for the half-year shows its last known status and the half-year it is from. † reconstructed from an uncertain source, * partly supported by the sources. Delivery confidence is the reporter's judgement of whether the initiative is delivered by its deadline.",
        "revised_on": "Revised on",
        "revised_note": "Figures and texts changed in a report already approved, with the value before and after the revision.",
        "budget_note": "Allocated: the initiative's allocation where the sources give one, else \u201cnot set\u201d. Spending is the amounts reported, in Danish kroner.",
        "summary_title": "In brief",
        "status_counts": "Status of the initiatives",
        "changes_brief": "What changed since the last half-year",
        "decisions": "Needs a decision or a push",
        "verdict": "Closing verdict",
        "sources": "About the data",
        "reconstruction": "About the plan data",
        "see_section": "See section",
        "contents": "Contents",
        "period_starts": "Half-year starts",
        "revised_period": "Report for",
        "reported": "Reported",
        "value": "Value",
        "table": "Table",
        "row": "Row",
        "measure": "Measure",
    },
}


# Sheet names of the workbook (at most 31 characters, no []:*?/\\).
SHEETS = {
    "da": {
        "headline": "Overblik",
        "initiatives": "Alle initiativer",
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
        "indicator-breakdowns": "Indikatorer fordelt",
        "status-history": "Statusforløb",
        "indicator-values": "Indikatorværdier",
        "totals": "Totaler",
    },
    "en": {
        "headline": "Headline",
        "initiatives": "All initiatives",
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
        "indicator-breakdowns": "Indicator breakdowns",
        "status-history": "Status history",
        "indicator-values": "Indicator values",
        "totals": "Totals",
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


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


@cache
def _number_pattern(pattern: str) -> NumberPattern:
    return babel_numbers.parse_pattern(pattern)


def format_date(value: date | datetime | None, lang: Lang) -> str:
    """`31. december 2024` in Danish, `31 December 2024` in English (Babel, CLDR data)."""
    if value is None:
        return ""
    day = value.date() if isinstance(value, datetime) else value
    return _format_day(day, lang)


@lru_cache(maxsize=4096)
def _format_day(day: date, lang: str) -> str:
    return str(babel_dates.format_date(day, "d. MMMM y" if lang == "da" else "d MMMM y", locale=_locale(lang)))


def format_number(value: float | int | str | None, lang: Lang, decimals: int | None = None) -> str:
    """`1.234,5` in Danish, `1,234.5` in English (Babel); strings (suppressed cells) pass through.

    Without `decimals`, whole numbers get none and others one.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 1
    return _format_decimal(float(value), lang, decimals)


@lru_cache(maxsize=65536)
def _format_decimal(value: float, lang: str, decimals: int) -> str:
    # Babel's pattern and locale are parsed once; reports format the same few numbers many times.
    pattern = _number_pattern("#,##0" + ("." + "0" * decimals if decimals else ""))
    return str(pattern.apply(value, _locale(lang)))


def format_percent(value: float | str | None, lang: Lang) -> str:
    """`50,0 %` (with a no-break space) in Danish, `50.0%` in English; the value is in percent."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    pattern = "#,##0.0\u00a0%" if lang == "da" else "#,##0.0%"
    return str(babel_numbers.format_percent(value / 100.0, format=pattern, locale=lang))


def format_change_pp(value: float | str | None, lang: Lang) -> str:
    """A change in percentage points with its sign: `+6,3 procentpoint`, `-18.8 percentage points`."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    number = format_number(value, lang, 1)
    sign = "+" if value > 0 else ""
    return f"{sign}{number}\u00a0{'procentpoint' if lang == 'da' else 'percentage points'}"


def format_money(value: float | None, lang: Lang, *, not_set: str | None = None) -> str:
    """`118,2 mio. kr.` / `DKK 118.2 million` from a million up, else `250.000 kr.` / `DKK 250,000`."""
    if value is None:
        return not_set if not_set is not None else LABELS[lang]["not_set"]
    if abs(value) >= 1_000_000:
        number = format_number(value / 1_000_000, lang, 1)
        return f"{number}\u00a0mio.\u00a0kr." if lang == "da" else f"DKK\u00a0{number}\u00a0million"
    number = format_number(value, lang, 0)
    return f"{number}\u00a0kr." if lang == "da" else f"DKK\u00a0{number}"


@lru_cache(maxsize=1024)
def format_period(label: str | None, lang: Lang) -> str:
    """`2025-H2` as `2. halvår 2025` / `second half of 2025`; other labels as they are (remembered: a big
    report names a period once per initiative and indicator value)."""
    if not label:
        return ""
    match = re.fullmatch(r"(\d{4})-H([12])", label)
    if match is None:
        return label
    year, half = match.groups()
    if lang == "da":
        return f"{half}. halvår {year}"
    return f"{'first' if half == '1' else 'second'} half of {year}"


# Units of the built-in plan's indicators, and whether each counts people (the public edition suppresses
# small counts of people only).
UNITS: dict[str, tuple[str, str, bool]] = {
    "persons/year": ("personer pr. år", "persons per year", True),
    "persons": ("personer", "persons", True),
    "returns/year": ("hjemrejser pr. år", "returns per year", True),
    "referrals/year": ("henvisninger pr. år", "referrals per year", True),
    "contacts/year": ("kontakter pr. år", "contacts per year", True),
    "assessments/year": ("vurderinger af offerstatus pr. år", "victim assessments per year", True),
    "cases/year": ("sager pr. år", "cases per year", False),
    "count/year": ("antal pr. år", "number per year", False),
    "actions/year": ("aktioner pr. år", "actions per year", False),
    "% occupancy": ("% belægning", "% occupancy", False),
}


def unit_label(unit: str, lang: Lang) -> str:
    known = UNITS.get(unit)
    if known is None:
        return unit.replace("/year", " pr. år" if lang == "da" else " per year")
    return known[0] if lang == "da" else known[1]


def counts_people(unit: str) -> bool:
    """Whether an indicator's unit counts people (unknown units are treated as if they did)."""
    known = UNITS.get(unit)
    return True if known is None else known[2]


DIMENSIONS = {
    "da": {
        "sex": "Køn",
        "form": "Udnyttelsesform",
        "authority": "Myndighed",
        "ngo": "Organisation",
        "target_group": "Målgruppe",
        "stage": "Sagens trin",
    },
    "en": {
        "sex": "Sex",
        "form": "Form of exploitation",
        "authority": "Authority",
        "ngo": "Organisation",
        "target_group": "Target group",
        "stage": "Stage",
    },
}
CATEGORY_VALUES = {
    "da": {
        "women": "kvinder",
        "men": "mænd",
        "trans": "transpersoner",
        "sexual_exploitation": "seksuel udnyttelse",
        "forced_labour": "tvangsarbejde",
        "criminal_activities": "tvang til kriminalitet",
        "other_or_unknown": "anden eller ukendt",
        "police": "politi",
        "embassies": "ambassader",
        "health": "sundhedspersonale",
        "other": "andre",
        "charged": "sigtet",
        "indicted": "tiltalt",
        "convicted": "dømt",
    },
    "en": {
        "women": "women",
        "men": "men",
        "trans": "trans persons",
        "sexual_exploitation": "sexual exploitation",
        "forced_labour": "forced labour",
        "criminal_activities": "forced criminality",
        "other_or_unknown": "other or unknown",
        "police": "police",
        "embassies": "embassies",
        "health": "health staff",
        "other": "others",
        "charged": "charged",
        "indicted": "indicted",
        "convicted": "convicted",
    },
}


def category_label(category: str, lang: Lang) -> str:
    """`sex:men` as `Køn: mænd`; "" (the total) as `I alt`."""
    if not category:
        return LABELS[lang]["total"]
    dimension, _, value = category.partition(":")
    dim = DIMENSIONS[lang].get(dimension, dimension.replace("_", " ").capitalize())
    val = CATEGORY_VALUES[lang].get(value, value.replace("_", " "))
    return f"{dim}: {val}"


FIELDS = {
    "da": {
        "status": "Status",
        "spent_dkk": "Forbrug i perioden",
        "narrative": "Beskrivelse",
        "next_steps": "Næste skridt",
        "risks": "Risici",
        "explanation": "Forklaring",
        "forecast_status": "Forventet status næste halvår",
        "forecast_note": "Bemærkning til forventningen",
        "confidence": "Sikkerhed for levering",
        "content": "Indhold",
    },
    "en": {
        "status": "Status",
        "spent_dkk": "Spending in the period",
        "narrative": "Description",
        "next_steps": "Next steps",
        "risks": "Risks",
        "explanation": "Explanation",
        "forecast_status": "Expected status next half-year",
        "forecast_note": "Note on the forecast",
        "confidence": "Delivery confidence",
        "content": "Content",
    },
}


def field_label(name: str, lang: Lang) -> str:
    """A progress report's field as the reader knows it; indicator values name their indicator."""
    if name.startswith(("indicator_values.", "values.")):
        key = name.split(".", 1)[1]
        code, _, category = key.replace("[", "/").rstrip("]").partition("/")
        label = f"{'Indikator' if lang == 'da' else 'Indicator'} {code}"
        return f"{label} ({category_label(category, lang)})" if category else label
    last = name.rsplit(".", 1)[-1]
    return FIELDS[lang].get(last, last.replace("_", " "))


def field_value(name: str, value: str, lang: Lang) -> str:
    """A revised value as the reader knows it: money and numbers formatted, statuses translated."""
    if value == "":
        return "–"
    last = name.rsplit(".", 1)[-1]
    if last in ("status", "forecast_status"):
        return STATUS[lang].get(value, value)
    if last == "confidence":
        return CONFIDENCE[lang].get(value, value)
    try:
        number = float(value)
    except ValueError:
        return value
    if last == "spent_dkk":
        return format_money(number, lang)
    return format_number(number, lang)


CONFIDENCE = {
    "da": {"high": "Høj", "medium": "Middel", "low": "Lav"},
    "en": {"high": "High", "medium": "Medium", "low": "Low"},
}
CERTAINTY = {
    "da": {
        "high": "Sikker kilde",
        "medium": "Delvist belagt i kilderne",
        "uncertain": "Rekonstrueret, usikker",
    },
    "en": {
        "high": "Firm source",
        "medium": "Partly supported by sources",
        "uncertain": "Reconstructed, uncertain",
    },
}


def actor_label(actor: str, lang: Lang) -> str:
    """Who did something, without raw keys: `token:12` is `API-nøgle nr. 12`."""
    if not actor:
        return ""
    kind, _, rest = actor.partition(":")
    if kind == "token" and rest:
        return f"API-nøgle nr. {rest}" if lang == "da" else f"API key no. {rest}"
    if kind == "user" and rest:
        return rest
    names = {
        "da": {"cli": "sekretariatet (kommandolinjen)", "demo": "eksempeldata", "scheduler": "systemet"},
        "en": {"cli": "the secretariat (command line)", "demo": "sample data", "scheduler": "the system"},
    }
    return names[lang].get(actor, actor)
