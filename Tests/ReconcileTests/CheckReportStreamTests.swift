import Accounts
import Foundation
import Narrative
import TableSet
import Testing
@testable import Reconcile

/// `streamJSON` must give exactly the bytes of `jsonData()` (JSONSerialization), so that check files
/// written by a batch do not change.
@Suite struct CheckReportStreamTests {
    func streamed(_ report: CheckReport) throws -> Data {
        var out = Data()
        try report.streamJSON { out.append(contentsOf: $0.utf8) }
        return out
    }

    @Test func sampleReportWithNarrativeClaimsIsByteIdentical() throws {
        let workbook = try SampleExport.workbook()
        let read = try TableLocator.read(workbook: workbook)
        let checked = ClaimChecker(tables: read.tables, sources: read.sources, accounts: try SampleExport.accounts())
            .check(try SampleNarrative.claims())
        let report = CheckReport(workbook: "sample.xlsx", narrative: "sample.docx",
                                 findings: read.problems + TableRuleEvaluator(read: read).evaluate() + checked.findings, claims: checked)
        #expect(!(report.claims?.unbound.isEmpty ?? true))
        #expect(try streamed(report) == report.jsonData())
    }

    @Test func everyLocationKindAndAwkwardTextIsByteIdentical() throws {
        // Every control character, quotes, backslashes, slashes, CJK and an emoji.
        let awkward = String((0..<32).map { Character(Unicode.Scalar($0)!) }) + "\"引号\" \\反斜杠\\ a/b </script> 😀 \u{7f}\u{2028}"
        let locations: [FindingLocation] = [
            .cells(sheet: awkward, cells: ["A1", "B2"], table: .t01), .cells(sheet: "表", cells: [], table: nil),
            .table(.t09), .narrative(section: awkward, paragraph: 3, sentence: awkward, figure: nil),
            .narrative(section: "一", paragraph: 1, sentence: "句", figure: "12.5"),
            .dataFile(SourceLocation(file: "units/a\\b.yaml", line: 42)), .file(awkward),
        ]
        var findings: [Finding] = []
        for (i, location) in locations.enumerated() {
            findings.append(Finding(rule: "R.\(i)", severity: i % 2 == 0 ? .error : .hint, location: location,
                                    message: awkward + String(i), expected: i % 3 == 0 ? nil : awkward,
                                    found: i % 2 == 0 ? "x" : nil, explanation: i == 1 ? awkward : nil))
        }
        for report in [CheckReport(workbook: awkward, narrative: nil, findings: findings, claims: nil),
                       CheckReport(workbook: nil, narrative: "说明.docx", findings: [], claims: nil)] {
            let got = try streamed(report), want = try report.jsonData()
            #expect(got == want, "\(String(decoding: got, as: UTF8.self))\n---\n\(String(decoding: want, as: UTF8.self))")
        }
    }
}
