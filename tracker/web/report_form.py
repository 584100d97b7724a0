"""The progress-report form: its fields from an initiative and a report, and a submitted form back to ReportInput.

The rules stay in `tracker.progress.schemas.ReportInput` and the services; this module only moves values between
form fields and that model, and says the model's complaints in the page's language beside the right field.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from babel.numbers import NumberFormatError, parse_decimal
from pydantic import ValidationError

from actionplan.enums import Confidence, ProgressStatus
from reports.i18n import CONFIDENCE
from tracker.plans.schemas import InitiativeDetail
from tracker.progress import schemas as s
from tracker.web.formatting import locale, number
from tracker.web.i18n import Translator
from tracker.web.pages import FormErrors, form_value

TEXT_FIELDS = ("narrative", "explanation", "next_steps", "risks", "forecast_note")


@dataclass
class ValueField:
    """One indicator value input: the total or one category of a disaggregated indicator."""

    id: str
    indicator: str
    category: str
    label: str
    value: str


@dataclass
class IndicatorFields:
    code: str
    name: str
    unit: str
    fields: list[ValueField]


@dataclass
class MilestoneFields:
    index: int
    title: str
    due: date
    original_due: date
    done_on: date | None
    new_due: str = ""
    reached_on: str = ""
    reason: str = ""


@dataclass
class ReportForm:
    """What the form shows: the values as last saved, or as just submitted when they had errors."""

    values: dict[str, str]
    indicators: list[IndicatorFields]
    milestones: list[MilestoneFields]
    version: str = ""
    errors: FormErrors = field(default_factory=FormErrors)


def value_field_id(indicator: str, category: str) -> str:
    safe = "".join(ch if ch.isalnum() else "-" for ch in f"{indicator}-{category or 'total'}")
    return f"value-{safe}"


def build_form(initiative: InitiativeDetail, public: s.ReportPublic | None, t: Translator, lang: str) -> ReportForm:
    """The form for an initiative, filled from its report (or empty when none is written yet)."""
    values: dict[str, str] = {
        "status": "",
        "spent_dkk": "",
        "forecast_status": "",
        "confidence": "",
        **dict.fromkeys(TEXT_FIELDS, ""),
    }
    reported: dict[tuple[str, str], float] = {}
    slips: dict[str, s.MilestoneUpdatePublic] = {}
    if public is not None:
        values |= {name: getattr(public, name) or "" for name in TEXT_FIELDS}
        values["status"] = public.status.value
        values["forecast_status"] = public.forecast_status.value if public.forecast_status else ""
        values["confidence"] = public.confidence.value if public.confidence else ""
        values["spent_dkk"] = number(public.spent_dkk, lang, 2) if public.spent_dkk is not None else ""
        reported = {(v.indicator, v.category): v.value for v in public.indicator_values}
        slips = {m.title: m for m in public.milestones}
    indicators = []
    for indicator in initiative.indicators:
        categories = [""] + [f"{d}:{v}" for d, vs in (indicator.disaggregation or {}).items() for v in vs]
        fields = []
        for category in categories:
            field_id = value_field_id(indicator.code, category)
            found = reported.get((indicator.code, category))
            values[field_id] = number(found, lang, 4) if found is not None else ""
            fields.append(ValueField(field_id, indicator.code, category, t.category(category), values[field_id]))
        name = indicator.name_da if lang == "da" else indicator.name_en
        indicators.append(IndicatorFields(indicator.code, name, indicator.unit, fields))
    milestones = []
    for n, milestone in enumerate(initiative.milestones):
        item = MilestoneFields(n, milestone.title, milestone.due, milestone.original_due, milestone.done_on)
        slip = slips.get(milestone.title)
        if slip is not None:
            if slip.done_on is not None:
                item.reached_on = show_date(slip.done_on)
            else:
                item.new_due = show_date(slip.new_due)
                item.reason = slip.reason
        milestones.append(item)
    return ReportForm(values, indicators, milestones, version=str(public.version) if public else "")


def read_form(form: ReportForm, data: dict[str, Any], t: Translator, lang: str) -> s.ReportInput | None:
    """Fill `form` from a submitted form; the ReportInput, or None with `form.errors` saying what is wrong."""
    errors = form.errors
    for name in ("status", "forecast_status", "confidence", *TEXT_FIELDS):
        form.values[name] = form_value(data, name)
    form.values["spent_dkk"] = form_value(data, "spent_dkk")
    form.version = form_value(data, "version")
    payload: dict[str, Any] = {name: form.values[name] for name in TEXT_FIELDS}
    if not form.values["status"]:
        errors.add("status", t("report.error.status"))
    else:
        payload["status"] = form.values["status"]
    payload["forecast_status"] = form.values["forecast_status"] or None
    payload["confidence"] = form.values["confidence"] or None
    payload["spent_dkk"] = _number(form.values["spent_dkk"], "spent_dkk", errors, t, lang)
    value_items: list[dict[str, Any]] = []
    value_ids: list[str] = []
    for indicator in form.indicators:
        for item in indicator.fields:
            item.value = form.values[item.id] = form_value(data, item.id)
            parsed = _number(item.value, item.id, errors, t, lang)
            if parsed is not None:
                value_items.append({"indicator": item.indicator, "category": item.category, "value": parsed})
                value_ids.append(item.id)
    payload["indicator_values"] = value_items
    milestone_items: list[dict[str, Any]] = []
    milestone_ids: list[int] = []
    for milestone in form.milestones:
        prefix = f"milestone-{milestone.index}"
        milestone.new_due = form_value(data, f"{prefix}-new-due")
        milestone.reached_on = form_value(data, f"{prefix}-done-on")
        milestone.reason = form_value(data, f"{prefix}-reason")
        new_due = _date(milestone.new_due, f"{prefix}-new-due", errors, t)
        done_on = _date(milestone.reached_on, f"{prefix}-done-on", errors, t)
        if new_due is not None and new_due == milestone.due:
            new_due = None  # the date as it stands is no move
        if done_on is not None and done_on == milestone.done_on:
            done_on = None
        if new_due is None and done_on is None:
            continue
        if new_due is not None and done_on is not None:
            errors.add(f"{prefix}-new-due", t("report.error.milestone_both"))
            continue
        if new_due is not None and not milestone.reason:
            errors.add(f"{prefix}-reason", t("report.error.milestone_reason"))
            continue
        milestone_items.append(
            {"title": milestone.title, "done_on": done_on, "new_due": new_due, "reason": milestone.reason}
        )
        milestone_ids.append(milestone.index)
    payload["milestones"] = milestone_items
    # Validate even when a field could not be read, so the page lists every problem at once.
    payload.setdefault("status", "not_started")
    try:
        report = s.ReportInput.model_validate(payload)
    except ValidationError as exc:
        for error in exc.errors():
            errors.add(*_field_error(error, value_ids, milestone_ids, t))
        return None
    return None if errors else report


def _number(text: str, field_id: str, errors: FormErrors, t: Translator, lang: str) -> float | None:
    if not text:
        return None
    try:
        value = float(parse_decimal(text.replace(" ", "").replace("\u00a0", ""), locale=locale(lang), strict=False))
    except (NumberFormatError, ValueError):
        errors.add(field_id, t("report.error.number"))
        return None
    if value < 0:
        errors.add(field_id, t("report.error.negative"))
        return None
    return value


_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[.\-/ ](\d{1,2})[.\-/ ](\d{4})$")


def show_date(value: date | None) -> str:
    """A date as people type it in the form: 30.09.2026."""
    return f"{value:%d.%m.%Y}" if value else ""


def _date(text: str, field_id: str, errors: FormErrors, t: Translator) -> date | None:
    """30.09.2026, 30-09-2026, 30/9/2026 or 2026-09-30."""
    if not text:
        return None
    match = _DAY_MONTH_YEAR.match(text)
    try:
        if match:
            day, month, year = (int(part) for part in match.groups())
            return date(year, month, day)
        return date.fromisoformat(text)
    except ValueError:
        errors.add(field_id, t("report.error.date"))
        return None


def _field_error(error: Any, value_ids: list[str], milestone_ids: list[int], t: Translator) -> tuple[str, str]:
    """Where a ReportInput complaint belongs on the page, and what it says there."""
    loc = tuple(error.get("loc", ()))
    kind = error.get("type", "")
    message = str(error.get("msg", ""))
    if kind == "cpr_number":
        field_id = _field_of(loc, value_ids, milestone_ids)
        return field_id, t("report.error.cpr")
    if kind == "string_too_long":
        return _field_of(loc, value_ids, milestone_ids), t(
            "report.error.too_long", limit=error.get("ctx", {}).get("max_length", "")
        )
    if "explanation is required" in message:
        return "explanation", t("report.error.explanation")
    if loc and loc[0] == "status":
        return "status", t("report.error.status")
    return _field_of(loc, value_ids, milestone_ids), message.removeprefix("Value error, ")


def _field_of(loc: tuple[Any, ...], value_ids: list[str], milestone_ids: list[int]) -> str:
    if not loc:
        return "status"
    if loc[0] == "indicator_values" and len(loc) > 1 and isinstance(loc[1], int) and loc[1] < len(value_ids):
        return value_ids[loc[1]]
    if loc[0] == "milestones" and len(loc) > 1 and isinstance(loc[1], int) and loc[1] < len(milestone_ids):
        suffix = "done-on" if len(loc) > 2 and loc[2] == "done_on" else "reason"
        return f"milestone-{milestone_ids[loc[1]]}-{suffix}"
    return str(loc[0]).replace("_", "-") if loc[0] not in (*TEXT_FIELDS, "spent_dkk") else str(loc[0])


STATUS_CHOICES = [status.value for status in ProgressStatus]


def confidence_choices(lang: str) -> list[tuple[str, str]]:
    """Delivery confidence as (value, words), in the status reports' own words."""
    words = CONFIDENCE["en" if lang == "en" else "da"]
    return [(level.value, words[level.value]) for level in Confidence]
