#!/usr/bin/env python3
"""Writes the hostile and broken input corpus into a directory (default: ./hostile).

Used by Tests/CLITests (run once per test process into a temporary directory) and as fuzz seeds
(`make fuzz`). Every file is built here from code so the repository holds no binary bombs.
Usage: make_hostile.py OUT_DIR
"""
import os
import shutil
import struct
import sys
import zipfile

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '</Types>')
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    '</Relationships>')
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    f'<workbook xmlns="{NS_MAIN}" xmlns:r="{NS_REL}"><sheets><sheet name="表1" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    '</Relationships>')


def sheet(rows_xml, extra="", dimension="A1:B2"):
    return (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS_MAIN}" xmlns:r="{NS_REL}">'
            f'<dimension ref="{dimension}"/><sheetData>{rows_xml}</sheetData>{extra}</worksheet>')


GOOD_SHEET = sheet('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>12.5</v></c></row>')
SHARED = f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{NS_MAIN}" count="1" uniqueCount="1"><si><t>收入</t></si></sst>'


def workbook_parts(sheet_xml=GOOD_SHEET, shared=SHARED):
    return [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS),
            ("xl/workbook.xml", WORKBOOK), ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
            ("xl/worksheets/sheet1.xml", sheet_xml), ("xl/sharedStrings.xml", shared)]


def write_zip(path, parts, method=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", method) as z:
        for name, data in parts:
            z.writestr(zipfile.ZipInfo(name, (2021, 1, 1, 0, 0, 0)) if isinstance(name, str) else name,
                       data.encode() if isinstance(data, str) else data, compress_type=method)


def docx_parts(document_xml):
    types = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    return [("[Content_Types].xml", types), ("_rels/.rels", rels), ("word/document.xml", document_xml)]


def document(body):
    return f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{NS_W}"><w:body>{body}</w:body></w:document>'


def paragraph(text):
    return f'<w:p><w:r><w:t>{text}</w:t></w:r></w:p>'


XXE = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
       f'<sst xmlns="{NS_MAIN}"><si><t>&xxe;</t></si></sst>')
LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
          + f']><sst xmlns="{NS_MAIN}"><si><t>&lol9;</t></si></sst>')
QUADRATIC = ('<?xml version="1.0"?><!DOCTYPE q [<!ENTITY a "' + "a" * 50_000 + '">]>'
             f'<sst xmlns="{NS_MAIN}"><si><t>' + "&a;" * 50_000 + '</t></si></sst>')


def compound_file(stream_name):
    """A minimal OLE2 compound file: header, one FAT sector, one directory sector (root + one stream)."""
    sector = 512
    header = bytearray(sector)
    header[0:8] = bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)   # minor, major, byte order, sector shift, mini shift
    struct.pack_into("<I", header, 44, 1)            # number of FAT sectors
    struct.pack_into("<I", header, 48, 1)            # first directory sector
    struct.pack_into("<I", header, 56, 4096)         # mini stream cutoff
    struct.pack_into("<I", header, 60, 0xFFFFFFFE)   # no mini FAT
    struct.pack_into("<I", header, 68, 0xFFFFFFFE)   # no DIFAT sectors
    struct.pack_into("<I", header, 76, 0)            # DIFAT[0]: FAT is sector 0
    for i in range(1, 109):
        struct.pack_into("<I", header, 76 + 4 * i, 0xFFFFFFFF)
    fat = bytearray(b"\xff" * sector)
    struct.pack_into("<III", fat, 0, 0xFFFFFFFD, 0xFFFFFFFE, 0xFFFFFFFE)  # FAT sector, dir (end), stream (end)
    directory = bytearray(sector)

    def entry(offset, name, kind, child, start, size):
        encoded = (name + "\0").encode("utf-16-le")
        directory[offset:offset + len(encoded)] = encoded
        struct.pack_into("<HBB", directory, offset + 64, len(encoded), kind, 1)
        struct.pack_into("<III", directory, offset + 68, 0xFFFFFFFF, 0xFFFFFFFF, child)
        struct.pack_into("<II", directory, offset + 116, start, size)

    entry(0, "Root Entry", 5, 1, 0xFFFFFFFE, 0)
    entry(128, stream_name, 2, 0xFFFFFFFF, 2, 64)
    stream = bytes(64) + bytes(sector - 64)
    return bytes(header + fat + directory + stream)


def many_cells(count):
    """One row holding `count` cells, all at A1: small to describe, large to read."""
    cell = '<c r="A1"><v>1</v></c>'
    return sheet('<row r="1">' + cell * count + "</row>")


def main(out):
    os.makedirs(out, exist_ok=True)
    p = lambda name: os.path.join(out, name)
    # --- workbooks ---
    write_zip(p("good.xlsx"), workbook_parts())
    write_zip(p("xxe.xlsx"), workbook_parts(shared=XXE))
    write_zip(p("billion-laughs.xlsx"), workbook_parts(shared=LAUGHS))
    write_zip(p("quadratic-blowup.xlsx"), workbook_parts(shared=QUADRATIC))
    bomb = sheet('<row r="1"><c r="A1"><v>1</v></c></row>') + " " * (64 << 20)
    write_zip(p("zip-bomb-ratio.xlsx"), workbook_parts(sheet_xml=bomb))
    write_zip(p("zip-bomb-declared.xlsx"), workbook_parts())
    with open(p("zip-bomb-declared.xlsx"), "r+b") as f:   # claim 3 GB for every entry in the central directory
        data = bytearray(f.read())
        at = data.find(b"PK\x01\x02")
        while at >= 0:
            struct.pack_into("<I", data, at + 24, 3_000_000_000)
            at = data.find(b"PK\x01\x02", at + 4)
        f.seek(0)
        f.write(data)
    write_zip(p("many-entries.xlsx"), workbook_parts() + [(f"xl/media/x{i}.bin", "") for i in range(10_001)],
              method=zipfile.ZIP_STORED)
    write_zip(p("zip-slip.xlsx"), workbook_parts() + [("../../evil.xml", "<x/>")])
    write_zip(p("absolute-name.xlsx"), workbook_parts() + [("/etc/evil.xml", "<x/>")])
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        write_zip(p("duplicate-entry.xlsx"), workbook_parts() + [("xl/workbook.xml", WORKBOOK)])
    whole = open(p("good.xlsx"), "rb").read()
    open(p("truncated.xlsx"), "wb").write(whole[: len(whole) // 2])
    open(p("not-a-zip.xlsx"), "wb").write("这不是工作簿，只是一段文字。\n".encode() * 20)
    open(p("empty.xlsx"), "wb").write(b"")
    open(p("encrypted.xlsx"), "wb").write(compound_file("EncryptedPackage"))
    open(p("legacy-binary.xls"), "wb").write(compound_file("Workbook"))
    # A real binary .xls, saved by LibreOffice from good.xlsx (`soffice --headless --convert-to xls`).
    shutil.copy(os.path.join(os.path.dirname(os.path.abspath(__file__)), "libreoffice-saved.xls"), p("libreoffice-saved.xls"))
    write_zip(p("no-workbook.xlsx"), [("[Content_Types].xml", CONTENT_TYPES), ("docProps/app.xml", "<x/>")])
    no_sheets = WORKBOOK.replace('<sheets><sheet name="表1" sheetId="1" r:id="rId1"/></sheets>', "<sheets/>")
    write_zip(p("no-sheets.xlsx"), [(n, no_sheets if n == "xl/workbook.xml" else d) for n, d in workbook_parts()])
    write_zip(p("missing-sheet-part.xlsx"), [(n, d) for n, d in workbook_parts() if n != "xl/worksheets/sheet1.xml"])
    write_zip(p("malformed-sheet.xlsx"), workbook_parts(sheet_xml=sheet('<row r="1"><c r="A1"><v>1</v></row>')))
    write_zip(p("cell-past-last-row.xlsx"), workbook_parts(sheet_xml=sheet('<row r="1"><c r="XFD1048577"><v>1</v></c></row>')))
    write_zip(p("cell-past-last-column.xlsx"), workbook_parts(sheet_xml=sheet('<row r="1"><c r="ZZZZ1"><v>1</v></c></row>')))
    write_zip(p("whole-sheet-dimension.xlsx"), workbook_parts(sheet_xml=sheet(
        '<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="7"><c r="C7"><v>3</v></c></row>', dimension="A1:XFD1048576")))
    # 1,000,001 cells: ~23 MB of XML stored uncompressed, so the cell limit (not the ratio check) decides.
    write_zip(p("too-many-cells.xlsx"), workbook_parts(sheet_xml=many_cells(1_000_001)), method=zipfile.ZIP_STORED)
    long_text = "长" * 40_000
    write_zip(p("long-string.xlsx"), workbook_parts(shared=SHARED.replace("收入", long_text)))
    bad_utf8 = SHARED.encode().replace("收入".encode(), b"\xc3\x28\xff")
    write_zip(p("invalid-utf8.xlsx"), workbook_parts(shared=bad_utf8))
    write_zip(p("formula-without-value.xlsx"), workbook_parts(sheet_xml=sheet(
        '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f>A1*2</f></c></row>')))
    write_zip(p("overlapping-merges.xlsx"), workbook_parts(sheet_xml=sheet(
        '<row r="1"><c r="A1"><v>1</v></c></row>', extra='<mergeCells count="2"><mergeCell ref="A1:B2"/><mergeCell ref="B2:C3"/></mergeCells>')))
    # --- documents ---
    write_zip(p("good.docx"), docx_parts(document(paragraph("一、部门职责") + paragraph("本年收入合计1702.33万元。"))))
    write_zip(p("xxe.docx"), docx_parts('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
                                        f'<w:document xmlns:w="{NS_W}"><w:body>{paragraph("&xxe;")}</w:body></w:document>'))
    write_zip(p("billion-laughs.docx"), docx_parts(LAUGHS.replace("<sst", "<w:document").replace("</sst>", "</w:document>")))
    write_zip(p("zip-bomb.docx"), docx_parts(document(paragraph("a")) + " " * (30 << 20)))   # under the 32 MB body limit
    # More text than any narrative (over 500,000 characters) in a small, ordinary document.xml.
    write_zip(p("too-much-text.docx"), docx_parts(document(paragraph("本年收入合计1702.33万元，较上年增长5.00%。" * 4) * 6_000)))
    # A document.xml declared at 40 MB: over the 32 MB a narrative's body may take.
    write_zip(p("oversized-document.docx"), docx_parts(document(paragraph("一、部门职责"))))
    with open(p("oversized-document.docx"), "r+b") as f:
        data = bytearray(f.read())
        at = data.find(b"PK\x01\x02")
        while at >= 0:
            name_length = struct.unpack_from("<H", data, at + 28)[0]
            if data[at + 46: at + 46 + name_length] == b"word/document.xml":
                struct.pack_into("<I", data, at + 24, 40 << 20)
            at = data.find(b"PK\x01\x02", at + 4)
        f.seek(0)
        f.write(data)
    write_zip(p("no-document.docx"), [(n, d) for n, d in docx_parts(document("")) if n != "word/document.xml"])
    write_zip(p("malformed.docx"), docx_parts(document("<w:p><w:r><w:t>未闭合</w:r></w:p>")))
    open(p("truncated.docx"), "wb").write(open(p("good.docx"), "rb").read()[:200])
    open(p("encrypted.docx"), "wb").write(compound_file("EncryptedPackage"))
    open(p("legacy-binary.doc"), "wb").write(compound_file("WordDocument"))
    # --- narratives as text ---
    open(p("empty.txt"), "wb").write(b"")
    open(p("binary.txt"), "wb").write(bytes(range(256)) * 64)
    open(p("no-sections.txt"), "w").write("今天天气很好。\n我们去公园散步。\n" * 50)
    open(p("odd-numerals.txt"), "w").write(
        "一、收入支出决算总体情况说明\n"
        "2021年度收入总计一千七百零二点三三万元，支出总计１７０２．３３万元，较上年增长Ⅻ%，"
        "结余 -0.00 万元，增长１e９９９%，减少9999999999999999999999999.99万元，占比 ½%。\n"
        "其中：基本支出 ٣٤٥ 万元，项目支出 1,2,3,4 万元，0x1F 万元，∞万元，NaN万元。\n")
    with open(p("very-large.txt"), "wb") as f:   # just over the 20 MB narrative limit
        f.write(("一、收入支出决算总体情况说明。本年收入合计1702.33万元。\n" * 300_000).encode()[: 21 * 1024 * 1024])


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "hostile")
