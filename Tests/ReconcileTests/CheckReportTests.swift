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
            // The fields of the first version stay; `summary` is added.
            #expect(Set(f.keys) == ["rule", "severity", "location", "message", "summary", "expected", "found", "explanation"])
            #expect(!(f["summary"] as? String ?? "").isEmpty)
            #expect(["error", "hint"].contains(f["severity"] as? String ?? ""))
            let location = try #require(f["location"] as? [String: Any])
            #expect(["cells", "table", "narrative", "dataFile", "file"].contains(location["kind"] as? String ?? ""))
        }
        let error = try #require(findings.first { $0["severity"] as? String == "error" })
        #expect(error["rule"] as? String == "C.金额" && error["expected"] as? String == "1702.33万元")
        #expect(error["found"] as? String == "1702.32万元" && error["explanation"] is NSNull)
        // The long message is unchanged; the short one names the subject and both figures.
        #expect(error["message"] as? String == "说明中「本年收入合计」写作1702.32万元，与表1「本年收入合计」（工作表「收入支出决算总表」C33）的1702.33万元不符")
        #expect(error["summary"] as? String == "「本年收入合计」写1702.32万元，表1为1702.33万元")
        let errorLocation = try #require(error["location"] as? [String: Any])
        #expect(errorLocation["kind"] as? String == "narrative" && errorLocation["paragraph"] as? Int == 159)
        #expect(errorLocation["text"] as? String == "说明「附件」第159段")
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
        #expect(text.contains("【表1 收入支出决算总表】尾差 1 处：T1.本年收入合计 C33\n【表2 收入决算表】尾差 3 处："))
        #expect(text.contains("【说明「附件」】错误 1"))
        #expect(text.contains("\n合计：错误 1；提示 \(report.hints)"))
        #expect(text.contains("\n说明中的数字 \(report.claims?.found ?? -1) 个，已对应 \(report.claims?.bound.count ?? -1)，未对应"))
        #expect(text.contains("【说明中未对应的数字】"))
        // One line per reason; reasons naming different projects share it.
        let perf = report.claims?.unbound.filter { ($0.reason ?? "").hasPrefix("绩效自评表中没有项目") }.count ?? 0
        #expect(perf > 1 && text.components(separatedBy: "绩效自评表中没有项目").count == 2)
        #expect(text.contains("  \(perf) 处：绩效自评表中没有项目「"))
        // Tables come before narrative sections, the summary line comes last.
        let table = try #require(text.range(of: "【表1"))
        let section = try #require(text.range(of: "【说明"))
        #expect(table.lowerBound < section.lowerBound)
        #expect(text.split(separator: "\n").last?.hasPrefix("合计：") == true)
    }

    @Test func compactLinesFitEightyColumnsAndRoundingGapsAreOneLinePerTable() throws {
        let report = try sampleReport()
        let text = report.terminalSummary()
        let lines = text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("核对：") }
        #expect(lines.allSatisfy { CheckReport.columns($0) <= 80 }, "\(lines.filter { CheckReport.columns($0) > 80 })")
        // 表2 has three 尾差 hints and nothing else: one line counts them, naming rule and first cell, no parts.
        #expect(text.contains("\n【表2 收入决算表】尾差 3 处：T2.收入来源 C6、C7；T2.类款项 C7\n"))
        #expect(text.contains("（其中尾差 \(report.findings.filter(CheckReport.isRoundingGap).count)）"))
        #expect(!text.contains("各项："))
        #expect(!text.contains("\u{1B}["))
        // One line per finding: severity, place, the rule's short text (what was written, what the table has).
        #expect(text.contains("\n  错误 第159段 「本年收入合计」写1702.32万元，表1为1702.33万元\n"))
        #expect(!text.contains("收入支出决算总表」C33"), "cell references are in the verbose details")
    }

    @Test func verboseListsEveryFindingWithItsCellsAndColourIsOptIn() throws {
        let report = try sampleReport()
        let verbose = report.terminalSummary(TerminalStyle(verbose: true))
        #expect(!verbose.contains("尾差 3 处"))
        #expect(verbose.contains("位置：工作表「收入决算表」 C6、D6、E6、F6、G6、H6、I6"))
        #expect(verbose.contains("各项：\n        · 表2「合计」财政拨款收入（「收入决算表」D6） 1702.33万元\n        · 表2「合计」上级补助收入"))
        // Verbose: the short line, then the rule and the long message under it.
        let error = try #require(report.findings.first { $0.severity == .error })
        #expect(verbose.contains("  错误 第159段 \(error.summary)\n      C.金额：\(error.message)\n"))
        #expect(verbose.split(separator: "\n").count > report.terminalSummary().split(separator: "\n").count)
        let coloured = report.terminalSummary(TerminalStyle(colour: true))
        #expect(coloured.contains("\u{1B}[31m错误"))
        // Colour codes do not change the text.
        #expect(coloured.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression) == report.terminalSummary())
    }

    @Test func withinASectionErrorsComeFirstThenParagraphOrder() {
        func at(_ p: Int, _ severity: Severity, _ text: String) -> Finding {
            Finding(rule: "N.x", severity: severity, location: .narrative(section: "五", paragraph: p, sentence: "句", figure: nil),
                    message: text + "。详", summary: text)
        }
        let report = CheckReport(workbook: nil, narrative: "n.docx",
                                 findings: [at(79, .error, "乙"), at(60, .hint, "丙"), at(72, .error, "甲")], claims: nil)
        let lines = report.terminalSummary().split(separator: "\n").filter { $0.hasPrefix("  ") }
        #expect(lines == ["  错误 第72段 甲", "  错误 第79段 乙", "  提示 第60段 丙"])
    }

    @Test func columnsCountChineseAsTwoAndClipMarksTheCut() {
        #expect(CheckReport.columns("一二三") == 6 && CheckReport.columns("a，b") == 4 && CheckReport.columns("C33") == 3)
        #expect(CheckReport.clip("一二三四五", 7) == "一二三…" && CheckReport.clip("abc", 3) == "abc")
    }

    @Test func explainedErrorsAreReportedButDoNotFailTheCheck() throws {
        let report = try sampleReport()
        #expect(report.unexplainedErrors == 1 && report.exitStatus == 1)
        let error = try #require(report.findings.first { $0.severity == .error })
        let explained = CheckReport(workbook: report.workbook, narrative: report.narrative,
                                    findings: applyExplanations([error.key: "附件沿用上报时的数字，已更正"], to: report.findings),
                                    claims: report.claims)
        #expect(explained.errors == 1 && explained.explained == 1 && explained.unexplainedErrors == 0 && explained.exitStatus == 0)
        let text = explained.terminalSummary()
        #expect(text.contains("  错误（已说明） 第159段 「本年收入合计」写1702.32万元"))
        #expect(text.contains("合计：错误 1（已说明 1）；") && text.contains("错误均已说明。"))
        let object = try #require(try JSONSerialization.jsonObject(with: explained.jsonData()) as? [String: Any])
        #expect((object["summary"] as? [String: Int])?["unexplainedErrors"] == 0)
    }

    @Test func wrongWorkbookArgumentsAreNamed() throws {
        let dir = (try SampleExport.scratch("x") as NSString).deletingLastPathComponent
        #expect(CheckInputs.workbookProblem(dir)?.contains("是一个目录，不是工作簿") == true)
        #expect(CheckInputs.workbookProblem(dir)?.contains("该目录中没有 .xlsx 工作簿") == true)
        let book = (dir as NSString).appendingPathComponent("决算.xlsx")
        try Data().write(to: URL(fileURLWithPath: book))
        #expect(CheckInputs.workbookProblem(dir)?.contains("如 \(book)") == true)
        #expect(CheckInputs.workbookProblem(book) == nil)
        #expect(CheckInputs.workbookProblem(SampleNarrative.docx)?.contains("请用 --narrative 指定") == true)
        #expect(CheckInputs.workbookProblem(dir + "/无此文件.xlsx")?.hasPrefix("找不到工作簿") == true)
        let xls = (dir as NSString).appendingPathComponent("旧.xls")
        try Data().write(to: URL(fileURLWithPath: xls))
        #expect(CheckInputs.workbookProblem(xls)?.contains("另存为 .xlsx") == true)
        // A plain spreadsheet opens, has no table, and names its sheets for the message.
        let plain = SampleNarrative.root + "/Tests/OOXMLTests/Fixtures/spreadsheet/handmade-inline.xlsx"
        #expect(CheckInputs.workbookProblem(plain) == nil)
        let read = try TableLocator.read(workbook: plain)
        #expect(read.tables.isEmpty && !read.sheetNames.isEmpty)
    }

    @Test func rulesSkippedForAMissingTableShareOneLine() throws {
        var tables = try SampleExport.tables().byID
        tables[.t08] = nil
        let findings = TableRuleEvaluator(tables: tables).evaluate()
        let text = CheckReport(workbook: "w.xlsx", narrative: nil, findings: findings, claims: nil).terminalSummary(TerminalStyle(width: 400))
        #expect(text.contains("【表8 一般公共预算财政拨款基本支出决算表】提示 4"))
        #expect(text.contains("  提示 以下规则无法核对（缺少所需的表）：T8.人员经费合计、T8.公用经费合计、T8.类款、T6-T8.基本支出"))
        #expect(!text.contains("说明中的数字"))
    }
}

/// The width of finding lines follows the terminal, then $COLUMNS, then 80, within 40...200.
@Suite struct TerminalWidthTests {
    @Test func windowThenVariableThenDefault() {
        #expect(TerminalStyle.lineWidth(windowColumns: 132, columnsVariable: "100") == 132)
        #expect(TerminalStyle.lineWidth(windowColumns: nil, columnsVariable: "100") == 100)
        #expect(TerminalStyle.lineWidth(windowColumns: 0, columnsVariable: " 120 ") == 120)
        #expect(TerminalStyle.lineWidth(windowColumns: nil, columnsVariable: nil) == 80)
        #expect(TerminalStyle.lineWidth(windowColumns: nil, columnsVariable: "宽") == 80)
        #expect(TerminalStyle.lineWidth(windowColumns: nil, columnsVariable: "-5") == 80)
    }

    @Test func clampedToReadableWidths() {
        #expect(TerminalStyle.lineWidth(windowColumns: 20, columnsVariable: nil) == 40)
        #expect(TerminalStyle.lineWidth(windowColumns: 500, columnsVariable: nil) == 200)
    }
}
