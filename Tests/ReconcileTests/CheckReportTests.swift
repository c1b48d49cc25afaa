import Foundation
import Testing
import Accounts
import TableSet
import Narrative
@testable import Reconcile

@Suite struct CheckReportTests {
    func sampleReport() throws -> CheckReport {
        let workbook = try SampleExport.workbook()
        let read = try TableLocator.read(workbook: workbook)
        let claims = try SampleNarrative.claims()
        let checked = ClaimChecker(tables: read.tables, sources: read.sources, accounts: try SampleExport.accounts()).check(claims)
        let findings = read.problems + TableRuleEvaluator(read: read).evaluate() + checked.findings
        return CheckReport(workbook: "sample.xlsx", narrative: "sample.docx", findings: findings, claims: checked)
    }

    @Test func jsonFollowsTheDocumentedSchemaAndIsDeterministic() throws {
        let report = try sampleReport()
        let data = try report.jsonData()
        #expect(data == (try report.jsonData()))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["schema", "workbook", "narrative", "summary", "findings", "claims"])
        #expect(object["schema"] as? String == "juesuan-check/1")
        let summary = try #require(object["summary"] as? [String: Int])
        #expect(summary["errors"] == report.errors && summary["hints"] == report.hints && summary["explained"] == 0)
        #expect(report.errors == 1)
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.count == report.findings.count)
        for f in findings {
            #expect(Set(f.keys) == ["rule", "severity", "location", "message", "expected", "found", "explanation"])
            #expect(["error", "hint"].contains(f["severity"] as? String ?? ""))
            let location = try #require(f["location"] as? [String: Any])
            #expect(["cells", "table", "narrative", "dataFile", "file"].contains(location["kind"] as? String ?? ""))
        }
        let error = try #require(findings.first { $0["severity"] as? String == "error" })
        #expect(error["rule"] as? String == "C.金额" && error["expected"] as? String == "1702.33万元")
        let cells = try #require(findings.first { $0["rule"] as? String == "T1.本年收入合计" }?["location"] as? [String: Any])
        #expect(cells["kind"] as? String == "cells" && cells["sheet"] as? String == "收入支出决算总表" && cells["table"] as? Int == 1)
        let claims = try #require(object["claims"] as? [String: Any])
        #expect(claims["found"] as? Int == report.claims?.found && claims["bound"] as? Int == report.claims?.bound.count)
        let unbound = try #require(claims["unbound"] as? [[String: Any]])
        #expect(unbound.count == report.claims?.unbound.count)
        #expect(unbound.allSatisfy { !($0["reason"] as? String ?? "").isEmpty && !($0["sentence"] as? String ?? "").isEmpty })
    }

    @Test func writesJSONAtomically() throws {
        let report = try sampleReport()
        let path = try SampleExport.scratch("check.json")
        try "old".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: (any Error).self) { try report.writeJSON(to: path, overwrite: false) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        try report.writeJSON(to: path, overwrite: true)
        let written = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(written == (try report.jsonData()) + Data([0x0A]))
    }

    @Test func terminalSummaryGroupsByTableAndSectionWithCounts() throws {
        let report = try sampleReport()
        let text = report.terminalSummary()
        #expect(text.contains("【表1 收入支出决算总表】错误 0，提示 1"))
        #expect(text.contains("【说明「附件」】错误 1，提示 0"))
        #expect(text.contains("合计：错误 1，提示"))
        #expect(text.contains("说明中的数字：找到 \(report.claims?.found ?? -1)，对应到表格或数据 \(report.claims?.bound.count ?? -1)"))
        #expect(text.contains("未对应") && text.contains("单位数据文件中没有「轿车」的数量"))
        // Tables come before narrative sections.
        let table = try #require(text.range(of: "【表1"))
        let section = try #require(text.range(of: "【说明"))
        #expect(table.lowerBound < section.lowerBound)
    }

    @Test func rulesSkippedForAMissingTableShareOneLine() throws {
        var tables = try SampleExport.tables().byID
        tables[.t08] = nil
        let findings = TableRuleEvaluator(tables: tables).evaluate()
        let text = CheckReport(workbook: "w.xlsx", narrative: nil, findings: findings, claims: nil).terminalSummary()
        #expect(text.contains("【表8 一般公共预算财政拨款基本支出决算表】错误 0，提示 4"))
        #expect(text.contains("  [提示] 以下规则无法核对（缺少所需的表）：T8.人员经费合计、T8.公用经费合计、T8.类款、T6-T8.基本支出"))
        #expect(!text.contains("说明中的数字"))
    }
}
