import Foundation
import Testing
import Accounts
import OOXML
import TableSet
@testable import Reconcile

/// The sample unit exported by `juesuan export`'s pipeline, shared by the tests that read it back.
enum SampleExport {
    static func catalogue() throws -> SubjectCatalogue { try SubjectCatalogue.builtin2021() }
    static func accounts() throws -> UnitAccounts { try UnitDataFile.sample(catalogue: catalogue()) }
    static func tables() throws -> [StatTable] { try TableBuilder(catalogue: catalogue()).build(accounts()) }

    static func scratch(_ name: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("reconcile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent(name).path
    }

    /// Exports the sample to a fresh file and returns its path.
    static func workbook() throws -> String {
        let path = try scratch("sample.xlsx")
        try WorkbookExport.export(accounts(), catalogue: catalogue(), to: path, overwrite: true)
        return path
    }

    /// The export re-saved by LibreOffice (its own profile per call).
    static func resavedByLibreOffice() throws -> String {
        let path = try workbook()
        let outDir = (path as NSString).deletingLastPathComponent + "/lo"
        return try LibreOffice.convert(path, to: "xlsx:Calc MS Excel 2007 XML", outDir: outDir)
    }
}

@Suite struct ExportReadBackTests {
    @Test func readsAllFifteenTablesOfTheExportBackUnchanged() throws {
        let built = try SampleExport.tables()
        let result = try TableLocator.read(workbook: SampleExport.workbook())
        #expect(result.problems.filter { $0.severity == .error }.isEmpty, "\(result.problems.map(\.message))")
        for t in built {
            guard let read = result.tables[t.id] else { Issue.record("\(t.id.title) not found"); continue }
            #expect(comparable(read) == comparable(t), "\(t.id.title)")
            #expect(read.unit == t.unit)
        }
    }
}

/// Rewrites sheets (as a person's edits would leave them) into a new workbook with WorkbookWriter.
func writeWorkbook(_ sheets: [SheetGrid], to path: String) throws {
    let writer = WorkbookWriter()
    for grid in sheets {
        let sheet = try writer.addSheet(named: grid.name)
        for gridCell in grid.cells {
            let cell: CellValue = switch gridCell.value {
            case .empty: .empty
            case let .number(d): .number(d)
            case let .text(t): .string(t)
            case let .bool(b): .bool(b)
            case let .error(e): .error(e)
            }
            try sheet.set(cell, row: gridCell.row, column: gridCell.column)
        }
        for m in grid.merges { try sheet.merge(CellRange(rows: m.firstRow...m.lastRow, columns: m.firstColumn...m.lastColumn)) }
    }
    try writer.write(to: path, overwrite: true)
}

func grids(of path: String) throws -> [SheetGrid] {
    let reader = try WorkbookReader.open(path: path)
    return try reader.sheetNames.map { SheetGrid(worksheet: try reader.sheet(named: $0)) }
}

@Suite struct ReadBackRulesTests {
    /// A workbook in 元: the unit comes from the header block and every relation holds exactly.
    @Test func yuanWorkbookReadsBackWithItsUnitAndNoRoundingGaps() throws {
        let path = try SampleExport.scratch("yuan.xlsx")
        try WorkbookExport.export(SampleExport.accounts(), catalogue: SampleExport.catalogue(), unit: .yuan, to: path, overwrite: true)
        let result = try TableLocator.read(workbook: path)
        let built = try TableBuilder(catalogue: SampleExport.catalogue(), unit: .yuan).build(SampleExport.accounts())
        for t in built {
            #expect(result.tables[t.id]?.unit == .yuan, "\(t.id.title)")
            #expect(result.tables[t.id].map(comparable) == comparable(t), "\(t.id.title)")
        }
        #expect(TableRuleEvaluator(read: result).evaluate().isEmpty)
    }

    /// The issue's test: every relation of domain §4 evaluated on the cells read back from the exported
    /// sample after LibreOffice re-saved it.
    @Test func everyRelationHoldsOnTheSampleReadBackThroughLibreOffice() throws {
        let resaved = try SampleExport.resavedByLibreOffice()
        let result = try TableLocator.read(workbook: resaved)
        #expect(result.tables.count == 15)
        #expect(result.problems.filter { $0.severity == .error }.isEmpty, "\(result.problems.map(\.message))")
        for t in try SampleExport.tables() {
            #expect(result.tables[t.id].map(comparable) == comparable(t), "\(t.id.title)")
        }
        let findings = TableRuleEvaluator(read: result).evaluate()
        #expect(findings.filter { $0.severity == .error }.isEmpty, "\(findings.map(\.message))")
        // The sample's rounding leaves 尾差 (e.g. 1697.41 + 4.92 + 0.01 against 1702.33): hints, with cells.
        let tail = try #require(findings.first { $0.rule == "T1.本年收入合计" })
        #expect(tail.severity == .hint && tail.message.contains("尾差"))
        guard case let .cells(sheet, cells, table) = tail.location else { Issue.record("no cells"); return }
        #expect(sheet == "收入支出决算总表" && table == .t01 && cells.first == "C33" && cells.contains("C6") && cells.contains("C13"))
        #expect(findings.allSatisfy { $0.message.contains("尾差") })
    }

    @Test func editedValueIsReportedAtItsCell() throws {
        let exported = try SampleExport.workbook()
        let original = try TableLocator.read(workbook: exported)
        let source = try #require(original.sources[.t03])
        // 表3 合计 row, 基本支出 column: the value a person overwrote.
        let a1 = try #require(source.cell(panel: 0, row: 0, column: 1))
        let address = try CellAddress(a1)
        var sheets = try grids(of: exported)
        let i = try #require(sheets.firstIndex { $0.name == source.sheet })
        sheets[i][address.row, address.column] = .number(Decimal(string: "139.40")!)
        let edited = try SampleExport.scratch("edited.xlsx")
        try writeWorkbook(sheets, to: edited)

        let findings = TableRuleEvaluator(read: try TableLocator.read(workbook: edited)).evaluate()
        let across = try #require(findings.first { $0.rule == "T3.支出构成" && $0.severity == .error })
        guard case let .cells(sheet, _, table) = across.location else { Issue.record("no cells"); return }
        #expect(sheet == source.sheet && table == .t03)
        #expect(across.locationCells.contains(a1))
        #expect(across.found == "1704.86万元" && across.expected == "1714.86万元")
        #expect(findings.contains { $0.rule == "T3.合计" && $0.severity == .error && $0.locationCells.contains(a1) })
    }

    /// An annotated copy (with its 核对结果 sheet quoting table titles) reads back as the same tables.
    @Test func annotatedWorkbookReadsBackTheSameTables() throws {
        let exported = try SampleExport.workbook()
        let original = try TableLocator.read(workbook: exported)
        let findings = TableRuleEvaluator(read: original).evaluate()
        let annotated = try SampleExport.scratch("annotated.xlsx")
        try Annotator.annotate(workbook: exported, findings: findings, output: annotated, overwrite: false)
        let again = try TableLocator.read(workbook: annotated)
        #expect(again.problems.isEmpty, "\(again.problems.map(\.message))")
        #expect(again.tables == original.tables && again.sources == original.sources)
        #expect(TableRuleEvaluator(read: again).evaluate() == findings)
    }

    @Test func workbookWithoutATableGivesFindings() throws {
        let exported = try SampleExport.workbook()
        let sheets = try grids(of: exported).filter { $0.name != TableID.t08.title }
        let path = try SampleExport.scratch("no-t8.xlsx")
        try writeWorkbook(sheets, to: path)
        let result = try TableLocator.read(workbook: path)
        #expect(result.tables[.t08] == nil && result.tables.count == 14)
        #expect(result.problems.contains { $0.rule == "读取.缺少表格" && $0.location == .table(.t08) && $0.severity == .error })
        let findings = TableRuleEvaluator(read: result).evaluate()
        #expect(findings.filter { $0.location == .table(.t08) }.allSatisfy { $0.severity == .hint && $0.message.contains("无法核对") })
        #expect(findings.filter { $0.severity == .error }.isEmpty)
    }

    @Test func splitCodeColumnsAndBottomTotalReadFromAFile() throws {
        let built = try SampleExport.tables().byID
        let renderer = GridRenderer(splitCodes: true, totalAtBottom: true, numbersAsText: true)
        let sheets = [TableID.t02, .t03, .t06].compactMap { built[$0] }.map { renderer.render($0, sheet: "Sheet\($0.id.rawValue)") }
        let path = try SampleExport.scratch("split.xlsx")
        try writeWorkbook(sheets, to: path)
        let result = try TableLocator.read(workbook: path)
        for id in [TableID.t02, .t03, .t06] {
            let read = try #require(result.tables[id])
            #expect(comparable(read).sorted() == comparable(built[id]!).sorted())
            #expect(read.panels[0].rows.last?.level == .total)
        }
        #expect(result.tables[.t06]?.panels[0].row(code: "2080505") != nil)
    }
}

extension Finding {
    var locationCells: [String] {
        if case let .cells(_, cells, _) = location { return cells }
        return []
    }
}
