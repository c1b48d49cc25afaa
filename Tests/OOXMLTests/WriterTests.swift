import Foundation
import Testing
@testable import OOXML

/// Helpers shared by the spreadsheet tests.
enum SheetTestSupport {
    static func dict(_ parts: [(name: String, data: Data)]) -> [String: Data] {
        Dictionary(parts.map { ($0.name, $0.data) }, uniquingKeysWith: { a, _ in a })
    }

    static func text(_ parts: [(name: String, data: Data)], _ name: String) -> String {
        dict(parts)[name].map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    static func decimal(_ s: String) -> Decimal {
        Decimal(string: s, locale: Locale(identifier: "en_US_POSIX"))!
    }
}

@Suite struct CellAddressTests {
    @Test func formatsAndParsesA1() throws {
        #expect(try CellAddress("A1") == CellAddress(row: 0, column: 0))
        #expect(try CellAddress("AB12") == CellAddress(row: 11, column: 27))
        #expect(try CellAddress("$c$3") == CellAddress(row: 2, column: 2))
        #expect(try CellAddress(row: 11, column: 27).a1 == "AB12")
        #expect(try CellAddress(row: 1_048_575, column: 16_383).a1 == "XFD1048576")
        #expect(try CellAddress(row: 4, column: 1).absoluteA1 == "$B$5")
        let names = [0: "A", 25: "Z", 26: "AA", 701: "ZZ", 702: "AAA", 16_383: "XFD"]
        for (column, name) in names { #expect(CellAddress.columnName(column) == name) }
        for column in stride(from: 0, to: 16_384, by: 97) {
            let a = try CellAddress(row: column * 3, column: column)
            #expect(try CellAddress(a.a1) == a)
        }
    }

    @Test func enforcesSheetLimits() {
        for bad in ["XFE1", "A0", "A1048577", "1A", "A", "", "A1B", "AAAA1", "A-1"] {
            #expect(throws: SpreadsheetError.self, "\(bad)") { try CellAddress(bad) }
        }
        #expect(throws: SpreadsheetError.self) { try CellAddress(row: 1_048_576, column: 0) }
        #expect(throws: SpreadsheetError.self) { try CellAddress(row: 0, column: 16_384) }
        #expect(throws: SpreadsheetError.self) { try CellAddress(row: -1, column: 0) }
    }

    @Test func rangesNormalizeAndFormat() throws {
        let r = try CellRange("C3:A1")
        #expect(r.a1 == "A1:C3")
        #expect(r.rowCount == 3 && r.columnCount == 3)
        #expect(try CellRange("B2").isSingleCell)
        #expect(try CellRange("B2").a1 == "B2")
        #expect(try CellRange("A1:B2").overlaps(CellRange("B2:C3")))
        #expect(try !CellRange("A1:B2").overlaps(CellRange("C1:D2")))
        #expect(try CellRange(rows: 0...2, columns: 1...3).absoluteA1 == "$B$1:$D$3")
        for bad in ["A1:", ":B2", "A1:B2:C3", "A1:XFE2"] {
            #expect(throws: SpreadsheetError.self, "\(bad)") { try CellRange(bad) }
        }
    }
}

@Suite struct WriterValidationTests {
    @Test func rejectsBadSheetNames() throws {
        let wb = WorkbookWriter()
        for bad in ["", String(repeating: "表", count: 32), "a:b", "a\\b", "a/b", "a?b", "a*b", "a[b", "a]b",
                    "'lead", "trail'", "History", "tab\u{1}"] {
            do {
                _ = try wb.addSheet(named: bad)
                Issue.record("accepted sheet name \(bad)")
            } catch {
                #expect(error.kind == .invalidSheetName)
                #expect(error.description.contains("工作表名称"))
            }
        }
        #expect(try wb.addSheet(named: String(repeating: "表", count: 31)).name.count == 31)
        #expect(try wb.addSheet(named: "in'side").name == "in'side")
        #expect(wb.sheets.count == 2)
    }

    @Test func rejectsDuplicateSheetNamesIgnoringCase() throws {
        let wb = WorkbookWriter()
        _ = try wb.addSheet(named: "Summary")
        _ = try wb.addSheet(named: "收入")
        let upper = #expect(throws: SpreadsheetError.self) { _ = try wb.addSheet(named: "SUMMARY") }
        #expect(upper?.kind == .duplicateSheetName)
        #expect(upper?.description.contains("重复") == true)
        #expect(throws: SpreadsheetError.self) { _ = try wb.addSheet(named: "收入") }
    }

    @Test func rejectsOverlongText() throws {
        let sheet = try WorkbookWriter().addSheet(named: "S")
        try sheet.set(String(repeating: "a", count: 32_767), at: CellAddress("A1"))
        let error = #expect(throws: SpreadsheetError.self) {
            try sheet.set(String(repeating: "a", count: 32_768), at: CellAddress("A2"))
        }
        #expect(error?.kind == .textTooLong)
        #expect(error?.description.contains("A2") == true)
    }

    @Test func rejectsOneCellAndOverlappingMerges() throws {
        let sheet = try WorkbookWriter().addSheet(named: "S")
        try sheet.merge("A1:C1")
        try sheet.merge("D1:D2")
        let single = #expect(throws: SpreadsheetError.self) { try sheet.merge("E5") }
        #expect(single?.kind == .invalidMerge)
        let overlap = #expect(throws: SpreadsheetError.self) { try sheet.merge("C1:C3") }
        #expect(overlap?.description.contains("A1:C1") == true)
        #expect(sheet.merges.count == 2)
    }

    @Test func rejectsBadStylesAndSizes() throws {
        let sheet = try WorkbookWriter().addSheet(named: "S")
        let a1 = try CellAddress("A1")
        #expect(throws: SpreadsheetError.self) { try sheet.set(.number(1), at: a1, style: CellStyle(font: Font(size: 0))) }
        #expect(throws: SpreadsheetError.self) { try sheet.set(.number(1), at: a1, style: CellStyle(numberFormat: .builtin(50))) }
        #expect(throws: SpreadsheetError.self) { try sheet.set(.number(1), at: a1, style: CellStyle(numberFormat: .custom(""))) }
        #expect(throws: SpreadsheetError.self) { try Color("GG0000") }
        #expect(throws: SpreadsheetError.self) { try Color("FFF") }
        #expect(throws: SpreadsheetError.self) { try sheet.setColumnWidth(0, 256) }
        #expect(throws: SpreadsheetError.self) { try sheet.setRowHeight(0, 410) }
        #expect(throws: SpreadsheetError.self) { try sheet.set(.error("#OOPS"), at: a1) }
        #expect(throws: SpreadsheetError.self) { try sheet.set(.number(Decimal.nan), at: a1) }
    }

    @Test func rejectsBadDefinedNames() throws {
        let wb = WorkbookWriter()
        _ = try wb.addSheet(named: "S")
        for bad in ["", "A1", "xfd100", "R1C1", "r", "1abc", "my name", "_xlnm.Print_Area", "a-b"] {
            #expect(throws: SpreadsheetError.self, "\(bad)") { try wb.defineName(bad, refersTo: "'S'!$A$1") }
        }
        try wb.defineName("合计", refersTo: "='S'!$A$1")
        try wb.defineName("Total_2021", refersTo: "'S'!$B$1")
        #expect(throws: SpreadsheetError.self) { try wb.defineName("total_2021", refersTo: "'S'!$B$2") }
        try wb.defineName("total_2021", refersTo: "'S'!$B$2", sheet: 0)  // another scope
        #expect(throws: SpreadsheetError.self) { try wb.defineName("x", refersTo: "1", sheet: 3) }
        let xml = SheetTestSupport.text(try wb.parts(), "xl/workbook.xml")
        #expect(xml.contains("<definedName name=\"合计\">'S'!$A$1</definedName>"))
        #expect(xml.contains("<definedName name=\"total_2021\" localSheetId=\"0\">'S'!$B$2</definedName>"))
    }

    @Test func emptyWorkbookIsRefused() {
        let error = #expect(throws: SpreadsheetError.self) { _ = try WorkbookWriter().parts() }
        #expect(error?.kind == .emptyWorkbook)
    }
}

@Suite struct WriterOutputTests {
    @Test func writesTheMinimalPackage() throws {
        let wb = WorkbookWriter()
        _ = try wb.addSheet(named: "一")
        _ = try wb.addSheet(named: "二")
        let names = try wb.parts().map(\.name)
        #expect(names == ["[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "docProps/core.xml", "xl/workbook.xml",
                          "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/sharedStrings.xml",
                          "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"])
        let parts = try wb.parts()
        #expect(SheetTestSupport.text(parts, "[Content_Types].xml").contains("/xl/worksheets/sheet2.xml"))
        #expect(SheetTestSupport.text(parts, "xl/workbook.xml").contains("<sheet name=\"二\" sheetId=\"2\" r:id=\"rId2\"/>"))
        // Every part is well-formed XML.
        for part in parts {
            _ = try XMLPull.parse(part.data, part: part.name) { (x: XMLPull) throws(SpreadsheetError) -> Int in
                var n = 0
                while try x.next() != nil { n += 1 }
                return n
            }
        }
    }

    @Test func writesNumbersAsExactDecimalText() throws {
        let wb = WorkbookWriter()
        let s = try wb.addSheet(named: "S")
        let values = ["1704.87", "-0.05", "12345678901234567.89", "0", "100", "0.1", "100000000000000000000",
                      "0.00000000000000000001"]
        for (i, v) in values.enumerated() {
            try s.set(SheetTestSupport.decimal(v), at: CellAddress(row: i, column: 0))
        }
        let xml = SheetTestSupport.text(try wb.parts(), "xl/worksheets/sheet1.xml")
        for (i, v) in values.enumerated() {
            #expect(xml.contains("<c r=\"A\(i + 1)\"><v>\(v)</v></c>"), "\(v)")
        }
        #expect(!xml.contains("E"), "no exponent notation")
    }

    @Test func sharedStringsAreDeduplicatedInDocumentOrder() throws {
        let wb = WorkbookWriter()
        let s = try wb.addSheet(named: "S")
        try s.set("乙", at: CellAddress("B1"))
        try s.set("甲", at: CellAddress("A1"))
        try s.set("乙", at: CellAddress("A2"))
        let t = try wb.addSheet(named: "T")
        try t.set("丙", at: CellAddress("A1"))
        try t.set("甲", at: CellAddress("B1"))
        let parts = try wb.parts()
        let sst = SheetTestSupport.text(parts, "xl/sharedStrings.xml")
        #expect(sst.contains("count=\"5\" uniqueCount=\"3\"><si><t>甲</t></si><si><t>乙</t></si><si><t>丙</t></si></sst>"))
        let sheet1 = SheetTestSupport.text(parts, "xl/worksheets/sheet1.xml")
        #expect(sheet1.contains("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row><row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c></row>"))
    }

    @Test func escapesControlCharactersAsExcelDoes() throws {
        let wb = WorkbookWriter()
        let s = try wb.addSheet(named: "S")
        try s.set("a\u{1}b\u{1F}c", at: CellAddress("A1"))
        try s.set("literal _x0041_ and _X00e9_", at: CellAddress("A2"))
        try s.set("line\r\nbreak & <tag>", at: CellAddress("A3"))
        try s.set(" lead", at: CellAddress("A4"))
        let parts = try wb.parts()
        let sst = SheetTestSupport.text(parts, "xl/sharedStrings.xml")
        #expect(sst.contains("<t>a_x0001_b_x001F_c</t>"))
        #expect(sst.contains("<t>literal _x005F_x0041_ and _x005F_X00e9_</t>"))
        #expect(sst.contains("<t xml:space=\"preserve\">line_x000D_\nbreak &amp; &lt;tag&gt;</t>"))
        #expect(sst.contains("<t xml:space=\"preserve\"> lead</t>"))
        let back = try WorkbookReader(parts: SheetTestSupport.dict(parts)).sheet(at: 0)
        #expect(back.value(row: 0, column: 0) == .string("a\u{1}b\u{1F}c"))
        #expect(back.value(row: 1, column: 0) == .string("literal _x0041_ and _X00e9_"))
        #expect(back.value(row: 2, column: 0) == .string("line\r\nbreak & <tag>"))
        #expect(back.value(row: 3, column: 0) == .string(" lead"))
    }

    @Test func stylesAreDeduplicated() throws {
        let wb = WorkbookWriter()
        let s = try wb.addSheet(named: "S")
        let money = CellStyle(font: Font(name: "宋体", size: 10), border: .all(.thin), horizontal: .right,
                              numberFormat: .custom("#,##0.00"))
        let title = CellStyle(font: Font(name: "黑体", size: 16, bold: true, color: try Color("#1f4e79")),
                              fill: try Color("DDEBF7"), border: Border(bottom: .medium),
                              horizontal: .center, vertical: .center, wrapText: true)
        try s.set(SheetTestSupport.decimal("1.5"), at: CellAddress("A1"), style: money)
        try s.set(SheetTestSupport.decimal("2.5"), at: CellAddress("A2"), style: money)
        try s.set("标题", at: CellAddress("B1"), style: title)
        try s.set(.empty, at: CellAddress("C1"), style: title)
        try s.set(.empty, at: CellAddress("D1"))  // no style: not written
        let parts = try wb.parts()
        let sheet = SheetTestSupport.text(parts, "xl/worksheets/sheet1.xml")
        #expect(sheet.contains("<c r=\"A1\" s=\"1\"><v>1.5</v></c>"))
        #expect(sheet.contains("<c r=\"A2\" s=\"1\"><v>2.5</v></c>"))
        #expect(sheet.contains("<c r=\"B1\" s=\"2\" t=\"s\">"))
        #expect(sheet.contains("<c r=\"C1\" s=\"2\"/>"))
        #expect(!sheet.contains("D1\""))
        let styles = SheetTestSupport.text(parts, "xl/styles.xml")
        #expect(styles.contains("<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"#,##0.00\"/></numFmts>"))
        #expect(styles.contains("<cellXfs count=\"3\">"))
        #expect(styles.contains("<font><b/><sz val=\"16\"/><color rgb=\"FF1F4E79\"/><name val=\"黑体\"/>"))
        #expect(styles.contains("<patternFill patternType=\"solid\"><fgColor rgb=\"FFDDEBF7\"/>"))
        #expect(styles.contains("<left style=\"thin\"><color indexed=\"64\"/></left>"))
        #expect(styles.contains("<alignment horizontal=\"center\" vertical=\"center\" wrapText=\"1\"/>"))
        let back = try WorkbookReader(parts: SheetTestSupport.dict(parts)).sheet(at: 0)
        #expect(back[0, 0]?.numberFormat == "#,##0.00")
        #expect(back[0, 1]?.numberFormat == nil)
    }

    @Test func writesLayoutAndPrintSetup() throws {
        let wb = WorkbookWriter()
        let s = try wb.addSheet(named: "收入支出决算表")
        try s.set("表头", at: CellAddress("A1"))
        try s.setColumnWidth(0, 30)
        try s.setColumnWidth(2, 12.5)
        try s.setRowHeight(0, 24)
        try s.setRowHeight(4, 18)  // a row with a height and no cells
        s.freezeAt = try CellAddress("B3")
        s.pageSetup = PageSetup(paperSize: PageSetup.a4, orientation: .landscape, fitToWidth: true,
                                margins: PageMargins(left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.2, footer: 0.2),
                                centerHorizontally: true, repeatRows: 0...2, printArea: try CellRange("A1:F40"),
                                centerFooter: "第 &P 页，共 &N 页")
        let parts = try wb.parts()
        let sheet = SheetTestSupport.text(parts, "xl/worksheets/sheet1.xml")
        #expect(sheet.contains("<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>"))
        #expect(sheet.contains("<pane xSplit=\"1\" ySplit=\"2\" topLeftCell=\"B3\" activePane=\"bottomRight\" state=\"frozen\"/>"))
        #expect(sheet.contains("<cols><col min=\"1\" max=\"1\" width=\"30\" customWidth=\"1\"/><col min=\"3\" max=\"3\" width=\"12.5\" customWidth=\"1\"/></cols>"))
        #expect(sheet.contains("<row r=\"1\" ht=\"24\" customHeight=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row><row r=\"5\" ht=\"18\" customHeight=\"1\"></row></sheetData>"))
        #expect(sheet.contains("<printOptions horizontalCentered=\"1\"/><pageMargins left=\"0.5\" right=\"0.5\" top=\"0.6\" bottom=\"0.6\" header=\"0.2\" footer=\"0.2\"/><pageSetup paperSize=\"9\" fitToWidth=\"1\" fitToHeight=\"0\" orientation=\"landscape\"/>"))
        #expect(sheet.contains("<oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter>"))
        let workbook = SheetTestSupport.text(parts, "xl/workbook.xml")
        #expect(workbook.contains("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">'收入支出决算表'!$1:$3</definedName>"))
        #expect(workbook.contains("<definedName name=\"_xlnm.Print_Area\" localSheetId=\"0\">'收入支出决算表'!$A$1:$F$40</definedName>"))
        let names = try WorkbookReader(parts: SheetTestSupport.dict(parts)).definedNames
        #expect(names == [
            .init(name: "_xlnm.Print_Titles", sheet: "收入支出决算表", refersTo: "'收入支出决算表'!$1:$3"),
            .init(name: "_xlnm.Print_Area", sheet: "收入支出决算表", refersTo: "'收入支出决算表'!$A$1:$F$40"),
        ])
    }

    @Test func sameWorkbookGivesSameBytes() throws {
        func build(reversed: Bool) throws -> [(name: String, data: Data)] {
            let wb = WorkbookWriter()
            let s = try wb.addSheet(named: "S")
            var addresses: [CellAddress] = []
            for r in 0..<20 { for c in 0..<5 { addresses.append(try CellAddress(row: r, column: c)) } }
            if reversed { addresses.reverse() }
            for a in addresses { try s.set("v\((a.row * 7 + a.column) % 11)", at: a) }
            try s.merge("A30:B31")
            try s.merge("C30:D31")
            return try wb.parts()
        }
        let a = try build(reversed: false)
        let b = try build(reversed: false)
        let c = try build(reversed: true)
        #expect(a.map(\.data) == b.map(\.data))
        #expect(a.map(\.data) == c.map(\.data), "cells are sorted, so set order does not matter")
        #expect(!SheetTestSupport.text(a, "docProps/core.xml").contains("dcterms:created"))
    }

    @Test func formulasKeepTheirCachedValues() throws {
        let wb = WorkbookWriter()
        let s = try wb.addSheet(named: "S")
        try s.set(.number(2), at: CellAddress("A1"))
        try s.setFormula("=A1*2", cachedValue: .number(4), at: CellAddress("A2"))
        try s.setFormula("IF(A1>1,\"大\",\"小\")", cachedValue: .string("大"), at: CellAddress("A3"))
        let parts = try wb.parts()
        #expect(SheetTestSupport.text(parts, "xl/worksheets/sheet1.xml").contains("<c r=\"A3\" t=\"str\"><f>IF(A1&gt;1,\"大\",\"小\")</f><v>大</v></c>"))
        #expect(SheetTestSupport.text(parts, "xl/workbook.xml").contains("fullCalcOnLoad=\"1\""))
        let back = try WorkbookReader(parts: SheetTestSupport.dict(parts)).sheet(at: 0)
        #expect(back[1, 0] == Cell(address: try CellAddress("A2"), value: .number(4), formula: "A1*2"))
        #expect(back[2, 0]?.value == .string("大"))
    }

    @Test func writtenWorkbookReadsBack() throws {
        let wb = WorkbookWriter()
        let a = try wb.addSheet(named: "收入")
        let b = try wb.addSheet(named: "Sheet 2")
        try a.set("项目", at: CellAddress("A1"))
        try a.set(SheetTestSupport.decimal("1704.87"), at: CellAddress("B2"))
        try a.set(.bool(true), at: CellAddress("C3"))
        try a.set(.error("#DIV/0!"), at: CellAddress("D4"))
        try a.merge("A1:D1")
        try b.set(SheetTestSupport.decimal("-3.25"), at: CellAddress("XFD1048576"))
        let reader = try WorkbookReader(parts: SheetTestSupport.dict(try wb.parts()))
        #expect(reader.sheetNames == ["收入", "Sheet 2"])
        let first = try reader.sheet(named: "收入")
        #expect(first.cells.map(\.value) == [.string("项目"), .number(SheetTestSupport.decimal("1704.87")), .bool(true), .error("#DIV/0!")])
        #expect(first.merges == [try CellRange("A1:D1")])
        #expect(first.maxRow == 3 && first.maxColumn == 3)
        let second = try reader.sheet(named: "sheet 2")
        #expect(second[1_048_575, 16_383]?.value == .number(SheetTestSupport.decimal("-3.25")))
    }
}

@Suite struct WriterFileTests {
    @Test func writesAFileWithStableBytesAndRefusesToOverwrite() throws {
        let dir = NSTemporaryDirectory() + "ss-w-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        func build() throws -> WorkbookWriter {
            let wb = WorkbookWriter()
            let s = try wb.addSheet(named: "表一")
            try s.set("甲", at: CellAddress("A1"))
            try s.set(SheetTestSupport.decimal("12.34"), at: CellAddress("B1"))
            return wb
        }
        let path = dir + "/out.xlsx"
        try build().write(to: path)
        let first = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(first == (try build().archiveData()))
        let again = #expect(throws: SpreadsheetError.self) { try build().write(to: path) }
        #expect(again?.kind == .container)
        #expect(again?.underlying?.kind == .alreadyExists)
        try build().write(to: path, overwrite: true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == first)
        let back = try WorkbookReader.open(path: path).sheet(named: "表一")
        #expect(back.cells.map(\.value) == [.string("甲"), .number(SheetTestSupport.decimal("12.34"))])
    }
}

@Suite struct WriterReaderPropertyTests {
    /// Deterministic pseudo-random numbers (SplitMix64), so a failure reproduces.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func randomText(_ g: inout SplitMix) -> String {
        let pieces = ["收入", "支出", " ", "_x0041_", "_x005F_", "\u{1}", "\u{B}", "\r\n", "\t", "&", "<", ">", "\"", "'",
                      "a", "Z", "9", "𠀀", "é", "_x", "_xZZZZ_", "\u{FFFE}", "—"]
        let n = Int.random(in: 0...8, using: &g)
        return (0..<n).map { _ in pieces.randomElement(using: &g) ?? "" }.joined()
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func randomWorkbooksReadBackExactly(seed: UInt64) throws {
        var g = SplitMix(state: seed)
        let wb = WorkbookWriter()
        var expected: [String: [CellAddress: CellValue]] = [:]
        for sheetNumber in 0..<3 {
            let name = "表\(seed)-\(sheetNumber)"
            let sheet = try wb.addSheet(named: name)
            var cells: [CellAddress: CellValue] = [:]
            for _ in 0..<400 {
                let address = try CellAddress(row: Int.random(in: 0..<300, using: &g), column: Int.random(in: 0..<40, using: &g))
                let value: CellValue
                switch Int.random(in: 0..<4, using: &g) {
                case 0: value = .string(Self.randomText(&g))
                case 1:
                    let cents = Int64.random(in: -10_000_000_000...10_000_000_000, using: &g)
                    value = .number(Decimal(cents) / 100)
                case 2: value = .bool(Bool.random(using: &g))
                default: value = .error(CellValue.knownErrors.sorted().randomElement(using: &g) ?? "#N/A")
                }
                try sheet.set(value, at: address)
                cells[address] = value
            }
            expected[name] = cells
        }
        let reader = try WorkbookReader(parts: SheetTestSupport.dict(try wb.parts()))
        #expect(reader.sheetNames == wb.sheets.map(\.name))
        for (name, cells) in expected {
            let sheet = try reader.sheet(named: name)
            #expect(sheet.cells.count == cells.count)
            for cell in sheet { #expect(cells[cell.address] == cell.value, "\(name)!\(cell.address.a1)") }
        }
    }
}

@Suite struct PartNameSafetyTests {
    /// The writer's one-pass check agrees with `PackageReader.unsafeReason` on safe and unsafe names.
    @Test func plainCheckAgreesWithTheReader() {
        let names = [
            "xl/workbook.xml", "[Content_Types].xml", "_rels/.rels", "xl/worksheets/sheet1.xml", "a", "..a", "a..", "a/.../b",
            "", "/abs", "\\abs", "C:/x", "c:\\x", "1:/x", "x/../y", "..", "../x", "x/..", "x\\..\\y", "x/./y", ".",
            "a\u{01}b", "a\u{7F}", "部件/表.xml", "x/\u{2024}\u{2024}/y", "a//b", "a/b/",
        ]
        for name in names {
            #expect(PackageWriter.plainlySafe(name) == (PackageReader.unsafeReason(name) == nil), "部件名 \(name)")
        }
    }
}
