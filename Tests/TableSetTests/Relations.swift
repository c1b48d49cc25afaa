import Accounts
@testable import TableSet

/// Checks every relation of domain §4 on built tables, allowing rounding: a shown total may differ
/// from the sum of its n shown parts by at most n × 0.5 hundredths.
struct RelationChecker {
    var tables: [TableID: StatTable]
    var failures: [String] = []

    init(_ list: [StatTable]) { tables = Dictionary(uniqueKeysWithValues: list.map { ($0.id, $0) }) }

    mutating func equal(_ what: String, _ whole: Int64?, _ parts: [Int64?]) {
        let w = whole ?? 0, s = parts.reduce(Int64(0)) { $0 + ($1 ?? 0) }
        if 2 * abs(w - s) > Int64(max(parts.count, 1)) { failures.append("\(what): \(w) ≠ Σ \(s)") }
    }

    mutating func atMost(_ what: String, _ part: Int64?, _ whole: Int64?) {
        if (part ?? 0) > (whole ?? 0) + 1 { failures.append("\(what): \(part ?? 0) > \(whole ?? 0)") }
    }

    func panelOf(_ id: TableID, _ i: Int = 0) -> TablePanel { tables[id]!.panels[i] }
    func value(_ id: TableID, panel: Int = 0, row: String, column: String) -> Int64? {
        let p = panelOf(id, panel)
        guard let r = p.row(named: row) ?? p.row(code: row), let c = p.column(column) else { return nil }
        return r.values[c]
    }

    /// 合计 = Σ 类, 类 = Σ 款, 款 = Σ 项, per column.
    mutating func hierarchy(_ id: TableID, panel index: Int = 0) {
        let p = panelOf(id, index)
        let coded = p.rows.filter { $0.code != nil }
        guard let total = p.rows.first(where: { $0.level == .total }) else { return }
        for c in p.columns.indices {
            equal("\(id) 合计 \(p.columns[c])", total.values[c], coded.filter { $0.code!.count == 3 }.map { $0.values[c] })
            for parent in coded {
                let code = parent.code!
                let children = coded.filter { $0.code!.count == code.count + (code.count == 3 ? 2 : 2) && $0.code!.hasPrefix(code) }
                if !children.isEmpty { equal("\(id) \(code) \(p.columns[c])", parent.values[c], children.map { $0.values[c] }) }
            }
        }
    }

    /// Per row: column `whole` = Σ columns `parts`.
    mutating func across(_ id: TableID, panel index: Int = 0, whole: Int, parts: [Int]) {
        for r in panelOf(id, index).rows {
            equal("\(id) \(r.code ?? r.name) 横向", r.values[whole], parts.map { r.values[$0] })
        }
    }

    mutating func checkAll() {
        let t1 = TableColumns.amount
        // Table 1
        equal("T1 本年收入合计", value(.t01, row: "本年收入合计", column: t1),
              TableColumns.t01IncomeLines.map { value(.t01, row: $0, column: t1) })
        equal("T1 收入总计", value(.t01, row: "总计", column: t1),
              ["本年收入合计", "使用非财政拨款结余", "年初结转和结余"].map { value(.t01, row: $0, column: t1) })
        equal("T1 支出总计", value(.t01, panel: 1, row: "总计", column: t1),
              ["本年支出合计", "结余分配", "年末结转和结余"].map { value(.t01, panel: 1, row: $0, column: t1) })
        equal("T1 收入总计 = 支出总计", value(.t01, row: "总计", column: t1), [value(.t01, panel: 1, row: "总计", column: t1)])
        equal("T1 本年支出合计", value(.t01, panel: 1, row: "本年支出合计", column: t1),
              panelOf(.t01, 1).rows.filter { $0.level == .category }.map { $0.values[0] })
        // Hierarchies and per-row sums
        for id in [TableID.t02, .t03, .t05, .t06, .t07, .t09, .t11, .t13, .t14] { hierarchy(id) }
        across(.t02, whole: 0, parts: [1, 2, 3, 4, 5, 6])
        across(.t03, whole: 0, parts: [1, 2, 3, 4, 5])
        across(.t06, whole: 0, parts: [1, 2])
        across(.t14, whole: 0, parts: [1, 2])
        across(.t04, panel: 1, whole: 0, parts: [1, 2, 3])
        across(.t05, whole: 0, parts: [1, 2, 3])
        across(.t07, whole: 0, parts: [1, 2, 3])
        for (i, fund) in TableColumns.fiscalFunds.enumerated() {
            equal("T4 \(fund) 年初+收入 = 支出+年末",
                  value(.t04, row: TableColumns.t04IncomeLines[i], column: t1).map { $0 + (value(.t04, row: TableColumns.t04OpeningLines[i], column: t1) ?? 0) },
                  [value(.t04, panel: 1, row: "本年支出合计", column: fund), value(.t04, panel: 1, row: "年末财政拨款结转和结余", column: fund)])
        }
        for (i, name) in ["人员经费合计", "公用经费合计"].enumerated() {
            equal("T8 \(name)", value(.t08, panel: i, row: name, column: "决算数"),
                  panelOf(.t08, i).rows.filter { $0.level == .category }.map { $0.values[0] })
        }
        for id in [TableID.t10, .t12] {
            for block in ["预算数/", "决算数/"] {
                func v(_ c: String) -> Int64? { value(id, row: "合计", column: block + c) }
                equal("\(id) \(block)合计", v("合计"), [v("因公出国（境）费"), v("公务用车购置及运行费/小计"), v("公务接待费")])
                equal("\(id) \(block)小计", v("公务用车购置及运行费/小计"),
                      [v("公务用车购置及运行费/公务用车购置费"), v("公务用车购置及运行费/公务用车运行费")])
            }
        }
        for id in [TableID.t11, .t13] {
            for r in panelOf(id).rows {
                equal("\(id) \(r.code ?? r.name) 年末", r.values[5].map { $0 + (r.values[2] ?? 0) }, [r.values[0], r.values[1]])
            }
        }
        // Between tables
        equal("T1 本年收入合计 = T2 合计", value(.t01, row: "本年收入合计", column: t1), [value(.t02, row: "合计", column: "本年收入合计")])
        for i in 0..<3 {
            equal("T1 来源\(i + 1) = T4", value(.t01, row: TableColumns.t01IncomeLines[i], column: t1),
                  [value(.t04, row: TableColumns.t04IncomeLines[i], column: t1)])
        }
        equal("T2 财政拨款收入 = T1 一二三", value(.t02, row: "合计", column: "财政拨款收入"),
              (0..<3).map { value(.t01, row: TableColumns.t01IncomeLines[$0], column: t1) })
        equal("T1 本年支出合计 = T3 合计", value(.t01, panel: 1, row: "本年支出合计", column: t1), [value(.t03, row: "合计", column: "本年支出合计")])
        for r in panelOf(.t01, 1).rows where r.level == .category {
            equal("T1 \(r.code!) = T3", r.values[0], [value(.t03, row: r.code!, column: "本年支出合计")])
        }
        let gb = TableColumns.fiscalFunds[0]
        equal("T4 一般公共预算 = T6 合计", value(.t04, panel: 1, row: "本年支出合计", column: gb), [value(.t06, row: "合计", column: "合计")])
        for r in panelOf(.t04, 1).rows where r.level == .category {
            equal("T4 \(r.code!) = T6", r.values[1], [value(.t06, row: r.code!, column: "合计")])
        }
        equal("T6 合计 = T7 合计", value(.t06, row: "合计", column: "合计"), [value(.t07, row: "合计", column: "合计")])
        equal("T4 合计 = T5 合计", value(.t04, panel: 1, row: "本年支出合计", column: "合计"), [value(.t05, row: "合计", column: "合计")])
        equal("T6 基本 = T8", value(.t06, row: "合计", column: "基本支出"),
              [value(.t08, panel: 0, row: "人员经费合计", column: "决算数"), value(.t08, panel: 1, row: "公用经费合计", column: "决算数")])
        equal("T6 项目 = T9", value(.t06, row: "合计", column: "项目支出"), [value(.t09, row: "合计", column: "合计")])
        equal("T4 政府性基金 = T11", value(.t04, panel: 1, row: "本年支出合计", column: TableColumns.fiscalFunds[1]),
              [value(.t11, row: "合计", column: "本年支出/合计")])
        equal("T4 国有资本 = T13", value(.t04, panel: 1, row: "本年支出合计", column: TableColumns.fiscalFunds[2]),
              [value(.t13, row: "合计", column: "本年支出/合计")])
        equal("T13 = T14", value(.t13, row: "合计", column: "本年支出/合计"), [value(.t14, row: "合计", column: "本年支出/合计")])
        for r in panelOf(.t06).rows where r.code != nil {
            atMost("T6 \(r.code!) ≤ T3", r.values[0], value(.t03, row: r.code!, column: "本年支出合计"))
        }
        for (code, column) in [("30212", "因公出国（境）费"), ("30217", "公务接待费"),
                               ("30231", "公务用车购置及运行费/公务用车运行费"), ("31013", "公务用车购置及运行费/公务用车购置费")] {
            atMost("T7 \(code) ≤ T10", value(.t07, row: code, column: "合计"), value(.t10, row: "合计", column: "决算数/" + column))
        }
        atMost("T4 年初 ≤ T1", value(.t04, row: "年初财政拨款结转和结余", column: t1), value(.t01, row: "年初结转和结余", column: t1))
        atMost("T4 年末 ≤ T1", value(.t04, panel: 1, row: "年末财政拨款结转和结余", column: "合计"),
               value(.t01, panel: 1, row: "年末结转和结余", column: t1))
    }
}
