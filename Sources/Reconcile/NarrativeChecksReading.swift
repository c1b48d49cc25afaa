import Foundation
import Narrative

extension NarrativeChecker {
    /// 收 and 支 总计 as two numbers; the same figure quoted twice with different values.
    func totalsAndDuplicates(_ ctx: NarrativeCheckContext) -> [Finding] {
        var out: [Finding] = []
        if let income = ctx.amount(.grandTotalIncome), let spending = ctx.amount(.grandTotalExpenditure),
           income.value != spending.value || income.unit != spending.unit {
            out.append(Finding(rule: "N.total.twoNumbers", severity: .error, location: spending.findingLocation,
                               message: "收入总计\(income.figure)与支出总计\(spending.figure)不相等；收、支总计必然相等，应写作“收、支总计各X万元”。",
                               summary: "收入总计\(income.figure)与支出总计\(spending.figure)不等",
                               expected: income.figure, found: spending.figure))
        }
        // "收、支总计分别为X万元、Y万元": two numbers for one total in one paragraph.
        var twoNumberSubjects = Set<ClaimSubject>()
        for subject in [ClaimSubject.grandTotal, .fiscalGrandTotal] {
            let stated = ctx.statements.filter { $0.kind == .amount && $0.subject == subject }
            guard let first = stated.first,
                  let other = stated.first(where: { $0.location.paragraph == first.location.paragraph && $0.valueInWanYuan != first.valueInWanYuan })
            else { continue }
            twoNumberSubjects.insert(subject)
            out.append(Finding(rule: "N.total.twoNumbers", severity: .error, location: other.findingLocation,
                               message: "\(subject)写了两个数\(first.figure)和\(other.figure)；收、支总计必然相等，应只写一个数。",
                               summary: "\(subject)写了两个数\(first.figure)和\(other.figure)",
                               expected: first.figure, found: other.figure))
        }
        // Same subject, different values. Restatements in the 附件 count too.
        let amounts = ctx.claims.filter { c in
            guard c.kind == .amount, c.unit.isMoney, c.qualifiers.category == nil else { return false }
            switch c.subject {
            case .unrecognized, .counted, .projectBudget, .projectExecution: return false
            default: return true
            }
        }
        var first: [ClaimSubject: Claim] = [:]
        var reported = Set<ClaimSubject>()
        for c in amounts {
            guard let f = first[c.subject] else { first[c.subject] = c; continue }
            if f.valueInWanYuan != c.valueInWanYuan, !reported.contains(c.subject), !twoNumberSubjects.contains(c.subject) {
                reported.insert(c.subject)
                out.append(Finding(rule: "N.duplicate", severity: .error, location: c.findingLocation,
                                   message: "「\(c.subject)」在第\(f.location.paragraph)段（\(f.location.section.title)）为\(f.figure)，在第\(c.location.paragraph)段（\(c.location.section.title)）为\(c.figure)，前后不一致。",
                                   summary: "「\(c.subject.shortName)」写\(c.figure)，第\(f.location.paragraph)段为\(f.figure)",
                                   expected: f.figure, found: c.figure))
            }
        }
        return out
    }

    /// Wording: years, template leftovers, superseded names, 元 for 万元, unrecognised figures.
    func readingChecks(_ ctx: NarrativeCheckContext) -> [Finding] {
        var out: [Finding] = []
        let doc = ctx.doc
        // Title lines before the first part ("XX单位2021年度单位决算") count as headings for the year.
        let body = doc.paragraphs.filter { p in
            p.section.isAccountsSection || p.section == .accountsIntro
                || (p.section == .preamble && p.text.contains("决算") && p.text.count <= 40)
        }
        func loc(_ p: NarrativeParagraph, _ figure: String?) -> FindingLocation {
            .narrative(section: p.section.title, paragraph: p.index, sentence: p.text, figure: figure)
        }

        // The document's year: the most frequent "20xx年" opening a sentence in sections 一–十.
        var counts: [Int: Int] = [:]
        for p in body where !p.isHeading {
            let t = TextNormalizer.normalize(p.text).text
            for sentence in t.split(separator: "。") {
                let s = sentence.drop { $0 == " " }
                if let y = Self.leadingYear(s) { counts[y, default: 0] += 1 }
            }
        }
        if let year = counts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) })?.key {
            for p in body {
                let t = TextNormalizer.normalize(p.text).text
                for (y, text) in Self.years(in: t) {
                    if p.isHeading || p.section == .preamble, y != year {
                        out.append(Finding(rule: "N.year.heading", severity: .error, location: loc(p, text),
                                           message: "标题中的年度\(y)年与本说明的决算年度\(year)年不一致。",
                                           summary: "标题年度\(y)年，应为\(year)年",
                                           expected: "\(year)年", found: "\(y)年"))
                    }
                }
                for (y, text) in Self.comparedYears(in: t) where y != year - 1 {
                    out.append(Finding(rule: "N.year.prior", severity: .error, location: loc(p, text),
                                       message: "“\(text)”：与上年比较应为\(year - 1)年（本说明为\(year)年度决算）。",
                                       summary: "“\(text)”应为与\(year - 1)年比较",
                                       expected: "\(year - 1)年", found: "\(y)年"))
                }
                if !p.isHeading {
                    for sentence in t.split(separator: "。") {
                        let s = sentence.drop { $0 == " " }
                        if let y = Self.leadingYear(s), y != year, y != year - 1 {
                            out.append(Finding(rule: "N.year.sentence", severity: .hint, location: loc(p, "\(y)年"),
                                               message: "句首年度\(y)年与本说明的决算年度\(year)年不同，请核对。",
                                               summary: "句首年度\(y)年与决算年度\(year)年不同",
                                               expected: "\(year)年", found: "\(y)年"))
                        }
                    }
                }
            }
        }

        // Template text left in.
        for p in body {
            let t = TextNormalizer.normalize(p.text).text
            for (pattern, why) in Self.templatePatterns where t.contains(pattern) {
                out.append(Finding(rule: "N.template", severity: .error, location: loc(p, pattern),
                                   message: "疑似模板文字未删除或未填写：“\(pattern)”（\(why)）。",
                                   summary: "模板文字未删除或未填写：“\(pattern)”", found: pattern))
            }
            if let r = t.range(of: "（或"), let close = t[r.upperBound...].firstIndex(of: "）") {
                let text = String(t[r.lowerBound...close])
                out.append(Finding(rule: "N.template", severity: .error, location: loc(p, text),
                                   message: "模板中的备选文字“\(text)”未删除，应按实际情况只保留一种说法。",
                                   summary: "模板备选文字未删除：“\(text)”", found: text))
            }
            if t.contains("（类）（款）") || t.contains("（款）（项）") || t.hasPrefix("（类）") {
                out.append(Finding(rule: "N.template", severity: .error, location: loc(p, "（项）"),
                                   message: "科目名称空缺：“（类）（款）（项）”前未填写科目名称。",
                                   summary: "科目名称空缺：“（类）（款）（项）”", found: "（类）（款）（项）"))
            }
        }

        // Superseded subject names: every name before （类）/（款）, and the known old names anywhere.
        for p in doc.paragraphs where p.section.isAccountsSection || p.section == .glossary {
            let t = TextNormalizer.normalize(p.text).text
            var names = Set<String>()
            for candidate in Self.namesBeforeMarkers(t) { names.insert(candidate) }
            for old in BuiltInSubjectNaming.supersededNames where t.contains(old) { names.insert(old) }
            // "医疗卫生" inside "医疗卫生与计划生育" is the same mention.
            let mentions = names.filter { n in !names.contains { $0 != n && $0.contains(n) } }
            for name in mentions.sorted() {
                guard let current = naming.supersededName(name) ?? naming.supersededName(name + "支出") else { continue }
                out.append(Finding(rule: "N.name.superseded", severity: .error, location: loc(p, name),
                                   message: "科目名称“\(name)”已停用，现行名称为“\(current)”。",
                                   summary: "“\(name)”已停用，应为“\(current)”",
                                   expected: current, found: name))
            }
        }

        // 元 written where 万元 is meant: an amount in 元 tiny next to its 万元 siblings.
        let money = ctx.statements.filter { $0.unit.isMoney && ($0.kind == .amount || $0.isChangeAmount) }
        if money.filter({ $0.unit == .wanYuan }).count > money.filter({ $0.unit == .yuan }).count {
            var wanByParagraph: [Int: [Decimal]] = [:]
            for c in money where c.unit == .wanYuan && c.value > 0 { wanByParagraph[c.location.paragraph, default: []].append(c.value) }
            for c in money where c.unit == .yuan {
                let siblings = (wanByParagraph[c.location.paragraph] ?? []).sorted()
                let reference = siblings.isEmpty ? ctx.amount(.totalExpenditure)?.value : siblings[siblings.count / 2]
                guard let reference, reference > 0, c.value > 0 else { continue }
                let asWan = c.value / 10000
                if asWan * 1000 < reference || asWan > reference * 1000 {
                    out.append(Finding(rule: "N.unit.yuan", severity: .error, location: c.findingLocation,
                                       message: "「\(c.subject)」写作\(c.location.figureText)，与同段以万元计的数字相差悬殊，疑将“万元”误写为“元”。",
                                       summary: "「\(c.subject.shortName)」写\(c.location.figureText)，疑为万元",
                                       expected: "\(c.value)万元", found: c.location.figureText))
                }
            }
        }

        // Figures not understood.
        for c in ctx.statements {
            guard case let .unrecognized(label) = c.subject else { continue }
            out.append(Finding(rule: "N.unrecognized", severity: .hint, location: c.findingLocation,
                               message: "未能识别数字“\(c.location.figureText)”（\(label.isEmpty ? "无说明文字" : label)）所说明的内容：\(c.qualifiers.reason ?? "")，未作核对。",
                               summary: "未能识别数字“\(c.location.figureText)”的含义，未核对",
                               found: c.location.figureText))
        }
        return out
    }

    static let templatePatterns: [(String, String)] = [
        ("XX", "占位符"), ("××", "占位符"), ("ＸＸ", "占位符"), ("xx", "占位符"), ("***", "占位符"),
        ("请填写", "填写提示"), ("此处填写", "填写提示"), ("根据实际情况", "填写提示"), ("按实际情况填写", "填写提示"),
        ("单位名称", "占位符"),
    ]

    /// "2021年…" at the start of a sentence.
    static func leadingYear(_ s: Substring) -> Int? {
        let chars = Array(s.prefix(6))
        guard chars.count >= 5, chars[4] == "年", chars[0] == "2", chars[1] == "0",
              chars[0..<4].allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(String(chars[0..<4]))
    }

    /// Every "20xx年" in a text.
    static func years(in t: String) -> [(Int, String)] {
        let chars = Array(t)
        var out: [(Int, String)] = []
        var i = 0
        while i + 4 < chars.count {
            if chars[i] == "2", chars[i + 1] == "0", chars[i..<(i + 4)].allSatisfy({ $0.isASCII && $0.isNumber }),
               chars[i + 4] == "年", i == 0 || !(chars[i - 1].isASCII && chars[i - 1].isNumber),
               let y = Int(String(chars[i..<(i + 4)])) {
                out.append((y, "\(y)年")); i += 5
            } else { i += 1 }
        }
        return out
    }

    /// Years compared against: "与2020年相比", "比2020年", "较2020年".
    static func comparedYears(in t: String) -> [(Int, String)] {
        var out: [(Int, String)] = []
        for prefix in ["与", "比", "较"] {
            var search = t.startIndex..<t.endIndex
            while let r = t.range(of: prefix, range: search) {
                let rest = t[r.upperBound...]
                if rest.prefix(5).count == 5, let y = leadingYear(rest.prefix(5)) {
                    let end = t.index(r.upperBound, offsetBy: 5)
                    let tail = t[end...].prefix(4)
                    if prefix != "与" || tail.hasPrefix("相比") || tail.hasPrefix("比") || tail.hasPrefix("持平") {
                        out.append((y, String(t[r.lowerBound..<end]) + (tail.hasPrefix("相比") ? "相比" : "")))
                    }
                }
                search = r.upperBound..<t.endIndex
            }
        }
        return out
    }

    /// Names written before "（类）" or "（款）": the run of text back to the previous delimiter.
    static func namesBeforeMarkers(_ t: String) -> [String] {
        let chars = Array(t)
        var out: [String] = []
        for marker in ["（类）", "（款）"] {
            let m = Array(marker)
            var i = 0
            while i + m.count <= chars.count {
                if Array(chars[i..<(i + m.count)]) == m {
                    var j = i - 1
                    while j >= 0, !"，。；：、）.0123456789 \t:".contains(chars[j]) { j -= 1 }
                    let name = String(chars[(j + 1)..<i])
                    if !name.isEmpty { out.append(name) }
                    i += m.count
                } else { i += 1 }
            }
        }
        return out
    }
}
