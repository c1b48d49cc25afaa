import Accounts
import Batch

/// Per fund: 年初 + 本年收入 − (本年支出 + 年末). Zero for every fund of a consistent unit.
func fundGaps(_ a: UnitAccounts) -> [Fund: Int64] {
    var gap: [Fund: Int64] = [:]
    for f in a.income { gap[f.source.fund ?? .nonFiscal, default: 0] += f.amount.fen }
    for b in a.balances { gap[b.fund, default: 0] += b.opening.fen - b.closing.fen }
    for f in a.expenditure { gap[f.fund, default: 0] -= f.amount.fen }
    return gap.filter { $0.value != 0 }
}

/// A comparable fingerprint of a unit's facts (UnitAccounts itself is not Equatable).
func fingerprint(_ a: UnitAccounts) -> String {
    var lines = [a.unit.code, a.unit.name, a.unit.kind.rawValue]
    lines += a.income.map { "I \($0.functionalCode) \($0.source.rawValue) \($0.amount.fen)" }
    lines += a.expenditure.map { "E \($0.functionalCode) \($0.economicCode) \($0.fund.rawValue) \($0.nature.rawValue) \($0.project ?? "-") \($0.amount.fen)" }
    lines += a.balances.map { "B \($0.fund.rawValue) \($0.functionalCode ?? "-") \($0.opening.fen) \($0.closing.fen)" }
    lines += a.threePublic.map { "T \($0.fund.rawValue) \($0.item.rawValue) \($0.budget.fen) \($0.actual.fen)" }
    lines += a.budgets.map { "G \($0.functionalCode) \($0.fund.rawValue) \($0.amount.fen)" }
    return lines.joined(separator: "\n")
}

func incomeTotal(_ a: UnitAccounts, _ source: IncomeSource) -> Money {
    a.income.filter { $0.source == source }.map(\.amount).sum()
}

func spendingTotal(_ a: UnitAccounts, _ nature: ExpenditureNature) -> Money {
    a.expenditure.filter { $0.nature == nature }.map(\.amount).sum()
}

func allUnits(_ d: SyntheticDepartment) -> [(UnitAccounts, UnitRole)] {
    var out: [(UnitAccounts, UnitRole)] = []
    d.generate { out.append(($0, $1)) }
    return out
}
