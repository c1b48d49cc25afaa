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
    static func viewModel(_ input: ReportInput) -> [String: Any] {
        let explained = input.findings.filter { $0.explanation != nil }.count
        let errors = input.findings.filter { $0.explanation == nil && $0.severity == .error }.count
        let hints = input.findings.filter { $0.explanation == nil && $0.severity == .hint }.count
        let sections = FindingSection.group(input.findings).map { section -> [String: Any] in
            let errorCount = section.findings.filter { $0.severity == .error && $0.explanation == nil }.count
            return [
                "title": section.title,
                "kind": section.kind,
                "count": section.findings.count,
                "errorCount": errorCount,
                "findings": section.findings.map { findingModel($0, tableValues: input.tableValues[$0.key] ?? []) },
            ]
        }
        var model: [String: Any] = [
            "title": input.title,
            "workbookPath": input.workbookPath,
            "errors": errors,
            "hints": hints,
            "explained": explained,
            "total": input.findings.count,
            "claimsFound": input.claimsFound,
            "claimsBound": input.claimsBound,
            "claimsUnbound": input.unbound.count,
            "sections": sections,
            "noFindings": input.findings.isEmpty,
            "hasUnbound": !input.unbound.isEmpty,
            "verdict": errors > 0 ? "发现 \(errors) 处错误，请逐项核对" : "未发现需要更正的错误",
            "verdictClass": errors > 0 ? "bad" : "good",
            "unbound": input.unbound.map { claim -> [String: Any] in
                let parts = SentenceHighlight(sentence: claim.sentence, figure: claim.figure)
                var item: [String: Any] = [
                    "before": parts.before, "after": parts.after, "figure": claim.figure, "reason": claim.reason,
                ]
                if !parts.mark.isEmpty { item["mark"] = parts.mark }
                if let section = claim.section { item["section"] = section }
                return item
            },
        ]
        if let narrative = input.narrativePath { model["narrativePath"] = narrative }
        return model
    }

    static func findingModel(_ finding: Finding, tableValues: [TableValue]) -> [String: Any] {
        var item: [String: Any] = [
            "rule": finding.rule,
            "severity": finding.severity.label,
            "severityClass": finding.severity == .error ? "error" : "hint",
            "location": finding.location.text,
            "message": finding.message,
            "key": finding.key,
        ]
        if let expected = finding.expected { item["expected"] = expected }
        if let found = finding.found { item["found"] = found }
        if finding.expected != nil || finding.found != nil { item["hasComparison"] = true }
        if let explanation = finding.explanation { item["explanation"] = explanation }
        if case let .narrative(_, _, sentence, figure) = finding.location {
            let parts = SentenceHighlight(sentence: sentence, figure: figure)
            var quote: [String: Any] = ["before": parts.before, "after": parts.after]
            if !parts.mark.isEmpty { quote["mark"] = parts.mark }
            item["quote"] = quote
        }
        if !tableValues.isEmpty {
            item["hasTableValues"] = true
            item["tableValues"] = tableValues.map { ["label": $0.label, "value": $0.value] }
        }
        return item
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

/// One heading of the report: a table, a sheet, a narrative section, a data file or a whole file.
struct FindingSection {
    var title: String
    var kind: String
    var findings: [Finding]

    /// Tables in table order, then sheets not tied to a table, narrative sections in document order,
    /// data files and whole files. Findings keep the order the checks produced within a section.
    static func group(_ findings: [Finding]) -> [FindingSection] {
        var order: [(rank: [Int], key: String)] = []
        var sections: [String: FindingSection] = [:]
        for (index, finding) in findings.enumerated() {
            let (rank, key, title, kind) = placement(finding.location, index: index)
            if sections[key] == nil {
                sections[key] = FindingSection(title: title, kind: kind, findings: [])
                order.append((rank, key))
            } else if let at = order.firstIndex(where: { $0.key == key }), rank.lexicographicallyPrecedes(order[at].rank) {
                order[at].rank = rank
            }
            sections[key]?.findings.append(finding)
        }
        return order.sorted { a, b in
            a.rank == b.rank ? a.key < b.key : a.rank.lexicographicallyPrecedes(b.rank)
        }.compactMap { sections[$0.key] }
    }

    private static func placement(_ location: FindingLocation, index: Int) -> ([Int], String, String, String) {
        switch location {
        case let .cells(_, _, table?), let .table(table):
            return ([0, table.rawValue, 0], "table:\(table.rawValue)", "表\(table.rawValue)　\(table.title)", "表格")
        case let .cells(sheet, _, nil):
            return ([1, 0, index], "sheet:" + sheet, "工作表「\(sheet)」", "工作表")
        case let .narrative(section, paragraph, _, _):
            return ([2, paragraph, index], "narrative:" + section, "情况说明：\(section)", "情况说明")
        case let .dataFile(loc):
            return ([3, 0, index], "data:" + loc.file, "数据文件 \(loc.file)", "数据文件")
        case let .file(path):
            return ([4, 0, index], "file:" + path, "文件 \(path)", "文件")
        }
    }
}
