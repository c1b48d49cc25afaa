import Foundation

/// A sentence of a paragraph: its normalised character range.
struct SentenceSpan {
    var range: Range<Int>
}

/// Reads every claim the narrative makes about the accounts.
public struct ClaimExtractor {
    var recognizer: SubjectRecognizer

    public init(naming: (any SubjectNaming)? = nil) {
        recognizer = SubjectRecognizer(naming: naming ?? BuiltInSubjectNaming())
    }

    public func claims(in doc: NarrativeDocument) -> [Claim] {
        var out: [Claim] = []
        for p in doc.paragraphs where !p.isHeading && !p.text.isEmpty {
            if p.section.isAccountsSection {
                out += claims(in: p)
            } else if p.section == .attachment {
                out += attachmentClaims(in: p)
            }
        }
        return out
    }

    /// Sentences end at 。！？ (a paragraph without one is one sentence).
    static func sentences(_ chars: [Character]) -> [SentenceSpan] {
        var spans: [SentenceSpan] = []
        var start = 0
        for (i, c) in chars.enumerated() where c == "。" || c == "！" || c == "？" {
            if i + 1 > start { spans.append(SentenceSpan(range: start..<(i + 1))) }
            start = i + 1
        }
        if start < chars.count { spans.append(SentenceSpan(range: start..<chars.count)) }
        return spans
    }

    static let clauseDelimiters: Set<Character> = ["，", "；", "：", "。", "、", "！", "？"]

    /// Where the label of a figure starts: after the last clause delimiter or the previous figure.
    static func labelStart(_ chars: [Character], before position: Int, floor: Int) -> Int {
        var i = position - 1
        while i >= floor {
            let c = chars[i]
            if clauseDelimiters.contains(c) {
                // "收、支总计" is one word.
                let joined = c == "、" && i > 0 && i + 1 < chars.count && chars[i - 1] == "收" && chars[i + 1] == "支"
                if !joined { return i + 1 }
            }
            i -= 1
        }
        return floor
    }

    static let changeWords: [(String, ChangeDirection)] = [
        ("增加", .increase), ("增长", .increase), ("上升", .increase), ("增幅", .increase), ("提高", .increase),
        ("减少", .decrease), ("下降", .decrease), ("降低", .decrease), ("降幅", .decrease), ("减幅", .decrease),
        ("节约", .decrease),
    ]

    static let comparisonPhrases: [(String, Comparison)] = [
        ("决算数大于预算数", .budgetGreater), ("决算数小于预算数", .budgetLess),
        ("决算数与预算数持平", .budgetEqual), ("决算与预算持平", .budgetEqual), ("与预算数持平", .budgetEqual),
        ("与上年持平", .priorYearEqual), ("与上年度持平", .priorYearEqual), ("较上年持平", .priorYearEqual),
    ]

    /// Default denominator of a share when the sentence does not name one.
    static func defaultDenominator(_ section: NarrativeSection) -> ClaimSubject? {
        switch section {
        case .income: return .totalIncome
        case .expenditure: return .totalExpenditure
        case .generalBudgetStructure: return .generalBudgetExpenditure
        case .threePublic: return .threePublicTotal
        case .procurement: return .procurement(.total)
        default: return nil
        }
    }

    /// "个项目开展了绩效自评" → "开展绩效自评的项目": what a project count (预算绩效管理) counts, as a noun
    /// phrase; nil when the figure is not followed by 项目.
    static func projectCount(_ chars: [Character], after end: Int) -> String? {
        var i = end
        if i < chars.count, chars[i] == "个" { i += 1 }
        guard i + 1 < chars.count, chars[i] == "项", chars[i + 1] == "目" else { return nil }
        i += 2
        var clause = ""
        while i < chars.count, !clauseDelimiters.contains(chars[i]), clause.count < 30 { clause.append(chars[i]); i += 1 }
        clause = clause.replacingOccurrences(of: "了", with: "")
        return clause.isEmpty ? "项目" : clause + "的项目"
    }

    func claims(in p: NarrativeParagraph) -> [Claim] {
        let n = TextNormalizer.normalize(p.text)
        let chars = n.normalized
        var out: [Claim] = []
        var topic: ClaimSubject?
        var lastMoneySubject: ClaimSubject?
        var lastCountLabel: String?
        // A 项 paragraph names its subject once: "1.X（类）Y（款）Z（项）：支出决算为…".
        let item = p.section == .generalBudgetDetail ? recognizer.itemPath(in: n.text) : nil
        if let item { topic = item.subject }

        for sentence in Self.sentences(chars) {
            let sentenceText = String(chars[sentence.range])
            let originalSentenceRange = n.originalRange(sentence.range)
            let originalSentence = String(n.original[originalSentenceRange])
            var head: ClaimSubject?
            func location(_ r: Range<Int>) -> ClaimLocation {
                let o = n.originalRange(r)
                let rel = (o.lowerBound - originalSentenceRange.lowerBound)..<(o.upperBound - originalSentenceRange.lowerBound)
                return ClaimLocation(paragraph: p.index, section: p.section, sentence: originalSentence,
                                     figureRange: rel, figureText: String(n.original[o]))
            }
            let figures = FigureScanner.figures(in: chars, range: sentence.range)
            var cursor = sentence.range.lowerBound
            var listIsPartial = sentenceText.contains("等。") || sentenceText.contains("等；")
            for fig in figures {
                let labelFrom = Self.labelStart(chars, before: fig.range.lowerBound, floor: cursor)
                // Labels with no figure between the previous figure and this clause set the topic.
                let skipped = String(chars[cursor..<labelFrom])
                for part in skipped.split(whereSeparator: { Self.clauseDelimiters.contains($0) }) {
                    if let s = recognizer.subject(in: String(part), section: p.section, topic: topic), item == nil {
                        topic = s
                        if head == nil { head = s }
                    }
                }
                let label = String(chars[labelFrom..<fig.range.lowerBound])
                cursor = fig.range.upperBound
                var q = ClaimQualifiers()
                q.label = label
                q.negativeSign = fig.negative
                // "主要包括：A、B…等" lists some parts, not necessarily all.
                if !listIsPartial, ["主要包括", "主要为", "主要用于", "等"].contains(where: { skipped.contains($0) || label.contains($0) }) {
                    listIsPartial = true
                }
                q.partialList = listIsPartial

                // Kind from the words right before the figure.
                let reading = Self.classify(label: label, unit: fig.unit)
                var kind = reading.kind
                let change = reading.change
                q.directionWord = change?.word
                q.percentMissing = reading.percentMissing

                // Subject: the label's own words, else the topic.
                var subject: ClaimSubject
                let labelForSubject: String = {
                    // "社会保障和就业（类）支出1680.66万元，占98.87%": the share label is only "占".
                    if case .share = kind { return String(label[label.startIndex..<(label.range(of: "占", options: .backwards)?.lowerBound ?? label.startIndex)]) }
                    if let change { return label.components(separatedBy: change.word).first ?? "" }
                    return label
                }()
                if kind == .count, p.section == .performance, fig.unit == .item,
                   let projects = Self.projectCount(chars, after: fig.range.upperBound) {
                    // "对5个项目编制了绩效目标": the unit's projects, named by what was done to them.
                    subject = .counted(projects)
                } else if kind == .count {
                    let name = SubjectRecognizer.itemName(labelForSubject)
                    let counted = name.isEmpty ? (lastCountLabel ?? "") : name
                    lastCountLabel = counted
                    subject = .counted(counted)
                } else if let item {
                    subject = item.subject
                } else if let s = recognizer.subject(in: labelForSubject, section: p.section, topic: topic) {
                    subject = s
                } else if labelForSubject.hasSuffix("金额"), let last = lastMoneySubject {
                    subject = last
                    q.category = lastCountLabel
                } else if let topic {
                    subject = topic
                } else {
                    subject = .unrecognized(label)
                    q.reason = "未能识别数字所指的科目或项目"
                }
                if case .unrecognized = subject {} else if kind != .count {
                    if head == nil { head = subject }
                    if kind == .amount || kind == .share(of: nil) { topic = subject }
                    if kind == .amount, fig.unit.isMoney { lastMoneySubject = subject }
                }
                if fig.unit == .percent || fig.unit == .none, kind == .amount {
                    subject = .unrecognized(label)
                    q.reason = "百分数的含义未能识别（不是占比、增减率或预算完成率）"
                }
                if case .share = kind {
                    var of: ClaimSubject? = nil
                    let words = reading.denominatorWords.filter { !$0.isWhitespace }
                    if !words.isEmpty, words != "比", words != "的" {
                        of = recognizer.subject(in: words, section: p.section, topic: nil)
                    }
                    if of == nil, let h = head, h != subject { of = h }
                    if of == nil { of = Self.defaultDenominator(p.section) }
                    kind = .share(of: of)
                }
                out.append(Claim(kind: kind, subject: subject, value: fig.value, decimals: fig.decimals,
                                 unit: fig.unit, location: location(fig.range), qualifiers: q))
            }
            // Words after the last figure can still name the topic ("…决算数与预算数持平").
            let trailing = String(chars[cursor..<sentence.range.upperBound])
            for part in trailing.split(whereSeparator: { Self.clauseDelimiters.contains($0) }) where item == nil {
                if let s = recognizer.subject(in: String(part), section: p.section, topic: topic) { topic = s }
            }
            out += comparisons(in: sentenceText, at: sentence.range.lowerBound, section: p.section, topic: topic,
                               location: location)
        }
        return out
    }

    /// "决算数与预算数持平", "与上年持平", "与2020年持平": comparisons without figures. Template
    /// alternatives "（或…）" are not read.
    func comparisons(in sentenceText: String, at offset: Int, section: NarrativeSection, topic: ClaimSubject?,
                     location: (Range<Int>) -> ClaimLocation) -> [Claim] {
        let cleaned = Self.maskingAlternatives(sentenceText)
        var found: [(Range<String.Index>, Comparison)] = []
        for (phrase, cmp) in Self.comparisonPhrases {
            // "决算数与预算数持平" also contains "与预算数持平": one claim per comparison.
            guard !found.contains(where: { $0.1 == cmp }), let r = cleaned.range(of: phrase) else { continue }
            found.append((r, cmp))
        }
        if !found.contains(where: { $0.1 == .priorYearEqual }), let r = Self.yearEqualPhrase(in: cleaned) {
            found.append((r, .priorYearEqual))
        }
        return found.map { r, cmp in
            let lo = offset + cleaned.distance(from: cleaned.startIndex, to: r.lowerBound)
            let hi = offset + cleaned.distance(from: cleaned.startIndex, to: r.upperBound)
            let before = String(cleaned[cleaned.startIndex..<r.lowerBound])
            let lastClause = before.split(whereSeparator: { Self.clauseDelimiters.contains($0) }).last.map(String.init) ?? ""
            let subject = recognizer.subject(in: lastClause, section: section, topic: topic) ?? topic ?? .unrecognized(before)
            var q = ClaimQualifiers()
            q.label = String(cleaned[r])
            return Claim(kind: .comparison(cmp), subject: subject, value: 0, decimals: 0, unit: .none,
                         location: location(lo..<hi), qualifiers: q)
        }
    }

    /// "与2020年持平" / "与2020年度持平".
    static func yearEqualPhrase(in s: String) -> Range<String.Index>? {
        var search = s.startIndex..<s.endIndex
        while let r = s.range(of: "与20", range: search) {
            let tail = s[r.lowerBound...].prefix(9)
            for candidate in [tail.prefix(8), tail.prefix(9)] where candidate.hasSuffix("年持平") || candidate.hasSuffix("年度持平") {
                let digits = candidate.dropFirst().prefix(4)
                if digits.count == 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
                    return r.lowerBound..<s.index(r.lowerBound, offsetBy: candidate.count)
                }
            }
            search = r.upperBound..<s.endIndex
        }
        return nil
    }

    /// Kind of a figure from the words right before it.
    static func classify(label: String, unit: ClaimUnit)
        -> (kind: ClaimKind, change: (word: String, direction: ChangeDirection)?, denominatorWords: String, percentMissing: Bool) {
        let change = changeWords.last { label.contains($0.0) }.map { (word: $0.0, direction: $0.1) }
        if let zhan = label.range(of: "占", options: .backwards), unit == .percent || unit == .none {
            return (.share(of: nil), nil, String(label[zhan.upperBound...]), unit == .none)
        }
        if label.contains("完成预算") || label.contains("预算完成") { return (.completionRate, nil, "", false) }
        if let change, unit == .percent || unit.isMoney {
            let kind: ClaimKind = unit == .percent ? .changePercent(direction: change.direction) : .changeAmount(direction: change.direction)
            return (kind, change, "", false)
        }
        if unit.isMoney || unit == .percent || unit == .none { return (.amount, nil, "", false) }
        return (.count, nil, "", false)
    }

    /// The sentence with "（或…）" alternatives blanked out (same length, so offsets hold).
    static func maskingAlternatives(_ s: String) -> String {
        var chars = Array(s)
        var i = 0
        while i + 1 < chars.count {
            if chars[i] == "（", chars[i + 1] == "或", let close = chars[i...].firstIndex(of: "）") {
                for k in i...close { chars[k] = "□" }
                i = close + 1
            } else { i += 1 }
        }
        return String(chars)
    }

    /// In the 附件: a project's 全年预算数 / 执行数 / 完成预算 sentence, and restatements of the
    /// unit's totals in the overall performance report.
    func attachmentClaims(in p: NarrativeParagraph) -> [Claim] {
        let n = TextNormalizer.normalize(p.text)
        let chars = n.normalized
        let text = n.text
        if text.contains("预算数"), text.contains("执行数") {
            // "2.上级就业创业补助资金。项目全年预算数1568.01万元，执行数为1568.01万元，完成预算的100%。"
            let sentences = Self.sentences(chars)
            guard let first = sentences.first else { return [] }
            var name = String(chars[first.range]).trimmingCharacters(in: CharacterSet(charactersIn: "。 "))
            while let c = name.first, c.isNumber || ".、．（）) ".contains(c) { name.removeFirst() }
            if name.contains("预算数") { name = "" }
            var out: [Claim] = []
            for sentence in sentences {
                let originalSentenceRange = n.originalRange(sentence.range)
                let originalSentence = String(n.original[originalSentenceRange])
                var cursor = sentence.range.lowerBound
                for fig in FigureScanner.figures(in: chars, range: sentence.range) {
                    let label = String(chars[Self.labelStart(chars, before: fig.range.lowerBound, floor: cursor)..<fig.range.lowerBound])
                    cursor = fig.range.upperBound
                    let subject: ClaimSubject
                    var kind = ClaimKind.amount
                    if label.contains("预算数") { subject = .projectBudget(name) }
                    else if label.contains("执行数") { subject = .projectExecution(name) }
                    else if label.contains("完成预算") { subject = .projectExecution(name); kind = .completionRate }
                    else { continue }
                    let o = n.originalRange(fig.range)
                    var q = ClaimQualifiers(); q.label = label
                    out.append(Claim(kind: kind, subject: subject, value: fig.value, decimals: fig.decimals, unit: fig.unit,
                                     location: ClaimLocation(paragraph: p.index, section: p.section, sentence: originalSentence,
                                                             figureRange: (o.lowerBound - originalSentenceRange.lowerBound)..<(o.upperBound - originalSentenceRange.lowerBound),
                                                             figureText: String(n.original[o])),
                                     qualifiers: q))
                }
            }
            return out
        }
        // Restatements: only unambiguous totals, as amounts.
        let restated: Set<ClaimSubject> = [.totalIncome, .totalExpenditure, .expenditure(.basic),
                                           .expenditure(.project), .personnel, .publicFunds]
        return claims(in: NarrativeParagraph(index: p.index, text: p.text, isTableCell: p.isTableCell,
                                             section: .expenditure, isHeading: false))
            .filter { $0.kind == .amount && restated.contains($0.subject) }
            .map { c in
                var c = c
                c.location.section = .attachment
                c.qualifiers.isRestatement = true
                return c
            }
    }
}
