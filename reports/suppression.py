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


def counts_table(
    counts: Mapping[str, Mapping[str, int]], rows: Sequence[str], columns: Sequence[str], *, public: bool
) -> tuple[dict[tuple[str, str], int], dict[tuple[str, str], int | str]]:
    """A table of counts with margins, as counted and as shown (suppressed in the public edition).

    Each row's total is (row, "total"), each column's ("total", column), the grand total ("total", "total").
    The status report's headline, completeness and forecast tables are all built this way.
    """
    cells = {(r, c): counts[r][c] for r in rows for c in columns}
    for r in rows:
        cells[(r, "total")] = sum(counts[r][c] for c in columns)
    for c in [*columns, "total"]:
        cells[("total", c)] = sum(cells[(r, c)] for r in rows)
    shown: dict[tuple[str, str], int | str] = dict(suppress_table(rows, columns, cells)) if public else dict(cells)
    return cells, shown


# The protection every hidden cell keeps: whatever combination of published figures an attacker uses, the
# cell's possible values span at least PROTECTION (3: as many values as "<5" itself stands for, 1 to 4).
PROTECTION = 3.0
SMALL_RANGE = (1.0, 4.0)
INF = float("inf")


def _box(mark: str) -> tuple[float, float]:
    return SMALL_RANGE if mark == SMALL else (0.0, INF)


def breakdown_bounds(
    values: Mapping[str, float], marks: Mapping[str, str], dimensions: Mapping[str, Sequence[str]], total: str = ""
) -> dict[str, tuple[float, float]]:
    """The tightest bounds an attacker can derive for each hidden cell of one breakdown.

    `values` are the true values, `marks` the hidden cells ("<5": known to lie in 1..4, "x": any value >= 0),
    `dimensions` the parts of each dimension, each adding up to the total. Exact for this structure (every
    dimension shares the one total): given the total the dimensions are independent, and each sum of boxes
    spans an interval, so linear programming would find the same bounds.
    """
    bounds: dict[str, tuple[float, float]] = {}
    if total not in values:
        return {k: _box(m) for k, m in marks.items()}  # no sum is published: only the marks are known
    if total in marks:
        t_lo, t_hi = _box(marks[total])
        for parts in dimensions.values():
            published = sum(values[p] for p in parts if p not in marks)
            hidden = [p for p in parts if p in marks]
            t_lo = max(t_lo, published + sum(_box(marks[p])[0] for p in hidden))
            t_hi = min(t_hi, published + sum(_box(marks[p])[1] for p in hidden))
        bounds[total] = (t_lo, t_hi)
    else:
        t_lo = t_hi = values[total]
    for parts in dimensions.values():
        published = sum(values[p] for p in parts if p not in marks)
        hidden = [p for p in parts if p in marks]
        for h in hidden:
            others = [_box(marks[o]) for o in hidden if o != h]
            lo_h, hi_h = _box(marks[h])
            lo = max(lo_h, t_lo - published - sum(b[1] for b in others))
            hi = min(hi_h, t_hi - published - sum(b[0] for b in others))
            bounds[h] = (lo, hi)
    return bounds


def _exposed(bounds: Mapping[str, tuple[float, float]]) -> list[str]:
    return [k for k, (lo, hi) in bounds.items() if hi - lo < PROTECTION - 1e-9]


def suppress_breakdown(values: Mapping[str, float | None]) -> dict[str, float | str | None]:
    """Suppress one indicator's values for one period: the total ("") and its breakdowns ("dim:value").

    Small counts (1-4) become "<5"; then more cells are hidden ("x") until no hidden cell can be narrowed
    to fewer than `PROTECTION` by the sums the breakdowns publish (checked exactly with
    `breakdown_bounds`). Where nothing is left to hide, a "<5" whose range the sums would narrow is shown
    as "x" instead.
    """
    known = {k: float(v) for k, v in values.items() if v is not None}
    dimensions: dict[str, list[str]] = {}
    for category in known:
        if category:
            dimensions.setdefault(category.split(":", 1)[0], []).append(category)
    marks: dict[str, str] = {k: SMALL for k, v in known.items() if is_small(v)}
    while True:
        exposed = _exposed(breakdown_bounds(known, marks, dimensions))
        if not exposed:
            break
        pick = _next_to_hide(exposed[0], known, marks, dimensions)
        if pick is not None:
            marks[pick] = HIDDEN
            continue
        # Everything that could help is hidden: say less about the exposed cell itself.
        small = [k for k in exposed if marks[k] == SMALL]
        if not small:
            break  # cannot happen: cells marked "x" have no upper bound once everything is hidden
        marks[small[0]] = HIDDEN
    return {k: marks.get(k, v) for k, v in values.items()}


def _next_to_hide(
    cell: str, values: Mapping[str, float], marks: Mapping[str, str], dimensions: Mapping[str, Sequence[str]]
) -> str | None:
    """The published cell whose hiding best protects `cell`: a large part beside it, else the total."""

    def open_cells(parts: Sequence[str]) -> list[str]:
        return sorted((p for p in parts if p not in marks), key=lambda p: (values[p] < 5, values[p], p))

    if cell == "":
        # The total is pinned by a dimension whose parts are (nearly) all published.
        order = sorted(dimensions.values(), key=lambda parts: sum(p in marks for p in parts))
        for parts in order:
            candidates = open_cells(parts)
            if candidates:
                return candidates[0]
        return None
    parts = dimensions[cell.split(":", 1)[0]]
    large = [p for p in open_cells(parts) if values[p] >= 5]
    if large:
        return large[0]
    if "" in values and "" not in marks:
        return ""
    for other in dimensions.values():
        large = [p for p in open_cells(other) if values[p] >= 5]
        if large:
            return large[0]
    rest = open_cells(parts)
    return rest[0] if rest else None
