import Accounts

/// The catalogue codes the synthetic generator draws from.
struct SubjectPools: Sendable {
    /// 功能分类 项 for general-budget and non-fiscal money.
    var general: [String]
    /// 功能分类 项 for 政府性基金 money (国有土地使用权出让收入安排的支出).
    var governmentFund: [String]
    /// 经济分类 款 by use.
    var personnel: [String]
    var publicUse: [String]
    var project: [String]
    /// 经济分类 of the flows between a department's units (其他支出).
    static let internalEconomic = "39999"

    init(catalogue: SubjectCatalogue) throws {
        let items = catalogue.functionalSubjects.map(\.code).filter { $0.count == 7 }
        let generalCategories: Set<String> = ["201", "205", "206", "207", "208", "210", "211", "213", "221"]
        general = items.filter { generalCategories.contains(String($0.prefix(3))) }
        governmentFund = items.filter { $0.hasPrefix("21208") }
        let sections = catalogue.economicSubjects.map(\.code).filter { $0.count == 5 }
        personnel = sections.filter { $0.hasPrefix("301") || $0.hasPrefix("303") }
        publicUse = sections.filter { $0.hasPrefix("302") || $0.hasPrefix("310") }
        project = sections.filter { ["301", "302", "303", "310"].contains(String($0.prefix(3))) }
        guard !general.isEmpty, !governmentFund.isEmpty, !personnel.isEmpty, !publicUse.isEmpty,
              catalogue.economicName(Self.internalEconomic) != nil else {
            throw SyntheticError("科目目录缺少生成示例数据所需的科目（功能分类208、21208等项，经济分类301、302、39999等款）")
        }
    }
}

/// One synthetic unit while it is being generated: spending first, then income and balances that
/// make every (fund, 项) balance.
struct UnitPlan {
    struct Key: Hashable { var functional: String; var economic: String; var fund: Fund; var nature: ExpenditureNature; var project: String? }

    var info: UnitInfo
    var expenditure: [ExpenditureFact] = []
    private var index: [Key: Int] = [:]
    /// The 功能分类 项 this unit uses for general and non-fiscal money.
    var codes: [String] = []
    /// Non-fiscal income fixed in advance (flows inside the department).
    var fixedIncome: [(code: String, source: IncomeSource, amount: Money)] = []

    init(info: UnitInfo) { self.info = info }

    mutating func addExpenditure(_ f: ExpenditureFact) {
        let key = Key(functional: f.functionalCode, economic: f.economicCode, fund: f.fund, nature: f.nature, project: f.project)
        if let i = index[key] { expenditure[i].amount += f.amount; return }
        index[key] = expenditure.count
        expenditure.append(f)
    }

    mutating func spend(_ rng: inout SplitMix64, pools: SubjectPools, factCount: Int) {
        codes = rng.sample(pools.general, count: min(30, max(1, factCount / 5)))
        let hasGovernmentFund = rng.chance(10), hasStateCapital = rng.chance(3)
        for _ in 0..<factCount {
            let roll = rng.int(in: 0...99)
            var fund: Fund = roll < 72 ? .generalBudget : .nonFiscal
            if roll >= 92 && hasGovernmentFund { fund = .governmentFund }
            if roll >= 98 && hasStateCapital { fund = .stateCapital }
            var nature: ExpenditureNature
            let n = rng.int(in: 0...99)
            switch fund {
            case .governmentFund: nature = n < 80 ? .project : .basicPublic
            default: nature = n < 40 ? .basicPersonnel : (n < 65 ? .basicPublic : .project)
            }
            if fund == .nonFiscal && info.kind == .institution && rng.chance(15) { nature = .operating }
            let economic: String = switch nature {
            case .basicPersonnel: rng.pick(pools.personnel)
            case .basicPublic: rng.pick(pools.publicUse)
            default: rng.pick(pools.project)
            }
            let functional = fund == .governmentFund ? rng.pick(pools.governmentFund) : rng.pick(codes)
            let project = nature == .project ? "专项业务项目\(rng.int(in: 1...5))" : nil
            addExpenditure(ExpenditureFact(functionalCode: functional, economicCode: economic, fund: fund, nature: nature,
                                           project: project, amount: SyntheticDepartment.amount(&rng)))
        }
    }

    /// A 项 this unit spends non-fiscal money under, adding a small non-fiscal expense if there is none.
    mutating func ensureNonFiscalCode(_ rng: inout SplitMix64, pools: SubjectPools) -> String {
        if let f = expenditure.first(where: { $0.fund == .nonFiscal && $0.nature != .remittedToSuperior && $0.nature != .subsidyToSubordinates }) {
            return f.functionalCode
        }
        let code = rng.pick(codes)
        addExpenditure(ExpenditureFact(functionalCode: code, economicCode: rng.pick(pools.publicUse), fund: .nonFiscal,
                                       nature: .basicPublic, amount: SyntheticDepartment.amount(&rng)))
        return code
    }

    /// Income, balances, 三公, budgets and procurement consistent with the spending.
    func finish(_ rng: inout SplitMix64) -> UnitAccounts {
        var a = UnitAccounts(unit: info)
        a.expenditure = expenditure
        struct Cell: Hashable, Comparable {
            var fund: Fund; var code: String
            static func < (x: Cell, y: Cell) -> Bool { (x.fund.order, x.code) < (y.fund.order, y.code) }
        }
        var spent: [Cell: Money] = [:], operating: [Cell: Money] = [:]
        for f in expenditure {
            spent[Cell(fund: f.fund, code: f.functionalCode), default: .zero] += f.amount
            if f.nature == .operating { operating[Cell(fund: f.fund, code: f.functionalCode), default: .zero] += f.amount }
        }
        var fixed: [Cell: Money] = [:]
        for f in fixedIncome { fixed[Cell(fund: .nonFiscal, code: f.code), default: .zero] += f.amount }
        for cell in fixed.keys where spent[cell] == nil { spent[cell] = .zero }

        for cell in spent.keys.sorted() {
            let e = spent[cell] ?? .zero
            let opening = Money(fen: Int64(rng.int(in: 0...Int(e.fen / 3))))
            var closing = Money(fen: Int64(rng.int(in: 0...Int(e.fen / 4))))
            var other = e + closing - opening - (fixed[cell] ?? .zero)
            if other < .zero { closing -= other; other = .zero }
            for f in fixedIncome where f.code == cell.code && cell.fund == .nonFiscal {
                a.income.append(IncomeFact(functionalCode: cell.code, source: f.source, amount: f.amount))
            }
            if cell.fund.isFiscal {
                if !other.isZero { a.income.append(IncomeFact(functionalCode: cell.code, source: cell.fund.appropriation, amount: other)) }
            } else {
                let fromOperations = min(other, operating[cell] ?? .zero)
                if !fromOperations.isZero {
                    a.income.append(IncomeFact(functionalCode: cell.code, source: .operating, amount: fromOperations))
                }
                let rest = other - fromOperations
                if !rest.isZero {
                    a.income.append(IncomeFact(functionalCode: cell.code, source: info.kind == .institution ? .business : .other, amount: rest))
                }
            }
            if !opening.isZero || !closing.isZero {
                a.balances.append(BalanceFact(fund: cell.fund, functionalCode: cell.code, opening: opening, closing: closing))
            }
        }
        a.threePublic = threePublic(&rng)
        for code in Set(expenditure.filter { $0.fund == .generalBudget }.map(\.functionalCode)).sorted() {
            let actual = spent[Cell(fund: .generalBudget, code: code)] ?? .zero
            a.budgets.append(BudgetFigure(functionalCode: code, fund: .generalBudget,
                                          amount: Money(fen: actual.fen / 100 * Int64(rng.int(in: 95...115)))))
        }
        if rng.chance(30) {
            a.procurement.goods = SyntheticDepartment.amount(&rng)
            a.procurement.services = SyntheticDepartment.amount(&rng)
            a.procurement.smeContracts = Money(fen: a.procurement.total.fen / 2)
        }
        return a
    }

    /// 三公 决算数 equal to the spending on the matching 经济分类 (so part ≤ whole holds), 预算数 a little more.
    private func threePublic(_ rng: inout SplitMix64) -> [ThreePublicFact] {
        let economic: [(ThreePublicItem, String)] = [(.travelAbroad, "30212"), (.vehiclePurchase, "31013"),
                                                      (.vehicleOperation, "30231"), (.reception, "30217")]
        var out: [ThreePublicFact] = []
        for fund in [Fund.generalBudget, .governmentFund] {
            let actuals = economic.map { item, code in
                (item, expenditure.filter { $0.fund == fund && $0.economicCode == code }.map(\.amount).sum())
            }
            guard actuals.contains(where: { !$0.1.isZero }) else { continue }
            for (item, actual) in actuals {
                let budget = actual + Money(fen: actual.fen / 100 * Int64(rng.int(in: 0...20)))
                out.append(ThreePublicFact(fund: fund, item: item, budget: budget, actual: actual))
            }
        }
        return out
    }
}

extension Fund {
    /// The appropriation income source of a fiscal fund.
    var appropriation: IncomeSource {
        switch self {
        case .generalBudget: return .generalBudgetAppropriation
        case .governmentFund: return .governmentFundAppropriation
        case .stateCapital: return .stateCapitalAppropriation
        case .nonFiscal: return .other
        }
    }
}
