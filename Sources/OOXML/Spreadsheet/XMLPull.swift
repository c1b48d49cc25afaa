import Foundation

/// The workbook reader's view of one XML part: SecureXMLReader (DTDs and entities refused, no
/// network) with its errors turned into SpreadsheetError. An empty element `<a/>` shows only its
/// start (check `isEmptyElement`); names and values stay bytes so the hot loop allocates nothing.
final class XMLPull {
    enum NodeKind { case start, end, text, other }

    private let reader: SecureXMLReader
    let part: String

    /// Parses `data` as the part `part` of `file`; `body` pulls nodes until it returns.
    static func parse<T>(_ data: Data, part: String, file: String? = nil,
                         _ body: (XMLPull) throws(SpreadsheetError) -> T) throws(SpreadsheetError) -> T {
        let reader: SecureXMLReader
        do {
            reader = try SecureXMLReader(data: data, file: file ?? "", part: part)
        } catch {
            throw SpreadsheetError(error)
        }
        return try body(XMLPull(reader: reader, part: part))
    }

    private init(reader: SecureXMLReader, part: String) {
        self.reader = reader
        self.part = part
    }

    var line: Int { reader.line }

    /// Moves to the next node and says what it is; nil at the end of the document.
    /// (Returned rather than stored: a stored property would cost an exclusivity check per node.)
    func next() throws(SpreadsheetError) -> NodeKind? {
        do {
            while try reader.read() {
                switch reader.kind {
                case .startElement: return .start
                case .endElement:
                    // SecureXMLReader synthesizes the end of `<a/>`; callers handle those at the start.
                    if reader.isEmptyElement { continue }
                    return .end
                case .text: return .text
                case .other: return .other
                }
            }
            return nil
        } catch {
            throw SpreadsheetError(error)
        }
    }

    var isEmptyElement: Bool { reader.isEmptyElement }

    /// Whether the current element's local name is `name`, compared by bytes.
    @inline(__always)
    func nameIs(_ name: StaticString) -> Bool { reader.hasLocalName(name) }

    /// The raw bytes of an attribute (any namespace), nil when absent; valid only inside `body`.
    @inline(__always)
    func withAttribute<R>(_ name: StaticString, _ body: (UnsafeBufferPointer<UInt8>?) -> R) -> R {
        reader.withAttribute(name, body)
    }

    /// An attribute in no namespace, as a String (for small, rare elements).
    func attribute(_ name: StaticString) -> String? {
        reader.withAttribute(name) { $0.map { String(decoding: $0, as: UTF8.self) } }
    }

    /// An attribute in the given namespace.
    func attribute(_ name: StaticString, namespace: StaticString) -> String? {
        reader.attribute(name, namespace: namespace)
    }

    /// Appends the current text node's bytes.
    @inline(__always)
    func appendText(to buffer: inout [UInt8]) {
        reader.withText { buffer.append(contentsOf: $0) }
    }
}

extension SpreadsheetError {
    /// A container or XML error from the OOXML core, in the spreadsheet's terms.
    init(_ error: OOXMLError) {
        let kind: Kind
        switch error.kind {
        case .doctypeRefused: kind = .unsafeXML
        case .malformedXML, .invalidContent: kind = .malformedPart
        case .missingPart: kind = .missingPart
        default: kind = .container
        }
        self.init(kind, file: error.file.isEmpty ? nil : error.file, part: error.part,
                  location: nil, detail: error.detail)
        underlying = error
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

    /// Whether the bytes spell `text` (ASCII).
    func equals(_ text: StaticString) -> Bool {
        guard count == text.utf8CodeUnitCount else { return false }
        let p = text.utf8Start
        for i in 0..<count where self[i] != p[i] { return false }
        return true
    }
}
