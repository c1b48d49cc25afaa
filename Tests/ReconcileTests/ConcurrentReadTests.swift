import Foundation
import Testing
import OOXML
@testable import Reconcile

/// Sheets read on all cores must give what reading them one by one gives: the same cells, the
/// same errors, and the unreadable sheets' findings in sheet order.
@Suite struct ConcurrentReadTests {
    /// The sample export with two sheets cut off half-way (malformed XML), in memory.
    static func brokenSample() throws -> (reader: WorkbookReader, broken: [String]) {
        let path = try SampleExport.workbook()
        var parts = try AnnotateFixture.parts(path)
        let cut = ["xl/worksheets/sheet3.xml", "xl/worksheets/sheet12.xml"]
        for name in cut {
            let data = try #require(parts[name])
            parts[name] = data.prefix(data.count / 2)
        }
        let reader = try WorkbookReader(parts: parts, file: path)
        #expect(reader.sheetNames.count >= 15)
        return (reader, [reader.sheetNames[2], reader.sheetNames[11]])
    }

    @Test func sheetsReadConcurrentlyMatchSheetsReadOneByOne() throws {
        let (reader, _) = try Self.brokenSample()
        for numberFormats in [false, true] {
            let together = reader.allSheets(numberFormats: numberFormats) { $0.cells }
            #expect(together.count == reader.sheetNames.count)
            for (index, result) in together.enumerated() {
                let alone = Result { () throws(SpreadsheetError) in try reader.sheet(at: index, numberFormats: numberFormats).cells }
                switch (result, alone) {
                case let (.success(a), .success(b)): #expect(a == b && !a.isEmpty, "sheet \(index)")
                case let (.failure(a), .failure(b)): #expect(a == b, "sheet \(index)")
                default: Issue.record("sheet \(index): \(result) vs \(alone)")
                }
            }
            #expect(together.filter { if case .failure = $0 { true } else { false } }.count == 2)
        }
    }

    @Test func unreadableSheetsAreFindingsInSheetOrder() throws {
        let (reader, broken) = try Self.brokenSample()
        let result = TableLocator.read(reader: reader, workbook: "样例.xlsx")
        // As read one by one: the grids of the readable sheets, then the unreadable ones' findings first.
        var grids: [SheetGrid] = []
        var expected: [Finding] = []
        for index in reader.sheetNames.indices {
            do {
                grids.append(SheetGrid(worksheet: try reader.sheet(at: index, numberFormats: false)))
            } catch {
                expected.append(Finding(rule: "读取.工作表", severity: .error, location: .file("样例.xlsx"),
                                        message: "工作簿 样例.xlsx 的工作表「\(reader.sheetNames[index])」无法读取：\(error.description)"))
            }
        }
        let serial = TableLocator.read(sheets: grids, workbook: "样例.xlsx")
        let sheetProblems = result.problems.filter { $0.rule == "读取.工作表" }
        #expect(sheetProblems == expected)
        #expect(sheetProblems.count == 2)
        #expect(zip(sheetProblems, broken).allSatisfy { $0.message.contains("「\($1)」") })
        #expect(Array(result.problems.prefix(2)) == expected)
        #expect(result.problems == expected + serial.problems)
        #expect(result.tables == serial.tables && result.tables.count == 13)
        #expect(result.sources == serial.sources)
        #expect(result.sheetNames == serial.sheetNames)
    }
}
