import Foundation
import Testing

/// `juesuan export` on broken and hostile unit data files: exit 2, a Chinese message naming the file
/// and the place, and no output file (nor any temporary file) left in the output folder.
@Suite struct HostileUnitDataCLITests {
    static let sampleText = (try? String(contentsOfFile: CLI.sample, encoding: .utf8)) ?? ""

    /// (case, file bytes, expected phrase of the message)
    static let cases: [(String, Data, String)] = [
        ("syntax", Data("格式: juesuan-unit/1\n单位: [unclosed\n".utf8), "YAML语法错误"),
        ("wrong-type", Data(sampleText.replacingOccurrences(of: "年度: 2021", with: "年度: 二〇二一").utf8), "年度“二〇二一”无效"),
        ("unknown-subject", Data(sampleText.replacingOccurrences(
            of: "2080799 其他就业补助支出, 来源", with: "2089999 不存在的科目, 来源").utf8), "功能分类编码2089999不在科目表中"),
        ("duplicate-fact", Data(sampleText.replacingOccurrences(
            of: "  - {功能分类: 2080101 行政运行, 来源: 其他收入, 金额: 50.00}\n",
            with: "  - {功能分类: 2080101 行政运行, 来源: 其他收入, 金额: 50.00}\n  - {功能分类: 2080101 行政运行, 来源: 其他收入, 金额: 50.00}\n").utf8),
         "重复的收入记录"),
        ("fraction-of-a-fen", Data(sampleText.replacingOccurrences(of: "金额: 975200.00}", with: "金额: 975200.001}").utf8), "超过两位小数"),
        ("overflowing-amount", Data(sampleText.replacingOccurrences(of: "金额: 975200.00}", with: "金额: 99999999999999999999.00}").utf8), "不是有效的金额"),
        ("empty", Data(), "文件为空"),
        ("binary", Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 2654435761 >> 7) }), "不是UTF-8编码"),
        ("utf16", Data([0xFF, 0xFE]) + "格式: juesuan-unit/1\n".data(using: .utf16LittleEndian)!, "UTF-16"),
        ("deep-flow", Data(("格式: juesuan-unit/1\n单位: " + String(repeating: "[", count: 100_000)
                            + String(repeating: "]", count: 100_000) + "\n").utf8), "嵌套层次过深"),
        ("deep-block", Data(("格式: juesuan-unit/1\n单位:\n" + (1..<3_000).map { String(repeating: " ", count: $0) + "a:\n" }.joined()).utf8),
         "嵌套层次过深"),
        ("alias-bomb", Data(("格式: juesuan-unit/1\na0: &a0 [lol,lol,lol,lol,lol,lol,lol,lol,lol,lol]\n"
                             + (1..<10).map { "a\($0): &a\($0) [" + Array(repeating: "*a\($0 - 1)", count: 10).joined(separator: ",") + "]\n" }.joined()
                             + "收入: *a9\n").utf8), "未知的键"),
    ]

    @Test(arguments: cases.map(\.0))
    func exportRefusesBrokenUnitData(_ name: String) throws {
        let (_, bytes, phrase) = try #require(Self.cases.first { $0.0 == name })
        #expect(!Self.sampleText.isEmpty)
        let folder = try CLI.outputDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("\(name).yaml")
        try bytes.write(to: input)
        let outputs = folder.appendingPathComponent("out")
        let outcome = try CLI.run(["export", input.path, "-o", outputs.appendingPathComponent("决算表.xlsx").path])
        outcome.expectRefusal(naming: input.path, phrase: phrase)
        #expect(!FileManager.default.fileExists(atPath: outputs.path), "nothing may be written: \(CLI.contents(of: outputs))")
    }

    @Test func missingFileIsNamed() throws {
        let outcome = try CLI.run(["export", "/nonexistent/单位.yaml", "-o", "/tmp/juesuan-never-written.xlsx"])
        outcome.expectRefusal(naming: "/nonexistent/单位.yaml", phrase: "文件不存在")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/juesuan-never-written.xlsx"))
    }
}
