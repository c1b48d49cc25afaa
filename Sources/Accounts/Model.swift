/// The accounts model: one unit's facts for one year. Every statutory table is an aggregation of
/// these facts (see TableSet), so tables generated from the same facts agree by construction.

public enum UnitKind: String, CaseIterable, Sendable, Codable {
    case administrative = "行政"
    case civilServiceManaged = "参公"
    case institution = "事业"
    case enterprise = "企业"
    case other = "其他"
}

public struct UnitInfo: Hashable, Sendable {
    public var code: String
    public var name: String
    public var year: Int
    public var kind: UnitKind
    /// Code of the department (主管部门) this unit belongs to, if any.
    public var parentCode: String?
    /// Name of the department, as printed in table 15 (主管部门及代码).
    public var parentName: String?

    public init(code: String, name: String, year: Int, kind: UnitKind, parentCode: String? = nil, parentName: String? = nil) {
        self.code = code; self.name = name; self.year = year; self.kind = kind
        self.parentCode = parentCode; self.parentName = parentName
    }
}

/// The four kinds of money a unit spends. The first three are 财政拨款 (fiscal appropriations).
public enum Fund: String, CaseIterable, Sendable, Codable, Comparable {
    case generalBudget = "一般公共预算"
    case governmentFund = "政府性基金"
    case stateCapital = "国有资本经营"
    case nonFiscal = "非财政拨款"

    public var isFiscal: Bool { self != .nonFiscal }
    public static let fiscal: [Fund] = [.generalBudget, .governmentFund, .stateCapital]
    public static func < (a: Fund, b: Fund) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }
}

/// The eight income sources of table 1 (一 … 八), in table order.
public enum IncomeSource: String, CaseIterable, Sendable, Codable {
    case generalBudgetAppropriation = "一般公共预算财政拨款收入"
    case governmentFundAppropriation = "政府性基金预算财政拨款收入"
    case stateCapitalAppropriation = "国有资本经营预算财政拨款收入"
    case superiorSubsidy = "上级补助收入"
    case business = "事业收入"
    case operating = "经营收入"
    case subordinateRemittance = "附属单位上缴收入"
    case other = "其他收入"

    /// The fiscal fund an appropriation income belongs to; nil for the non-fiscal sources.
    public var fund: Fund? {
        switch self {
        case .generalBudgetAppropriation: return .generalBudget
        case .governmentFundAppropriation: return .governmentFund
        case .stateCapitalAppropriation: return .stateCapital
        default: return nil
        }
    }
}

/// What an expenditure was for (columns of table 3; 基本支出 split as tables 7 and 8 need).
public enum ExpenditureNature: String, CaseIterable, Sendable, Codable {
    case basicPersonnel = "基本支出-人员经费"
    case basicPublic = "基本支出-公用经费"
    case project = "项目支出"
    case remittedToSuperior = "上缴上级支出"
    case operating = "经营支出"
    case subsidyToSubordinates = "对附属单位补助支出"

    public var isBasic: Bool { self == .basicPersonnel || self == .basicPublic }
}

public struct IncomeFact: Hashable, Sendable {
    /// 功能分类 项 code (7 digits).
    public var functionalCode: String
    public var source: IncomeSource
    public var amount: Money
    /// Where the fact was written (file and line), for messages.
    public var origin: SourceLocation?

    public init(functionalCode: String, source: IncomeSource, amount: Money, origin: SourceLocation? = nil) {
        self.functionalCode = functionalCode; self.source = source; self.amount = amount; self.origin = origin
    }
}

public struct ExpenditureFact: Hashable, Sendable {
    /// 功能分类 项 code (7 digits).
    public var functionalCode: String
    /// 部门预算支出经济分类 款 code (5 digits).
    public var economicCode: String
    public var fund: Fund
    public var nature: ExpenditureNature
    /// The project, for project spending.
    public var project: String?
    public var amount: Money
    public var origin: SourceLocation?

    public init(functionalCode: String, economicCode: String, fund: Fund, nature: ExpenditureNature,
                project: String? = nil, amount: Money, origin: SourceLocation? = nil) {
        self.functionalCode = functionalCode; self.economicCode = economicCode; self.fund = fund
        self.nature = nature; self.project = project; self.amount = amount; self.origin = origin
    }
}

/// Carry-over balances of one fund, optionally for one 功能分类 项 (tables 11 and 13 show them per row).
public struct BalanceFact: Hashable, Sendable {
    public var fund: Fund
    public var functionalCode: String?
    /// 年初结转和结余
    public var opening: Money
    /// 年末结转和结余
    public var closing: Money
    public var origin: SourceLocation?

    public init(fund: Fund, functionalCode: String? = nil, opening: Money, closing: Money, origin: SourceLocation? = nil) {
        self.fund = fund; self.functionalCode = functionalCode; self.opening = opening; self.closing = closing; self.origin = origin
    }
}

/// The three "三公" items; 公务用车 is split into purchase and operation.
public enum ThreePublicItem: String, CaseIterable, Sendable, Codable {
    case travelAbroad = "因公出国（境）费"
    case vehiclePurchase = "公务用车购置费"
    case vehicleOperation = "公务用车运行费"
    case reception = "公务接待费"
}

public struct ThreePublicFact: Hashable, Sendable {
    public var fund: Fund
    public var item: ThreePublicItem
    /// 预算数 and 决算数.
    public var budget: Money
    public var actual: Money
    public var origin: SourceLocation?

    public init(fund: Fund, item: ThreePublicItem, budget: Money, actual: Money, origin: SourceLocation? = nil) {
        self.fund = fund; self.item = item; self.budget = budget; self.actual = actual; self.origin = origin
    }
}

/// The counts a narrative states about "三公" spending and vehicles.
public struct ThreePublicCounts: Hashable, Sendable {
    public var abroadGroups = 0          // 因公出国（境）团组
    public var abroadPersons = 0         // 出国（境）人次
    public var vehiclesPurchased = 0     // 更新购置公务用车
    public var vehiclesHeld = 0          // 年末公务用车保有量
    public var domesticReceptionBatches = 0
    public var domesticReceptionPersons = 0
    public var foreignReceptionBatches = 0
    public var foreignReceptionPersons = 0
    /// 更新购置公务用车 by body type (轿车、越野车、载客汽车…), in the order written; empty when not given.
    public var vehiclesPurchasedByType: [VehicleTypeCount] = []
    /// 年末公务用车保有量 by body type, in the order written; empty when not given.
    public var vehiclesHeldByType: [VehicleTypeCount] = []
    public init() {}
}

/// A number of official vehicles of one body type (车型), as a narrative splits them.
public struct VehicleTypeCount: Hashable, Sendable {
    public var type: String
    public var count: Int
    public init(type: String, count: Int) { self.type = type; self.count = count }
}

/// 全年预算数 of one 功能分类 项 and fund (the denominator of 完成预算%).
public struct BudgetFigure: Hashable, Sendable {
    public var functionalCode: String
    public var fund: Fund
    public var amount: Money
    public var origin: SourceLocation?
    public init(functionalCode: String, fund: Fund = .generalBudget, amount: Money, origin: SourceLocation? = nil) {
        self.functionalCode = functionalCode; self.fund = fund; self.amount = amount; self.origin = origin
    }
}

/// Prior-year figures a narrative compares against, keyed by metric.
public enum PriorYearMetric: String, CaseIterable, Sendable, Codable {
    case grandTotal = "收支总计"
    case fiscalGrandTotal = "财政拨款收支总计"
    case generalBudgetExpenditure = "一般公共预算财政拨款支出"
    case operatingCosts = "机关运行经费"
    case threePublicTotal = "三公经费"
    case travelAbroad = "因公出国（境）费"
    case vehicles = "公务用车购置及运行维护费"
    case reception = "公务接待费"
}

public struct Procurement: Hashable, Sendable {
    public var goods = Money.zero
    public var works = Money.zero
    public var services = Money.zero
    /// 授予中小企业合同金额, of which 授予小微企业.
    public var smeContracts = Money.zero
    public var smallMicroContracts = Money.zero
    public var total: Money { goods + works + services }
    public init() {}
}

public struct StateAssets: Hashable, Sendable {
    /// Vehicles by use (主要领导干部用车, 机要通信用车, 应急保障用车, 其他用车 …), in file order.
    public var vehicles: [(use: String, count: Int)] = []
    public var generalEquipmentOver500k = 0   // 单价50万元以上通用设备
    public var specialEquipmentOver1m = 0     // 单价100万元以上专用设备
    public var totalVehicles: Int { vehicles.reduce(0) { $0 + $1.count } }
    public init() {}

    public static func == (a: StateAssets, b: StateAssets) -> Bool {
        a.vehicles.map(\.use) == b.vehicles.map(\.use) && a.vehicles.map(\.count) == b.vehicles.map(\.count)
            && a.generalEquipmentOver500k == b.generalEquipmentOver500k && a.specialEquipmentOver1m == b.specialEquipmentOver1m
    }
    public func hash(into h: inout Hasher) {
        for v in vehicles { h.combine(v.use); h.combine(v.count) }
        h.combine(generalEquipmentOver500k); h.combine(specialEquipmentOver1m)
    }
}

public struct PerformanceIndicator: Hashable, Sendable {
    public var level1: String   // 一级指标: 产出指标 / 效益指标 / 满意度指标
    public var level2: String   // 二级指标: 数量指标 …
    public var level3: String   // 三级指标
    public var planned: String  // 预期指标值 (text: "800", "95%", "2021年1-12月")
    public var actual: String   // 实际完成指标值
    public init(level1: String, level2: String, level3: String, planned: String, actual: String) {
        self.level1 = level1; self.level2 = level2; self.level3 = level3; self.planned = planned; self.actual = actual
    }
}

/// A project performance self-evaluation (table 15, one block per project).
public struct PerformanceEvaluation: Hashable, Sendable {
    public var project: String
    public var department: String
    public var implementingUnit: String
    public var fiscalFunds: Money
    public var otherFunds: Money
    public var plannedGoal: String
    public var actualGoal: String
    public var indicators: [PerformanceIndicator]
    public init(project: String, department: String, implementingUnit: String, fiscalFunds: Money, otherFunds: Money,
                plannedGoal: String, actualGoal: String, indicators: [PerformanceIndicator]) {
        self.project = project; self.department = department; self.implementingUnit = implementingUnit
        self.fiscalFunds = fiscalFunds; self.otherFunds = otherFunds; self.plannedGoal = plannedGoal
        self.actualGoal = actualGoal; self.indicators = indicators
    }
}

/// A place in a unit data file, for messages ("unit.yaml 第12行").
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public init(file: String, line: Int, column: Int = 0) { self.file = file; self.line = line; self.column = column }
    public var description: String { "\(file) 第\(line)行" }
}

/// Everything juesuan knows about one unit's final accounts for one year.
public struct UnitAccounts: Sendable, Equatable {
    public var unit: UnitInfo
    public var income: [IncomeFact] = []
    public var expenditure: [ExpenditureFact] = []
    public var balances: [BalanceFact] = []
    /// 使用非财政拨款结余 (table 1, income side).
    public var nonFiscalBalanceUsed = Money.zero
    /// 结余分配 (table 1, expenditure side).
    public var surplusDistribution = Money.zero
    public var threePublic: [ThreePublicFact] = []
    public var threePublicCounts = ThreePublicCounts()
    public var budgets: [BudgetFigure] = []
    public var priorYear: [PriorYearMetric: Money] = [:]
    public var procurement = Procurement()
    public var assets = StateAssets()
    public var performance: [PerformanceEvaluation] = []
    /// Subjects the unit's data file adds to the catalogues (科目扩展), kept so the file can be written back.
    public var subjectExtensions: [SubjectExtension] = []

    public init(unit: UnitInfo) { self.unit = unit }
}
