import Foundation

/// One defect, one finding. The narrative checker (N.*) and claim binding (C.*) can both notice that a
/// narrative figure is wrong: N.* by comparing the narrative with itself, C.* by comparing it with the
/// tables. Findings on the same figure of the same sentence that speak of the same kind of quantity are
/// merged into one, keeping the more informative and naming the other as further evidence.
public enum FindingMerge {
    /// What a rule says about a figure; rules without a kind are never merged.
    static func kind(_ rule: String) -> String? {
        let kinds: [(prefixes: [String], kind: String)] = [
            (["C.金额", "N.duplicate", "N.unit.yuan"], "金额"),
            (["C.占比", "N.share"], "占比"),
            (["C.增减额", "C.增减率", "N.change"], "增减"),
            (["C.完成预算", "C.预算比较", "N.completion"], "完成预算"),
            (["C.数量"], "数量"),
        ]
        for entry in kinds where entry.prefixes.contains(where: { rule == $0 || rule.hasPrefix($0 + ".") }) {
            return entry.kind
        }
        return nil
    }

    /// The merge key: narrative place, the figure as written, and the kind of statement.
    static func key(_ f: Finding) -> String? {
        guard case let .narrative(section, paragraph, _, figure?) = f.location, let kind = kind(f.rule) else { return nil }
        return "\(section)|\(paragraph)|\(figure)|\(kind)"
    }

    /// Which of two findings on one figure to keep: the more severe; on a tie the one checked against the
    /// tables (C.*), since it names the cells; otherwise the first.
    static func prefer(_ a: Finding, over b: Finding) -> Bool {
        if a.severity != b.severity { return a.severity < b.severity }
        return a.rule.hasPrefix("C.") && !b.rule.hasPrefix("C.")
    }

    /// Findings with duplicates merged, in the order of first appearance.
    public static func merge(_ findings: [Finding]) -> [Finding] {
        var out: [Finding] = []
        var slot: [String: Int] = [:]
        for f in findings {
            guard let key = key(f) else { out.append(f); continue }
            guard let i = slot[key] else { slot[key] = out.count; out.append(f); continue }
            let (kept, other) = prefer(f, over: out[i]) ? (f, out[i]) : (out[i], f)
            out[i] = combined(kept, with: other)
        }
        return out
    }

    /// The kept finding, its message noting the other rule's evidence; a reviewer's explanation of
    /// either finding stays with it.
    static func combined(_ kept: Finding, with other: Finding) -> Finding {
        var f = kept
        f.message += "（另见 \(other.rule)：\(other.message)）"
        if f.expected == nil { f.expected = other.expected }
        if f.found == nil { f.found = other.found }
        if (f.explanation ?? "").isEmpty { f.explanation = other.explanation }
        return f
    }
}
