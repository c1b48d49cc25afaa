import Accounts
@testable import Batch
import Foundation
import Reconcile
import TableSet
import Testing

/// The consolidated workbook's check file is written while the rules run one by one: it must be
/// the very file the whole report would give.
@Suite final class RuleByRuleCheckTests {
    let root = NSTemporaryDirectory() + "juesuan-rule-by-rule-" + UUID().uuidString

    deinit { try? FileManager.default.removeItem(atPath: root) }

    static let mixed: [Finding] = [
        Finding(rule: "汇总.内部补助抵销", severity: .error, location: .file("dept.yaml"), message: "两方不等",
                expected: "1元", found: "2元"),
        Finding(rule: "T1.收入总计", severity: .hint, location: .cells(sheet: "收入支出决算总表", cells: ["C6", "C33"], table: .t01),
                message: "尾差 \"引号\" 与 \\ 反斜杠\n换行"),
        Finding(rule: "T2.类款项", severity: .error, location: .table(.t02), message: "不等", explanation: "已说明"),
        Finding(rule: "T3.类款项", severity: .error, location: .table(.t03), message: "不等"),
    ]

    @Test func findingsHandedOverOneByOneGiveTheReportsBytesAndCounts() throws {
        for findings in [Self.mixed, []] {
            let report = CheckReport(workbook: "901-汇总.xlsx", narrative: nil, findings: findings, claims: nil)
            var streamed = Data()
            let counts = try CheckReport.streamJSON(workbook: "901-汇总.xlsx", narrative: nil, claims: nil,
                                                    findings: { each in for f in findings { try each(f) } },
                                                    { streamed.append(contentsOf: $0.utf8) })
            #expect(streamed == (try report.jsonData()))
            #expect(counts.errors == report.errors && counts.hints == report.hints && counts.explained == report.explained)
            #expect(counts.unexplainedErrors == report.unexplainedErrors)
        }
        #expect(Self.mixed.count == 4)
    }

    @Test func ruleByRuleFindingsAreTheWholeCheckInOrder() throws {
        let catalogue = try SubjectCatalogue.builtin2021()
        let dept = try SyntheticDepartment(units: 3, seed: 21, catalogue: catalogue).write(to: root + "/dept", catalogue: catalogue)
        let report = try BatchRunner(options: BatchOptions(departmentFile: dept, outputDirectory: root + "/out", jobs: 1),
                                     catalogue: catalogue).run()
        #expect(report.consolidated.status == .succeeded)
        let workbook = root + "/out/901-汇总.xlsx"
        let before = [Self.mixed[0]]
        let whole = WorkbookCheck.report(workbook: workbook, name: "汇总", extraFindings: before).findings
        var oneByOne: [Finding] = []
        try WorkbookCheck.eachFinding(workbook: workbook, name: "汇总", before: before) { oneByOne.append($0) }
        #expect(whole.count > 1 && oneByOne == whole)
        // The check file the batch wrote is the whole report's JSON.
        let written = try Data(contentsOf: URL(fileURLWithPath: root + "/out/901-汇总.check.json"))
        let expected = try CheckReport(workbook: "901-汇总.xlsx", narrative: nil,
                                       findings: WorkbookCheck.findings(workbook: workbook, name: "901-汇总.xlsx"), claims: nil).jsonData()
        #expect(written == expected + Data("\n".utf8))
        // A workbook that cannot be opened: the findings before, then one error.
        var broken: [Finding] = []
        try WorkbookCheck.eachFinding(workbook: root + "/没有.xlsx", name: "没有", before: before) { broken.append($0) }
        #expect(broken.count == 2 && broken[0] == before[0] && broken[1].rule == "读取.工作簿")
    }
}
