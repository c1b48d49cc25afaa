/// Writes UnitAccounts back as a unit data file, deterministically: the same model always gives
/// the same text, facts in model order, one flow mapping per fact line.
extension UnitDataFile {
    /// The unit data file text for these accounts. With a catalogue, each subject code is followed
    /// by its name ("2080101 行政运行") so the file reads well; the parser checks those names.
    public static func render(_ accounts: UnitAccounts, catalogue: SubjectCatalogue? = nil) -> String {
        UnitDataRenderer(accounts: accounts, catalogue: catalogue).text()
    }
}

struct UnitDataRenderer {
    let accounts: UnitAccounts
    let catalogue: SubjectCatalogue?
    typealias V = UnitDataVocabulary

    func text() -> String {
        let a = accounts
        var out: [String] = ["# juesuan 单位数据文件（格式说明见 docs/unit-data-format.md）", "格式: \(V.formatValue)", "单位:"]
        out.append("  编码: \(q(a.unit.code))")
        out.append("  名称: \(q(a.unit.name))")
        out.append("  年度: \(a.unit.year)")
        out.append("  类型: \(q(a.unit.kind.rawValue))")
        if let c = a.unit.parentCode { out.append("  主管部门编码: \(q(c))") }
        if let n = a.unit.parentName { out.append("  主管部门名称: \(q(n))") }
        out.append("金额单位: 元")

        if !a.subjectExtensions.isEmpty {
            out.append("科目扩展:")
            for kind in [SubjectExtension.Kind.functional, .economic] {
                let exts = a.subjectExtensions.filter { $0.kind == kind }
                if exts.isEmpty { continue }
                out.append("  \(kind.rawValue):")
                out += exts.map { "    \(q($0.code)): \(q($0.name))" }
            }
        }

        out.append("")
        out += section("收入", a.income.map { f in
            [("功能分类", functional(f.functionalCode)), ("来源", q(f.source.rawValue)), ("金额", f.amount.yuanText)]
        })
        out += section("支出", a.expenditure.map { f in
            var pairs = [("功能分类", functional(f.functionalCode)), ("经济分类", economic(f.economicCode)),
                         ("资金", f.fund.rawValue), ("性质", V.natureName(f.nature))]
            if let p = f.project { pairs.append(("项目", q(p))) }
            pairs.append(("金额", f.amount.yuanText))
            return pairs
        })
        out += section("结转结余", a.balances.map { b in
            var pairs = [("资金", b.fund.rawValue)]
            if let c = b.functionalCode { pairs.append(("功能分类", functional(c))) }
            return pairs + [("年初", b.opening.yuanText), ("年末", b.closing.yuanText)]
        })
        out.append("使用非财政拨款结余: \(a.nonFiscalBalanceUsed.yuanText)")
        out.append("结余分配: \(a.surplusDistribution.yuanText)")
        out.append("")
        out += section("三公经费", a.threePublic.map { t in
            [("资金", t.fund.rawValue), ("项目", q(t.item.rawValue)), ("预算数", t.budget.yuanText), ("决算数", t.actual.yuanText)]
        })
        out.append("三公数量:")
        out += V.countKeys.map { "  \($0.key): \(a.threePublicCounts[keyPath: $0.path])" }
        for (key, path) in V.vehicleTypeKeys where !a.threePublicCounts[keyPath: path].isEmpty {
            out.append("  \(key): " + flow(a.threePublicCounts[keyPath: path].map { (q($0.type), String($0.count)) }))
        }
        out.append("")
        out += section("全年预算", a.budgets.map { b in
            [("功能分类", functional(b.functionalCode)), ("资金", b.fund.rawValue), ("金额", b.amount.yuanText)]
        })
        out.append(a.priorYear.isEmpty ? "上年数: {}" : "上年数:")
        for metric in PriorYearMetric.allCases {
            if let m = a.priorYear[metric] { out.append("  \(q(metric.rawValue)): \(m.yuanText)") }
        }
        out.append("")
        let p = a.procurement
        out.append("政府采购: " + flow([("货物", p.goods.yuanText), ("工程", p.works.yuanText), ("服务", p.services.yuanText),
                                      ("授予中小企业", p.smeContracts.yuanText), ("授予小微企业", p.smallMicroContracts.yuanText)]))
        out.append("国有资产:")
        out.append("  车辆: " + flow(a.assets.vehicles.map { (q($0.use), String($0.count)) }))
        out.append("  单价50万元以上通用设备: \(a.assets.generalEquipmentOver500k)")
        out.append("  单价100万元以上专用设备: \(a.assets.specialEquipmentOver1m)")
        out.append("")
        if a.performance.isEmpty { out.append("绩效自评: []") } else { out.append("绩效自评:") }
        for e in a.performance {
            out.append("  - 项目: \(q(e.project))")
            out.append("    主管部门: \(q(e.department))")
            out.append("    实施单位: \(q(e.implementingUnit))")
            out.append("    财政拨款: \(e.fiscalFunds.yuanText)")
            out.append("    其他资金: \(e.otherFunds.yuanText)")
            out.append("    预期目标: \(q(e.plannedGoal))")
            out.append("    实际完成: \(q(e.actualGoal))")
            out.append(e.indicators.isEmpty ? "    指标: []" : "    指标:")
            out += e.indicators.map { i in
                "      - " + flow([("一级", q(i.level1)), ("二级", q(i.level2)), ("三级", q(i.level3)),
                                   ("预期", q(i.planned)), ("实际", q(i.actual))])
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    private func section(_ key: String, _ rows: [[(String, String)]]) -> [String] {
        rows.isEmpty ? ["\(key): []"] : ["\(key):"] + rows.map { "  - " + flow($0) }
    }

    private func flow(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}"
    }

    private func functional(_ code: String) -> String {
        let name = accounts.subjectExtensions.first { $0.kind == .functional && $0.code == code }?.name
            ?? catalogue?.functionalName(code)
        return q(name.map { "\(code) \($0)" } ?? code)
    }

    private func economic(_ code: String) -> String {
        let name = accounts.subjectExtensions.first { $0.kind == .economic && $0.code == code }?.name
            ?? catalogue?.economicName(code)
        return q(name.map { "\(code) \($0)" } ?? code)
    }

    /// The scalar as plain text when YAML reads it back as the same string, else double-quoted.
    func q(_ s: String) -> String {
        Self.isPlainSafe(s) ? s : Self.doubleQuoted(s)
    }

    static func isPlainSafe(_ s: String) -> Bool {
        guard let first = s.first, let last = s.last else { return false }
        if first.isWhitespace || last.isWhitespace || last == ":" { return false }
        if "-?:,[]{}#&*!|>'\"%@`".contains(first) { return false }
        if s.contains(": ") || s.contains(" #") { return false }
        if s.contains(where: { ",[]{}".contains($0) || $0.isNewline || $0 == "\t" || $0.asciiValue.map { $0 < 0x20 } == true }) {
            return false
        }
        // Words YAML would read as null, booleans or numbers stay quoted so other YAML tools keep them as text.
        let lower = s.lowercased()
        if ["~", "null", "true", "false", "yes", "no", "on", "off", "y", "n"].contains(lower) { return false }
        if s.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE_:".contains($0)) }) { return false }
        return true
    }

    static func doubleQuoted(_ s: String) -> String {
        var r = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": r += "\\\""
            case "\\": r += "\\\\"
            case "\n": r += "\\n"
            case "\t": r += "\\t"
            case "\r": r += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    r += "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2)
                } else {
                    r.unicodeScalars.append(scalar)
                }
            }
        }
        return r + "\""
    }
}

private extension String {
    func leftPadded(to n: Int) -> String { String(repeating: "0", count: max(0, n - count)) + self }
}
