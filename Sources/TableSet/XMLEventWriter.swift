import Foundation
import OOXML

/// Writes XML text back from SecureXMLReader events. The root start tag is copied byte for byte
/// from the source (it carries the namespace declarations and mc:Ignorable prefixes); deeper
/// elements get their prefixes from the declarations in scope, declaring well-known ones where
/// a namespace first appears below the root.
struct XMLEventWriter {
    private(set) var out = ""
    private var scopes: [[String: String]] = []   // namespace URI -> prefix ("" = default)
    private var rootName = ""
    private var counter = 0
    /// How many namespace declarations this writer has added below the root.
    private(set) var declarationCount = 0
    /// Where `slot()` and slot attributes left a place to fill, as UTF-8 offsets into `out`.
    private(set) var slotOffsets: [Int] = []

    static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"
    static let wellKnown: [String: String] = [
        "http://schemas.openxmlformats.org/spreadsheetml/2006/main": "x",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships": "r",
        "http://schemas.openxmlformats.org/markup-compatibility/2006": "mc",
        "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main": "x14",
        "http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac": "x14ac",
        "http://schemas.microsoft.com/office/excel/2006/main": "xm",
        "http://schemas.microsoft.com/office/spreadsheetml/2010/11/main": "x15",
        "http://schemas.microsoft.com/office/spreadsheetml/2014/revision": "xr",
        "http://schemas.microsoft.com/office/spreadsheetml/2015/revision2": "xr2",
        "http://schemas.microsoft.com/office/spreadsheetml/2016/revision3": "xr3",
        "http://schemas.openxmlformats.org/drawingml/2006/main": "a",
    ]

    /// Starts the document: XML declaration and the root tag copied from `source`.
    mutating func begin(source: Data, file: String, part: String) throws {
        guard let raw = Self.rootTag(in: source) else {
            throw TableSetError("\(file) 的部件 \(part) 没有根元素")
        }
        out = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        out += raw.tag
        rootName = raw.name
        scopes = [raw.namespaces]
    }

    mutating func endRoot() { out += "</" + rootName + ">" }

    func prefix(for uri: String) -> String? {
        for scope in scopes.reversed() { if let p = scope[uri] { return p } }
        return nil
    }

    /// Writes a start tag (not the root). Returns the qualified name for the end tag.
    /// The values of the attributes at `slotAt` are left out, their places noted in `slotOffsets`.
    mutating func start(_ localName: String, namespace: String?, attributes: [(localName: String, namespace: String?, value: String)],
                        empty: Bool, slotAt: [Int] = []) -> String {
        var declarations: [(String, String)] = []
        var scope: [String: String] = [:]
        func qualified(_ name: String, _ uri: String?, isAttribute: Bool) -> String {
            guard let uri else { return name }
            if uri == Self.xmlNamespace { return "xml:" + name }
            if let p = scope[uri] ?? prefix(for: uri), !(isAttribute && p.isEmpty) {
                return p.isEmpty ? name : p + ":" + name
            }
            var p = Self.wellKnown[uri] ?? ""
            if p.isEmpty || scopes.contains(where: { $0.values.contains(p) }) || scope.values.contains(p) {
                counter += 1; p = "ns\(counter)"
            }
            scope[uri] = p
            declarations.append((p, uri))
            return p + ":" + name
        }
        let name = qualified(localName, namespace, isAttribute: false)
        var text = "<" + name
        for (k, a) in attributes.enumerated() {
            text += " " + qualified(a.localName, a.namespace, isAttribute: true) + "=\""
            if slotAt.contains(k) { slotOffsets.append(out.utf8.count + text.utf8.count) } else { text += Self.escapeAttribute(a.value) }
            text += "\""
        }
        declarationCount += declarations.count
        for (p, uri) in declarations { text += " xmlns:" + p + "=\"" + Self.escapeAttribute(uri) + "\"" }
        text += empty ? "/>" : ">"
        out += text
        if !empty { scopes.append(scope) }
        return name
    }

    mutating func end(_ qualifiedName: String) {
        out += "</" + qualifiedName + ">"
        scopes.removeLast()
    }

    mutating func text(_ s: String) { out += Self.escapeText(s) }
    mutating func raw(_ s: String) { out += s }
    /// Leaves a place to fill here (see `slotOffsets`).
    mutating func slot() { slotOffsets.append(out.utf8.count) }

    /// Text and attribute values as every part juesuan writes escapes them; a character XML
    /// cannot carry becomes Excel's `_xHHHH_`, which readers turn back into the character.
    static func escapeText(_ s: String) -> String { XMLEscape.text(s, unrepresentable: .excelEscape) }
    static func escapeAttribute(_ s: String) -> String { XMLEscape.attribute(s, unrepresentable: .excelEscape) }

    /// The root start tag as written, its qualified name and its namespace declarations.
    static func rootTag(in data: Data) -> (tag: String, name: String, namespaces: [String: String])? {
        let bytes = [UInt8](data)
        var i = 0
        // Skip the declaration, comments and processing instructions before the root.
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "<"), i + 1 < bytes.count else { i += 1; continue }
            let next = bytes[i + 1]
            if next == UInt8(ascii: "?") || next == UInt8(ascii: "!") { i += 2; continue }
            break
        }
        guard i < bytes.count else { return nil }
        var j = i + 1
        var quote: UInt8? = nil
        while j < bytes.count {
            let b = bytes[j]
            if let q = quote { if b == q { quote = nil } }
            else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") { quote = b }
            else if b == UInt8(ascii: ">") { break }
            j += 1
        }
        guard j < bytes.count, bytes[j - 1] != UInt8(ascii: "/") else { return nil }
        let tag = String(decoding: bytes[i...j], as: UTF8.self)
        let inner = tag.dropFirst().dropLast()
        let name = String(inner.prefix { !" \t\r\n".contains($0) })
        var namespaces: [String: String] = [:]
        // xmlns="uri" and xmlns:p="uri"
        var rest = Substring(inner)
        while let r = rest.range(of: "xmlns") {
            var k = r.upperBound
            var p = ""
            if k < rest.endIndex, rest[k] == ":" {
                k = rest.index(after: k)
                let start = k
                while k < rest.endIndex, rest[k] != "=", !" \t\r\n".contains(rest[k]) { k = rest.index(after: k) }
                p = String(rest[start..<k])
            }
            while k < rest.endIndex, " \t\r\n=".contains(rest[k]) { k = rest.index(after: k) }
            guard k < rest.endIndex, rest[k] == "\"" || rest[k] == "'" else { rest = rest[r.upperBound...]; continue }
            let q = rest[k]
            let vStart = rest.index(after: k)
            guard let vEnd = rest[vStart...].firstIndex(of: q) else { break }
            namespaces[String(rest[vStart..<vEnd])] = p
            rest = rest[rest.index(after: vEnd)...]
        }
        return (tag, name, namespaces)
    }
}

extension XMLEventWriter {
    /// This writer in its current namespace state, with nothing written yet.
    func emptyCopy() -> XMLEventWriter {
        var copy = self
        copy.out = ""
        copy.slotOffsets = []
        return copy
    }

    /// The qualified name an element of `namespace` gets here (for elements written as text).
    func qualifiedName(_ localName: String, namespace: String?) -> String {
        guard let namespace, let p = prefix(for: namespace) else { return localName }
        return p.isEmpty ? localName : p + ":" + localName
    }
}
