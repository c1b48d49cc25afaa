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
        return a.withUTF8 { x in b.withUTF8 { y in x.elementsEqual(y) } }
    }

    /// Whether every character of `s` is one canonical equivalence leaves alone (no canonical
    /// decomposition, combining class 0): ASCII, CJK ideographs, CJK and general punctuation,
    /// full-width forms. Two such texts are `==` exactly when their bytes are the same.
    static func isPlain(_ s: String) -> Bool {
        s.unicodeScalars.allSatisfy { c in
            let v = c.value
            return v < 0x80 || (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v)
                || (0x3000...0x3029).contains(v) || (0xFF01...0xFF5E).contains(v) || (0x2010...0x2027).contains(v)
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
