import Foundation
import TableSet

/// The relations of domain §4 as named rules. Ids are stable: reports, JSON and annotations use them.
enum TableRuleCatalogue {
    static let funds = ["一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]
    static let t01Sources = ["一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入",
                             "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]
    static let threePublic = ["因公出国（境）费", "公务用车购置及运行费/小计", "公务接待费"]

    static var all: [TableRule] { inside + between }

    // MARK: inside one table

    static var inside: [TableRule] {
        var rules: [TableRule] = [
            TableRule("T1.本年收入合计", "表1 本年收入合计等于八项收入之和", [.t01]) { c in
                guard let total = c.term(.t01, panel: "收入", row: "本年收入合计"), let p = c.panelIndex(.t01, "收入") else { return }
                let parts = c.rowsBefore(.t01, panel: p, total: "本年收入合计").map {
                    c.term(.t01, panel: p, row: $0, column: 0, label: .name(.t01, panel: p, $0))
                }
                c.equal([total], parts, what: "本年收入合计应等于各项收入之和")
            },
            TableRule("T1.收入总计", "表1 收入总计等于本年收入合计＋使用非财政拨款结余＋年初结转和结余", [.t01]) { c in
                guard let total = c.term(.t01, panel: "收入", row: "总计", label: "收入总计"),
                      let a = c.term(.t01, panel: "收入", row: "本年收入合计"),
                      let b = c.term(.t01, panel: "收入", row: "使用非财政拨款结余"),
                      let d = c.term(.t01, panel: "收入", row: "年初结转和结余") else { return }
                c.equal([total], [a, b, d], what: "收入总计应等于本年收入合计、使用非财政拨款结余与年初结转和结余之和")
            },
            TableRule("T1.支出总计", "表1 支出总计等于本年支出合计＋结余分配＋年末结转和结余", [.t01]) { c in
                guard let total = c.term(.t01, panel: "支出", row: "总计", label: "支出总计"),
                      let a = c.term(.t01, panel: "支出", row: "本年支出合计"),
                      let b = c.term(.t01, panel: "支出", row: "结余分配"),
                      let d = c.term(.t01, panel: "支出", row: "年末结转和结余") else { return }
                c.equal([total], [a, b, d], what: "支出总计应等于本年支出合计、结余分配与年末结转和结余之和")
            },
            TableRule("T1.收支总计", "表1 收入总计等于支出总计", [.t01]) { c in
                guard let i = c.term(.t01, panel: "收入", row: "总计", label: "收入总计"),
                      let e = c.term(.t01, panel: "支出", row: "总计", label: "支出总计") else { return }
                c.equal(i, e, what: "收入总计应等于支出总计")
            },
            TableRule("T1.本年支出合计", "表1 本年支出合计等于各类支出之和", [.t01]) { c in
                guard let total = c.term(.t01, panel: "支出", row: "本年支出合计"), let p = c.panelIndex(.t01, "支出") else { return }
                let parts = c.rowsBefore(.t01, panel: p, total: "本年支出合计").map {
                    c.term(.t01, panel: p, row: $0, column: 0, label: .name(.t01, panel: p, $0))
                }
                c.equal([total], parts, what: "本年支出合计应等于各类支出之和")
            },
            TableRule("T2.收入来源", "表2 每行本年收入合计等于各项收入之和", [.t02]) { c in
                c.across(.t02, whole: "本年收入合计", parts: ["财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"])
            },
            TableRule("T3.支出构成", "表3 每行本年支出合计等于基本、项目、上缴上级、经营、对附属单位补助支出之和", [.t03]) { c in
                c.across(.t03, whole: "本年支出合计", parts: ["基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"])
            },
            TableRule("T4.资金合计", "表4 支出每行合计等于三类财政拨款之和", [.t04]) { c in
                guard let p = c.panelIndex(.t04, "支出") else { c.cannotCheck(.t04, "找不到支出部分"); return }
                c.across(.t04, panel: p, whole: "合计", parts: funds)
            },
            TableRule("T4.本年收入合计", "表4 本年收入合计等于三类财政拨款收入之和", [.t04]) { c in
                guard let total = c.term(.t04, panel: "收入", row: "本年收入合计"), let p = c.panelIndex(.t04, "收入") else { return }
                let parts = c.rowsBefore(.t04, panel: p, total: "本年收入合计").map {
                    c.term(.t04, panel: p, row: $0, column: 0, label: .name(.t04, panel: p, $0))
                }
                c.equal([total], parts, what: "本年收入合计应等于三类财政拨款收入之和")
            },
            TableRule("T4.本年支出合计", "表4 本年支出合计等于各类支出之和", [.t04]) { c in
                guard let p = c.panelIndex(.t04, "支出"), let t = c.rowIndex(.t04, panel: p, named: "本年支出合计") else {
                    c.cannotCheck(.t04, "找不到行「本年支出合计」"); return
                }
                let parts = c.rowsBefore(.t04, panel: p, total: "本年支出合计")
                for (k, column) in c.columns(.t04, panel: p).enumerated() {
                    if c.balances(.t04, panel: p, (t, k), rows: parts, column: k) { continue }
                    c.equal([c.term(.t04, panel: p, row: t, column: k, label: .column("本年支出合计", column))],
                            parts.map { c.term(.t04, panel: p, row: $0, column: k, label: .name(.t04, panel: p, $0, then: .bracketedColumn(k))) },
                            what: "本年支出合计应等于各类支出之和（\(column)）")
                }
            },
            TableRule("T4.收支总计", "表4 收入总计等于支出总计", [.t04]) { c in
                guard let i = c.term(.t04, panel: "收入", row: "总计", label: "收入总计"),
                      let e = c.term(.t04, panel: "支出", row: "总计", column: "合计", label: "支出总计") else { return }
                c.equal(i, e, what: "财政拨款收入总计应等于支出总计")
            },
            TableRule("T4.结转", "表4 每类财政拨款：年初结转和结余＋本年收入＝本年支出＋年末结转和结余", [.t04]) { c in
                guard let ip = c.panelIndex(.t04, "收入") else { c.cannotCheck(.t04, "找不到收入部分"); return }
                let keys = c.rowKeys(.t04, panel: ip)
                let openingAt = c.rowIndex(.t04, panel: ip, named: "年初财政拨款结转和结余")
                for fund in funds {
                    let key = RuleContext.rowKey(fund), openingKey = RuleContext.rowKey("年初财政拨款结转和结余/" + fund)
                    // The income line comes before 本年收入合计; the opening balance line after 年初….
                    let incomeRow = keys.indices.first { r in keys[r] == key && (openingAt.map { r < $0 } ?? true) }
                    let openingRow = keys.indices.first { r in
                        (keys[r] == key || keys[r] == openingKey) && (openingAt.map { r > $0 } ?? false)
                    }
                    guard let incomeRow,
                          let spent = c.term(.t04, panel: "支出", row: "本年支出合计", column: fund, label: .column("本年支出合计", fund)),
                          let closing = c.term(.t04, panel: "支出", row: "年末财政拨款结转和结余", column: fund, label: .column("年末结转和结余", fund))
                    else { c.cannotCheck(.t04, "找不到「\(fund)」的收入或支出行"); continue }
                    var lhs = [c.term(.t04, panel: ip, row: incomeRow, column: 0, label: .column("本年收入", fund))]
                    if let openingRow { lhs.append(c.term(.t04, panel: ip, row: openingRow, column: 0, label: .column("年初结转和结余", fund))) }
                    c.equal(lhs, [spent, closing], what: "\(fund)：年初结转和结余加本年收入应等于本年支出加年末结转和结余")
                }
            },
            TableRule("T6.基本项目", "表6 每行合计等于基本支出＋项目支出", [.t06]) { c in
                c.across(.t06, whole: "合计", parts: ["基本支出", "项目支出"])
            },
            TableRule("T5.资金合计", "表5 每行合计等于三类财政拨款之和", [.t05]) { c in
                c.across(.t05, whole: "合计", parts: funds)
            },
            TableRule("T7.人员公用项目", "表7 每行合计等于人员经费＋公用经费＋项目支出", [.t07]) { c in
                c.across(.t07, whole: "合计", parts: ["基本支出/人员经费", "基本支出/公用经费", "项目支出"])
            },
            TableRule("T8.人员经费合计", "表8 人员经费合计等于301、303等各类之和", [.t08]) { c in
                guard let p = c.panelIndex(.t08, "人员经费") else { c.cannotCheck(.t08, "找不到人员经费部分"); return }
                c.totalOfCategories(.t08, panel: p, total: "人员经费合计")
            },
            TableRule("T8.公用经费合计", "表8 公用经费合计等于302、310等各类之和", [.t08]) { c in
                guard let p = c.panelIndex(.t08, "公用经费") else { c.cannotCheck(.t08, "找不到公用经费部分"); return }
                c.totalOfCategories(.t08, panel: p, total: "公用经费合计")
            },
            TableRule("T8.类款", "表8 每类等于其下各款之和", [.t08]) { c in
                for p in c.tables[.t08]?.panels.indices ?? 0..<0 { c.subjectHierarchy(.t08, panel: p) }
            },
            TableRule("T9.经济分类", "表9 每行合计等于各经济分类之和", [.t09]) { c in
                let columns = c.columns(.t09)
                guard columns.count > 1 else { return }
                c.across(.t09, whole: columns[0], parts: Array(columns.dropFirst()))
            },
        ]
        for id in [TableID.t02, .t03, .t05, .t06, .t07, .t09, .t11, .t13, .t14] {
            rules.append(TableRule("T\(id.rawValue).合计", "表\(id.rawValue) 合计等于各类之和", [id]) { c in c.totalOfCategories(id) })
            rules.append(TableRule("T\(id.rawValue).类款项", "表\(id.rawValue) 每类等于其下各款之和，每款等于其下各项之和", [id]) { c in c.subjectHierarchy(id) })
        }
        for id in [TableID.t10, .t12] {
            rules.append(TableRule("T\(id.rawValue).三公合计", "表\(id.rawValue) 预算数、决算数：合计等于因公出国（境）费＋公务用车购置及运行费＋公务接待费", [id]) { c in
                for side in ["预算数", "决算数"] {
                    c.across(id, whole: "\(side)/合计", parts: threePublic.map { "\(side)/\($0)" })
                }
            })
            rules.append(TableRule("T\(id.rawValue).公务用车", "表\(id.rawValue) 预算数、决算数：公务用车小计等于购置费＋运行费", [id]) { c in
                for side in ["预算数", "决算数"] {
                    c.across(id, whole: "\(side)/公务用车购置及运行费/小计",
                             parts: ["\(side)/公务用车购置及运行费/公务用车购置费", "\(side)/公务用车购置及运行费/公务用车运行费"])
                }
            })
        }
        for id in [TableID.t11, .t13] {
            rules.append(TableRule("T\(id.rawValue).结转", "表\(id.rawValue) 每行年末结转和结余＝年初结转和结余＋本年收入－本年支出", [id]) { c in
                guard let open = c.columnIndex(id, panel: 0, "年初结转和结余"), let income = c.columnIndex(id, panel: 0, "本年收入"),
                      let spent = c.columnIndex(id, panel: 0, "本年支出/合计"), let close = c.columnIndex(id, panel: 0, "年末结转和结余") else {
                    if !c.rows(id).isEmpty { c.cannotCheck(id, "找不到结转和结余或本年收支的列") }
                    return
                }
                for (r, row) in c.rows(id).enumerated() {
                    if c.balances(id, panel: 0, [(r, close), (r, spent)], [(r, open), (r, income)]) { continue }
                    c.equal([c.term(id, panel: 0, row: r, column: close, label: .row(id, panel: 0, r, then: .text("年末结转和结余"))),
                             c.term(id, panel: 0, row: r, column: spent, label: .row(id, panel: 0, r, then: .text("本年支出")))],
                            [c.term(id, panel: 0, row: r, column: open, label: .row(id, panel: 0, r, then: .text("年初结转和结余"))),
                             c.term(id, panel: 0, row: r, column: income, label: .row(id, panel: 0, r, then: .text("本年收入")))],
                            what: "\(RuleContext.rowLabel(row))年末结转和结余应等于年初结转和结余加本年收入减本年支出")
                }
            })
            rules.append(TableRule("T\(id.rawValue).基本项目", "表\(id.rawValue) 每行本年支出合计等于基本支出＋项目支出", [id]) { c in
                c.across(id, whole: "本年支出/合计", parts: ["本年支出/基本支出", "本年支出/项目支出"])
            })
        }
        rules.append(TableRule("T14.基本项目", "表14 每行本年支出合计等于基本支出＋项目支出", [.t14]) { c in
            c.across(.t14, whole: "本年支出/合计", parts: ["本年支出/基本支出", "本年支出/项目支出"])
        })
        return rules
    }
}
