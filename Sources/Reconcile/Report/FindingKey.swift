import Foundation

/// Stable identity of a finding across runs, and explanations (出错说明) applied by it.
extension Finding {
    /// Rule id and location text (plus the quoted figure for a narrative sentence, so two findings of
    /// one rule in one paragraph stay apart). Written into the 核对结果 sheet's 键 column so a reviewer's
    /// explanation can be matched back after the workbook was re-saved by Excel, WPS or LibreOffice.
    public var key: String {
        var key = rule + " @ " + location.text
        if case let .narrative(_, _, _, figure?) = location { key += " @ " + figure }
        return key
    }
}

/// Findings with `explanation` set where a non-empty explanation exists under their key.
/// Findings without one are returned unchanged (an earlier explanation on the finding is kept).
public func applyExplanations(_ explanations: [String: String], to findings: [Finding]) -> [Finding] {
    findings.map { finding in
        var finding = finding
        let text = explanations[finding.key]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if !text.isEmpty { finding.explanation = text }
        return finding
    }
}
