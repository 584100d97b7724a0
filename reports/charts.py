"""Charts as inline images (matplotlib's object API: no global state, safe in threads)."""

import base64
import io
from collections.abc import Sequence

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from reports.i18n import Labels
from reports.model import STATUS_COLUMNS, StatusReport

COLOURS = {
    "not_started": "#BFBFBF",
    "on_track": "#70AD47",
    "at_risk": "#FFC000",
    "delayed": "#C00000",
    "completed": "#375623",
    "cancelled": "#7F7F7F",
    "no_report": "#DDEBF7",
}


def headline_chart(report: StatusReport, labels: Labels, fmt: str = "svg") -> bytes:
    """A stacked bar per focus area: initiatives by status (hidden counts drawn as 0)."""
    fig = Figure(figsize=(7.5, 2.6), dpi=110)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    areas = [r.focus_area for r in report.headline.rows]
    left = [0.0] * len(areas)
    for status in STATUS_COLUMNS:
        widths = [float(c) if isinstance(c := r.counts[status], int) else 0.0 for r in report.headline.rows]
        if not any(widths):
            continue
        ax.barh(areas, widths, left=left, color=COLOURS[status], label=labels.status(status))
        left = [a + b for a, b in zip(left, widths, strict=True)]
    ax.invert_yaxis()
    ax.set_xlabel(labels["initiative"])
    if any(left):
        ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize=7, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    buffer = io.BytesIO()
    # A fixed hash salt makes the SVG's element ids, and so the report's bytes, reproducible.
    with matplotlib.rc_context({"svg.hashsalt": "status-report"}):
        fig.savefig(buffer, format=fmt, metadata={"Date": None} if fmt == "svg" else None)
    return buffer.getvalue()


def data_uri(content: bytes, media_type: str) -> str:
    return f"data:{media_type};base64,{base64.b64encode(content).decode('ascii')}"


def sparkline_svg(values: Sequence[float | str | None], width: int = 90, height: int = 20) -> str:
    """A tiny inline SVG line of a trend (hidden or missing values are skipped)."""
    points = [(i, float(v)) for i, v in enumerate(values) if isinstance(v, (int, float))]
    if len(points) < 2:
        return ""
    lo = min(v for _, v in points)
    hi = max(v for _, v in points)
    span = (hi - lo) or 1.0
    step = (width - 4) / max(len(values) - 1, 1)
    coords = " ".join(f"{2 + i * step:.1f},{height - 2 - (v - lo) / span * (height - 4):.1f}" for i, v in points)
    return (
        f'<svg class="spark" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img">'
        f'<polyline fill="none" stroke="#1F3864" stroke-width="1.5" points="{coords}"/></svg>'
    )
