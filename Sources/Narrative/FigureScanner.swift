import Foundation

/// A number with its unit found in normalised text.
struct Figure {
    var range: Range<Int>          // number and unit, in normalised characters
    var numberRange: Range<Int>
    var value: Decimal
    var decimals: Int
    var unit: ClaimUnit
    var negative: Bool
}

enum FigureScanner {
    /// Units after a number, longest first.
    static let units: [(String, ClaimUnit)] = [
        ("万元", .wanYuan), ("台（套）", .set), ("人次", .personTimes), ("批次", .batch),
        ("元", .yuan), ("%", .percent), ("个", .item), ("辆", .vehicle), ("人", .person),
        ("次", .times), ("家", .household),
    ]

    static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }

    /// Every number followed by a unit in chars[range]. Numbers right after "占" are kept without a
    /// unit (a share missing its %); thresholds ("单价50万元以上") and dates are skipped.
    static func figures(in chars: [Character], range: Range<Int>) -> [Figure] {
        var out: [Figure] = []
        var i = range.lowerBound
        while i < range.upperBound {
            guard isDigit(chars[i]), i == range.lowerBound || !(isDigit(chars[i - 1]) || chars[i - 1] == ".") else {
                i += 1; continue
            }
            var start = i
            var negative = false
            if i > range.lowerBound, "-－−".contains(chars[i - 1]) { negative = true; start = i - 1 }
            var j = i
            while j < range.upperBound, isDigit(chars[j]) { j += 1 }
            var decimals = 0
            if j + 1 < range.upperBound, chars[j] == ".", isDigit(chars[j + 1]) {
                j += 1
                while j < range.upperBound, isDigit(chars[j]) { j += 1; decimals += 1 }
            }
            let numberText = String(chars[i..<j])
            let numberEnd = j
            var k = j
            while k < range.upperBound, chars[k] == " " { k += 1 }
            var unit: ClaimUnit?
            var unitEnd = k
            for (word, u) in units {
                let w = Array(word)
                if k + w.count <= range.upperBound, Array(chars[k..<(k + w.count)]) == w {
                    unit = u; unitEnd = k + w.count; break
                }
            }
            defer { i = max(numberEnd, i + 1) }
            let before = String(chars[max(range.lowerBound, start - 4)..<start])
            if unit == nil {
                // "占99.71；" — a share without its percent sign.
                // The clause since the last delimiter must say 占 shortly before the number.
                var k2 = start - 1, clause = ""
                while k2 >= range.lowerBound, start - k2 <= 14, !"，；：。、".contains(chars[k2]) { clause = String(chars[k2]) + clause; k2 -= 1 }
                if clause.contains("占") {
                    unit = ClaimUnit.none; unitEnd = numberEnd
                } else { continue }
            }
            // Thresholds: "单价50万元以上", "100万元以下".
            let after = String(chars[unitEnd..<min(range.upperBound, unitEnd + 2)])
            if before.hasSuffix("单价") || after.hasPrefix("以上") || after.hasPrefix("以下") { continue }
            // "5个月", "1个项目" stay counts; "6个月" is a duration.
            if unit == .item, after.hasPrefix("月") { continue }
            guard let value = Decimal(string: numberText) else { continue }
            out.append(Figure(range: start..<unitEnd, numberRange: start..<numberEnd,
                              value: negative ? -value : value, decimals: decimals, unit: unit ?? .none,
                              negative: negative))
        }
        return out
    }
}
