import Foundation
import Narrative

extension NarrativeChecker {
    /// A stated total against the sum of its stated parts. Parts whose sum equals the total are
    /// fine; a gap the figures' rounding can explain is a 尾差 hint; anything else is an error.
    /// For a partial list ("主要包括…等") only a sum above the total is reported.
    func sumFinding(rule: String, total: Claim, parts: [Claim], what: String, complete: Bool = true) -> Finding? {
        guard !parts.isEmpty else { return nil }
        let sum = parts.map(\.valueInWanYuan).reduce(0, +)
        let stated = total.valueInWanYuan
        if sum == stated { return nil }
        let diff = sum - stated
        let gap = diff < 0 ? -diff : diff
        let interval = parts.map(\.interval).reduce(DecimalInterval(0, 0), +)
        if !complete && diff < 0 { return nil }
        if interval.meets(total.interval) {
            return Finding(rule: rule, severity: .hint, location: total.findingLocation,
                           message: "\(what)：各项之和\(wan(sum))与所述合计\(wan(stated))相差\(wan(gap))，属四舍五入造成的尾差，建议调整尾数使其一致。",
                           summary: "「\(total.subject.shortName)」与各项之和差\(wan(gap))（尾差）",
                           expected: wan(stated), found: wan(sum))
        }
        let message = complete
            ? "\(what)：各项之和\(wan(sum))与所述合计\(wan(stated))不符，相差\(wan(gap))。"
            : "\(what)：列举的明细之和\(wan(sum))已超过所述合计\(wan(stated))，相差\(wan(gap))。"
        return Finding(rule: rule, severity: .error, location: total.findingLocation, message: message,
                       summary: complete ? "「\(total.subject.shortName)」与各项之和差\(wan(gap))" : "「\(total.subject.shortName)」的明细之和超出\(wan(gap))",
                       expected: wan(stated), found: wan(sum))
    }

    func sumChecks(_ ctx: NarrativeCheckContext) -> [Finding] {
        var out: [Finding] = []
        // Parts listed in the same paragraph as their total.
        func paragraphSum(_ rule: String, total subject: ClaimSubject, what: String,
                          isPart: (ClaimSubject) -> Bool) {
            // One check per paragraph (its first total): a total restated in the same paragraph has the
            // same parts, and checking every restatement against every part is quadratic.
            var checked: Set<Int> = []
            for total in ctx.statements where total.kind == .amount && total.subject == subject && total.qualifiers.category == nil {
                guard checked.insert(total.location.paragraph).inserted else { continue }
                let parts = ctx.amounts(inParagraph: total.location.paragraph).filter { isPart($0.subject) }
                guard parts.count >= 2 else { continue }
                let partial = parts.contains { $0.qualifiers.partialList }
                if let f = sumFinding(rule: rule, total: total, parts: parts, what: what, complete: !partial) { out.append(f) }
            }
        }
        paragraphSum("N.sum.income", total: .totalIncome, what: "本年收入合计与各项收入") {
            if case .incomeSource = $0 { return true }; return false
        }
        paragraphSum("N.sum.expenditure", total: .totalExpenditure, what: "本年支出合计与各类支出") {
            if case .expenditure = $0 { return true }; return false
        }
        paragraphSum("N.sum.classes", total: .generalBudgetExpenditure, what: "一般公共预算财政拨款支出与各类（类级科目）支出") {
            if case .generalBudgetClass = $0 { return true }; return false
        }
        paragraphSum("N.sum.governmentFund", total: .governmentFundExpenditure, what: "政府性基金预算财政拨款支出与所列项目") {
            if case .governmentFundProject = $0 { return true }; return false
        }
        paragraphSum("N.sum.procurement", total: .procurement(.total), what: "政府采购支出总额与货物、工程、服务支出") {
            [.procurement(.goods), .procurement(.works), .procurement(.services)].contains($0)
        }
        // 人员经费 and 公用经费 items are listed in their own paragraphs.
        for (group, rule, what) in [(ClaimSubject.personnel, "N.sum.personnel", "人员经费与其明细"),
                                    (.publicFunds, "N.sum.publicFunds", "公用经费与其明细")] {
            var checked: Set<Int> = []
            for total in ctx.statements where total.kind == .amount && total.subject == group
                && total.location.section == .generalBudgetBasic {
                guard checked.insert(total.location.paragraph).inserted else { continue }
                let parts = ctx.amounts(inParagraph: total.location.paragraph).filter {
                    switch $0.subject {
                    case .personnelItem: return group == .personnel
                    case .publicFundsItem: return group == .publicFunds
                    default: return false
                    }
                }
                let partial = parts.contains { $0.qualifiers.partialList }
                if let f = sumFinding(rule: rule, total: total, parts: parts, what: what, complete: !partial) { out.append(f) }
            }
        }
        // 基本支出 = 人员经费 + 公用经费 (section 六).
        if let basic = ctx.statements.first(where: { $0.kind == .amount && $0.subject == .generalBudgetBasic }),
           let personnel = ctx.statements.first(where: { $0.kind == .amount && $0.subject == .personnel && $0.location.section == .generalBudgetBasic }),
           let publicFunds = ctx.statements.first(where: { $0.kind == .amount && $0.subject == .publicFunds && $0.location.section == .generalBudgetBasic }),
           let f = sumFinding(rule: "N.sum.basic", total: basic, parts: [personnel, publicFunds], what: "基本支出与人员经费、公用经费") {
            out.append(f)
        }
        // 三公: total = 出国 + 车辆 + 接待; 车辆 = 购置 + 运行; 接待 = 国内 + 外事.
        func threePublic(_ s: ClaimSubject) -> Claim? { ctx.amount(s) }
        if let total = threePublic(.threePublicTotal) {
            let parts = [ThreePublicItem.abroad, .vehicles, .reception].compactMap { threePublic(.threePublic($0)) }
            if parts.count == 3, let f = sumFinding(rule: "N.sum.threePublic", total: total, parts: parts, what: "“三公”经费与其三项") { out.append(f) }
        }
        if let vehicles = threePublic(.threePublic(.vehicles)) {
            let parts = [ThreePublicItem.vehiclePurchase, .vehicleOperation].compactMap { threePublic(.threePublic($0)) }
            if parts.count == 2, let f = sumFinding(rule: "N.sum.threePublic", total: vehicles, parts: parts, what: "公务用车购置及运行维护费与购置费、运行维护费") { out.append(f) }
        }
        if let reception = threePublic(.threePublic(.reception)) {
            let parts = [ThreePublicItem.domesticReception, .foreignReception].compactMap { threePublic(.threePublic($0)) }
            if parts.count == 2, let f = sumFinding(rule: "N.sum.threePublic", total: reception, parts: parts, what: "公务接待费与国内、外事接待费") { out.append(f) }
        }
        // 项 (section 五(三)) against their 类 (五(二)), or against the total when no 类 is given.
        let items = ctx.statements.filter { $0.kind == .amount && $0.location.section == .generalBudgetDetail }
            .filter { if case .generalBudgetItem = $0.subject { return true }; return false }
        var byClass: [String: [Claim]] = [:]
        var classOrder: [String] = []
        for item in items {
            guard case let .generalBudgetItem(c, _, _) = item.subject else { continue }
            if byClass[c] == nil { classOrder.append(c) }
            byClass[c, default: []].append(item)
        }
        var anyClass = false
        for c in classOrder {
            guard let classClaim = ctx.amount(.generalBudgetClass(c)), let parts = byClass[c] else { continue }
            anyClass = true
            if let f = sumFinding(rule: "N.sum.items", total: classClaim, parts: parts,
                                  what: "\(c)（类）与第五部分（三）所列该类各项（项级科目）") { out.append(f) }
        }
        if !anyClass, !items.isEmpty,
           let total = ctx.statements.first(where: { $0.kind == .amount && $0.subject == .generalBudgetExpenditure && $0.location.section == .generalBudgetDetail })
            ?? ctx.amount(.generalBudgetExpenditure),
           let f = sumFinding(rule: "N.sum.items", total: total, parts: items, what: "一般公共预算财政拨款支出与所列各项（项级科目）") {
            out.append(f)
        }
        // Parts that cannot exceed their whole.
        func notAbove(_ rule: String, part: ClaimSubject, whole: ClaimSubject, what: String) {
            guard let p = ctx.amount(part), let w = ctx.amount(whole) else { return }
            if p.valueInWanYuan > w.valueInWanYuan, !p.interval.meets(w.interval) {
                out.append(Finding(rule: rule, severity: .error, location: p.findingLocation,
                                   message: "\(what)：\(p.subject)\(wan(p.valueInWanYuan))大于\(w.subject)\(wan(w.valueInWanYuan))。",
                                   summary: "\(p.subject.shortName)\(wan(p.valueInWanYuan))大于\(w.subject.shortName)\(wan(w.valueInWanYuan))",
                                   expected: "不大于\(wan(w.valueInWanYuan))", found: wan(p.valueInWanYuan)))
            }
        }
        notAbove("N.relation.generalBudget", part: .generalBudgetExpenditure, whole: .totalExpenditure, what: "一般公共预算财政拨款支出是本年支出的一部分")
        notAbove("N.relation.fiscalTotal", part: .fiscalGrandTotal, whole: .grandTotal, what: "财政拨款收支总计不应大于收支总计")
        notAbove("N.relation.procurement", part: .procurement(.smallAndMicro), whole: .procurement(.smallAndMedium), what: "授予小微企业合同金额是授予中小企业合同金额的一部分")
        notAbove("N.relation.procurement", part: .procurement(.smallAndMedium), whole: .procurement(.total), what: "授予中小企业合同金额不应超过政府采购支出总额")
        // 机关运行经费 is the 公用经费 of an administrative (or 参公) unit: a difference is worth a look.
        if let running = ctx.amount(.officeRunningCosts), let pub = ctx.amount(.publicFunds),
           running.valueInWanYuan != pub.valueInWanYuan, !running.interval.meets(pub.interval) {
            out.append(Finding(rule: "N.relation.officeRunning", severity: .hint, location: running.findingLocation,
                               message: "机关运行经费\(wan(running.valueInWanYuan))与一般公共预算财政拨款基本支出中的公用经费\(wan(pub.valueInWanYuan))不同；行政单位和参公单位两者应一致，请核对。",
                               summary: "机关运行经费\(wan(running.valueInWanYuan))与公用经费\(wan(pub.valueInWanYuan))不同",
                               expected: wan(pub.valueInWanYuan), found: wan(running.valueInWanYuan)))
        }
        // Projects in the 附件: their 执行数 together cannot exceed 项目支出.
        let executions = ctx.claims.filter { c in
            if case .projectExecution = c.subject, c.kind == .amount { return true }; return false
        }
        if executions.count >= 2, let project = ctx.amount(.expenditure(.project)) {
            if let f = sumFinding(rule: "N.sum.attachmentProjects", total: project, parts: executions,
                                  what: "附件各项目执行数与项目支出", complete: false) { out.append(f) }
        }
        return out
    }
}
