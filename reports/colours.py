"""The status colours, once for every output: the PDF, the xlsx, the HTML report and meeting pack, the charts.

Okabe-Ito (told apart by colour-blind readers) for marks, strips and charts; light tints of the same colours
behind status words in table cells, light enough for black text. Colour never carries a status alone: the
status is spelled out and marked with a shape (`reports.briefing.SHAPES`) as well.
"""

PALETTE: dict[str, str] = {
    "on_track": "#009E73",
    "completed": "#0072B2",
    "at_risk": "#E69F00",
    "delayed": "#D55E00",
    "not_started": "#999999",
    "cancelled": "#000000",
    "no_report": "#FFFFFF",
}


def rgb(hex_colour: str) -> tuple[int, int, int]:
    """'#RRGGBB' as three integers."""
    return int(hex_colour[1:3], 16), int(hex_colour[3:5], 16), int(hex_colour[5:7], 16)


def tint(hex_colour: str, amount: float = 0.7) -> str:
    """The colour mixed with white (`amount` of white), as '#RRGGBB'."""
    return "#" + "".join(f"{round(c + (255 - c) * amount):02X}" for c in rgb(hex_colour))


# Behind status words in cells (report statuses and the indicators' off_track); cancelled a plain light grey.
TINTS: dict[str, str] = {key: tint(colour) for key, colour in PALETTE.items() if key not in ("no_report", "cancelled")}
TINTS["off_track"] = TINTS["delayed"]
TINTS["cancelled"] = "#E1E1E1"
