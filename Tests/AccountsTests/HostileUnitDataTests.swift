import Foundation
import Testing
@testable import Accounts

/// Unit data files built to hurt: deep nesting (stack exhaustion in the YAML tree builder),
/// alias bombs, and text that only looks deep. Each must end in located problems, never a crash.
@Suite struct HostileUnitDataTests {
    let catalogue: SubjectCatalogue
    init() throws { catalogue = try SubjectCatalogue.builtin2021() }

    func problems(_ text: String) -> [UnitDataProblem] {
        do {
            _ = try UnitDataFile.parse(text: text, file: "h.yaml", catalogue: catalogue)
            return []
        } catch {
            return error.problems
        }
    }

    static let header = "格式: juesuan-unit/1\n"

    // Before the nesting guard, 10,000 levels crashed the process (stack overflow in the tree builder).
    @Test(arguments: [
        ("flow sequences", String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)),
        ("flow mappings", String(repeating: "{a: ", count: 50_000) + "1" + String(repeating: "}", count: 50_000)),
        ("compact block sequences", String(repeating: "- ", count: 50_000) + "x"),
    ])
    func deepNestingIsRefusedWithItsLine(_ name: String, _ value: String) {
        let found = problems(Self.header + "单位: " + value + "\n")
        #expect(found.count == 1, "\(name): \(found)")
        #expect(found.first?.location.line == 2)
        #expect(found.first?.message.contains("嵌套层次过深") == true, "\(found)")
    }

    @Test func deepBlockIndentationIsRefused() {
        var text = Self.header + "单位:\n"
        for level in 1..<5_000 { text += String(repeating: " ", count: level) + "a:\n" }
        let found = problems(text)
        #expect(found.count == 1 && found[0].message.contains("嵌套层次过深"), "\(found)")
        #expect(found.first?.location.line == YAMLNesting.maximumDepth + 2)
    }

    @Test func bracketsInQuotesCommentsAndTextDoNotCount() {
        let brackets = String(repeating: "[", count: 500)
        let text = """
            # \(brackets)
            名称: "\(brackets)"
            说明: '\(brackets) it''s [ still quoted'
            备注: 项目\(brackets)
            列表: [a, "\(brackets)", b]  # \(brackets)
            """
        #expect(YAMLNesting.firstLineTooDeep(text) == nil)
    }

    @Test func quotedHashDoesNotHideBrackets() {
        let text = "单位: [\" #\", " + String(repeating: "[", count: 300) + "\n"
        #expect(YAMLNesting.firstLineTooDeep(text) == 1)
    }

    @Test func sampleIsWellWithinTheLimit() throws {
        let text = try #require(UnitDataFile.sampleText())
        #expect(YAMLNesting.firstLineTooDeep(text, limit: 8) == nil)
    }

    /// Ten levels of ten aliases each: 10^10 leaves if expanded. The parser must report the wrong
    /// shapes without walking the expansion.
    @Test func aliasBombEndsInProblems() {
        var text = Self.header + "单位: {编码: \"001\", 名称: 测试单位, 年度: 2021, 类型: 行政}\n"
        text += "科目扩展: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        for level in 1..<10 {
            text += "x\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ",") + "]\n"
        }
        text += "收入: *a9\n支出: *a9\n"
        let found = problems(text)
        #expect(!found.isEmpty)
        #expect(found.count <= UnitDataFile.maximumProblems + 1)
        #expect(found.allSatisfy { $0.location.file == "h.yaml" })
    }
}
