import Foundation
import Testing
import Accounts
import OOXML
import Narrative
@testable import TableSet
@testable import Reconcile

/// An annotated workbook checked again: same tables, same findings, and explained errors do not fail.
@Suite struct RecheckTests {
    static func findings(_ read: TableReadResult) throws -> (findings: [Finding], claims: ClaimCheckResult) {
        let naming = CatalogueSubjectNaming(try SubjectCatalogue.builtin2021())
        let doc = try NarrativeDocument.load(path: SampleNarrative.docx)
        let claims = ClaimExtractor(naming: naming).claims(in: doc)
        let checked = ClaimChecker(tables: read.tables, sources: read.sources, accounts: try SampleExport.accounts()).check(claims)
        let all = read.problems + TableRuleEvaluator(read: read).evaluate() + NarrativeChecker(naming: naming).check(doc, claims: claims) + checked.findings
        return (FindingMerge.merge(all), checked)
    }

    @Test func explainedErrorsOfAnAnnotatedWorkbookExitZero() throws {
        let workbook = try SampleExport.workbook()
        let first = try Self.findings(try TableLocator.read(workbook: workbook))
        let errors = first.findings.filter { $0.severity == .error }
        #expect(errors.count == 2)
        let annotated = try SampleExport.scratch("核对.xlsx")
        try Annotator.annotate(workbook: workbook, findings: first.findings, output: annotated, overwrite: false)

        // The reviewer explains every error in the 说明 column of the 核对结果 sheet.
        let sheet = try WorkbookReader.open(path: annotated).sheet(named: "核对结果")
        var typed: [String: String] = [:]
        for cell in sheet.cells where cell.address.column == ResultsSheet.keyColumn {
            if errors.contains(where: { $0.key == cell.value.string }) {
                typed[SheetGrid.a1(row: cell.address.row, column: ResultsSheet.explanationColumn)] = "已核实，附件数字为笔误"
            }
        }
        #expect(typed.count == 2)
        let explained = try SampleExport.scratch("已说明.xlsx")
        try typeExplanations(into: annotated, to: explained, typed)

        // Checked again: the tables read back as before, the findings are the same, and now explained.
        let read = try TableLocator.read(workbook: explained)
        #expect(read.tables.keys.sorted { $0.rawValue < $1.rawValue } == (try TableLocator.read(workbook: workbook)).tables.keys.sorted { $0.rawValue < $1.rawValue })
        let again = try Self.findings(read)
        #expect(again.findings.map(\.key) == first.findings.map(\.key))
        let applied = applyExplanations(try ExplanationReader.read(workbook: explained), to: again.findings)
        let report = CheckReport(workbook: explained, narrative: SampleNarrative.docx, findings: applied, claims: again.claims)
        #expect(report.errors == 2 && report.explained == 2 && report.unexplainedErrors == 0 && report.exitStatus == 0)
        #expect(report.terminalSummary().contains("错误均已说明。"))
        // Without the explanations the same workbook fails.
        let plain = CheckReport(workbook: annotated, narrative: nil, findings: again.findings, claims: nil)
        #expect(plain.exitStatus == 1)
    }
}
