import Foundation
import Testing
import Accounts
import OOXML
@testable import TableSet

/// The compiled form of a template sheet renders the same bytes as re-walking its XML.
@Suite struct CompiledSheetTests {
    /// Every marked sheet of `template`, filled with `tables` both ways.
    func compare(template: String, tables: [StatTable], unit: UnitInfo) throws -> Int {
        let plan = try TemplatePlan(package: try PackageReader(path: template), file: template)
        let byID = Dictionary(tables.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var rendered = 0
        var shifts: [String: RowShift] = [:]
        for sheet in plan.sheets {
            guard let id = sheet.scan.table, let table = byID[id] else { continue }
            let writer = try TemplateSheetWriter(scan: sheet.scan, context: FillContext(table: table, unit: unit, sheet: sheet.entry.name))
            let slow = try writer.rewrite(sheet.data, file: template, part: sheet.entry.part)
            let compiled = try #require(sheet.compiled, "工作表 \(sheet.entry.name) 未能预编译")
            let fast = try #require(try writer.render(compiled))
            #expect(fast == slow, "工作表 \(sheet.entry.name) 两种写法结果不同")
            rendered += 1
            if writer.shift != .none { shifts[sheet.entry.name] = writer.shift }
        }
        // The workbook part's defined names move the same way both ways.
        let package = try PackageReader(path: template)
        let workbook = try package.read(plan.workbookPart)
        let slow = try TemplateFiller.shiftDefinedNames(workbook, shifts: shifts, file: template, part: plan.workbookPart)
        let compiled = try #require(plan.workbook)
        #expect(compiled.render(shifts: shifts) == slow)
        #expect(!shifts.isEmpty && slow != nil)
        return rendered
    }

    @Test func handBuiltUnitRendersAsRewritten() throws {
        let tables = try TableBuilder(naming: HandBuilt.fullNaming()).build(HandBuilt.accounts)
        #expect(try compare(template: Repo.template, tables: tables, unit: HandBuilt.accounts.unit) == 15)
    }

    @Test func sampleUnitRendersAsRewritten() throws {
        let (accounts, catalogue) = try Sample.load()
        let tables = try TableBuilder(catalogue: catalogue).build(accounts)
        #expect(try compare(template: Repo.template, tables: tables, unit: accounts.unit) == 15)
    }

    @Test(.enabled(if: LibreOffice.available, "需要 LibreOffice（soffice）"))
    func libreOfficeResavedTemplateRendersAsRewritten() throws {
        let resaved = try LibreOffice.resave(Repo.template)
        let tables = try TableBuilder(naming: HandBuilt.fullNaming()).build(HandBuilt.accounts)
        #expect(try compare(template: resaved, tables: tables, unit: HandBuilt.accounts.unit) == 15)
    }
}
