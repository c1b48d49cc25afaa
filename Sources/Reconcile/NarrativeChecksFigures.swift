import Foundation
import Narrative

extension NarrativeChecker {
    /// 占p%: the share computed from the narrative's own numerator and denominator intervals must
    /// meet the claim's interval.
    func shareChecks(_ ctx: NarrativeCheckContext) -> [Finding] {
        var out: [Finding] = []
        for (i, share) in ctx.statements.enumerated() {
            guard case let .share(of) = share.kind else { continue }
            if share.qualifiers.percentMissing {
                out.append(Finding(rule: "N.share.percentMissing", severity: .error, location: share.findingLocation,
                                   message: "占比“\(share.location.figureText)”缺少百分号“%”。",
                                   summary: "占比“\(share.location.figureText)”缺少“%”",
                                   expected: "\(share.value)%", found: share.location.figureText))
            }
            guard let of else { continue }
            // Numerator: the nearest amount of the same subject before the share, same paragraph.
            let numerator = ctx.index.earlier(than: i) {
                $0.kind == .amount && $0.subject == share.subject && $0.unit.isMoney
            }
            let denominator = ctx.amount(of, preferring: share.location.paragraph)
            guard let numerator, let denominator else { continue }
            let num = scaled(numerator), den = scaled(denominator)
            let claimed = share.interval
            guard let ratio = DecimalInterval.percent(num, of: den) else {
                if numerator.value != 0 || share.value != 0 {
                    out.append(Finding(rule: "N.share.zeroBase", severity: .error, location: share.findingLocation,
                                       message: "\(of)为0，不能计算「\(share.subject)」的占比。",
                                       summary: "\(of)为0，不能计算「\(share.subject.shortName)」的占比", found: share.figure))
                }
                continue
            }
            if ratio.meets(claimed) { continue }
            let exact = numerator.valueInWanYuan / denominator.valueInWanYuan * 100
            let expected = "\(DecimalInterval.text(exact, share.decimals))%"
            let unit = DecimalInterval.unit(share.decimals)
            if ratio.meets(DecimalInterval(share.value, share.value + unit)) {
                out.append(Finding(rule: "N.share.truncated", severity: .hint, location: share.findingLocation,
                                   message: "「\(share.subject)」占\(of)的比例按所述数字计算为\(expected)，文中写\(share.figure)，像是截尾而不是四舍五入（或为凑足100%而调整）。",
                                   summary: "「\(share.subject.shortName)」占比写\(share.figure)，按文中数字为\(expected)（截尾）",
                                   expected: expected, found: share.figure))
            } else if ratio.meets(DecimalInterval(value: 100 - share.value, decimals: share.decimals)) {
                out.append(Finding(rule: "N.share.complement", severity: .error, location: share.findingLocation,
                                   message: "「\(share.subject)」占\(of)的比例应为\(expected)，文中写的\(share.figure)恰是其余部分的比例。",
                                   summary: "「\(share.subject.shortName)」占比写\(share.figure)，应为\(expected)（写成了其余部分）",
                                   expected: expected, found: share.figure))
            } else {
                out.append(Finding(rule: "N.share", severity: .error, location: share.findingLocation,
                                   message: "「\(share.subject)」\(wan(numerator.valueInWanYuan))占\(of)\(wan(denominator.valueInWanYuan))的比例应为\(expected)，文中写\(share.figure)。",
                                   summary: "「\(share.subject.shortName)」占比写\(share.figure)，按文中数字应为\(expected)",
                                   expected: expected, found: share.figure))
            }
        }
        return out
    }

    /// An amount's interval in 万元.
    func scaled(_ c: Claim) -> DecimalInterval {
        c.unit == .yuan ? DecimalInterval(c.interval.lo / 10000, c.interval.hi / 10000) : c.interval
    }

    /// 增加/减少 d and 增长/下降 q% of one subject: the prior-year value both imply must agree,
    /// the direction words must agree, and a percentage needs a non-zero prior year.
    func changeChecks(_ ctx: NarrativeCheckContext) -> [Finding] {
        var out: [Finding] = []
        for amount in ctx.statements where amount.isChangeAmount && amount.qualifiers.negativeSign {
            out.append(Finding(rule: "N.change.sign", severity: .error, location: amount.findingLocation,
                               message: "“\(amount.qualifiers.directionWord ?? "")”后又写负数\(amount.figure)，增减方向表述矛盾。",
                               summary: "“\(amount.qualifiers.directionWord ?? "")”后又写负数\(amount.figure)",
                               found: amount.location.figureText))
        }
        for (i, pct) in ctx.statements.enumerated() where pct.isChangePercent {
            if pct.qualifiers.negativeSign, pct.changeDirection != nil {
                out.append(Finding(rule: "N.change.sign", severity: .error, location: pct.findingLocation,
                                   message: "“\(pct.qualifiers.directionWord ?? "")”后又写负数\(pct.figure)，增减方向表述矛盾。",
                                   summary: "“\(pct.qualifiers.directionWord ?? "")”后又写负数\(pct.figure)",
                                   found: pct.location.figureText))
            }
            guard let amount = ctx.index.earlier(than: i, where: {
                $0.isChangeAmount && $0.subject == pct.subject
            }) else { continue }
            if let a = amount.changeDirection, let p = pct.changeDirection, a != p, a != .unchanged, p != .unchanged {
                out.append(Finding(rule: "N.change.direction", severity: .error, location: pct.findingLocation,
                                   message: "「\(pct.subject)」先说“\(amount.qualifiers.directionWord ?? "")\(amount.figure)”，又说“\(pct.qualifiers.directionWord ?? "")\(pct.figure)”，增减方向矛盾。",
                                   summary: "「\(pct.subject.shortName)」增减方向前后矛盾",
                                   found: pct.location.figureText))
                continue
            }
            guard let current = ctx.index.earlier(than: i, where: {
                $0.kind == .amount && $0.subject == pct.subject && $0.unit.isMoney
            }) ?? ctx.amount(pct.subject) else { continue }
            // Prior year = current ∓ change.
            var change = scaled(amount)
            if amount.qualifiers.negativeSign { change = DecimalInterval(-change.hi, -change.lo) }
            let signedChange = amount.changeDirection == .decrease ? DecimalInterval(-change.hi, -change.lo) : change
            let prior = scaled(current) - signedChange
            let magnitude = abs(amount.valueInWanYuan)
            let priorValue = current.valueInWanYuan - (amount.changeDirection == .decrease ? -magnitude : magnitude)
            if priorValue <= 0 || prior.lo <= 0 && prior.hi <= DecimalInterval.halfUnit(current.decimals) {
                out.append(Finding(rule: "N.change.zeroBase", severity: .error, location: pct.findingLocation,
                                   message: "按文中数字，「\(pct.subject)」上年数为\(wan(priorValue))，不能计算增长率；应只说明增加额（如“上年无此项支出”）。",
                                   summary: "「\(pct.subject.shortName)」上年为0，不应写增长率\(pct.figure)",
                                   found: pct.figure))
                continue
            }
            guard let ratio = DecimalInterval.percent(change, of: prior) else { continue }
            // The magnitude is checked; a minus sign beside a direction word is reported above.
            if ratio.meets(DecimalInterval(value: abs(pct.value), decimals: pct.decimals)) { continue }
            let exact = magnitude / priorValue * 100
            let expected = "\(DecimalInterval.text(exact, pct.decimals))%"
            out.append(Finding(rule: "N.change.percent", severity: .error, location: pct.findingLocation,
                               message: "「\(pct.subject)」本年\(wan(current.valueInWanYuan))，\(amount.qualifiers.directionWord ?? "变动")\(wan(amount.valueInWanYuan))，上年应为\(wan(priorValue))，变动率应为\(expected)，文中写\(pct.figure)。",
                               summary: "「\(pct.subject.shortName)」变动率写\(pct.figure)，按文中数字应为\(expected)",
                               expected: expected, found: pct.figure))
        }
        return out
    }

    /// 完成预算p%: against 决算数 of the same subject and the comparison words beside it.
    func completionChecks(_ ctx: NarrativeCheckContext) -> [Finding] {
        var out: [Finding] = []
        // Subjects whose budget the text shows to be zero: 决算 0 and "决算数与预算数持平".
        var zeroBudget = Set<ClaimSubject>()
        for cmp in ctx.statements where cmp.kind == .comparison(.budgetEqual) {
            if let actual = ctx.amount(cmp.subject, preferring: cmp.location.paragraph), actual.value == 0 {
                zeroBudget.insert(cmp.subject)
            }
        }
        if zeroBudget.contains(.threePublicTotal) {
            for item in ThreePublicItem.allCases { zeroBudget.insert(.threePublic(item)) }
        }
        let all = ctx.statements + ctx.claims.filter { $0.location.section == .attachment }
        let index = ClaimIndex(all)
        var projectBudgets: [String: Claim] = [:]
        for c in all where c.kind == .amount {
            if case let .projectBudget(name) = c.subject, projectBudgets[name] == nil { projectBudgets[name] = c }
        }
        for (i, rate) in all.enumerated() where rate.kind == .completionRate {
            let sameParagraph = index.inParagraph(rate.location.paragraph).filter { $0.subject == rate.subject }
            let actual = index.earlier(than: i) { $0.kind == .amount && $0.subject == rate.subject && $0.unit.isMoney }
            let comparisons = sameParagraph.compactMap { c -> Comparison? in if case let .comparison(x) = c.kind { return x }; return nil }
            if rate.value == 100, let contra = comparisons.first(where: { $0 == .budgetGreater || $0 == .budgetLess }) {
                out.append(Finding(rule: "N.completion.contradiction", severity: .error, location: rate.findingLocation,
                                   message: "「\(rate.subject)」写“完成预算100%”，又写“\(contra.rawValue)”，两者矛盾。",
                                   summary: "「\(rate.subject.shortName)」完成预算100%与“\(contra.rawValue)”矛盾",
                                   found: rate.figure))
                continue
            }
            // 附件 projects: 执行数 ÷ 全年预算数.
            if case let .projectExecution(name) = rate.subject, let execution = actual,
               let budget = projectBudgets[name] {
                if budget.value == 0 {
                    out.append(Finding(rule: "N.completion.zeroBudget", severity: .hint, location: rate.findingLocation,
                                       message: "项目“\(name)”全年预算数为0，不宜写完成预算比例。",
                                       summary: "项目“\(name)”预算为0，不宜写完成比例", found: rate.figure))
                } else if let ratio = DecimalInterval.percent(scaled(execution), of: scaled(budget)), !ratio.meets(rate.interval) {
                    let exact = execution.valueInWanYuan / budget.valueInWanYuan * 100
                    let shortfall = ratio.meets(DecimalInterval(value: 100 - rate.value, decimals: rate.decimals))
                    out.append(Finding(rule: "N.completion.rate", severity: .error, location: rate.findingLocation,
                                       message: "项目“\(name)”执行数\(wan(execution.valueInWanYuan))、全年预算数\(wan(budget.valueInWanYuan))，完成预算应为\(DecimalInterval.text(exact, rate.decimals))%，文中写\(rate.figure)"
                                           + (shortfall ? "，恰是未完成部分的比例。" : "。"),
                                       summary: "项目“\(name)”完成预算写\(rate.figure)，应为\(DecimalInterval.text(exact, rate.decimals))%",
                                       expected: "\(DecimalInterval.text(exact, rate.decimals))%", found: rate.figure))
                }
                continue
            }
            guard let actual else { continue }
            if actual.value == 0 && rate.value == 0 {
                if zeroBudget.contains(rate.subject) {
                    out.append(Finding(rule: "N.completion.zeroBudget", severity: .hint, location: rate.findingLocation,
                                       message: (rate.subject == .threePublicTotal || !Self.isThreePublicItem(rate.subject)
                                                ? "「\(rate.subject)」决算数为0且与预算数持平，即预算数为0" : "“三公”经费预算数为0，「\(rate.subject)」的预算数也为0")
                                                + "；预算为0时不能计算完成比例，不应写“完成预算0%”，应写作“预算数为0”。",
                                       summary: "「\(rate.subject.shortName)」预算为0，不应写“完成预算\(rate.figure)”",
                                       expected: "预算为0", found: "完成预算\(rate.figure)"))
                }
            } else if actual.value == 0 && rate.value > 0 {
                out.append(Finding(rule: "N.completion.zeroActual", severity: .error, location: rate.findingLocation,
                                   message: "「\(rate.subject)」决算数为0，完成预算比例不可能是\(rate.figure)。",
                                   summary: "「\(rate.subject.shortName)」决算为0，完成比例不可能是\(rate.figure)", found: rate.figure))
            } else if actual.value > 0 && rate.value == 0 {
                out.append(Finding(rule: "N.completion.zeroRate", severity: .error, location: rate.findingLocation,
                                   message: "「\(rate.subject)」决算数为\(wan(actual.valueInWanYuan))，完成预算比例不可能是0%。",
                                   summary: "「\(rate.subject.shortName)」决算不为0，完成比例不可能是0%", found: rate.figure))
            } else if comparisons.contains(.budgetEqual), rate.value != 100 {
                out.append(Finding(rule: "N.completion.contradiction", severity: .error, location: rate.findingLocation,
                                   message: "「\(rate.subject)」写“决算数与预算数持平”，完成预算比例却是\(rate.figure)。",
                                   summary: "「\(rate.subject.shortName)」与预算持平，完成比例却是\(rate.figure)",
                                   expected: "100%", found: rate.figure))
            } else if (rate.value > 100 && comparisons.contains(.budgetLess)) || (rate.value < 100 && comparisons.contains(.budgetGreater)) {
                out.append(Finding(rule: "N.completion.contradiction", severity: .error, location: rate.findingLocation,
                                   message: "「\(rate.subject)」完成预算\(rate.figure)与“\(comparisons.map(\.rawValue).joined(separator: "、"))”矛盾。",
                                   summary: "「\(rate.subject.shortName)」完成预算\(rate.figure)与“\(comparisons.map(\.rawValue).joined(separator: "、"))”矛盾",
                                   found: rate.figure))
            }
        }
        return out
    }
}

extension NarrativeChecker {
    static func isThreePublicItem(_ s: ClaimSubject) -> Bool {
        if case .threePublic = s { return true }
        return false
    }
}
