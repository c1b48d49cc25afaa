import Testing
import Foundation
import Accounts
import OOXML
@testable import TableSet

/// The cells a filled sheet must show, worked out from the template as read by WorkbookReader
/// and the tables built from the facts: cells above the repeated rows stay, the repeated rows are
/// written as the writer's plan says (one per table row, or a block per panel), cells below move down.
func expectedCells(template: Worksheet, table: StatTable, unit: UnitInfo) throws -> [String: String] {
    let context = FillContext(table: table, unit: unit, sheet: template.name)
    var scan = SheetScan()
    for cell in template.cells {
        guard let text = cell.value.string, Marker.containsMarker(text) else { continue }
        let key = CellKey(row: cell.address.row + 1, column: cell.address.column + 1)
        scan.markerCells[key] = text
        for case .marker(let m) in Marker.segments(of: text) {
            if m.name == "行" { scan.bandRows.insert(key.row) }
            if m.name == "块" { scan.blockRows.insert(key.row) }
            if m.name == "级次" { scan.levels[key.row] = (m.arguments.first ?? "", cell.address.a1) }
        }
    }
    let writer = try TemplateSheetWriter(scan: scan, context: context)
    var result: [String: String] = [:]
    func put(_ value: CellOutput, _ row: Int, _ column: Int) throws {
        let a1 = try CellAddress(row: row, column: column).a1
        switch value {
        case .number(let t): result[a1] = "\(Decimal(string: t)!.roundedHalfUp(2))"
        case .text(let t): result[a1] = t
        case .empty: break
        }
    }
    for cell in template.cells {
        let row = cell.address.row, column = cell.address.column   // 0-based
        guard let text = cell.value.string else { continue }
        if let region = scan.region, region.contains(row + 1) {
            for (i, planned) in writer.plan.enumerated() where planned.template == row + 1 {
                let value = Marker.containsMarker(text)
                    ? try context.resolve(text, cell: cell.address.a1, band: planned.band, block: planned.block) : .text(text)
                try put(value, writer.shift.band + i - 1, column)
            }
            continue
        }
        try put(Marker.containsMarker(text) ? try context.resolve(text, cell: cell.address.a1) : .text(text),
                writer.shift.row(row + 1) - 1, column)
    }
    return result
}

@Suite(.enabled(if: LibreOffice.available, "需要 LibreOffice（soffice）"), .serialized)
struct RealClientTests {
    /// Exports the sample and checks every sheet, as LibreOffice reads it back, against the facts.
    func checkExport(template: String?) throws {
        let (accounts, catalogue) = try Sample.load()
        let tables = try TableBuilder(catalogue: catalogue).build(accounts)
        let out = try Scratch.directory() + "/sample.xlsx"
        try WorkbookExport.export(accounts, catalogue: catalogue, template: template ?? Repo.template, to: out, overwrite: false)
        let converted = try LibreOffice.resave(out)
        let original = try WorkbookReader.open(path: Repo.template)
        for book in [try WorkbookReader.open(path: out), try WorkbookReader.open(path: converted)] {
            #expect(book.sheetNames == TableID.allCases.map(\.title))
            for table in tables {
                let expected = try expectedCells(template: try original.sheet(named: table.id.title), table: table, unit: accounts.unit)
                let actual = shownCells(try book.sheet(named: table.id.title))
                #expect(actual == expected, "\(table.id.title)")
            }
        }
        // Spot checks against the narrative, read through LibreOffice.
        let t1 = shownCells(try WorkbookReader.open(path: converted).sheet(named: TableID.t01.title))
        #expect(t1.values.filter { $0 == "1704.87" }.count == 2)
    }

    @Test func sampleExportReadsBackThroughLibreOffice() throws {
        try checkExport(template: nil)
    }

    @Test func libreOfficeResavedTemplateFillsTheSame() throws {
        let resaved = try LibreOffice.resave(Repo.template)
        // The re-saved template keeps its markers in sharedStrings, as a user's copy would; LibreOffice
        // writes them as rich-text runs (Latin and CJK fonts), so a marker is split across runs.
        let parts = try packageParts(resaved)
        let sst = try #require(parts["xl/sharedStrings.xml"])
        #expect(try SheetScanner.sharedStrings(sst, file: resaved, part: "xl/sharedStrings.xml").contains("{{行:名称}}"))
        #expect(!String(decoding: sst, as: UTF8.self).contains("{{行:名称}}"))
        try checkExport(template: resaved)
    }
}
