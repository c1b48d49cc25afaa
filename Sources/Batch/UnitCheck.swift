import Foundation
import OOXML
import Reconcile

/// The check of one written workbook through the same calls as `juesuan check`: read the tables
/// back (TableLocator), evaluate every rule of domain §4 (TableRuleEvaluator), and report in the
/// juesuan-check/1 JSON (CheckReport, docs/check-json.md).
public enum WorkbookCheck {
    /// Findings for the workbook at `path`; `name` is how findings and the report name it.
    public static func findings(workbook path: String, name: String) -> [Finding] {
        findings(workbook: path, name: name, before: [])
    }

    /// The findings after `before`. The rules' findings (a thousand and more for a consolidated
    /// workbook) are not copied into another array: the few others are inserted in front of them.
    static func findings(workbook path: String, name: String, before: [Finding]) -> [Finding] {
        let reader: WorkbookReader
        switch open(path, name: name) {
        case let .success(opened): reader = opened
        case let .failure(unopened): return before + [unopened.finding]
        }
        var findings: [Finding]
        let problems: [Finding]
        do {
            // The tables read back are let go of as soon as the rules have run.
            let read = TableLocator.read(reader: reader, workbook: name)
            problems = read.problems
            findings = TableRuleEvaluator(read: read).evaluate()
        }
        findings.insert(contentsOf: before + problems, at: 0)
        return findings
    }

    /// The same findings in the same order, handed to `each` one at a time: the rules run one by
    /// one and only one rule's findings are held at a time (a consolidated workbook has more than a
    /// thousand, which would otherwise all be held while its check file is written).
    static func eachFinding(workbook path: String, name: String, before: [Finding],
                            _ each: (Finding) throws -> Void) throws {
        for f in before { try each(f) }
        let reader: WorkbookReader
        switch open(path, name: name) {
        case let .success(opened): reader = opened
        case let .failure(unopened): return try each(unopened.finding)
        }
        let read = TableLocator.read(reader: reader, workbook: name)
        for f in read.problems { try each(f) }
        let evaluator = TableRuleEvaluator(read: read)
        for rule in TableRuleEvaluator.rules {
            for f in evaluator.evaluate([rule]) { try each(f) }
        }
    }

    /// A workbook that cannot be opened, as the one finding its check has.
    struct Unopened: Error { var finding: Finding }

    private static func open(_ path: String, name: String) -> Result<WorkbookReader, Unopened> {
        do {
            return .success(try WorkbookReader.open(path: path))
        } catch {
            return .failure(Unopened(finding: Finding(rule: "读取.工作簿", severity: .error, location: .file(name),
                                                      message: "工作簿 \(name) 无法打开：\(error.description)")))
        }
    }

    /// The check report of a workbook, with findings found elsewhere (consolidation) first.
    public static func report(workbook path: String, name: String, extraFindings: [Finding] = []) -> CheckReport {
        CheckReport(workbook: name, narrative: nil, findings: findings(workbook: path, name: name, before: extraFindings), claims: nil)
    }
}
