extension UnitAccounts {
    /// The same accounts with every fact's origin removed, to compare data read from different files.
    public func strippingOrigins() -> UnitAccounts {
        var a = self
        for i in a.income.indices { a.income[i].origin = nil }
        for i in a.expenditure.indices { a.expenditure[i].origin = nil }
        for i in a.balances.indices { a.balances[i].origin = nil }
        for i in a.threePublic.indices { a.threePublic[i].origin = nil }
        for i in a.budgets.indices { a.budgets[i].origin = nil }
        return a
    }
}
