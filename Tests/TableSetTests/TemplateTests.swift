import Testing
import Foundation
import Accounts
import OOXML
@testable import TableSet

@Suite struct TemplateTests {
    /// Like rust_xlsxwriter's reference-file tests: the committed template is, part by part, what
    /// TemplateBuilder produces. Regenerate with `make template`.
    @Test func committedTemplateIsGenerated() throws {
        let generated = try TemplateBuilder(catalogue: try SubjectCatalogue.builtin2021()).parts()
        let committed = try packageParts(Repo.template)
        #expect(Set(committed.keys) == Set(generated.map(\.name)))
        for part in generated {
            let ok = committed[part.name] == part.data
            #expect(ok, "部件 \(part.name) 与生成结果不同：请运行 make template")
        }
    }

    @Test func everySheetNamesItsTableAndHasTheHeaderBlock() throws {
        let book = try WorkbookReader.open(path: Repo.template)
        #expect(book.sheetNames == TableID.allCases.map(\.title))
        for id in TableID.allCases {
            let sheet = try book.sheet(named: id.title)
            let texts = sheet.cells.compactMap(\.value.string)
            #expect(texts.contains("{{表:\(id.title)}}"))
            #expect(texts.contains(id.defaultCode))
            #expect(texts.contains("编制单位：{{单位名称}}"))
            #expect(texts.contains("金额单位：{{金额单位}}"))
            // The title is merged across the table.
            let title = try CellAddress("A1")
            #expect(sheet.merge(containing: title)?.columnCount == (sheet.maxColumn ?? 0) + 1)
        }
    }

    @Test func markersResolveAgainstTheirTables() throws {
        // Every marker of the template names a row, column or panel its table has (for the sample).
        let (accounts, catalogue) = try Sample.load()
        let tables = try TableBuilder(catalogue: catalogue).build(accounts)
        let book = try WorkbookReader.open(path: Repo.template)
        for table in tables {
            let context = FillContext(table: table, unit: accounts.unit, sheet: table.id.title)
            for cell in try book.sheet(named: table.id.title).cells {
                guard let text = cell.value.string, Marker.containsMarker(text) else { continue }
                let band = BandRows(table.panels.map { ($0.name as String?, $0.rows.first) } + [(nil, table.panels.first?.rows.first)])
                _ = try context.resolve(text, cell: cell.address.a1, band: band)
            }
        }
    }

    @Test func unknownMarkerIsAChineseErrorNamingTheCell() throws {
        let table = StatTable(id: .t02, unit: .wanYuan, panels: [TablePanel(name: "", columns: ["合计"], rows: [])])
        let context = FillContext(table: table, unit: UnitInfo(code: "1", name: "单位", year: 2021, kind: .institution), sheet: "收入决算表")
        #expect(throws: TableSetError.self) { try context.resolve("{{单位名}}", cell: "B3") }
        do { _ = try context.resolve("{{值:合计:不存在}}", cell: "C9") } catch {
            #expect("\(error)".contains("C9"))
        }
    }

    @Test func rowShiftMovesRangesAndNames() {
        let s = RowShift(band: 7, count: 3)
        #expect(s.reference("A8:F8") == "A10:F10")
        #expect(s.reference("A1:F40") == "A1:F42")
        #expect(s.reference("$A$1:$F$9") == "$A$1:$F$11")
        #expect(s.reference("$4:$6") == "$4:$6")
        #expect(s.reference("$A:$C") == "$A:$C")
        #expect(RowShift(band: 7, count: 0).reference("A7:F7") == nil)
        #expect(FormulaReferences.shift("'收入决算表'!$A$1:$I$9,'收入决算表'!$4:$6", sheet: "收入决算表", by: s)
                == "'收入决算表'!$A$1:$I$11,'收入决算表'!$4:$6")
        #expect(FormulaReferences.shift("其他!$A$1:$I$9", sheet: "收入决算表", by: s) == "其他!$A$1:$I$9")
    }
}
