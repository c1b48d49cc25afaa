/// The row each panel shows in one copy of a repeated band (nil panel: the table's default rows).
/// A short list instead of a dictionary: there are one to three panels, and hashing a Chinese
/// panel name costs a Unicode normalization, where comparing its bytes is a few instructions.
struct BandRows: ExpressibleByDictionaryLiteral {
    private(set) var entries: [(panel: String?, row: TableRow?)] = []

    init(dictionaryLiteral elements: (String?, TableRow?)...) {
        for (panel, row) in elements { self[panel] = .some(row) }
    }

    init<S: Sequence>(_ pairs: S) where S.Element == (String?, TableRow?) {
        for (panel, row) in pairs { self[panel] = .some(row) }
    }

    var panels: [String?] { entries.map(\.panel) }

    /// As a dictionary's subscript: nil when the panel has no entry, .some(nil) when it has no row here.
    subscript(panel: String?) -> TableRow?? {
        get { index(of: panel).map { entries[$0].row } }
        set {
            if let i = index(of: panel) {
                if let newValue { entries[i].row = newValue } else { entries.remove(at: i) }
            } else if let newValue {
                entries.append((panel, newValue))
            }
        }
    }

    private func index(of panel: String?) -> Int? {
        guard let panel else { return entries.firstIndex { $0.panel == nil } }
        return entries.firstIndex { $0.panel.map { sameBytes($0, panel) } ?? false }
            ?? entries.firstIndex { $0.panel == panel }
    }

    private func sameBytes(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && a.utf8.elementsEqual(b.utf8)
    }
}
