"""Hostile workbooks, built in code at test time (no bomb is ever committed as a binary)."""

import io
import struct
import zipfile

import openpyxl

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def plain_xlsx(rows: list[list[object]] | None = None, title: str = "Rapporter") -> bytes:
    workbook = openpyxl.Workbook()
    ws = workbook.active
    assert ws is not None
    ws.title = title
    for row in rows or [["period", "initiative", "status"], ["2025-H2", "MH22-2.1", "on_track"]]:
        ws.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def replace_member(data: bytes, name: str, content: bytes, *, extra: dict[str, bytes] | None = None) -> bytes:
    """A copy of the zip with one member's content replaced (and extra members added)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            target.writestr(info.filename, content if info.filename == name else source.read(info.filename))
        for extra_name, extra_content in (extra or {}).items():
            target.writestr(extra_name, extra_content)
    return out.getvalue()


def sheet_xml(dtd: str, text: str) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE worksheet [{dtd}]><worksheet {NS}><sheetData>'
        f'<row r="1"><c r="A1" t="inlineStr"><is><t>{text}</t></is></c></row></sheetData></worksheet>'
    ).encode()


LOL = '<!ENTITY lol0 "lol">' + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))


def billion_laughs() -> bytes:
    lol = LOL
    return replace_member(plain_xlsx(), "xl/worksheets/sheet1.xml", sheet_xml(lol, "&lol9;"))


def billion_laughs_in_shared_strings() -> bytes:
    lol = LOL
    strings = (
        f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE sst [{lol}]><sst {NS} count="1" uniqueCount="1">'
        "<si><t>&lol9;</t></si></sst>"
    ).encode()
    return replace_member(
        plain_xlsx(), "xl/worksheets/sheet1.xml", _sheet_rows(1), extra={"xl/sharedStrings.xml": strings}
    )


def external_entity() -> bytes:
    return replace_member(
        plain_xlsx(), "xl/worksheets/sheet1.xml", sheet_xml('<!ENTITY xxe SYSTEM "file:///etc/passwd">', "&xxe;")
    )


def _sheet_rows(count: int, dimension: str | None = None) -> bytes:
    head = f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}>'
    if dimension:
        head += f'<dimension ref="{dimension}"/>'
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(1, count + 1))
    return (head + "<sheetData>" + rows + "</sheetData></worksheet>").encode()


def many_rows(count: int) -> bytes:
    return replace_member(plain_xlsx(), "xl/worksheets/sheet1.xml", _sheet_rows(count))


def lying_dimension(count: int) -> bytes:
    return replace_member(plain_xlsx(), "xl/worksheets/sheet1.xml", _sheet_rows(count, dimension="A1"))


def zip_bomb_total(megabytes: int = 110) -> bytes:
    """An otherwise valid xlsx with an extra member of zeros larger than the uncompressed limit."""
    base = plain_xlsx()
    source = zipfile.ZipFile(io.BytesIO(base))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info.filename))
        with target.open("xl/media/padding.bin", "w", force_zip64=True) as member:
            block = bytes(1024 * 1024)
            for _ in range(megabytes):
                member.write(block)
    return out.getvalue()


def zip_bomb_ratio() -> bytes:
    """A 5 MB member of zeros (about 1000:1): small in total, but a ratio no spreadsheet has."""
    return replace_member(plain_xlsx(), "xl/worksheets/sheet1.xml", b" " * (5 * 1024 * 1024))


def lying_sizes() -> bytes:
    """A member that declares 1,000 bytes but inflates to 20 MB."""
    payload = b"<" + b"x" * (20 * 1024 * 1024)
    data = bytearray(replace_member(plain_xlsx(), "xl/worksheets/sheet1.xml", payload))
    name = b"xl/worksheets/sheet1.xml"
    archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = archive.getinfo(name.decode())
    struct.pack_into("<I", data, info.header_offset + 22, 1000)
    central = data.rfind(b"PK\x01\x02", 0, data.rfind(name))
    struct.pack_into("<I", data, central + 24, 1000)
    return bytes(data)


def many_members(count: int = 10_000) -> bytes:
    base = plain_xlsx()
    source = zipfile.ZipFile(io.BytesIO(base))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info.filename))
        for n in range(count):
            target.writestr(f"xl/junk/{n}.xml", b"<a/>")
    return out.getvalue()


def with_macros() -> bytes:
    return replace_member(
        plain_xlsx(),
        "xl/workbook.xml",
        _read(plain_xlsx(), "xl/workbook.xml"),
        extra={"xl/vbaProject.bin": b"\x00" * 64},
    )


def macro_content_type() -> bytes:
    data = plain_xlsx()
    types = _read(data, "[Content_Types].xml").replace(
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    )
    return replace_member(data, "[Content_Types].xml", types)


def docx_like() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        target.writestr("[Content_Types].xml", b"<Types/>")
        target.writestr("word/document.xml", b"<document/>")
    return out.getvalue()


def _read(data: bytes, name: str) -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read(name)


OLD_XLS = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2048
CSV = b"period;initiative;status\n2025-H2;MH22-2.1;on_track\n"
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def far_cell(ref: str) -> bytes:
    """Two cells, A1 and `ref`: tiny, but a dense reader would allocate everything in between."""
    row = "".join(ch for ch in ref if ch.isdigit())
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
        f'<row r="{row}"><c r="{ref}"><v>2</v></c></row></sheetData></worksheet>'
    ).encode()
    return replace_member(plain_xlsx(), "xl/worksheets/sheet1.xml", sheet)


def cells_without_references() -> bytes:
    cells = "<c><v>1</v></c>" * 20_000
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><sheetData><row>{cells}</row></sheetData></worksheet>'
    )
    return replace_member(plain_xlsx(), "xl/worksheets/sheet1.xml", sheet.encode())


def sheet_under_another_name() -> bytes:
    """The far-corner sheet stored as `sheet1.dat`, the relationship pointing there."""
    data = far_cell("XFD1048576")
    rels = _read(data, "xl/_rels/workbook.xml.rels").replace(b"worksheets/sheet1.xml", b"worksheets/sheet1.dat")
    sheet = _read(data, "xl/worksheets/sheet1.xml")
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename == "xl/worksheets/sheet1.xml":
                target.writestr("xl/worksheets/sheet1.dat", sheet)
            elif info.filename == "xl/_rels/workbook.xml.rels":
                target.writestr(info.filename, rels)
            else:
                target.writestr(info.filename, source.read(info.filename))
    return out.getvalue()
