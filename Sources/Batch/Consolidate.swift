import Accounts
import Reconcile

/// The consolidated (汇总) accounts of a department, built as a running sum: units are added one at a
/// time and only sums keyed by subject survive, so memory depends on the catalogue, not on how many
/// units there are. Spending is summed by 功能分类 and by 经济分类 separately (see
/// `ConsolidatedSpending`): their cross product would grow with every new combination units use. Flows inside the department are eliminated (domain §6):
///   a subordinate's 上级补助收入      against the own unit's 对附属单位补助支出,
///   a subordinate's 上缴上级支出      against the own unit's 附属单位上缴收入.
/// Both sides of each flow are left out of the sums and their totals kept, so a mismatch is reported
/// with both amounts. Partial consolidations (of parts of a department) combine with `merge`.
public struct Consolidation: Sendable {
    struct IncomeKey: Hashable, Comparable {
        var code: String; var source: IncomeSource
        static func < (a: Self, b: Self) -> Bool {
            (a.code, a.source.order) < (b.code, b.source.order)
        }
    }
    struct BalanceKey: Hashable, Comparable {
        var fund: Fund; var code: String?
        static func < (a: Self, b: Self) -> Bool { (a.fund.order, a.code ?? "") < (b.fund.order, b.code ?? "") }
    }
    struct ThreePublicKey: Hashable { var fund: Fund; var item: ThreePublicItem }
    struct BudgetKey: Hashable, Comparable {
        var code: String; var fund: Fund
        static func < (a: Self, b: Self) -> Bool { (a.code, a.fund.order) < (b.code, b.fund.order) }
    }

    private(set) var income: [IncomeKey: Money] = [:]
    private(set) var spending = ConsolidatedSpending()
    private var balances: [BalanceKey: (opening: Money, closing: Money)] = [:]
    private var threePublic: [ThreePublicKey: (budget: Money, actual: Money)] = [:]
    private var counts = ThreePublicCounts()
    private var budgets: [BudgetKey: Money] = [:]
    private var priorYear: [PriorYearMetric: Money] = [:]
    private var procurement = Procurement()
    private var vehicles: [String: Int] = [:]
    private var generalEquipment = 0, specialEquipment = 0
    private var nonFiscalBalanceUsed = Money.zero, surplusDistribution = Money.zero

    /// The totals of the two internal flows, side by side.
    public private(set) var subsidyReceived = Money.zero      // Σ subordinates' 上级补助收入
    public private(set) var subsidyPaid = Money.zero          // own unit's 对附属单位补助支出
    public private(set) var remittancePaid = Money.zero       // Σ subordinates' 上缴上级支出
    public private(set) var remittanceReceived = Money.zero   // own unit's 附属单位上缴收入

    public private(set) var ownUnits = 0
    public private(set) var subordinateUnits = 0

    public init() {}

    /// Adds one unit's facts. Only the facts that are internal flows of the department are held back.
    public mutating func add(_ a: UnitAccounts, role: UnitRole) {
        if role == .own { ownUnits += 1 } else { subordinateUnits += 1 }
        for f in a.income {
            switch (role, f.source) {
            case (.subordinate, .superiorSubsidy): subsidyReceived += f.amount
            case (.own, .subordinateRemittance): remittanceReceived += f.amount
            default: income[IncomeKey(code: f.functionalCode, source: f.source), default: .zero] += f.amount
            }
        }
        for f in a.expenditure {
            switch (role, f.nature) {
            case (.subordinate, .remittedToSuperior): remittancePaid += f.amount
            case (.own, .subsidyToSubordinates): subsidyPaid += f.amount
            default: spending.add(f)
            }
        }
        for b in a.balances {
            let key = BalanceKey(fund: b.fund, code: b.functionalCode)
            var v = balances[key] ?? (.zero, .zero)
            v.opening += b.opening; v.closing += b.closing
            balances[key] = v
        }
        for t in a.threePublic {
            let key = ThreePublicKey(fund: t.fund, item: t.item)
            var v = threePublic[key] ?? (.zero, .zero)
            v.budget += t.budget; v.actual += t.actual
            threePublic[key] = v
        }
        counts.add(a.threePublicCounts)
        for b in a.budgets { budgets[BudgetKey(code: b.functionalCode, fund: b.fund), default: .zero] += b.amount }
        for (metric, amount) in a.priorYear { priorYear[metric, default: .zero] += amount }
        procurement.add(a.procurement)
        for v in a.assets.vehicles { vehicles[v.use, default: 0] += v.count }
        generalEquipment += a.assets.generalEquipmentOver500k
        specialEquipment += a.assets.specialEquipmentOver1m
        nonFiscalBalanceUsed += a.nonFiscalBalanceUsed
        surplusDistribution += a.surplusDistribution
    }

    /// Adds another partial consolidation (from another worker). Sums commute, so the result does
    /// not depend on which worker handled which unit.
    public mutating func merge(_ o: Consolidation) {
        for (k, v) in o.income { income[k, default: .zero] += v }
        spending.merge(o.spending)
        for (k, v) in o.balances {
            var s = balances[k] ?? (.zero, .zero)
            s.opening += v.opening; s.closing += v.closing
            balances[k] = s
        }
        for (k, v) in o.threePublic {
            var s = threePublic[k] ?? (.zero, .zero)
            s.budget += v.budget; s.actual += v.actual
            threePublic[k] = s
        }
        counts.add(o.counts)
        for (k, v) in o.budgets { budgets[k, default: .zero] += v }
        for (k, v) in o.priorYear { priorYear[k, default: .zero] += v }
        procurement.add(o.procurement)
        for (k, v) in o.vehicles { vehicles[k, default: 0] += v }
        generalEquipment += o.generalEquipment; specialEquipment += o.specialEquipment
        nonFiscalBalanceUsed += o.nonFiscalBalanceUsed; surplusDistribution += o.surplusDistribution
        subsidyReceived += o.subsidyReceived; subsidyPaid += o.subsidyPaid
        remittancePaid += o.remittancePaid; remittanceReceived += o.remittanceReceived
        ownUnits += o.ownUnits; subordinateUnits += o.subordinateUnits
    }

    /// The two internal flows with the amounts each side reported.
    public var eliminations: [Elimination] {
        [Elimination(flow: .subsidy, subordinateSide: subsidyReceived, ownSide: subsidyPaid),
         Elimination(flow: .remittance, subordinateSide: remittancePaid, ownSide: remittanceReceived)]
    }

    /// The consolidated accounts (facts in subject order, no project names, no origins; spending facts
    /// rebuilt from the sums the tables read, see `ConsolidatedSpending.facts`) and a finding
    /// for each flow whose two sides differ. `file` names the department file in findings.
    public func result(unit info: UnitInfo, file: String) -> (accounts: UnitAccounts, findings: [Finding]) {
        var a = UnitAccounts(unit: info)
        a.income = income.filter { !$0.value.isZero }.sorted { $0.key < $1.key }
            .map { IncomeFact(functionalCode: $0.key.code, source: $0.key.source, amount: $0.value) }
        a.expenditure = spending.facts()
        a.balances = balances.filter { !$0.value.opening.isZero || !$0.value.closing.isZero }.sorted { $0.key < $1.key }
            .map { BalanceFact(fund: $0.key.fund, functionalCode: $0.key.code, opening: $0.value.opening, closing: $0.value.closing) }
        for fund in Fund.allCases {
            for item in ThreePublicItem.allCases {
                if let v = threePublic[ThreePublicKey(fund: fund, item: item)] {
                    a.threePublic.append(ThreePublicFact(fund: fund, item: item, budget: v.budget, actual: v.actual))
                }
            }
        }
        a.threePublicCounts = counts
        a.budgets = budgets.sorted { $0.key < $1.key }.map { BudgetFigure(functionalCode: $0.key.code, fund: $0.key.fund, amount: $0.value) }
        a.priorYear = priorYear
        a.procurement = procurement
        a.assets.vehicles = vehicles.sorted { $0.key < $1.key }.map { (use: $0.key, count: $0.value) }
        a.assets.generalEquipmentOver500k = generalEquipment
        a.assets.specialEquipmentOver1m = specialEquipment
        a.nonFiscalBalanceUsed = nonFiscalBalanceUsed
        a.surplusDistribution = surplusDistribution
        let findings = eliminations.compactMap { $0.finding(file: file) }
        return (a, findings)
    }
}

/// One internal flow of a department and what each side of it reported.
public struct Elimination: Sendable, Hashable {
    public enum Flow: Sendable, Hashable {
        /// 上级补助收入 (subordinates) ↔ 对附属单位补助支出 (own unit)
        case subsidy
        /// 上缴上级支出 (subordinates) ↔ 附属单位上缴收入 (own unit)
        case remittance
    }
    public var flow: Flow
    public var subordinateSide: Money
    public var ownSide: Money

    public var matches: Bool { subordinateSide == ownSide }

    /// Chinese names of the two sides, subordinate side first.
    public var sideNames: (subordinate: String, own: String) {
        switch flow {
        case .subsidy: return ("下属单位上级补助收入", "本级单位对附属单位补助支出")
        case .remittance: return ("下属单位上缴上级支出", "本级单位附属单位上缴收入")
        }
    }

    public func finding(file: String) -> Finding? {
        guard !matches else { return nil }
        let names = sideNames
        let gap = subordinateSide - ownSide
        let rule = flow == .subsidy ? "汇总.内部补助抵销" : "汇总.内部上缴抵销"
        return Finding(rule: rule, severity: .error, location: .file(file),
                       message: "内部往来无法抵销：\(names.subordinate)合计\(subordinateSide.yuanText)元，"
                           + "\(names.own)合计\(ownSide.yuanText)元，相差\(gap.yuanText)元。两方均已从汇总数中剔除，汇总表收支将不平衡。",
                       expected: "\(names.own) \(ownSide.yuanText)元", found: "\(names.subordinate) \(subordinateSide.yuanText)元")
    }
}

extension ThreePublicCounts {
    mutating func add(_ o: ThreePublicCounts) {
        abroadGroups += o.abroadGroups; abroadPersons += o.abroadPersons
        vehiclesPurchased += o.vehiclesPurchased; vehiclesHeld += o.vehiclesHeld
        domesticReceptionBatches += o.domesticReceptionBatches; domesticReceptionPersons += o.domesticReceptionPersons
        foreignReceptionBatches += o.foreignReceptionBatches; foreignReceptionPersons += o.foreignReceptionPersons
    }
}

extension Procurement {
    mutating func add(_ o: Procurement) {
        goods += o.goods; works += o.works; services += o.services
        smeContracts += o.smeContracts; smallMicroContracts += o.smallMicroContracts
    }
}

extension CaseIterable where Self: Equatable, AllCases.Index == Int {
    /// Position in the declaration order, for stable sorting.
    var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }
}
