import Foundation
import Mustache
import OOXML
import TableSet

/// The reviewer-facing HTML page of `juesuan check`: one self-contained file (inline CSS, no scripts,
/// no external resources), in Chinese. Every text from the user's files is escaped by the template.
public enum HTMLReport {
    public static func render(_ input: ReportInput) throws -> String {
        let template: MustacheTemplate
        do {
            template = try MustacheTemplate(string: htmlReportTemplate)
        } catch {
            throw ReportError.template(String(describing: error))
        }
        return template.render(viewModel(input))
    }

    /// Renders the page and writes it atomically (UTF-8); refuses an existing file unless `overwrite`.
    public static func write(_ input: ReportInput, to path: String, overwrite: Bool) throws {
        if FileManager.default.fileExists(atPath: path) && !overwrite { throw ReportError.outputExists(path) }
        try writeFileAtomically(Data(try render(input).utf8), to: path, overwrite: overwrite)
    }

    /// The data the template reads: dictionaries and arrays only, so the template stays logic-free.
    /// Findings come in three parts, in the order a reviewer acts on them: errors to correct, errors
    /// (and hints) already explained, then hints; each part grouped by where the finding is.
    static func viewModel(_ input: ReportInput) -> [String: Any] {
        let explainedFindings = input.findings.filter { $0.explanation != nil }
        let errorFindings = input.findings.filter { $0.explanation == nil && $0.severity == .error }
        let hintFindings = input.findings.filter { $0.explanation == nil && $0.severity == .hint }
        let gaps = hintFindings.filter(CheckReport.isRoundingGap).count
        let errors = errorFindings.count, hints = hintFindings.count, explained = explainedFindings.count
        let levels: [(id: String, title: String, lead: String, findings: [Finding], open: Bool)] = [
            ("errors", "错误：须更正", "表格之间、说明与表格之间不可能同时正确的数字。请按位置逐项更正，或在标注工作簿的“核对结果”表中写明原因。",
             errorFindings, true),
            ("explained", "已说明", "审核人已在“核对结果”表中写了出错说明的项目，请确认说明是否成立。", explainedFindings, true),
            ("hints", "提示：请酌情核对", "尾差（四舍五入造成的差额）、截尾、措辞等，本身不算错；点开一项可看详情。", hintFindings, false),
        ]
        var sections: [[String: Any]] = []
        for level in levels where !level.findings.isEmpty || level.id == "errors" {
            let groups = FindingSection.group(level.findings).enumerated().map { (index, group) -> [String: Any] in
                [
                    "title": group.title,
                    "anchor": "\(level.id)-\(index + 1)",
                    "count": group.findings.count,
                    "findings": group.findings.map {
                        findingModel($0, tableValues: input.tableValues[$0.key] ?? [], open: level.open)
                    },
                ]
            }
            sections.append([
                "id": level.id, "title": level.title, "lead": level.lead, "count": level.findings.count,
                "groups": groups, "empty": level.findings.isEmpty,
            ])
        }
        var model: [String: Any] = [
            "title": input.title,
            "workbookPath": input.workbookPath,
            "errors": errors,
            "hints": hints,
            "gaps": gaps,
            "hasGaps": gaps > 0,
            "explained": explained,
            "total": input.findings.count,
            "claimsFound": input.claimsFound,
            "claimsBound": input.claimsBound,
            "claimsUnbound": input.unbound.count,
            "sections": sections,
            "noFindings": input.findings.isEmpty,
            "hasUnbound": !input.unbound.isEmpty,
            "verdict": errors > 0 ? "发现 \(errors) 处错误，请先逐项更正（见下方“错误”部分）" : "未发现需要更正的错误",
            "verdictClass": errors > 0 ? "bad" : "good",
            "unbound": input.unbound.map { claim -> [String: Any] in
                let parts = SentenceHighlight(sentence: claim.sentence, figure: claim.figure)
                var item: [String: Any] = [
                    "before": parts.before, "after": parts.after, "figure": claim.figure, "reason": claim.reason,
                    "mark": false, "section": "",
                ]
                if !parts.mark.isEmpty { item["mark"] = parts.mark }
                if let section = claim.section { item["section"] = section }
                return item
            },
        ]
        if let narrative = input.narrativePath { model["narrativePath"] = narrative }
        return model
    }
}

/// A sentence split around the figure it quotes, so the template can escape each part and wrap the
/// figure in <mark> (escaping happens before highlighting, never on already-built HTML).
struct SentenceHighlight: Equatable {
    var before: String
    var mark: String
    var after: String

    /// Finds the figure's first occurrence that is not part of a longer number (so "7.5" is not marked
    /// inside "17.58"). When the sentence writes the figure with thousands separators and the figure
    /// has none (or the reverse), the sentence's own spelling is marked. No match: nothing is marked.
    init(sentence: String, figure: String?) {
        before = sentence; mark = ""; after = ""
        guard let figure, !figure.isEmpty, let range = Self.locate(figure, in: sentence) else { return }
        before = String(sentence[..<range.lowerBound])
        mark = String(sentence[range])
        after = String(sentence[range.upperBound...])
    }

    static func locate(_ figure: String, in sentence: String) -> Range<String.Index>? {
        if let exact = firstStandalone(figure, in: sentence) { return exact }
        // Compare with thousands separators removed on both sides.
        let plain = figure.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "，", with: "")
        let chars = Array(sentence.indices)
        for start in chars.indices where isNumberChar(sentence[chars[start]]) {
            if start > 0, isNumberChar(sentence[chars[start - 1]]) { continue }
            var end = start
            var digits = ""
            while end < chars.count, isNumberChar(sentence[chars[end]]) || sentence[chars[end]] == "," {
                if sentence[chars[end]] != "," { digits.append(sentence[chars[end]]) }
                end += 1
            }
            // A trailing separator belongs to the sentence, not the number.
            while end > start, sentence[chars[end - 1]] == "," { end -= 1 }
            if digits == plain, end > start {
                let upper = end < chars.count ? chars[end] : sentence.endIndex
                return chars[start]..<upper
            }
        }
        return nil
    }

    private static func firstStandalone(_ figure: String, in sentence: String) -> Range<String.Index>? {
        var searchStart = sentence.startIndex
        let numeric = figure.first.map(isNumberChar) ?? false
        while let range = sentence.range(of: figure, range: searchStart..<sentence.endIndex) {
            let beforeOK = range.lowerBound == sentence.startIndex || !numeric
                || !isNumberChar(sentence[sentence.index(before: range.lowerBound)])
            let afterOK = range.upperBound == sentence.endIndex || !(figure.last.map(isNumberChar) ?? false)
                || !isDigitContinuation(sentence, at: range.upperBound)
            if beforeOK && afterOK { return range }
            searchStart = sentence.index(after: range.lowerBound)
        }
        return nil
    }

    private static func isNumberChar(_ c: Character) -> Bool { c.isASCII && (c.isNumber || c == ".") }

    /// A digit follows, or a decimal point followed by a digit (a "." ending a sentence does not count).
    private static func isDigitContinuation(_ s: String, at i: String.Index) -> Bool {
        let c = s[i]
        if c.isASCII && c.isNumber { return true }
        guard c == "." || c == ",", s.index(after: i) < s.endIndex else { return false }
        let next = s[s.index(after: i)]
        return next.isASCII && next.isNumber
    }
}

