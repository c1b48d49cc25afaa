import Foundation

/// What a figure in the narrative says about the accounts.
public enum ClaimKind: Hashable, Sendable {
    case amount
    /// 占…%: `of` is the denominator, as stated ("占本年支出合计的") or implied by the sentence.
    case share(of: ClaimSubject?)
    /// 增加/减少 X万元 (`direction` is the word as written, normalised).
    case changeAmount(direction: ChangeDirection)
    /// 增长/下降 q%.
    case changePercent(direction: ChangeDirection)
    /// 完成预算p%.
    case completionRate
    /// 决算数大于/小于/持平 预算数; 与上年持平. No figure.
    case comparison(Comparison)
    /// 团组, 人次, 辆, 批次, 个项目 …
    case count
}

public enum ChangeDirection: String, Hashable, Sendable {
    case increase   // 增加, 增长, 上升
    case decrease   // 减少, 下降, 降低
    case unchanged  // 持平
}

public enum Comparison: String, Hashable, Sendable {
    case budgetGreater = "决算数大于预算数"
    case budgetLess = "决算数小于预算数"
    case budgetEqual = "决算数与预算数持平"
    case priorYearEqual = "与上年持平"
}

/// The 三公 items.
public enum ThreePublicItem: String, Hashable, Sendable, CaseIterable {
    case abroad = "因公出国（境）费"
    case vehicles = "公务用车购置及运行维护费"
    case vehiclePurchase = "公务用车购置费"
    case vehicleOperation = "公务用车运行维护费"
    case reception = "公务接待费"
    case domesticReception = "国内公务接待费"
    case foreignReception = "外事接待费"
}

/// 政府采购 parts.
public enum ProcurementPart: String, Hashable, Sendable {
    case total = "政府采购支出总额"
    case goods = "政府采购货物支出"
    case works = "政府采购工程支出"
    case services = "政府采购服务支出"
    case smallAndMedium = "授予中小企业合同金额"
    case smallAndMicro = "授予小微企业合同金额"
}

/// The eight income sources of table 1.
public enum IncomeSource: String, Hashable, Sendable, CaseIterable {
    case generalBudget = "一般公共预算财政拨款收入"
    case governmentFund = "政府性基金预算财政拨款收入"
    case stateCapital = "国有资本经营预算财政拨款收入"
    case higherLevelSubsidy = "上级补助收入"
    case operating = "事业收入"
    case business = "经营收入"
    case subordinateRemittance = "附属单位上缴收入"
    case other = "其他收入"
}

/// The five expenditure kinds of table 3.
public enum ExpenditureKind: String, Hashable, Sendable, CaseIterable {
    case basic = "基本支出"
    case project = "项目支出"
    case remittedToHigherLevel = "上缴上级支出"
    case business = "经营支出"
    case subsidyToSubordinates = "对附属单位补助支出"
}

/// What a claim is about.
public indirect enum ClaimSubject: Hashable, Sendable, CustomStringConvertible {
    case grandTotal                       // 收、支总计 (one number for both)
    case grandTotalIncome                 // 收入总计
    case grandTotalExpenditure            // 支出总计
    case fiscalGrandTotal                 // 财政拨款收、支总计
    case totalIncome                      // 本年收入合计
    case incomeSource(IncomeSource)
    case totalExpenditure                 // 本年支出合计
    case expenditure(ExpenditureKind)
    case openingBalance                   // 年初结转和结余
    case generalBudgetExpenditure         // 一般公共预算财政拨款支出
    case generalBudgetClass(String)       // a 类 by canonical name, e.g. "社会保障和就业支出"
    /// a 项 by its 类/款/项 names as written (类 canonicalised)
    case generalBudgetItem(class: String, kuan: String, xiang: String)
    case generalBudgetBasic               // 一般公共预算财政拨款基本支出
    case personnel                        // 人员经费
    case personnelItem(String)            // by economic name
    case publicFunds                      // 公用经费
    case publicFundsItem(String)
    case threePublicTotal
    case threePublic(ThreePublicItem)
    case governmentFundExpenditure        // 政府性基金预算财政拨款支出
    case governmentFundProject(String)
    case stateCapitalExpenditure          // 国有资本经营预算财政拨款支出
    case officeRunningCosts               // 机关运行经费
    case procurement(ProcurementPart)
    /// 车辆, 设备, 团组, 批次 … counted: what is counted, as written
    case counted(String)
    case projectBudget(String)            // 附件: 项目全年预算数
    case projectExecution(String)         // 附件: 执行数
    case unrecognized(String)

    public var description: String {
        switch self {
        case .grandTotal: return "收、支总计"
        case .grandTotalIncome: return "收入总计"
        case .grandTotalExpenditure: return "支出总计"
        case .fiscalGrandTotal: return "财政拨款收、支总计"
        case .totalIncome: return "本年收入合计"
        case let .incomeSource(s): return s.rawValue
        case .totalExpenditure: return "本年支出合计"
        case let .expenditure(k): return k.rawValue
        case .openingBalance: return "年初结转和结余"
        case .generalBudgetExpenditure: return "一般公共预算财政拨款支出"
        case let .generalBudgetClass(n): return "\(n)（类）"
        case let .generalBudgetItem(c, k, x): return "\(c)（类）\(k)（款）\(x)（项）"
        case .generalBudgetBasic: return "一般公共预算财政拨款基本支出"
        case .personnel: return "人员经费"
        case let .personnelItem(n): return "人员经费·\(n)"
        case .publicFunds: return "公用经费"
        case let .publicFundsItem(n): return "公用经费·\(n)"
        case .threePublicTotal: return "“三公”经费"
        case let .threePublic(i): return i.rawValue
        case .governmentFundExpenditure: return "政府性基金预算财政拨款支出"
        case let .governmentFundProject(n): return "政府性基金项目·\(n)"
        case .stateCapitalExpenditure: return "国有资本经营预算财政拨款支出"
        case .officeRunningCosts: return "机关运行经费"
        case let .procurement(p): return p.rawValue
        case let .counted(n): return n
        case let .projectBudget(n): return "\(n)·全年预算数"
        case let .projectExecution(n): return "\(n)·执行数"
        case let .unrecognized(t): return "未识别：\(t)"
        }
    }
}

/// Units a figure is written in.
public enum ClaimUnit: String, Hashable, Sendable {
    case wanYuan = "万元"
    case yuan = "元"
    case percent = "%"
    case none = ""
    case item = "个"
    case vehicle = "辆"
    case personTimes = "人次"
    case person = "人"
    case times = "次"
    case batch = "批次"
    case set = "台（套）"
    case household = "家"

    public var isMoney: Bool { self == .wanYuan || self == .yuan }
}

/// Where a claim is in the document.
public struct ClaimLocation: Hashable, Sendable {
    public var paragraph: Int
    public var section: NarrativeSection
    /// The sentence as written in the original (artefacts removed).
    public var sentence: String
    /// Character offsets of the figure inside `sentence` (original text); empty for comparisons.
    public var figureRange: Range<Int>
    /// The figure as written ("１，７０４.８７万元").
    public var figureText: String
}

/// One thing the narrative says about the accounts.
public struct Claim: Hashable, Sendable {
    public var kind: ClaimKind
    public var subject: ClaimSubject
    /// The value as written (a percent as its number: 99.71 for 99.71%). Zero for comparisons.
    public var value: Decimal
    /// Decimals as written: "129.4" has 1, "0" has 0.
    public var decimals: Int
    public var unit: ClaimUnit
    public var location: ClaimLocation
    public var qualifiers: ClaimQualifiers

    public init(kind: ClaimKind, subject: ClaimSubject, value: Decimal, decimals: Int, unit: ClaimUnit,
                location: ClaimLocation, qualifiers: ClaimQualifiers = ClaimQualifiers()) {
        self.kind = kind; self.subject = subject; self.value = value; self.decimals = decimals
        self.unit = unit; self.location = location; self.qualifiers = qualifiers
    }
}

/// Circumstances of a claim that change how it binds or is checked.
public struct ClaimQualifiers: Hashable, Sendable {
    /// The sentence lists parts "主要包括/主要为…" (maybe not all of them) rather than "其中" (all).
    public var partialList = false
    /// The restatement of a figure in the attachment (整体绩效评价报告): checked for consistency with
    /// sections 一–十 but not bound to a table.
    public var isRestatement = false
    /// A category inside the subject ("轿车" for a vehicle purchase amount).
    public var category: String?
    /// Direction word as written (增加, 减少, 增长, 下降 …).
    public var directionWord: String?
    /// The figure was written with a minus sign.
    public var negativeSign = false
    /// Why a figure is `.unrecognized`.
    public var reason: String?
    /// A share written without its % sign.
    public var percentMissing = false
    /// The text introducing the figure, e.g. "社会保障和就业（类）支出".
    public var label: String = ""

    public init() {}
}
