import Foundation

/// Exact, fast stand-ins for the Foundation searches and regular expressions on the table reader's
/// hot path. Each gives what the Foundation call gives: on text where bytes and Foundation's
/// (canonical-equivalence) comparison could differ, it calls Foundation itself.
enum TextScan {
    /// Whether a scalar compares in Foundation's default search exactly as its UTF-8 bytes do: no
    /// combining marks, no canonical decompositions or singletons, no ignorable characters, no
    /// multi-scalar characters. ASCII, Latin-1 symbols, CJK ideographs and punctuation, full-width forms.
    @inline(__always)
    static func isPlain(_ v: UInt32) -> Bool {
        if v < 0x80 { return true }
        switch v {
        case 0xA0...0xAC, 0xAE...0xBF, 0xD7, 0xF7, 0x2010...0x2027, 0x2030...0x205E, 0x2160...0x217F,
             0x2460...0x24FF, 0x3000...0x3029, 0x3030...0x303F, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xFF01...0xFF60, 0xFFE0...0xFFE6:
            return true
        default:
            return false
        }
    }

    /// Every scalar of `s` is plain (see `isPlain(_:)`).
    static func isPlain(_ s: String) -> Bool {
        !anyScalar(s) { !isPlain($0) }
    }

    /// Whether `test` holds for a scalar of `s`. Decodes the string's own UTF-8 (always valid in a
    /// native string) instead of going through the scalar view, which costs several times more.
    @inline(__always)
    static func anyScalar(_ s: String, _ test: (UInt32) -> Bool) -> Bool {
        let found = s.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            let n = bytes.count
            var i = 0
            while i < n {
                let b0 = UInt32(bytes[i])
                let v: UInt32
                if b0 < 0x80 {
                    v = b0; i += 1
                } else if b0 < 0xE0 {
                    v = (b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F); i += 2
                } else if b0 < 0xF0 {
                    v = (b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F); i += 3
                } else {
                    v = (b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
                        | UInt32(bytes[i + 3] & 0x3F)
                    i += 4
                }
                if test(v) { return true }
            }
            return false
        }
        return found ?? s.unicodeScalars.contains { test($0.value) }
    }

    /// `s.contains(t)` as Foundation answers it (false for an empty `t`).
    static func contains(_ s: String, _ t: String) -> Bool {
        guard isPlain(s), isPlain(t) else { return s.contains(t) }
        return bytesContain(s, t)
    }

    /// Byte search of UTF-8; on plain text the same as Foundation's search (UTF-8 matches start on a
    /// scalar, and plain scalars are single characters).
    static func bytesContain(_ s: String, _ t: String) -> Bool {
        var s = s, t = t
        return s.withUTF8 { a in t.withUTF8 { b in bytesContain(a, b) } }
    }

    /// Whether the UTF-8 of `s` starts with that of `t`; on plain text the same as `hasPrefix`.
    static func bytesStart(_ s: String, with t: String) -> Bool {
        var s = s, t = t
        return s.withUTF8 { a in t.withUTF8 { b in bytesStart(a, with: b) } }
    }

    static func bytesStart(_ a: UnsafeBufferPointer<UInt8>, with b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count >= b.count else { return false }
        var i = 0
        while i < b.count {
            if a[i] != b[i] { return false }
            i += 1
        }
        return true
    }

    static func bytesContain(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = a.count, m = b.count
        guard m > 0, m <= n else { return false }
        let first = b[0]
        var i = 0
        while i <= n - m {
            if a[i] == first {
                var j = 1
                while j < m && a[i + j] == b[j] { j += 1 }
                if j == m { return true }
            }
            i += 1
        }
        return false
    }

    /// Characters in a plain string (scalars: plain scalars are whole characters, and the keys this
    /// is used on hold no CR LF pair).
    static func plainCount(_ s: String) -> Int { scalarCount(s) }

    /// The number of Unicode scalars of `s` (its UTF-8 bytes that start one).
    static func scalarCount(_ s: String) -> Int {
        // On the contiguous bytes (the string's own, or a small string's copy) rather than through the view.
        if let n = s.utf8.withContiguousStorageIfAvailable({ b in b.reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) } }) { return n }
        var n = 0
        for b in s.utf8 where b & 0xC0 != 0x80 { n += 1 }
        return n
    }

    /// The string of these scalar values (each a valid scalar), encoded straight into UTF-8.
    static func string(scalars: [UInt32]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(scalars.count * 3)
        for v in scalars {
            switch v {
            case 0..<0x80: out.append(UInt8(v))
            case 0x80..<0x800: out.append(UInt8(0xC0 | (v >> 6))); out.append(UInt8(0x80 | (v & 0x3F)))
            case 0x800..<0x10000:
                out.append(UInt8(0xE0 | (v >> 12))); out.append(UInt8(0x80 | ((v >> 6) & 0x3F))); out.append(UInt8(0x80 | (v & 0x3F)))
            default:
                out.append(UInt8(0xF0 | (v >> 18))); out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
                out.append(UInt8(0x80 | ((v >> 6) & 0x3F))); out.append(UInt8(0x80 | (v & 0x3F)))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether the UTF-8 of `s` ends with that of `t`; on plain text the same as `hasSuffix`.
    static func bytesEnd(_ s: String, with t: String) -> Bool {
        var s = s, t = t
        return s.withUTF8 { a in
            t.withUTF8 { b in a.count >= b.count && bytesStart(UnsafeBufferPointer(rebasing: a[(a.count - b.count)...]), with: b) }
        }
    }

    /// The text after the last `byte` (an ASCII byte, so a scalar of its own), or all of `s` without one.
    static func afterLast(_ byte: UInt8, in s: String) -> String {
        guard let i = s.utf8.lastIndex(of: byte) else { return s }
        return String(s[s.utf8.index(after: i)...])
    }

    // MARK: regular-expression stand-ins (ICU: \d is Unicode Nd, \s is [\t\n\f\r\p{Z}])

    @inline(__always)
    static func isDigit(_ u: Unicode.Scalar) -> Bool {
        if u.value < 0x80 { return u.value >= 0x30 && u.value <= 0x39 }
        if isIdeograph(u.value) { return false }
        return u.properties.generalCategory == .decimalNumber
    }

    /// CJK punctuation, kana and ideographs (U+3001 … U+9FFF): neither white space nor decimal digits
    /// (Unicode has none there), so the property lookups can be skipped for the bulk of Chinese text.
    @inline(__always)
    static func isIdeograph(_ v: UInt32) -> Bool { v > 0x3000 && v < 0xA000 }

    @inline(__always)
    static func isRegexSpace(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x09, 0x0A, 0x0C, 0x0D, 0x20: return true
        case 0..<0x80: return false
        default:
            switch u.properties.generalCategory {
            case .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
            default: return false
            }
        }
    }

    /// `^\d+$` on text without line breaks (keys): one or more digits and nothing else.
    static func isAllDigits(_ s: String) -> Bool {
        // ASCII text is decided by its bytes; other text scalar by scalar.
        let ascii = s.utf8.withContiguousStorageIfAvailable { b -> Bool? in
            for byte in b {
                if byte >= 0x80 { return nil }
                if byte < 0x30 || byte > 0x39 { return false }
            }
            return !b.isEmpty
        }
        if let decided = ascii ?? nil { return decided }
        var any = false
        for u in s.unicodeScalars {
            guard isDigit(u) else { return false }
            any = true
        }
        return any
    }

    /// `^\d{3}(\d{2}){0,2}$` on a key: a subject code of 3, 5 or 7 digits.
    static func isSubjectCode(_ s: String) -> Bool {
        var n = 0
        for u in s.unicodeScalars {
            guard isDigit(u) else { return false }
            n += 1
        }
        return n == 3 || n == 5 || n == 7
    }

    /// The match of `^\d{3}(\d{2}){0,2}\s+`: a code of 3, 5 or 7 digits, then white space (all of it).
    static func leadingCodeRange(in s: String) -> Range<String.Index>? {
        let scalars = s.unicodeScalars
        var i = scalars.startIndex
        var digits = 0
        while i < scalars.endIndex, isDigit(scalars[i]) { digits += 1; i = scalars.index(after: i) }
        guard digits == 3 || digits == 5 || digits == 7, i < scalars.endIndex, isRegexSpace(scalars[i]) else { return nil }
        while i < scalars.endIndex, isRegexSpace(scalars[i]) { i = scalars.index(after: i) }
        return s.startIndex..<i
    }

    /// Whether the scalars of `s` end with those of `suffix` (no canonical equivalence, as in a pattern).
    static func scalarsEnd(_ s: String, with suffix: String) -> Bool {
        let a = s.unicodeScalars, b = suffix.unicodeScalars
        var i = a.endIndex, j = b.endIndex
        while j > b.startIndex {
            guard i > a.startIndex else { return false }
            i = a.index(before: i); j = b.index(before: j)
            if a[i] != b[j] { return false }
        }
        return true
    }
}

extension TextNorm {
    /// The white space `trim` removes: Foundation's white space and newlines (full-width and
    /// no-break spaces are among them), built once; ASCII members in a table.
    static let trimmed = CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{3000}\u{00A0}"))
    private static let trimmedASCII: [Bool] = (0..<128).map { trimmed.contains(Unicode.Scalar(UInt8($0))) }
    /// The white space of `GridValue.isEmpty` (Foundation's, as it was called there).
    static let blank = CharacterSet.whitespacesAndNewlines
    private static let blankASCII: [Bool] = (0..<128).map { blank.contains(Unicode.Scalar(UInt8($0))) }

    @inline(__always)
    static func isTrimmed(_ u: Unicode.Scalar) -> Bool {
        u.value < 0x80 ? trimmedASCII[Int(u.value)] : !TextScan.isIdeograph(u.value) && trimmed.contains(u)
    }

    /// Whether `s.trimmingCharacters(in: .whitespacesAndNewlines)` is empty.
    static func isBlank(_ s: String) -> Bool {
        s.unicodeScalars.allSatisfy { $0.value < 0x80 ? blankASCII[Int($0.value)] : !TextScan.isIdeograph($0.value) && blank.contains($0) }
    }
}
