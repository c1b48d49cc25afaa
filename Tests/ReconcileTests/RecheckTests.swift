import Foundation
import Testing
import Accounts
import OOXML
import Narrative
@testable import TableSet
@testable import Reconcile

/// The whole check (CheckRun, as `juesuan check` runs it): an annotated workbook checked again, and
/// arguments that cannot be checked.
@Suite struct RecheckTests {
    static func run(_ workbook: String?, narrative: String? = SampleNarrative.docx) throws -> CheckReport {
        try CheckRun.run(workbook: workbook, narrative: narrative, accounts: try SampleExport.accounts(),
                         catalogue: try SubjectCatalogue.builtin2021())
    }

    @Test func explainedErrorsOfAnAnnotatedWorkbookExitZero() throws {
        let workbook = try SampleExport.workbook()
        let first = try Self.run(workbook)
        let errors = first.findings.filter { $0.severity == .error }
        #expect(errors.count == 2 && first.exitStatus == 1)
        let annotated = try SampleExport.scratch("核对.xlsx")
        try Annotator.annotate(workbook: workbook, findings: first.findings, output: annotated, overwrite: false)

        // Checked again without explanations: the same findings, still failing.
        let again = try Self.run(annotated)
        #expect(again.findings.map(\.key) == first.findings.map(\.key))
        #expect(again.exitStatus == 1 && again.explained == 0)

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

        // Checked once more: the same findings, the errors explained, exit status 0.
        let report = try Self.run(explained)
        #expect(report.findings.map(\.key) == first.findings.map(\.key))
        #expect(report.errors == 2 && report.explained == 2 && report.unexplainedErrors == 0 && report.exitStatus == 0)
        #expect(report.findings.filter { $0.severity == .error }.allSatisfy { $0.explanation == "已核实，附件数字为笔误" })
        #expect(report.terminalSummary().contains("错误均已说明。"))
    }

    @Test func argumentsThatCannotBeCheckedFailWithAMessage() throws {
        func failure(_ workbook: String) -> String? {
            do { _ = try Self.run(workbook, narrative: nil); return nil }
            catch let e as CheckFailure { return e.message } catch { return "\(error)" }
        }
        let dir = (try SampleExport.scratch("x") as NSString).deletingLastPathComponent
        #expect(failure(dir)?.contains("是一个目录，不是工作簿") == true)
        #expect(failure(SampleNarrative.docx)?.contains("请用 --narrative 指定") == true)
        let plain = SampleNarrative.root + "/Tests/OOXMLTests/Fixtures/spreadsheet/handmade-inline.xlsx"
        #expect(failure(plain)?.contains("的工作表「数据」中没有找到任何决算表") == true)
        let notZip = (dir as NSString).appendingPathComponent("坏.xlsx")
        try Data("不是工作簿".utf8).write(to: URL(fileURLWithPath: notZip))
        #expect(failure(notZip)?.hasPrefix("无法核对：无法打开工作簿") == true)
    }
}
