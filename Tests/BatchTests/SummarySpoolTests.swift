import Accounts
@testable import Batch
import Foundation
import OOXML
import Testing

/// The spool that holds a batch's summary rows on disk instead of in memory, and the index
/// workbook's inline strings.
@Suite final class SummarySpoolTests {
    let root: String

    init() throws {
        root = NSTemporaryDirectory() + "juesuan-spool-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    func row(_ i: Int) -> UnitSummary {
        var s = UnitSummary(index: i, role: i == 0 ? .own : .subordinate, dataFile: "units/单位\(i).yaml",
                            status: i % 3 == 0 ? .succeeded : .failed)
        if i % 3 == 0 {
            s.code = "9\(i)"; s.name = "某某中心 \(i)\n第二行"; s.year = 2021
            s.grandTotal = Money(fen: Int64(i) * 1_000_001 - 7); s.incomeTotal = Money(fen: -Int64(i))
            s.errors = i; s.hints = i * 2
            s.workbook = "units/9\(i).xlsx"; s.checkFile = "units/9\(i).check.json"
        } else {
            s.message = "units/单位\(i).yaml：第 \(i) 行：金额“十二万”不是数字"
        }
        return s
    }

    @Test func rowsWrittenInAnyOrderAreReadBackInUnitOrder() throws {
        let spool = try SummarySpool(directory: root, count: 7)
        for i in [5, 0, 3, 6, 1, 2] { try spool.append(row(i)) }
        for i in [0, 1, 2, 3, 5, 6] { #expect(try spool.row(i) == row(i)) }
        #expect(try spool.row(4) == nil)
        // Nothing is left in the folder: the file was unlinked when created.
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).isEmpty)

        let dept = DepartmentFile(code: "9", name: "部门", ownUnit: "units/单位0.yaml",
                                  subordinates: (1..<7).map { "units/单位\($0).yaml" }, baseDirectory: URL(fileURLWithPath: root))
        let rows = UnitSummaries(spool: spool, department: dept, interrupted: true)
        #expect(rows.count == 7)
        #expect(rows.map(\.index) == Array(0..<7))
        #expect(rows[4].status == .skipped && rows[4].dataFile == "units/单位4.yaml" && rows[4].message == "批处理被中断，未处理")
        #expect(rows[6] == row(6))
    }

    @Test func aCorruptRecordIsAnErrorNotACrash() throws {
        var bytes = SummaryRecord.encode(row(3))
        bytes.removeLast(5)
        #expect(throws: BatchError.self) { try SummaryRecord.decode(bytes) }
        #expect(throws: BatchError.self) { try SummaryRecord.decode([]) }
    }

    @Test func theIndexWorkbookWritesItsStringsInline() throws {
        let dept = DepartmentFile(code: "9", name: "部门", ownUnit: "units/单位0.yaml",
                                  subordinates: (1..<4).map { "units/单位\($0).yaml" }, baseDirectory: URL(fileURLWithPath: root))
        let report = BatchReport(department: dept, units: (0..<4).map(row), consolidated: UnitSummary(index: -1, role: .own, dataFile: ""))
        try report.writeIndex(into: root)
        let package = try PackageReader(path: root + "/index.xlsx")
        let shared = String(decoding: try package.read("xl/sharedStrings.xml"), as: UTF8.self)
        #expect(shared.contains("uniqueCount=\"0\""))
        let sheetXML = String(decoding: try package.read("xl/worksheets/sheet1.xml"), as: UTF8.self)
        #expect(sheetXML.contains("t=\"inlineStr\"") && !sheetXML.contains("t=\"s\""))
        #expect(sheetXML.contains("<is><t xml:space=\"preserve\">某某中心 3\n第二行</t></is>"))
        // Read back, the cells hold the same texts as before.
        let sheet = try WorkbookReader.open(path: root + "/index.xlsx").sheet(at: 0)
        #expect(sheet.value(row: 2, column: 1) == .string("单位编码"))
        #expect(sheet.value(row: 4, column: 2) == .string("某某中心 0\n第二行"))
        #expect(sheet.value(row: 5, column: 13) == .string(row(1).message!))
        let html = try String(contentsOfFile: root + "/index.html", encoding: .utf8)
        #expect(html.contains("<a href=\"units/93.xlsx\">") && html.hasSuffix("</html>"))
        // Written again over the old files: the same page, and no temporary file is left behind.
        try report.writeIndex(into: root)
        #expect(try String(contentsOfFile: root + "/index.html", encoding: .utf8) == html)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).sorted() == ["index.html", "index.xlsx"])
    }
}
