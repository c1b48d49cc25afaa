import Foundation
import Testing
import Accounts
@testable import TableSet
@testable import Reconcile

@Suite struct TableRulesTests {
    let built: [StatTable]
    init() throws { built = try Unit.tables() }

    func readBack(_ tables: [StatTable], edit: (inout [SheetGrid]) -> Void = { _ in }) -> TableReadResult {
        var sheets = tables.filter { $0.id != .t15 }.map { GridRenderer().render($0) }
        edit(&sheets)
        return TableLocator.read(sheets: sheets, workbook: "测试.xlsx")
    }

    @Test func everyRuleHoldsOnBuiltTables() {
        let findings = TableRuleEvaluator(tables: built.byID).evaluate()
        #expect(findings.filter { $0.severity == .error }.isEmpty, "\(findings.map(\.message))")
        // The unit's rounding makes 尾差 somewhere (two 50 元 项 make a 0.01 万元 类), never more.
        #expect(findings.allSatisfy { $0.message.contains("尾差") })
    }

    @Test func everyRuleHoldsOnReadBackCells() {
        let result = readBack(built)
        let findings = TableRuleEvaluator(read: result).evaluate()
        #expect(findings.filter { $0.severity == .error }.isEmpty, "\(findings.map(\.message))")
    }

    @Test func ruleIdsAreUniqueAndNamed() {
        let ids = TableRuleEvaluator.rules.map(\.id)
        #expect(Set(ids).count == ids.count)
        for id in ["T1.本年收入合计", "T1.收支总计", "T2.类款项", "T3.支出构成", "T4.结转", "T6-T8.基本支出", "T3-T6.不超过", "T7-T10.三公"] {
            #expect(ids.contains(id))
        }
    }

    @Test func tamperedValueGivesAnErrorAtItsCell() throws {
        // Table 6, 合计 row (sheet row 5), 基本支出 column (D): 0.01 万元 becomes 5.00 万元.
        let result = readBack(built) { sheets in
            let i = sheets.firstIndex { $0.name == "表6" }!
            #expect(sheets[i].value(4, 3) != .empty)
            sheets[i][4, 3] = .number(5)
        }
        let findings = TableRuleEvaluator(read: result).evaluate().filter { $0.severity == .error }
        let across = try #require(findings.first { $0.rule == "T6.基本项目" })
        guard case let .cells(sheet, cells, table) = across.location else { Issue.record("no cells"); return }
        #expect(sheet == "表6" && table == .t06)
        #expect(cells.contains("C5") && cells.contains("D5"))
        #expect(findings.contains { $0.rule == "T6-T8.基本支出" })
        #expect(findings.contains { $0.rule == "T6.合计" })
        #expect(across.found != nil && across.expected != nil)
    }

    @Test func roundingGapIsAHintAndALargerGapAnError() throws {
        var tables = built.byID
        var t3 = try #require(tables[.t03])
        let total = try #require(t3.panels[0].rows.firstIndex { $0.level == .total })
        t3.panels[0].rows[total].values[1] = (t3.panels[0].rows[total].values[1] ?? 0) + 1   // 0.01 万元 off
        tables[.t03] = t3
        let hints = TableRuleEvaluator(tables: tables).evaluate()
        let hint = try #require(hints.first { $0.rule == "T3.支出构成" && $0.message.contains("合计") })
        #expect(hint.severity == .hint && hint.message.contains("尾差"))
        t3.panels[0].rows[total].values[1] = (t3.panels[0].rows[total].values[1] ?? 0) + 5
        tables[.t03] = t3
        let errors = TableRuleEvaluator(tables: tables).evaluate()
        let error = try #require(errors.first { $0.rule == "T3.支出构成" && $0.severity == .error })
        #expect(error.message.contains("相差 0.06万元"))
    }

    @Test func twoTablesDifferingByACentIsAnError() throws {
        var tables = built.byID
        var t2 = try #require(tables[.t02])
        t2.panels[0].rows[0].values[0] = (t2.panels[0].rows[0].values[0] ?? 0) + 1
        tables[.t02] = t2
        let f = TableRuleEvaluator(tables: tables).evaluate().first { $0.rule == "T1-T2.本年收入合计" }
        #expect(f?.severity == .error)
    }

    @Test func missingTableMakesDependentRulesHintOnce() {
        var tables = built.byID
        tables[.t08] = nil
        let findings = TableRuleEvaluator(tables: tables).evaluate()
        let about8 = findings.filter { $0.location == .table(.t08) }
        #expect(Set(about8.map(\.rule)) == ["T8.人员经费合计", "T8.公用经费合计", "T8.类款", "T6-T8.基本支出"])
        #expect(about8.count == 4 && about8.allSatisfy { $0.severity == .hint && $0.message.contains("无法核对") })
    }

    @Test func partNotAboveWhole() throws {
        var tables = built.byID
        var t10 = try #require(tables[.t10])
        let col = try #require(t10.panels[0].column("决算数/公务用车购置及运行费/公务用车运行费"))
        t10.panels[0].rows[0].values[col] = 0
        tables[.t10] = t10
        let f = TableRuleEvaluator(tables: tables).evaluate().filter { $0.rule == "T7-T10.三公" }
        #expect(f.count == 1 && f.first?.severity == .error)
    }
}
