import Foundation
import Testing
import Accounts
import OOXML
@testable import TableSet
@testable import Reconcile

/// Writes grids to a real .xlsx with the project's WorkbookWriter, so the reader is tested through a file.
func writeWorkbook(_ grids: [SheetGrid], name: String) throws -> String {
    let path = try SampleExport.scratch(name)
    let wb = WorkbookWriter()
    for grid in grids {
        let sheet = try wb.addSheet(named: grid.name)
        for cell in grid.cells {   // in row, then column order
            switch cell.value {
            case let .text(s): try sheet.set(s, at: CellAddress(row: cell.row, column: cell.column))
            case let .number(d): try sheet.set(d, at: CellAddress(row: cell.row, column: cell.column))
            default: break
            }
        }
        for m in grid.merges where m.firstRow != m.lastRow || m.firstColumn != m.lastColumn {
            try sheet.merge(SheetGrid.a1(row: m.firstRow, column: m.firstColumn) + ":" + SheetGrid.a1(row: m.lastRow, column: m.lastColumn))
        }
    }
    try wb.write(to: path, overwrite: true)
    return path
}

/// Layouts of published workbooks other than ours: finance software (部门决算软件) and WPS exports.
@Suite struct ExportLayoutTests {
    let built: [StatTable]
    init() throws { built = try Unit.tables().filter { $0.id != .t15 } }

    /// The same table in 元: values ×10000 (hundredths of 万元 → hundredths of 元).
    static func inYuan(_ t: StatTable) -> [String] {
        var t = t
        for p in t.panels.indices {
            for r in t.panels[p].rows.indices { t.panels[p].rows[r].values = t.panels[p].rows[r].values.map { $0.map { $0 * 10_000 } } }
        }
        return comparable(t)
    }

    /// "2021年度" titles, 编制单位 and 金额单位：元 on one row, three header rows (项目 / 功能分类科目编码 /
    /// 类·款·项) and a 栏次 row, only each row's own code level, names indented with full-width spaces,
    /// amounts as text with thousands separators.
    @Test func financeSoftwareExportReadsBack() throws {
        let renderer = GridRenderer(splitCodes: true, title: { "2021年度" + $0.title }, numbersAsText: true,
                                    lowestCodeOnly: true, yuan: true, projectHeader: true, indentByLevel: true)
        let path = try writeWorkbook(built.map { renderer.render($0, sheet: "公开\($0.id.rawValue)表") }, name: "财务软件导出.xlsx")
        let result = try TableLocator.read(workbook: path)
        #expect(result.problems.filter { $0.severity == .error }.isEmpty, "\(result.problems.map(\.message))")
        for t in built {
            guard let read = result.tables[t.id] else { Issue.record("\(t.id.title) not found"); continue }
            #expect(read.unit == .yuan, "\(t.id.title)")
            #expect(comparable(read) == Self.inYuan(t), "\(t.id.title)")
        }
        // 项 rows get their 类 and 款 from the rows above: "01" under 项 after "05" under 款 after "208" under 类.
        let t2 = try #require(result.tables[.t02])
        #expect(t2.panels[0].row(code: "2080101")?.name == "行政运行")
        // 编制单位 in A2 and 金额单位 in the last column (K) of the same row.
        #expect(result.sources[.t02]?.unitCell == "K2")
    }

    /// WPS stores the 栏次 numbers as numbers, sometimes without the word 栏次: still header, not data.
    @Test func numericColumnNumbersAreNotData() throws {
        let renderer = GridRenderer(bareNumericColumnNumbers: true)
        let result = TableLocator.read(sheets: built.map { renderer.render($0) }, workbook: "wps.xlsx")
        for t in built where t.panels.allSatisfy({ $0.columns.count >= 3 }) {
            #expect(result.tables[t.id].map(comparable) == comparable(t), "\(t.id.title)")
        }
    }

    /// Other wordings of the line above the header: 填报单位 / 单位名称, and "单位：元" at the end of a cell.
    @Test func unitLinesInOtherWordings() throws {
        for line in [("填报单位：测试单位", "单位：元"), ("单位名称：测试单位", "金额单位：元"), ("部门：测试局　　单位：元", "")] {
            let renderer = GridRenderer(yuan: true, infoLine: line)
            let result = TableLocator.read(sheets: built.map { renderer.render($0) }, workbook: "x.xlsx")
            for t in built {
                let read = result.tables[t.id]
                #expect(read?.unit == .yuan && read.map(comparable) == Self.inYuan(t), "\(line) \(t.id.title)")
            }
            #expect(!result.problems.contains { $0.rule == "读取.金额单位" }, "\(line)")
        }
        #expect(TableSheetParser.statedUnit("编制单位:某单位") == nil)
        #expect(TableSheetParser.statedUnit("单位:万元") == .wanYuan && TableSheetParser.statedUnit("部门:某局单位:元") == .yuan)
    }

    /// A code written whole in its level's column ("20805" under 款), and a 项 code under a 款 written whole.
    @Test func splitCodeCompletion() {
        var carried: [Int: String] = [:]
        func complete(_ parts: [Int: String]) -> [Int: String] {
            var p = parts
            TableSheetParser.completeSplitCode(&p, carried: &carried)
            return p
        }
        #expect(complete([0: "208"]) == [0: "208"])
        #expect(complete([1: "05"]) == [0: "208", 1: "05"])
        #expect(complete([2: "01"]) == [0: "208", 1: "05", 2: "01"])
        #expect(complete([1: "20807"]) == [1: "20807"])
        #expect(complete([2: "02"]) == [0: "208", 1: "07", 2: "02"])
        carried = [:]
        #expect(complete([1: "05"]) == [1: "05"])   // nothing above: left as written
    }

    /// Table 8 as finance software prints it: 人员经费 in one column group, 公用经费 spread over two groups
    /// side by side, the 公用经费合计 label in the second group and its amount in the third.
    static var t08Sheet: SheetGrid {
        func t(_ s: String) -> GridValue { .text(s) }
        func n(_ s: String) -> GridValue { .number(Decimal(string: s)!) }
        let e = GridValue.empty
        let rows: [[GridValue]] = [
            [t("2021年度一般公共预算财政拨款基本支出决算表")],
            [t("编制单位：测试单位"), e, e, e, e, e, e, e, t("金额单位：万元")],
            [t("人员经费"), e, e, t("公用经费")],
            [t("科目编码"), t("科目名称"), t("决算数"), t("科目编码"), t("科目名称"), t("决算数"), t("科目编码"), t("科目名称"), t("决算数")],
            [t("301"), t("工资福利支出"), n("10.00"), t("302"), t("商品和服务支出"), n("3.00"), t("307"), t("债务利息及费用支出"), n("0")],
            [t("30101"), t("　基本工资"), n("6.00"), t("30201"), t("　办公费"), n("1.00"), t("310"), t("资本性支出"), n("0.50")],
            [t("30102"), t("　津贴补贴"), n("4.00"), t("30211"), t("　差旅费"), n("2.00"), t("31002"), t("　办公设备购置"), n("0.50")],
            [t("303"), t("对个人和家庭的补助"), n("1.00")],
            [t("30302"), t("　退休费"), n("1.00")],
            [t("人员经费合计"), e, n("11.00"), t("公用经费合计"), e, e, e, e, n("3.50")],
        ]
        let merges = [GridRange(firstRow: 0, firstColumn: 0, lastRow: 0, lastColumn: 8),
                      GridRange(firstRow: 2, firstColumn: 0, lastRow: 2, lastColumn: 2),
                      GridRange(firstRow: 2, firstColumn: 3, lastRow: 2, lastColumn: 8),
                      GridRange(firstRow: 9, firstColumn: 0, lastRow: 9, lastColumn: 1),
                      GridRange(firstRow: 9, firstColumn: 3, lastRow: 9, lastColumn: 7)]
        return SheetGrid(name: "公开08表", rows: rows, merges: merges)
    }

    @Test func table8WithPublicFundsOverTwoColumnGroups() throws {
        let path = try writeWorkbook([Self.t08Sheet], name: "表8.xlsx")
        let result = try TableLocator.read(workbook: path)
        let t8 = try #require(result.tables[.t08])
        #expect(t8.panels.map(\.name) == ["人员经费", "公用经费"])
        #expect(t8.panels[0].rows.map { $0.code ?? $0.name } == ["301", "30101", "30102", "303", "30302", "人员经费合计"])
        #expect(t8.panels[1].rows.map { $0.code ?? $0.name } == ["302", "30201", "30211", "307", "310", "31002", "公用经费合计"])
        #expect(t8.panels[1].rows.last?.values == [350] && t8.panels[1].rows.last?.level == .total)
        #expect(t8.panels[1].row(code: "30201")?.name == "办公费")
        // The 公用经费合计 amount is found at its own cell, I10.
        #expect(result.sources[.t08]?.cell(panel: 1, row: 6, column: 0) == "I10")
        let errors = TableRuleEvaluator(read: result).evaluate().filter { $0.severity == .error && $0.rule.hasPrefix("T8.") }
        #expect(errors.isEmpty, "\(errors.map(\.message))")
        // An edited amount breaks the 公用经费 total at its cell.
        var edited = Self.t08Sheet
        edited[5, 8] = .number(Decimal(string: "0.60")!)
        let broken = TableRuleEvaluator(read: TableLocator.read(sheets: [edited], workbook: "表8.xlsx")).evaluate()
        #expect(broken.contains { $0.rule.hasPrefix("T8.") && $0.severity == .error && $0.locationCells.contains("I6") })
    }

    /// Table 1 as finance software prints it: 收入 and 支出 side by side, each 项目 · 行次 · 金额, a 栏次 row,
    /// income lines numbered "一、…", amounts in 元 with thousands separators.
    @Test func table1WithLineNumbersInYuan() throws {
        let renderer = GridRenderer(title: { "2021年度" + $0.title }, numbersAsText: true, yuan: true)
        let t1 = try #require(built.first { $0.id == .t01 })
        let path = try writeWorkbook([renderer.render(t1, sheet: "公开01表")], name: "表1.xlsx")
        let read = try #require(try TableLocator.read(workbook: path).tables[.t01])
        #expect(read.unit == .yuan && comparable(read) == Self.inYuan(t1))
        #expect(read.panels.map(\.name) == ["收入", "支出"])
        #expect(read.panels[0].rows.first?.name.hasPrefix("一、") == true)
    }
}
