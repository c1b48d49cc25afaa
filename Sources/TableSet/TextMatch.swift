import Foundation

/// Finding by Chinese name without paying for Unicode normalization on every comparison: Swift
/// compares non-ASCII strings through canonical equivalence, so a search over column or panel
/// names looks for the same bytes first and falls back to `==` only when no entry has them.
/// The answer is the one `firstIndex { key($0) == name }` gives.
enum UnitText {
    static func same(_ a: String, _ b: String) -> Bool { sameBytes(a, b) || a == b }

    /// `a == b`, without Unicode normalization when neither text could need it.
    static func equal(_ a: String, _ b: String) -> Bool {
        if sameBytes(a, b) { return true }
        if isPlain(a) && isPlain(b) { return false }
        return a == b
    }

    /// Whether the two texts have the same UTF-8 bytes.
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        var a = a, b = b   // withUTF8 is mutating only to make a bridged string native
        return a.withUTF8 { x in
            b.withUTF8 { y in
                guard let p = x.baseAddress, let q = y.baseAddress else { return x.count == y.count }
                return memcmp(p, q, x.count) == 0
            }
        }
    }

    /// Whether every character of `s` is one canonical equivalence leaves alone (no canonical
    /// decomposition, combining class 0): ASCII, CJK ideographs, CJK and general punctuation,
    /// full-width forms. Two such texts are `==` exactly when their bytes are the same.
    static func isPlain(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { bytes in
            // Every plain character is ASCII or three UTF-8 bytes (U+0800...U+FFFF).
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                if b < 0x80 { i += 1; continue }
                guard b & 0xF0 == 0xE0, i + 2 < bytes.count else { return false }
                let v = UInt32(b & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                guard (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x3000...0x3029).contains(v)
                    || (0xFF01...0xFF5E).contains(v) || (0x2010...0x2027).contains(v) else { return false }
                i += 3
            }
            return true
        }
    }

    /// FNV-1a of the text's UTF-8 bytes: a cheap key for finding texts with the same bytes.
    static func byteHash(_ s: String) -> UInt64 {
        var s = s
        return s.withUTF8 { bytes in
            var h: UInt64 = 0xCBF2_9CE4_8422_2325
            for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
            return h
        }
    }
}

extension Collection {
    func firstIndex(named name: String, by key: (Element) -> String) -> Index? {
        if let i = firstIndex(where: { UnitText.sameBytes(key($0), name) }) { return i }
        // A plain name equals a plain key only byte for byte: only other keys need `==`.
        if UnitText.isPlain(name) { return firstIndex { let k = key($0); return !UnitText.isPlain(k) && k == name } }
        return firstIndex { key($0) == name }
    }

    func first(named name: String, by key: (Element) -> String) -> Element? {
        firstIndex(named: name, by: key).map { self[$0] }
    }
}
