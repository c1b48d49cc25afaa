import Testing
import Accounts
@testable import TableSet

/// The sample unit's shown values reproduce its published narrative.
@Suite struct SampleTests {
    let tables: [TableID: StatTable]

    init() throws {
        let (accounts, catalogue) = try Sample.load()
        let list = try TableBuilder(catalogue: catalogue).build(accounts)
        tables = Dictionary(uniqueKeysWithValues: list.map { ($0.id, $0) })
    }

    func shown(_ id: TableID, _ panel: Int = 0, row: String, column: String) -> String? {
        let p = tables[id]!.panels[panel]
        guard let r = p.row(named: row) ?? p.row(code: row), let c = p.column(column), let v = r.values[c] else { return nil }
        return Money.decimalText(v, scale: 2)
    }

    @Test func table1() {
        #expect(shown(.t01, row: "总计", column: "金额") == "1704.87")
        #expect(shown(.t01, 1, row: "总计", column: "金额") == "1704.87")
        #expect(shown(.t01, row: "本年收入合计", column: "金额") == "1702.33")
        #expect(shown(.t01, row: "一、一般公共预算财政拨款收入", column: "金额") == "1697.41")
        #expect(shown(.t01, row: "二、政府性基金预算财政拨款收入", column: "金额") == "4.92")
        #expect(shown(.t01, row: "八、其他收入", column: "金额") == "0.01")
        #expect(tables[.t01]!.panels[1].rows.filter { $0.level == .category }.count == 27)
    }

    @Test func table3() {
        #expect(shown(.t03, row: "合计", column: "本年支出合计") == "1704.86")
        #expect(shown(.t03, row: "合计", column: "基本支出") == "129.40")
        #expect(shown(.t03, row: "合计", column: "项目支出") == "1575.46")
    }

    @Test func table6MatchesSectionFive() {
        #expect(shown(.t06, row: "合计", column: "合计") == "1699.94")
        #expect(shown(.t06, row: "208", column: "合计") == "1680.66")
        #expect(shown(.t06, row: "210", column: "合计") == "7.58")
        #expect(shown(.t06, row: "221", column: "合计") == "11.70")
        // 五(三): each 项
        let items = ["2080101": "97.52", "2080199": "2.54", "2080501": "3.27", "2080505": "9.33", "2080799": "1568.01",
                     "2101101": "6.62", "2101103": "0.96", "2210201": "11.70"]
        for (code, value) in items { #expect(shown(.t06, row: code, column: "合计") == value, "\(code)") }
        #expect(tables[.t06]!.panels[0].row(code: "212") == nil)   // 政府性基金 money stays out of table 6
    }

    @Test func table8AndFunds() {
        #expect(shown(.t08, 0, row: "人员经费合计", column: "决算数") == "118.95")
        #expect(shown(.t08, 1, row: "公用经费合计", column: "决算数") == "10.45")
        #expect(shown(.t04, 1, row: "本年支出合计", column: "政府性基金预算财政拨款") == "4.92")
        #expect(shown(.t11, row: "合计", column: "本年支出/合计") == "4.92")
        #expect(shown(.t11, row: "合计", column: "本年收入") == "4.92")
        #expect(tables[.t11]!.isEmpty == false)
        #expect([TableID.t12, .t13, .t14].allSatisfy { tables[$0]!.isEmpty })
        #expect(tables[.t15]!.panels.map(\.name) == ["上级就业创业补助资金"])
    }

    @Test func everyRelationHolds() {
        var checker = RelationChecker(TableID.allCases.map { tables[$0]! })
        checker.checkAll()
        #expect(checker.failures == [])
    }
}
