import Foundation
import Testing
@testable import OOXML

/// `SheetWriter.appendRow` writes rows out at once; the workbook must be the one `set` would give.
@Suite struct AppendRowTests {
    /// The same content: a title, a header, then rows (with blanks, styles, a row height and a
    /// repeated string), either set cell by cell or appended row by row.
    static func workbook(appending: Bool, rows: Int) throws -> Data {
        let book = WorkbookWriter()
        let sheet = try book.addSheet(named: "索引")
        let bold = CellStyle(font: Font(bold: true))
        let money = CellStyle(border: .all(.thin), numberFormat: .thousandsTwoDecimals)
        try sheet.set("标题", at: CellAddress(row: 0, column: 1), style: bold)
        try sheet.merge(CellRange(rows: 0...0, columns: 1...3))
        try sheet.set("序号", at: CellAddress(row: 2, column: 0), style: bold)
        try sheet.setRowHeight(1, 20)
        try sheet.setRowHeight(5, 30)
        try sheet.setRowHeight(rows + 6, 15)
        for r in 3..<(3 + rows) {
            let cells: [(column: Int, value: CellValue, style: CellStyle)] = [
                (2, .number(Decimal(r) / 100), money), (0, .string("第\(r)行"), .default),
                (1, .string(r % 2 == 0 ? "偶数" : "奇数"), bold), (3, .empty, .default), (4, .empty, money),
            ]
            if appending {
                try sheet.appendRow(r, cells)
            } else {
                for c in cells { try sheet.set(c.value, at: CellAddress(row: r, column: c.column), style: c.style) }
            }
        }
        try sheet.setColumnWidth(0, 12)
        sheet.freezeAt = try CellAddress(row: 3, column: 1)
        return try book.archiveData()
    }

    @Test(arguments: [0, 1, 7])
    func appendedRowsGiveTheSameBytes(rows: Int) throws {
        #expect(try Self.workbook(appending: true, rows: rows) == Self.workbook(appending: false, rows: rows))
    }

    @Test func appendedRowsReadBack() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("append-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        try Self.workbook(appending: true, rows: 4).write(to: url)
        let sheet = try WorkbookReader.open(path: url.path).sheet(at: 0)
        #expect(sheet.value(row: 6, column: 0) == .string("第6行"))
        #expect(sheet.value(row: 4, column: 1) == .string("偶数"))
        #expect(sheet.value(row: 2, column: 0) == .string("序号"))
    }

    @Test func rowsMustComeInOrder() throws {
        let book = WorkbookWriter()
        let sheet = try book.addSheet(named: "表")
        try sheet.set("标题", at: CellAddress(row: 2, column: 0))
        #expect(throws: SpreadsheetError.self) { try sheet.appendRow(2, [(0, .string("x"), .default)]) }
        try sheet.appendRow(3, [(0, .string("a"), .default)])
        #expect(throws: SpreadsheetError.self) { try sheet.appendRow(3, [(0, .string("b"), .default)]) }
        #expect(throws: SpreadsheetError.self) { try sheet.set("c", at: CellAddress(row: 1, column: 0)) }
        try sheet.set("下方", at: CellAddress(row: 9, column: 2))
        let xml = SheetTestSupport.text(try book.parts(), "xl/worksheets/sheet1.xml")
        #expect(xml.contains("<dimension ref=\"A3:C10\"/>"))
    }
}
