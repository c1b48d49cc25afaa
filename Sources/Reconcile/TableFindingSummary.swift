import Accounts
import TableSet

/// The short line of a table-rule finding (`Finding.summary`): the two sides compared and the gap,
/// naming a value's table only when it is not the table the finding is filed under.
enum TableFindingSummary {
    /// "「合计」本年收入合计与6项之和差0.01万元（尾差）".
    static func unequal(_ lhs: [QuotedTerm], _ rhs: [QuotedTerm], gapFen: Int64, unit: AmountUnit, hint: Bool,
                        tables: ByTable<StatTable>) -> String {
        let home = (lhs.first { $0.cell != nil } ?? rhs.first { $0.cell != nil })?.table ?? lhs.first?.table
        var text = RuleText(capacity: 160, tables: tables)
        if let first = lhs.first {
            add(first, home: home, to: &text)
            if lhs.count > 1 { text.add(fixed: "等"); text.add(lhs.count); text.add(fixed: "项") }
        }
        text.add(fixed: "与")
        if rhs.count == 1 { add(rhs[0], home: home, to: &text) } else { text.add(rhs.count); text.add(fixed: "项之和") }
        text.add(fixed: "差")
        text.add(fen: abs(gapFen), unit: unit)
        if hint { text.add(fixed: "（尾差）") }
        return text.string
    }

    /// "项目支出超过表3「合计」0.02万元".
    static func exceeds(_ part: QuotedTerm, _ whole: QuotedTerm, gapFen: Int64, hint: Bool, tables: ByTable<StatTable>) -> String {
        let home = part.cell != nil ? part.table : whole.table
        var text = RuleText(capacity: 160, tables: tables)
        add(part, home: home, to: &text)
        text.add(fixed: "超过")
        add(whole, home: home, to: &text)
        text.add(fen: gapFen, unit: part.unit)
        if hint { text.add(fixed: "（尾差）") }
        return text.string
    }

    /// A term's label, preceded by "表N" when the term is not from the `home` table.
    private static func add(_ term: QuotedTerm, home: TableID?, to text: inout RuleText) {
        if term.table != home { text.add(fixed: "表"); text.add(term.table.rawValue) }
        text.add(term.label)
    }
}
