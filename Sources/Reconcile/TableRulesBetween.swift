import Foundation
import TableSet

/// Relations between tables (domain §4, second paragraph).
extension TableRuleCatalogue {
    static var between: [TableRule] {
        [
            TableRule("T1-T2.本年收入合计", "表1 本年收入合计等于表2 合计", [.t01, .t02]) { c in
                guard let a = c.term(.t01, panel: "收入", row: "本年收入合计"),
                      let b = c.term(.t02, row: "合计", column: "本年收入合计") else { return }
                c.equal(a, b, what: "表1 本年收入合计应等于表2 合计")
            },
            TableRule("T1-T2.收入来源", "表1 各项收入等于表2 合计行对应列（财政拨款收入为三项之和）", [.t01, .t02]) { c in
                var fiscal: [Term] = []
                for (i, name) in t01Sources.enumerated() {
                    guard let t = c.term(.t01, panel: "收入", row: name, label: .quoted(name)) else { return }
                    if i < 3 { fiscal.append(t); continue }
                    guard let b = c.term(.t02, row: "合计", column: name) else { return }
                    c.equal(t, b, what: "表1「\(name)」应等于表2 合计行\(name)")
                }
                guard let b = c.term(.t02, row: "合计", column: "财政拨款收入") else { return }
                c.equal([b], fiscal, what: "表2 合计行财政拨款收入应等于表1 三项财政拨款收入之和")
            },
            TableRule("T1-T4.财政拨款收入", "表1 一、二、三项财政拨款收入等于表4 对应收入", [.t01, .t04]) { c in
                for (i, fund) in funds.enumerated() {
                    guard let a = c.term(.t01, panel: "收入", row: t01Sources[i], label: .quoted(t01Sources[i])),
                          let b = c.term(.t04, panel: "收入", row: fund, label: .quoted(fund)) else { return }
                    c.equal(a, b, what: "表1「\(t01Sources[i])」应等于表4「\(fund)」")
                }
            },
            TableRule("T1-T3.本年支出合计", "表1 本年支出合计等于表3 合计", [.t01, .t03]) { c in
                guard let a = c.term(.t01, panel: "支出", row: "本年支出合计"),
                      let b = c.term(.t03, row: "合计", column: "本年支出合计") else { return }
                c.equal(a, b, what: "表1 本年支出合计应等于表3 合计")
            },
            TableRule("T1-T3.类", "表1 每类支出等于表3 同类本年支出合计", [.t01, .t03]) { c in
                guard let p = c.panelIndex(.t01, "支出"), let col = c.columnIndex(.t03, panel: 0, "本年支出合计") else { return }
                let t1 = c.rows(.t01, panel: p), t1Keys = c.rowKeys(.t01, panel: p), t1Plain = c.rowKeysArePlain(.t01, panel: p)
                let t3 = c.rows(.t03), t3Keys = c.rowKeys(.t03, panel: 0), t3Plain = c.rowKeysArePlain(.t03, panel: 0)
                let inT3 = c.rowMatcher(.t03)
                for r in c.rowsBefore(.t01, panel: p, total: "本年支出合计") {
                    let a = c.term(.t01, panel: p, row: r, column: 0, label: .row(.t01, panel: p, r))
                    let b = inT3.row(for: t1[r], key: t1Keys[r], keyIsPlain: t1Plain).map { c.term(.t03, panel: 0, row: $0, column: col, label: .row(.t03, panel: 0, $0)) }
                        ?? c.zero(.t03, "中无此类")
                    if a.hundredths == 0 && b.hundredths == 0 { continue }
                    c.equal(a, b, what: "表1\(RuleContext.rowLabel(t1[r]))应等于表3 同类本年支出合计")
                }
                let inT1 = c.rowMatcher(.t01, panel: p)
                for (r, row) in t3.enumerated() where row.code.map(RuleContext.length) == 3 {
                    let shown = row.values[safe: col].flatMap { $0 } ?? 0
                    if shown != 0, inT1.row(for: row, key: t3Keys[r], keyIsPlain: t3Plain) == nil {
                        c.equal(c.zero(.t01, "中无此类"), c.term(.t03, panel: 0, row: r, column: col, label: .row(.t03, panel: 0, r)),
                                what: "表3\(RuleContext.rowLabel(row))在表1 中没有对应的类")
                    }
                }
            },
            TableRule("T4-T6.一般公共预算", "表4 一般公共预算财政拨款支出等于表6（合计及各类）", [.t04, .t06]) { c in
                guard let a = c.term(.t04, panel: "支出", row: "本年支出合计", column: funds[0]),
                      let b = c.term(.t06, row: "合计", column: "合计") else { return }
                c.equal(a, b, what: "表4 本年支出合计（一般公共预算财政拨款）应等于表6 合计")
                guard let p = c.panelIndex(.t04, "支出"), let f = c.columnIndex(.t04, panel: p, funds[0]),
                      let col = c.columnIndex(.t06, panel: 0, "合计") else { return }
                let t4 = c.rows(.t04, panel: p), t4Keys = c.rowKeys(.t04, panel: p), t4Plain = c.rowKeysArePlain(.t04, panel: p)
                let inT6 = c.rowMatcher(.t06)
                for r in c.rowsBefore(.t04, panel: p, total: "本年支出合计") {
                    let x = c.term(.t04, panel: p, row: r, column: f, label: .row(.t04, panel: p, r, then: .text("（一般公共预算财政拨款）")))
                    let y = inT6.row(for: t4[r], key: t4Keys[r], keyIsPlain: t4Plain).map { c.term(.t06, panel: 0, row: $0, column: col, label: .row(.t06, panel: 0, $0)) }
                        ?? c.zero(.t06, "中无此类")
                    if x.hundredths == 0 && y.hundredths == 0 { continue }
                    c.equal(x, y, what: "表4\(RuleContext.rowLabel(t4[r]))一般公共预算财政拨款应等于表6 同类合计")
                }
            },
            TableRule("T4-T7.一般公共预算", "表4 一般公共预算财政拨款支出等于表7 合计", [.t04, .t07]) { c in
                guard let a = c.term(.t04, panel: "支出", row: "本年支出合计", column: funds[0]),
                      let b = c.term(.t07, row: "合计", column: "合计") else { return }
                c.equal(a, b, what: "表4 本年支出合计（一般公共预算财政拨款）应等于表7 合计")
            },
            TableRule("T4-T5.财政拨款支出", "表4 本年支出合计（合计列）等于表5 合计", [.t04, .t05]) { c in
                guard let a = c.term(.t04, panel: "支出", row: "本年支出合计", column: "合计"),
                      let b = c.term(.t05, row: "合计", column: "合计") else { return }
                c.equal(a, b, what: "表4 本年支出合计应等于表5 合计")
            },
            TableRule("T6-T8.基本支出", "表6 基本支出等于表8 人员经费合计＋公用经费合计", [.t06, .t08]) { c in
                guard let a = c.term(.t06, row: "合计", column: "基本支出"),
                      let b = c.term(.t08, panel: "人员经费", row: "人员经费合计", column: "决算数"),
                      let d = c.term(.t08, panel: "公用经费", row: "公用经费合计", column: "决算数") else { return }
                c.equal([a], [b, d], what: "表6 基本支出应等于表8 人员经费合计与公用经费合计之和")
            },
            TableRule("T6-T9.项目支出", "表6 项目支出等于表9 合计", [.t06, .t09]) { c in
                guard let a = c.term(.t06, row: "合计", column: "项目支出"),
                      let b = c.term(.t09, row: "合计", column: "合计") else { return }
                c.equal(a, b, what: "表6 项目支出应等于表9 合计")
            },
            TableRule("T4-T11.政府性基金", "表4 政府性基金预算财政拨款支出等于表11 合计行本年支出", [.t04, .t11]) { c in
                guard let a = c.term(.t04, panel: "支出", row: "本年支出合计", column: funds[1]),
                      let b = c.term(.t11, row: "合计", column: "本年支出/合计") else { return }
                c.equal(a, b, what: "表4 本年支出合计（政府性基金预算财政拨款）应等于表11 合计行本年支出")
            },
            TableRule("T4-T13.国有资本经营", "表4 国有资本经营预算财政拨款支出等于表13 合计行本年支出", [.t04, .t13]) { c in
                guard let a = c.term(.t04, panel: "支出", row: "本年支出合计", column: funds[2]),
                      let b = c.term(.t13, row: "合计", column: "本年支出/合计") else { return }
                c.equal(a, b, what: "表4 本年支出合计（国有资本经营预算财政拨款）应等于表13 合计行本年支出")
            },
            TableRule("T13-T14.国有资本经营", "表13 合计行本年支出等于表14 合计", [.t13, .t14]) { c in
                guard let a = c.term(.t13, row: "合计", column: "本年支出/合计"),
                      let b = c.term(.t14, row: "合计", column: "本年支出/合计") else { return }
                c.equal(a, b, what: "表13 合计行本年支出应等于表14 合计")
            },
            TableRule("T3-T6.不超过", "表6 每个科目的一般公共预算财政拨款支出不超过表3 同科目本年支出合计", [.t03, .t06]) { c in
                guard let six = c.columnIndex(.t06, panel: 0, "合计"), let three = c.columnIndex(.t03, panel: 0, "本年支出合计") else { return }
                for (r, row) in c.rows(.t06).enumerated() {
                    guard let code = row.code else { continue }
                    let part = c.term(.t06, panel: 0, row: r, column: six, label: .row(.t06, panel: 0, r))
                    let whole = c.rowIndex(.t03, panel: 0, code: code).map { c.term(.t03, panel: 0, row: $0, column: three, label: .row(.t06, panel: 0, r)) }
                        ?? c.zero(.t03, .text("中无科目" + code))
                    c.atMost(part, whole, what: "表6\(RuleContext.rowLabel(row))不应超过表3 同科目本年支出合计")
                }
            },
            TableRule("T7-T10.三公", "表7 因公出国（境）费用、公务接待费、公务用车运行维护费、公务用车购置不超过表10 对应决算数", [.t07, .t10]) { c in
                let pairs = [("30212", "决算数/因公出国（境）费"), ("30217", "决算数/公务接待费"),
                             ("30231", "决算数/公务用车购置及运行费/公务用车运行费"), ("31013", "决算数/公务用车购置及运行费/公务用车购置费")]
                guard let col = c.columnIndex(.t07, panel: 0, "合计") else { return }
                for (code, column) in pairs {
                    guard let r = c.rowIndex(.t07, panel: 0, code: code) else { continue }
                    let t7 = c.rows(.t07)
                    let part = c.term(.t07, panel: 0, row: r, column: col, label: .row(.t07, panel: 0, r))
                    guard part.hundredths != 0, let whole = c.term(.t10, row: "合计", column: column) else { continue }
                    c.atMost(part, whole, what: "表7\(RuleContext.rowLabel(t7[r]))不应超过表10 \(column)")
                }
            },
            TableRule("T1-T4.结转和结余", "表1 年初、年末结转和结余不小于表4 年初、年末财政拨款结转和结余", [.t01, .t04]) { c in
                if let a = c.term(.t01, panel: "收入", row: "年初结转和结余"),
                   let b = c.term(.t04, panel: "收入", row: "年初财政拨款结转和结余") {
                    c.atMost(b, a, what: "表4 年初财政拨款结转和结余不应超过表1 年初结转和结余")
                }
                if let a = c.term(.t01, panel: "支出", row: "年末结转和结余"),
                   let b = c.term(.t04, panel: "支出", row: "年末财政拨款结转和结余", column: "合计") {
                    c.atMost(b, a, what: "表4 年末财政拨款结转和结余不应超过表1 年末结转和结余")
                }
            },
        ]
    }
}
