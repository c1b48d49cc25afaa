import Foundation

/// The shared string table a writer builds: each distinct text once, in first-use order.
struct SharedStringTable {
    private(set) var strings: [String] = []
    private var index: [String: Int] = [:]
    /// How many cells refer to the table (the `count` attribute).
    private(set) var references = 0

    mutating func add(_ text: String) -> Int {
        references += 1
        if let i = index[text] { return i }
        let i = strings.count
        strings.append(text)
        index[text] = i
        return i
    }

    /// Leading/trailing blanks and line breaks survive only with xml:space="preserve".
    static func needsPreserve(_ s: String) -> Bool {
        s.first.map { $0.isWhitespace } == true || s.last.map { $0.isWhitespace } == true || s.contains("\n") || s.contains("\t")
    }

    func xml() -> Data {
        var x = XMLOutput()
        x.raw("<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"")
        x.attr("count", references)
        x.attr("uniqueCount", strings.count)
        x.raw(">")
        for s in strings {
            // Leading/trailing blanks and line breaks survive only with xml:space="preserve".
            x.raw(Self.needsPreserve(s) ? "<si><t xml:space=\"preserve\">" : "<si><t>")
            x.cellText(s)
            x.raw("</t></si>")
        }
        x.raw("</sst>")
        return x.data
    }
}

/// The workbook's shared string table, shared by its sheets (rows written ahead of time add to it).
final class SharedStringStore {
    var table = SharedStringTable()
}
