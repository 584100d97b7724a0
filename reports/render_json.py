"""The report model as JSON: the reference the other formats are checked against."""

import dataclasses
import json
from datetime import date, datetime
from typing import Any

from reports.model import StatusReport

MEDIA_TYPE = "application/json"


def _default(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def _plain(value: Any) -> Any:
    # dataclasses.asdict deep-copies every leaf; this walks the tree once, which is several times faster.
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def to_dict(report: StatusReport) -> dict[str, Any]:
    data: dict[str, Any] = _plain(report)
    for row in data["indicators"]:
        row["trend"] = [{"period": label, "value": value} for label, value in row["trend"]]
    return data


def render_json(report: StatusReport) -> bytes:
    return json.dumps(to_dict(report), default=_default, ensure_ascii=False, indent=2).encode("utf-8")
