import Foundation
import Testing
@testable import Reconcile

/// The fast paths of name normalisation give what the plain rules give.
@Suite struct NormalisationTests {
    /// TextNorm.key as written before its fast paths: per Character.
    static func referenceKey(_ s: String) -> String { TextNorm.characterKey(s) }

    static let samples = [
        "一般公共服务支出", "  （一）基本支出 ", "收入支出决算总表", "金额单位：万元", "“三公”经费", "a\u{00A0}b\u{3000}c",
        "合\n计", "2080505", "项目（款）", "e\u{0301}x", "\r\n", "", "其中：人员经费", "'q'", "表 1", "\u{2028}x\u{85}",
    ]

    @Test(arguments: samples)
    func keyMatchesThePlainRule(_ text: String) {
        #expect(TextNorm.key(text) == Self.referenceKey(text))
    }

    /// `keyAndPlain` gives the key and its plain flag for every scalar of the BMP and a few beyond,
    /// whichever of its byte paths reads it.
    @Test func keyAndPlainMatchesTheKey() {
        var texts = Self.samples
        for value in Array(UInt32(0)...0xFFFF) + [0x10000, 0x1F600, 0x20000, 0x2F800, 0x10FFFF] {
            guard let u = Unicode.Scalar(value) else { continue }
            texts.append("收\(Character(u))入")
        }
        for text in texts {
            let (key, plain) = TextNorm.keyAndPlain(text)
            let expected = Self.referenceKey(text)
            if key != expected || plain != TextScan.isPlain(expected) { Issue.record("\(text.unicodeScalars.map { String($0.value, radix: 16) })") }
        }
    }

    /// Every white-space scalar (by Unicode's property) is removed, whichever path handles it.
    @Test func everyWhiteSpaceScalarIsRemoved() {
        for value in UInt32(0)...0x10FFFF {
            guard let u = Unicode.Scalar(value), u.properties.isWhitespace else { continue }
            let text = "收\(Character(u))入"
            #expect(TextNorm.key(text) == Self.referenceKey(text), "U+\(String(value, radix: 16))")
        }
    }

    @Test(arguments: ["一、一般公共服务支出", "（二）项目支出", "(3)其他", "3.合计", "12、x", "十一、住房保障支出",
                      "一般公共服务支出", "合计", "3合计", "（合计）", "", "其中：人员"])
    func enumerationPrefixMatchesTheExpression(_ text: String) {
        let expected = text.range(of: TableSheetParser.enumerationPrefix, options: .regularExpression)
        #expect(TableSheetParser.enumerationPrefixRange(in: text) == expected)
    }

    @Test(arguments: ["公开01表", "表3", "附表", "附表2", "收入决算表", "公开表", "表"])
    func tableCodeMatchesTheExpression(_ text: String) {
        let expected = text.range(of: #"^公开\d+表$|^表\d+$|^附表\d*$"#, options: .regularExpression) != nil
        #expect(TableSheetParser.isTableCode(text) == expected)
    }

    @Test func startsWithDigitFollowsUnicodeDigits() {
        #expect(TableSheetParser.startsWithDigit("201"))
        #expect(TableSheetParser.startsWithDigit("２０１"))   // full-width digits are \d too
        #expect(!TableSheetParser.startsWithDigit("一、"))
        #expect(!TableSheetParser.startsWithDigit(""))
    }
}
