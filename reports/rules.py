"""Rules of the status report as pure functions: progress of an indicator against its target, and what
changed between two revisions of a progress report."""

import json
from datetime import date, datetime, time
from typing import Any


def expected_value(baseline: float | None, target: float | None, progress: float) -> float | None:
    if target is None:
        return None
    if baseline is None:
        return target
    return baseline + (target - baseline) * progress


def indicator_status(direction: str, actual: float | None, expected: float | None, band: float) -> str:
    if expected is None:
        return "no_target"
    if actual is None:
        return "no_data"
    slack = band * abs(expected)
    if direction == "decrease":
        return "on_track" if actual <= expected + slack else "off_track"
    if direction == "maintain":
        return "on_track" if abs(actual - expected) <= slack else "off_track"
    return "on_track" if actual >= expected - slack else "off_track"


def pct_achieved(direction: str, actual: float | None, target: float | None) -> float | None:
    if actual is None or target is None:
        return None
    if direction == "decrease":
        return round(100.0 * target / actual, 1) if actual else None
    return round(100.0 * actual / target, 1) if target else None


def target_now(
    targets: list[tuple[date, float]], baseline: float | None, starts: date, ends: date
) -> tuple[float | None, float | None]:
    """(target, expected value now): the target for this period or the next one after it."""
    upcoming = sorted(t for t in targets if t[0] >= ends)
    if not upcoming:
        return None, None
    target_end, target = upcoming[0]
    if target_end == ends:
        return target, target
    span = (target_end - starts).days or 1
    progress = max(0.0, min(1.0, (ends - starts).days / span))
    return target, expected_value(baseline, target, progress)


def flatten(value: Any, prefix: str = "") -> dict[str, str]:
    if isinstance(value, dict):
        out: dict[str, str] = {}
        for key, item in value.items():
            out.update(flatten(item, f"{prefix}.{key}" if prefix else str(key)))
        return out
    if isinstance(value, list):
        out = {}
        for n, item in enumerate(value):
            key = str(n)
            if isinstance(item, dict):
                ident = item.get("indicator") or item.get("indicator_code") or item.get("indicator_id")
                if ident is not None:
                    key = f"{ident}" + (f"[{item['category']}]" if item.get("category") else "")
                    item = {
                        k: v
                        for k, v in item.items()
                        if k not in ("indicator", "indicator_code", "indicator_id", "category")
                    }
            out.update(flatten(item, f"{prefix}.{key}" if prefix else key))
        return out
    return {prefix: "" if value is None else str(value)}


IGNORED_FIELDS = ("updated_at", "approved_at", "reviewed_at", "submitted_at", "version", "state", "review_comment")


def revision_diffs(before: str, after: str) -> list[tuple[str, str, str]]:
    try:
        old, new = flatten(json.loads(before)), flatten(json.loads(after))
    except (ValueError, TypeError):
        return [("content", before, after)] if before != after else []
    keys = sorted(set(old) | set(new))
    return [
        (k, old.get(k, ""), new.get(k, ""))
        for k in keys
        if old.get(k, "") != new.get(k, "") and not k.split(".")[-1].endswith(IGNORED_FIELDS)
    ]


def end_of(day: date) -> datetime:
    """The last moment of a day (a due date counts until midnight)."""
    return datetime.combine(day, time.max)


def share(good: int, total: int) -> float | None:
    """good / total in per cent, one decimal (None when there is nothing to share)."""
    return round(100.0 * good / total, 1) if total else None


def share_of(part: float, whole: float | None) -> float | None:
    """part / whole in per cent, one decimal (None without a whole)."""
    return round(100.0 * part / whole, 1) if whole else None
