/// Finding by Chinese name without paying for Unicode normalization on every comparison: Swift
/// compares non-ASCII strings through canonical equivalence, so a search over column or panel
/// names looks for the same bytes first and falls back to `==` only when no entry has them.
/// The answer is the one `firstIndex { key($0) == name }` gives.
enum UnitText {
    static func same(_ a: String, _ b: String) -> Bool { a.utf8.elementsEqual(b.utf8) || a == b }
}

extension Collection {
    func firstIndex(named name: String, by key: (Element) -> String) -> Index? {
        firstIndex { key($0).utf8.elementsEqual(name.utf8) } ?? firstIndex { key($0) == name }
    }

    func first(named name: String, by key: (Element) -> String) -> Element? {
        firstIndex(named: name, by: key).map { self[$0] }
    }
}
