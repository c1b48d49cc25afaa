import Foundation
import Testing

/// `juesuan check` on the sample unit as a reviewer runs it: what the terminal, the JSON and the HTML
/// report show.
@Suite struct CheckOutputCLITests {
    static let narrative = CLI.packageRoot.appendingPathComponent("Sources/Accounts/Resources/samples/xiqu-jiuye-2021-narrative.docx").path

    /// Display columns in a terminal: CJK and full-width characters take two (as the tool counts them).
    static func columns(_ s: Substring) -> Int {
        s.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 && !(0x2000...0x206F).contains($1.value) ? 2 : 1) }
    }

    @Test func terminalShowsOneShortLinePerFindingAndReportsPutErrorsFirst() throws {
        let folder = try CLI.outputDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let workbook = folder.appendingPathComponent("样例.xlsx").path
        let export = try CLI.run(["export", CLI.sample, "-o", workbook])
        #expect(export.status == 0, "\(export)")
        let json = folder.appendingPathComponent("结果.json").path
        let html = folder.appendingPathComponent("结果.html").path
        let check = try CLI.run(["check", workbook, "--narrative", Self.narrative, "--data", CLI.sample,
                                 "--json", json, "--html", html])
        #expect(check.status == 1, "\(check)")

        // Every line but those naming the input and output files fits 80 columns.
        let lines = check.stdout.split(separator: "\n")
        let wide = lines.filter { !$0.hasPrefix("核对：") && !$0.hasPrefix("已写出") && Self.columns($0) > 80 }
        #expect(wide.isEmpty, "\(wide)")
        // The two errors: severity, place, short text.
        #expect(lines.contains("  错误 第159段 「本年收入合计」写1702.32万元，表1为1702.33万元"), "\(check)")
        #expect(lines.contains("  错误 第79段 “医疗卫生与计划生育”已停用，应为“卫生健康支出”"), "\(check)")
        // The counts close the summary, before the lines naming the files written.
        #expect(lines.last { !$0.hasPrefix("已写出") }?.hasPrefix("合计：错误 2；") == true, "\(check)")

        // JSON: every finding has its short text beside the unchanged long message.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(!findings.isEmpty)
        for f in findings {
            let summary = f["summary"] as? String ?? "", message = f["message"] as? String ?? ""
            #expect(!summary.isEmpty && !message.isEmpty && summary != message, "\(f)")
        }

        // HTML: both errors before the first hint.
        let page = try String(contentsOfFile: html, encoding: .utf8)
        let errors = page.ranges(of: #"<details class="finding error""#).map(\.lowerBound)
        let firstHint = try #require(page.range(of: #"<details class="finding hint""#)?.lowerBound)
        #expect(errors.count == 2 && errors.allSatisfy { $0 < firstHint })

        // --verbose adds the long message under the short line.
        let verbose = try CLI.run(["check", workbook, "--narrative", Self.narrative, "--data", CLI.sample, "--verbose"])
        #expect(verbose.stdout.contains("  错误 第159段 「本年收入合计」写1702.32万元，表1为1702.33万元\n      C.金额：说明中「本年收入合计」写作1702.32万元"),
                "\(verbose)")
    }
}
