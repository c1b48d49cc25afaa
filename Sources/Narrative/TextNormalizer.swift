/// Text as read and the same text in one canonical form for matching figures and subject words,
/// with a map from every canonical character back to the character of the original it came from.
///
/// Canonical form: ASCII digits, "." as decimal point, no thousands separators or spaces inside
/// numbers, "%" for ％, full-width （）：；， for punctuation outside numbers, and simplified
/// characters for the traditional forms of the key words.
public struct NormalizedText: Sendable, Hashable {
    public let original: [Character]
    public let normalized: [Character]
    /// origin[i] is the index in `original` of normalized[i]. Always the same length as normalized.
    public let origin: [Int]

    public var text: String { String(normalized) }
    public var originalText: String { String(original) }

    /// The range of original characters that a range of normalized characters came from.
    public func originalRange(_ range: Range<Int>) -> Range<Int> {
        guard !range.isEmpty, range.lowerBound < origin.count else {
            let at = range.lowerBound < origin.count ? origin[range.lowerBound] : original.count
            return at..<at
        }
        let upper = min(range.upperBound, origin.count) - 1
        return origin[range.lowerBound]..<(origin[upper] + 1)
    }

    /// The original text behind a range of normalized characters.
    public func originalSubstring(_ range: Range<Int>) -> String {
        let r = originalRange(range)
        return String(original[r])
    }
}

public enum TextNormalizer {
    /// Traditional forms of the characters found in key words of a narrative, one character for
    /// one so offsets stay aligned.
    static let traditional: [Character: Character] = {
        let from = Array("萬減長預決總計費經撥額較與務業對補貼資產運營財項類個輛體況說佔為國險醫療衛會礎購獎勵養實際數餘結轉場級屬單從並開門關機構設備車輕載學職離戶稅維護舊證劃規處動變統標準節環衞陸區鎮鄉廳廣電視術辦郵繫億債災應儲糧農輸貿訊網絡軟價幣")
        let to = Array("万减长预决总计费经拨额较与务业对补贴资产运营财项类个辆体况说占为国险医疗卫会础购奖励养实际数余结转场级属单从并开门关机构设备车轻载学职离户税维护旧证划规处动变统标准节环卫陆区镇乡厅广电视术办邮系亿债灾应储粮农输贸讯网络软价币")
        var map: [Character: Character] = [:]
        for (a, b) in zip(from, to) { map[a] = b }
        return map
    }()

    static let fullWidthDigits: [Character: Character] = [
        "０": "0", "１": "1", "２": "2", "３": "3", "４": "4",
        "５": "5", "６": "6", "７": "7", "８": "8", "９": "9",
    ]

    static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }

    public static func normalize(_ text: String) -> NormalizedText {
        let original = Array(text)
        // Pass 1: one-for-one replacements (digits, percent, traditional characters, punctuation).
        var chars: [Character] = original.map { c in
            if let d = fullWidthDigits[c] { return d }
            if let s = traditional[c] { return s }
            switch c {
            case "％", "﹪": return "%"
            case "(": return "（"
            case ")": return "）"
            case ":": return "："
            case ";": return "；"
            case "\u{3000}", "\u{00A0}", "\t": return " "
            default: return c
            }
        }
        // Full-width or ideographic points and commas between digits become number punctuation.
        for i in chars.indices where i > 0 && i + 1 < chars.count {
            if chars[i] == "．", isDigit(chars[i - 1]), isDigit(chars[i + 1]) { chars[i] = "." }
            if chars[i] == "，", isDigit(chars[i - 1]), isDigit(chars[i + 1]) { chars[i] = "," }
        }
        // Pass 2: drop thousands separators and spaces inside numbers; turn other ASCII commas into ，.
        var normalized: [Character] = []
        var origin: [Int] = []
        normalized.reserveCapacity(chars.count); origin.reserveCapacity(chars.count)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == ",", isThousandsSeparator(chars, at: i) { i += 1; continue }
            if c == " ", isSpaceInsideNumber(chars, at: i) { i += 1; continue }
            normalized.append(c == "," ? "，" : c)
            origin.append(i)
            i += 1
        }
        return NormalizedText(original: original, normalized: normalized, origin: origin)
    }

    /// "1,704.87": a comma with digits before it and exactly three digits after (then a non-digit).
    static func isThousandsSeparator(_ s: [Character], at i: Int) -> Bool {
        guard i > 0, isDigit(s[i - 1]) else { return false }
        for k in 1...3 { guard i + k < s.count, isDigit(s[i + k]) else { return false } }
        if i + 4 < s.count, isDigit(s[i + 4]) { return false }
        return true
    }

    /// "1 704.87", "1704. 87", "1704 .87": spaces between digits, or beside a decimal point that
    /// has digits on both sides. Not "2021年 3月" (a space beside a non-digit).
    static func isSpaceInsideNumber(_ s: [Character], at i: Int) -> Bool {
        var before = i - 1
        while before >= 0, s[before] == " " { before -= 1 }
        var after = i + 1
        while after < s.count, s[after] == " " { after += 1 }
        guard before >= 0, after < s.count else { return false }
        let b = s[before], a = s[after]
        if isDigit(b), isDigit(a) {
            // "1 704": the part after the space must be a three-digit group to count as one number.
            var n = 0, k = after
            while k < s.count, isDigit(s[k]) { n += 1; k += 1 }
            return n == 3
        }
        if b == ".", before > 0, isDigit(s[before - 1]), isDigit(a) { return true }
        if isDigit(b), a == ".", after + 1 < s.count, isDigit(s[after + 1]) { return true }
        return false
    }
}
