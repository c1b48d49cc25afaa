import Foundation
import Accounts
@testable import TableSet
@testable import Reconcile

/// A small unit whose figures exercise rounding (two 50 元 项 make a 0.01 万元 类) and three funds.
enum Unit {
    static let functional: [String: String] = [
        "201": "一般公共服务支出", "208": "社会保障和就业支出", "20801": "人力资源和社会保障管理事务",
        "2080101": "行政运行", "2080199": "其他人力资源和社会保障管理事务支出", "210": "卫生健康支出",
        "21011": "行政事业单位医疗", "2101101": "行政单位医疗", "212": "城乡社区支出",
        "21208": "国有土地使用权出让收入安排的支出", "2120802": "土地开发支出",
    ]
    static let economic: [String: String] = [
        "301": "工资福利支出", "30101": "基本工资", "30110": "职工基本医疗保险缴费",
        "302": "商品和服务支出", "30201": "办公费", "30211": "差旅费", "30231": "公务用车运行维护费",
        "303": "对个人和家庭的补助", "30302": "退休费",
    ]
    static let naming = SubjectNaming(
        functionalName: { functional[$0] }, economicName: { economic[$0] },
        functionalCategories: [("201", "一般公共服务支出"), ("208", "社会保障和就业支出"), ("210", "卫生健康支出"), ("212", "城乡社区支出")])

    static func yuan(_ y: Int64) -> Money { Money(yuan: y) }

    static var accounts: UnitAccounts {
        var a = UnitAccounts(unit: UnitInfo(code: "001", name: "测试单位", year: 2021, kind: .civilServiceManaged))
        a.income = [
            IncomeFact(functionalCode: "2080101", source: .generalBudgetAppropriation, amount: yuan(1_234_550)),
            IncomeFact(functionalCode: "2080199", source: .generalBudgetAppropriation, amount: yuan(50)),
            IncomeFact(functionalCode: "2101101", source: .generalBudgetAppropriation, amount: yuan(12_345)),
            IncomeFact(functionalCode: "2120802", source: .governmentFundAppropriation, amount: yuan(10_000)),
            IncomeFact(functionalCode: "2101101", source: .other, amount: yuan(30)),
        ]
        a.expenditure = [
            ExpenditureFact(functionalCode: "2080101", economicCode: "30101", fund: .generalBudget, nature: .basicPersonnel, amount: yuan(1_234_550)),
            ExpenditureFact(functionalCode: "2080199", economicCode: "30201", fund: .generalBudget, nature: .basicPublic, amount: yuan(50)),
            ExpenditureFact(functionalCode: "2101101", economicCode: "30110", fund: .generalBudget, nature: .basicPersonnel, amount: yuan(2_345)),
            ExpenditureFact(functionalCode: "2101101", economicCode: "30231", fund: .generalBudget, nature: .project,
                            project: "体检", amount: yuan(4_000)),
            ExpenditureFact(functionalCode: "2101101", economicCode: "30211", fund: .generalBudget, nature: .project,
                            project: "体检", amount: yuan(6_000)),
            ExpenditureFact(functionalCode: "2120802", economicCode: "30201", fund: .governmentFund, nature: .project,
                            project: "土地", amount: yuan(8_000)),
            ExpenditureFact(functionalCode: "2101101", economicCode: "30302", fund: .nonFiscal, nature: .basicPersonnel, amount: yuan(30)),
        ]
        a.balances = [BalanceFact(fund: .governmentFund, functionalCode: "2120802", opening: .zero, closing: yuan(2_000))]
        a.threePublic = [ThreePublicFact(fund: .generalBudget, item: .vehicleOperation, budget: yuan(5_000), actual: yuan(4_321))]
        return a
    }

    static func tables() throws -> [StatTable] {
        try TableBuilder(naming: naming).build(accounts)
    }
}

/// Renders a table the way published workbooks lay it out, with variants a reader must accept.
struct GridRenderer {
    var splitCodes = false
    var totalAtBottom = false
    var title: (TableID) -> String = { "2021年" + $0.title }
    var numbersAsText = false
    var columnNumberRow = true
    /// Finance-software exports: each row writes only its own level's code in the split columns.
    var lowestCodeOnly = false
    /// Values in 元 (金额单位：元) instead of 万元.
    var yuan = false
    /// A 项目 level above the label columns and a 功能分类科目编码 level above 类/款/项 (three header rows).
    var projectHeader = false
    /// Names indented with full-width spaces by level, as WPS and finance software print them.
    var indentByLevel = false
    /// The 栏次 row without its label, the column numbers stored as numbers.
    var bareNumericColumnNumbers = false
    /// The header line naming the unit and the amount unit: first and last cell of the row.
    var infoLine: (unit: String, amounts: String)? = nil

    struct Col { var levels: [String]; var kind: String; var index: Int }

    func render(_ t: StatTable, sheet: String? = nil) -> SheetGrid {
        var rows: [[GridValue]] = []
        var merges: [GridRange] = []
        let multiPanel = t.panels.count > 1
        var cols: [(panel: Int, col: Col)] = []
        for (p, panel) in t.panels.enumerated() {
            let head: [String] = multiPanel ? [panel.name] : []
            if t.id == .t01 || t.id == .t04 {
                cols.append((p, Col(levels: head + ["项目"], kind: "name", index: -1)))
                cols.append((p, Col(levels: head + ["行次"], kind: "line", index: -1)))
            } else if splitCodes {
                let top = projectHeader ? ["项目"] : []
                let codeHead = projectHeader ? "功能分类科目编码" : "科目编码"
                for (i, l) in ["类", "款", "项"].enumerated() { cols.append((p, Col(levels: head + top + [codeHead, l], kind: "code\(i)", index: -1))) }
                cols.append((p, Col(levels: head + top + ["科目名称"], kind: "name", index: -1)))
            } else {
                cols.append((p, Col(levels: head + ["科目编码"], kind: "code", index: -1)))
                cols.append((p, Col(levels: head + ["科目名称"], kind: "name", index: -1)))
            }
            for (i, c) in panel.columns.enumerated() {
                cols.append((p, Col(levels: head + c.split(separator: "/").map(String.init), kind: "amount", index: i)))
            }
        }
        let width = cols.count
        let depth = cols.map(\.col.levels.count).max() ?? 1
        rows.append([.text(title(t.id))] + Array(repeating: .empty, count: width - 1))
        merges.append(GridRange(firstRow: 0, firstColumn: 0, lastRow: 0, lastColumn: width - 1))
        var info = Array(repeating: GridValue.empty, count: width)
        info[0] = .text(infoLine?.unit ?? "编制单位：测试单位")
        info[width - 1] = .text(infoLine?.amounts ?? "金额单位：\(yuan ? "元" : t.unit.rawValue)")
        rows.append(info)
        // Header rows: a level written once, merged across equal neighbours and down to the bottom.
        for level in 0..<depth {
            var row = Array(repeating: GridValue.empty, count: width)
            var c = 0
            while c < width {
                let levels = cols[c].col.levels
                guard level < levels.count else { c += 1; continue }
                let prefix = Array(levels[0...level])
                var end = c
                while end + 1 < width, cols[end + 1].col.levels.count > level, Array(cols[end + 1].col.levels[0...level]) == prefix { end += 1 }
                row[c] = .text(levels[level])
                let bottom = level == levels.count - 1 ? depth - 1 : level
                if end > c || bottom > level {
                    merges.append(GridRange(firstRow: 2 + level, firstColumn: c, lastRow: 2 + bottom, lastColumn: end))
                }
                c = end + 1
            }
            rows.append(row)
        }
        if columnNumberRow {
            var row = Array(repeating: GridValue.empty, count: width)
            if !bareNumericColumnNumbers { row[0] = .text("栏次") }
            var n = 1
            for (i, c) in cols.enumerated() where c.col.kind == "amount" {
                row[i] = bareNumericColumnNumbers ? .number(Decimal(n)) : .text(String(n)); n += 1
            }
            rows.append(row)
        }
        // Data rows: panels side by side share sheet rows.
        let order: [[TableRow]] = t.panels.map { panel in
            guard totalAtBottom, let first = panel.rows.first, first.level == .total else { return panel.rows }
            return Array(panel.rows.dropFirst()) + [first]
        }
        let count = order.map(\.count).max() ?? 0
        var lineNumber = 1
        for r in 0..<count {
            var row = Array(repeating: GridValue.empty, count: width)
            for (i, c) in cols.enumerated() {
                guard r < order[c.panel].count else { continue }
                let tr = order[c.panel][r]
                switch c.col.kind {
                case "name":
                    let depth = [3: 0, 5: 1, 7: 2][tr.code?.count ?? 0] ?? 0
                    row[i] = .text(indentByLevel ? String(repeating: "\u{3000}", count: depth) + tr.name : tr.code == nil ? tr.name : "  " + tr.name)
                case "line": row[i] = .number(Decimal(lineNumber)); lineNumber += 1
                case "code": row[i] = tr.code.map { .text($0) } ?? .empty
                case "code0", "code1", "code2":
                    let level = Int(String(c.col.kind.last ?? "0")) ?? 0
                    guard let code = tr.code, code.count >= 3 + 2 * level,
                          !lowestCodeOnly || code.count == 3 + 2 * level else { continue }
                    row[i] = .text(level == 0 ? String(code.prefix(3)) : String(code.dropFirst(1 + 2 * level).prefix(2)))
                default:
                    guard var v = tr.values[c.col.index] else { continue }
                    if yuan { v *= 10_000 }
                    row[i] = numbersAsText ? .text(Self.grouped(v)) : .number(Decimal(v) / 100)
                }
            }
            rows.append(row)
        }
        if t.isEmpty { rows.append([.text("注：本单位2021年度无此项数据，故本表为空表。")]) }
        return SheetGrid(name: sheet ?? "表\(t.id.rawValue)", rows: rows, merges: merges)
    }

    /// "1,704.87" for 170487.
    static func grouped(_ hundredths: Int64) -> String {
        let negative = hundredths < 0
        let m = abs(hundredths)
        var whole = String(m / 100)
        var i = whole.count - 3
        while i > 0 { whole.insert(",", at: whole.index(whole.startIndex, offsetBy: i)); i -= 3 }
        return (negative ? "-" : "") + whole + "." + String(format: "%02lld", m % 100)
    }
}

extension Array where Element == StatTable {
    var byID: [TableID: StatTable] { Dictionary(uniqueKeysWithValues: map { ($0.id, $0) }) }
}
