import Accounts
import OOXML

/// Derives the fifteen tables from a unit's facts. Pure: no files, no clock.
/// Every shown cell is the rounding of an exact sum of facts (a 类 row is not the sum of its
/// rounded 款), which is how published tables behave and why 尾差 exist.
public struct TableBuilder: Sendable {
    let naming: SubjectNaming
    public let unit: AmountUnit
    /// Subjects the unit's data file adds (科目扩展), by code; they win over the catalogue.
    var extensions: [SubjectExtension.Kind: [String: String]] = [:]

    init(naming: SubjectNaming, unit: AmountUnit = .wanYuan) {
        self.naming = naming; self.unit = unit
    }

    public func build(_ accounts: UnitAccounts) throws -> [StatTable] {
        var builder = self
        for e in accounts.subjectExtensions { builder.extensions[e.kind, default: [:]][e.code] = e.name }
        return try builder.buildTables(accounts)
    }

    func buildTables(_ accounts: UnitAccounts) throws -> [StatTable] {
        for f in accounts.income { try checkFunctional(f.functionalCode, origin: f.origin) }
        for f in accounts.expenditure {
            try checkFunctional(f.functionalCode, origin: f.origin)
            try checkEconomic(f.economicCode, origin: f.origin)
        }
        // The tables are independent: built on all cores (SheetThreads), kept by index, so the
        // tables and the error thrown (the first table's that fails) are the same as one by one.
        let builders: [@Sendable (TableBuilder, UnitAccounts) throws -> StatTable] = [
            { try $0.table01($1) }, { try $0.table02($1) }, { try $0.table03($1) }, { try $0.table04($1) },
            { try $0.table05($1) }, { try $0.table06($1) }, { try $0.table07($1) }, { try $0.table08($1) },
            { try $0.table09($1) }, { $0.table10($1, fund: .generalBudget, id: .t10) },
            { try $0.table11($1, fund: .governmentFund, id: .t11) },
            { $0.table10($1, fund: .governmentFund, id: .t12) },
            { try $0.table11($1, fund: .stateCapital, id: .t13) },
            { try $0.table14($1) }, { $0.table15($1) },
        ]
        let results = ResultsByIndex<Result<StatTable, any Error>>(count: builders.count)
        let builder = self
        SheetThreads.perform(iterations: builders.count) { index in
            results.store(Result { try builders[index](builder, accounts) }, at: index)
        }
        return try results.values.map { result in
            guard let result else { throw TableSetError("无法生成表格") }   // cannot happen: every index stores
            return try result.get()
        }
    }

    func single(_ id: TableID, columns: [String], rows: [TableRow], isEmpty: Bool = false) -> StatTable {
        StatTable(id: id, unit: unit, panels: [TablePanel(name: "", columns: columns, rows: rows)], isEmpty: isEmpty)
    }

    func line(_ name: String, _ amounts: [Money], code: String? = nil, level: RowLevel = .line) -> TableRow {
        TableRow(code: code, name: name, level: level, values: shownRow(amounts))
    }

    // MARK: 1 收入支出决算总表

    func table01(_ a: UnitAccounts) throws -> StatTable {
        let bySource = Dictionary(grouping: a.income, by: \.source).mapValues { $0.map(\.amount).sum() }
        let incomeTotal = a.income.map(\.amount).sum()
        let opening = a.balances.map(\.opening).sum(), closing = a.balances.map(\.closing).sum()
        var income: [TableRow] = []
        for (i, source) in IncomeSource.allCases.enumerated() {
            income.append(line(TableColumns.t01IncomeLines[i], [bySource[source] ?? .zero]))
        }
        income.append(line("本年收入合计", [incomeTotal], level: .total))
        income.append(line("使用非财政拨款结余", [a.nonFiscalBalanceUsed]))
        income.append(line("年初结转和结余", [opening]))
        income.append(line("总计", [incomeTotal + a.nonFiscalBalanceUsed + opening], level: .total))

        let spent = a.expenditure.map(\.amount).sum()
        var expenditure: [TableRow] = []
        let byCategory = CodePrefixSums(a.expenditure, lengths: naming.functionalCategories.map(\.code.utf8.count)) { _ in 0 }
        for category in naming.functionalCategories {
            let sum = byCategory.sum(0, prefix: category.code) ?? a.expenditure.filter { $0.functionalCode.hasPrefix(category.code) }.map(\.amount).sum()
            expenditure.append(line(category.name, [sum], code: category.code, level: .category))
        }
        expenditure.append(line("本年支出合计", [spent], level: .total))
        expenditure.append(line("结余分配", [a.surplusDistribution]))
        expenditure.append(line("年末结转和结余", [closing]))
        expenditure.append(line("总计", [spent + a.surplusDistribution + closing], level: .total))
        return StatTable(id: .t01, unit: unit, panels: [
            TablePanel(name: "收入", columns: [TableColumns.amount], rows: income),
            TablePanel(name: "支出", columns: [TableColumns.amount], rows: expenditure),
        ])
    }

    // MARK: 2 收入决算表

    func table02(_ a: UnitAccounts) throws -> StatTable {
        var sums = ColumnSums(columns: TableColumns.t02.count)
        for f in a.income {
            sums.add(f.functionalCode, column: 0, f.amount)
            if f.source.fund != nil { sums.add(f.functionalCode, column: 1, f.amount) }
            let column: Int? = switch f.source {
            case .superiorSubsidy: 2
            case .business: 3
            case .operating: 4
            case .subordinateRemittance: 5
            case .other: 6
            default: nil
            }
            if let column { sums.add(f.functionalCode, column: column, f.amount) }
        }
        return single(.t02, columns: TableColumns.t02, rows: try hierarchyRows(sums, kind: .functional))
    }

    // MARK: 3 支出决算表

    func table03(_ a: UnitAccounts) throws -> StatTable {
        var sums = ColumnSums(columns: TableColumns.t03.count)
        for f in a.expenditure {
            sums.add(f.functionalCode, column: 0, f.amount)
            let column = switch f.nature {
            case .basicPersonnel, .basicPublic: 1
            case .project: 2
            case .remittedToSuperior: 3
            case .operating: 4
            case .subsidyToSubordinates: 5
            }
            sums.add(f.functionalCode, column: column, f.amount)
        }
        return single(.t03, columns: TableColumns.t03, rows: try hierarchyRows(sums, kind: .functional))
    }

    // MARK: 4 财政拨款收入支出决算总表

    func table04(_ a: UnitAccounts) throws -> StatTable {
        func incomeOf(_ fund: Fund) -> Money { a.income.filter { $0.source.fund == fund }.map(\.amount).sum() }
        func openingOf(_ fund: Fund) -> Money { a.balances.filter { $0.fund == fund }.map(\.opening).sum() }
        func closingOf(_ fund: Fund) -> Money { a.balances.filter { $0.fund == fund }.map(\.closing).sum() }
        let funds = Fund.fiscal
        var income: [TableRow] = []
        for (i, fund) in funds.enumerated() { income.append(line(TableColumns.t04IncomeLines[i], [incomeOf(fund)])) }
        let incomeTotal = funds.map(incomeOf).sum(), openingTotal = funds.map(openingOf).sum()
        income.append(line("本年收入合计", [incomeTotal], level: .total))
        income.append(line("年初财政拨款结转和结余", [openingTotal]))
        for (i, fund) in funds.enumerated() { income.append(line(TableColumns.t04OpeningLines[i], [openingOf(fund)])) }
        income.append(line("总计", [incomeTotal + openingTotal], level: .total))

        /// 合计 then one amount per fund.
        func byFund(_ amount: (Fund) -> Money) -> [Money] {
            let parts = funds.map(amount)
            return [parts.sum()] + parts
        }
        let byCategory = CodePrefixSums(a.expenditure, lengths: naming.functionalCategories.map(\.code.utf8.count)) { $0.fund.ordinal }
        func spent(_ fund: Fund, prefix: String = "") -> Money {
            byCategory.sum(fund.ordinal, prefix: prefix)
                ?? a.expenditure.filter { $0.fund == fund && $0.functionalCode.hasPrefix(prefix) }.map(\.amount).sum()
        }
        var expenditure: [TableRow] = []
        for category in naming.functionalCategories {
            expenditure.append(line(category.name, byFund { spent($0, prefix: category.code) }, code: category.code, level: .category))
        }
        expenditure.append(line("本年支出合计", byFund { spent($0) }, level: .total))
        expenditure.append(line("年末财政拨款结转和结余", byFund(closingOf)))
        expenditure.append(line("总计", byFund { spent($0) + closingOf($0) }, level: .total))
        return StatTable(id: .t04, unit: unit, panels: [
            TablePanel(name: "收入", columns: [TableColumns.amount], rows: income),
            TablePanel(name: "支出", columns: TableColumns.t04Expenditure, rows: expenditure),
        ])
    }

    // MARK: 5 财政拨款支出决算明细表 (经济分类)

    func table05(_ a: UnitAccounts) throws -> StatTable {
        var sums = ColumnSums(columns: TableColumns.t05.count)
        for f in a.expenditure {
            guard let i = Fund.fiscal.firstIndex(of: f.fund) else { continue }
            sums.add(f.economicCode, column: 0, f.amount)
            sums.add(f.economicCode, column: i + 1, f.amount)
        }
        return single(.t05, columns: TableColumns.t05, rows: try hierarchyRows(sums, kind: .economic))
    }

    // MARK: 6 一般公共预算财政拨款支出决算表

    func table06(_ a: UnitAccounts) throws -> StatTable {
        var sums = ColumnSums(columns: TableColumns.t06.count)
        for f in a.expenditure where f.fund == .generalBudget {
            sums.add(f.functionalCode, column: 0, f.amount)
            if f.nature.isBasic { sums.add(f.functionalCode, column: 1, f.amount) }
            if f.nature == .project { sums.add(f.functionalCode, column: 2, f.amount) }
        }
        return single(.t06, columns: TableColumns.t06, rows: try hierarchyRows(sums, kind: .functional))
    }
}

extension TableBuilder {
    /// 人员经费 are 经济分类 301 and 303; everything else is 公用经费.
    static func isPersonnel(_ economicCode: String) -> Bool {
        economicCode.hasPrefix("301") || economicCode.hasPrefix("303")
    }
}

extension TableBuilder {
    /// Names subjects from `catalogue`; tables 1 and 4 list its 功能分类 类 in order.
    public init(catalogue: SubjectCatalogue, unit: AmountUnit = .wanYuan) {
        self.init(naming: SubjectNaming(functionalName: { catalogue.functionalName($0) },
                                        economicName: { catalogue.economicName($0) },
                                        functionalCategories: catalogue.functionalCategories), unit: unit)
    }
}
