import Foundation
import Testing
@testable import OOXML

/// Builds small packages in memory from hand-written XML, the way other producers write them.
enum HandMade {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let pkgRel = "http://schemas.openxmlformats.org/package/2006/relationships"

    static func rels(_ items: [(id: String, type: String, target: String)]) -> String {
        "<?xml version=\"1.0\"?><Relationships xmlns=\"\(pkgRel)\">"
            + items.map { "<Relationship Id=\"\($0.id)\" Type=\"\(relNS)/\($0.type)\" Target=\"\($0.target)\"/>" }.joined()
            + "</Relationships>"
    }

    /// One worksheet named "S" with `sheetData` (and anything after it) as given.
    static func package(sheetXML: String, sharedStrings: String? = nil, styles: String? = nil,
                        sheetTarget: String = "worksheets/sheet1.xml") -> [String: Data] {
        var parts: [String: String] = [
            "_rels/.rels": rels([("rId1", "officeDocument", "xl/workbook.xml")]),
            "xl/workbook.xml": "<workbook xmlns=\"\(main)\" xmlns:r=\"\(relNS)\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
            "xl/worksheets/sheet1.xml": "<worksheet xmlns=\"\(main)\" xmlns:r=\"\(relNS)\">\(sheetXML)</worksheet>",
        ]
        var wbRels: [(id: String, type: String, target: String)] = [("rId1", "worksheet", sheetTarget)]
        if let sharedStrings {
            parts["xl/sharedStrings.xml"] = "<sst xmlns=\"\(main)\">\(sharedStrings)</sst>"
            wbRels.append(("rId2", "sharedStrings", "sharedStrings.xml"))
        }
        if let styles {
            parts["xl/styles.xml"] = "<styleSheet xmlns=\"\(main)\">\(styles)</styleSheet>"
            wbRels.append(("rId3", "styles", "styles.xml"))
        }
        parts["xl/_rels/workbook.xml.rels"] = rels(wbRels)
        return parts.mapValues { Data($0.utf8) }
    }

    static func sheet(_ sheetXML: String, sharedStrings: String? = nil, styles: String? = nil) throws -> Worksheet {
        try WorkbookReader(parts: package(sheetXML: sheetXML, sharedStrings: sharedStrings, styles: styles)).sheet(at: 0)
    }
}

@Suite struct ReaderValueTests {
    @Test func sharedStringsWithRichTextAndPhoneticRuns() throws {
        let sst = """
            <si><t>plain</t></si>\
            <si><r><rPr><b/></rPr><t>粗体</t></r><r><t xml:space="preserve"> 和 </t></r><r><t>普通</t></r></si>\
            <si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>\
            <si><t/></si><si/>\
            <si><t>a_x0009_b_x005F_x0041_</t></si>
            """
        let s = try HandMade.sheet("""
            <sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>\
            <c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c></row></sheetData>
            """, sharedStrings: sst)
        #expect(s.value(row: 0, column: 0) == .string("plain"))
        #expect(s.value(row: 0, column: 1) == .string("粗体 和 普通"))
        #expect(s.value(row: 0, column: 2) == .string("東京"))
        #expect(s.value(row: 0, column: 3) == .string(""))
        #expect(s.value(row: 0, column: 4) == .string(""))
        #expect(s.value(row: 0, column: 5) == .string("a\tb_x0041_"))
    }

    @Test func everyCellType() throws {
        let s = try HandMade.sheet("""
            <sheetData><row r="2">\
            <c r="A2" t="inlineStr"><is><t>行内</t></is></c>\
            <c r="B2" t="inlineStr"><is><r><t>富</t></r><r><t xml:space="preserve">文本 </t></r><rPh><t>x</t></rPh></is></c>\
            <c r="C2" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>\
            <c r="D2" t="b"><v>1</v></c><c r="E2" t="b"><v>0</v></c>\
            <c r="F2" t="e"><f>1/0</f><v>#DIV/0!</v></c>\
            <c r="G2" t="d"><v>2021-12-31T00:00:00</v></c>\
            <c r="H2"><f>SUM(1,2)</f><v>3</v></c>\
            <c r="I2" t="n"><v>1704.8699999999999</v></c>\
            <c r="J2" s="0"/><c r="K2"><f>NOW()</f></c>\
            </row></sheetData>
            """)
        #expect(s.value(row: 1, column: 0) == .string("行内"))
        #expect(s.value(row: 1, column: 1) == .string("富文本 "))
        #expect(s[1, 2] == Cell(address: try CellAddress("C2"), value: .string("ab"), formula: "\"a\"&\"b\""))
        #expect(s.value(row: 1, column: 3) == .bool(true))
        #expect(s.value(row: 1, column: 4) == .bool(false))
        #expect(s[1, 5]?.value == .error("#DIV/0!"))
        #expect(s[1, 5]?.formula == "1/0")
        #expect(s.value(row: 1, column: 6) == .string("2021-12-31T00:00:00"))
        #expect(s[1, 7]?.formula == "SUM(1,2)")
        #expect(s[1, 7]?.value == .number(3))
        #expect(s.value(row: 1, column: 8) == .number(SheetTestSupport.decimal("1704.8699999999999")))
        #expect(s[1, 9] == nil, "a styled blank is not a stored cell")
        #expect(s[1, 10]?.formula == "NOW()")
        #expect(s[1, 10]?.value == .empty)
        #expect(s.cells.count == 10)
    }

    @Test func sharedFormulasAreMovedIntoEachCell() throws {
        let t = { (f: String, to: String) in SharedFormula.translate(f, from: try! CellAddress("C2"), to: try! CellAddress(to)) }
        #expect(t("SUM(A2:B2)", "C5") == "SUM(A5:B5)")
        #expect(t("A2*$B$1+B$2+$A2", "E4") == "C4*$B$1+D$2+$A4")
        #expect(t("'Sheet 1'!A2&\"A2\"&Sheet2!B2", "C3") == "'Sheet 1'!A3&\"A2\"&Sheet2!B3")
        #expect(t("LOG10(A2)+_xlfn.STDEV.S(A2:A3)+TRUE", "C3") == "LOG10(A3)+_xlfn.STDEV.S(A3:A4)+TRUE")
        #expect(t("A2-1.5E3", "D2") == "B2-1.5E3")
        #expect(t("A2", "A2") == "#REF!")
        let s = try HandMade.sheet("""
            <sheetData><row r="2"><c r="C2"><f t="shared" ref="C2:C4" si="0">A2+B2</f><v>3</v></c></row>\
            <row r="3"><c r="C3"><f t="shared" si="0"/><v>7</v></c></row>\
            <row r="4"><c r="C4"><f t="shared" si="0"/><v>11</v></c><c r="D4"><f t="shared" si="5"/><v>1</v></c></row></sheetData>
            """)
        #expect(s.cells.map(\.formula) == ["A2+B2", "A3+B3", "A4+B4", nil])
        #expect(s[2, 2]?.value == .number(7))
    }

    @Test func cellsAndRowsWithoutReferences() throws {
        let s = try HandMade.sheet("""
            <sheetData><row><c><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c></row>\
            <row r="5"><c r="C5"><v>4</v></c><c><v>5</v></c></row><row><c><v>6</v></c></row></sheetData>
            """)
        #expect(s.cells.map(\.address.a1) == ["A1", "B1", "A2", "C5", "D5", "A6"])
        #expect(s.cells.map(\.value) == [1, 2, 3, 4, 5, 6].map { CellValue.number(Decimal($0)) })
    }

    @Test func maxRowAndColumnComeFromCellsNotDimension() throws {
        let s = try HandMade.sheet("""
            <dimension ref="A1:Z999"/><sheetData><row r="3" spans="2:4"><c r="B3"><v>1</v></c><c r="D3" s="1"/></row>\
            <row r="7"><c r="C7"><v>2</v></c></row><row r="9"/></sheetData>
            """)
        #expect(s.maxRow == 6)
        #expect(s.maxColumn == 2)
        let empty = try HandMade.sheet("<sheetData/>")
        #expect(empty.maxRow == nil && empty.maxColumn == nil && empty.cells.isEmpty)
    }

    @Test func numbersAreExact() throws {
        let texts = ["1704.8699999999999", "0.1", "-0", "1E-3", "1.5E+10", "-2.5e2", "123456789012345678901234567",
                     "0.000000000000000000001", " 7 ", "00012.500"]
        let expected = ["1704.8699999999999", "0.1", "0", "0.001", "15000000000", "-250", "123456789012345678901234567",
                        "0.000000000000000000001", "7", "12.5"]
        for (t, e) in zip(texts, expected) {
            #expect(NumberText.decimal(t) == SheetTestSupport.decimal(e), "\(t)")
        }
        for bad in ["", "abc", "1.2.3", "1e", "--1", "1,5", "NaN", "1e5x"] {
            #expect(NumberText.decimal(bad) == nil, "\(bad)")
        }
        #expect(NumberText.decimal("1E-400") == 0)
        #expect(NumberText.decimal("1E+300") == nil)
    }

    @Test func roundsHalfUp() {
        let d = SheetTestSupport.decimal
        #expect(d("1704.8699999999999").roundedHalfUp(2) == d("1704.87"))
        #expect(d("1.005").roundedHalfUp(2) == d("1.01"))
        #expect(d("2.5").roundedHalfUp(0) == d("3"))
        #expect(d("-2.5").roundedHalfUp(0) == d("-3"))
        #expect(d("1.004").roundedHalfUp(2) == d("1"))
    }

    @Test func numberFormatsResolveFromStyles() throws {
        let styles = """
            <numFmts count="1"><numFmt numFmtId="170" formatCode="#,##0.00_ "/></numFmts>\
            <cellStyleXfs count="1"><xf numFmtId="4"/></cellStyleXfs>\
            <cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="4"/><xf numFmtId="170"/><xf numFmtId="14"/></cellXfs>
            """
        let s = try HandMade.sheet("""
            <sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1" s="1"><v>1</v></c><c r="C1" s="2"><v>1</v></c>\
            <c r="D1" s="3"><v>44561</v></c><c r="E1" s="99"><v>1</v></c></row></sheetData>
            """, styles: styles)
        #expect(s.cells.map(\.numberFormat) == [nil, "#,##0.00", "#,##0.00_ ", "mm-dd-yy", nil])
    }

    @Test func lookupAndIterationInRowOrder() throws {
        // Written out of order (some producers do); the reader sorts and keeps the last duplicate.
        let s = try HandMade.sheet("""
            <sheetData><row r="4"><c r="B4"><v>3</v></c><c r="A4"><v>2</v></c></row>\
            <row r="1"><c r="C1"><v>1</v></c></row><row r="4"><c r="B4"><v>9</v></c></row></sheetData>
            """)
        #expect(s.cells.map(\.address.a1) == ["C1", "A4", "B4"])
        #expect(s.value(row: 3, column: 1) == .number(9))
        #expect(s.cells(inRow: 3).map(\.address.a1) == ["A4", "B4"])
        #expect(s.cells(inRow: 2).isEmpty)
        #expect(s[0, 0] == nil && s[100, 100] == nil)
        #expect(Array(s).count == 3)
    }

    @Test func extensionsAndAlternateContentAreIgnored() throws {
        let s = try HandMade.sheet("""
            <sheetPr><tabColor rgb="FF00FF00"/></sheetPr><sheetData><row r="1" x14ac:dyDescent="0.25" \
            xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"><c r="A1"><v>1</v></c></row></sheetData>\
            <mergeCells count="2"><mergeCell ref="A2:B3"/><mergeCell ref="D1:D4"/></mergeCells>\
            <mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="x14">\
            <x14:stuff xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"/></mc:Choice></mc:AlternateContent>\
            <extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">\
            <x14:conditionalFormattings><x14:conditionalFormatting><xm:f xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">A1</xm:f>\
            </x14:conditionalFormatting></x14:conditionalFormattings><x14:c r="Z9"><x14:v>5</x14:v></x14:c></ext></extLst>
            """)
        #expect(s.cells.count == 1)
        #expect(s.merges == [try CellRange("A2:B3"), try CellRange("D1:D4")])
        #expect(s.merge(containing: try CellAddress("B3")) == (try CellRange("A2:B3")))
        #expect(s.merge(containing: try CellAddress("C3")) == nil)
    }
}

@Suite struct ReaderPackageTests {
    @Test func relationshipTargetsResolve() {
        #expect(Relationships.resolveTarget("worksheets/sheet1.xml", from: "xl") == "xl/worksheets/sheet1.xml")
        #expect(Relationships.resolveTarget("./worksheets/sheet1.xml", from: "xl") == "xl/worksheets/sheet1.xml")
        #expect(Relationships.resolveTarget("/xl/worksheets/sheet1.xml", from: "xl") == "xl/worksheets/sheet1.xml")
        #expect(Relationships.resolveTarget("../xl/sheet%201.xml", from: "xl") == "xl/sheet 1.xml")
        #expect(Relationships.resolveTarget("xl/workbook.xml", from: "") == "xl/workbook.xml")
    }

    @Test func absoluteAndDotTargetsAndCaseInsensitiveNames() throws {
        for target in ["/xl/worksheets/sheet1.xml", "./worksheets/sheet1.xml", "worksheets/SHEET1.xml"] {
            let s = try WorkbookReader(parts: HandMade.package(sheetXML: "<sheetData><row><c><v>5</v></c></row></sheetData>",
                                                               sheetTarget: target)).sheet(at: 0)
            #expect(s.value(row: 0, column: 0) == .number(5), "\(target)")
        }
    }

    @Test func sheetsInWorkbookOrderAndOtherSheetKindsSkipped() throws {
        var parts = HandMade.package(sheetXML: "<sheetData/>")
        parts["xl/workbook.xml"] = Data("""
            <workbook xmlns="\(HandMade.main)" xmlns:r="\(HandMade.relNS)"><sheets>\
            <sheet name="第二" sheetId="2" r:id="rId9"/><sheet name="图表" sheetId="3" r:id="rId8"/>\
            <sheet name="S" sheetId="1" r:id="rId1" state="hidden"/></sheets></workbook>
            """.utf8)
        parts["xl/_rels/workbook.xml.rels"] = Data(HandMade.rels([
            ("rId1", "worksheet", "worksheets/sheet1.xml"), ("rId9", "worksheet", "worksheets/sheet9.xml"),
            ("rId8", "chartsheet", "chartsheets/sheet1.xml"),
        ]).utf8)
        parts["xl/worksheets/sheet9.xml"] = Data("<worksheet xmlns=\"\(HandMade.main)\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>二</t></is></c></row></sheetData></worksheet>".utf8)
        let wb = try WorkbookReader(parts: parts)
        #expect(wb.sheetNames == ["第二", "S"])
        #expect(wb.skippedSheets == [WorkbookReader.SkippedSheet(name: "图表", kind: "chartsheet")])
        #expect(wb.hiddenSheetNames == ["S"])
        #expect(try wb.sheet(named: "第二").value(row: 0, column: 0) == .string("二"))
        let chart = #expect(throws: SpreadsheetError.self) { _ = try wb.sheet(named: "图表") }
        #expect(chart?.description.contains("chartsheet") == true)
        #expect(throws: SpreadsheetError.self) { _ = try wb.sheet(at: 2) }
    }

    @Test func worksWithoutSharedStringsOrStyles() throws {
        let s = try HandMade.sheet("<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>x</t></is></c></row></sheetData>")
        #expect(s.value(row: 0, column: 0) == .string("x"))
    }

    @Test func refusesDoctypeAndEntities() {
        let evil = """
            <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>\
            <worksheet xmlns="\(HandMade.main)"><sheetData><row><c t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>
            """
        var parts = HandMade.package(sheetXML: "")
        parts["xl/worksheets/sheet1.xml"] = Data(evil.utf8)
        let error = #expect(throws: SpreadsheetError.self) { _ = try WorkbookReader(parts: parts, file: "evil.xlsx").sheet(at: 0) }
        #expect(error?.kind == .unsafeXML)
        #expect(error?.description.contains("evil.xlsx") == true)
        #expect(error?.description.contains("xl/worksheets/sheet1.xml") == true)
    }

    @Test func malformedInputIsAnErrorNamingThePlace() {
        let cases: [(String, String?, String)] = [
            ("<sheetData><row><c r=\"A1\"><v>1</v></row></sheetData>", nil, "XML"),
            ("<sheetData><row><c r=\"A1\" t=\"s\"><v>3</v></c></row></sheetData>", "<si><t>a</t></si>", "A1"),
            ("<sheetData><row><c r=\"B2\"><v>1,5</v></c></row></sheetData>", nil, "B2"),
            ("<sheetData><row><c r=\"Q0\"><v>1</v></c></row></sheetData>", nil, "Q0"),
            ("<sheetData><row><c r=\"A1\" t=\"x\"><v>1</v></c></row></sheetData>", nil, "类型"),
            ("<sheetData><row><c r=\"A1\" t=\"b\"><v>2</v></c></row></sheetData>", nil, "A1"),
            ("<sheetData/><mergeCells><mergeCell ref=\"A1:\"/></mergeCells>", nil, "合并"),
        ]
        for (xml, sst, needle) in cases {
            let error = #expect(throws: SpreadsheetError.self, "\(xml)") {
                _ = try HandMade.sheet(xml, sharedStrings: sst)
            }
            #expect(error?.kind == .malformedPart)
            #expect(error?.description.contains(needle) == true, "\(error?.description ?? "") should name \(needle)")
            #expect(error?.part == "xl/worksheets/sheet1.xml")
        }
    }

    @Test func missingPartsAreReported() {
        var parts = HandMade.package(sheetXML: "<sheetData/>")
        parts["xl/worksheets/sheet1.xml"] = nil
        let error = #expect(throws: SpreadsheetError.self) { _ = try WorkbookReader(parts: parts) }
        #expect(error?.kind == .missingPart)
        let notWorkbook = #expect(throws: SpreadsheetError.self) { _ = try WorkbookReader(parts: ["word/document.xml": Data()]) }
        #expect(notWorkbook?.description.contains("workbook.xml") == true)
    }
}

@Suite struct ReaderFixtureTests {
    static func fixture(_ name: String) throws -> String {
        let url = try #require(Bundle.module.resourceURL).appendingPathComponent("Fixtures/spreadsheet/" + name)
        #expect(FileManager.default.fileExists(atPath: url.path), "missing fixture \(name)")
        return url.path
    }

    @Test func libreOfficeWorkbookWithRichTextFormulasBooleansErrorsAndMerges() throws {
        let wb = try WorkbookReader.open(path: Self.fixture("lo-mixed.xlsx"))
        #expect(wb.sheetNames == ["收入支出表", "Sheet2"])
        let s = try wb.sheet(named: "收入支出表")
        let d = SheetTestSupport.decimal
        #expect(s.value(row: 0, column: 0) == .string("2021年度收入支出决算表"))
        #expect(s.value(row: 1, column: 2) == .string("富文本混排"))
        #expect(s.value(row: 2, column: 1) == .number(d("1704.87")))
        #expect(s.value(row: 3, column: 1) == .number(d("0.05")))
        #expect(s[3, 2] == Cell(address: try CellAddress("C4"), value: .bool(false), formula: "1>2", numberFormat: nil))
        #expect(s[4, 1]?.formula == "B3+B4")
        #expect(s[4, 1]?.value == .number(d("1704.92")))
        #expect(s[4, 2]?.value == .error("#DIV/0!"))
        #expect(s[4, 2]?.formula == "1/0")
        #expect(s[5, 1]?.value == .string("一般公共预算财政拨款收入/其他收入"))
        #expect(s.value(row: 6, column: 1) == .number(d("-12345678.9")))
        #expect(s[6, 0] == nil, "styled blank under a merge is no cell")
        #expect(s.merges == [try CellRange("A1:C1"), try CellRange("A6:A7")])
        #expect(s.maxRow == 6 && s.maxColumn == 2)
        #expect(try wb.sheet(at: 1).value(row: 0, column: 0) == .string("第二张表"))
    }

    @Test func libreOfficeWorkbookFromCSV() throws {
        let s = try WorkbookReader.open(path: Self.fixture("lo-from-csv.xlsx")).sheet(at: 0)
        #expect(s.cells(inRow: 1).map(\.value) == [.string("财政拨款收入"), .number(SheetTestSupport.decimal("1704.87")),
                                                   .string("含 逗号, 的文本")])
        #expect(s.value(row: 2, column: 1) == .number(SheetTestSupport.decimal("0.1")))
        #expect(s[2, 2] == nil)
        #expect(s.maxRow == 3)
    }

    @Test func handMadeWorkbookWithInlineStringsAndNoDimension() throws {
        let wb = try WorkbookReader.open(path: Self.fixture("handmade-inline.xlsx"))
        #expect(wb.sheetNames == ["数据"])
        #expect(wb.skippedSheets == [WorkbookReader.SkippedSheet(name: "图表1", kind: "chartsheet")])
        let s = try wb.sheet(named: "数据")
        #expect(s.cells.map(\.address.a1) == ["A1", "B1", "A2", "B2", "B5", "C5", "D5"])
        #expect(s.cells.map(\.value) == [
            .string("项目"), .string("金额"), .string("  财政拨款  "), .number(SheetTestSupport.decimal("1704.8699999999999")),
            .bool(true), .string("2021-12-31T00:00:00Z"), .error("#N/A"),
        ])
        #expect(s.merges == [try CellRange("A1:A2")])
        #expect(s.maxRow == 4 && s.maxColumn == 3)
    }

    @Test func notAWorkbookIsAClearError() throws {
        let dir = NSTemporaryDirectory() + "ss-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/不是表格.xlsx"
        try Data("hello".utf8).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: SpreadsheetError.self) { _ = try WorkbookReader.open(path: path) }
        #expect(error?.kind == .container)
        #expect(error?.description.contains("不是表格.xlsx") == true)
        let missing = #expect(throws: SpreadsheetError.self) { _ = try WorkbookReader.open(path: dir + "/none.xlsx") }
        #expect(missing?.kind == .container)
    }
}
