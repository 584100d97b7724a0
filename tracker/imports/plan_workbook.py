"""Importing a plan workbook: check the parsed plan against the database, then load it with
`actionplan.loader.load_plan` (an upsert keyed by codes), whose change list is the diff.

A dry run loads in a transaction that is rolled back, so its diff is exactly what the loader would change.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from actionplan.cells import SheetError
from actionplan.loader import load_plan
from actionplan.workbook import (
    ParsedPlan,
    check_plan,
    count_other_plan_initiatives,
    merge_plan_data,
    new_plan_data,
    plan_data,
)
from tracker.audit.service import jsonable, record
from tracker.auth.service import Principal
from tracker.imports.result import RowRejected, Tally
from tracker.imports.transactions import Transaction


@dataclass
class PlanCheck:
    """A plan workbook checked against the database: its errors, a dry run's diff, or the writer to run."""

    errors: list[SheetError] = field(default_factory=list)
    # What a dry run would change (None when nothing was loaded: errors, or a real run still to write).
    tally: Tally | None = None
    # Writes the plan in the final transaction and returns what it changed (None: nothing to write).
    writer: Callable[[Session], Tally] | None = None


def check_plan_workbook(
    transaction: "Transaction[Any]",
    principal: Principal,
    parsed: ParsedPlan,
    *,
    dry_run: bool,
    refused: bool,
    now: datetime,
    actor: str | None,
) -> PlanCheck:
    """Check a parsed plan workbook against the database; `refused`: the file has errors already."""
    if parsed.slug is None:
        return PlanCheck(errors=list(parsed.errors))
    slug = parsed.slug
    current, other = transaction(
        lambda session: (
            # A new plan starts from the organisations all plans share, so a row naming one updates it, not a copy.
            plan_data(session, slug) or new_plan_data(session),
            count_other_plan_initiatives(session, slug, list(parsed.initiatives)),
        )
    )
    merged = merge_plan_data(current, parsed)
    check_plan(merged, parsed, other_plan_codes=other)
    if refused or parsed.errors:
        return PlanCheck(errors=list(parsed.errors))

    def load(session: Session) -> tuple[Any, Tally]:
        try:
            loaded = load_plan(session, merged)
        except (ValueError, KeyError, IntegrityError) as exc:
            raise RowRejected(SheetError("Plan", 0, "", "cannot-load", f"The plan could not be stored: {exc}")) from exc
        changes = [
            {"entity": c.entity, "key": c.key, "field": c.field, "old": jsonable(c.old), "new": jsonable(c.new)}
            for c in loaded.changes
        ]
        return loaded, Tally(loaded.created, loaded.updated, loaded.unchanged, changes)

    if dry_run:
        # The diff is what the loader would change: load in a transaction that is rolled back.
        def try_load(session: Session) -> None:
            raise RowRejected(payload=load(session)[1])

        try:
            transaction(try_load)
        except RowRejected as outcome:
            if outcome.error is not None:
                return PlanCheck(errors=[outcome.error])
            return PlanCheck(tally=outcome.payload)
        return PlanCheck()

    def write(session: Session) -> Tally:
        loaded, tally = load(session)
        by_entity: dict[tuple[str, str], tuple[dict[str, Any], dict[str, Any]]] = {}
        for change in loaded.changes:
            before, after = by_entity.setdefault((change.entity, change.key), ({}, {}))
            before[change.field] = jsonable(change.old)
            after[change.field] = jsonable(change.new)
        for (entity, key), (before, after) in by_entity.items():
            record(
                session,
                actor=actor or principal.actor,
                action="plan.import",
                entity=entity,
                entity_key=key,
                at=now,
                organisation_id=principal.organisation_id,
                before=before,
                after=after,
            )
        return tally

    return PlanCheck(writer=write)
