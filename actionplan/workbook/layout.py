"""The plan workbook's layout: its sheets (with their Danish names), columns, keys, required columns and limits,
and `ParsedPlan`, what a read workbook says. Shared by the export (`export.py`) and the reader (`read.py`)."""

from dataclasses import dataclass, field
from typing import Any

from actionplan.cells import (
    SheetError,
    SheetRow,
)
from actionplan.enums import Direction, OrganisationKind
from actionplan.fora import ForumScope

# Sheet -> canonical columns, in order. The first column(s) are the key.
SHEETS: dict[str, list[str]] = {
    "Plan": ["slug", "title_da", "title_en", "start", "end", "responsible"],
    "Organisations": ["code", "name_da", "name_en", "kind", "contact_email"],
    "FocusAreas": ["code", "title_da", "title_en"],
    "Initiatives": [
        "code",
        "focus_area",
        "title_da",
        "title_en",
        "description",
        "lead",
        "partners",
        "start",
        "deadline",
        "budget_dkk",
        "source_url",
    ],
    "Indicators": [
        "code",
        "initiative",
        "name_da",
        "name_en",
        "unit",
        "direction",
        "baseline",
        "baseline_date",
        "cumulative",
        "disaggregation",
    ],
    "Targets": ["indicator", "period", "value"],
    "Milestones": ["initiative", "title", "due"],
    "Periods": ["label", "start", "end", "due"],
    # One row per forum; members and followed initiatives are code lists, as an initiative's partners are.
    "Fora": [
        "code",
        "name_da",
        "name_en",
        "scope",
        "secretariat",
        "meetings_per_year",
        "cadence_note",
        "members",
        "initiatives",
    ],
}
KEYS: dict[str, list[str]] = {
    "Plan": ["slug"],
    "Organisations": ["code"],
    "FocusAreas": ["code"],
    "Initiatives": ["code"],
    "Indicators": ["code"],
    "Targets": ["indicator", "period"],
    "Milestones": ["initiative", "title"],
    "Periods": ["label"],
    "Fora": ["code"],
}
# Columns a new row must fill in.
REQUIRED_FOR_NEW: dict[str, list[str]] = {
    "Plan": ["title_da", "start", "end", "responsible"],
    "Organisations": ["name_da", "kind"],
    "FocusAreas": ["title_da"],
    "Initiatives": ["focus_area", "title_da", "lead"],
    "Indicators": ["initiative", "name_da", "unit", "direction"],
    "Targets": ["value"],
    "Milestones": ["due"],
    "Periods": ["start", "end", "due"],
    "Fora": ["name_da", "scope"],
}
# Column -> (kind, maximum length for text). Kinds: text, date, number, int, bool, codes, disaggregation, choice.
LENGTHS = {"code": 32, "slug": 64, "label": 16, "unit": 40, "contact_email": 254, "source_url": 500}
KINDS = {m.value: m.value for m in OrganisationKind}
DIRECTIONS = {m.value: m.value for m in Direction}
SCOPES = {
    **{m.value: m.value for m in ForumScope},
    "nationalt": ForumScope.NATIONAL.value,
    "internationalt": ForumScope.INTERNATIONAL.value,
}
CODE_LIST_COLUMNS = {"partners", "members", "initiatives"}
NOTE_LIMIT = 2000
DATE_COLUMNS = {"start", "end", "deadline", "baseline_date", "due"}
JSON_NAME = {"start": "starts", "end": "ends"}
# budget_dkk is a 32-bit integer column.
MAX_BUDGET = 2_147_483_647
CODE_LIMITS = {"Organisations": 16, "FocusAreas": 16, "Initiatives": 32, "Indicators": 40, "Fora": 32}


@dataclass
class ParsedPlan:
    """What a plan workbook says, as partial plan data, with every cell error found."""

    slug: str | None = None
    plan: dict[str, Any] = field(default_factory=dict)
    organisations: dict[str, dict[str, Any]] = field(default_factory=dict)
    focus_areas: dict[str, dict[str, Any]] = field(default_factory=dict)
    periods: dict[str, dict[str, Any]] = field(default_factory=dict)
    initiatives: dict[str, dict[str, Any]] = field(default_factory=dict)
    indicators: dict[str, dict[str, Any]] = field(default_factory=dict)
    milestones: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    targets: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    fora: dict[str, dict[str, Any]] = field(default_factory=dict)
    rows: dict[tuple[str, Any], SheetRow] = field(default_factory=dict)
    errors: list[SheetError] = field(default_factory=list)
    warnings: list[SheetError] = field(default_factory=list)
    row_count: int = 0


# Danish sheet names, as the tracker labels these things in Danish: accepted wherever the English name is.
SHEET_ALIASES: dict[str, tuple[str, ...]] = {
    "Organisations": ("Organisationer",),
    "FocusAreas": ("Indsatsområder", "Fokusområder"),
    "Initiatives": ("Initiativer",),
    "Indicators": ("Indikatorer",),
    "Targets": ("Mål", "Målsætninger"),
    "Milestones": ("Milepæle",),
    "Periods": ("Perioder", "Rapporteringsperioder"),
    "Fora": ("Samarbejdsfora",),
}


def find_sheet(grids: dict[str, Any], name: str) -> str | None:
    """The workbook's own name of a sheet (English or Danish), matched case- and space-insensitively."""
    wanted = {n.replace(" ", "").lower() for n in (name, *SHEET_ALIASES.get(name, ()))}
    for actual in grids:
        if actual.replace(" ", "").lower() in wanted:
            return actual
    return None


def sheet_names(name: str) -> str:
    """'Milestones' (or 'Milepæle'): how a message names a sheet."""
    aliases = SHEET_ALIASES.get(name, ())
    return f"{name!r}" + (f" (or {' / '.join(repr(a) for a in aliases)})" if aliases else "")
