import Foundation
import Testing
import TableSet
@testable import Reconcile

/// A report input with every kind of finding: table cells, a narrative sentence with hostile text,
/// an explained finding, a hint, and unbound claims.
func sampleReportInput() -> ReportInput {
    let t6Total = Finding(rule: "T6.合计", severity: .error,
                          location: .cells(sheet: "公开06表", cells: ["E7", "F7"], table: .t06),
                          message: "合计不等于基本支出与项目支出之和", expected: "1,704.87", found: "1,704.78")
    let share = Finding(rule: "N.share", severity: .error,
                        location: .narrative(section: "二、收入决算情况", paragraph: 4,
                                             sentence: "财政拨款收入1,598.92万元，占<script>alert(1)</script> & 93.79%。",
                                             figure: "93.79%"),
                        message: "占比与表格不符", expected: "93.78%", found: "93.79%")
    let rounding = Finding(rule: "N.total", severity: .hint,
                           location: .narrative(section: "一、收入支出决算总体情况", paragraph: 2,
                                                sentence: "收、支总计各1704.87万元。", figure: "1,704.87"),
                           message: "尾差 0.01 万元", expected: "1,704.86", found: "1,704.87")
    let explained = Finding(rule: "T1.收入总计", severity: .error, location: .table(.t01),
                            message: "收入总计与支出总计不等", expected: "12.00", found: "12.01",
                            explanation: "已与财务核实，表1为准")
    let missing = Finding(rule: "F.read", severity: .error, location: .file("/data/单位.xlsx"),
                          message: "找不到表「项目支出绩效目标自评表」")
    return ReportInput(
        title: "西区就业服务中心 <2021>", workbookPath: "/data/单位.xlsx", narrativePath: "/data/说明.docx",
        findings: [share, t6Total, rounding, explained, missing],
        claimsFound: 42, claimsBound: 40,
        unbound: [UnboundClaim(sentence: "其他收入7.58万元 & 更多", figure: "7.58", reason: "未识别出对应的表格项目",
                               section: "二、收入决算情况"),
                  UnboundClaim(sentence: "无数字<b>", figure: "9.99", reason: "原句中找不到该数字")],
        tableValues: [share.key: [TableValue(label: "表1 本年收入合计", value: "1,704.87 万元"),
                                  TableValue(label: "表1 财政拨款收入 <a>", value: "1,598.92 万元")]])
}

@Suite struct HTMLReportTests {
    @Test func pageIsSelfContainedChinese() throws {
        let html = try HTMLReport.render(sampleReportInput())
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains(#"<html lang="zh-CN">"#))
        #expect(html.contains("<style>"))
        // One script of ours (opening folded findings for printing); the user's text never becomes one.
        #expect(html.components(separatedBy: "<script").count == 2, "exactly one script tag")
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<script src"))
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("@import"))
        #expect(!html.contains("<link"))
        #expect(html.hasSuffix("</html>\n") || html.hasSuffix("</html>"))
    }

    @Test func userTextIsEscaped() throws {
        let html = try HTMLReport.render(sampleReportInput())
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; "))
        #expect(html.contains("西区就业服务中心 &lt;2021&gt;"))
        #expect(html.contains("表1 财政拨款收入 &lt;a&gt;"))
        #expect(html.contains("无数字&lt;b&gt;"))
        #expect(!html.contains("<b>") && !html.contains("<a>"))
    }

    @Test func figureIsHighlightedInsideItsSentence() throws {
        let html = try HTMLReport.render(sampleReportInput())
        #expect(html.contains("&lt;/script&gt; &amp; <mark>93.79%</mark>。</blockquote>"))
        // The sentence spells 1704.87 without a separator; the sentence's own spelling is marked.
        #expect(html.contains("收、支总计各<mark>1704.87</mark>万元。"))
        #expect(html.contains("其他收入<mark>7.58</mark>万元 &amp; 更多"))
        // A figure the sentence does not contain is not marked, and the sentence is still shown.
        #expect(html.contains("<td>无数字&lt;b&gt;</td>"))
    }

    @Test func highlightNeverSplitsALongerNumber() {
        let h = SentenceHighlight(sentence: "收入17.58万元，其中7.58万元", figure: "7.58")
        #expect(h.before == "收入17.58万元，其中" && h.mark == "7.58" && h.after == "万元")
        let end = SentenceHighlight(sentence: "合计为12.5。", figure: "12.5")
        #expect(end.mark == "12.5" && end.after == "。")
        let sep = SentenceHighlight(sentence: "总计1,704.87万元", figure: "1704.87")
        #expect(sep.mark == "1,704.87" && sep.before == "总计")
        let none = SentenceHighlight(sentence: "总计1704.871万元", figure: "1704.87")
        #expect(none.mark.isEmpty && none.before == "总计1704.871万元")
        let nilFigure = SentenceHighlight(sentence: "a<b", figure: nil)
        #expect(nilFigure.before == "a<b" && nilFigure.mark.isEmpty)
    }

    @Test func summaryCountsErrorsHintsExplainedAndClaims() throws {
        let html = try HTMLReport.render(sampleReportInput())
        // 3 unexplained errors, 1 hint, 1 explained.
        #expect(html.contains(##"<a class="stat error" href="#errors"><span class="n">3</span><span class="l">错误</span>"##))
        #expect(html.contains(##"<a class="stat hint" href="#hints"><span class="n">1</span><span class="l">提示</span>"##))
        #expect(html.contains(##"<a class="stat explained" href="#explained"><span class="n">1</span><span class="l">已说明</span>"##))
        #expect(html.contains(#"<span class="n">42</span><span class="l">说明中的数字</span>"#))
        #expect(html.contains(#"<span class="n">40</span><span class="l">已对应到表格</span>"#))
        #expect(html.contains(#"<span class="n">2</span><span class="l">未能对应</span>"#))
        #expect(html.contains("发现 3 处错误"))
        #expect(html.contains("出错说明：已与财务核实，表1为准"))
    }

    @Test func errorsComeFirstThenExplainedThenHintsEachGroupedByPlace() throws {
        let html = try HTMLReport.render(sampleReportInput())
        // Errors to correct: the unreadable file, then tables in table order, then the narrative;
        // then the explained error; then the hint.
        let headings = [#"<section id="errors""#, "<h3>文件 /data/单位.xlsx", "<h3>表6　一般公共预算财政拨款支出决算表",
                        "<h3>情况说明：二、收入决算情况",
                        #"<section id="explained""#, "<h3>表1　收入支出决算总表",
                        #"<section id="hints""#, "<h3>情况说明：一、收入支出决算总体情况"]
        let positions = headings.map { html.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil }, "every part and group has its heading")
        let found = positions.compactMap { $0 }
        #expect(found == found.sorted(), "errors, explained, hints; places in table then document order")
        #expect(html.components(separatedBy: "<h3>").count - 1 == 5)
        // Every error's entry comes before every hint's.
        let errorKeys = sampleReportInput().findings.filter { $0.severity == .error && $0.explanation == nil }.map(\.key)
        let hintKeys = sampleReportInput().findings.filter { $0.severity == .hint }.map(\.key)
        let errorPositions = errorKeys.compactMap { html.range(of: "data-key=\"\($0)\"")?.lowerBound }
        let hintPositions = hintKeys.compactMap { html.range(of: "data-key=\"\($0)\"")?.lowerBound }
        #expect(errorPositions.count == 3 && hintPositions.count == 1)
        let lastError = try #require(errorPositions.max())
        let firstHint = try #require(hintPositions.min())
        #expect(lastError < firstHint)
        // Errors are open, hints folded to their one line.
        #expect(html.contains(#"<details class="finding error" data-key="N.share @ 说明「二、收入决算情况」第4段 @ 93.79%" open>"#))
        #expect(html.contains(#"<details class="finding hint" data-key="N.total @ 说明「一、收入支出决算总体情况」第2段 @ 1,704.87">"#))
        // The table values sit inside the narrative finding they belong to.
        let share = try #require(html.range(of: "data-key=\"N.share"))
        let rest = html[share.lowerBound...]
        let end = try #require(rest.range(of: "</details>"))
        #expect(rest[..<end.lowerBound].contains("<td>表1 本年收入合计</td><td class=\"num\">1,704.87 万元</td>"))
    }

    @Test func everyFindingShowsWhereToActAndWhatIsWrittenAgainstWhatItShouldBe() throws {
        let html = try HTMLReport.render(sampleReportInput())
        // The one-line heading: severity, place, short text.
        #expect(html.contains(#"<summary><span class="badge error">错误</span><span class="place">E7</span><span class="what">合计不等于基本支出与项目支出之和</span></summary>"#))
        #expect(html.contains(#"<span class="place">第4段</span><span class="what">占比与表格不符</span>"#))
        // Sheet and cell to correct first, then the other cells involved.
        #expect(html.contains(#"位置：工作表「公开06表」 <span class="cell">E7</span><span class="others">　另涉及 F7</span>"#))
        // The narrative paragraph, the sentence quoted with the figure marked, and both figures.
        #expect(html.contains("位置：情况说明「二、收入决算情况」第4段"))
        #expect(html.contains(#"<div class="found"><span>说明中写</span><strong>93.79%</strong></div><div class="expected"><span>应为</span><strong>93.78%</strong></div>"#))
        #expect(html.contains(#"<div class="found"><span>表中为</span><strong>1,704.78</strong></div>"#))
        // No finding borrows the page's counts for its own optional parts.
        #expect(html.components(separatedBy: #"<span class="badge explained">已说明</span>"#).count - 1 == 1)
    }

    @Test func aSumsPartsAreListed() throws {
        let f = Finding(rule: "T1.本年收入合计", severity: .hint, location: .cells(sheet: "总表", cells: ["C33", "C6"], table: .t01),
                        message: "应等于：表1合计（「总表」C33） 为 5万元，相差 0.01万元（尾差）。各项：表1甲（「总表」C6） 1万元，表1乙，丙（「总表」C7） 4万元",
                        summary: "合计与2项之和差0.01万元（尾差）")
        let html = try HTMLReport.render(ReportInput(title: "t", workbookPath: "w.xlsx", findings: [f]))
        #expect(html.contains("<li>表1甲（「总表」C6） 1万元</li><li>表1乙，丙（「总表」C7） 4万元</li>"))
        #expect(html.contains("相差 0.01万元（尾差）。</p>"))
    }

    @Test func theSampleReportListsItsTwoErrorsBeforeAnyHint() throws {
        let report = try RecheckTests.run(try SampleExport.workbook())
        let html = try HTMLReport.render(ReportInput(title: "sample", workbookPath: "sample.xlsx", findings: report.findings))
        let errorStarts = html.ranges(of: #"<details class="finding error""#).map(\.lowerBound)
        let hintStarts = html.ranges(of: #"<details class="finding hint""#).map(\.lowerBound)
        #expect(errorStarts.count == 2 && hintStarts.count == report.hints)
        let lastError = try #require(errorStarts.max())
        let firstHint = try #require(hintStarts.min())
        #expect(lastError < firstHint)
        // Each finding's short text is its heading.
        for f in report.findings {
            let escaped = f.summary.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            #expect(html.contains(#"<span class="what">"# + escaped + "</span></summary>"), "\(f.summary)")
        }
        #expect(html.contains("<mark>1702.32万元</mark>"))
    }

    @Test func outputIsDeterministic() throws {
        let a = try HTMLReport.render(sampleReportInput())
        let b = try HTMLReport.render(sampleReportInput())
        #expect(a == b)
    }

    @Test func emptyReportSaysSo() throws {
        let html = try HTMLReport.render(ReportInput(title: "空", workbookPath: "a.xlsx", findings: []))
        #expect(html.contains("没有发现问题"))
        #expect(html.contains("说明中的数字均已对应到表格"))
        #expect(html.contains("未发现需要更正的错误"))
        #expect(!html.contains("<mark>"))
        #expect(!html.contains("情况说明："), "no narrative line without a narrative")
    }

    @Test func findingKeyAndExplanations() {
        let input = sampleReportInput()
        let keys = input.findings.map(\.key)
        #expect(Set(keys).count == keys.count)
        #expect(keys[0] == "N.share @ 说明「二、收入决算情况」第4段 @ 93.79%")
        #expect(keys[1] == "T6.合计 @ 工作表「公开06表」 E7、F7")
        let applied = applyExplanations([keys[1]: "  已更正  ", keys[0]: "   "], to: input.findings)
        #expect(applied[1].explanation == "已更正")
        #expect(applied[0].explanation == nil, "a blank explanation explains nothing")
        #expect(applied[3].explanation == "已与财务核实，表1为准", "an earlier explanation is kept")
    }

    @Test func writeRefusesAnExistingFileUnlessOverwrite() throws {
        let dir = try ReportScratchFolder()
        let path = dir.path("报告.html")
        try HTMLReport.write(sampleReportInput(), to: path, overwrite: false)
        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(written == (try HTMLReport.render(sampleReportInput())))
        #expect(throws: ReportError.outputExists(path)) {
            try HTMLReport.write(ReportInput(title: "空", workbookPath: "a.xlsx", findings: []), to: path, overwrite: false)
        }
        try HTMLReport.write(ReportInput(title: "空", workbookPath: "a.xlsx", findings: []), to: path, overwrite: true)
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("没有发现问题"))
    }
}

/// Renders the report in a real headless browser: the page must load and paint.
@Suite struct HTMLReportBrowserTests {
    @Test func rendersInHeadlessChromium() throws {
        let browser = try #require(ReportTestTools.findExecutable(["chromium", "chromium-browser", "google-chrome"]),
                                   "找不到 chromium：请运行 make test（其 test-deps 会安装 chromium）")
        // Without a CJK font the page paints boxes instead of Chinese: check the machine has one.
        let fcList = try #require(ReportTestTools.findExecutable(["fc-list"]), "找不到 fc-list（fontconfig）")
        let fonts = try ReportTestTools.output(fcList, [":lang=zh", "family"])
        #expect(!fonts.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
                "没有中文字体：请运行 make test（其 test-deps 会安装 fonts-wqy-microhei）")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("juesuan-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("报告.html")
        try HTMLReport.render(sampleReportInput()).write(to: page, atomically: true, encoding: .utf8)
        let png = dir.appendingPathComponent("shot.png")
        let status = try ReportTestTools.run(browser, ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                                       "--user-data-dir=\(dir.path)/profile", "--screenshot=\(png.path)",
                                       "--window-size=1200,1600", page.absoluteString])
        #expect(status == 0)
        let data = try Data(contentsOf: png)
        #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG file")
        #expect(data.count > 30_000, "a painted page, not a blank one (\(data.count) bytes)")
        if let keep = ProcessInfo.processInfo.environment["JUESUAN_KEEP_SCREENSHOT"] {
            try? FileManager.default.removeItem(atPath: keep)
            try FileManager.default.copyItem(at: png, to: URL(fileURLWithPath: keep))
            try? FileManager.default.removeItem(atPath: keep + ".html")
            try FileManager.default.copyItem(at: page, to: URL(fileURLWithPath: keep + ".html"))
        }
    }
}

/// A printed report carries every finding in full: folded hints are opened for printing.
@Suite struct HTMLReportPrintTests {
    @Test func printedReportShowsFoldedFindings() throws {
        let browser = try #require(ReportTestTools.findExecutable(["chromium", "chromium-browser", "google-chrome"]),
                                   "找不到 chromium：请运行 make test（其 test-deps 会安装 chromium）")
        let pdftotext = try #require(ReportTestTools.findExecutable(["pdftotext"]),
                                     "找不到 pdftotext：请运行 make test（其 test-deps 会安装 poppler-utils）")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("juesuan-html-print-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = sampleReportInput()
        let html = try HTMLReport.render(input)
        // The hint is folded on screen: its details carry no `open`.
        #expect(html.contains(#"<details class="finding hint" data-key="N.total"#))
        #expect(!html.contains(#"<details class="finding hint" data-key="N.total @ 说明「一、收入支出决算总体情况」第2段 @ 1,704.87" open>"#))
        let page = dir.appendingPathComponent("报告.html")
        try html.write(to: page, atomically: true, encoding: .utf8)
        let pdf = dir.appendingPathComponent("报告.pdf")
        let status = try ReportTestTools.run(browser, ["--headless", "--no-sandbox", "--disable-gpu",
                                                      "--user-data-dir=\(dir.path)/profile", "--no-pdf-header-footer",
                                                      "--print-to-pdf=\(pdf.path)", page.absoluteString])
        #expect(status == 0)
        let text = try ReportTestTools.output(pdftotext, [pdf.path, "-"])
        // Each finding's body ends with its rule id; a folded one prints only if it was opened.
        for finding in input.findings {
            #expect(text.contains("规则 \(finding.rule)"), "打印稿中缺少 \(finding.rule) 的详情")
        }
    }
}

/// Small process helpers of the report tests.
enum ReportTestTools {
    static func findExecutable(_ names: [String]) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") + ["/usr/bin", "/usr/local/bin"] {
            for name in names {
                let candidate = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    /// Runs a program to completion and returns what it printed.
    static func output(_ program: String, _ arguments: [String]) throws -> String {
        let process = Process()
        let pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Runs a program to completion, its output discarded; returns the exit status.
    static func run(_ program: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
