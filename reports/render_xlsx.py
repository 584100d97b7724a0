"""The report as a workbook: a sheet per section, styled headers, frozen panes, filters, status colours,
numbers stored as numbers and user text always as text (never a formula)."""

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter

from actionplan.xlsx_safe import is_formula_like, safe_cell_value, set_safe
from reports.i18n import Labels
from reports.model import StatusReport
from reports.tables import Column, Table, build_tables, summary_rows

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FILL = PatternFill("solid", fgColor="1F3864")
HEADER_FONT = Font(bold=True, color="FFFFFF")
TITLE_FONT = Font(bold=True, size=14)
TOTAL_FONT = Font(bold=True)
PROVISIONAL_FONT = Font(italic=True, color="7F6000")
STATUS_FILLS = {
    "on_track": PatternFill("solid", fgColor="C6EFCE"),
    "completed": PatternFill("solid", fgColor="A9D08E"),
    "at_risk": PatternFill("solid", fgColor="FFEB9C"),
    "delayed": PatternFill("solid", fgColor="FFC7CE"),
    "off_track": PatternFill("solid", fgColor="FFC7CE"),
    "cancelled": PatternFill("solid", fgColor="D9D9D9"),
}
# Counts and plain numbers read well in the General format; money and shares get a format.
NUMBER_FORMATS = {"money": "#,##0", "pct": "0.0"}
PLAIN_KINDS = frozenset({"count", "number", "text"})
WIDTHS = {"long": 48, "text": 14, "date": 12, "status": 18, "istatus": 18}
WRAP = Alignment(wrap_text=True, vertical="top")
HEADER_ALIGN = Alignment(wrap_text=True, vertical="center")


def _cell_value(value: Any, column: Column, labels: Labels) -> Any:
    if column.kind == "status":
        return labels.status(value) if value is not None else None
    if column.kind == "istatus":
        return labels.indicator_status(value) if value not in (None, "breakdown") else None
    if column.kind == "bool":
        return labels["yes"] if value else labels["no"]
    return value


class _Styles:
    """Cells with cached style arrays: assigning Font/Fill objects re-hashes them for every cell, which
    dominated the time of large workbooks."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self._arrays: dict[tuple[int, int, str | None, int], StyleArray] = {}

    def cell(
        self,
        value: Any,
        *,
        fill: PatternFill | None = None,
        font: Font | None = None,
        number_format: str | None = None,
        alignment: Alignment | None = None,
    ) -> Any:
        """A styled cell, or the plain value when no style is needed (the fast path of write-only mode)."""
        plain = safe_cell_value(value)
        formula_like = isinstance(plain, str) and is_formula_like(plain)
        if fill is None and font is None and number_format is None and alignment is None and not formula_like:
            return plain
        key = (id(fill), id(font), number_format, id(alignment))
        array = self._arrays.get(key)
        if array is None:
            proto = WriteOnlyCell(self.ws)
            if fill is not None:
                proto.fill = fill
            if font is not None:
                proto.font = font
            if number_format is not None:
                proto.number_format = number_format
            if alignment is not None:
                proto.alignment = alignment
            array = self._arrays[key] = proto._style  # type: ignore[attr-defined]
        cell = Cell(self.ws, row=1, column=1, style_array=array)
        set_safe(cell, plain)
        return cell


def _write_table(ws: Any, table: Table, labels: Labels) -> None:
    """One section as a sheet; write-only mode streams rows (several times faster for big plans)."""
    styles = _Styles(ws)
    columns = list(table.columns)
    marked = any(table.provisional)
    if marked:
        columns.append(Column(labels["not_yet_approved"]))
    header_row = 2 + len(table.notes)
    for c, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(c)].width = WIDTHS.get(column.kind, 12)
    ws.freeze_panes = f"B{header_row + 1}"
    last = header_row + max(len(table.rows) - table.total_rows, 0)
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(columns))}{last}"
    ws.append([styles.cell(table.title, font=TITLE_FONT)])
    for note in table.notes:
        ws.append([styles.cell(note)])
    ws.append([styles.cell(c.label, fill=HEADER_FILL, font=HEADER_FONT, alignment=HEADER_ALIGN) for c in columns])
    first_total = len(table.rows) - table.total_rows
    kinds = [c.kind for c in columns]
    for n, (row, provisional) in enumerate(zip(table.rows, table.provisional, strict=True)):
        values = list(row) + ([labels["not_yet_approved"] if provisional else None] if marked else [])
        font = TOTAL_FONT if n >= first_total else (PROVISIONAL_FONT if provisional else None)
        out = []
        for value, column, kind in zip(values, columns, kinds, strict=True):
            if font is None and kind in PLAIN_KINDS and not isinstance(value, str):
                out.append(value)  # numbers and empty cells need no style: the fast path
                continue
            number_format = NUMBER_FORMATS.get(kind) if isinstance(value, (int, float)) else None
            fill = STATUS_FILLS.get(value) if kind in ("status", "istatus") and isinstance(value, str) else None
            alignment = WRAP if kind == "long" and isinstance(value, str) and len(value) > 40 else None
            out.append(
                styles.cell(
                    _cell_value(value, column, labels),
                    fill=fill,
                    font=font,
                    number_format=number_format,
                    alignment=alignment,
                )
            )
        ws.append(out)


def render_xlsx(report: StatusReport) -> bytes:
    labels = Labels(report.meta.lang)
    wb = Workbook(write_only=True)
    summary = wb.create_sheet(labels["title"][:31])
    summary.column_dimensions["A"].width = 34
    summary.column_dimensions["B"].width = 90
    styles = _Styles(summary)
    summary.append([styles.cell(f"{labels['title']} {labels['subtitle']}", font=TITLE_FONT)])
    summary.append([])
    for key, value in summary_rows(report, labels):
        summary.append([styles.cell(key, font=TOTAL_FONT), styles.cell(value)])
    for table in build_tables(report, labels):
        _write_table(wb.create_sheet(labels.sheet(table.key)), table, labels)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
