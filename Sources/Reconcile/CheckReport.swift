import Foundation
import OOXML
import TableSet
import Narrative

/// The outcome of `juesuan check`: findings and the narrative's figures, rendered for the terminal
/// and as JSON (schema "juesuan-check/1", documented in docs/check-json.md).
public struct CheckReport: Sendable {
    public static let schema = "juesuan-check/1"

    public var workbook: String?
    public var narrative: String?
    public var findings: [Finding]
    /// Claims checked against the tables (nil without a narrative).
    public var claims: ClaimCheckResult?

    public init(workbook: String?, narrative: String?, findings: [Finding], claims: ClaimCheckResult?) {
        self.workbook = workbook; self.narrative = narrative; self.findings = findings; self.claims = claims
    }

    public var errors: Int { findings.filter { $0.severity == .error }.count }
    public var hints: Int { findings.filter { $0.severity == .hint }.count }
    /// Findings a reviewer explained (出错说明 read back from an annotated workbook).
    public var explained: Int { findings.filter { !($0.explanation ?? "").isEmpty }.count }

    // MARK: JSON

    /// Deterministic JSON: sorted keys, findings in check order.
    public func jsonData() throws -> Data {
        func opt(_ s: String?) -> Any { s.map { $0 as Any } ?? NSNull() }
        let findings: [[String: Any]] = self.findings.map { f in
            ["rule": f.rule, "severity": f.severity.rawValue, "location": Self.json(f.location), "message": f.message,
             "summary": f.summary, "expected": opt(f.expected), "found": opt(f.found), "explanation": opt(f.explanation)]
        }
        let unbound: [[String: Any]] = (claims?.unbound ?? []).map { b in
            ["sentence": b.claim.location.sentence, "figure": b.claim.location.figureText, "reason": b.reason ?? "",
             "section": b.claim.location.section.title, "paragraph": b.claim.location.paragraph]
        }
        let object: [String: Any] = [
            "schema": Self.schema,
            "workbook": opt(workbook),
            "narrative": opt(narrative),
            "summary": ["errors": errors, "hints": hints, "explained": explained, "unexplainedErrors": unexplainedErrors],
            "findings": findings,
            "claims": ["found": claims?.found ?? 0, "bound": claims?.bound.count ?? 0, "unbound": unbound],
        ]
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
    }

    static func json(_ location: FindingLocation) -> [String: Any] {
        var out: [String: Any] = ["text": location.text]
        switch location {
        case let .cells(sheet, cells, table):
            out["kind"] = "cells"; out["sheet"] = sheet; out["cells"] = cells
            out["table"] = table.map { $0.rawValue as Any } ?? NSNull()
        case let .table(id):
            out["kind"] = "table"; out["table"] = id.rawValue; out["tableTitle"] = id.title
        case let .narrative(section, paragraph, sentence, figure):
            out["kind"] = "narrative"; out["section"] = section; out["paragraph"] = paragraph
            out["sentence"] = sentence; out["figure"] = figure.map { $0 as Any } ?? NSNull()
        case let .dataFile(loc):
            out["kind"] = "dataFile"; out["file"] = loc.file; out["line"] = loc.line
        case let .file(path):
            out["kind"] = "file"; out["path"] = path
        }
        return out
    }

    /// Writes the JSON report atomically (an existing file is replaced).
    public func writeJSON(to path: String, overwrite: Bool) throws {
        var data = try jsonData()
        data.append(0x0A)
        try writeFileAtomically(data, to: path, overwrite: overwrite)
    }

    // MARK: terminal

    /// The group a finding is listed under: its table, its narrative section, or the file.
    static func group(_ f: Finding) -> (order: Int, title: String) {
        switch f.location {
        case let .cells(_, _, table?): return (table.rawValue, "表\(table.rawValue) \(table.title)")
        case let .table(id): return (id.rawValue, "表\(id.rawValue) \(id.title)")
        case let .narrative(section, _, _, _): return (100, "说明「\(section)」")
        case .cells: return (99, "工作簿")
        case .dataFile, .file: return (0, "文件")
        }
    }
}
