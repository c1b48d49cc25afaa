import Accounts

/// What the batch keeps of one processed unit: one row of the index. Tables and facts are not kept.
public struct UnitSummary: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable {
        case succeeded = "成功"
        case failed = "失败"
        /// Not processed because the batch was interrupted.
        case skipped = "未处理"
    }

    /// Position in the department file (0 = the own unit).
    public var index: Int
    public var role: UnitRole
    /// The data file as named in the department file ("" for the consolidated row).
    public var dataFile: String
    public var code: String?
    public var name: String?
    public var year: Int?
    public var status: Status
    /// 收支总计 (table 1), 本年收入合计, 本年支出合计, exact.
    public var grandTotal: Money?
    public var incomeTotal: Money?
    public var expenditureTotal: Money?
    public var errors = 0
    public var hints = 0
    /// Output files, relative to the output folder.
    public var workbook: String?
    public var checkFile: String?
    /// Why the unit failed (Chinese, naming the file and the place).
    public var message: String?

    public init(index: Int, role: UnitRole, dataFile: String, status: Status = .skipped) {
        self.index = index; self.role = role; self.dataFile = dataFile; self.status = status
    }

    mutating func setTotals(_ a: UnitAccounts) {
        let income = a.income.map(\.amount).sum()
        incomeTotal = income
        expenditureTotal = a.expenditure.map(\.amount).sum()
        grandTotal = income + a.nonFiscalBalanceUsed + a.balances.map(\.opening).sum()
    }
}
