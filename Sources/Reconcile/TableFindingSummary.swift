import Accounts
import TableSet

/// The short line of a table-rule finding (`Finding.summary`): the two sides compared and the gap,
/// naming a value's table only when it is not the table the finding is filed under.
enum TableFindingSummary {
    /// "「合计」本年收入合计与6项之和差0.01万元（尾差）".
    static func unequal(_ lhs: [Term], _ rhs: [Term], gapFen: Int64, unit: AmountUnit, hint: Bool) -> String {
        let home = (lhs + rhs).first { $0.cell != nil }?.table ?? lhs.first?.table
        func name(_ t: Term) -> String { (t.table == home ? "" : "表\(t.table.rawValue)") + t.label }
        let left = lhs.count == 1 ? name(lhs[0]) : lhs.first.map { "\(name($0))等\(lhs.count)项" } ?? ""
        let right = rhs.count == 1 ? name(rhs[0]) : "\(rhs.count)项之和"
        return "\(left)与\(right)差\(Money(fen: abs(gapFen)).shownText(unit))" + (hint ? "（尾差）" : "")
    }

    /// "项目支出超过表3「合计」0.02万元".
    static func exceeds(_ part: Term, _ whole: Term, gapFen: Int64, hint: Bool) -> String {
        let home = part.cell != nil ? part.table : whole.table
        func name(_ t: Term) -> String { (t.table == home ? "" : "表\(t.table.rawValue)") + t.label }
        return "\(name(part))超过\(name(whole))\(Money(fen: gapFen).shownText(part.unit))" + (hint ? "（尾差）" : "")
    }
}
