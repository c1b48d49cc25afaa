import Foundation
import Testing

/// Hostile and broken workbooks given to `juesuan export --template`: the template is read through the
/// same zip and XML layers as any workbook, so each must be refused cleanly (exit 2, message naming
/// the file and the part) with no output and no temporary file left behind.
@Suite struct HostileWorkbookCLITests {
    /// (corpus file, key phrase of the Chinese message)
    static let refusals: [(String, String)] = [
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
        ("no-workbook.xlsx", "xl/workbook.xml"),
        ("no-sheets.xlsx", "找不到这些表的工作表"),
        ("missing-sheet-part.xlsx", "找不到这些表的工作表"),
        ("malformed-sheet.xlsx", "XML 格式错误"),
        ("invalid-utf8.xlsx", "XML 格式错误"),
        ("whole-sheet-dimension.xlsx", "找不到这些表的工作表"),
        ("cell-past-last-row.xlsx", "找不到这些表的工作表"),
        ("overlapping-merges.xlsx", "找不到这些表的工作表"),
    ]

    @Test(arguments: refusals.map(\.0))
    func exportRefusesHostileTemplate(_ file: String) throws {
        let phrase = try #require(Self.refusals.first { $0.0 == file }?.1)
        let template = HostileCorpus.path(file)
        #expect(FileManager.default.fileExists(atPath: template), "corpus not generated")
        let folder = try CLI.outputDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("决算表.xlsx")
        let outcome = try CLI.run(["export", CLI.sample, "--template", template, "-o", output.path])
        outcome.expectRefusal(naming: template, phrase: phrase)
        #expect(CLI.contents(of: folder).isEmpty, "left behind: \(CLI.contents(of: folder))")
    }
}
