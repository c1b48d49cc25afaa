import Testing
import Foundation
import Accounts
import OOXML
@testable import TableSet

/// The repeated region beyond one band row: 级次 style rows and table 15's per-project blocks.
@Suite struct BlockTests {
    static func indicator(_ l1: String, _ l2: String, _ l3: String) -> PerformanceIndicator {
        PerformanceIndicator(level1: l1, level2: l2, level3: l3, planned: "1", actual: "2")
    }

    /// Two projects: the first with runs of equal 一级 / 二级指标, the second with one indicator.
    static var accounts: UnitAccounts {
        var a = HandBuilt.accounts
        a.performance = [
            PerformanceEvaluation(project: "体检", department: "某局", implementingUnit: "测试单位",
                                  fiscalFunds: HandBuilt.yuan(10_000), otherFunds: .zero, plannedGoal: "完成体检", actualGoal: "已完成",
                                  indicators: [indicator("产出指标", "数量指标", "甲"), indicator("产出指标", "数量指标", "乙"),
                                               indicator("产出指标", "质量指标", "丙"), indicator("效益指标", "社会效益指标", "丁")]),
            PerformanceEvaluation(project: "土地", department: "某局", implementingUnit: "测试单位",
                                  fiscalFunds: HandBuilt.yuan(8_000), otherFunds: HandBuilt.yuan(1), plannedGoal: "开发", actualGoal: "已开发",
                                  indicators: [indicator("满意度指标", "满意度指标", "戊")]),
        ]
        return a
    }

    func filled(_ accounts: UnitAccounts) throws -> (book: WorkbookReader, parts: [String: Data]) {
        let tables = try TableBuilder(naming: HandBuilt.fullNaming()).build(accounts)
        let out = try Scratch.directory() + "/blocks.xlsx"
        try TemplateFiller(templatePath: Repo.template).write(tables, unit: accounts.unit, to: out, overwrite: false)
        let parts = try packageParts(out)
        return (try WorkbookReader(parts: parts), parts)
    }

    func range(_ a1: String) throws -> CellRange {
        let ends = a1.split(separator: ":").map(String.init)
        return CellRange(try CellAddress(ends[0]), try CellAddress(ends[1]))
    }

    @Test func table15HasOneBoxedBlockPerProject() throws {
        let sheet = try filled(Self.accounts).book.sheet(named: TableID.t15.title)
        let cells = shownCells(sheet)
        // Block 1: rows 4–9 fixed, 10 indicator header, 11–14 indicators; block 2 from row 15.
        #expect(cells["A4"] == "项目名称" && cells["B4"] == "体检")
        #expect(cells["B5"] == "某局" && cells["D5"] == "实施单位" && cells["E5"] == "测试单位")
        #expect(cells["B6"] == "财政拨款" && cells["C6"] == "1.00万元" && cells["B7"] == "其他资金" && cells["C7"] == "0.00万元")
        #expect(cells["B9"] == "完成体检" && cells["D9"] == "已完成")
        #expect(cells["B10"] == "一级指标" && cells["F10"] == "实际完成指标值")
        #expect((11...14).map { cells["D\($0)"] } == ["甲", "乙", "丙", "丁"])
        #expect(cells["A15"] == "项目名称" && cells["B15"] == "土地" && cells["C17"] == "0.80万元" && cells["C18"] == "0.00万元" && cells["C16"] == nil)
        #expect(cells["D22"] == "戊" && cells["A23"] == nil)
        // Merges: 一级指标 over 产出 ×3, 二级指标 over 数量 ×2, the 年度绩效指标 label over header and
        // indicators of each block, and the single-row merges of each block.
        #expect(sheet.merge(containing: try CellAddress("B11")) == (try range("B11:B13")))
        #expect(sheet.merge(containing: try CellAddress("C11")) == (try range("C11:C12")))
        #expect(sheet.merge(containing: try CellAddress("C13")) == nil)
        #expect(sheet.merge(containing: try CellAddress("B14")) == nil)
        #expect(sheet.merge(containing: try CellAddress("A10")) == (try range("A10:A14")))
        #expect(sheet.merge(containing: try CellAddress("A21")) == (try range("A21:A22")))
        #expect(sheet.merge(containing: try CellAddress("B15")) == (try range("B15:F15")))
        #expect(sheet.merge(containing: try CellAddress("A16")) == nil)
        #expect(sheet.merge(containing: try CellAddress("A17")) == (try range("A17:A18")))
    }

    @Test func table15WithoutProjectsKeepsOnlyItsSentence() throws {
        var a = Self.accounts
        a.performance = []
        let sheet = try filled(a).book.sheet(named: TableID.t15.title)
        let cells = shownCells(sheet)
        #expect(cells["A4"] == "本单位2021年度无项目支出绩效目标自评，故本表为空表。")
        #expect(!cells.values.contains("项目名称"))
        #expect(sheet.merge(containing: try CellAddress("A5")) == nil)
    }

    /// Cell styles (s attributes) of a worksheet part, by cell, for the given column letter.
    static func styles(_ xml: Data, column: String = "B") -> [String: String] {
            let text = String(decoding: xml, as: UTF8.self)
            let pattern = try! NSRegularExpression(pattern: "<c r=\"(\(column)[0-9]+)\" s=\"([0-9]+)\"")
            var result: [String: String] = [:]
            for m in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let ns = text as NSString
                result[ns.substring(with: m.range(at: 1))] = ns.substring(with: m.range(at: 2))
            }
            return result
    }

    /// Every subject row takes the style of the template's band row for its level.
    @Test func subjectRowsTakeTheStyleOfTheirLevel() throws {
        let parts = try filled(HandBuilt.accounts).parts
        let styles = { (xml: Data) in Self.styles(xml) }
        let template = styles(try #require(try packageParts(Repo.template)["xl/worksheets/sheet3.xml"]))
        let out = styles(try #require(parts["xl/worksheets/sheet3.xml"]))
        // Template band rows 6–9: 合计, 类, 款, 项, each styled differently.
        let byLevel: [RowLevel: String?] = [.total: template["B6"], .category: template["B7"], .section: template["B8"], .item: template["B9"]]
        #expect(Set(byLevel.values.compactMap { $0 }).count == 4)
        let rows = try TableBuilder(naming: HandBuilt.fullNaming()).build(HandBuilt.accounts)[2].panels[0].rows
        #expect(rows.count > 4)
        for (k, row) in rows.enumerated() {
            #expect(out["B\(6 + k)"] == byLevel[row.level] ?? nil, "\(row.name)")
        }
    }

    /// Table 8's side-by-side panels: each name cell is styled by the level of its own panel's row.
    @Test func sidePanelsTakeTheStyleOfTheirOwnLevel() throws {
        // The fourth rows differ: 303 (类) on the left, 30211 (款) on the right.
        var a = HandBuilt.accounts
        a.expenditure.removeAll { $0.economicCode == "30110" }
        a.expenditure += [
            ExpenditureFact(functionalCode: "2080101", economicCode: "30302", fund: .generalBudget, nature: .basicPersonnel, amount: HandBuilt.yuan(7)),
            ExpenditureFact(functionalCode: "2080101", economicCode: "30211", fund: .generalBudget, nature: .basicPublic, amount: HandBuilt.yuan(9)),
        ]
        let parts = try filled(a).parts
        let templatePart = try #require(try packageParts(Repo.template)["xl/worksheets/sheet8.xml"])
        let outPart = try #require(parts["xl/worksheets/sheet8.xml"])
        let panels = try TableBuilder(naming: HandBuilt.fullNaming()).build(a)[7].panels
        #expect(panels.map { $0.rows.map(\.level) } == [[.total, .category, .section, .category, .section],
                                                          [.total, .category, .section, .section]])
        for (p, column) in ["B", "E"].enumerated() {
            let template = Self.styles(templatePart, column: column), out = Self.styles(outPart, column: column)
            // Template band rows 6–8: 合计, 类, 款.
            let byLevel: [RowLevel: String?] = [.total: template["\(column)6"], .category: template["\(column)7"], .section: template["\(column)8"]]
            #expect(Set(byLevel.values.compactMap { $0 }).count == 3)
            #expect(panels[p].rows.count >= 3)
            for (k, row) in panels[p].rows.enumerated() {
                #expect(out["\(column)\(6 + k)"] == byLevel[row.level] ?? nil, "\(panels[p].name) \(row.name)")
            }
        }
    }
}
