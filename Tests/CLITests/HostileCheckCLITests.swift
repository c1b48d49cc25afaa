import Foundation
import Testing

/// `juesuan check` on the hostile corpus: a workbook or narrative that cannot be read ends in exit 2
/// with a Chinese message naming the file (and the part), and none of the requested reports
/// (--json, --html, --annotate) is written, nor any temporary file.
@Suite struct HostileCheckCLITests {
    /// (corpus workbook, key phrase)
    static let workbooks: [(String, String)] = [
        ("xxe.xlsx", "DOCTYPE"),
        ("billion-laughs.xlsx", "DOCTYPE"),
        ("quadratic-blowup.xlsx", "DOCTYPE"),
        ("zip-bomb-ratio.xlsx", "疑似压缩炸弹"),
        ("zip-bomb-declared.xlsx", "超过 512 MB 的上限"),
        ("many-entries.xlsx", "超过 10000 个的上限"),
        ("zip-slip.xlsx", "“..”路径段"),
        ("absolute-name.xlsx", "绝对路径"),
        ("duplicate-entry.xlsx", "重复的部件名"),
        ("truncated.xlsx", "zip 压缩包不完整"),
        ("not-a-zip.xlsx", "不是 zip 压缩包"),
        ("empty.xlsx", "文件是空的"),
        ("encrypted.xlsx", "设置了打开密码"),
        ("legacy-binary.xls", "另存为 .xlsx"),
        ("libreoffice-saved.xls", "另存为 .xlsx"),
        ("no-workbook.xlsx", "找不到 workbook.xml"),
        ("no-sheets.xlsx", "没有找到任何决算表"),
        ("missing-sheet-part.xlsx", "工作表部件不存在"),
        ("malformed-sheet.xlsx", "XML 格式错误"),
        ("invalid-utf8.xlsx", "非法字符"),
        ("cell-past-last-row.xlsx", "“XFD1048577”无效"),
        ("cell-past-last-column.xlsx", "“ZZZZ1”无效"),
        ("too-many-cells.xlsx", "单元格超过 1000000 个的上限"),
        // Readable but not final accounts: the whole-sheet <dimension>, an over-long string, a formula
        // without a cached value and overlapping merges are all read; no table title is found.
        ("whole-sheet-dimension.xlsx", "没有找到任何决算表"),
        ("long-string.xlsx", "没有找到任何决算表"),
        ("formula-without-value.xlsx", "没有找到任何决算表"),
        ("overlapping-merges.xlsx", "没有找到任何决算表"),
    ]

    @Test(arguments: workbooks.map(\.0))
    func checkRefusesHostileWorkbook(_ file: String) throws {
        let phrase = try #require(Self.workbooks.first { $0.0 == file }?.1)
        let workbook = HostileCorpus.path(file)
        let folder = try CLI.outputDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try CLI.run(["check", workbook,
                                   "--json", folder.appendingPathComponent("结果.json").path,
                                   "--html", folder.appendingPathComponent("结果.html").path,
                                   "--annotate", folder.appendingPathComponent("标注.xlsx").path])
        outcome.expectRefusal(naming: workbook, phrase: phrase)
        #expect(CLI.contents(of: folder).isEmpty, "left behind: \(CLI.contents(of: folder))")
    }

    /// (corpus narrative, key phrase)
    static let narratives: [(String, String)] = [
        ("xxe.docx", "DOCTYPE"),
        ("billion-laughs.docx", "DOCTYPE"),
        ("zip-bomb.docx", "疑似压缩炸弹"),
        ("too-much-text.docx", "文字过多"),
        ("oversized-document.docx", "超过 32 MB 的上限"),
        ("no-document.docx", "缺少 Word 正文部件"),
        ("malformed.docx", "XML 格式错误"),
        ("truncated.docx", "zip 压缩包不完整"),
        ("encrypted.docx", "设置了打开密码"),
        ("legacy-binary.doc", "另存为 .docx"),
        ("empty.txt", "没有任何文字"),
        ("binary.txt", "不是文本文件"),
        ("very-large.txt", "过大"),
        ("good.xlsx", "不是 Word 正文"),
    ]

    @Test(arguments: narratives.map(\.0))
    func checkRefusesHostileNarrative(_ file: String) throws {
        let phrase = try #require(Self.narratives.first { $0.0 == file }?.1)
        let narrative = HostileCorpus.path(file)
        let folder = try CLI.outputDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try CLI.run(["check", "--narrative", narrative,
                                   "--json", folder.appendingPathComponent("结果.json").path,
                                   "--html", folder.appendingPathComponent("结果.html").path])
        outcome.expectRefusal(naming: narrative, phrase: phrase)
        #expect(!outcome.stderr.contains("\(narrative)：无法读取决算情况说明 \(narrative)"), "file named twice: \(outcome)")
        #expect(CLI.contents(of: folder).isEmpty, "left behind: \(CLI.contents(of: folder))")
    }

    /// Shapeless text and odd numerals are read, not refused: the reports are written whole.
    @Test(arguments: ["no-sections.txt", "odd-numerals.txt"])
    func oddNarrativesAreCheckedAndReported(_ file: String) throws {
        let folder = try CLI.outputDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let json = folder.appendingPathComponent("结果.json")
        let outcome = try CLI.run(["check", "--narrative", HostileCorpus.path(file), "--json", json.path,
                                   "--html", folder.appendingPathComponent("结果.html").path])
        #expect(outcome.signal == nil && !outcome.timedOut && [0, 1].contains(outcome.status), "\(outcome)")
        #expect(CLI.contents(of: folder) == ["结果.html", "结果.json"])
        let parsed = try JSONSerialization.jsonObject(with: Data(contentsOf: json))
        #expect(parsed is [String: Any])
        let html = try String(contentsOf: folder.appendingPathComponent("结果.html"), encoding: .utf8)
        #expect(html.hasSuffix("</html>\n") || html.hasSuffix("</html>"))
    }

    /// Balances that do not add up are not an input error: export writes the workbook (exit 0) and
    /// check reports the broken relation as a finding (exit 1).
    @Test func unbalancedAccountsExportAndAreReportedByCheck() throws {
        let sample = try String(contentsOfFile: CLI.sample, encoding: .utf8)
        let unbalanced = sample.replacingOccurrences(of: "性质: 人员经费, 金额: 284300.00}", with: "性质: 人员经费, 金额: 294300.00}")
        #expect(unbalanced != sample)
        let folder = try CLI.outputDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("不平衡.yaml")
        try unbalanced.write(to: data, atomically: true, encoding: .utf8)
        let workbook = folder.appendingPathComponent("不平衡.xlsx")
        let export = try CLI.run(["export", data.path, "-o", workbook.path])
        #expect(export.status == 0 && export.signal == nil, "\(export)")
        let json = folder.appendingPathComponent("结果.json")
        let check = try CLI.run(["check", workbook.path, "--json", json.path])
        #expect(check.status == 1 && check.signal == nil, "\(check)")
        // The terminal line is the short text; the JSON keeps the full message with both totals.
        #expect(check.stdout.contains("收入总计与支出总计差1.00万元"), "\(check)")
        let report = try String(contentsOf: json, encoding: .utf8)
        #expect(report.contains("T1.收支总计") && report.contains("收入总计应等于支出总计"))
        #expect(report.contains("1705.87万元"))   // 支出总计 is 1.00万元 over 收入总计
    }
}
