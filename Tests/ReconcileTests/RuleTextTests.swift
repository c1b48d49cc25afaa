import Testing
import Accounts
import TableSet
@testable import Reconcile

/// The byte buffer that writes table-rule findings gives the text the String operations it replaced give.
@Suite struct RuleTextTests {
    @Test func amountsAsMoneyShowsThem() {
        let values: [Int64] = [0, 1, 9, 10, 99, 100, 101, 12_345, -1, -99, -100, -170_487, 1_704_87_00, Int64.max / 10_000, -(Int64.max / 10_000)]
        for unit in [AmountUnit.wanYuan, .yuan] {
            for v in values {
                var text = RuleText(capacity: 8)
                text.add(hundredths: v, unit: unit)
                #expect(text.string == Money.decimalText(v, scale: 2) + unit.rawValue, "\(v) \(unit)")
            }
            for fen: Int64 in [0, 4_999, 5_000, -5_000, -4_999, 123_456_789, -123_456_789] {
                let m = Money(fen: fen)
                #expect(m.shownText(unit) == Money.decimalText(unit.shown(m), scale: 2) + unit.rawValue, "\(fen) \(unit)")
            }
        }
    }

    @Test func termsAndPiecesJoinAsStrings() {
        let value = Term(hundredths: 5, unit: .wanYuan, table: .t12, place: nil, label: "「208 社会保障和就业支出」合计")
        var term = QuotedTerm(term: value, cell: "C7", sheet: "收入决算表")
        #expect(term.described() == "表12「208 社会保障和就业支出」合计（「收入决算表」C7）")
        term.sheet = nil
        #expect(term.described() == "表12「208 社会保障和就业支出」合计（C7）")
        term.cell = nil
        #expect(term.described() == "表12「208 社会保障和就业支出」合计")
        var text = RuleText(capacity: 0)
        text.add("e\u{0301}"); text.add(-3); text.add(0); text.add("ｘ")
        #expect(text.string == "e\u{0301}-30ｘ")
    }

    /// Labels naming a row and column by index write what `RuleContext.rowLabel` writes.
    @Test func labelsOfRowsAndColumns() {
        let rows = [TableRow(code: "20805", name: "行政事业单位养老支出", level: .section, values: [1, 2]),
                    TableRow(code: nil, name: "合计", level: .total, values: [3, 4])]
        let table = StatTable(id: .t03, unit: .wanYuan, panels: [TablePanel(name: "", columns: ["基本支出", "项目支出"], rows: rows)])
        let tables = ByTable([TableID.t03: table])
        func written(_ label: TermLabel) -> String {
            QuotedTerm(term: Term(hundredths: 0, unit: .wanYuan, table: .t03, place: nil, label: label)).described(in: tables)
        }
        #expect(written(.row(.t03, panel: 0, 0, then: .column(1))) == "表3" + RuleContext.rowLabel(rows[0], then: "项目支出"))
        #expect(written(.row(.t03, panel: 0, 1)) == "表3「合计」")
        #expect(written(.name(.t03, panel: 0, 0, then: .bracketedColumn(0))) == "表3「行政事业单位养老支出」（基本支出）")
        #expect(written(.row(.t03, panel: 0, 0, then: .text("本年收入"))) == "表3「20805 行政事业单位养老支出」本年收入")
        #expect(written(.column("本年支出合计", "合计")) == "表3本年支出合计（合计）")
        #expect(written(.quoted("外交支出")) == "表3「外交支出」")
        // A row or table that is not there is left out rather than trapping.
        #expect(written(.row(.t03, panel: 0, 5)) == "表3")
        #expect(written(.row(.t04, panel: 0, 0)) == "表3")
    }

    /// Texts longer than the first buffer grow it.
    @Test func textGrowsPastItsCapacity() {
        var text = RuleText(capacity: 1)
        var expected = ""
        for i in 0..<200 { text.add("项\(i)、"); expected += "项\(i)、" }
        #expect(text.string == expected)
    }

    @Test func rowLabels() {
        let row = TableRow(code: "20805", name: "行政事业单位养老支出", level: .section, values: [])
        #expect(RuleContext.rowLabel(row) == "「20805 行政事业单位养老支出」")
        #expect(RuleContext.rowLabel(row, then: "基本支出") == "「20805 行政事业单位养老支出」基本支出")
        let plain = TableRow(code: nil, name: "合计", level: .total, values: [])
        #expect(RuleContext.rowLabel(plain, then: "") == "「合计」")
    }

    @Test func byteSuffixMatchesStringSuffix() {
        let keys = ["本年收入合计", "合计", "计", "人员经费合计", "小计", "总计x", "e\u{0301}合计", "科目编码", "功能分类科目名称", "", "合计\u{0301}"]
        for key in keys {
            for word in ["合计", "总计", "科目编码", "科目名称"] {
                let plain = TextScan.isPlain(key)
                #expect(TableSheetParser.hasSuffix(key, word, plain: plain) == key.hasSuffix(word), "\(key) / \(word)")
            }
            let expected = (key.hasSuffix("合计") || key.hasSuffix("总计") || key.hasSuffix("小计")) && key.count <= 8
            #expect(TableSheetParser.isTotalName(key) == expected, "\(key)")
        }
    }
}

extension QuotedTerm {
    /// The term as a finding quotes it, written alone: "表2「208 社会保障和就业支出」合计（「收入决算表」C7）",
    /// rows named in the label found in `tables`.
    func described(in tables: ByTable<StatTable>? = nil) -> String {
        var text = RuleText(capacity: 96, tables: tables)
        text.add(self)
        return text.string
    }
}
