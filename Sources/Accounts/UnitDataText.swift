import Foundation

/// Text helpers for reading data files quickly. Swift compares and hashes non-ASCII strings
/// through Unicode normalization, and Foundation's trimming builds an NSString; a data file has
/// thousands of short Chinese scalars, so these decide on the bytes first and fall back to the
/// exact (slower) operation only when the bytes cannot decide. Results equal the plain operations.
enum UnitDataText {
    /// `a == b`, answered from the bytes when they are the same.
    static func same(_ a: String, _ b: String) -> Bool {
        sameBytes(a, b) || a == b
    }

    /// Whether the two texts have the same UTF-8 bytes.
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        if let same = a.utf8.withContiguousStorageIfAvailable({ x in sameBytes(x, b) }) { return same }
        return a.utf8.elementsEqual(b.utf8)
    }

    /// Whether `text` has exactly these UTF-8 bytes.
    static func sameBytes(_ bytes: UnsafeBufferPointer<UInt8>, _ text: String) -> Bool {
        guard bytes.count == text.utf8.count else { return false }
        guard let start = bytes.baseAddress else { return true }   // both empty
        return text.utf8.withContiguousStorageIfAvailable { t in
            t.baseAddress.map { memcmp(start, $0, bytes.count) == 0 } ?? true
        } ?? bytes.elementsEqual(text.utf8)
    }

    /// `list.firstIndex(of: key)`: an entry with the same bytes first, else canonical equivalence.
    static func index(of key: String, in list: [String]) -> Int? {
        if let i = list.firstIndex(where: { sameBytes($0, key) }) { return i }
        return list.firstIndex(of: key)
    }

    static let whitespaceAndNewlines = CharacterSet.whitespacesAndNewlines
    /// Spaces and tabs, and the ideographic space written between a code and its name.
    static let spaces = CharacterSet.whitespaces.union(["\u{3000}"])

    /// `text.trimmingCharacters(in: set)`, without Foundation when neither end needs trimming.
    static func trimmed(_ text: String, _ set: CharacterSet = whitespaceAndNewlines) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return "" }
        if !contains(set, first) && !contains(set, last) { return text }
        return trimmed(Substring(text), set)
    }

    static func trimmed(_ text: Substring, _ set: CharacterSet = whitespaceAndNewlines) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return "" }
        if !contains(set, first) && !contains(set, last) { return String(text) }
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, contains(set, scalars[start]) { start = scalars.index(after: start) }
        while end > start, contains(set, scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return String(text[start..<end])   // scalar-aligned bounds: Substring keeps them as they are
    }

    /// Whether the UTF-8 text might begin or end with a space or line break: false when its first
    /// and last characters are surely neither (ASCII above 0x20, or a scalar above U+3FFF, whose
    /// lead byte is E4 or more), so that trimming it would change nothing.
    static func mayNeedTrimming(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        func surelyNot(_ lead: UInt8) -> Bool { (lead > 0x20 && lead < 0x80) || lead >= 0xE4 }
        guard let first = bytes.first, let lastLead = bytes.last(where: { $0 & 0xC0 != 0x80 }) else { return true }
        return !(surelyNot(first) && surelyNot(lastLead))
    }

    /// Set membership. The sets used here hold only spaces and line breaks: ASCII ones up to
    /// 0x20, and others up to U+3000 (the ideographic space), so Chinese text is decided at once.
    private static func contains(_ set: CharacterSet, _ c: Unicode.Scalar) -> Bool {
        if (c.isASCII && c.value > 0x20) || c.value > 0x3000 { return false }
        return set.contains(c)
    }
}
