import Foundation
import Accounts
import TableSet
import Narrative

/// What one narrative figure was bound to, or why it could not be bound.
public struct ClaimBinding: Hashable, Sendable {
    public var claim: Claim
    /// The table cell or fact the figure speaks of, in Chinese (nil when unbound).
    public var target: String?
    /// Why the figure could not be bound (nil when bound).
    public var reason: String?
    /// Sheet and cell of the bound table value, when it came from a workbook.
    public var cell: FindingLocation?

    public var isBound: Bool { target != nil }

    public init(claim: Claim, target: String? = nil, reason: String? = nil, cell: FindingLocation? = nil) {
        self.claim = claim; self.target = target; self.reason = reason; self.cell = cell
    }
}

/// The narrative's figures checked against the tables.
public struct ClaimCheckResult: Sendable {
    public var bindings: [ClaimBinding]
    public var findings: [Finding]

    /// For the HTML report: what each claim finding was compared with, keyed by `Finding.key`.
    public var tableValues: [String: [TableValue]] = [:]

    public init(bindings: [ClaimBinding], findings: [Finding]) {
        self.bindings = bindings; self.findings = findings
    }

    public var found: Int { bindings.count }
    public var bound: [ClaimBinding] { bindings.filter(\.isBound) }
    public var unbound: [ClaimBinding] { bindings.filter { !$0.isBound } }
}

/// Binds each claim to the table cell it speaks of (denominators as in domain §5) and checks it with
/// interval arithmetic at the claim's own precision.
public struct ClaimChecker: Sendable {
    public var tables: [TableID: StatTable]
    public var sources: [TableID: TableSource]
    /// The unit data file: 全年预算数, 上年数, 政府采购 (figures not in the tables).
    public var accounts: UnitAccounts?

    public init(tables: [TableID: StatTable], sources: [TableID: TableSource] = [:], accounts: UnitAccounts? = nil) {
        self.tables = tables; self.sources = sources; self.accounts = accounts
    }

    public func check(_ claims: [Claim]) -> ClaimCheckResult {
        let values = ClaimValues(tables: tables, sources: sources, accounts: accounts)
        var result = ClaimCheckResult(bindings: [], findings: [])
        for claim in claims {
            var binding = ClaimBinding(claim: claim)
            let outcome = bind(claim, values: values, all: claims)
            switch outcome {
            case let .unbound(reason):
                binding.reason = reason
            case let .bound(target, cell, finding):
                binding.target = target
                binding.cell = cell
                if let finding {
                    result.findings.append(finding)
                    result.tableValues[finding.key, default: []].append(TableValue(label: target, value: finding.expected ?? ""))
                }
            }
            result.bindings.append(binding)
        }
        return result
    }

    enum Outcome {
        case unbound(String)
        case bound(target: String, cell: FindingLocation?, finding: Finding?)
    }

    static func location(_ claim: Claim) -> FindingLocation {
        .narrative(section: claim.location.section.title, paragraph: claim.location.paragraph,
                   sentence: claim.location.sentence, figure: claim.location.figureText)
    }

    static func cellLocation(_ q: Quantity) -> FindingLocation? {
        guard let sheet = q.sheet, let cell = q.cell else { return q.table.map { .table($0) } }
        return .cells(sheet: sheet, cells: [cell], table: q.table)
    }

    func bind(_ claim: Claim, values: ClaimValues, all: [Claim]) -> Outcome {
        switch claim.kind {
        case .amount:
            guard claim.unit.isMoney else { return .unbound("不是金额") }
            switch values.value(claim.subject) {
            case let .unbound(reason): return .unbound(reason)
            case let .value(q): return .bound(target: q.source, cell: Self.cellLocation(q), finding: checkAmount(claim, q))
            }
        case let .share(of):
            guard claim.unit == .percent else { return .unbound("占比未写百分号") }
            // The denominator as stated ("占本年支出合计的"), else the one domain §5 gives for the subject.
            let denominator = values.value(of ?? defaultDenominator(claim.subject))
            return ratio(claim, numerator: values.value(claim.subject), denominator: denominator, rule: "C.占比", what: "占比", all: all)
        case .completionRate:
            if case let .projectExecution(name) = claim.subject { return projectRate(claim, project: name, all: all) }
            return ratio(claim, numerator: values.value(claim.subject), denominator: values.budget(claim.subject),
                         rule: "C.完成预算", what: "完成预算", all: all)
        case let .changeAmount(direction):
            return change(claim, direction: direction, percent: false, values: values)
        case let .changePercent(direction):
            return change(claim, direction: direction, percent: true, values: values)
        case let .comparison(comparison):
            return compare(claim, comparison, values: values)
        case .count:
            return count(claim)
        }
    }

    /// Denominators of domain §5: income sources of 本年收入合计 (T1), 基本/项目 and 一般公共预算 of
    /// 本年支出合计 (T3), 类 of T6 合计, 三公 items of the 三公 决算合计.
    func defaultDenominator(_ s: ClaimSubject) -> ClaimSubject {
        switch s {
        case .incomeSource: return .totalIncome
        case .expenditure, .generalBudgetExpenditure: return .totalExpenditure
        case .generalBudgetClass: return .generalBudgetExpenditure
        case .threePublic: return .threePublicTotal
        case .procurement: return .procurement(.total)
        default: return .totalExpenditure
        }
    }

    // MARK: checks

    /// The claim's own interval in 元: its value ± half a unit of its last digit.
    func claimInterval(_ claim: Claim) -> (Decimal, Decimal) {
        let factor: Decimal = claim.unit == .wanYuan ? 10_000 : 1
        let v = claim.value * factor * (claim.qualifiers.negativeSign ? -1 : 1)
        let h = Interval.unit(claim.decimals) * factor / 2
        return (v - h, v + h)
    }

    func checkAmount(_ claim: Claim, _ q: Quantity) -> Finding? {
        let (lo, hi) = claimInterval(claim)
        if Interval.meets(lo, hi, q.lo, q.hi) { return nil }
        // "元" written for "万元": the figure is right in 万元.
        if claim.unit == .yuan, Interval.meets(lo * 10_000, hi * 10_000, q.lo, q.hi) {
            return Finding(rule: "C.金额", severity: .error, location: Self.location(claim),
                           message: "说明中「\(claim.subject)」写作\(claim.location.figureText)，数字与\(q.source)的\(q.shown)相同，但单位应为万元",
                           summary: "「\(claim.subject.shortName)」写\(claim.location.figureText)，单位应为万元",
                           expected: q.shown, found: claim.location.figureText)
        }
        return Finding(rule: "C.金额", severity: .error, location: Self.location(claim),
                       message: "说明中「\(claim.subject)」写作\(claim.location.figureText)，与\(q.source)的\(q.shown)不符",
                       summary: "「\(claim.subject.shortName)」写\(claim.location.figureText)，\(q.table.map { "表\($0.rawValue)" } ?? "单位数据")为\(q.shown)",
                       expected: q.shown, found: claim.location.figureText)
    }

    func ratio(_ claim: Claim, numerator: ClaimValues.Resolved, denominator: ClaimValues.Resolved, rule: String, what: String, all: [Claim]) -> Outcome {
        guard case let .value(n) = numerator else { if case let .unbound(r) = numerator { return .unbound(r) }; return .unbound("") }
        guard case let .value(d) = denominator else { if case let .unbound(r) = denominator { return .unbound(r) }; return .unbound("") }
        let target = "\(n.source) ÷ \(d.source)"
        let cell = Self.cellLocation(n)
        let h = Interval.unit(claim.decimals) / 2
        let p = claim.value
        if d.lo <= 0 {
            // A denominator shown as zero: no percentage can be computed. "0%" of nothing is the usual
            // wording (the narrative checker comments on 完成预算 with a zero budget); anything else is wrong.
            if claim.value == 0 && n.lo <= 0 { return .bound(target: target, cell: cell, finding: nil) }
            let finding = Finding(rule: rule, severity: .error, location: Self.location(claim),
                                  message: "「\(claim.subject)」\(what)写作\(claim.location.figureText)，但\(d.source)为0，百分比无从计算",
                                  summary: "「\(claim.subject.shortName)」\(what)写\(claim.location.figureText)，但分母为0",
                                  expected: "无（分母为0）", found: claim.location.figureText)
            return .bound(target: target, cell: cell, finding: finding)
        }
        let nLo = max(n.lo, 0), nHi = max(n.hi, 0)
        let sLo = nLo / d.hi * 100
        let sHi = nHi / d.lo * 100
        if Interval.meets(p - h, p + h, sLo, sHi) { return .bound(target: target, cell: cell, finding: nil) }
        let expected = ClaimFormat.text(n.mid / d.mid * 100, claim.decimals) + "%"
        var severity = Severity.error
        var note = ""
        if rule == "C.占比", forcedToHundred(claim, all: all), abs(p - ClaimFormat.round(n.mid / d.mid * 100, claim.decimals)) <= Interval.unit(claim.decimals) {
            severity = .hint; note = "（为使各项比例合计为100%而调整）"
        } else if Interval.meets(p, p + Interval.unit(claim.decimals), sLo, sHi) {
            severity = .hint; note = "（截尾而非四舍五入）"
        }
        let finding = Finding(rule: rule, severity: severity, location: Self.location(claim),
                              message: "「\(claim.subject)」\(what)写作\(claim.location.figureText)，按\(n.source)\(n.shown)与\(d.source)\(d.shown)计算应为\(expected)\(note)",
                              summary: "「\(claim.subject.shortName)」\(what)写\(claim.location.figureText)，应为\(expected)"
                                  + (note.isEmpty ? "" : note.contains("截尾") ? "（截尾）" : "（凑足100%）"),
                              expected: expected, found: claim.location.figureText)
        return .bound(target: target, cell: cell, finding: finding)
    }

    /// Shares in the same paragraph with the same denominator that add up to exactly 100%.
    func forcedToHundred(_ claim: Claim, all: [Claim]) -> Bool {
        guard case let .share(of) = claim.kind else { return false }
        let siblings = all.filter {
            guard case let .share(o) = $0.kind else { return false }
            return o == of && $0.location.paragraph == claim.location.paragraph
        }
        return siblings.count > 1 && siblings.reduce(Decimal(0)) { $0 + $1.value } == 100
    }

    /// A project's 完成预算% from the narrative's own 执行数 and 全年预算数 in the same paragraph.
    func projectRate(_ claim: Claim, project: String, all: [Claim]) -> Outcome {
        let same = all.filter { $0.location.paragraph == claim.location.paragraph && $0.kind == .amount }
        guard let exec = same.first(where: { $0.subject == .projectExecution(project) }),
              let budget = same.first(where: { $0.subject == .projectBudget(project) }) else {
            return .unbound("项目完成率缺少同段的执行数或全年预算数")
        }
        func q(_ c: Claim) -> Quantity {
            let (lo, hi) = claimInterval(c)
            return Quantity(lo: lo, hi: hi, source: "说明中的\(c.subject)", shown: c.location.figureText, table: nil)
        }
        return ratio(claim, numerator: .value(q(exec)), denominator: .value(q(budget)), rule: "C.完成预算", what: "完成预算", all: all)
    }

    func change(_ claim: Claim, direction: ChangeDirection, percent: Bool, values: ClaimValues) -> Outcome {
        guard case let .value(now) = values.value(claim.subject) else {
            if case let .unbound(r) = values.value(claim.subject) { return .unbound(r) }; return .unbound("")
        }
        let prior: Quantity
        switch values.priorYear(claim.subject) {
        case let .unbound(r): return .unbound(r)
        case let .value(q): prior = q
        }
        let target = "\(now.source) 与 \(prior.source)"
        let dLo = now.lo - prior.hi, dHi = now.hi - prior.lo
        let rule = percent ? "C.增减率" : "C.增减额"
        let sign: Decimal = direction == .decrease ? -1 : 1
        let actual = ClaimFormat.wan(now.mid - prior.mid)
        // The direction word must agree with the sign of the change.
        if (direction == .increase && dHi <= 0) || (direction == .decrease && dLo >= 0) {
            let word = claim.qualifiers.directionWord ?? (direction == .increase ? "增加" : "减少")
            return .bound(target: target, cell: Self.cellLocation(now), finding: Finding(
                rule: rule, severity: .error, location: Self.location(claim),
                message: "「\(claim.subject)」写“\(word)”，但本年\(now.shown)较上年\(prior.shown)的变化为\(actual)",
                summary: "「\(claim.subject.shortName)」写“\(word)”，实际变化为\(actual)", expected: actual, found: claim.location.figureText))
        }
        if !percent {
            var (lo, hi) = claimInterval(claim)
            if sign < 0 { (lo, hi) = (-hi, -lo) }
            if Interval.meets(lo, hi, dLo, dHi) { return .bound(target: target, cell: Self.cellLocation(now), finding: nil) }
            return .bound(target: target, cell: Self.cellLocation(now), finding: Finding(
                rule: rule, severity: .error, location: Self.location(claim),
                message: "「\(claim.subject)」增减额写作\(claim.location.figureText)，按本年\(now.shown)与上年\(prior.shown)计算为\(actual)",
                summary: "「\(claim.subject.shortName)」增减额写\(claim.location.figureText)，应为\(actual)",
                expected: actual, found: claim.location.figureText))
        }
        guard prior.hi > 0 else {
            return .bound(target: target, cell: Self.cellLocation(now), finding: Finding(
                rule: rule, severity: .error, location: Self.location(claim),
                message: "「\(claim.subject)」上年数为0，不能计算增长率",
                summary: "「\(claim.subject.shortName)」上年为0，不应写增长率", expected: "不写增长率", found: claim.location.figureText))
        }
        let h = Interval.unit(claim.decimals) / 2
        let p = claim.value * sign
        let candidates = [dLo / prior.lo, dLo / prior.hi, dHi / prior.lo, dHi / prior.hi].filter { _ in prior.lo > 0 }.map { $0 * 100 }
        let rLo = candidates.min() ?? dLo / prior.hi * 100, rHi = candidates.max() ?? dHi / prior.hi * 100
        if Interval.meets(p - h, p + h, rLo, rHi) { return .bound(target: target, cell: Self.cellLocation(now), finding: nil) }
        let expected = ClaimFormat.text(abs((now.mid - prior.mid) / prior.mid * 100), claim.decimals) + "%"
        let truncated = Interval.meets(abs(p), abs(p) + Interval.unit(claim.decimals), min(abs(rLo), abs(rHi)), max(abs(rLo), abs(rHi)))
        return .bound(target: target, cell: Self.cellLocation(now), finding: Finding(
            rule: rule, severity: truncated ? .hint : .error, location: Self.location(claim),
            message: "「\(claim.subject)」增减率写作\(claim.location.figureText)，按本年\(now.shown)与上年\(prior.shown)计算应为\(expected)" + (truncated ? "（截尾而非四舍五入）" : ""),
            summary: "「\(claim.subject.shortName)」增减率写\(claim.location.figureText)，应为\(expected)" + (truncated ? "（截尾）" : ""),
            expected: expected, found: claim.location.figureText))
    }

    func compare(_ claim: Claim, _ comparison: Comparison, values: ClaimValues) -> Outcome {
        guard case let .value(now) = values.value(claim.subject) else {
            if case let .unbound(r) = values.value(claim.subject) { return .unbound(r) }; return .unbound("")
        }
        let other: ClaimValues.Resolved = comparison == .priorYearEqual ? values.priorYear(claim.subject) : values.budget(claim.subject)
        guard case let .value(base) = other else { if case let .unbound(r) = other { return .unbound(r) }; return .unbound("") }
        let equal = Interval.meets(now.lo, now.hi, base.lo, base.hi)
        let holds: Bool = switch comparison {
        case .budgetEqual, .priorYearEqual: equal
        case .budgetGreater: !equal && now.mid > base.mid
        case .budgetLess: !equal && now.mid < base.mid
        }
        let target = "\(now.source) 与 \(base.source)"
        guard !holds else { return .bound(target: target, cell: Self.cellLocation(now), finding: nil) }
        return .bound(target: target, cell: Self.cellLocation(now), finding: Finding(
            rule: comparison == .priorYearEqual ? "C.上年比较" : "C.预算比较", severity: .error, location: Self.location(claim),
            message: "说明称「\(claim.subject)」\(comparison.rawValue)，但\(now.source)为\(now.shown)，\(base.source)为\(base.shown)",
            summary: "「\(claim.subject.shortName)」写“\(comparison.rawValue)”，实为\(now.shown)与\(base.shown)",
            expected: "\(now.shown) 对 \(base.shown)", found: comparison.rawValue))
    }
}
