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


def to_dict(report: StatusReport) -> dict[str, Any]:
    data: dict[str, Any] = dataclasses.asdict(report)
    for row in data["indicators"]:
        row["trend"] = [{"period": label, "value": value} for label, value in row["trend"]]
    return data


def render_json(report: StatusReport) -> bytes:
    return json.dumps(to_dict(report), default=_default, ensure_ascii=False, indent=2).encode("utf-8")
