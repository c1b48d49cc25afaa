import Accounts

/// A department's spending, summed the ways the fifteen tables read it, and no finer:
///   by 功能分类 项 (with fund and nature): tables 1–6, 11, 13, 14;
///   by 经济分类 款 (with fund and nature): tables 7 and 8;
///   for 一般公共预算 项目支出, by 功能分类 项 × 经济分类 类: table 9.
/// Summing by 功能分类 × 经济分类 款 instead grows with every combination some unit uses (tens of
/// thousands in a large department, with a dictionary entry each); these sums are bounded by the
/// subject catalogue. `facts()` turns them back into spending facts with exactly these sums.
struct ConsolidatedSpending: Sendable {
    /// Facts that are summed together on both sides: a fund and nature, and for 一般公共预算
    /// 项目支出 the 经济分类 类 ("" otherwise).
    struct Group: Hashable, Comparable {
        var fund: Fund; var nature: ExpenditureNature; var economicClass: String
        static func < (a: Self, b: Self) -> Bool {
            (a.fund.order, a.nature.order, a.economicClass) < (b.fund.order, b.nature.order, b.economicClass)
        }
        init(fund: Fund, nature: ExpenditureNature, economicCode: String) {
            self.fund = fund; self.nature = nature
            economicClass = fund == .generalBudget && nature == .project ? String(economicCode.prefix(3)) : ""
        }
    }
    struct Key: Hashable { var group: Group; var code: String }

    private(set) var byFunction: [Key: Money] = [:]
    private(set) var byEconomic: [Key: Money] = [:]

    mutating func add(_ f: ExpenditureFact) {
        let group = Group(fund: f.fund, nature: f.nature, economicCode: f.economicCode)
        byFunction[Key(group: group, code: f.functionalCode), default: .zero] += f.amount
        byEconomic[Key(group: group, code: f.economicCode), default: .zero] += f.amount
    }

    mutating func merge(_ o: ConsolidatedSpending) {
        for (k, v) in o.byFunction { byFunction[k, default: .zero] += v }
        for (k, v) in o.byEconomic { byEconomic[k, default: .zero] += v }
    }

    /// Spending facts, in subject order, whose sums by every key above equal the department's.
    /// In each group the 功能分类 sums (rows) and the 经济分类 sums (columns) have the same total,
    /// so amounts can be laid out in a rows × columns grid with these margins. With no negative
    /// amounts the grid is filled corner to corner (every fact positive, every code with a
    /// non-zero sum appears, no code with a zero sum does); otherwise one row and one column take
    /// the balancing amounts.
    func facts() -> [ExpenditureFact] {
        var rows: [Group: [(code: String, amount: Money)]] = [:]
        var columns: [Group: [(code: String, amount: Money)]] = [:]
        for (k, v) in byFunction { rows[k.group, default: []].append((k.code, v)) }
        for (k, v) in byEconomic { columns[k.group, default: []].append((k.code, v)) }
        var out: [ExpenditureFact] = []
        for group in Set(rows.keys).union(columns.keys).sorted() {
            let r = (rows[group] ?? []).sorted { $0.code < $1.code }
            let c = (columns[group] ?? []).sorted { $0.code < $1.code }
            let cells = r.allSatisfy({ $0.amount >= .zero }) && c.allSatisfy({ $0.amount >= .zero })
                ? Self.cornerToCorner(r, c) : Self.balanced(r, c)
            for cell in cells {
                out.append(ExpenditureFact(functionalCode: cell.row, economicCode: cell.column, fund: group.fund,
                                           nature: group.nature, amount: cell.amount))
            }
        }
        return out.sorted {
            ($0.functionalCode, $0.economicCode, $0.fund.order, $0.nature.order)
                < ($1.functionalCode, $1.economicCode, $1.fund.order, $1.nature.order)
        }
    }

    typealias Margin = [(code: String, amount: Money)]
    typealias Cell = (row: String, column: String, amount: Money)

    /// Non-negative margins with equal totals: take the smaller of the current row's and column's
    /// remainders, move on from whichever is used up (rows + columns − 1 cells at most).
    static func cornerToCorner(_ rows: Margin, _ columns: Margin) -> [Cell] {
        let r = rows.filter { !$0.amount.isZero }, c = columns.filter { !$0.amount.isZero }
        var cells: [Cell] = []
        var i = 0, j = 0
        var rowLeft = r.first?.amount ?? .zero, columnLeft = c.first?.amount ?? .zero
        while i < r.count, j < c.count {
            let amount = min(rowLeft, columnLeft)
            cells.append((r[i].code, c[j].code, amount))
            rowLeft -= amount; columnLeft -= amount
            if rowLeft.isZero { i += 1; rowLeft = i < r.count ? r[i].amount : .zero }
            if columnLeft.isZero { j += 1; columnLeft = j < c.count ? c[j].amount : .zero }
        }
        return cells
    }

    /// Margins of any sign with equal totals: every other row in the first column, every other
    /// column in the first row, and the cell where they cross takes what is left.
    static func balanced(_ rows: Margin, _ columns: Margin) -> [Cell] {
        // Prefer a code with a non-zero sum as the anchor; a code seen with a zero sum will do.
        guard let anchorRow = rows.first(where: { !$0.amount.isZero }) ?? rows.first,
              let anchorColumn = columns.first(where: { !$0.amount.isZero }) ?? columns.first else { return [] }
        var cells: [Cell] = []
        var otherColumns = Money.zero
        for c in columns where c.code != anchorColumn.code && !c.amount.isZero { otherColumns += c.amount }
        let corner = anchorRow.amount - otherColumns
        for r in rows where !r.amount.isZero {
            if r.code == anchorRow.code {
                if !corner.isZero { cells.append((r.code, anchorColumn.code, corner)) }
            } else {
                cells.append((r.code, anchorColumn.code, r.amount))
            }
        }
        if anchorRow.amount.isZero, !corner.isZero { cells.append((anchorRow.code, anchorColumn.code, corner)) }
        for c in columns where c.code != anchorColumn.code && !c.amount.isZero {
            cells.append((anchorRow.code, c.code, c.amount))
        }
        return cells
    }
}
