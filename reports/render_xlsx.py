"""The report as a workbook: a sheet per section, styled headers, frozen panes, filters, status colours,
numbers stored as numbers and user text always as text (never a formula)."""

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reports.i18n import Labels
from reports.model import StatusReport
from reports.tables import Column, Table, build_tables, summary_rows
from reports.xlsx_safe import set_safe

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
NUMBER_FORMATS = {"count": "#,##0", "number": "#,##0.0##", "money": "#,##0", "pct": "0.0", "date": "yyyy-mm-dd"}
WIDTHS = {"long": 48, "text": 14, "date": 12, "status": 18, "istatus": 18}
WRAP = Alignment(wrap_text=True, vertical="top")


def _cell_value(value: Any, column: Column, labels: Labels) -> Any:
    if column.kind == "status":
        return labels.status(value) if value is not None else None
    if column.kind == "istatus":
        return labels.indicator_status(value) if value not in (None, "breakdown") else None
    if column.kind == "bool":
        return labels["yes"] if value else labels["no"]
    return value


def _write_table(ws: Worksheet, table: Table, labels: Labels) -> None:
    ws.title = table.key[:31]
    set_safe(ws.cell(row=1, column=1), table.title).font = TITLE_FONT
    header_row = 2 + len(table.notes)
    for n, note in enumerate(table.notes):
        set_safe(ws.cell(row=2 + n, column=1), note)
    columns = list(table.columns)
    marked = any(table.provisional)
    if marked:
        columns.append(Column(labels["not_yet_approved"]))
    for c, column in enumerate(columns, start=1):
        cell = set_safe(ws.cell(row=header_row, column=c), column.label)
        cell.fill = HEADER_FILL
        cell.font = HEADER_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(c)].width = WIDTHS.get(column.kind, 12)
    first_total = len(table.rows) - table.total_rows
    for r, (row, provisional) in enumerate(zip(table.rows, table.provisional, strict=True), start=header_row + 1):
        values = list(row) + ([labels["not_yet_approved"] if provisional else None] if marked else [])
        for c, (value, column) in enumerate(zip(values, columns, strict=True), start=1):
            cell = set_safe(ws.cell(row=r, column=c), _cell_value(value, column, labels))
            if column.kind in NUMBER_FORMATS and not isinstance(value, str):
                cell.number_format = NUMBER_FORMATS[column.kind]
            if column.kind in ("status", "istatus") and value in STATUS_FILLS:
                cell.fill = STATUS_FILLS[value]
            elif column.kind == "long":
                cell.alignment = WRAP
            if r - header_row - 1 >= first_total:
                cell.font = TOTAL_FONT
            elif provisional:
                cell.font = PROVISIONAL_FONT
    ws.freeze_panes = f"B{header_row + 1}"
    last = header_row + max(len(table.rows) - table.total_rows, 0)
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(columns))}{last}"


def render_xlsx(report: StatusReport) -> bytes:
    labels = Labels(report.meta.lang)
    wb = Workbook()
    summary = wb.active
    assert summary is not None
    summary.title = labels["title"][:31]
    set_safe(summary.cell(row=1, column=1), f"{labels['title']} {labels['subtitle']}").font = TITLE_FONT
    for r, (key, value) in enumerate(summary_rows(report, labels), start=3):
        set_safe(summary.cell(row=r, column=1), key).font = TOTAL_FONT
        set_safe(summary.cell(row=r, column=2), value)
    summary.column_dimensions["A"].width = 34
    summary.column_dimensions["B"].width = 90
    for table in build_tables(report, labels):
        _write_table(wb.create_sheet(), table, labels)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
