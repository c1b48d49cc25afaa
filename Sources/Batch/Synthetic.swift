import Accounts

/// A deterministic synthetic department for tests and benchmarks: one own unit (本级) and
/// `units - 1` subordinates of varied size, every amount exact, every code from the catalogue.
/// Each unit satisfies, per fund and per 功能分类 项, 年初 + 本年收入 = 本年支出 + 年末; the own
/// unit's 对附属单位补助支出 equals the subordinates' 上级补助收入 and its 附属单位上缴收入 equals
/// their 上缴上级支出. Units are generated one at a time (`subordinate(_:)`, then `ownUnit`) so
/// a 10,000-unit department never sits in memory.
public struct SyntheticDepartment: Sendable {
    public let unitCount: Int
    public let seed: UInt64
    public let year: Int
    public let departmentCode = "901"
    public let departmentName = "示例市人力资源和社会保障局"
    let pools: SubjectPools

    public init(units: Int, seed: UInt64, catalogue: SubjectCatalogue, year: Int = 2021) throws {
        guard units >= 1 else { throw SyntheticError("单位数须至少为1（部门本级）") }
        self.unitCount = units; self.seed = seed; self.year = year
        self.pools = try SubjectPools(catalogue: catalogue)
    }

    /// Unit codes: department code + a zero-padded number, 本级 is number 1.
    public func unitCode(_ index: Int) -> String {
        let width = max(3, String(unitCount).count)
        let n = String(index + 1)
        return departmentCode + String(repeating: "0", count: max(0, width - n.count)) + n
    }

    static let subordinateKinds = ["就业创业促进中心", "劳动人事争议仲裁院", "社会保险事业管理局", "人才交流服务中心",
                                   "技工学校", "职业技能鉴定中心", "劳动保障监察支队", "信息中心", "培训中心", "档案服务中心"]

    func info(_ index: Int, kind: UnitKind) -> UnitInfo {
        let name = index == 0 ? departmentName + "（本级）"
            : "示例市" + Self.subordinateKinds[(index - 1) % Self.subordinateKinds.count] + "（\(index)）"
        return UnitInfo(code: unitCode(index), name: name, year: year, kind: kind,
                        parentCode: departmentCode, parentName: departmentName)
    }

    /// Subordinate `index` (1 ..< unitCount). Depends only on the seed and the index.
    public func subordinate(_ index: Int) -> UnitAccounts {
        var rng = SplitMix64.derive(seed: seed, stream: UInt64(index))
        let roll = rng.int(in: 0...9)
        let kind: UnitKind = roll < 7 ? .institution : (roll < 9 ? .civilServiceManaged : .administrative)
        var plan = UnitPlan(info: info(index, kind: kind))
        plan.spend(&rng, pools: pools, factCount: Self.factCount(&rng))
        if rng.chance(40) {
            let code = plan.ensureNonFiscalCode(&rng, pools: pools)
            plan.fixedIncome.append((code, .superiorSubsidy, Self.amount(&rng)))
        }
        if rng.chance(20) {
            plan.addExpenditure(ExpenditureFact(functionalCode: rng.pick(plan.codes), economicCode: SubjectPools.internalEconomic,
                                                fund: .nonFiscal, nature: .remittedToSuperior, amount: Self.amount(&rng)))
        }
        return plan.finish(&rng)
    }

    /// The totals the own unit must match: Σ 上级补助收入 and Σ 上缴上级支出 of the subordinates.
    public struct FlowTotals: Sendable, Equatable {
        public var subsidies = Money.zero
        public var remittances = Money.zero
        public init() {}
        public mutating func add(_ a: UnitAccounts) {
            subsidies += a.income.filter { $0.source == .superiorSubsidy }.map(\.amount).sum()
            remittances += a.expenditure.filter { $0.nature == .remittedToSuperior }.map(\.amount).sum()
        }
    }

    /// The own unit (本级), given the subordinates' flow totals.
    public func ownUnit(flows: FlowTotals) -> UnitAccounts {
        var rng = SplitMix64.derive(seed: seed, stream: 0)
        var plan = UnitPlan(info: info(0, kind: .administrative))
        plan.spend(&rng, pools: pools, factCount: rng.int(in: 20...120))
        if !flows.subsidies.isZero {
            // Paid in one to three parts under different 项.
            let parts = min(rng.int(in: 1...3), Int(flows.subsidies.fen))
            var left = flows.subsidies
            for i in 0..<parts {
                let share = i == parts - 1 ? left : Money(fen: left.fen / Int64(parts - i))
                left -= share
                plan.addExpenditure(ExpenditureFact(functionalCode: rng.pick(plan.codes), economicCode: SubjectPools.internalEconomic,
                                                    fund: .nonFiscal, nature: .subsidyToSubordinates, amount: share))
            }
        }
        if !flows.remittances.isZero {
            let code = plan.ensureNonFiscalCode(&rng, pools: pools)
            plan.fixedIncome.append((code, .subordinateRemittance, flows.remittances))
        }
        return plan.finish(&rng)
    }

    /// Every unit, subordinates first then the own unit, handed to `emit` one at a time.
    public func generate(_ emit: (UnitAccounts, UnitRole) throws -> Void) rethrows {
        var flows = FlowTotals()
        for i in 1..<max(1, unitCount) {
            let unit = subordinate(i)
            flows.add(unit)
            try emit(unit, .subordinate)
        }
        try emit(ownUnit(flows: flows), .own)
    }

    /// Units differ widely in size: most have a handful of facts, a few have hundreds.
    static func factCount(_ rng: inout SplitMix64) -> Int {
        let tier = rng.int(in: 0...99)
        if tier < 45 { return rng.int(in: 2...8) }
        if tier < 80 { return rng.int(in: 9...40) }
        if tier < 95 { return rng.int(in: 41...150) }
        return rng.int(in: 151...400)
    }

    /// An amount in 分 spread over several orders of magnitude (about 100 元 to 10 million 元).
    static func amount(_ rng: inout SplitMix64) -> Money {
        let scale: Int64 = [100, 1_000, 10_000, 100_000][rng.int(in: 0...3)]
        return Money(fen: Int64(rng.int(in: 100...9_999)) * scale + Int64(rng.int(in: 0...99)))
    }
}

public struct SyntheticError: Error, CustomStringConvertible, Sendable {
    public var message: String
    init(_ message: String) { self.message = message }
    public var description: String { message }
}
