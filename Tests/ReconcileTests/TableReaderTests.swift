import Foundation
import Testing
import Accounts
@testable import TableSet
@testable import Reconcile

/// The parts of a table that reading back must preserve.
func comparable(_ t: StatTable) -> [String] {
    t.panels.flatMap { p in
        ["panel \(p.name) \(p.columns)"] + p.rows.map { "\($0.code ?? "-") \($0.name) \($0.level) \($0.values)" }
    }
}

@Suite struct TableReaderTests {
    let built: [StatTable]
    init() throws { built = try Unit.tables().filter { $0.id != .t15 } }

    func readBack(_ renderer: GridRenderer, shuffle: Bool = false) -> TableReadResult {
        var sheets = built.map { renderer.render($0, sheet: "Sheet\($0.id.rawValue)") }
        if shuffle { sheets.reverse() }
        return TableLocator.read(sheets: sheets, workbook: "测试.xlsx")
    }

    @Test func readsEveryTableBackUnchanged() {
        let result = readBack(GridRenderer(), shuffle: true)
        for t in built {
            let read = result.tables[t.id]
            #expect(read != nil, "\(t.id.title) not found")
            if let read { #expect(comparable(read) == comparable(t), "\(t.id.title)") ; #expect(read.unit == .wanYuan) }
        }
        // Only table 15 (not rendered here) is reported missing, as a hint.
        #expect(result.problems.filter { $0.severity == .error }.isEmpty)
        #expect(result.problems.map(\.location) == [.table(.t15)])
    }

    @Test func readsSplitCodeColumnsTotalAtBottomAndNumericText() {
        let renderer = GridRenderer(splitCodes: true, totalAtBottom: true, title: { "攀枝花市某单位" + $0.title }, numbersAsText: true, columnNumberRow: false)
        let result = readBack(renderer)
        for t in built where ![.t01, .t04].contains(t.id) {
            guard let read = result.tables[t.id] else { Issue.record("\(t.id.title) not found"); continue }
            // Same rows, total moved to the bottom.
            let sortedRead = comparable(read).sorted(), sortedBuilt = comparable(t).sorted()
            #expect(sortedRead == sortedBuilt, "\(t.id.title)")
        }
        let t2 = result.tables[.t02]
        #expect(t2?.panels[0].row(code: "2080101") != nil)
        #expect(t2?.panels[0].rows.last?.level == .total)
    }

    @Test func recordsTheCellOfEveryValue() throws {
        let result = readBack(GridRenderer())
        let t2 = try #require(result.tables[.t02])
        let source = try #require(result.sources[.t02])
        #expect(source.sheet == "Sheet2")
        // Title row, info row, one header row, 栏次 row: the 合计 row is row 5; 本年收入合计 is column C.
        #expect(t2.panels[0].rows[0].level == .total)
        #expect(source.cell(panel: 0, row: 0, column: 0) == "C5")
        #expect(source.cell(panel: 0, row: 0, column: 6) == "I5")
        #expect(source.unitCell == "I2")
    }

    @Test func titleMatchingPrefersTheLongestTitle() {
        let sheet = SheetGrid(name: "x", rows: [[.text("2021年 财政拨款收入支出决算总表")]])
        #expect(TableLocator.findTitle(in: sheet)?.0 == .t04)
        let quoted = SheetGrid(name: "y", rows: [[.empty, .text("一般公共预算财政拨款\"三公\"经费支出决算表")]])
        #expect(TableLocator.findTitle(in: quoted)?.0 == .t10)
        let note = SheetGrid(name: "z", rows: [[.text("本单位2021年度无政府性基金预算财政拨款收入、支出，故本表为空表。")]])
        #expect(TableLocator.findTitle(in: note) == nil)
    }

    @Test func unreadableValuesAndMissingTablesAreFindings() throws {
        var sheet = GridRenderer().render(try #require(built.first { $0.id == .t06 }))
        sheet.cells[4, default: [:]][2] = .text("约1.5")
        let result = TableLocator.read(sheets: [sheet], workbook: "w.xlsx")
        let bad = result.problems.first { $0.rule == "读取.数值" }
        #expect(bad?.location == .cells(sheet: "表6", cells: ["C5"], table: .t06))
        #expect(result.problems.filter { $0.rule == "读取.缺少表格" }.count == 14)
        #expect(result.tables[.t06] != nil)
    }

    @Test func amountTextForms() {
        func parse(_ s: String) -> Decimal?? {
            switch TextNorm.amount(.text(s)) { case let .success(d): return .some(d); case .failure: return .none }
        }
        #expect(parse("1,704.87") == .some(Decimal(string: "1704.87")))
        #expect(parse("-") == .some(nil))
        #expect(parse(" ") == .some(nil))
        #expect(parse("（3.5）") == .some(Decimal(string: "-3.5")))
        #expect(parse("abc") == Decimal??.none)
        #expect(TextNorm.hundredths(Decimal(string: "1704.8700000001")!) == 170487)
    }
}
