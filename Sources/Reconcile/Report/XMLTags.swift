import Foundation
import OOXML

/// A tag of an XML part, with its byte range, so a part can be edited in place: the annotator changes
/// a few elements of a sheet, styles or workbook part and leaves every other byte as the file had it.
struct XMLTag {
    enum Kind { case start, end, empty }
    var kind: Kind
    /// Qualified name as written (e.g. "c", "x:row").
    var name: String
    var attributes: [(name: String, value: String)]
    /// Byte range of the whole tag, `<` to `>`.
    var range: Range<Int>

    var localName: Substring { name.split(separator: ":").last ?? Substring(name) }
    var prefix: String? { name.contains(":") ? String(name.split(separator: ":")[0]) : nil }

    func attribute(_ name: String) -> String? { attributes.first { $0.name == name }?.value }
    /// An attribute by local name, whatever its prefix (r:id, x:id …).
    func attribute(local: String) -> String? {
        attributes.first { $0.name == local || $0.name.hasSuffix(":" + local) }?.value
    }
}

/// Scans the tags of a well-formed XML part. Comments, CDATA and processing instructions are skipped;
/// a DOCTYPE is refused (OOXML parts never have one, and entity tricks must not reach us).
struct XMLTagScanner {
    let bytes: [UInt8]
    let part: String
    let path: String

    init(_ data: Data, part: String, path: String) {
        bytes = [UInt8](data); self.part = part; self.path = path
    }

    func tags() throws -> [XMLTag] {
        var result: [XMLTag] = []
        var i = 0
        let n = bytes.count
        while i < n {
            guard bytes[i] == UInt8(ascii: "<") else { i += 1; continue }
            let start = i
            if hasPrefix("<!--", at: i) {
                i = try skip(past: "-->", from: i + 4)
            } else if hasPrefix("<![CDATA[", at: i) {
                i = try skip(past: "]]>", from: i + 9)
            } else if hasPrefix("<?", at: i) {
                i = try skip(past: "?>", from: i + 2)
            } else if hasPrefix("<!", at: i) {
                throw ReportError.malformed(path: path, part: part, detail: "含有 DOCTYPE 声明，拒绝处理")
            } else {
                i = try tagEnd(from: i + 1)
                result.append(try parseTag(start..<i))
            }
        }
        return result
    }

    private func hasPrefix(_ s: String, at i: Int) -> Bool {
        let p = Array(s.utf8)
        return i + p.count <= bytes.count && Array(bytes[i..<i + p.count]) == p
    }

    private func skip(past terminator: String, from i: Int) throws -> Int {
        var j = i
        while j < bytes.count {
            if hasPrefix(terminator, at: j) { return j + terminator.utf8.count }
            j += 1
        }
        throw ReportError.malformed(path: path, part: part, detail: "第 \(i) 字节处的标记没有结束")
    }

    /// Index after the `>` closing a tag, honouring quoted attribute values.
    private func tagEnd(from i: Int) throws -> Int {
        var j = i
        var quote: UInt8? = nil
        while j < bytes.count {
            let b = bytes[j]
            if let q = quote {
                if b == q { quote = nil }
            } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                quote = b
            } else if b == UInt8(ascii: ">") {
                return j + 1
            }
            j += 1
        }
        throw ReportError.malformed(path: path, part: part, detail: "第 \(i) 字节处的标签没有结束")
    }

    private func parseTag(_ range: Range<Int>) throws -> XMLTag {
        var inner = Array(bytes[(range.lowerBound + 1)..<(range.upperBound - 1)])
        var kind = XMLTag.Kind.start
        if inner.first == UInt8(ascii: "/") { kind = .end; inner.removeFirst() }
        if inner.last == UInt8(ascii: "/") { kind = .empty; inner.removeLast() }
        let text = String(decoding: inner, as: UTF8.self)
        var scalars = Substring(text)
        let name = scalars.prefix { !$0.isWhitespace }
        scalars = scalars.dropFirst(name.count)
        var attributes: [(String, String)] = []
        while true {
            scalars = scalars.drop { $0.isWhitespace }
            guard !scalars.isEmpty else { break }
            let attrName = scalars.prefix { $0 != "=" && !$0.isWhitespace }
            scalars = scalars.dropFirst(attrName.count).drop { $0.isWhitespace }
            guard scalars.first == "=" else {
                throw ReportError.malformed(path: path, part: part, detail: "标签 <\(name)> 的属性 \(attrName) 没有值")
            }
            scalars = scalars.dropFirst().drop { $0.isWhitespace }
            guard let q = scalars.first, q == "\"" || q == "'" else {
                throw ReportError.malformed(path: path, part: part, detail: "标签 <\(name)> 的属性 \(attrName) 没有引号")
            }
            scalars = scalars.dropFirst()
            let value = scalars.prefix { $0 != q }
            scalars = scalars.dropFirst(value.count + 1)
            attributes.append((String(attrName), XMLEscape.unescape(String(value))))
        }
        guard !name.isEmpty else {
            throw ReportError.malformed(path: path, part: part, detail: "第 \(range.lowerBound) 字节处有空标签")
        }
        return XMLTag(kind: kind, name: String(name), attributes: attributes, range: range)
    }
}

/// Byte-range replacements applied together (ranges refer to the original bytes and must not overlap).
struct ByteEdits {
    private var edits: [(range: Range<Int>, text: String, order: Int)] = []

    mutating func replace(_ range: Range<Int>, with text: String) {
        edits.append((range, text, edits.count))
    }
    mutating func insert(_ text: String, at offset: Int) {
        edits.append((offset..<offset, text, edits.count))
    }

    func apply(to data: Data) -> Data {
        var bytes = [UInt8](data)
        // From the end, so earlier offsets stay valid; insertions at one offset keep their call order.
        // At one offset a replacement goes first, then insertions (which then land before it).
        for edit in edits.sorted(by: { a, b in
            if a.range.lowerBound != b.range.lowerBound { return a.range.lowerBound > b.range.lowerBound }
            if a.range.upperBound != b.range.upperBound { return a.range.upperBound > b.range.upperBound }
            return a.order > b.order
        }) {
            bytes.replaceSubrange(edit.range, with: Array(edit.text.utf8))
        }
        return Data(bytes)
    }
}
