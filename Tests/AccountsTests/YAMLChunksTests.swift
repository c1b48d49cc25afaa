import Foundation
import Testing
@testable import Accounts

/// Reading a YAML text in pieces on several cores gives the tree (or the error) of reading it whole.
@Suite struct YAMLChunksTests {
    func outcome(_ text: String, pieces: Int?) -> [String] {
        var text = text
        let result = text.withUTF8 { bytes in
            pieces.map { YAMLDocument.parse(utf8: bytes, pieces: $0) } ?? YAMLDocument.parse(utf8: bytes)
        }
        switch result {
        case .success(let d?): return d.outline()
        case .success(nil): return ["empty"]
        case .failure(let e): return ["error \(e.stage) \(e.problem) \(e.context ?? "") \(e.line):\(e.column)"]
        }
    }

    /// The same outcome whole and in 2 to 7 pieces.
    func expectSameInPieces(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let whole = outcome(text, pieces: nil)
        for pieces in 2...7 {
            #expect(outcome(text, pieces: pieces) == whole, "\(pieces) pieces", sourceLocation: sourceLocation)
        }
    }

    /// A unit-like text: top keys with block lists (flow items, block mapping items, an indentless
    /// list), comments, blank lines, a block scalar and quoted keys.
    static func unitLike(lineEnd: String = "\n") -> String {
        var lines = ["# 注释", "格式: juesuan-unit/1", "单位:", "  编码: \"901\"", "  名称: 示例", ""]
        lines.append("收入:")
        for i in 0..<40 { lines.append("  - {功能分类: 20101\(10 + i) 行政运行, 来源: 一般, 金额: \(i).50}") }
        lines += ["", "# 支出", "支出:"]
        for i in 0..<30 {
            lines.append("  - 功能分类: \"20801\(10 + i)\"")
            lines.append("    金额: \(i * 3)")
            if i % 7 == 0 { lines.append("    备注: |"); lines.append("      - 不是列表项"); lines.append("      第二行") }
            if i % 5 == 0 { lines.append("# 列表中的注释") }
        }
        lines.append("budget:")
        for i in 0..<20 { lines.append("- [\(i), 'x\(i)']") }
        lines += ["上年数: {}", "'quoted key': 1", "末项: [a, b]"]
        return lines.joined(separator: lineEnd) + lineEnd
    }

    @Test func unitLikeTextsCutIntoPiecesAndReadTheSame() throws {
        for text in [Self.unitLike(), Self.unitLike(lineEnd: "\r\n")] {
            var copy = text
            let chunks = try #require(copy.withUTF8 { YAMLChunk.plan($0, pieces: 4) })
            #expect(chunks.count >= 4)
            #expect(chunks.contains { if case .item = $0.kind { true } else { false } })
            let joined = copy.withUTF8 { YAMLDocument.parseChunks($0, chunks) }
            #expect(joined != nil)   // read in pieces, not by the fallback
            expectSameInPieces(text)
        }
    }

    @Test func theUnitFileLoadsTheSameInPieces() throws {
        let catalogue = try SubjectCatalogue.builtin2021()
        let sample = try #require(UnitDataFile.sampleText())
        // Three copies of the income list: large enough to be read in pieces, and duplicates reported.
        let grown = sample.replacingOccurrences(of: "\n收入:\n", with: "\n收入:\n" + String(repeating: incomeItems(sample), count: 2))
        for text in [sample, grown] {
            let one = Result { () throws(UnitDataError) in try UnitDataFile.parse(text: text, file: "u.yaml", catalogue: catalogue, spread: false) }
            let many = Result { () throws(UnitDataError) in try UnitDataFile.parse(text: text, file: "u.yaml", catalogue: catalogue, spread: true) }
            switch (one, many) {
            case let (.success(a), .success(b)): #expect(a == b)
            case let (.failure(a), .failure(b)): #expect(a.problems.map(\.description) == b.problems.map(\.description))
            default: Issue.record("one result succeeded, the other failed")
            }
        }
    }

    /// With a long expenditure list, the sections after it are read on another core; the facts and
    /// problems (here in the list, with duplicates, and in the sections before and after it) come
    /// out as when everything is read in turn.
    @Test func aLongExpenditureListReadAlongsideGivesTheSameFactsAndProblems() throws {
        let catalogue = try SubjectCatalogue.builtin2021()
        let sample = try #require(UnitDataFile.sampleText())
        var items = ""
        for i in 0..<80 {
            let code = [2080101, 2080505, 2101101][i % 3]
            items += "  - {功能分类: \(code), 经济分类: 30101, 资金: 一般公共预算, 性质: 人员经费, 金额: \(i).25}\n"
        }
        let long = sample.replacingOccurrences(of: "\n支出:\n", with: "\n支出:\n" + items)
        var broken = items.replacingOccurrences(of: "金额: 7.25", with: "金额: 7.255")
            .replacingOccurrences(of: "金额: 9.25", with: "金额: 1.25")          // a duplicate of item 1
            .replacingOccurrences(of: "资金: 一般公共预算, 性质: 人员经费, 金额: 11.25", with: "资金: 未知, 性质: 人员经费, 金额: 11.25")
        broken += "  - {功能分类: 9999999, 经济分类: 30101, 资金: 一般公共预算, 性质: 人员经费, 金额: 1}\n"
        let bad = sample.replacingOccurrences(of: "\n支出:\n", with: "\n支出:\n" + broken)
            .replacingOccurrences(of: "年初: 25350.00", with: "年初: 25,350.001")       // a problem after the list
            .replacingOccurrences(of: "来源: 一般公共预算财政拨款收入, 金额: 975200.00", with: "来源: 不存在, 金额: 975200.00")
        for text in [long, bad] {
            let one = Result { () throws(UnitDataError) in try UnitDataFile.parse(text: text, file: "u.yaml", catalogue: catalogue, spread: false) }
            let many = Result { () throws(UnitDataError) in try UnitDataFile.parse(text: text, file: "u.yaml", catalogue: catalogue, spread: true) }
            switch (one, many) {
            case let (.success(a), .success(b)):
                #expect(a == b && a.expenditure.count > 80)
            case let (.failure(a), .failure(b)):
                #expect(a.problems.count >= 5)
                #expect(a.problems.map(\.description) == b.problems.map(\.description))
            default: Issue.record("one result succeeded, the other failed")
            }
        }
    }

    func incomeItems(_ sample: String) -> String {
        let lines = sample.components(separatedBy: "\n")
        guard let start = lines.firstIndex(of: "收入:") else { return "" }
        return lines[(start + 1)...].prefix { $0.hasPrefix("  ") || $0.hasPrefix("#") }.map { $0 + "\n" }.joined()
    }

    @Test func textsThatDoNotCutCleanlyReadAsWhole() {
        let filler = (0..<12).map { "k\($0): [\($0), x]\n" }.joined()
        let items = (0..<12).map { "  - \($0)\n" }.joined()
        let cases = [
            filler + "备注: |\n  - a\n  - b\n  - c\n" + filler,               // "- " lines inside a block scalar
            filler + "a: [1,\n2]\n" + filler,                                   // a flow list over lines
            filler + "a: \"x\nb: y\"\n" + filler,                                // a quoted text over a key-like line
            filler + "a: &x {p: 1}\n" + filler + "b: *x\n" + filler,            // an alias of an earlier piece's anchor
            filler + "a: *missing\n" + filler,                                  // an undefined alias
            filler + "a:\n  [x]\n" + items + filler,                            // items after a flow list: an error whole
            "{a: 1}\n" + filler + "b: 2\n",                                      // a flow mapping on top, then a key
            filler + "---\n" + filler,                                          // a second document
            filler + "a:\n\t- x\n" + filler,                                    // a tab
            "--- \n" + filler + "a:\n" + items + filler,                        // an explicit document start
            "  a: 1\n" + filler,                                                // an indented top mapping
            filler + "a:\n  m:\n" + items + filler,                             // items of a nested mapping's list
            "- x\n" + filler,                                                   // a list on top
            filler + "a:\n" + items + " bad: 1\n" + items + filler,             // a line between item and key indentation
            filler + "a:\n" + items + "\u{FEFF}b: 1\n" + filler,                 // a byte order mark at a line start
            "",
            "# only a comment\n",
            " 不是注释的第一行\n# 注释\n" + filler,                             // a first piece that is one scalar (found by FuzzYAMLPieces)
            "纯文字\n" + filler + "a:\n" + items,                                 // the same, not indented
        ]
        for text in cases { expectSameInPieces(text) }
    }

    @Test func theNestingCheckStillRefusesDeepTexts() throws {
        let catalogue = try SubjectCatalogue.builtin2021()
        let deep = Self.unitLike() + "深: " + String(repeating: "[", count: 300) + String(repeating: "]", count: 300) + "\n"
        for spread in [false, true] {
            #expect(throws: UnitDataError.self) {
                try UnitDataFile.parse(text: deep, file: "d.yaml", catalogue: catalogue, spread: spread)
            }
            do { _ = try UnitDataFile.parse(text: deep, file: "d.yaml", catalogue: catalogue, spread: spread) } catch {
                #expect(error.problems.first?.message.contains("嵌套层次过深") == true)
            }
        }
    }
}
