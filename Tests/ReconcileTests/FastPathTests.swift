import Foundation
import Testing
import Accounts
@testable import Reconcile

/// The byte-level stand-ins of the table reader's hot path give what Foundation and the regular
/// expressions they replace give.
@Suite struct FastPathTests {
    static let texts = [
        "收入支出决算总表", "2021年收入决算表", "表「收入决算表」", "金额单位:万元", "编制单位:某局", "（一）基本支出",
        "e\u{0301}x", "café", "Ω\u{2126}", "金\u{F90A}额", "a\r\nb", "", " ", "合计", "空表", "12,345.67", "１２３",
        "\u{3000}合计\u{00A0}", "其中:人员经费", "单位:元", "部门:某局单位:万元", "(1)", "\u{200B}x", "ｘ（ｙ）",
    ]

    @Test func containsMatchesFoundation() {
        let words = ["收入", "决算表", "「", "e", "é", "Ω", "金", "\n", "合计", "空表", ",", "1", "单位", "x", "（"]
        for text in Self.texts {
            for word in words {
                #expect(TextScan.contains(text, word) == text.contains(word), "\(text) / \(word)")
            }
        }
    }

    @Test func trimAndBlankMatchFoundation() {
        let set = CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{3000}\u{00A0}"))
        for text in Self.texts + ["\u{2028}a\u{85}", "\t\u{000B}x\u{000C}", " \u{0301}a ", "\u{200B}", "合计 ", " 合计", "合\u{3000}",
                                  "\u{3000}", "合\u{0301}", "x\u{00A0}", "中", "é", "𠀀", "中𠀀", "𠀀中", "中é", "é中", "a\u{2003}"] {
            #expect(TextNorm.trim(text) == text.trimmingCharacters(in: set), "\(text)")
            #expect(TextNorm.isBlank(text) == text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(text)")
        }
    }

    /// The range `TextScan.isIdeograph` lets skip the Unicode lookups holds no white space and no digit.
    @Test func ideographsAreNeitherSpaceNorDigits() {
        let set = CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{3000}\u{00A0}"))
        for v in UInt32(0x3001)..<0xA000 {
            guard let u = Unicode.Scalar(v) else { continue }
            #expect(TextScan.isIdeograph(v))
            if set.contains(u) || u.properties.generalCategory == .decimalNumber { Issue.record("U+\(String(v, radix: 16))") }
        }
        #expect(!TextScan.isIdeograph(0x3000) && !TextScan.isIdeograph(0xA620))
    }

    /// The category key made by scalars is Accounts' normalised name of the row key.
    @Test func categoryKeyIsTheNormalisedName() throws {
        let names = try SubjectCatalogue.builtin2021().functionalCategories.map(\.name)
        var texts = ["一般公共服务支出", "社会保障和就业(类)", "社会保障和就业（类）支出", "（款）", "支出", "出", "支出支出",
                     "教育（项）（类）", "a(类)b", "（类", "合计", "", "e\u{0301}支出", "金\u{F90A}额（类）", "卫生 健康支出", "\u{3000}教育"]
        for name in names { texts += [name, name + "（类）", "一、" + name, RuleContext.rowKey("  " + name + " ")] }
        for text in texts {
            let (key, plain) = TableLocator.categoryKey(text)
            #expect(key == SubjectCatalogue.normalizedName(text), "\(text)")
            #expect(plain == TextScan.isPlain(key), "\(text)")
        }
    }

    /// A plain-key table answers as its dictionary does, for plain keys and others.
    @Test func plainKeyTableAnswersAsTheDictionary() {
        let table = TableVocabulary.synonymTable
        var keys = Array(TableVocabulary.synonyms.keys) + ["", "运行", "运行费 ", "财政拨款收入", "购置\u{8CB7}", "e\u{0301}"]
        keys += TableVocabulary.synonyms.keys.map { $0 + "x" }
        for key in keys { #expect(table.value(for: key) == TableVocabulary.synonyms[key], "\(key)") }
        // A table with a key that is not plain answers every key through the dictionary.
        let mixed = PlainKeyTable(["caf\u{E9}": 1, "表": 2, "e\u{0301}": 3])
        #expect(mixed.value(for: "cafe\u{0301}") == 1 && mixed.value(for: "表") == 2 && mixed.value(for: "\u{E9}") == 3)
        #expect(PlainKeyTable(["": 5]).value(for: "") == 5 && PlainKeyTable(["a": 1]).value(for: "") == nil)
    }

    @Test func byteEndsAndAfterLast() {
        #expect(TextScan.bytesEnd("本年收入合计", with: "合计") && !TextScan.bytesEnd("合计", with: "本年合计") && TextScan.bytesEnd("x", with: ""))
        #expect(TextScan.bytesStart("说明:本表", with: "说明:") && !TextScan.bytesStart("说", with: "说明"))
        #expect(TextScan.afterLast(UInt8(ascii: ":"), in: "金额单位:万元") == "万元" && TextScan.afterLast(UInt8(ascii: ":"), in: "a:b:") == "")
        #expect(TextScan.afterLast(UInt8(ascii: ":"), in: "万元") == "万元")
        #expect(TextScan.string(scalars: [0x41, 0xE9, 0x8868, 0x20000]) == "Aé表𠀀")
        #expect(TableSheetParser.statedUnit("金额单位:元") == .yuan && TableSheetParser.statedUnit("单位:万元:元") == .yuan)
        #expect(TableSheetParser.statedUnit("金额单位:") == .wanYuan && TableSheetParser.statedUnit("单位:美元") == .yuan)
    }

    @Test func subjectCodesMatchTheExpressions() {
        for text in ["201", "20101", "2010101", "2010", "201010", "２０１", "20a", "", "201 一般公共服务", "20805  养老", "2080\t", "٢٠١", "20١"] {
            #expect(TextScan.isSubjectCode(text) == (text.range(of: #"^\d{3}(\d{2}){0,2}$"#, options: .regularExpression) != nil), "\(text)")
            #expect(TextScan.isAllDigits(text) == (text.range(of: #"^\d+$"#, options: .regularExpression) != nil), "\(text)")
            #expect(TextScan.leadingCodeRange(in: text) == text.range(of: #"^\d{3}(\d{2}){0,2}\s+"#, options: .regularExpression), "\(text)")
        }
    }

    @Test(arguments: ["公开01表", "公开１表", "表3", "附表", "附表2", "收入决算表", "公开表", "表", "附表x", "公开01表\n"])
    func tableCodeMatchesTheExpression(_ text: String) {
        let expected = text.range(of: #"^公开\d+表$|^表\d+$|^附表\d*$"#, options: .regularExpression) != nil
        #expect(TableSheetParser.isTableCode(text) == expected)
    }

    @Test(arguments: ["（二十一）项目", "(3)其他", "（3其他", "3．合计", "十、", "十", "(a)", "()x", "１、x"])
    func enumerationPrefixMatchesTheExpression(_ text: String) {
        #expect(TableSheetParser.enumerationPrefixRange(in: text) == text.range(of: TableSheetParser.enumerationPrefix, options: .regularExpression))
    }

    @Test func statedUnitsReadAsBefore() {
        #expect(TableSheetParser.statedUnit("金额单位:万元") == .wanYuan)
        #expect(TableSheetParser.statedUnit("单位:元") == .yuan)
        #expect(TableSheetParser.statedUnit("部门:某局单位:万元") == .wanYuan)
        #expect(TableSheetParser.statedUnit("部门:某局单位:元") == .yuan)
        #expect(TableSheetParser.statedUnit("编制单位:某单位") == nil)
        #expect(TableSheetParser.statedUnit("共计三元") == nil)
    }

    @Test func amountsParseAsTheExpressionDecides() {
        for text in ["1704.87", "+.5", "5.", ".", "+", "-1", "1-2", "1.2.3", "００", "12\n", "+-1", "007", ".5e3", ""] {
            let expected = text.range(of: #"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$"#, options: .regularExpression) != nil
            if let decided = TextNorm.isPlainNumber(text) { #expect(decided == expected, "\(text)") }
        }
        let cases: [(String, Decimal?)] = [("1,704.87", Decimal(string: "1704.87")), ("（12.5）", Decimal(-12.5)), ("-", nil), (" 3 ", 3)]
        for (text, expected) in cases {
            guard case let .success(d) = TextNorm.amount(.text(text)) else { Issue.record("\(text)"); continue }
            #expect(d == expected, "\(text)")
        }
        if case .success = TextNorm.amount(.text("１２")) { Issue.record("full-width digits are not an amount") }
    }

    @Test func headerBracketsAsFoundationReplacesThem() {
        for key in ["因公出国(境)费", "合计", "a(b)c", "(", "e\u{0301}(x)"] {
            let expected = TableVocabulary.synonyms[key]
                ?? key.replacingOccurrences(of: "(", with: "（").replacingOccurrences(of: ")", with: "）")
            #expect(TableVocabulary.canonicalLevel(key) == expected, "\(key)")
        }
    }

    @Test func cellNamesAsBefore() {
        #expect(SheetGrid.a1(row: 0, column: 0) == "A1")
        #expect(SheetGrid.a1(row: 6, column: 1) == "B7")
        #expect(SheetGrid.a1(row: 9, column: 25) == "Z10")
        #expect(SheetGrid.a1(row: 0, column: 26) == "AA1")
        #expect(SheetGrid.a1(row: 9, column: 0) == "A10")
        #expect(SheetGrid.a1(row: 99_999, column: 3) == "D100000")
        #expect(SheetGrid.a1(row: 999_997, column: 25) == "Z999998")
        #expect(SheetGrid.a1(row: 1_048_575, column: 2) == "C1048576")
    }

    /// The mantissa-and-exponent rounding gives what Foundation's decimal arithmetic gives, on cell texts
    /// (halves, binary dust, exponents, huge and tiny values) and on random decimals.
    @Test func hundredthsMatchFoundationRounding() {
        let texts = ["0", "-0", "1704.87", "1704.8700000001", "1704.8699999999999", "0.005", "-0.005", "0.0049999",
                     "2.675", "1.5E2", "1e-3", "-1678.135", "99999999999.995", "92233720368547758.07", "92233720368547758.08",
                     "-92233720368547758.08", "184467440737095516.15", "1.8446744073709551615", "0.00000000000000000005",
                     "5E-21", "1E+17", "1E+18", "123456789012345678901234567890", "1.2345678901234567890123456789",
                     "0.125", "-0.125", "0.135", "1E-40"]
        var values = texts.compactMap { Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX")) }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func random() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 11 }
        for _ in 0..<5_000 {
            let mantissa = random() % (random() % 2 == 0 ? 1_000_000_000 : UInt64.max >> 11)
            let exponent = Int(random() % 30) - 22
            values.append(Decimal(sign: random() % 2 == 0 ? .plus : .minus, exponent: exponent, significand: Decimal(mantissa)))
        }
        for d in values {
            #expect(TextNorm.hundredths(d) == TextNorm.roundedHundredths(d), "\(d)")
        }
        #expect(DecimalMantissa.layoutHolds, "the fast path reads Decimal's mantissa on this platform")
        #expect(TextNorm.exactHundredths(Decimal(string: "1704.875")!) == 170_488)
        #expect(TextNorm.exactHundredths(Decimal(string: "-0.005")!) == -1)
    }
}
