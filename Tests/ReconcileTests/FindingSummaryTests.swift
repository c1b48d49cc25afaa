import Foundation
import Testing
import Accounts
@testable import TableSet
@testable import Reconcile

/// The short text of each finding (`Finding.summary`): written by the rule, one line, and short enough
/// for one terminal line with its severity and place.
@Suite struct FindingSummaryTests {
    /// The compact terminal line of a finding (severity, place, short text) before any clipping.
    func unclippedLine(_ f: Finding) -> String {
        let place = CheckReport.shortPlace(f)
        return "  \(f.severity.label) " + (place.isEmpty ? "" : place + " ") + f.summary
    }

    @Test func everyNarrativeRuleWritesAShortTextThatFitsOneLine() throws {
        var rules: Set<String> = []
        for c in corpusCases {
            let findings = try checkNarrative(path: NarrativeCorpus.path(c.file), catalogue: nil).findings
            for f in findings {
                rules.insert(f.rule)
                #expect(!f.summary.isEmpty && !f.summary.contains("\n"), "\(c.file) \(f.rule)")
                #expect(CheckReport.columns(f.summary) < CheckReport.columns(f.message), "\(c.file) \(f.rule): \(f.summary)")
                #expect(CheckReport.columns(unclippedLine(f)) <= 80, "\(c.file): \(unclippedLine(f))")
            }
        }
        // The corpus reaches the narrative rules, so the assertions above are about all of them.
        #expect(rules.count >= 25, "\(rules.sorted())")
    }

    @Test func theSampleCheckGivesEveryFindingAShortText() throws {
        let report = try RecheckTests.run(try SampleExport.workbook())
        #expect(report.findings.count > 20)
        for f in report.findings {
            #expect(!f.summary.isEmpty && !f.summary.contains("\n"), "\(f.rule)")
            #expect(f.summary != f.message, "\(f.rule): the long message is the detail, not the short text")
            #expect(CheckReport.columns(unclippedLine(f)) <= 80, "\(unclippedLine(f))")
        }
        // Merging an N.* finding into the C.* one keeps the C.* short text; the evidence is in the message.
        let merged = try #require(report.findings.first { $0.rule == "C.金额" })
        #expect(merged.summary == "「本年收入合计」写1702.32万元，表1为1702.33万元")
        #expect(merged.message.contains("（另见 N.duplicate："))
    }

    @Test func tableRuleTextsNameTheSidesAndTheGap() throws {
        let built = try Unit.tables()
        var tables = built.byID
        var t3 = try #require(tables[.t03])
        let total = try #require(t3.panels[0].rows.firstIndex { $0.level == .total })
        t3.panels[0].rows[total].values[1] = (t3.panels[0].rows[total].values[1] ?? 0) + 1   // 0.01 万元 off
        tables[.t03] = t3
        let hint = try #require(TableRuleEvaluator(tables: tables).evaluate().first { $0.rule == "T3.支出构成" && $0.severity == .hint })
        #expect(hint.summary.hasSuffix("差0.01万元（尾差）"), "\(hint.summary)")
        // Inside one table the table is not named again; the heading of its group names it.
        #expect(!hint.summary.contains("表3"), "\(hint.summary)")
        t3.panels[0].rows[total].values[1] = (t3.panels[0].rows[total].values[1] ?? 0) + 5
        tables[.t03] = t3
        let findings = TableRuleEvaluator(tables: tables).evaluate()
        let error = try #require(findings.first { $0.rule == "T3.支出构成" && $0.severity == .error })
        #expect(error.summary.hasSuffix("差0.06万元") && error.summary.contains("5项之和"), "\(error.summary)")
        // Between tables the other table is named.
        var t2 = try #require(built.byID[.t02])
        t2.panels[0].rows[0].values[0] = (t2.panels[0].rows[0].values[0] ?? 0) + 1
        var shifted = built.byID
        shifted[.t02] = t2
        let between = try #require(TableRuleEvaluator(tables: shifted).evaluate().first { $0.rule == "T1-T2.本年收入合计" })
        #expect(between.summary.contains("表2") && between.summary.hasSuffix("差0.01万元"), "\(between.summary)")
    }

    @Test func rulesWithoutAShortTextGetTheirStandingOne() throws {
        let missing = Finding(rule: "读取.缺少表格", severity: .error, location: .table(.t05),
                              message: "工作簿 /a b/c.xlsx 中没有找到表「财政拨款支出决算明细表」（按表名查找）")
        #expect(missing.summary == "工作簿中没有找到这张表")
        let other = Finding(rule: "X.新规则", severity: .hint, location: .file("a"), message: "第一句。第二句")
        #expect(other.summary == "第一句")
        // Read from a workbook without table 5: the reader's findings carry the standing text.
        let sheets = try Unit.tables().filter { $0.id != .t15 && $0.id != .t05 }.map { GridRenderer().render($0) }
        let read = TableLocator.read(sheets: sheets, workbook: "测试.xlsx")
        let problem = try #require(read.problems.first { $0.rule == "读取.缺少表格" && $0.location == .table(.t05) })
        #expect(problem.summary == "工作簿中没有找到这张表")
    }

    @Test func everyTerminalLineFitsEightyColumnsEvenWithLongNames() {
        let longSection = String(repeating: "一般公共预算财政拨款支出决算具体情况", count: 3)
        let findings = [
            Finding(rule: "N.share", severity: .error,
                    location: .narrative(section: longSection, paragraph: 1234, sentence: "句子", figure: "1%"),
                    message: "长", summary: String(repeating: "「社会保障和就业支出（类）」占比", count: 4)),
            Finding(rule: "T9.经济分类", severity: .hint,
                    location: .cells(sheet: String(repeating: "很长的工作表名", count: 5), cells: ["AB1234", "C6"], table: nil),
                    message: "长", summary: "单元格内容不是数值"),
            Finding(rule: "T1.收支总计", severity: .error, location: .cells(sheet: "收入支出决算总表", cells: ["C34"], table: .t01),
                    message: "长", summary: String(repeating: "收入总计与支出总计差1.00万元", count: 3), explanation: "已核实"),
            Finding(rule: "读取.工作表", severity: .error, location: .file(String(repeating: "/很长的目录", count: 12) + "/a.xlsx"),
                    message: "无法读取"),
        ]
        let report = CheckReport(workbook: "w.xlsx", narrative: nil, findings: findings, claims: nil)
        let lines = report.terminalSummary().split(separator: "\n").map(String.init)
        for line in lines.dropFirst() {
            #expect(CheckReport.columns(line) <= 80, "\(CheckReport.columns(line)): \(line)")
        }
        // One line per finding: severity first, the place, the short text (clipped with "…").
        let findingLines = lines.filter { $0.hasPrefix("  错误") || $0.hasPrefix("  提示") }
        #expect(findingLines.count == findings.count)
        #expect(findingLines.contains { $0.hasPrefix("  错误（已说明） C34 收入总计与支出总计差1.00万元") && $0.hasSuffix("…") })
        #expect(findingLines.contains { $0.hasPrefix("  错误 第1234段 「社会保障和就业支出（类）」占比") })
    }
}
