import Foundation
import OOXML
import Reconcile

/// The check of one written workbook, through Reconcile's reading and table rules (the same path
/// as `juesuan check`): read the tables back, then evaluate every rule of domain §4.
public enum WorkbookCheck {
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
}

/// The JSON written next to each workbook: the counts and every finding, values in Chinese.
struct CheckResultJSON: Encodable {
    struct Item: Encodable {
        var rule: String
        var severity: String
        var location: String
        var cells: [String]?
        var message: String
        var expected: String?
        var found: String?
    }
    var workbook: String
    var unitCode: String
    var unitName: String
    var errors: Int
    var hints: Int
    var findings: [Item]

    init(workbook: String, unitCode: String, unitName: String, findings: [Finding]) {
        self.workbook = workbook; self.unitCode = unitCode; self.unitName = unitName
        errors = findings.filter { $0.severity == .error }.count
        hints = findings.count - errors
        self.findings = findings.map { f in
            var cells: [String]? = nil
            if case let .cells(_, c, _) = f.location { cells = c }
            return Item(rule: f.rule, severity: f.severity.label, location: f.location.text, cells: cells,
                        message: f.message, expected: f.expected, found: f.found)
        }
    }

    func data() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
