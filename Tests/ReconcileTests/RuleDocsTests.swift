import Foundation
import Testing
@testable import Reconcile

/// docs/check-rules.md lists every table rule with its description; it must not drift from the code.
@Suite struct RuleDocsTests {
    static func rulesTable() -> String {
        TableRuleEvaluator.rules.map { r in
            "| `\(r.id)` | \(r.description) | \(r.tables.map { "表\($0.rawValue)" }.joined(separator: "、")) |"
        }.joined(separator: "\n")
    }

    @Test func rulesDocumentListsEveryRule() throws {
        let path = SampleNarrative.root + "/docs/check-rules.md"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(Self.rulesTable()), "docs/check-rules.md is out of date; its table should read:\n\(Self.rulesTable())")
    }
}
