import Testing
@testable import TableSet

/// The byte-level shortcuts of name lookups give the answers of plain `==`.
@Suite struct TextMatchTests {
    static let texts = [
        "", "abc", "201", "20101", "本年收入合计", "一、一般公共预算财政拨款收入", "“三公”经费", "（其他）", "A－B",
        "e\u{301}", "\u{E9}", "Å", "A\u{30A}", "\u{212B}", "가", "\u{1100}\u{1161}", "ｶ", "\u{F900}", "\u{8C48}", "𠀀", "a\u{302A}",
        "基本支出/人员经费", "基本支出/人员经费 ",
    ]

    @Test func equalIsStringEquality() {
        for a in Self.texts {
            for b in Self.texts { #expect(UnitText.equal(a, b) == (a == b), "“\(a)” 与 “\(b)”") }
        }
    }

    @Test func plainTextsAreEqualOnlyByTheirBytes() {
        let plain = Self.texts.filter(UnitText.isPlain)
        #expect(UnitText.isPlain("本年收入合计") && UnitText.isPlain("（其他）") && UnitText.isPlain("A－B"))
        #expect(!UnitText.isPlain("e\u{301}") && !UnitText.isPlain("\u{F900}") && !UnitText.isPlain("𠀀") && !UnitText.isPlain("a\u{302A}"))
        #expect(!UnitText.isPlain("\u{E9}") && !UnitText.isPlain("가") && !UnitText.isPlain("ｶ"))
        for a in plain {
            for b in plain { #expect((a == b) == UnitText.sameBytes(a, b)) }
        }
    }

    @Test func lookupByNameFindsTheFirstEqualName() {
        let names = ["A\u{30A}", "Å", "本年收入合计", "\u{212B}"]
        for key in Self.texts {
            #expect(names.firstIndex(named: key, by: { $0 }) == (names.firstIndex(where: { UnitText.sameBytes($0, key) }) ?? names.firstIndex(of: key)))
        }
    }
}
