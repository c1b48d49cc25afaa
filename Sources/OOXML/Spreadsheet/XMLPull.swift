import CLibXML2
import Foundation

/// A small streaming (pull) view of one XML part over libxml2's xmlTextReader, for the
/// workbook reader. DTDs and entity references are refused; nothing is fetched from the network.
/// Names and values are handed out as bytes so the hot loop allocates no strings.
final class XMLPull {
    enum NodeKind { case start, end, text, other }

    private let reader: xmlTextReaderPtr
    let part: String
    private var firstError: String?

    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// Parses `data` as the part `part`; `body` pulls nodes until it returns.
    static func parse<T>(_ data: Data, part: String, _ body: (XMLPull) throws(SpreadsheetError) -> T) throws(SpreadsheetError) -> T {
        _ = initialized
        let result: Result<T, SpreadsheetError> = data.withUnsafeBytes { raw in
            let base = raw.bindMemory(to: CChar.self).baseAddress
            let empty: [CChar] = [0]
            let options = Int32(XML_PARSE_NONET.rawValue) | Int32(XML_PARSE_COMPACT.rawValue) | Int32(XML_PARSE_HUGE.rawValue)
            let made: xmlTextReaderPtr? = empty.withUnsafeBufferPointer { e in
                xmlReaderForMemory(base ?? e.baseAddress, Int32(raw.count), part, nil, options)
            }
            guard let made else {
                return .failure(SpreadsheetError(.malformedPart, part: part, detail: "无法解析 XML"))
            }
            let pull = XMLPull(reader: made, part: part)
            defer { xmlFreeTextReader(made) }
            do throws(SpreadsheetError) {
                return .success(try body(pull))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private init(reader: xmlTextReaderPtr, part: String) {
        self.reader = reader
        self.part = part
        let context = Unmanaged.passUnretained(self).toOpaque()
        xmlTextReaderSetStructuredErrorHandler(reader, { context, error in
            guard let context, let error else { return }
            let me = Unmanaged<XMLPull>.fromOpaque(context).takeUnretainedValue()
            if me.firstError == nil {
                let message = error.pointee.message.map { String(cString: $0) } ?? "未知错误"
                me.firstError = "第 \(error.pointee.line) 行：\(message.trimmingCharacters(in: .whitespacesAndNewlines))"
            }
        }, context)
    }

    var line: Int { Int(xmlTextReaderGetParserLineNumber(reader)) }

    private(set) var kind: NodeKind = .other

    /// Moves to the next node; false at the end of the document.
    func next() throws(SpreadsheetError) -> Bool {
        let status = xmlTextReaderRead(reader)
        if status == 0 { return false }
        guard status == 1 else {
            throw SpreadsheetError(.malformedPart, part: part, location: nil,
                                   detail: "XML 格式错误（\(firstError ?? "第 \(line) 行")）")
        }
        switch xmlTextReaderNodeType(reader) {
        case 1: kind = .start
        case 15: kind = .end
        case 3, 4, 13, 14: kind = .text
        case 10, 5, 6, 17:
            throw SpreadsheetError(.unsafeXML, part: part, location: "第 \(line) 行",
                                   detail: "包含 DTD 或实体声明，出于安全考虑拒绝读取")
        default: kind = .other
        }
        return true
    }

    var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }

    var depth: Int { Int(xmlTextReaderDepth(reader)) }

    /// Whether the current node's local name is `name` (ASCII), compared by bytes.
    func nameIs(_ name: StaticString) -> Bool {
        guard let p = xmlTextReaderConstLocalName(reader) else { return false }
        return XMLPull.equal(p, name)
    }

    static func equal(_ p: UnsafePointer<xmlChar>, _ name: StaticString) -> Bool {
        let q = name.utf8Start
        let n = name.utf8CodeUnitCount
        for i in 0..<n where p[i] != q[i] { return false }
        return p[n] == 0
    }

    /// Calls `body(localName, value, hasNamespace)` for each attribute of the current element.
    func forEachAttribute(_ body: (UnsafePointer<xmlChar>, UnsafeBufferPointer<UInt8>, Bool) throws(SpreadsheetError) -> Void) throws(SpreadsheetError) {
        guard xmlTextReaderHasAttributes(reader) == 1 else { return }
        while xmlTextReaderMoveToNextAttribute(reader) == 1 {
            guard let name = xmlTextReaderConstLocalName(reader) else { continue }
            let hasNamespace = xmlTextReaderConstNamespaceUri(reader) != nil
            let value = xmlTextReaderConstValue(reader)
            let buffer = value.map { UnsafeBufferPointer(start: $0, count: strlen(UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))) }
                ?? UnsafeBufferPointer(start: nil, count: 0)
            try body(name, buffer, hasNamespace)
        }
        xmlTextReaderMoveToElement(reader)
    }

    /// An attribute of the current element as a String (for rare, small elements).
    func attribute(_ name: String) -> String? {
        guard let p = xmlTextReaderGetAttribute(reader, name) else { return nil }
        defer { free(p) }  // xmlFree is free() unless an app swaps allocators
        return String(cString: p)
    }

    /// Appends the current text node's bytes.
    func appendText(to buffer: inout [UInt8]) {
        guard let p = xmlTextReaderConstValue(reader) else { return }
        let n = strlen(UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self))
        buffer.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
    }
}

extension UnsafeBufferPointer where Element == UInt8 {
    var string: String { String(decoding: self, as: UTF8.self) }

    /// A non-negative decimal integer, nil when not one.
    var int: Int? {
        guard !isEmpty, count <= 18 else { return nil }
        var n = 0
        for b in self {
            guard b >= 0x30, b <= 0x39 else { return nil }
            n = n * 10 + Int(b - 0x30)
        }
        return n
    }
}
