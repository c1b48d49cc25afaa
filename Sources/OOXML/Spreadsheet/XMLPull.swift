import Foundation

/// The workbook reader's view of one XML part: libxml2's SAX2 events (SAXEvents: DTDs and entities
/// refused, no network) with its errors turned into SpreadsheetError. An empty element `<a/>` shows
/// only its start (check `isEmptyElement`); names and values stay bytes so the hot loop allocates nothing.
final class XMLPull {
    enum NodeKind { case start, end, text, other }

    private let events: SAXEvents
    let part: String
    /// The current event (an index into `events.events`).
    @exclusivity(unchecked) private var current = -1

    /// Parses `data` as the part `part` of `file`; `body` pulls nodes until it returns.
    static func parse<T>(_ data: Data, part: String, file: String? = nil,
                         _ body: (XMLPull) throws(SpreadsheetError) -> T) throws(SpreadsheetError) -> T {
        let events: SAXEvents
        do {
            events = try SAXEvents(data: data, file: file ?? "", part: part)
        } catch {
            throw SpreadsheetError(error)
        }
        return try body(XMLPull(events: events, part: part))
    }

    private init(events: SAXEvents, part: String) {
        self.events = events
        self.part = part
    }

    /// Line of the current node in the part (1-based).
    var line: Int { current >= 0 && current < events.events.count ? Int(events.events[current].line) : 0 }

    /// Moves to the next node and says what it is; nil at the end of the document.
    /// (Returned rather than stored: a stored property would cost an exclusivity check per node.)
    func next() throws(SpreadsheetError) -> NodeKind? {
        do {
            guard let i = try events.next() else { current = -1; return nil }
            current = i
            switch events.events[i].kind {
            case .start: return .start
            case .end: return .end
            case .text: return .text
            }
        } catch {
            throw SpreadsheetError(error)
        }
    }

    /// True on the start of an element written `<a/>` (its end is not shown).
    var isEmptyElement: Bool { events.events[current].isEmpty }

    /// Whether the current element's local name is `name`, compared by bytes.
    @inline(__always)
    func nameIs(_ name: StaticString) -> Bool {
        guard let own = events.events[current].name else { return false }
        return localName(own, is: name)
    }

    /// The raw bytes of an attribute (any namespace), nil when absent; valid only inside `body`.
    @inline(__always)
    func withAttribute<R>(_ name: StaticString, _ body: (UnsafeBufferPointer<UInt8>?) -> R) -> R {
        withAttribute(name, namespace: nil, requireNamespace: false, body)
    }

    private func withAttribute<R>(_ name: StaticString, namespace: StaticString?, requireNamespace: Bool,
                                  _ body: (UnsafeBufferPointer<UInt8>?) -> R) -> R {
        let event = events.events[current]
        guard event.kind == .start, event.count > 0 else { return body(nil) }
        let wanted = name.utf8Start
        for a in Int(event.first)..<Int(event.first + event.count) {
            let attribute = events.attributes[a]
            guard SecureXMLReader.equal(attribute.name, wanted) else { continue }
            let matches: Bool
            if let namespace {
                matches = attribute.namespace.map { SecureXMLReader.equal($0, namespace.utf8Start) } ?? false
            } else {
                matches = !requireNamespace || attribute.namespace == nil
            }
            guard matches else { continue }
            return body(events.arena.bytes(attribute.valueStart, attribute.valueCount))
        }
        return body(nil)
    }

    /// An attribute in no namespace, as a String (for small, rare elements).
    func attribute(_ name: StaticString) -> String? {
        withAttribute(name) { $0.map { String(decoding: $0, as: UTF8.self) } }
    }

    /// An attribute in the given namespace.
    func attribute(_ name: StaticString, namespace: StaticString) -> String? {
        withAttribute(name, namespace: namespace, requireNamespace: true) { $0.map { String(decoding: $0, as: UTF8.self) } }
    }

    /// Appends the current text node's bytes.
    @inline(__always)
    func appendText(to buffer: inout [UInt8]) {
        let event = events.events[current]
        guard event.kind == .text else { return }
        buffer.append(contentsOf: events.arena.bytes(event.first, event.count))
    }

    /// Appends the current text node's bytes to a plain byte buffer (no copy-on-write checks).
    @inline(__always)
    func appendText(to buffer: inout ByteArena) {
        let event = events.events[current]
        guard event.kind == .text, event.count > 0 else { return }
        buffer.append(events.arena.base + Int(event.first), Int(event.count))
    }
}

/// The push form of XMLPull for the big parts (worksheets, shared strings): `run` hands each node to a receiver
/// while libxml2 parses, so no node is buffered and no attribute copied. The same questions as
/// XMLPull, about the node being handed over; adjacent text runs may come as several text nodes.
final class XMLPush {
    /// What `run` hands the nodes to: a part's reader subclasses it and overrides `receive`
    /// (SAXReceiver's), reading the node from `x`; it keeps its error in `failure` and returns false
    /// to stop the parser. (A subclass rather than a closure or a generic parameter: the call per
    /// node is then one plain virtual call.)
    class Receiver: SAXReceiver {
        let x: XMLPush
        /// The error that stopped reading, thrown by `run`.
        @exclusivity(unchecked) var failure: SpreadsheetError?

        init(_ x: XMLPush) {
            self.x = x
        }
    }

    private let events: SAXEvents
    let part: String
    /// Attribute values with "&#38;" decoded (see SAXEvents), for the rare value that has one.
    /// (Made once nothing can throw, so that `deinit` frees it.)
    @exclusivity(unchecked) private var decoded: ByteArena

    /// Ready to parse `data` as the part `part` of `file` (DOCTYPE refused here already).
    init(_ data: Data, part: String, file: String? = nil) throws(SpreadsheetError) {
        do {
            events = try SAXEvents(data: data, file: file ?? "", part: part, buffered: false)
        } catch {
            throw SpreadsheetError(error)
        }
        self.part = part
        decoded = ByteArena(capacity: 64)
    }

    /// Parses the part, handing every node to `receiver` (made with this XMLPush) until it stops.
    func run(_ receiver: Receiver) throws(SpreadsheetError) {
        do {
            try events.run(receiver)
        } catch {
            throw SpreadsheetError(error)
        }
        if let failure = receiver.failure { throw failure }
    }

    deinit { decoded.free() }

    /// Line of the current node in the part (1-based).
    var line: Int { Int(Int32(truncatingIfNeeded: events.nodeLine)) }

    /// True on the start of an element written `<a/>` (its end is not shown).
    var isEmptyElement: Bool { events.node.isEmpty }

    /// Whether the current element's local name is `name`, compared by bytes.
    @inline(__always)
    func nameIs(_ name: StaticString) -> Bool {
        guard let own = events.node.name else { return false }
        return localName(own, is: name)
    }

    /// The bytes of an attribute in any namespace (as XMLPull gives them, "&#38;" decoded), nil when
    /// absent; valid only inside `body`.
    @inline(__always)
    func withAttribute<R>(_ name: StaticString, _ body: (UnsafeBufferPointer<UInt8>?) -> R) -> R {
        let node = events.node
        guard node.kind == .start, let values = node.attributes else { return body(nil) }
        for i in 0..<node.attributeCount {
            // localname, prefix, URI, value start, value end
            guard let own = values[5 * i], let start = values[5 * i + 3], let end = values[5 * i + 4],
                  SecureXMLReader.equal(own, name.utf8Start) else { continue }
            let value = UnsafeBufferPointer(start: start, count: max(end - start, 0))
            guard value.contains(UInt8(ascii: "&")) else { return body(value) }
            return body(decode(value))
        }
        return body(nil)
    }

    /// Each attribute's local name (NUL-terminated) and value as libxml2 gives it, "&#38;" not
    /// decoded: for readers that refuse or ignore a value with "&" either way.
    @inline(__always)
    func forEachRawAttribute(_ body: (UnsafePointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Void) {
        let node = events.node
        guard node.kind == .start, let values = node.attributes else { return }
        for i in 0..<node.attributeCount {
            guard let own = values[5 * i], let start = values[5 * i + 3], let end = values[5 * i + 4] else { continue }
            body(own, UnsafeBufferPointer(start: start, count: max(end - start, 0)))
        }
    }

    /// The value with "&#38;" decoded, as SAXEvents decodes the values it buffers.
    private func decode(_ value: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        decoded.removeAll()
        if let start = value.baseAddress { decoded.appendDecodingAmpersands(start, value.count) }
        return decoded.buffer
    }

    /// An attribute in no namespace, as a String (for messages and rare elements).
    func attribute(_ name: StaticString) -> String? {
        withAttribute(name) { $0.map { String(decoding: $0, as: UTF8.self) } }
    }

    /// Appends the current text node's bytes to a plain byte buffer.
    @inline(__always)
    func appendText(to buffer: inout ByteArena) {
        let node = events.node
        guard node.kind == .text, let text = node.text, node.textCount > 0 else { return }
        buffer.append(text, node.textCount)
    }
}

/// Whether libxml2's NUL-terminated local name `own` is `name`. Compared inline, byte by byte: the
/// names asked for are a letter or a few, and a call to strcmp per question costs more than they do.
@inline(__always)
func localName(_ own: UnsafePointer<UInt8>, is name: StaticString) -> Bool {
    let wanted = name.utf8Start
    // `own` is NUL-terminated: each byte read is at most the one after the last that matched.
    for i in 0..<name.utf8CodeUnitCount where own[i] != wanted[i] { return false }
    return own[name.utf8CodeUnitCount] == 0
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

    /// Whether the bytes spell `text` (ASCII). (Inlined: with the text known, the compare folds.)
    @inline(__always)
    func equals(_ text: StaticString) -> Bool {
        guard count == text.utf8CodeUnitCount else { return false }
        let p = text.utf8Start
        for i in 0..<count where self[i] != p[i] { return false }
        return true
    }
}
