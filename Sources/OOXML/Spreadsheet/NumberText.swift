import Foundation

/// Exact decimal parsing of the number text found in cells ("1704.8699999999999", "-1.5E-3").
enum NumberText {
    private static let posix = Locale(identifier: "en_US_POSIX")

    /// nil when the bytes are not a number. Values beyond Decimal's range (above about 1E+165)
    /// are rejected; values below 1E-128 (floating-point dust) read as 0.
    static func decimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Decimal? {
        var i = 0
        var n = bytes.count
        while i < n, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
        while n > i, bytes[n - 1] == 0x20 || bytes[n - 1] == 0x09 || bytes[n - 1] == 0x0A || bytes[n - 1] == 0x0D { n -= 1 }
        guard i < n else { return nil }
        var negative = false
        if bytes[i] == UInt8(ascii: "-") { negative = true; i += 1 } else if bytes[i] == UInt8(ascii: "+") { i += 1 }
        var significand: UInt64 = 0
        var significantDigits = 0
        var exponent = 0
        var sawDigit = false
        var sawPoint = false
        var overflow = false
        while i < n {
            let b = bytes[i]
            if b >= 0x30, b <= 0x39 {
                sawDigit = true
                if significand == 0 && b == 0x30 {
                    if sawPoint { exponent -= 1 }
                } else if significantDigits < 19 {
                    significand = significand * 10 + UInt64(b - 0x30)
                    significantDigits += 1
                    if sawPoint { exponent -= 1 }
                } else {
                    overflow = true
                    if !sawPoint { exponent += 1 }
                }
            } else if b == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
            } else {
                break
            }
            i += 1
        }
        guard sawDigit else { return nil }
        if i < n {
            guard bytes[i] | 0x20 == UInt8(ascii: "e") else { return nil }
            i += 1
            var expNegative = false
            if i < n, bytes[i] == UInt8(ascii: "-") { expNegative = true; i += 1 } else if i < n, bytes[i] == UInt8(ascii: "+") { i += 1 }
            var e = 0
            var expDigits = 0
            while i < n, bytes[i] >= 0x30, bytes[i] <= 0x39 {
                e = min(e * 10 + Int(bytes[i] - 0x30), 100_000)
                expDigits += 1
                i += 1
            }
            guard expDigits > 0, i == n else { return nil }
            exponent += expNegative ? -e : e
        }
        if overflow {
            // More than 19 significant digits: let Foundation parse all of them (up to 38).
            return Decimal(string: String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<n]), as: UTF8.self), locale: posix)
        }
        if significand == 0 { return Decimal(0) }
        // Keep the exponent inside Decimal's range by shedding trailing zeros first.
        while exponent < 0, significand % 10 == 0 { significand /= 10; exponent += 1 }
        while exponent > 127, significand < UInt64.max / 10 { significand *= 10; exponent -= 1 }
        if exponent < -128 - 18 { return Decimal(0) }
        while exponent < -128 { significand /= 10; exponent += 1 }
        guard exponent <= 127 else { return nil }
        return Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: Decimal(significand))
    }

    static func decimal(_ text: String) -> Decimal? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { decimal(UnsafeBufferPointer($0)) }
    }
}
