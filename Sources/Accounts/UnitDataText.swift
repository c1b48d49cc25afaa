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
        var a = a, b = b   // withUTF8 is mutating only to make a bridged string native
        return a.withUTF8 { x in b.withUTF8 { y in x.elementsEqual(y) } }
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
        trimmed(Substring(text), set)
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

    /// Set membership; ASCII scalars outside the whitespace range are never members of the sets used here.
    private static func contains(_ set: CharacterSet, _ c: Unicode.Scalar) -> Bool {
        if c.isASCII && c.value > 0x20 { return false }
        return set.contains(c)
    }
}
