import Foundation
import Accounts
import TableSet
import Narrative

/// An amount a claim is compared with, as an interval in 元: a table's shown 万元 value stands for
/// ±50 元 around it; a figure from the unit data file is exact.
struct Quantity {
    var lo: Decimal
    var hi: Decimal
    /// Where it comes from, in Chinese ("表1「本年收入合计」（工作表「表1」C9）").
    var source: String
    var shown: String
    var table: TableID?
    var cell: String?
    var sheet: String?

    var isPoint: Bool { lo == hi }
    var mid: Decimal { (lo + hi) / 2 }

    static func exact(_ money: Money, source: String) -> Quantity {
        let y = Decimal(money.fen) / 100
        return Quantity(lo: y, hi: y, source: source, shown: ClaimFormat.wan(y), table: nil)
    }

    static func + (a: Quantity, b: Quantity) -> Quantity {
        Quantity(lo: a.lo + b.lo, hi: a.hi + b.hi, source: a.source + "＋" + b.source,
                 shown: ClaimFormat.wan(a.mid + b.mid), table: a.table, cell: a.cell, sheet: a.sheet)
    }
}

/// Interval helpers: shown values stand for half-open intervals [v − h, v + h).
enum Interval {
    static func meets(_ aLo: Decimal, _ aHi: Decimal, _ bLo: Decimal, _ bHi: Decimal) -> Bool {
        let lo = max(aLo, bLo), hi = min(aHi, bHi)
        return lo < hi || (lo == hi && (aLo == aHi || bLo == bHi))
    }

    /// 10^-decimals as a Decimal.
    static func unit(_ decimals: Int) -> Decimal {
        var d = Decimal(1)
        for _ in 0..<max(0, decimals) { d /= 10 }
        return d
    }
}

enum ClaimFormat {
    static func round(_ d: Decimal, _ places: Int) -> Decimal {
        var x = d, r = Decimal()
        NSDecimalRound(&r, &x, places, .plain)
        return r
    }
    static func text(_ d: Decimal, _ places: Int) -> String {
        let r = round(d, places)
        let f = NumberFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.minimumFractionDigits = places; f.maximumFractionDigits = places; f.usesGroupingSeparator = false
        return f.string(from: NSDecimalNumber(decimal: r)) ?? "\(r)"
    }
    /// 元 as "1704.87万元".
    static func wan(_ yuan: Decimal) -> String { text(yuan / 10_000, 2) + "万元" }
}

/// Finds the table cell (or unit-data fact) a claim's subject speaks of.
struct ClaimValues {
    let tables: [TableID: StatTable]
    let sources: [TableID: TableSource]
    let accounts: UnitAccounts?

    enum Resolved {
        case value(Quantity)
        case unbound(String)
    }

    static let needsData = "需要单位数据文件（--data）"

    func norm(_ s: String) -> String { SubjectCatalogue.normalizedName(RuleContext.rowKey(s)) }

    /// A cell by panel, row and column; a table without that row shows nothing, which is zero.
    func cell(_ id: TableID, panel: String? = nil, row: (TableRow) -> Bool, rowLabel: String, column: String) -> Resolved {
        guard let table = tables[id] else { return .unbound("工作簿中缺少表「\(id.title)」") }
        let p: Int? = panel == nil ? (table.panels.isEmpty ? nil : 0)
            : table.panels.firstIndex { TextNorm.key($0.name) == TextNorm.key(panel ?? "") }
        guard let p else {
            if table.isEmpty || table.panels.isEmpty { return .value(zero(id, rowLabel)) }
            return .unbound("表「\(id.title)」中找不到「\(panel ?? "")」部分")
        }
        let key = TextNorm.key(column)
        guard let c = table.panels[p].columns.firstIndex(where: { TextNorm.key($0) == key })
            ?? table.panels[p].columns.firstIndex(where: { TextNorm.key($0).hasSuffix(key) }) else {
            if table.panels[p].rows.isEmpty { return .value(zero(id, rowLabel)) }
            return .unbound("表「\(id.title)」中找不到列「\(column)」")
        }
        guard let r = table.panels[p].rows.firstIndex(where: row) else { return .value(zero(id, rowLabel + "（表中无此行，按0计）")) }
        let v = table.panels[p].rows[r].values[safe: c] ?? nil
        let cellRef = sources[id]?.cell(panel: p, row: r, column: c)
        let sheet = sources[id]?.sheet
        let place = cellRef.map { "（工作表「\(sheet ?? "")」\($0)）" } ?? ""
        let label = "表\(id.rawValue)\(rowLabel)" + (column == "金额" || column == "决算数" || column == "合计" ? "" : "\(column)") + place
        guard let v else { return .value(Quantity(lo: 0, hi: 0, source: label, shown: "空白", table: id, cell: cellRef, sheet: sheet)) }
        let perHundredth = Decimal(table.unit.fenPerHundredth) / 100   // 元 per hundredth
        let center = Decimal(v) * perHundredth
        let half = table.unit == .wanYuan ? perHundredth / 2 : 0
        return .value(Quantity(lo: center - half, hi: center + half, source: label,
                               shown: Money.decimalText(v, scale: 2) + table.unit.rawValue, table: id, cell: cellRef, sheet: sheet))
    }

    func zero(_ id: TableID, _ label: String) -> Quantity {
        Quantity(lo: 0, hi: 0, source: "表\(id.rawValue)\(label)", shown: "0", table: id)
    }

    func named(_ name: String) -> (TableRow) -> Bool {
        let key = RuleContext.rowKey(name)
        return { RuleContext.rowKey($0.name) == key }
    }

    func isTotal(_ name: String = "合计") -> (TableRow) -> Bool {
        let key = RuleContext.rowKey(name)
        return { $0.level == .total && (RuleContext.rowKey($0.name) == key || key == "合计") }
    }

    /// The amount a subject names, from the tables (or the unit data for facts not in tables).
    func value(_ subject: ClaimSubject) -> Resolved {
        switch subject {
        case .grandTotal, .grandTotalIncome:
            return cell(.t01, panel: "收入", row: named("总计"), rowLabel: "「收入总计」", column: "金额")
        case .grandTotalExpenditure:
            return cell(.t01, panel: "支出", row: named("总计"), rowLabel: "「支出总计」", column: "金额")
        case .fiscalGrandTotal:
            return cell(.t04, panel: "收入", row: named("总计"), rowLabel: "「收入总计」", column: "金额")
        case .totalIncome:
            return cell(.t01, panel: "收入", row: named("本年收入合计"), rowLabel: "「本年收入合计」", column: "金额")
        case let .incomeSource(s):
            return cell(.t01, panel: "收入", row: named(s.rawValue), rowLabel: "「\(s.rawValue)」", column: "金额")
        case .totalExpenditure:
            return cell(.t03, row: isTotal(), rowLabel: "「合计」", column: "本年支出合计")
        case let .expenditure(k):
            return cell(.t03, row: isTotal(), rowLabel: "「合计」", column: k.rawValue)
        case .openingBalance:
            return cell(.t01, panel: "收入", row: named("年初结转和结余"), rowLabel: "「年初结转和结余」", column: "金额")
        case .generalBudgetExpenditure:
            return cell(.t06, row: isTotal(), rowLabel: "「合计」", column: "合计")
        case let .generalBudgetClass(name):
            let key = norm(name)
            return cell(.t06, row: { $0.code?.count == 3 && self.norm($0.name) == key }, rowLabel: "「\(name)」", column: "合计")
        case let .generalBudgetItem(cls, kuan, xiang):
            return itemValue(cls: cls, kuan: kuan, xiang: xiang)
        case .generalBudgetBasic:
            return cell(.t06, row: isTotal(), rowLabel: "「合计」", column: "基本支出")
        case .personnel:
            return cell(.t08, panel: "人员经费", row: named("人员经费合计"), rowLabel: "「人员经费合计」", column: "决算数")
        case .publicFunds, .officeRunningCosts:
            return cell(.t08, panel: "公用经费", row: named("公用经费合计"), rowLabel: "「公用经费合计」", column: "决算数")
        case let .personnelItem(name):
            return economicItem(panel: "人员经费", name: name)
        case let .publicFundsItem(name):
            return economicItem(panel: "公用经费", name: name)
        case .threePublicTotal:
            return threePublic("合计")
        case let .threePublic(item):
            switch item {
            case .abroad: return threePublic("因公出国（境）费")
            case .vehicles: return threePublic("公务用车购置及运行费/小计")
            case .vehiclePurchase: return threePublic("公务用车购置及运行费/公务用车购置费")
            case .vehicleOperation: return threePublic("公务用车购置及运行费/公务用车运行费")
            case .reception: return threePublic("公务接待费")
            case .domesticReception, .foreignReception:
                // The tables have only the 公务接待费 total; when it is 0 both parts are 0.
                guard case var .value(total) = threePublic("公务接待费") else { return threePublic("公务接待费") }
                guard total.hi > 0, total.lo <= 0, total.mid < 50 else {
                    return .unbound("国内、外事接待费的划分不在表格中（表10只有公务接待费合计）")
                }
                total.source += "（合计为0，国内、外事接待费均为0）"
                return .value(total)
            }
        case .governmentFundExpenditure:
            return cell(.t11, row: isTotal(), rowLabel: "「合计」", column: "本年支出/合计")
        case .stateCapitalExpenditure:
            return cell(.t13, row: isTotal(), rowLabel: "「合计」", column: "本年支出/合计")
        case .governmentFundProject:
            return .unbound("项目明细不在表格中（表11只按功能分类列示）")
        case let .procurement(part):
            guard let a = accounts else { return .unbound(Self.needsData + "中的政府采购数据") }
            let p = a.procurement
            let m: Money = switch part {
            case .total: p.total
            case .goods: p.goods
            case .works: p.works
            case .services: p.services
            case .smallAndMedium: p.smeContracts
            case .smallAndMicro: p.smallMicroContracts
            }
            return .value(.exact(m, source: "单位数据「政府采购·\(part.rawValue)」"))
        case .counted:
            return .unbound("数量（个、辆、人次等）不是表格金额")
        case .projectBudget:
            return .unbound("项目全年预算数不在表格中，单位数据文件也没有（附件中项目的完成率按说明自身的执行数与预算数核对）")
        case let .projectExecution(name):
            return projectFunds(name)
        case let .unrecognized(text):
            return .unbound("未能识别所指科目（\(text)）")
        }
    }

    func threePublic(_ column: String) -> Resolved {
        let general = cell(.t10, row: { _ in true }, rowLabel: "", column: "决算数/" + column)
        // 政府性基金 三公 (table 12) adds to it when the unit has any.
        if case let .value(g) = general, case let .value(f) = cell(.t12, row: { _ in true }, rowLabel: "", column: "决算数/" + column),
           !(f.lo == 0 && f.hi == 0) {
            return .value(g + f)
        }
        return general
    }

    func itemValue(cls: String, kuan: String, xiang: String) -> Resolved {
        guard let t6 = tables[.t06] else { return .unbound("工作簿中缺少表「\(TableID.t06.title)」") }
        let rows = t6.panels.first?.rows ?? []
        let kuanKey = norm(kuan), xiangKey = norm(xiang), clsKey = norm(cls)
        let kuanCodes = Set(rows.filter { $0.code?.count == 5 && norm($0.name) == kuanKey }.compactMap(\.code))
        let clsCodes = Set(rows.filter { $0.code?.count == 3 && norm($0.name) == clsKey }.compactMap(\.code))
        let candidates = rows.filter { $0.code?.count == 7 && norm($0.name) == xiangKey }
        let chosen = candidates.first { kuanCodes.contains(String($0.code?.prefix(5) ?? "")) }
            ?? candidates.first { clsCodes.contains(String($0.code?.prefix(3) ?? "")) }
            ?? (candidates.count == 1 ? candidates.first : nil)
        let label = "「\(cls)／\(kuan)／\(xiang)」"
        guard let code = chosen?.code else {
            return .value(zero(.t06, label + "（表中无此项，按0计）"))
        }
        return cell(.t06, row: { $0.code == code }, rowLabel: "「\(code) \(xiang)」", column: "合计")
    }

    func economicItem(panel: String, name: String) -> Resolved {
        let key = norm(name)
        let matches: (TableRow) -> Bool = { row in
            guard let code = row.code, code.count == 5 else { return false }
            let k = self.norm(row.name)
            return k == key || (k.count >= 3 && key.count >= 3 && (k.hasPrefix(key) || key.hasPrefix(k)))
        }
        return cell(.t08, panel: panel, row: matches, rowLabel: "「\(name)」", column: "决算数")
    }

    /// 执行数 of a project: table 15's 项目资金 (财政拨款 + 其他资金) of the panel with that project's name.
    func projectFunds(_ name: String) -> Resolved {
        guard let t15 = tables[.t15] else { return .unbound("工作簿中缺少表「\(TableID.t15.title)」") }
        let key = TextNorm.key(name)
        guard let p = t15.panels.first(where: { TextNorm.key($0.name) == key || TextNorm.key($0.rows.first?.texts.first ?? "") == key }) else {
            return .unbound("绩效自评表中没有项目「\(name)」")
        }
        var total = Decimal(0)
        for label in ["项目资金/财政拨款", "项目资金/其他资金"] {
            guard let row = p.rows.first(where: { TextNorm.key($0.name) == TextNorm.key(label) }), let text = row.texts.first else { continue }
            let digits = text.replacingOccurrences(of: "万元", with: "").replacingOccurrences(of: ",", with: "")
            guard let d = Decimal(string: TextNorm.trim(digits)) else { continue }
            total += d * 10_000
        }
        return .value(Quantity(lo: total - 50, hi: total + 50, source: "表15「\(name)」项目资金", shown: ClaimFormat.wan(total), table: .t15))
    }

    /// Prior-year figure of a subject, from the unit data.
    func priorYear(_ subject: ClaimSubject) -> Resolved {
        let metric: PriorYearMetric? = switch subject {
        case .grandTotal, .grandTotalIncome, .grandTotalExpenditure: .grandTotal
        case .fiscalGrandTotal: .fiscalGrandTotal
        case .generalBudgetExpenditure: .generalBudgetExpenditure
        case .officeRunningCosts: .operatingCosts
        case .threePublicTotal: .threePublicTotal
        case .threePublic(.abroad): .travelAbroad
        case .threePublic(.vehicles): .vehicles
        case .threePublic(.reception): .reception
        default: nil
        }
        guard let metric else { return .unbound("没有「\(subject)」的上年数口径") }
        guard let accounts else { return .unbound(Self.needsData + "中的上年数") }
        guard let m = accounts.priorYear[metric] else { return .unbound("单位数据文件中没有「\(metric.rawValue)」的上年数") }
        return .value(.exact(m, source: "单位数据「上年数·\(metric.rawValue)」"))
    }

    /// 全年预算数 of a subject: table 10's 预算数 for 三公, else the unit data's budgets.
    func budget(_ subject: ClaimSubject) -> Resolved {
        switch subject {
        case .threePublicTotal, .threePublic:
            let column: String
            switch subject {
            case .threePublic(.abroad): column = "因公出国（境）费"
            case .threePublic(.vehicles): column = "公务用车购置及运行费/小计"
            case .threePublic(.vehiclePurchase): column = "公务用车购置及运行费/公务用车购置费"
            case .threePublic(.vehicleOperation): column = "公务用车购置及运行费/公务用车运行费"
            case .threePublic(.reception): column = "公务接待费"
            case .threePublicTotal: column = "合计"
            default: return .unbound("国内、外事接待的预算数不在表格中")
            }
            return cell(.t10, row: { _ in true }, rowLabel: "", column: "预算数/" + column)
        case .generalBudgetExpenditure:
            guard let accounts else { return .unbound(Self.needsData + "中的全年预算数") }
            let budgets = accounts.budgets.filter { $0.fund == .generalBudget }
            guard !budgets.isEmpty else { return .unbound("单位数据文件中没有一般公共预算的全年预算数") }
            return .value(.exact(budgets.map(\.amount).sum(), source: "单位数据「全年预算」一般公共预算合计"))
        case let .generalBudgetItem(cls, kuan, xiang):
            guard let accounts else { return .unbound(Self.needsData + "中的全年预算数") }
            guard case let .value(q) = itemValue(cls: cls, kuan: kuan, xiang: xiang), let code = itemCode(q) else {
                return .unbound("表6中没有「\(xiang)」，找不到其全年预算数")
            }
            let budgets = accounts.budgets.filter { $0.fund == .generalBudget && $0.functionalCode == code }
            guard !budgets.isEmpty else { return .unbound("单位数据文件中没有\(code) \(xiang)的全年预算数") }
            return .value(.exact(budgets.map(\.amount).sum(), source: "单位数据「全年预算」\(code) \(xiang)"))
        default:
            return .unbound("没有「\(subject)」的全年预算数口径")
        }
    }

    /// The 项 code inside a resolved table-6 label ("表6「2080101 行政运行」…").
    func itemCode(_ q: Quantity) -> String? {
        guard let r = q.source.range(of: #"\d{7}"#, options: .regularExpression) else { return nil }
        return String(q.source[r])
    }
}
