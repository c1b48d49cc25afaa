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

    /// How many findings of each kind (the JSON summary's counts).
    public var counts: FindingCounts { findings.reduce(into: FindingCounts()) { $0.add($1) } }
    public var errors: Int { counts.errors }
    public var hints: Int { counts.hints }
    /// Findings a reviewer explained (出错说明 read back from an annotated workbook).
    public var explained: Int { counts.explained }

    // MARK: JSON

    /// Deterministic JSON: sorted keys, findings in check order. One encoder serves both this and
    /// the batch's streamed check files (CheckReportStream.swift).
    public func jsonData() throws -> Data {
        var out = Data()
        try streamJSON { out.append(contentsOf: $0.utf8) }
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
