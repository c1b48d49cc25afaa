import CLibXML2
import Foundation

/// The spreadsheet reader's XML events from libxml2's SAX2 push parser: starts (with attributes),
/// ends and text, a chunk of the document at a time. No tree is built, so a node costs a few
/// copies instead of a node allocation and its release (what xmlTextReader does per node).
///
/// The same hardening as SecureXMLReader: a DOCTYPE is refused before parsing (prescan) and if one
/// is met while parsing (the internal-subset and entity-reference callbacks refuse it); entities are
/// never substituted (only XML's predefined ones and character references are decoded, as always);
/// no network; libxml2's default size limits stay on; errors never reach stderr, the first one is
/// thrown with SecureXMLReader's Chinese wording. An empty element `<a/>` shows only its start, with
/// `isEmptyElement` set, as XMLPull shows it.
///
/// Two ways to read: `next()` hands out the events buffered from a chunk (XMLPull), or `run` pushes
/// each node to a receiver as it is parsed (XMLPush), with nothing buffered or copied. Both deliver
/// the same nodes (except that push hands adjacent text runs over one by one), and the same error
/// after the same nodes.
final class SAXEvents {
    enum Kind: UInt8 { case start, end, text }

    struct Event {
        var kind: Kind
        var isEmpty: Bool
        /// Local name (start, end): libxml2's interned copy, NUL-terminated, alive as long as the parser.
        var name: UnsafePointer<UInt8>?
        /// Start: the element's attributes in `attributes`; text: its bytes in `arena`.
        var first: Int32
        var count: Int32
        var line: Int32
    }

    struct Attribute {
        var name: UnsafePointer<UInt8>
        var namespace: UnsafePointer<UInt8>?
        var valueStart: Int32
        var valueCount: Int32
    }

    let file: String
    let part: String
    private let data: Data
    @exclusivity(unchecked) private var offset = 0
    @exclusivity(unchecked) private var finished = false
    @exclusivity(unchecked) private var ctxt: xmlParserCtxtPtr?

    // Plain buffers, not Arrays: reading them from XMLPull and appending from the callbacks then costs
    // no reference counting or uniqueness checks per event.
    @exclusivity(unchecked) private(set) var events: PlainBuffer<Event>
    @exclusivity(unchecked) private(set) var attributes: PlainBuffer<Attribute>
    /// Made once nothing before the parser can throw, so `deinit` (which frees it) always runs.
    @exclusivity(unchecked) private(set) var arena: ByteArena
    /// The next event to hand out.
    @exclusivity(unchecked) private(set) var position = 0

    /// Push mode: the node being delivered, valid only while the receiver runs (it points into
    /// libxml2's buffers).
    struct Node {
        var kind = Kind.start
        var isEmpty = false
        var name: UnsafePointer<UInt8>?
        /// libxml2's attributes (localname, prefix, URI, value start, value end, for each).
        var attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?
        var attributeCount = 0
        var text: UnsafePointer<UInt8>?
        var textCount = 0
    }
    @exclusivity(unchecked) private(set) var node = Node()
    /// Push mode: receives each node; returning false stops the parser (`halted`). Held unretained,
    /// for the length of `run`: a closure property would cost a retain and a release per node.
    @exclusivity(unchecked) private var receiver: Unmanaged<SAXReceiver>?
    @exclusivity(unchecked) private var halted = false

    private struct ErrorEntry { var code: Int32; var line: Int; var message: String }
    /// The first error and how many events came before it (they are handed out first).
    @exclusivity(unchecked) private var error: (entry: ErrorEntry, at: Int)?
    @exclusivity(unchecked) private var doctypeLine: Int?
    @exclusivity(unchecked) private var pendingEmptyEnd = false
    private let isBlank: Bool
    /// As SecureXMLReader counts them, to tell a truncated document from trailing garbage.
    @exclusivity(unchecked) private var openElements = 0
    @exclusivity(unchecked) private var sawElement = false

    /// Bytes given to the parser at a time: bounds the events held at once.
    static let chunkSize = 64 * 1024

    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// `buffered` false: the events will be pushed (`run`), so no buffers are made for `next()`.
    init(data: Data, file: String, part: String, buffered: Bool = true) throws(OOXMLError) {
        _ = Self.initialized
        self.file = file
        self.part = part
        self.data = data
        let prescan = data.withUnsafeBytes { SecureXMLReader.prescan($0) }
        isBlank = prescan.isBlank
        if let line = prescan.doctypeLine { throw Self.doctypeError(file: file, part: part, line: line) }
        var handler = xmlSAXHandler()
        handler.initialized = UInt32(XML_SAX2_MAGIC)
        // The callbacks borrow the reader (`_withUnsafeGuaranteedRef`): the parser only runs while
        // `feed` holds it, so taking a retain and a release per event would be pure cost.
        handler.startElementNs = { context, localname, _, _, _, _, count, _, attributes in
            guard let context, let localname else { return }
            Unmanaged<SAXEvents>.fromOpaque(context)._withUnsafeGuaranteedRef { $0.start(localname, count, attributes) }
        }
        handler.endElementNs = { context, localname, _, _ in
            guard let context else { return }
            Unmanaged<SAXEvents>.fromOpaque(context)._withUnsafeGuaranteedRef { $0.end(localname) }
        }
        let characters: charactersSAXFunc = { context, bytes, length in
            guard let context, let bytes, length > 0 else { return }
            Unmanaged<SAXEvents>.fromOpaque(context)._withUnsafeGuaranteedRef { $0.text(bytes, Int(length)) }
        }
        handler.characters = characters
        handler.ignorableWhitespace = characters
        handler.cdataBlock = characters
        handler.internalSubset = { context, _, _, _ in
            guard let context else { return }
            Unmanaged<SAXEvents>.fromOpaque(context)._withUnsafeGuaranteedRef { $0.refuseDoctype() }
        }
        handler.reference = { context, _ in
            guard let context else { return }
            Unmanaged<SAXEvents>.fromOpaque(context)._withUnsafeGuaranteedRef { $0.refuseDoctype() }
        }
        handler.serror = { context, error in
            guard let context, let error else { return }
            Unmanaged<SAXEvents>.fromOpaque(context)._withUnsafeGuaranteedRef { $0.record(error.pointee) }
        }
        // Sized for a chunk of spreadsheet XML (about one event per 9 bytes and one attribute per
        // 18 bytes), so that a chunk's events rarely make the buffers grow and copy themselves.
        let held = buffered ? min(data.count, Self.chunkSize) : 0
        arena = ByteArena(capacity: buffered ? Self.chunkSize : 0)
        events = PlainBuffer(capacity: max(buffered ? 256 : 0, held / 8))
        attributes = PlainBuffer(capacity: max(buffered ? 256 : 0, held / 16))
        let me = Unmanaged.passUnretained(self).toOpaque()
        // As xmlTextReader starts: the first four bytes at creation, for the encoding.
        let head = data.count >= 4 ? 4 : 0
        let created = data.withUnsafeBytes { raw in
            xmlCreatePushParserCtxt(&handler, me, head > 0 ? raw.baseAddress?.assumingMemoryBound(to: CChar.self) : nil, Int32(head), nil)
        }
        offset = head
        guard let ctxt = created else {
            throw OOXMLError(.malformedXML, file: file, part: part, detail: "无法创建 XML 读取器（内容过大）")
        }
        self.ctxt = ctxt
        xmlCtxtUseOptions(ctxt, SecureXMLReader.options)
    }

    deinit {
        if let ctxt { xmlFreeParserCtxt(ctxt) }
        arena.free()
        events.free()
        attributes.free()
    }

    private static func doctypeError(file: String, part: String, line: Int) -> OOXMLError {
        OOXMLError(.doctypeRefused, file: file, part: part, line: line,
                   detail: "XML 含有 DOCTYPE 声明（第\(line)行），出于安全考虑拒绝读取。正常的 Office 文件不会含有 DOCTYPE")
    }

    // MARK: - Pulling

    /// The index of the next event in `events`, nil at the end of the document.
    func next() throws(OOXMLError) -> Int? {
        while true {
            if let error, position >= error.at { throw failure(error.entry) }
            if position < events.count {
                let i = position
                position += 1
                switch events[i].kind {
                case .start:
                    sawElement = true
                    if !events[i].isEmpty { openElements += 1 }
                case .end: openElements -= 1
                case .text: break
                }
                return i
            }
            if let line = doctypeLine {
                throw OOXMLError(.doctypeRefused, file: file, part: part, line: line,
                                 detail: "XML 含有 DOCTYPE 或实体引用（第\(line)行），出于安全考虑拒绝读取")
            }
            if finished { return nil }
            try feed()
        }
    }

    /// Parses the whole part, handing each node to `receiver` as it comes (read it from `node`).
    /// Stops quietly when the receiver returns false; throws what `next()` would have thrown after
    /// the same nodes.
    func run(_ receiver: SAXReceiver) throws(OOXMLError) {
        self.receiver = .passUnretained(receiver)
        let failure = withExtendedLifetime(receiver) { drive() }
        self.receiver = nil
        if let failure { throw failure }
    }

    /// Feeds chunks until the end, a stop or an error (checked in `next()`'s order).
    private func drive() -> OOXMLError? {
        while true {
            if halted { return nil }
            if let error { return failure(error.entry) }
            if let line = doctypeLine {
                return OOXMLError(.doctypeRefused, file: file, part: part, line: line,
                                  detail: "XML 含有 DOCTYPE 或实体引用（第\(line)行），出于安全考虑拒绝读取")
            }
            if finished { return nil }
            do {
                try feed()
            } catch {
                return error
            }
        }
    }

    /// Push mode: hands the node in `node` to the receiver, unless an error, a DOCTYPE or the
    /// receiver has already stopped reading (as `next()` hands out nothing after those).
    @inline(__always)
    private func deliver(_ receiver: Unmanaged<SAXReceiver>) {
        guard !halted, error == nil, doctypeLine == nil else { return }
        switch node.kind {
        case .start:
            sawElement = true
            if !node.isEmpty { openElements += 1 }
        case .end: openElements -= 1
        case .text: break
        }
        if !receiver._withUnsafeGuaranteedRef({ $0.receive(node.kind) }) {
            halted = true
            if let ctxt { xmlStopParser(ctxt) }
        }
    }

    /// Gives the parser its next chunk (the last with the end of input) after the events held are done.
    private func feed() throws(OOXMLError) {
        guard let ctxt else { finished = true; return }
        events.removeAll()
        attributes.removeAll()
        arena.removeAll()
        position = 0
        let count = min(Self.chunkSize, data.count - offset)
        let last = offset + count >= data.count
        let status: Int32 = data.withUnsafeBytes { raw in
            let base = raw.baseAddress.map { $0.assumingMemoryBound(to: CChar.self) + offset }
            return xmlParseChunk(ctxt, count > 0 ? base : nil, Int32(count), last ? 1 : 0)
        }
        offset += count
        if last { finished = true }
        if status != 0 && error == nil && doctypeLine == nil {
            // A failure libxml2 did not describe.
            error = (ErrorEntry(code: 0, line: currentParserLine, message: ""), events.count)
        }
    }

    /// Push mode: the line of the node being delivered (read when asked, as the parser stands on it).
    var nodeLine: Int { currentParserLine }

    private var currentParserLine: Int {
        guard let input = ctxt?.pointee.input else { return 0 }
        return Int(input.pointee.line)
    }

    private func failure(_ error: ErrorEntry) -> OOXMLError {
        let line = error.line > 0 ? error.line : currentParserLine
        let detail = SecureXMLReader.malformedDetail(code: error.code, message: error.message, line: line, isBlank: isBlank,
                                                     sawElement: sawElement, openElements: openElements)
        return OOXMLError(.malformedXML, file: file, part: part, line: line, detail: detail)
    }

    // MARK: - Callbacks

    private func start(_ localname: UnsafePointer<UInt8>, _ count: Int32,
                       _ values: UnsafeMutablePointer<UnsafePointer<UInt8>?>?) {
        // As xmlTextReader decides it: the parser stands on "/>" right after the start of `<a/>`.
        var isEmpty = false
        if let cur = ctxt?.pointee.input?.pointee.cur, cur[0] == UInt8(ascii: "/"), cur[1] == UInt8(ascii: ">") {
            isEmpty = true
        }
        pendingEmptyEnd = isEmpty
        if let receiver {
            node = Node(kind: .start, isEmpty: isEmpty, name: localname, attributes: values,
                        attributeCount: values == nil ? 0 : Int(max(count, 0)))
            deliver(receiver)
            return
        }
        let first = Int32(attributes.count)
        if let values {
            for i in 0..<Int(count) {
                // localname, prefix, URI, value, end
                guard let name = values[5 * i], let start = values[5 * i + 3], let end = values[5 * i + 4] else { continue }
                let valueStart = Int32(arena.count)
                appendAttributeValue(start, end - start)
                attributes.append(Attribute(name: name, namespace: values[5 * i + 2], valueStart: valueStart,
                                            valueCount: Int32(arena.count) - valueStart))
            }
        }
        events.append(Event(kind: .start, isEmpty: isEmpty, name: localname, first: first,
                            count: Int32(attributes.count) - first, line: Int32(truncatingIfNeeded: currentParserLine)))
    }

    /// Without entity substitution libxml2 hands "&" in an attribute on as "&#38;" and lets the tree
    /// builder decode it; decoded here the same way, so values read as they do from the tree.
    @inline(__always)
    private func appendAttributeValue(_ bytes: UnsafePointer<UInt8>, _ n: Int) {
        arena.appendDecodingAmpersands(bytes, n)
    }

    private func end(_ localname: UnsafePointer<UInt8>?) {
        if pendingEmptyEnd { pendingEmptyEnd = false; return }
        if let receiver {
            node = Node(kind: .end, name: localname)
            deliver(receiver)
            return
        }
        events.append(Event(kind: .end, isEmpty: false, name: localname, first: 0, count: 0,
                            line: Int32(truncatingIfNeeded: currentParserLine)))
    }

    private func text(_ bytes: UnsafePointer<UInt8>, _ length: Int) {
        pendingEmptyEnd = false
        if let receiver {
            node = Node(kind: .text, text: bytes, textCount: length)
            deliver(receiver)
            return
        }
        // Adjacent character runs are one text node, as in the tree.
        if events.count > 0, events[events.count - 1].kind == .text,
           Int(events[events.count - 1].first + events[events.count - 1].count) == arena.count {
            arena.append(bytes, length)
            events[events.count - 1].count += Int32(length)
            return
        }
        let first = Int32(arena.count)
        arena.append(bytes, length)
        events.append(Event(kind: .text, isEmpty: false, name: nil, first: first, count: Int32(length),
                            line: Int32(truncatingIfNeeded: currentParserLine)))
    }

    private func refuseDoctype() {
        if doctypeLine == nil { doctypeLine = max(currentParserLine, 1) }
        if let ctxt { xmlStopParser(ctxt) }
    }

    private func record(_ e: xmlError) {
        // Warnings are not failures; errors and fatal errors are.
        guard e.level.rawValue >= XML_ERR_ERROR.rawValue, error == nil else { return }
        let message = e.message.map { String(cString: $0) } ?? ""
        error = (ErrorEntry(code: e.code, line: Int(e.line), message: message), events.count)
    }
}

/// What SAXEvents.run pushes nodes to (XMLPush.Receiver subclasses it): the node is in
/// `SAXEvents.node`; returning false stops the parser.
class SAXReceiver {
    func receive(_ kind: SAXEvents.Kind) -> Bool { true }
}

/// A growable buffer of trivial values (no references inside) without copy-on-write checks
/// (an Array's would run per append). Owned by one SAXEvents, which frees it.
struct PlainBuffer<Element> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    func free() { base.deallocate() }

    mutating func removeAll() { count = 0 }

    @inline(__always)
    mutating func append(_ element: Element) {
        if count == capacity { grow(to: count + 1) }
        (base + count).initialize(to: element)
        count += 1
    }

    @inline(__always)
    mutating func append(_ elements: UnsafePointer<Element>, _ n: Int) {
        if n > capacity - count { grow(to: count + n) }
        (base + count).initialize(from: elements, count: n)
        count += n
    }

    /// Makes room for `n` more elements, to be written at `base + count` and then counted by `didAppend`.
    @inline(__always)
    mutating func reserve(_ n: Int) {
        if n > capacity - count { grow(to: count + n) }
    }

    /// Counts `n` elements written after `reserve` (at most the `n` reserved).
    @inline(__always)
    mutating func didAppend(_ n: Int) {
        precondition(n >= 0 && n <= capacity - count)
        count += n
    }

    private mutating func grow(to needed: Int) {
        var size = capacity
        while size < needed { size *= 2 }
        let grown = UnsafeMutablePointer<Element>.allocate(capacity: size)
        grown.moveInitialize(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = size
    }

    @inline(__always)
    subscript(index: Int) -> Element {
        get { base[index] }
        set { base[index] = newValue }
    }
}

/// The parser's text and attribute values for the events held.
typealias ByteArena = PlainBuffer<UInt8>

extension PlainBuffer where Element == UInt8 {
    /// Bytes `start..<start + count`, valid until the arena is next appended to or cleared.
    @inline(__always)
    func bytes(_ start: Int32, _ count: Int32) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + Int(start), count: Int(count))
    }

    /// Appends an attribute value as libxml2 hands it over without entity substitution, "&#38;"
    /// turned back into "&" (as the tree builder does). One pass copying byte by byte: values are
    /// mostly a few bytes, less than a memchr call costs.
    @inline(__always)
    mutating func appendDecodingAmpersands(_ bytes: UnsafePointer<UInt8>, _ n: Int) {
        guard n > 0 else { return }
        reserve(n)
        let out = base + count
        var i = 0
        var written = 0
        while i < n {
            let b = bytes[i]
            if b == UInt8(ascii: "&"), i + 4 < n, bytes[i + 1] == UInt8(ascii: "#"), bytes[i + 2] == UInt8(ascii: "3"),
               bytes[i + 3] == UInt8(ascii: "8"), bytes[i + 4] == UInt8(ascii: ";") {
                out[written] = UInt8(ascii: "&")
                i += 5
            } else {
                out[written] = b
                i += 1
            }
            written += 1
        }
        didAppend(written)
    }

    /// All the bytes held, valid until the arena is next appended to or cleared.
    var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }
}
