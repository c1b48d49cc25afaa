/// An exact amount of money in 分 (hundredths of a yuan). Amounts never pass through Double.
public struct Money: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var fen: Int64

    public init(fen: Int64) { self.fen = fen }
    public init(yuan: Int64) { self.fen = yuan * 100 }
    public static let zero = Money(fen: 0)

    public static func + (a: Money, b: Money) -> Money { Money(fen: a.fen + b.fen) }
    public static func - (a: Money, b: Money) -> Money { Money(fen: a.fen - b.fen) }
    public static func += (a: inout Money, b: Money) { a.fen += b.fen }
    public static func -= (a: inout Money, b: Money) { a.fen -= b.fen }
    public static prefix func - (a: Money) -> Money { Money(fen: -a.fen) }
    public static func < (a: Money, b: Money) -> Bool { a.fen < b.fen }
    public var isZero: Bool { fen == 0 }

    /// The amount in hundredths of 万元 (1 = 100 元), rounded half up (away from zero for
    /// negatives, as accountants round magnitudes). This is the value a table shows and stores.
    public var wanYuanHundredths: Int64 { Money.roundHalfUp(fen, divisor: 10_000) }

    /// Text with two decimals in 万元, e.g. "1704.87".
    public var wanYuanText: String { Money.decimalText(wanYuanHundredths, scale: 2) }
    /// Text with two decimals in 元, e.g. "17048700.00".
    public var yuanText: String { Money.decimalText(fen, scale: 2) }

    public var description: String { yuanText + "元" }

    /// Integer division rounding half away from zero.
    public static func roundHalfUp(_ value: Int64, divisor: Int64) -> Int64 {
        let q = value / divisor, r = value % divisor
        if r * 2 >= divisor { return q + 1 }
        if r * 2 <= -divisor { return q - 1 }
        return q
    }

    /// Formats an integer count of 10^-scale units as a decimal string.
    public static func decimalText(_ value: Int64, scale: Int) -> String {
        var p: UInt64 = 1
        for _ in 0..<scale { p *= 10 }
        let m = value.magnitude
        var whole = m / p, frac = m % p
        // Written from the last digit backwards into one buffer: sign, whole part, ".", `scale` digits.
        var wholeDigits = 1
        var w = whole / 10
        while w > 0 { wholeDigits += 1; w /= 10 }
        let count = (value < 0 ? 1 : 0) + wholeDigits + (scale > 0 ? scale + 1 : 0)
        return String(unsafeUninitializedCapacity: count) { buffer in
            var i = count
            for _ in 0..<scale { i -= 1; buffer[i] = UInt8(ascii: "0") + UInt8(frac % 10); frac /= 10 }
            if scale > 0 { i -= 1; buffer[i] = UInt8(ascii: ".") }
            repeat { i -= 1; buffer[i] = UInt8(ascii: "0") + UInt8(whole % 10); whole /= 10 } while whole > 0
            if value < 0 { i -= 1; buffer[i] = UInt8(ascii: "-") }
            return count
        }
    }

    /// Parses a plain decimal amount in 元 ("1234.5", "-3", "1,234.56") exactly; nil if it has
    /// more than two decimals or is not a number.
    public init?(yuanText text: String) {
        // Any byte outside ASCII makes the text no plain amount, so the bytes decide.
        var bytes = text.utf8.filter { $0 != UInt8(ascii: ",") }
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        var negative = false
        if bytes.first == UInt8(ascii: "-") { negative = true; bytes.removeFirst() }
        else if bytes.first == UInt8(ascii: "+") { bytes.removeFirst() }
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        func number(_ digits: ArraySlice<UInt8>) -> Int64? {
            var v: Int64 = 0
            for d in digits {
                guard d >= UInt8(ascii: "0") && d <= UInt8(ascii: "9") else { return nil }
                v = v * 10 + Int64(d - UInt8(ascii: "0"))
            }
            return v
        }
        guard parts.count <= 2, let wholePart = parts.first, !wholePart.isEmpty, wholePart.count <= 15,
              let whole = number(wholePart) else { return nil }
        var frac: Int64 = 0
        if parts.count == 2 {
            let f = parts[1]
            guard !f.isEmpty, f.count <= 2, let v = number(f) else { return nil }
            frac = f.count == 1 ? v * 10 : v
        }
        let total = whole * 100 + frac
        self.fen = negative ? -total : total
    }
}

extension Sequence where Element == Money {
    public func sum() -> Money { reduce(.zero, +) }
}
