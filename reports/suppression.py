"""Small-number suppression for public outputs.

Counts from 1 to 4 are shown as "<5" (primary suppression). Then, in every group of cells that add up
(a total and its parts), one hidden cell alone could be recovered by subtraction, so a second cell is
hidden as "x" (secondary suppression), repeated until no group has exactly one hidden cell.
Pure functions on plain dicts; the report model applies them.
"""

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)

SMALL = "<5"
HIDDEN = "x"


def is_small(value: float | None) -> bool:
    """A value from 1 to 4 (counts; any value strictly between 0 and 5)."""
    return value is not None and 0 < value < 5


@dataclass(frozen=True)
class Group(Generic[K]):
    """Cells that add up: `total` is the sum of `parts` (the total may be absent from the table)."""

    total: K | None
    parts: Sequence[K]


def suppress(values: Mapping[K, float | None], groups: Sequence[Group[K]]) -> dict[K, float | str | None]:
    """Return the values with small ones as "<5" and, where needed, others as "x"."""
    primary = {key for key, value in values.items() if is_small(value)}
    hidden = set(primary)
    changed = True
    while changed:
        changed = False
        for group in groups:
            members = [k for k in group.parts if k in values]
            cells = [*members] + ([group.total] if group.total is not None and group.total in values else [])
            hidden_here = [k for k in cells if k in hidden]
            if len(hidden_here) != 1:
                continue
            candidates = [k for k in members if k not in hidden and values[k] is not None]
            if candidates:
                # Hide the smallest positive part (it costs least information); zeros only as a last resort.
                positives = [k for k in candidates if (values[k] or 0) > 0]
                pick = min(positives or candidates, key=lambda k: values[k] or 0)
            elif group.total is not None and group.total in values and group.total not in hidden:
                pick = group.total
            else:
                continue
            hidden.add(pick)
            changed = True
    result: dict[K, float | str | None] = {}
    for key, value in values.items():
        if key in primary:
            result[key] = SMALL
        elif key in hidden:
            result[key] = HIDDEN
        else:
            result[key] = value
    return result


def suppress_table(
    rows: Sequence[str], columns: Sequence[str], cells: Mapping[tuple[str, str], int], *, total: str = "total"
) -> dict[tuple[str, str], int | str]:
    """Suppress a two-way count table with margins.

    `cells` holds (row, column) counts for the body, the row totals (row, total), the column totals
    (total, column) and the grand total (total, total).
    """
    groups: list[Group[tuple[str, str]]] = []
    for row in [*rows, total]:
        groups.append(Group((row, total), [(row, c) for c in columns]))
    for column in [*columns, total]:
        groups.append(Group((total, column), [(r, column) for r in rows]))
    values: dict[tuple[str, str], float | None] = {k: float(v) for k, v in cells.items()}
    out = suppress(values, groups)
    return {k: (v if isinstance(v, str) else int(v or 0)) for k, v in out.items()}
