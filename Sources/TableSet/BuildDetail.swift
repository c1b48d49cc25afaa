import Accounts

extension TableBuilder {
    // MARK: 7 一般公共预算财政拨款支出决算明细表 (经济分类)

    func table07(_ a: UnitAccounts) throws -> StatTable {
        var sums = ColumnSums(columns: TableColumns.t07.count)
        for f in a.expenditure where f.fund == .generalBudget {
            let column: Int
            if f.nature.isBasic { column = Self.isPersonnel(f.economicCode) ? 1 : 2 }
            else if f.nature == .project { column = 3 }
            else { continue }
            sums.add(f.economicCode, column: 0, f.amount)
            sums.add(f.economicCode, column: column, f.amount)
        }
        return single(.t07, columns: TableColumns.t07, rows: try hierarchyRows(sums, kind: .economic))
    }

    // MARK: 8 一般公共预算财政拨款基本支出决算表

    func table08(_ a: UnitAccounts) throws -> StatTable {
        var personnel = ColumnSums(columns: 1), common = ColumnSums(columns: 1)
        for f in a.expenditure where f.fund == .generalBudget && f.nature.isBasic {
            if Self.isPersonnel(f.economicCode) { personnel.add(f.economicCode, column: 0, f.amount) }
            else { common.add(f.economicCode, column: 0, f.amount) }
        }
        return StatTable(id: .t08, unit: unit, panels: [
            TablePanel(name: "人员经费", columns: TableColumns.t08,
                       rows: try hierarchyRows(personnel, kind: .economic, totalName: "人员经费合计")),
            TablePanel(name: "公用经费", columns: TableColumns.t08,
                       rows: try hierarchyRows(common, kind: .economic, totalName: "公用经费合计")),
        ])
    }

    // MARK: 9 一般公共预算财政拨款项目支出决算表

    func table09(_ a: UnitAccounts) throws -> StatTable {
        let projects = a.expenditure.filter { $0.fund == .generalBudget && $0.nature == .project }
        let categories = Set(projects.map { String($0.economicCode.prefix(3)) }).sorted()
        var columns = ["合计"]
        for c in categories { columns.append(try name(of: c, kind: .economic)) }
        var sums = ColumnSums(columns: columns.count)
        for f in projects {
            sums.add(f.functionalCode, column: 0, f.amount)
            if let i = categories.firstIndex(of: String(f.economicCode.prefix(3))) {
                sums.add(f.functionalCode, column: i + 1, f.amount)
            }
        }
        let rows = projects.isEmpty ? [] : try hierarchyRows(sums, kind: .functional)
        return single(.t09, columns: columns, rows: rows, isEmpty: projects.isEmpty)
    }

    // MARK: 10 / 12 “三公”经费

    func table10(_ a: UnitAccounts, fund: Fund, id: TableID) -> StatTable {
        let facts = a.threePublic.filter { $0.fund == fund }
        func block(_ amount: (ThreePublicFact) -> Money) -> [Money] {
            func of(_ item: ThreePublicItem) -> Money { facts.filter { $0.item == item }.map(amount).sum() }
            let abroad = of(.travelAbroad), purchase = of(.vehiclePurchase)
            let operation = of(.vehicleOperation), reception = of(.reception)
            let vehicles = purchase + operation
            return [abroad + vehicles + reception, abroad, vehicles, purchase, operation, reception]
        }
        let hasData = facts.contains { !$0.budget.isZero || !$0.actual.isZero }
        // Table 10 is published with zeros; table 12 is an empty table without 政府性基金 三公 money.
        let empty = id == .t12 && !hasData
        let rows = empty ? [] : [line("合计", block(\.budget) + block(\.actual), level: .total)]
        return single(id, columns: TableColumns.t10, rows: rows, isEmpty: empty)
    }

    // MARK: 11 / 13 收入支出决算表 of a fund

    func table11(_ a: UnitAccounts, fund: Fund, id: TableID) throws -> StatTable {
        var sums = ColumnSums(columns: TableColumns.t11.count)
        var any = false
        for b in a.balances where b.fund == fund {
            sums.add(b.functionalCode ?? "", column: 0, b.opening)
            sums.add(b.functionalCode ?? "", column: 5, b.closing)
            any = any || !b.opening.isZero || !b.closing.isZero
        }
        for f in a.income where f.source.fund == fund {
            sums.add(f.functionalCode, column: 1, f.amount); any = true
        }
        for f in a.expenditure where f.fund == fund {
            sums.add(f.functionalCode, column: 2, f.amount)
            if f.nature.isBasic { sums.add(f.functionalCode, column: 3, f.amount) }
            if f.nature == .project { sums.add(f.functionalCode, column: 4, f.amount) }
            any = true
        }
        // Balances without a subject count in 合计 only (key "" has no 类).
        let rows = any ? try hierarchyRows(sums, kind: .functional) : []
        return single(id, columns: TableColumns.t11, rows: rows, isEmpty: !any)
    }

    // MARK: 14 国有资本经营预算财政拨款支出决算表

    func table14(_ a: UnitAccounts) throws -> StatTable {
        var sums = ColumnSums(columns: TableColumns.t14.count)
        for f in a.expenditure where f.fund == .stateCapital {
            sums.add(f.functionalCode, column: 0, f.amount)
            if f.nature.isBasic { sums.add(f.functionalCode, column: 1, f.amount) }
            if f.nature == .project { sums.add(f.functionalCode, column: 2, f.amount) }
        }
        let rows = sums.isEmpty ? [] : try hierarchyRows(sums, kind: .functional)
        return single(.t14, columns: TableColumns.t14, rows: rows, isEmpty: sums.isEmpty)
    }

    // MARK: 15 项目支出绩效目标自评表 (text rows, one panel per project)

    func table15(_ a: UnitAccounts) -> StatTable {
        let panels = a.performance.map { p -> TablePanel in
            func info(_ name: String, _ text: String) -> TableRow {
                TableRow(name: name, level: .line, values: [], texts: [text])
            }
            var rows = [
                TableRow(name: "项目名称", level: .total, values: [], texts: [p.project]),
                info("主管部门及代码", p.department),
                info("实施单位", p.implementingUnit),
                info("项目资金/财政拨款", amountText(p.fiscalFunds)),
                info("项目资金/其他资金", amountText(p.otherFunds)),
                info("年度总体目标/预期目标", p.plannedGoal),
                info("年度总体目标/实际完成情况", p.actualGoal),
            ]
            for i in p.indicators {
                rows.append(TableRow(name: "绩效指标", level: .line, values: [],
                                     texts: [i.level1, i.level2, i.level3, i.planned, i.actual]))
            }
            return TablePanel(name: p.project, columns: TableColumns.t15, rows: rows)
        }
        return StatTable(id: .t15, unit: unit, panels: panels, isEmpty: panels.isEmpty)
    }

    /// A money amount as the table shows it, with its unit (e.g. "1568.01万元").
    func amountText(_ m: Money) -> String {
        Money.decimalText(unit.shown(m), scale: 2) + unit.rawValue
    }
}
