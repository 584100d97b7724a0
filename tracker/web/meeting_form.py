"""The secretariat's meeting form: a meeting with several decisions and action items, one row each.

The form starts with a few empty rows of each kind; "add a row" submits the form and gets it back with one more
(htmx swaps in just that row). Empty rows are ignored. Every problem is reported beside its field, named by its row
("Opfølgningspunkt 2, frist: ..."), all at once; the service (`tracker.fora.meetings.create_meeting`) then checks the
codes, and its complaints (`action_items[1].owner`) find their way back to the row they came from.

Fields: held_on, title, agenda, attendance, minutes; decision_{n}_text, decision_{n}_initiative; item_{n}_text,
item_{n}_owner, item_{n}_deadline, item_{n}_initiative (n from 1).
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import ValidationError

from actionplan.cells import CellError, to_date
from tracker.errors import ValidationFailed
from tracker.fora import schemas as s
from tracker.web.i18n import Translator
from tracker.web.pages import FormErrors, form_value

DEFAULT_ROWS = 3
KINDS = ("decision", "item")
FIELDS = {"decision": ("text", "initiative"), "item": ("text", "owner", "deadline", "initiative")}
MAX_ROWS = {"decision": s.MAX_DECISIONS, "item": s.MAX_ACTION_ITEMS}
_ROW_FIELD = re.compile(r"^(decision|item)_(\d{1,3})_([a-z]+)$")
# Where the service's and the schema's complaints point (`action_items[1].owner`, loc ("action_items", 1, "owner")).
_LIST_KIND = {"decisions": "decision", "action_items": "item"}
_SERVICE_FIELD = re.compile(r"^(decisions|action_items)\[(\d+)\]\.([a-z_]+)$")


def empty_rows() -> dict[str, int]:
    return dict.fromkeys(KINDS, DEFAULT_ROWS)


def row_counts(data: Mapping[str, Any]) -> dict[str, int]:
    """How many rows of each kind the submitted form had (at least the default, at most the API's limit)."""
    counts = empty_rows()
    for name in data:
        match = _ROW_FIELD.match(name)
        if match and match[3] in FIELDS[match[1]]:
            counts[match[1]] = max(counts[match[1]], int(match[2]))
    return {kind: min(count, MAX_ROWS[kind]) for kind, count in counts.items()}


def added_row(data: Mapping[str, Any], rows: dict[str, int]) -> tuple[str, int | None] | None:
    """When "add a row" was pressed: the kind and number of the new row (`rows` counts it from now on); the number
    is None when the form already has as many rows of that kind as a meeting may have."""
    kind = form_value(data, "add")
    if kind not in KINDS:
        return None
    if rows[kind] >= MAX_ROWS[kind]:
        return kind, None
    rows[kind] += 1
    return kind, rows[kind]


@dataclass
class ReadMeeting:
    """The meeting as the service takes it, and which form row each decision and action item came from."""

    input: s.MeetingInput
    decision_rows: list[int] = field(default_factory=list)
    item_rows: list[int] = field(default_factory=list)


def _row_values(data: Mapping[str, Any], kind: str, number: int) -> dict[str, str]:
    return {name: form_value(data, f"{kind}_{number}_{name}") for name in FIELDS[kind]}


def read(data: Mapping[str, Any], rows: dict[str, int], errors: FormErrors, t: Translator) -> ReadMeeting | None:
    """The submitted form as a MeetingInput, or None after adding every problem to `errors`."""
    payload: dict[str, Any] = {
        "title": form_value(data, "title"),
        "agenda": form_value(data, "agenda"),
        "minutes": form_value(data, "minutes"),
        "attendance": [
            code.strip().upper() for code in form_value(data, "attendance").replace(";", ",").split(",") if code.strip()
        ],
        "held_on": _date(form_value(data, "held_on"), "held_on", errors, t, required=True),
        "decisions": [],
        "action_items": [],
    }
    decision_rows: list[int] = []
    item_rows: list[int] = []
    for number in range(1, rows["decision"] + 1):
        values = _row_values(data, "decision", number)
        if any(values.values()):
            payload["decisions"].append({"text": values["text"], "initiative": values["initiative"] or None})
            decision_rows.append(number)
    for number in range(1, rows["item"] + 1):
        values = _row_values(data, "item", number)
        if any(values.values()):
            deadline_id = f"item_{number}_deadline"
            payload["action_items"].append(
                {
                    "text": values["text"],
                    "owner": values["owner"].upper(),
                    "deadline": _date(values["deadline"], deadline_id, errors, t, required=False, row=("item", number)),
                    "initiative": values["initiative"] or None,
                }
            )
            item_rows.append(number)
    # Validate even when a date could not be read, so the page lists every problem at once.
    try:
        meeting = s.MeetingInput.model_validate(payload)
    except ValidationError as exc:
        for error in exc.errors():
            field_id, what = _place(tuple(error.get("loc", ())), decision_rows, item_rows)
            errors.add(field_id, _in_row(what, error_message(error, t), t))
        return None
    if errors:
        return None
    return ReadMeeting(meeting, decision_rows, item_rows)


def add_service_errors(exc: ValidationFailed, meeting: ReadMeeting, errors: FormErrors, t: Translator) -> None:
    """The service's refusal (unknown organisation or initiative codes) beside the fields it concerns."""
    for problem in exc.errors or []:
        name = str(problem.get("field", ""))
        match = _SERVICE_FIELD.match(name)
        message = str(problem.get("message", exc.detail))
        if match:
            where = _place((match[1], int(match[2]), match[3]), meeting.decision_rows, meeting.item_rows)
        else:
            where = (name if name == "attendance" else "held_on", None)
        code = message.split("'")[1] if message.count("'") >= 2 else ""
        if "organisation" in message:
            text = t("fora.error.unknown_organisation", code=code)
        elif "initiative" in message:
            text = t("fora.error.unknown_initiative", code=code)
        else:
            text = message
        errors.add(where[0], _in_row(where[1], text, t))
    if not errors:
        errors.add("held_on", exc.detail)


def _place(
    loc: tuple[Any, ...], decision_rows: list[int], item_rows: list[int]
) -> tuple[str, tuple[str, int, str] | None]:
    """The form field a complaint is about, and (kind, row, field) when it is in a row."""
    if len(loc) >= 2 and loc[0] in _LIST_KIND and isinstance(loc[1], int):
        kind = _LIST_KIND[str(loc[0])]
        numbers = decision_rows if kind == "decision" else item_rows
        number = numbers[loc[1]] if loc[1] < len(numbers) else 1
        name = str(loc[2]) if len(loc) > 2 and loc[2] in FIELDS[kind] else "text"
        return f"{kind}_{number}_{name}", (kind, number, name)
    return (str(loc[0]) if loc else "held_on"), None


def _in_row(where: tuple[str, int, str] | None, message: str, t: Translator) -> str:
    """'Opfølgningspunkt 2, frist: skriv en gyldig dato' (a row's field named), or the message alone."""
    if where is None:
        return message
    kind, number, name = where
    return t(
        "fora.error.in_row", row=t(f"fora.row.{kind}", n=number), field=t(f"fora.field.{kind}.{name}"), message=message
    )


def error_message(error: Any, t: Translator) -> str:
    """A schema complaint in the page's words (CPR number, too long, required...)."""
    kind = str(error.get("type", ""))
    if kind == "cpr_number":
        return t("fora.error.cpr")
    if kind == "string_too_long":
        return t("fora.error.too_long", limit=error.get("ctx", {}).get("max_length", ""))
    if kind in ("missing", "string_too_short", "date_type", "none_required", "date_from_datetime_parsing"):
        return t("fora.error.required")
    if kind == "too_long":
        return t("fora.error.too_many")
    return str(error.get("msg", "")).removeprefix("Value error, ")


def _date(
    text: str,
    field_id: str,
    errors: FormErrors,
    t: Translator,
    *,
    required: bool,
    row: tuple[str, int] | None = None,
) -> str | None:
    """A date as people type it (30.09.2026, 30-09-2026, 2026-09-30) in ISO form; None after noting a problem."""
    where = (row[0], row[1], "deadline") if row else None
    if not text:
        if required:
            errors.add(field_id, _in_row(where, t("fora.error.required"), t))
        return None
    day = parse_date(text)
    if day is None:
        errors.add(field_id, _in_row(where, t("fora.error.date"), t))
        return None
    return day.isoformat()


def parse_date(text: str) -> date | None:
    """30.09.2026, 30-09-2026, 30/09/2026 or 2026-09-30 (the project's one reading of typed dates); None if none."""
    try:
        return to_date(text)
    except CellError:
        return None
