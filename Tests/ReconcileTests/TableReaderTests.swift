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
        let alias = SheetGrid(name: "a", rows: [[.text("部门收入支出决算表")]])
        #expect(TableLocator.findTitle(in: alias)?.0 == .t01)
        let note = SheetGrid(name: "z", rows: [[.text("本单位2021年度无政府性基金预算财政拨款收入、支出，故本表为空表。")]])
        #expect(TableLocator.findTitle(in: note) == nil)
    }

    @Test func unreadableValuesAndMissingTablesAreFindings() throws {
        var sheet = GridRenderer().render(try #require(built.first { $0.id == .t06 }))
        sheet[4, 2] = .text("约1.5")
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

/// A table laid out as published documents do (not as our export does): 项目 over split 类/款/项 code
/// columns, a 栏次 row, 合计 merged across the label columns, a note under the table.
@Suite struct PublishedLayoutTests {
    static func t(_ s: String) -> GridValue { .text(s) }
    static func n(_ s: String) -> GridValue { .number(Decimal(string: s)!) }

    static var sheet: SheetGrid {
        let rows: [[GridValue]] = [
            [t("2021年度 支出决算表")],
            [.empty, .empty, .empty, .empty, .empty, .empty, .empty, .empty, .empty, t("公开03表")],
            [t("编制单位：测试单位"), .empty, .empty, .empty, .empty, .empty, .empty, .empty, .empty, t("金额单位：万元")],
            [t("项目"), .empty, .empty, .empty, t("本年支出合计"), t("基本支出"), t("项目支出"), t("上缴上级支出"), t("经营支出"), t("对附属单位补助支出")],
            [t("功能分类科目编码"), .empty, .empty, t("科目名称")],
            [t("类"), t("款"), t("项")],
            [t("栏次"), .empty, .empty, .empty, t("1"), t("2"), t("3"), t("4"), t("5"), t("6")],
            [t("合计"), .empty, .empty, .empty, t("1,704.86"), n("129.40"), n("1575.46"), t("-"), t("-"), t("-")],
            [t("208"), .empty, .empty, t("社会保障和就业支出"), n("1680.66"), n("110.11"), n("1570.55")],
            [t("208"), t("05"), .empty, t("  行政事业单位养老支出"), n("12.60"), n("12.60"), n("0")],
            [t("208"), t("05"), t("01"), t("    行政单位离退休"), n("3.27"), n("3.27"), n("0")],
            [t("208"), t("05"), t("05"), t("    机关事业单位基本养老保险缴费支出"), n("9.33"), n("9.33"), n("0")],
            [t("208"), t("08"), .empty, t("  其他款"), n("1668.06"), n("97.51"), n("1570.55")],
            [t("210"), .empty, .empty, t("卫生健康支出"), n("7.58"), n("7.58"), n("0")],
            [t("221"), .empty, .empty, t("住房保障支出"), n("16.62"), n("11.71"), n("4.91")],
            [],
            [t("注：本表反映部门本年度各项支出情况。")],
        ]
        let merges = [GridRange(firstRow: 0, firstColumn: 0, lastRow: 0, lastColumn: 9),
                      GridRange(firstRow: 3, firstColumn: 0, lastRow: 3, lastColumn: 3),
                      GridRange(firstRow: 4, firstColumn: 0, lastRow: 4, lastColumn: 2),
                      GridRange(firstRow: 4, firstColumn: 3, lastRow: 5, lastColumn: 3)]
            + (4...9).map { GridRange(firstRow: 3, firstColumn: $0, lastRow: 5, lastColumn: $0) }
            + [GridRange(firstRow: 6, firstColumn: 0, lastRow: 6, lastColumn: 3), GridRange(firstRow: 7, firstColumn: 0, lastRow: 7, lastColumn: 3)]
        return SheetGrid(name: "附表3", rows: rows, merges: merges)
    }

    @Test func readsThePublishedLayout() throws {
        let result = TableLocator.read(sheets: [Self.sheet], workbook: "公开.xlsx")
        let t3 = try #require(result.tables[.t03])
        let p = t3.panels[0]
        #expect(p.columns == ["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"])
        #expect(p.rows.map { $0.code ?? $0.name } == ["合计", "208", "20805", "2080501", "2080505", "20808", "210", "221"])
        #expect(p.rows[0].level == .total && p.rows[0].values == [170486, 12940, 157546, nil, nil, nil])
        #expect(p.row(code: "2080505")?.name == "机关事业单位基本养老保险缴费支出")
        #expect(result.sources[.t03]?.cell(panel: 0, row: 0, column: 0) == "E8")
    }

    @Test func rulesPointAtTheWrongCellOfThePublishedLayout() throws {
        let result = TableLocator.read(sheets: [Self.sheet], workbook: "公开.xlsx")
        let findings = TableRuleEvaluator(read: result).evaluate().filter { $0.severity == .error }
        // 221: 11.71 + 4.91 = 16.62 holds; the 合计 of 基本支出 (129.40) ≠ 110.11 + 7.58 + 11.71 = 129.40 holds;
        // 208 = 12.60 + 1668.06 = 1680.66 holds; 项目支出 合计 1575.46 ≠ 1570.55 + 0 + 4.91 = 1575.46 holds.
        // 本年支出合计: 1680.66 + 7.58 + 16.62 = 1704.86 holds. Nothing is wrong until a cell is edited.
        #expect(findings.isEmpty, "\(findings.map(\.message))")
        var edited = Self.sheet
        edited[14, 5] = Self.n("12.71")   // 221 基本支出: 11.71 → 12.71
        let broken = TableRuleEvaluator(read: TableLocator.read(sheets: [edited], workbook: "公开.xlsx")).evaluate()
            .filter { $0.severity == .error }
        #expect(broken.contains { $0.rule == "T3.支出构成" && $0.locationCells.contains("F15") && $0.message.contains("221") })
        #expect(broken.contains { $0.rule == "T3.合计" && $0.locationCells.contains("F15") })
    }
}

/// Bad input never crashes: sheets of arbitrary values under a table title give tables or findings.
@Suite struct ReaderRobustnessTests {
    @Test func arbitrarySheetsUnderTitlesDoNotCrash() {
        var seed: UInt64 = 20211231
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        let words = ["合计", "总计", "栏次", "类", "款", "项", "科目编码", "科目名称", "项目", "行次", "金额", "208", "05", "2080505",
                     "一、", "注：本表为空表", "1,704.87", "-", "abc", "金额单位：元", "本年支出/合计", "决算数", "人员经费合计"]
        for round in 0..<200 {
            let id = TableID.allCases[round % 15]
            var rows: [[GridValue]] = [[.text("2021年" + id.title)]]
            for _ in 0..<next(12) {
                rows.append((0..<next(9)).map { _ in
                    switch next(5) {
                    case 0: return .empty
                    case 1: return .number(Decimal(next(100_000)) / 100)
                    case 2: return .bool(next(2) == 0)
                    case 3: return .error("#N/A")
                    default: return .text(words[next(words.count)])
                    }
                })
            }
            let merges = (0..<next(4)).map { _ -> GridRange in
                let r = next(10), c = next(8)
                return GridRange(firstRow: r, firstColumn: c, lastRow: r + next(3), lastColumn: c + next(3))
            }
            let result = TableLocator.read(sheets: [SheetGrid(name: "S\(round)", rows: rows, merges: merges)], workbook: "x.xlsx")
            #expect(result.tables[id] != nil || result.problems.contains { $0.location == .table(id) || $0.rule == "读取.表头" })
            _ = TableRuleEvaluator(read: result).evaluate()
        }
    }
}
