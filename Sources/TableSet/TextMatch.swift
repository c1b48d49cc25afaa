/// Finding by Chinese name without paying for Unicode normalization on every comparison: Swift
/// compares non-ASCII strings through canonical equivalence, so a search over column or panel
/// names looks for the same bytes first and falls back to `==` only when no entry has them.
/// The answer is the one `firstIndex { key($0) == name }` gives.
enum UnitText {
    static func same(_ a: String, _ b: String) -> Bool { sameBytes(a, b) || a == b }

    /// Whether the two texts have the same UTF-8 bytes.
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        var a = a, b = b   // withUTF8 is mutating only to make a bridged string native
        return a.withUTF8 { x in b.withUTF8 { y in x.elementsEqual(y) } }
    }
}

extension Collection {
    func firstIndex(named name: String, by key: (Element) -> String) -> Index? {
        firstIndex { UnitText.sameBytes(key($0), name) } ?? firstIndex { key($0) == name }
    }

    func first(named name: String, by key: (Element) -> String) -> Element? {
        firstIndex(named: name, by: key).map { self[$0] }
    }
}
