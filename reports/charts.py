"""Charts as inline images (matplotlib's object API: no global state, safe in threads)."""

import base64
import html
import io
from collections.abc import Sequence

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from reports.colours import PALETTE
from reports.i18n import Labels
from reports.model import STATUS_COLUMNS, StatusReport

# Okabe-Ito (reports/colours.py); the legend names every status too.
COLOURS = PALETTE
HATCHES = {"at_risk": "//", "delayed": "xx", "no_report": "..", "not_started": "--"}


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
        ax.barh(
            areas,
            widths,
            left=left,
            color=COLOURS[status],
            edgecolor="#333333",
            linewidth=0.5,
            hatch=HATCHES.get(status),
            label=labels.status(status),
        )
        left = [a + b for a, b in zip(left, widths, strict=True)]
    ax.invert_yaxis()
    ax.set_xlabel(labels["initiative"])
    if any(left):
        ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize=7, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    # tight_layout leaves a placeholder layout engine behind, for which savefig lays the figure out once
    # more in a drawing pass of its own; the layout is done, and the image the same without it.
    fig.set_layout_engine(None)
    buffer = io.BytesIO()
    # A fixed hash salt makes the SVG's element ids, and so the report's bytes, reproducible.
    with matplotlib.rc_context({"svg.hashsalt": "status-report"}):
        fig.savefig(buffer, format=fmt, metadata={"Date": None} if fmt == "svg" else None)
    return buffer.getvalue()


def data_uri(content: bytes, media_type: str) -> str:
    return f"data:{media_type};base64,{base64.b64encode(content).decode('ascii')}"


def sparkline_svg(
    values: Sequence[float | str | None],
    *,
    top: float | None = None,
    target: float | None = None,
    label: str = "",
    width: int = 96,
    height: int = 22,
) -> str:
    """A small named SVG line of a trend over every period of the report (hidden or missing values skipped).

    Every sparkline of an indicator shares its scale (0 to `top`) and the x positions of the periods;
    the target, when there is one, is the dashed line.
    """
    points = [(i, float(v)) for i, v in enumerate(values) if isinstance(v, (int, float)) and not isinstance(v, bool)]
    if not points and target is None:
        return ""
    if top is None:
        top = max([v for _, v in points] + [target or 0.0], default=0.0)
    top = top or 1.0
    label = label or " · ".join(f"{v:g}" for _, v in points)
    step = (width - 4) / max(len(values) - 1, 1)

    def y(value: float) -> float:
        return height - 2 - max(0.0, min(value, top)) / top * (height - 4)

    parts = [
        f'<svg class="spark" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{html.escape(label, quote=True)}"><title>{html.escape(label)}</title>'
    ]
    if target is not None:
        parts.append(
            f'<line x1="2" x2="{width - 2}" y1="{y(target):.1f}" y2="{y(target):.1f}" stroke="#D55E00" '
            'stroke-width="1" stroke-dasharray="3 2"/>'
        )
    if len(points) >= 2:
        coords = " ".join(f"{2 + i * step:.1f},{y(v):.1f}" for i, v in points)
        parts.append(f'<polyline fill="none" stroke="#0072B2" stroke-width="1.5" points="{coords}"/>')
    for i, v in points:
        parts.append(f'<circle cx="{2 + i * step:.1f}" cy="{y(v):.1f}" r="1.6" fill="#0072B2"/>')
    parts.append("</svg>")
    return "".join(parts)


def strip_svg(statuses: Sequence[str | None], label: str, colours: dict[str, str], cell: int = 11) -> str:
    """The status strip: a square per period in the status colour with its shape letterless mark.

    Named for screen readers (`label` spells every period out); shapes, not colour alone, tell statuses apart.
    """
    width = cell * len(statuses) + 2
    parts = [
        f'<svg class="strip" width="{width}" height="{cell + 2}" viewBox="0 0 {width} {cell + 2}" role="img" '
        f'aria-label="{html.escape(label, quote=True)}"><title>{html.escape(label)}</title>'
    ]
    for n, status in enumerate(statuses):
        x = 1 + n * cell
        colour = colours.get(status or "no_report", "#FFFFFF")
        parts.append(
            f'<rect x="{x + 0.5}" y="1.5" width="{cell - 2}" height="{cell - 2}" fill="{colour}" stroke="#4a4a4a" '
            'stroke-width="0.6"/>'
        )
        cx, cy, r = x + (cell - 1) / 2, 1 + (cell - 1) / 2, (cell - 5) / 2
        if status == "completed":
            parts.append(
                f'<path d="M{cx - r:.1f},{cy:.1f} L{cx - 0.5:.1f},{cy + r:.1f} L{cx + r:.1f},{cy - r:.1f}" '
                'fill="none" stroke="#fff" stroke-width="1.4"/>'
            )
        elif status == "at_risk":
            parts.append(
                f'<path d="M{cx:.1f},{cy - r:.1f} L{cx + r:.1f},{cy + r:.1f} L{cx - r:.1f},{cy + r:.1f} Z" fill="#000"/>'
            )
        elif status == "delayed":
            parts.append(
                f'<rect x="{cx - r:.1f}" y="{cy - r:.1f}" width="{2 * r:.1f}" height="{2 * r:.1f}" fill="#fff"/>'
            )
        elif status == "on_track":
            parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r:.1f}" fill="#fff"/>')
        elif status is None:
            parts.append(f'<line x1="{cx - r:.1f}" x2="{cx + r:.1f}" y1="{cy:.1f}" y2="{cy:.1f}" stroke="#4a4a4a"/>')
    parts.append("</svg>")
    return "".join(parts)
