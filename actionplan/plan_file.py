"""The plan data file (JSON), typed: every problem reported with its path, before anything is loaded.

`tracker plan load FILE` reads a file in the built-in plan's format. A missing field, a wrong type, a date
that is not a date, a reference to an organisation, focus area or period the file does not define, or a
CPR-shaped number in any text is reported as `initiatives[3].milestones[0].due: ...`, all at once; nothing
is loaded then. The loader itself consumes the original data (a key a file leaves out changes nothing).
"""

import json
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from actionplan import cpr
from actionplan.cells import EARLIEST, LATEST
from actionplan.enums import Certainty, Direction, OrganisationKind, PeriodState


def _no_cpr(text: str) -> str:
    found = cpr.find_cpr_like(text)
    if found:
        raise PydanticCustomError("cpr_number", cpr.MESSAGE, {"match": cpr.masked(found)})
    return text


def _in_window(day: date) -> date:
    if not EARLIEST <= day <= LATEST:
        raise ValueError(f"must be between {EARLIEST.isoformat()} and {LATEST.isoformat()}")
    return day


Text = Annotated[str, AfterValidator(_no_cpr)]
Code = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^\S(.*\S)?$")]
Day = Annotated[date, AfterValidator(_in_window)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=False)


class PlanInfo(_Model):
    slug: Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[a-z0-9][a-z0-9-]*$")]
    title_da: Text
    title_en: Text | None = None
    starts: Day
    ends: Day
    responsible: Text
    coordinator: Code | None = None
    budget_dkk: Annotated[int, Field(ge=0)] | None = None
    funding_source: Text | None = None
    published: Day | None = None
    publisher: Text | None = None
    reconstruction_note: Text | None = None
    sources: list[Text] = []

    @model_validator(mode="after")
    def _order(self) -> Self:
        if self.ends < self.starts:
            raise ValueError("ends is before starts")
        return self


class OrganisationInfo(_Model):
    code: Annotated[str, Field(min_length=1, max_length=16)]
    name_da: Text
    name_en: Text | None = None
    kind: OrganisationKind
    parent: Text | None = None
    contact_email: Annotated[str, Field(max_length=254)] | None = None
    note: Text | None = None


class FocusAreaInfo(_Model):
    code: Annotated[str, Field(min_length=1, max_length=16)]
    number: int | None = None
    title_da: Text
    title_en: Text | None = None
    is_official: bool = True
    summary: Text | None = None
    source_url: str | None = None


class PeriodInfo(_Model):
    label: Annotated[str, Field(min_length=1, max_length=16)]
    starts: Day
    ends: Day
    due: Day
    state: PeriodState | None = None

    @model_validator(mode="after")
    def _order(self) -> Self:
        if self.ends < self.starts:
            raise ValueError("ends is before starts")
        if self.due < self.ends:
            raise ValueError("due is before ends")
        return self


class MilestoneInfo(_Model):
    title: Annotated[Text, Field(min_length=1, max_length=300)]
    due: Day
    original_due: Day | None = None
    done_on: Day | None = None


class TargetInfo(_Model):
    period: str
    value: float


class ActualInfo(_Model):
    period: str
    category: str | None = None
    value: float
    source_org: str
    source_url: str | None = None
    note: Text | None = None


class IndicatorInfo(_Model):
    code: Code
    name_da: Text
    name_en: Text | None = None
    unit: Annotated[str, Field(min_length=1, max_length=40)]
    direction: Direction
    baseline: float | None = None
    baseline_date: Day | None = None
    cumulative: bool = False
    disaggregation: dict[str, list[str]] | None = None
    kind: str | None = None
    source_url: str | None = None
    note: Text | None = None
    targets: list[TargetInfo] = []
    actuals: list[ActualInfo] = []


class InitiativeInfo(_Model):
    code: Code
    focus_area: str
    title_da: Text
    title_en: Text | None = None
    title_is_official: bool = False
    description: Text | None = None
    lead: str
    lead_as_in_source: Text | None = None
    partners: list[str] = []
    partners_note: Text | None = None
    starts: Day | None = None
    deadline: Day | None = None
    budget_dkk: Annotated[int, Field(ge=0, le=2_147_483_647)] | None = None
    funding_note: Text | None = None
    certainty: Certainty = Certainty.MEDIUM
    certainty_note: Text | None = None
    source_url: str | None = None
    additional_sources: list[str] = []
    milestones: list[MilestoneInfo] = []
    indicators: list[IndicatorInfo] = []


class PlanFile(_Model):
    """A plan data file in the built-in plan's format."""

    format: Literal["actionplan-tracker/plan@1"] | None = None
    plan: PlanInfo
    organisations: list[OrganisationInfo] = []
    focus_areas: list[FocusAreaInfo] = []
    periods: list[PeriodInfo] = []
    periods_note: Text | None = None
    initiatives: list[InitiativeInfo] = []
    # The coordination fora (actionplan/fora.py checks their shape when it loads them).
    fora: list[dict[str, Any]] = []
    fora_note: Text | None = None


class PlanFileError(ValueError):
    """A plan file that cannot be loaded: every problem with its path."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(f"{path}: {message}" for path, message in problems))
        self.problems = problems


def _path(location: tuple[int | str, ...]) -> str:
    out = ""
    for part in location:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(file)"


def _references(plan: PlanFile, known_organisations: set[str]) -> list[tuple[str, str]]:
    """References the file makes to things it (or the database) does not define."""
    problems: list[tuple[str, str]] = []
    orgs = {o.code for o in plan.organisations} | known_organisations
    areas = {a.code for a in plan.focus_areas}
    periods = {p.label for p in plan.periods}
    if plan.plan.coordinator and plan.plan.coordinator not in orgs:
        problems.append(("plan.coordinator", f"no organisation {plan.plan.coordinator!r}"))
    for n, i in enumerate(plan.initiatives):
        if i.focus_area not in areas:
            problems.append((f"initiatives[{n}].focus_area", f"no focus area {i.focus_area!r} in focus_areas"))
        if i.lead not in orgs:
            problems.append((f"initiatives[{n}].lead", f"no organisation {i.lead!r}"))
        for k, partner in enumerate(i.partners):
            if partner not in orgs:
                problems.append((f"initiatives[{n}].partners[{k}]", f"no organisation {partner!r}"))
        if i.starts and i.deadline and i.deadline < i.starts:
            problems.append((f"initiatives[{n}].deadline", "deadline is before starts"))
        for d, indicator in enumerate(i.indicators):
            for t, target in enumerate(indicator.targets):
                if target.period not in periods:
                    problems.append(
                        (f"initiatives[{n}].indicators[{d}].targets[{t}].period", f"no period {target.period!r}")
                    )
    return problems


def validate_plan_data(data: Any, *, known_organisations: set[str] | None = None) -> dict[str, Any]:
    """The data itself when it is a valid plan file; else PlanFileError listing every problem with its path."""
    try:
        plan = PlanFile.model_validate(data)
    except ValidationError as exc:
        raise PlanFileError(
            [(_path(tuple(e["loc"])), str(e["msg"]).removeprefix("Value error, ")) for e in exc.errors()]
        ) from exc
    problems = _references(plan, known_organisations or set())
    if problems:
        raise PlanFileError(problems)
    assert isinstance(data, dict)
    return data


def read_plan_file(path: Path, *, known_organisations: set[str] | None = None) -> dict[str, Any]:
    """A plan data file (JSON in the built-in format), validated; PlanFileError lists every problem."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise PlanFileError([(f"line {exc.lineno}, column {exc.colno}", f"not valid JSON: {exc.msg}")]) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise PlanFileError([(str(path), f"cannot be read: {exc}")]) from exc
    return validate_plan_data(data, known_organisations=known_organisations)
