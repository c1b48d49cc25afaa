import Foundation
import Testing
@testable import OOXML

/// A workbook we write is opened by the real LibreOffice, saved again as .xlsx, and read back:
/// values, merges and sheet names must survive. Needs soffice (`make test` installs it).
@Suite(.serialized) struct LibreOfficeRoundTripTests {
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "ss-lo-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Several sheets with Chinese names, two-decimal amounts, text, merges and styles.
    static func sampleWorkbook() throws -> WorkbookWriter {
        let wb = WorkbookWriter()
        let title = CellStyle(font: Font(name: "黑体", size: 16, bold: true), horizontal: .center, vertical: .center)
        let header = CellStyle(font: Font(bold: true), fill: try Color("DDEBF7"), border: .all(.thin),
                               horizontal: .center, vertical: .center, wrapText: true)
        let money = CellStyle(border: .all(.thin), horizontal: .right, numberFormat: .custom("#,##0.00"))
        let text = CellStyle(border: .all(.thin))

        let income = try wb.addSheet(named: "收入支出决算总表")
        try income.set("收入支出决算总表", at: CellAddress("A1"), style: title)
        try income.merge("A1:D1")
        for (i, h) in ["项目", "行次", "本年收入", "本年支出"].enumerated() {
            try income.set(h, at: CellAddress(row: 1, column: i), style: header)
        }
        let rows: [(String, String, String)] = [
            ("一般公共预算财政拨款收入", "1704.87", "1650.12"), ("政府性基金预算财政拨款收入", "0.00", "0.00"),
            ("事业收入", "123456789.01", "-0.05"), ("其他收入_x0041_ & <特殊>", "0.10", "99999999999.99"),
        ]
        for (i, row) in rows.enumerated() {
            let r = i + 2
            try income.set(row.0, at: CellAddress(row: r, column: 0), style: text)
            try income.set(Decimal(i + 1), at: CellAddress(row: r, column: 1), style: text)
            try income.set(SheetTestSupport.decimal(row.1), at: CellAddress(row: r, column: 2), style: money)
            try income.set(SheetTestSupport.decimal(row.2), at: CellAddress(row: r, column: 3), style: money)
        }
        try income.set("注：本表反映单位本年度的总收支。", at: CellAddress("A8"))
        try income.merge("A8:D9")
        try income.setColumnWidth(0, 36)
        try income.setRowHeight(0, 28)
        income.freezeAt = try CellAddress("A3")
        income.pageSetup = PageSetup(orientation: .landscape, fitToWidth: true, repeatRows: 0...1)

        let basic = try wb.addSheet(named: "财政拨款收入支出决算表（二）")
        try basic.set("功能分类科目", at: CellAddress("A1"), style: header)
        try basic.merge("A1:B2")
        try basic.set(.bool(true), at: CellAddress("C3"))
        try basic.set(SheetTestSupport.decimal("3.14"), at: CellAddress("C4"))

        let empty = try wb.addSheet(named: "Sheet'3")
        try empty.set("仅一格", at: CellAddress("B2"))
        return wb
    }

    @Test func libreOfficeReSavesWhatWeWrite() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let wb = try Self.sampleWorkbook()
        let original = dir + "/决算.xlsx"
        try wb.write(to: original)
        let ours = try WorkbookReader.open(path: original)

        let resaved = try LibreOffice.convert(original, to: "xlsx", outDir: dir + "/resaved")
        #expect(resaved == dir + "/resaved/决算.xlsx")
        let theirs = try WorkbookReader.open(path: resaved)

        #expect(theirs.sheetNames == ["收入支出决算总表", "财政拨款收入支出决算表（二）", "Sheet'3"])
        #expect(theirs.sheetNames == ours.sheetNames)
        for name in ours.sheetNames {
            let a = try ours.sheet(named: name)
            let b = try theirs.sheet(named: name)
            #expect(a.cells.map(\.address) == b.cells.map(\.address), "\(name)")
            #expect(a.cells.map(\.value) == b.cells.map(\.value), "\(name)")
            #expect(a.merges.sorted() == b.merges.sorted(), "\(name)")
        }
        let income = try theirs.sheet(at: 0)
        #expect(income.value(row: 2, column: 2) == .number(SheetTestSupport.decimal("1704.87")))
        #expect(income.value(row: 4, column: 3) == .number(SheetTestSupport.decimal("-0.05")))
        #expect(income.value(row: 5, column: 0) == .string("其他收入_x0041_ & <特殊>"))
        #expect(income[2, 2]?.numberFormat == "#,##0.00")
        #expect(income.merges.sorted() == [try CellRange("A1:D1"), try CellRange("A8:D9")])
        // The rows repeated on each printed page survive too.
        let titles = theirs.definedNames.first { $0.name == "_xlnm.Print_Titles" }
        #expect(titles?.sheet == "收入支出决算总表")
        #expect(titles?.refersTo.hasSuffix("!$1:$2") == true, "\(String(describing: titles))")
    }

    @Test func missingSofficeSaysHowToInstallIt() {
        let error = #expect(throws: SpreadsheetError.self) { _ = try LibreOffice.executable(searchPath: "/nonexistent") }
        #expect(error?.description.contains("make test") == true)
        #expect(error?.kind == .toolFailed)
    }

    @Test func convertFailsClearlyForAMissingFile() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let error = #expect(throws: SpreadsheetError.self) {
            try LibreOffice.convert(dir + "/none.xlsx", to: "xlsx", outDir: dir + "/out")
        }
        #expect(error?.kind == .toolFailed)
    }

    @Test func convertRefusesToOverwriteItsInput() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/a.xlsx"
        try Self.sampleWorkbook().write(to: path)
        let error = #expect(throws: SpreadsheetError.self) { try LibreOffice.convert(path, to: "xlsx", outDir: dir) }
        #expect(error?.description.contains("覆盖") == true)
    }
}
