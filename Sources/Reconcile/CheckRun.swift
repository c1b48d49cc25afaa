import Foundation
import Accounts
import TableSet
import Narrative

/// Why `juesuan check` could not check (exit status 2): a Chinese message naming the file.
public struct CheckFailure: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
    public init(_ message: String) { self.message = message }
}

/// The whole check of `juesuan check`: tables, their rules, the narrative's own checks, its figures
/// against the tables, one finding per defect, and a reviewer's explanations read back.
public enum CheckRun {
    public static func run(workbook: String?, narrative: String?, accounts: UnitAccounts?,
                           catalogue: SubjectCatalogue) throws(CheckFailure) -> CheckReport {
        var findings: [Finding] = []
        var read: TableReadResult?
        if let workbook {
            if let problem = CheckInputs.workbookProblem(workbook) { throw CheckFailure("无法核对：\(problem)") }
            do { read = try TableLocator.read(workbook: workbook) } catch { throw CheckFailure("无法核对：\(error)") }
            if let read, read.tables.isEmpty {
                // Unreadable sheets (hostile XML, cell limits) explain the absence better than the titles do.
                let unreadable = read.problems.filter { $0.rule == "读取.工作表" }.map(\.message)
                if !unreadable.isEmpty { throw CheckFailure("无法核对：" + unreadable.joined(separator: "\n")) }
                let titles = TableID.allCases.prefix(3).map(\.title).joined(separator: "、")
                let sheets = read.sheetNames.prefix(5).map { "「\($0)」" }.joined(separator: "、") + (read.sheetNames.count > 5 ? "等" : "")
                throw CheckFailure("无法核对：工作簿 \(workbook) 的工作表\(sheets)中没有找到任何决算表（按表名查找，如“\(titles)”）。"
                                   + "决算表的表名应写在工作表的前几行。")
            }
            if let read { findings += read.problems + TableRuleEvaluator(read: read).evaluate() }
        }

        var claims: ClaimCheckResult?
        if let narrative {
            let doc: NarrativeDocument
            do { doc = try NarrativeDocument.load(path: narrative) } catch {
                // Narrative errors already name the file; do not say it twice.
                let text = "\(error)"
                throw CheckFailure(text.contains(narrative) ? text : "无法读取决算情况说明 \(narrative)：\(text)")
            }
            let naming = CatalogueSubjectNaming(catalogue)
            let extracted = ClaimExtractor(naming: naming).claims(in: doc)
            findings += NarrativeChecker(naming: naming).check(doc, claims: extracted)
            if let read {
                let checked = ClaimChecker(tables: read.tables, sources: read.sources, accounts: accounts).check(extracted)
                findings += checked.findings
                claims = checked
            } else {
                claims = ClaimCheckResult(bindings: extracted.map {
                    ClaimBinding(claim: $0, target: nil, reason: "未提供工作簿，无法与表格核对", cell: nil)
                }, findings: [])
            }
        }

        // Explanations a reviewer wrote into an annotated workbook (核对结果 sheet) travel with the findings.
        // Applied before merging, so that an explanation written under either rule of a merged pair counts.
        if let workbook {
            do {
                let explanations = try ExplanationReader.read(workbook: workbook)
                if !explanations.isEmpty { findings = applyExplanations(explanations, to: findings) }
            } catch {
                findings.append(Finding(rule: "读取.出错说明", severity: .hint, location: .file(workbook),
                                        message: "未能读取“\(ResultsSheet.name)”表中的出错说明：\(error)",
                                        summary: "未能读取“\(ResultsSheet.name)”表中的出错说明"))
            }
        }
        // A figure both checks found wrong is one defect, reported once.
        findings = FindingMerge.merge(findings)
        return CheckReport(workbook: workbook, narrative: narrative, findings: findings, claims: claims)
    }
}
