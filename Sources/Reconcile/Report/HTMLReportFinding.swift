import Foundation
import TableSet

extension HTMLReport {
    /// One finding for the template: a one-line heading (severity, place, short text) and the details a
    /// reviewer needs to act: where exactly, what is written against what it should be, the quoted
    /// sentence with the figure marked, the full message (a sum's parts listed), the table values.
    static func findingModel(_ finding: Finding, tableValues: [TableValue], open: Bool) -> [String: Any] {
        let explained = finding.explanation != nil
        var item: [String: Any] = [
            "rule": finding.rule,
            "severity": finding.severity.label,
            "severityClass": finding.severity == .error ? "error" : "hint",
            "summary": finding.summary,
            "place": shortPlace(finding.location),
            "location": finding.location.text,
            "key": finding.key,
            "open": open,
            "explained": explained,
        ]
        // Every key a section tag tests is set: Mustache looks a missing key up in the enclosing
        // contexts, where the page's counts ("explained") would otherwise answer.
        for key in ["explanation", "hasParts", "cells", "quote", "plainLocation", "hasCompare", "hasTableValues"] {
            item[key] = false
        }
        if let explanation = finding.explanation { item["explanation"] = explanation }

        let message = MessageParts(finding.message)
        // The long message, unless the rule wrote nothing longer than the heading line.
        item["message"] = message.head == finding.summary && message.parts.isEmpty ? false : message.head
        if !message.parts.isEmpty {
            item["hasParts"] = true
            item["parts"] = message.parts.map { ["text": $0] }
        }

        switch finding.location {
        case let .cells(sheet, cells, _):
            var cellsModel: [String: Any] = ["sheet": sheet, "first": cells.first ?? "", "others": false]
            if cells.count > 1 { cellsModel["others"] = cells.dropFirst().joined(separator: "、") }
            item["cells"] = cellsModel
        case let .narrative(section, paragraph, sentence, figure):
            let parts = SentenceHighlight(sentence: sentence, figure: figure)
            var quote: [String: Any] = ["before": parts.before, "after": parts.after,
                                        "section": section, "paragraph": paragraph, "mark": false]
            if !parts.mark.isEmpty { quote["mark"] = parts.mark }
            item["quote"] = quote
        case .table, .dataFile, .file:
            item["plainLocation"] = finding.location.text
        }

        // What is written against what it should be, labelled by where each side comes from.
        var compare: [[String: String]] = []
        if let found = finding.found { compare.append(["label": foundLabel(finding), "value": found, "class": "found"]) }
        if let expected = finding.expected { compare.append(["label": "应为", "value": expected, "class": "expected"]) }
        if !compare.isEmpty { item["compare"] = compare; item["hasCompare"] = true }

        if !tableValues.isEmpty {
            item["hasTableValues"] = true
            item["tableValues"] = tableValues.map { ["label": $0.label, "value": $0.value] }
        }
        return item
    }

    /// The place in the heading line: the first cell (the one to correct first), a paragraph, a table.
    static func shortPlace(_ location: FindingLocation) -> String {
        switch location {
        case let .cells(_, cells, _): return cells.first ?? ""
        case let .narrative(_, paragraph, _, _): return "第\(paragraph)段"
        case .table: return "整表"
        case let .dataFile(loc): return "第\(loc.line)行"
        case .file: return "文件"
        }
    }

    static func foundLabel(_ f: Finding) -> String {
        switch f.location {
        case .narrative: return "说明中写"
        case .cells, .table: return "表中为"
        case .dataFile, .file: return "实为"
        }
    }

}

/// A long message split into its sentence and the parts of a sum it lists after "各项：", one per
/// entry, so the report shows them as a list.
struct MessageParts {
    var head: String
    var parts: [String]

    init(_ message: String) {
        guard let r = message.range(of: "。各项：") else { head = message; parts = []; return }
        head = String(message[..<r.lowerBound]) + "。"
        // Entries are "表N…" separated by "，"; a "，" inside an entry is not followed by "表" and a digit.
        var entries: [String] = []
        var current = ""
        let rest = Array(message[r.upperBound...])
        for (i, ch) in rest.enumerated() {
            if ch == "，", i + 2 < rest.count, rest[i + 1] == "表", rest[i + 2].isASCII, rest[i + 2].isNumber {
                entries.append(current); current = ""
            } else {
                current.append(ch)
            }
        }
        if !current.isEmpty { entries.append(current) }
        parts = entries
    }
}

/// One heading of the report: a file, a table, a sheet, a narrative section or a data file.
struct FindingSection {
    var title: String
    var kind: String
    var findings: [Finding]

    /// Unreadable files first (nothing else can be trusted), then tables in table order, sheets not
    /// tied to a table, narrative sections in document order and data files. Within a narrative
    /// section findings go by paragraph; elsewhere they keep the order the checks produced.
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
        }.compactMap { sections[$0.key] }.map { section in
            var section = section
            section.findings = section.findings.enumerated().sorted { a, b in
                (paragraph(a.element), a.offset) < (paragraph(b.element), b.offset)
            }.map(\.element)
            return section
        }
    }

    private static func paragraph(_ f: Finding) -> Int {
        if case let .narrative(_, p, _, _) = f.location { return p }
        return 0
    }

    private static func placement(_ location: FindingLocation, index: Int) -> ([Int], String, String, String) {
        switch location {
        case let .file(path):
            return ([0, 0, index], "file:" + path, "文件 \(path)", "文件")
        case let .cells(_, _, table?), let .table(table):
            return ([1, table.rawValue, 0], "table:\(table.rawValue)", "表\(table.rawValue)　\(table.title)", "表格")
        case let .cells(sheet, _, nil):
            return ([2, 0, index], "sheet:" + sheet, "工作表「\(sheet)」", "工作表")
        case let .narrative(section, paragraph, _, _):
            return ([3, paragraph, index], "narrative:" + section, "情况说明：\(section)", "情况说明")
        case let .dataFile(loc):
            return ([4, 0, index], "data:" + loc.file, "数据文件 \(loc.file)", "数据文件")
        }
    }
}
