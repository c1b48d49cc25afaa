import Foundation

/// Text normalisation for matching titles, headers and labels written by different tools and people.
enum TextNorm {
    /// Removes all white space (ASCII, full-width, line breaks) and unifies quotes and brackets.
    static func key(_ s: String) -> String {
        let (change, plain) = scan(s)
        // Most labels need no change: return them as they are without building a new string.
        if !change { return s }
        return plain ? plainKey(s) : characterKey(s)
    }

    /// `key(s)` and whether it is plain (`TextScan.isPlain`), the common case decided in one pass over `s`.
    static func keyAndPlain(_ s: String) -> (key: String, plain: Bool) {
        let (change, plain) = scan(s)
        if !change { return (s, plain) }
        // Removing white space and mapping marks to ASCII keeps plain text plain.
        if plain { return (plainKey(s), true) }
        let k = characterKey(s)
        return (k, TextScan.isPlain(k))
    }

    /// Whether `key` would change `s` (a Character is white space or one of the mapped marks only if
    /// one of its scalars is), and whether `s` is plain (`TextScan.isPlain`): one pass over its UTF-8.
    private static func scan(_ s: String) -> (change: Bool, plain: Bool) {
        var change = false, plain = true
        let scanned: Void? = s.utf8.withContiguousStorageIfAvailable { b in
            let n = b.count
            var i = 0
            while i < n {
                let b0 = b[i]
                if b0 < 0x80 {   // ASCII: plain
                    if b0 <= 0x20 || b0 == 0x22 || b0 == 0x27 || b0 == 0x7F { change = true }
                    i += 1
                } else if b0 >= 0xE5 && b0 <= 0xE9 {   // U+5000 … U+9FFF, CJK ideographs: plain, kept as they are
                    i += 3
                } else {
                    var v: UInt32
                    if b0 < 0xE0 {
                        v = UInt32(b0 & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F); i += 2
                    } else if b0 < 0xF0 {
                        v = UInt32(b0 & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F); i += 3
                    } else {
                        v = UInt32(b0 & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6 | UInt32(b[i + 3] & 0x3F)
                        i += 4
                    }
                    if needsChange(v) { change = true }
                    if !TextScan.isPlain(v) { plain = false }
                }
            }
        }
        if scanned == nil {
            _ = TextScan.anyScalar(s) { v in
                if needsChange(v) { change = true }
                if !TextScan.isPlain(v) { plain = false }
                return false
            }
        }
        return (change, plain)
    }

    /// `key` Character by Character: the rule itself, used for text that is not plain (and by the
    /// tests as the reference the fast paths must match).
    static func characterKey(_ s: String) -> String {
        var out = ""
        for ch in s {
            if ch.isWhitespace || ch == "\u{3000}" || ch == "\u{00A0}" { continue }
            switch ch {
            case "“", "”", "＂", "\"", "「", "」", "‘", "’", "'": out.append("\"")
            case "（": out.append("(")
            case "）": out.append(")")
            case "：": out.append(":")
            case "，": out.append(",")
            default: out.append(ch)
            }
        }
        return out
    }

    /// `key` of plain text (TextScan.isPlain), scalar by scalar: each plain scalar is a whole
    /// Character, and among plain scalars the white space is ASCII's, U+00A0 and U+3000.
    private static func plainKey(_ s: String) -> String {
        if let key = plainKeyOfBytes(s) { return key }
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            let v = u.value
            switch v {
            case 0x09...0x0D, 0x20, 0xA0, 0x3000: continue
            case 0x201C, 0x201D, 0xFF02, 0x22, 0x300C, 0x300D, 0x2018, 0x2019, 0x27: out.append(0x22)
            case 0xFF08: out.append(0x28)
            case 0xFF09: out.append(0x29)
            case 0xFF1A: out.append(0x3A)
            case 0xFF0C: out.append(0x2C)
            case 0..<0x80: out.append(UInt8(v))
            case 0x80..<0x800:
                out.append(UInt8(0xC0 | (v >> 6))); out.append(UInt8(0x80 | (v & 0x3F)))
            default:   // plain scalars are in the BMP
                out.append(UInt8(0xE0 | (v >> 12))); out.append(UInt8(0x80 | ((v >> 6) & 0x3F))); out.append(UInt8(0x80 | (v & 0x3F)))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `plainKey` on the string's UTF-8 in place (nil when it has none contiguous): ASCII and the
    /// CJK ideographs U+5000 … U+9FFF are copied as bytes, other scalars decoded and mapped.
    private static func plainKeyOfBytes(_ s: String) -> String? {
        s.utf8.withContiguousStorageIfAvailable { b -> String in
            let n = b.count
            var out: [UInt8] = []
            out.reserveCapacity(n)
            var i = 0
            while i < n {
                let b0 = b[i]
                if b0 < 0x80 {
                    switch b0 {
                    case 0x09...0x0D, 0x20: break
                    case 0x22, 0x27: out.append(0x22)
                    default: out.append(b0)
                    }
                    i += 1
                    continue
                }
                let length = b0 < 0xE0 ? 2 : (b0 < 0xF0 ? 3 : 4)
                guard i + length <= n else { break }   // (valid UTF-8 always holds the whole scalar)
                if b0 >= 0xE5 && b0 <= 0xE9 {
                    out.append(b0); out.append(b[i + 1]); out.append(b[i + 2])
                    i += 3
                    continue
                }
                var v = UInt32(b0) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                for k in 1..<length { v = v << 6 | UInt32(b[i + k] & 0x3F) }
                switch v {
                case 0xA0, 0x3000: break
                case 0x201C, 0x201D, 0xFF02, 0x300C, 0x300D, 0x2018, 0x2019: out.append(0x22)
                case 0xFF08: out.append(0x28)
                case 0xFF09: out.append(0x29)
                case 0xFF1A: out.append(0x3A)
                case 0xFF0C: out.append(0x2C)
                default: for k in 0..<length { out.append(b[i + k]) }
                }
                i += length
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    @inline(__always)
    private static func needsChange(_ v: UInt32) -> Bool {
        if v < 0x80 { return v <= 0x20 || v == 0x22 || v == 0x27 || v == 0x7F }
        switch v {
        case 0x201C, 0x201D, 0xFF02, 0x300C, 0x300D, 0x2018, 0x2019, 0xFF08, 0xFF09, 0xFF1A, 0xFF0C: return true   // “”＂「」‘’（）：，
        // Unicode White_Space beyond ASCII (the whole list; cheaper than a property lookup per scalar).
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// Trims white space including full-width spaces.
    static func trim(_ s: String) -> String {
        // Scalar by scalar, as Foundation trims; most texts have nothing to trim and are returned as they are.
        if endsAreKept(s) { return s }
        let scalars = s.unicodeScalars
        guard let first = scalars.first, let last = scalars.last, isTrimmed(first) || isTrimmed(last) else { return s }
        var a = scalars.startIndex, b = scalars.endIndex
        while a < b, isTrimmed(scalars[a]) { a = scalars.index(after: a) }
        while b > a, isTrimmed(scalars[scalars.index(before: b)]) { b = scalars.index(before: b) }
        return String(scalars[a..<b])
    }

    /// Whether `trim` keeps both ends of `s`, decided on bytes for the common ends: an ASCII character,
    /// or a CJK character (`TextScan.isIdeograph`). false also for ends it cannot decide so.
    private static func endsAreKept(_ s: String) -> Bool {
        s.utf8.withContiguousStorageIfAvailable { b -> Bool in
            let n = b.count
            guard n > 0 else { return false }
            func ascii(at i: Int) -> Bool { b[i] < 0x80 && !isTrimmed(Unicode.Scalar(b[i])) }
            // A three-byte scalar starting at i (a lead byte 1110xxxx) that is a CJK character.
            func ideograph(at i: Int) -> Bool {
                guard i >= 0, i + 2 < n, b[i] & 0xF0 == 0xE0 else { return false }
                return TextScan.isIdeograph(UInt32(b[i] & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F))
            }
            let firstKept = ascii(at: 0) || ideograph(at: 0)
            let lastKept = b[n - 1] < 0x80 ? ascii(at: n - 1) : ideograph(at: n - 3)
            return firstKept && lastKept
        } ?? false
    }

    /// Parses an amount cell: numbers, numeric text with thousands separators, "-"/"—"/"" as blank.
    /// Returns .success(nil) for blank, .failure for text that is not a number.
    static func amount(_ v: GridValue) -> Result<Decimal?, AmountParseError> {
        switch v {
        case .empty: return .success(nil)
        case let .number(d): return .success(d)
        case .bool, .error: return .failure(AmountParseError(text: v.text))
        case let .text(raw):
            var s = withoutSeparators(trim(raw))
            if s.isEmpty || ["-", "—", "–", "--", "——", "－"].contains(s) { return .success(nil) }
            var negative = false
            if s.hasPrefix("(") && s.hasSuffix(")") || s.hasPrefix("（") && s.hasSuffix("）") {
                negative = true; s = String(s.dropFirst().dropLast())
            }
            if s.hasPrefix("－") { negative.toggle(); s = String(s.dropFirst()) }
            guard isPlainNumber(s) ?? (s.range(of: #"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$"#, options: .regularExpression) != nil),
                  let d = Decimal(string: s, locale: posix) else {
                return .failure(AmountParseError(text: raw))
            }
            return .success(negative ? -d : d)
        }
    }

    private static let posix = Locale(identifier: "en_US_POSIX")

    /// The text without "," "，" and " ": by bytes for plain text (TextScan.isPlain), where that is what
    /// Foundation's replacement gives; by Foundation otherwise.
    static func withoutSeparators(_ s: String) -> String {
        guard TextScan.isPlain(s) else {
            return s.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "，", with: "")
                .replacingOccurrences(of: " ", with: "")
        }
        let bytes = Array(s.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x2C || b == 0x20 { i += 1; continue }
            if b == 0xEF, i + 2 < bytes.count, bytes[i + 1] == 0xBC, bytes[i + 2] == 0x8C { i += 3; continue }   // ，
            out.append(b)
            i += 1
        }
        return out.count == bytes.count ? s : String(decoding: out, as: UTF8.self)
    }

    /// `^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$` decided by hand; nil for text with a line break (the
    /// expression decides: its `$` also matches before a final line break).
    static func isPlainNumber(_ s: String) -> Bool? {
        var digitsBefore = 0, digitsAfter = 0, points = 0, index = 0
        var other = false
        for u in s.unicodeScalars {
            switch u.value {
            case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return nil
            case 0x2B, 0x2D, 0x2E, 0x30...0x39: continue
            default: other = true
            }
        }
        if other { return false }
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                if index != 0 { return false }
            case UInt8(ascii: "."):
                points += 1
                if points > 1 { return false }
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if points == 0 { digitsBefore += 1 } else { digitsAfter += 1 }
            default:
                return nil
            }
            index += 1
        }
        return digitsBefore > 0 || digitsAfter > 0
    }

    /// Hundredths of the unit, rounded half away from zero (cells may carry binary noise like 1704.8700000001).
    static func hundredths(_ d: Decimal) -> Int64 {
        if let fast = exactHundredths(d) { return fast }
        return roundedHundredths(d)
    }

    /// Powers of ten that fit in a UInt64 (10^0 … 10^19).
    private static let powersOfTen: [UInt64] = (0...19).map { n in (0..<n).reduce(UInt64(1)) { p, _ in p * 10 } }

    /// `hundredths` computed on the decimal's own mantissa and exponent, without Foundation's decimal
    /// arithmetic; nil when the mantissa is wider than 64 bits or the result leaves Int64 (those take
    /// Foundation's way). Rounds half away from zero, as NSDecimalRound's .plain does.
    static func exactHundredths(_ d: Decimal) -> Int64? {
        guard !d.isNaN, let mantissa = DecimalMantissa.value(d) else { return nil }
        if mantissa == 0 { return 0 }
        let shift = d.exponent + 2
        var magnitude: UInt64
        if shift >= 0 {
            guard shift <= 19 else { return nil }
            let (product, overflow) = mantissa.multipliedReportingOverflow(by: powersOfTen[shift])
            guard !overflow else { return nil }
            magnitude = product
        } else {
            let k = -shift
            guard k <= 19 else { return 0 }   // mantissa < 2^64 < 0.5 × 10^20: rounds to 0
            let divisor = powersOfTen[k]
            magnitude = mantissa / divisor
            let remainder = mantissa % divisor
            if remainder >= divisor - remainder { magnitude += 1 }   // half or more: away from zero
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return d.sign == .minus ? -Int64(magnitude) : Int64(magnitude)
    }

    /// `hundredths` by Foundation's decimal arithmetic (the reference for `exactHundredths`).
    static func roundedHundredths(_ d: Decimal) -> Int64 {
        var x = d * 100
        var r = Decimal()
        NSDecimalRound(&r, &x, 0, .plain)
        return NSDecimalNumber(decimal: r).int64Value
    }
}

struct AmountParseError: Error { var text: String }

/// The integer mantissa of a Decimal when it fits 64 bits. Foundation keeps the mantissa private; it is
/// read from the value's bytes (exponent, length and flags, two reserved bytes, then eight
/// 16-bit words), and only after `layoutHolds` has confirmed that layout on known values. Where it does not
/// hold, every value takes Foundation's arithmetic.
enum DecimalMantissa {
    static func value(_ d: Decimal) -> UInt64? {
        guard layoutHolds else { return nil }
        return raw(d)
    }

    private static func raw(_ d: Decimal) -> UInt64? {
        withUnsafeBytes(of: d) { bytes -> UInt64? in
            // The second byte holds the mantissa's length in 16-bit words in its high four bits.
            guard bytes.count == 20, bytes[1] >> 4 <= 4 else { return nil }
            var m: UInt64 = 0
            for i in 0..<4 { m |= UInt64(bytes.loadUnaligned(fromByteOffset: 4 + 2 * i, as: UInt16.self)) << (16 * i) }
            return m
        }
    }

    /// Whether `raw` reads known values right: their mantissa, and nil for one wider than 64 bits.
    static let layoutHolds: Bool = {
        let posix = Locale(identifier: "en_US_POSIX")
        let known: [(String, UInt64?)] = [("-1234.5", 12345), ("65536", 65536), ("0.001", 1), ("4294967297", 4_294_967_297),
                                          ("18446744073709551615", UInt64.max), ("123456789012345678901234567890", nil)]
        for (text, mantissa) in known {
            guard let d = Decimal(string: text, locale: posix) else { return false }
            let read = raw(d)
            if read != mantissa { return false }
            if let m = read, Decimal(sign: d.sign, exponent: d.exponent, significand: Decimal(m)) != d { return false }
        }
        return true
    }()
}
