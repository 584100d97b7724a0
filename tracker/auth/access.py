"""Who may read and write what: one table, used by every query and write, rendered into `docs/access.md`.

Progress reports and import batches are the objects that hold unapproved text. Access to them depends on
three things only: the caller's role, how the caller's organisation relates to the object, and (for a
report) the report's workflow state. `REPORT_ACCESS` and `BATCH_ACCESS` say it as data; the functions
below answer from them (in Python) or turn them into SQL conditions (for list and read queries), so a read
and a write can never follow different rules. The authorization tests are generated from the same tables.

How an organisation relates to a report is decided by the initiative's *current* lead (`Initiative.lead_id`),
for reads and writes alike. When a plan import moves an initiative to another lead, its reports go with
it: the new lead reads, continues and submits an existing draft; the previous lead keeps only what every
organisation sees (approved reports). The workflow table (`tracker/progress/workflow.py`) then decides which
step a caller with write access may take in which state.
"""

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import false, or_, true
from sqlmodel import col

from actionplan.enums import ReportState
from tracker.auth.models import Role


class Relation(StrEnum):
    """How the caller's organisation relates to the object."""

    LEAD = "lead"  # the caller's organisation leads the report's initiative
    OTHER = "other"  # any other organisation
    OWN = "own"  # an import batch concerning only the caller's organisation (uploaded by it or for it)


NOT_WRITTEN = "not_written"
REPORT_STATES: tuple[str, ...] = (
    NOT_WRITTEN,
    ReportState.DRAFT.value,
    ReportState.SUBMITTED.value,
    ReportState.RETURNED.value,
    ReportState.APPROVED.value,
)


@dataclass(frozen=True)
class Access:
    read: bool
    write: bool

    def __str__(self) -> str:
        return {(True, True): "read, write", (True, False): "read", (False, True): "write", (False, False): "-"}[
            (self.read, self.write)
        ]


RW, R, W, NONE = Access(True, True), Access(True, False), Access(False, True), Access(False, False)
_ROW_NAMES = {Role.SECRETARIAT: "secretariat", Role.REPORTER: "reporter", Role.VIEWER: "viewer"}

# (role, relation) -> access per report state, in the order of REPORT_STATES. "write" means the caller may
# attempt workflow steps on the report; which step is allowed in which state is the workflow table's answer.
# A report not written yet has nothing to read (404 for everyone); writing it creates the draft.
REPORT_ACCESS: dict[tuple[Role, Relation], tuple[Access, ...]] = {
    (Role.SECRETARIAT, Relation.LEAD): (W, RW, RW, RW, RW),
    (Role.SECRETARIAT, Relation.OTHER): (W, RW, RW, RW, RW),
    (Role.REPORTER, Relation.LEAD): (W, RW, RW, RW, RW),
    (Role.REPORTER, Relation.OTHER): (NONE, NONE, NONE, NONE, R),
    (Role.VIEWER, Relation.LEAD): (NONE, NONE, NONE, NONE, R),
    (Role.VIEWER, Relation.OTHER): (NONE, NONE, NONE, NONE, R),
}

# Import batches (and their annotated copies) hold the uploaded drafts. A batch "is own" for a reporter when
# every report it concerns belongs to the reporter's organisation: its own uploads, or a secretariat upload
# for that organisation alone. Batches are written only by uploading (a new batch), never changed.
BATCH_ACCESS: dict[tuple[Role, Relation], Access] = {
    (Role.SECRETARIAT, Relation.OWN): R,
    (Role.SECRETARIAT, Relation.OTHER): R,
    (Role.REPORTER, Relation.OWN): R,
    (Role.REPORTER, Relation.OTHER): NONE,
    (Role.VIEWER, Relation.OWN): NONE,
    (Role.VIEWER, Relation.OTHER): NONE,
}


def report_access(role: Role, relation: Relation, state: str | None) -> Access:
    """The access of a caller to a report in `state` (None: not written yet)."""
    return REPORT_ACCESS[(role, relation)][REPORT_STATES.index(state or NOT_WRITTEN)]


def relation_to_initiative(role: Role, organisation_id: int, lead_id: int) -> Relation:
    return Relation.LEAD if organisation_id == lead_id else Relation.OTHER


def may_read_report(role: Role, organisation_id: int, lead_id: int, state: str | None) -> bool:
    return report_access(role, relation_to_initiative(role, organisation_id, lead_id), state).read


def may_write_report(role: Role, organisation_id: int, lead_id: int, state: str | None) -> bool:
    return report_access(role, relation_to_initiative(role, organisation_id, lead_id), state).write


def may_read_unapproved(role: Role) -> bool:
    """Whether the role can ever read text that is not approved (drafts, submitted or returned reports)."""
    return any(
        access.read
        for (r, _relation), row in REPORT_ACCESS.items()
        if r is role
        for state, access in zip(REPORT_STATES, row, strict=True)
        if state != ReportState.APPROVED.value
    )


def readable_reports(role: Role, organisation_id: int, lead_column: Any, state_column: Any) -> Any:
    """A SQL condition selecting the reports this caller may read (for every read and list query).

    `lead_column` is the initiative's lead organisation id and `state_column` the report's state.
    """
    written = REPORT_STATES[1:]
    readable = {
        relation: [s for s, a in zip(written, REPORT_ACCESS[(role, relation)][1:], strict=True) if a.read]
        for relation in (Relation.LEAD, Relation.OTHER)
    }
    lead_states, other_states = readable[Relation.LEAD], readable[Relation.OTHER]
    if lead_states == other_states:
        if not lead_states:
            return false()
        return true() if len(lead_states) == len(written) else col(state_column).in_(lead_states)
    conditions = []
    if lead_states:
        conditions.append((col(lead_column) == organisation_id) & col(state_column).in_(lead_states))
    if other_states:
        conditions.append((col(lead_column) != organisation_id) & col(state_column).in_(other_states))
    return or_(*conditions)


def batch_relation(organisation_code: str, concerns: list[str]) -> Relation:
    """A batch is the caller's own when every organisation it concerns is the caller's organisation."""
    return Relation.OWN if concerns and set(concerns) == {organisation_code} else Relation.OTHER


def may_read_batch(role: Role, organisation_code: str, concerns: list[str]) -> bool:
    return BATCH_ACCESS[(role, batch_relation(organisation_code, concerns))].read


def access_table_markdown() -> str:
    """The tables of `docs/access.md` (between its markers), rendered from the rules above."""
    lines = [
        "| role | relation to the initiative | " + " | ".join(s.replace("_", " ") for s in REPORT_STATES) + " |",
        "| --- | --- |" + " --- |" * len(REPORT_STATES),
    ]
    for (role, relation), row in REPORT_ACCESS.items():
        lines.append(f"| {_ROW_NAMES[role]} | {relation.value} | " + " | ".join(str(a) for a in row) + " |")
    lines += ["", "| role | import batch | access |", "| --- | --- | --- |"]
    for (role, relation), access in BATCH_ACCESS.items():
        lines.append(f"| {_ROW_NAMES[role]} | {relation.value} | {access} |")
    return "\n".join(lines) + "\n"
