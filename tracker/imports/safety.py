"""Checks on an uploaded workbook's raw bytes, run before any spreadsheet parser sees them.

No xlsx reader limits how much it decompresses (a 1.9 MB upload reached 2 GB in measurements), so the
zip directory is checked first: size, member count, declared uncompressed sizes, compression ratio,
macros. Then every XML part is streamed once, within the declared sizes, to refuse DTDs and entity
declarations (XML bombs, external entities), to count each sheet's rows whatever its `<dimension>`
claims, and to find formula and error cells (a sheet in windows of 4 MB searched in polars; a window with
anything unusual in it is scanned byte by byte in Python, which records exactly what it is: `_scan_window`).

Formula rule (documented in docs/spreadsheets.md): a cell holding a formula is rejected with its address,
never evaluated and never replaced by its cached value: type the value instead. Error cells (`#REF!`...)
are rejected the same way.
"""

import hashlib
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from posixpath import dirname, join, normpath

import defusedxml.ElementTree as SafeET
import openpyxl
import polars as pl

from tracker.errors import PayloadTooLarge, TrackerError, UnsupportedMediaType

MAX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024
# Legitimate workbooks measured at most 28:1; the bomb that reached 2 GB was 258:1.
MAX_RATIO = 100
# Members smaller than this cannot hurt whatever their ratio (a tiny styles part often compresses 100:1).
RATIO_FLOOR_BYTES = 1024 * 1024
MAX_MEMBERS = 200
MAX_ROWS = 50_000
MAX_SMALL_PART = 2 * 1024 * 1024
CHUNK = 1024 * 1024
# A sheet is scanned in windows of about this size (cut after a complete cell; see _scan_part).
WINDOW = 4 * CHUNK
# Media and other binary parts that no reader parses as XML (not scanned unless a sheet points at them).
BINARY_PARTS = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".emf", ".wmf", ".bin", ".svg")
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SPREADSHEET_TYPES = (
    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    b"application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
)
NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"

_DTD = re.compile(rb"<!(?i:doctype|entity)")
_ROW = re.compile(rb"<(?:\w{1,16}:)?row[\s>/]")
_FORMULA_CELL = re.compile(rb"<(?:\w{1,16}:)?c\s([^>]*)>\s*<(?:\w{1,16}:)?f[\s>/]")
_ERROR_CELL = re.compile(rb"<(?:\w{1,16}:)?c\s([^>]*\bt=\"e\"[^>]*)>")
_REF = re.compile(rb"\br=\"([A-Z]{1,3}[0-9]{1,7})\"")
# Calamine builds a dense grid from A1 to the farthest cell, so one cell at XFD1048576 would ask for 17
# billion cells: references beyond the row cap or column AZ, and cells without a reference, are refused.
MAX_COLUMNS = 52
# Patterns start with a literal (' r="') so the regular expression engine can skip ahead quickly.
_WIDE_REF = re.compile(rb' r="(?:[A-Z]{3}|[B-Z][A-Z])[0-9]')
_FAR_REF = re.compile(rb' r="[A-Z]{0,3}([5-9][0-9]{4}|[1-9][0-9]{5,})"')
_PREFIXED_ROOT = re.compile(rb"<\w{1,16}:worksheet[\s>]")
_REFLESS_CELL = re.compile(rb"<(?:\w{1,16}:)?c(?:\s(?![^>]*\br=)[^>]*)?/?>")
_CELL_TAG = re.compile(rb"<(?:\w{1,16}:)?c[\s>/]")


class ImportRejected(TrackerError):
    """The upload is refused as a whole, before any of its rows are looked at."""

    status_code = 422
    problem_type = "import-rejected"
    title = "The workbook was rejected"


class NotAWorkbook(UnsupportedMediaType):
    problem_type = "not-an-xlsx-workbook"
    title = "Not an xlsx workbook"


class MacroWorkbook(UnsupportedMediaType):
    problem_type = "macro-enabled-workbook"
    title = "Macro-enabled workbooks are not accepted"


class ImportUnavailable(TrackerError):
    status_code = 503
    problem_type = "import-unavailable"
    title = "Imports are switched off"


@dataclass
class SheetScan:
    name: str
    part: str
    rows: int = 0
    # The largest row number any reference names (only numbers of 50,000 and more are looked at).
    max_row_ref: int = 0
    wide_cell: str = ""
    refless_cells: bool = False
    # Tags carry a namespace prefix (<x:row>): the slower regular expressions are used.
    prefixed: bool = False
    formula_cells: list[str] = field(default_factory=list)
    error_cells: list[str] = field(default_factory=list)
    # The XML of the sheet's first cell (up to 256 bytes), and whether it merges cells: what tells the column read
    # (`tracker.imports.columns`) that its grid starts at A1 and no merged cell shifts it.
    first_cell: bytes = b""
    merged: bool = False


@dataclass
class Inspection:
    """What the raw checks learned: the file's hash and, per sheet, its row count and flagged cells."""

    sha256: str
    size: int
    uncompressed: int
    sheets: list[SheetScan]

    def sheet(self, name: str) -> SheetScan | None:
        return next((s for s in self.sheets if s.name == name), None)


def require_defusedxml() -> None:
    """openpyxl must parse XML through defusedxml (it does when defusedxml is importable)."""
    if openpyxl.DEFUSEDXML is not True:
        raise ImportUnavailable(
            "Spreadsheet imports are disabled: openpyxl is not using defusedxml (install defusedxml and do not "
            "set OPENPYXL_DEFUSEDXML=False)."
        )


def inspect_xlsx(
    data: bytes,
    *,
    max_bytes: int,
    max_rows: int = MAX_ROWS,
    filename: str = "",
) -> Inspection:
    """Refuse anything that is not a plain, bounded xlsx workbook; raise a TrackerError with the reason."""
    require_defusedxml()
    if len(data) > max_bytes:
        raise PayloadTooLarge(
            f"The file is {len(data) / 1e6:.1f} MB; workbooks of at most {max_bytes / 1e6:.0f} MB are accepted."
        )
    if filename.lower().endswith((".xlsm", ".xltm", ".xlsb")):
        raise MacroWorkbook("Macro-enabled and binary workbooks (.xlsm, .xltm, .xlsb) are not accepted; save as .xlsx.")
    if data.startswith(OLE2_MAGIC):
        raise NotAWorkbook(
            "This is an old-format .xls file or a password-protected workbook; save it as an Excel Workbook "
            "(.xlsx) without a password."
        )
    if not data.startswith(b"PK\x03\x04"):
        raise NotAWorkbook("The file is not an xlsx workbook (expected a zip-based Excel Workbook, .xlsx).")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise NotAWorkbook(f"The file is not a readable xlsx workbook ({exc}).") from exc
    with archive:
        infos = archive.infolist()
        _check_directory(infos)
        names = {info.filename for info in infos}
        if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
            raise NotAWorkbook("The file is a zip archive but not an xlsx workbook (no xl/workbook.xml).")
        content_types = _read_small(archive, "[Content_Types].xml")
        if b"macroEnabled" in content_types or b"vbaProject" in content_types:
            raise MacroWorkbook("Macro-enabled workbooks are not accepted; save the file as .xlsx without macros.")
        if not any(t in content_types for t in SPREADSHEET_TYPES):
            raise NotAWorkbook("The file is an Office document but not an Excel Workbook (.xlsx).")
        sheets = _sheet_parts(archive)
        by_part = {s.part: s for s in sheets}
        for info in infos:
            lower = info.filename.lower()
            # Every part a reader could parse as XML is scanned, whatever its name; sheets always are.
            if info.filename in by_part or not lower.endswith(BINARY_PARTS):
                _scan_part(archive, info, by_part.get(info.filename))
        missing = [s.name for s in sheets if s.part not in names]
        if missing:
            raise ImportRejected(f"The workbook names sheets it does not contain: {', '.join(missing)}.")
    for scan in sheets:
        if scan.wide_cell:
            raise ImportRejected(
                f"Sheet {scan.name!r} uses column {scan.wide_cell.rstrip('0123456789')} "
                f"(cell {scan.wide_cell}); at most {MAX_COLUMNS} columns (A-AZ) are accepted.",
                sheet=scan.name,
            )
        if scan.refless_cells:
            raise ImportRejected(
                f"Sheet {scan.name!r} has cells without a reference; save the file with Excel or LibreOffice.",
                sheet=scan.name,
            )
        if scan.rows > max_rows + 1 or scan.max_row_ref > MAX_ROWS + 1:
            raise ImportRejected(
                f"Sheet {scan.name!r} has more than {max_rows:,} rows "
                f"({max(scan.rows, scan.max_row_ref) - 1:,} below the header); split the file.",
                sheet=scan.name,
                rows=scan.rows,
            )
    return Inspection(
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        uncompressed=sum(i.file_size for i in infos),
        sheets=sheets,
    )


def _check_directory(infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_MEMBERS:
        raise ImportRejected(f"The workbook has {len(infos)} parts; at most {MAX_MEMBERS} are accepted.")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise ImportRejected(
            f"The workbook expands to {total / 1e6:.0f} MB; at most {MAX_UNCOMPRESSED_BYTES / 1e6:.0f} MB is "
            "accepted (is it a zip bomb?)."
        )
    for info in infos:
        if info.filename.lower().endswith("vbaproject.bin"):
            raise MacroWorkbook("Macro-enabled workbooks are not accepted; save the file as .xlsx without macros.")
        if info.flag_bits & 0x1:
            raise NotAWorkbook("Encrypted zip members are not accepted.")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise NotAWorkbook(f"Unsupported compression in {info.filename!r}.")
        if info.file_size > RATIO_FLOOR_BYTES and info.file_size / max(info.compress_size, 1) > MAX_RATIO:
            raise ImportRejected(
                f"Suspicious compression ratio in {info.filename!r} "
                f"({info.file_size / max(info.compress_size, 1):.0f}:1; at most {MAX_RATIO}:1 is accepted)."
            )


def _chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo, size: int = CHUNK) -> Iterator[bytes]:
    """The member's bytes in chunks; zipfile never returns more than the declared size and checks the CRC."""
    try:
        with archive.open(info) as member:
            while chunk := member.read(size):
                yield chunk
    # zipfile raises NotImplementedError for compression methods it cannot read; that is a bad upload too.
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError) as exc:
        raise ImportRejected(f"The workbook is damaged ({info.filename}: {exc}).") from exc


def _read_small(archive: zipfile.ZipFile, name: str) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > MAX_SMALL_PART:
        raise ImportRejected(f"The part {name!r} is implausibly large.")
    data = b"".join(_chunks(archive, info))
    _refuse_dtd(data, name)
    return data


def _refuse_dtd(data: bytes, name: str) -> None:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in data[:64]:
        raise ImportRejected(f"Unsupported XML encoding in {name!r} (only UTF-8 is accepted).")
    if _DTD.search(data):
        raise ImportRejected(
            f"Unsafe XML in {name!r}: document type and entity declarations are not allowed.", part=name
        )


def _sheet_parts(archive: zipfile.ZipFile) -> list[SheetScan]:
    """Sheet names in workbook order, with the zip part holding each."""
    try:
        workbook = SafeET.fromstring(_read_small(archive, "xl/workbook.xml"))
        rels_name = "xl/_rels/workbook.xml.rels"
        rels = SafeET.fromstring(_read_small(archive, rels_name)) if rels_name in archive.namelist() else None
    except ImportRejected:
        raise
    except Exception as exc:  # defusedxml raises several unrelated types for hostile XML
        raise ImportRejected(f"The workbook's structure cannot be read safely ({type(exc).__name__}).") from exc
    targets: dict[str, str] = {}
    if rels is not None:
        for rel in rels.iter(f"{NS_PKG_REL}Relationship"):
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else normpath(join(dirname("xl/workbook.xml"), target))
            targets[rel.get("Id", "")] = path
    scans: list[SheetScan] = []
    for sheet in workbook.iter(f"{NS_MAIN}sheet"):
        part = targets.get(sheet.get(f"{NS_REL}id", ""), "")
        scans.append(SheetScan(name=sheet.get("name", ""), part=part))
    return scans


def _scan_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, scan: SheetScan | None) -> None:
    carry = b""
    first = True
    tail = b""
    for chunk in _chunks(archive, info, WINDOW if scan is not None else CHUNK):
        buffer = carry + chunk
        if first:
            if buffer[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in buffer[:64]:
                raise ImportRejected(f"Unsupported XML encoding in {info.filename!r} (only UTF-8 is accepted).")
            if scan is not None:
                scan.prefixed = _PREFIXED_ROOT.search(buffer[:4096]) is not None
                if cell := _CELL_TAG.search(buffer):
                    scan.first_cell = buffer[cell.start() : cell.start() + 256]
            first = False
        if scan is not None and not scan.merged:
            scan.merged = b"mergeCell" in tail + buffer
            tail = buffer[-16:]
        if scan is None:
            if _DTD.search(buffer):
                raise ImportRejected(
                    f"Unsafe XML in {info.filename!r}: document type and entity declarations are not allowed."
                )
            carry = buffer[-16:]
            continue
        # Process up to the end of the last complete cell, so no cell or row tag is split between chunks.
        cut = buffer.rfind(b"c>")
        if cut < 0 and len(buffer) < 16 * CHUNK:
            carry = buffer
            continue
        cut = len(buffer) if cut < 0 else cut + 2
        _scan_window(buffer[:cut], scan, info.filename)
        carry = buffer[cut:]
    if carry and scan is not None:
        _scan_window(carry, scan, info.filename)
    elif carry and _DTD.search(carry):
        raise ImportRejected(f"Unsafe XML in {info.filename!r}: entity declarations are not allowed.")


# The scan of a window of sheet XML in polars (Rust's memchr and regex: three passes over the text where the same
# counts and searches in Python take thirteen; a third of the time). Anything out of the ordinary in the window (a
# `<!`, a formula or error cell, a column beyond the limit, a cell tag other than `<c r="`, namespace prefixes,
# text that is not UTF-8) sends it to `_scan_sheet_bytes`, which finds and records exactly what it is.
_UNUSUAL = r'<!|<f|:f|t="e"| r="(?:[A-Z]{3}|[B-Z][A-Z])[0-9]|<c(?:>|/>| [^r]| r[^=]| r=[^"])'
_ROW_TAG = r"<row[ >]|<row/>"
_FAR_REF_TEXT = r' r="[A-Z]{0,3}(?:[5-9][0-9]{4}|[1-9][0-9]{5,})"'


def _scan_window(data: bytes, scan: SheetScan, part: str) -> None:
    if scan.prefixed:
        _scan_sheet_bytes(data, scan, part)
        return
    try:
        text = pl.Series([data], dtype=pl.Binary).cast(pl.String)
    except pl.exceptions.PolarsError:  # not UTF-8 (polars raises ComputeError): the reader refuses it later
        _scan_sheet_bytes(data, scan, part)
        return
    x = pl.col("x").str
    unusual, rows, far = (
        pl.DataFrame({"x": text})
        .select(
            x.contains(_UNUSUAL), x.count_matches(_ROW_TAG).alias("rows"), x.extract_all(_FAR_REF_TEXT).alias("far")
        )
        .row(0)
    )
    if unusual:
        _scan_sheet_bytes(data, scan, part)
        return
    scan.rows += rows
    for ref in far:
        scan.max_row_ref = max(scan.max_row_ref, int(ref[4:-1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")))


def _scan_sheet_bytes(data: bytes, scan: SheetScan, part: str) -> None:
    if _DTD.search(data):
        raise ImportRejected(f"Unsafe XML in {part!r}: document type and entity declarations are not allowed.")
    if scan.prefixed:
        scan.rows += len(_ROW.findall(data))
    else:
        scan.rows += data.count(b"<row ") + data.count(b"<row>") + data.count(b"<row/>")
    for match in _FAR_REF.finditer(data):
        scan.max_row_ref = max(scan.max_row_ref, int(match.group(1)))
    if not scan.wide_cell and (wide := _WIDE_REF.search(data)):
        scan.wide_cell = data[wide.start() + 4 : data.find(b'"', wide.start() + 4)].decode("ascii", "replace")
    cells = data.count(b"<c ") + data.count(b"<c>") + data.count(b"<c/>")
    if (scan.prefixed or cells != data.count(b'<c r="')) and _REFLESS_CELL.search(data):
        scan.refless_cells = True
    if b"<f" in data or b":f" in data:
        for match in _FORMULA_CELL.finditer(data):
            ref = _REF.search(match.group(1))
            scan.formula_cells.append(ref.group(1).decode() if ref else "?")
    if b't="e"' in data:
        for match in _ERROR_CELL.finditer(data):
            ref = _REF.search(match.group(1))
            scan.error_cells.append(ref.group(1).decode() if ref else "?")
