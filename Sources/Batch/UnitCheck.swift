import Foundation
import OOXML
import Reconcile

/// The check of one written workbook through the same calls as `juesuan check`: read the tables
/// back (TableLocator), evaluate every rule of domain §4 (TableRuleEvaluator), and report in the
/// juesuan-check/1 JSON (CheckReport, docs/check-json.md).
public enum WorkbookCheck {
    /// Findings for the workbook at `path`; `name` is how findings and the report name it.
    public static func findings(workbook path: String, name: String) -> [Finding] {
        let reader: WorkbookReader
        do {
            reader = try WorkbookReader.open(path: path)
        } catch {
            return [Finding(rule: "读取.工作簿", severity: .error, location: .file(name),
                            message: "工作簿 \(name) 无法打开：\(error.description)")]
        }
        let read = TableLocator.read(reader: reader, workbook: name)
        return read.problems + TableRuleEvaluator(read: read).evaluate()
    }

    /// The check report of a workbook, with findings found elsewhere (consolidation) first.
    public static func report(workbook path: String, name: String, extraFindings: [Finding] = []) -> CheckReport {
        CheckReport(workbook: name, narrative: nil, findings: extraFindings + findings(workbook: path, name: name), claims: nil)
    }
}
