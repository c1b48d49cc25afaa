import CLibXML2
import Foundation

/// What the reader is positioned on.
public enum XMLNodeKind: Sendable, Equatable {
    case startElement
    /// Every start has a matching end; for `<a/>` the end is synthesized right after the start.
    case endElement
    /// Character data: text, CDATA, or whitespace (significant or not; the caller decides).
    case text
    /// Comments, processing instructions and other nodes callers normally skip.
    case other
}

/// A fast, hardened pull reader over libxml2's xmlTextReader.
///
/// Security: documents with a DOCTYPE are refused outright (no DTD, no entity declarations), DTDs
/// are never loaded, entities never substituted, network access is forbidden, and libxml2's
/// default size limits stay on. libxml2's errors never reach stderr: they become the thrown error.
///
/// Speed: names are compared on libxml2's own bytes (`isStart("c")`, `hasLocalName("row")`) without
/// creating Strings; attribute and text values become Strings only when asked for.
public final class SecureXMLReader {
    public let file: String
    public let part: String

    // Stored state is read on every node: exclusivity checks are off because the reader is
    // single-threaded by contract and these properties are never accessed re-entrantly.
    /// The kind of the current node.
    @exclusivity(unchecked) public private(set) var kind: XMLNodeKind = .other
    /// True on the start (and synthesized end) of an element written `<a/>`.
    @exclusivity(unchecked) public private(set) var isEmptyElement = false

    /// Depth of the current node (the root element is 0).
    public var depth: Int { Int(xmlTextReaderDepth(reader)) }

    private let reader: xmlTextReaderPtr
    /// The copy of an in-memory document (nil when streaming from a package).
    private let buffer: UnsafeMutableRawPointer?
    /// The part being streamed (nil for in-memory documents).
    private let streamInput: StreamInput?
    private let errors = ErrorSink()
    @exclusivity(unchecked) private var node: xmlNodePtr?
    /// Set after an empty element's start: the next `read()` reports its end without advancing.
    @exclusivity(unchecked) private var pendingEnd = false
    /// Elements started and not yet ended, and whether any element was seen: these tell a
    /// truncated document from trailing garbage, which libxml2's reader reports alike.
    @exclusivity(unchecked) private var openElements = 0
    @exclusivity(unchecked) private var sawElement = false
    private let isBlank: Bool

    /// Parser options: never load a DTD, never substitute entities, never touch the network;
    /// merge CDATA into text; allow line numbers past 65535.
    static let options: Int32 = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue
                                      | XML_PARSE_COMPACT.rawValue | XML_PARSE_BIG_LINES.rawValue
                                      | XML_PARSE_NOWARNING.rawValue)

    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// Reads an XML document held in memory. `file` and `part` name it in errors.
    public init(data: Data, file: String, part: String) throws(OOXMLError) {
        _ = Self.initialized
        self.file = file
        self.part = part
        let count = data.count
        let prescan = data.withUnsafeBytes { Self.prescan($0) }
        self.isBlank = prescan.isBlank
        if let line = prescan.doctypeLine { throw Self.doctypeError(file: file, part: part, line: line) }
        // libxml2 reads the memory in place, so it needs a copy that lives as long as the reader.
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1), alignment: 1)
        data.withUnsafeBytes { if count > 0 { buffer.copyMemory(from: $0.baseAddress!, byteCount: count) } }
        self.buffer = buffer
        self.streamInput = nil
        guard let reader = xmlReaderForMemory(buffer.assumingMemoryBound(to: CChar.self), Int32(clamping: count),
                                              nil, nil, Self.options) else {
            buffer.deallocate()
            throw OOXMLError(.malformedXML, file: file, part: part, detail: "无法创建 XML 读取器（内容过大）")
        }
        self.reader = reader
        installErrorHandler()
    }

    /// Streams a part of a package through the parser without holding it all in memory; the
    /// package's limits apply to the bytes as they are inflated.
    public init(package: PackageReader, part name: String) throws(OOXMLError) {
        _ = Self.initialized
        let stream = try package.openStream(name)
        self.file = package.path
        self.part = stream.info.name
        // Look at the start before libxml2 does, to refuse a DOCTYPE without parsing it.
        var head = [UInt8](repeating: 0, count: Self.prescanLength)
        var filled = 0
        var failure: OOXMLError?
        head.withUnsafeMutableBytes { buffer in
            do throws(OOXMLError) {
                while filled < buffer.count {
                    let count = try stream.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
                    if count == 0 { break }
                    filled += count
                }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        head.removeSubrange(filled...)
        let prescan = head.withUnsafeBytes { Self.prescan($0) }
        self.isBlank = prescan.isBlank && stream.isAtEnd
        if let line = prescan.doctypeLine { throw Self.doctypeError(file: file, part: part, line: line) }
        let input = StreamInput(stream: stream, head: head)
        self.streamInput = input
        self.buffer = nil
        let context = Unmanaged.passUnretained(input).toOpaque()
        guard let reader = xmlReaderForIO({ context, buffer, length in
            guard let context, let buffer, length > 0 else { return 0 }
            return Unmanaged<StreamInput>.fromOpaque(context).takeUnretainedValue()
                .read(into: UnsafeMutableRawBufferPointer(start: buffer, count: Int(length)))
        }, { _ in 0 }, context, nil, nil, Self.options) else {
            throw OOXMLError(.malformedXML, file: file, part: part, detail: "无法创建 XML 读取器")
        }
        self.reader = reader
        installErrorHandler()
    }

    private func installErrorHandler() {
        let sink = Unmanaged.passUnretained(errors).toOpaque()
        xmlTextReaderSetStructuredErrorHandler(reader, { context, error in
            guard let context, let error else { return }
            Unmanaged<ErrorSink>.fromOpaque(context).takeUnretainedValue().record(error.pointee)
        }, sink)
    }

    deinit {
        xmlFreeTextReader(reader)
        buffer?.deallocate()
    }

    private static func doctypeError(file: String, part: String, line: Int) -> OOXMLError {
        OOXMLError(.doctypeRefused, file: file, part: part, line: line,
                   detail: "XML 含有 DOCTYPE 声明（第\(line)行），出于安全考虑拒绝读取。正常的 Office 文件不会含有 DOCTYPE")
    }

    /// How much of a streamed part is examined before parsing.
    static let prescanLength = 64 * 1024

    // MARK: - Moving

    /// Advances to the next node. Returns false at the end of the document.
    public func read() throws(OOXMLError) -> Bool {
        if pendingEnd {
            pendingEnd = false
            kind = .endElement
            return true
        }
        let status = xmlTextReaderRead(reader)
        if status == 1 {
            // Non-fatal errors (such as an undeclared namespace prefix) still make the part unusable.
            if let error = errors.first { throw malformed(error) }
            try load()
            return true
        }
        node = nil
        kind = .other
        if let streamError = streamInput?.error { throw streamError }
        if status == 0 {
            if let error = errors.first { throw malformed(error) }
            return false
        }
        throw malformed(errors.first ?? ErrorSink.Entry(code: 0, line: currentParserLine, message: ""))
    }

    /// From the start of an element, skips its content and its end: the next `read()` returns
    /// the node after the element. Does nothing on other nodes.
    public func skipElement() throws(OOXMLError) {
        guard kind == .startElement else { return }
        if isEmptyElement {
            pendingEnd = false
            return
        }
        let startDepth = depth
        while try read() {
            if kind == .endElement && depth == startDepth { return }
        }
    }

    private func load() throws(OOXMLError) {
        node = xmlTextReaderCurrentNode(reader)
        switch xmlTextReaderNodeType(reader) {
        case 1:   // element
            kind = .startElement
            isEmptyElement = xmlTextReaderIsEmptyElement(reader) == 1
            pendingEnd = isEmptyElement
            sawElement = true
            if !isEmptyElement { openElements += 1 }
        case 15:  // end element
            kind = .endElement
            isEmptyElement = false
            openElements -= 1
        case 3, 4, 13, 14:   // text, CDATA, whitespace, significant whitespace
            kind = .text
            isEmptyElement = false
        case 10, 5, 6:   // DOCTYPE, entity reference, entity: a DOCTYPE slipped past the prescan
            throw OOXMLError(.doctypeRefused, file: file, part: part, line: line,
                             detail: "XML 含有 DOCTYPE 或实体引用（第\(line)行），出于安全考虑拒绝读取")
        default:
            kind = .other
            isEmptyElement = false
        }
    }

    // MARK: - The current node

    /// Line of the current node in the part (1-based).
    public var line: Int {
        if let node {
            let number = xmlGetLineNo(node)
            if number > 0 { return Int(number) }
        }
        return currentParserLine
    }

    private var currentParserLine: Int { Int(xmlTextReaderGetParserLineNumber(reader)) }

    /// Local name bytes of the current element (NUL-terminated, owned by libxml2, valid until the next read).
    public var localNamePointer: UnsafePointer<UInt8>? {
        guard kind == .startElement || kind == .endElement, let node else { return nil }
        return node.pointee.name
    }

    /// Local name of the current element ("" for other nodes). Allocates; prefer `hasLocalName`.
    public var localName: String {
        localNamePointer.map { String(cString: $0) } ?? ""
    }

    /// Namespace URI of the current element, or nil when it has none.
    public var namespaceURI: String? {
        guard kind == .startElement || kind == .endElement, let href = node?.pointee.ns?.pointee.href else { return nil }
        return String(cString: href)
    }

    /// Namespace prefix of the current element as written ("w" in `<w:p>`), nil when unprefixed.
    public var prefix: String? {
        guard kind == .startElement || kind == .endElement, let prefix = node?.pointee.ns?.pointee.prefix else { return nil }
        return String(cString: prefix)
    }

    /// The namespace declarations written on the current start element (`xmlns:p="uri"`, with a
    /// nil prefix for `xmlns="uri"`), in document order. Allocates.
    public var namespaceDeclarations: [(prefix: String?, uri: String)] {
        guard kind == .startElement else { return [] }
        var result: [(String?, String)] = []
        var declaration = node?.pointee.nsDef
        while let current = declaration {
            let uri = current.pointee.href.map { String(cString: $0) } ?? ""
            result.append((current.pointee.prefix.map { String(cString: $0) }, uri))
            declaration = current.pointee.next
        }
        return result
    }

    /// True if the current element (start or end) has this local name.
    @inline(__always)
    public func hasLocalName(_ name: StaticString) -> Bool {
        guard let own = localNamePointer else { return false }
        return Self.equal(own, name.utf8Start)
    }

    public func hasLocalName(_ name: String) -> Bool {
        guard let own = localNamePointer else { return false }
        return name.withCString { Self.equal(own, UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self)) }
    }

    /// True if the current element (start or end) is in this namespace.
    @inline(__always)
    public func isInNamespace(_ uri: StaticString) -> Bool {
        guard kind == .startElement || kind == .endElement, let href = node?.pointee.ns?.pointee.href else { return false }
        return Self.equal(href, uri.utf8Start)
    }

    /// True on the start of an element with this local name (and namespace, if given).
    @inline(__always)
    public func isStart(_ name: StaticString, namespace: StaticString? = nil) -> Bool {
        kind == .startElement && hasLocalName(name) && (namespace.map { isInNamespace($0) } ?? true)
    }

    /// True on the end of an element with this local name (and namespace, if given).
    @inline(__always)
    public func isEnd(_ name: StaticString, namespace: StaticString? = nil) -> Bool {
        kind == .endElement && hasLocalName(name) && (namespace.map { isInNamespace($0) } ?? true)
    }

    /// Start or end of an element with this local name.
    @inline(__always)
    public func isElement(localName name: StaticString) -> Bool {
        (kind == .startElement || kind == .endElement) && hasLocalName(name)
    }

    // MARK: - Attributes (current start element)

    /// Value of the attribute with this local name, in any namespace (first match).
    public func attribute(_ localName: StaticString) -> String? {
        withAttribute(localName, namespace: nil) { $0.map { String(decoding: $0, as: UTF8.self) } }
    }

    /// Value of the attribute with this local name and namespace URI (nil namespace = no namespace).
    public func attribute(_ localName: StaticString, namespace: StaticString?) -> String? {
        withAttribute(localName, namespace: namespace, requireNamespaceMatch: true) {
            $0.map { String(decoding: $0, as: UTF8.self) }
        }
    }

    /// Value of the attribute with this local name (any namespace), for names built at run time.
    public func attribute(named localName: String) -> String? {
        guard kind == .startElement, var attribute = node?.pointee.properties else { return nil }
        return localName.withCString { wanted -> String? in
            let wantedBytes = UnsafeRawPointer(wanted).assumingMemoryBound(to: UInt8.self)
            while true {
                if let name = attribute.pointee.name, Self.equal(name, wantedBytes) {
                    return Self.attributeValue(attribute) { $0.map { String(decoding: $0, as: UTF8.self) } }
                }
                guard let next = attribute.pointee.next else { return nil }
                attribute = next
            }
        }
    }

    /// Calls `body` with the raw UTF-8 bytes of an attribute value (nil when absent), no String made.
    /// The bytes are valid only inside `body`.
    public func withAttribute<R>(_ localName: StaticString, namespace: StaticString? = nil,
                                 requireNamespaceMatch: Bool = false,
                                 _ body: (UnsafeBufferPointer<UInt8>?) -> R) -> R {
        guard kind == .startElement, var attribute = node?.pointee.properties else { return body(nil) }
        let wanted = localName.utf8Start
        while true {
            if let name = attribute.pointee.name, Self.equal(name, wanted) {
                let href = attribute.pointee.ns?.pointee.href
                let matches: Bool
                if let namespace {
                    matches = href.map { Self.equal($0, namespace.utf8Start) } ?? false
                } else {
                    matches = !requireNamespaceMatch || href == nil
                }
                if matches { return Self.attributeValue(attribute, body) }
            }
            guard let next = attribute.pointee.next else { return body(nil) }
            attribute = next
        }
    }

    /// All attributes of the current start element as (local name, namespace URI, value). Allocates.
    public var attributes: [(localName: String, namespace: String?, value: String)] {
        guard kind == .startElement else { return [] }
        var result: [(String, String?, String)] = []
        var attribute = node?.pointee.properties
        while let current = attribute {
            let name = current.pointee.name.map { String(cString: $0) } ?? ""
            let namespace = current.pointee.ns?.pointee.href.map { String(cString: $0) }
            let value = Self.attributeValue(current) { String(decoding: $0 ?? UnsafeBufferPointer(start: nil, count: 0), as: UTF8.self) }
            result.append((name, namespace, value))
            attribute = current.pointee.next
        }
        return result
    }

    private static func attributeValue<R>(_ attribute: xmlAttrPtr, _ body: (UnsafeBufferPointer<UInt8>?) -> R) -> R {
        let children = attribute.pointee.children
        if let child = children, child.pointee.next == nil, child.pointee.type == XML_TEXT_NODE {
            guard let content = child.pointee.content else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
            return body(UnsafeBufferPointer(start: content, count: strlen(content)))
        }
        if children == nil { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        // Rare: several child nodes. Let libxml2 join them.
        guard let joined = xmlNodeListGetString(attribute.pointee.doc, children, 1) else {
            return body(UnsafeBufferPointer(start: nil, count: 0))
        }
        defer { free(joined) }   // libxml2 allocates with malloc unless xmlMemSetup is called; it never is
        return body(UnsafeBufferPointer(start: joined, count: strlen(joined)))
    }

    // MARK: - Text

    /// The character data of the current text node ("" elsewhere). Allocates a String.
    public var text: String {
        withText { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the UTF-8 bytes of the current text node (empty elsewhere), no String made.
    public func withText<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        guard kind == .text, let value = xmlTextReaderConstValue(reader) else {
            return body(UnsafeBufferPointer(start: nil, count: 0))
        }
        return body(UnsafeBufferPointer(start: value, count: strlen(value)))
    }

    /// True if the current text node is whitespace only.
    public var isWhitespace: Bool {
        let type = xmlTextReaderNodeType(reader)
        return kind == .text && (type == 13 || type == 14)
    }

    // MARK: - Helpers

    @inline(__always)
    static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>) -> Bool {
        if a == b { return true }
        if a.pointee != b.pointee { return false }
        return strcmp(UnsafeRawPointer(a).assumingMemoryBound(to: CChar.self),
                      UnsafeRawPointer(b).assumingMemoryBound(to: CChar.self)) == 0
    }

    private func malformed(_ error: ErrorSink.Entry) -> OOXMLError {
        let line = error.line > 0 ? error.line : currentParserLine
        let detail = Self.malformedDetail(code: error.code, message: error.message, line: line, isBlank: isBlank,
                                          sawElement: sawElement, openElements: openElements)
        return OOXMLError(.malformedXML, file: file, part: part, line: line, detail: detail)
    }

    /// The Chinese diagnosis of a libxml2 error, shared by this reader and the SAX event reader so
    /// that a broken part reads the same whichever path met it.
    static func malformedDetail(code: Int32, message: String, line: Int, isBlank: Bool,
                                sawElement: Bool, openElements: Int) -> String {
        var detail = "XML 格式错误（第\(line)行）："
        if code == 5 || code == 86 {
            // libxml2 reports every unexpected end of input as "extra content".
            detail += isBlank ? "文档为空"
                : !sawElement ? "文档不完整，或根元素之后有多余内容"
                : openElements > 0 ? "元素未正常结束（内容可能被截断）" : "根元素结束后还有多余内容"
        } else if let reason = chineseReason(code) {
            detail += reason
        } else {
            // No Chinese wording for this code: keep libxml2's own words as the diagnosis.
            let message = message.trimmingCharacters(in: .whitespacesAndNewlines)
            detail += message.isEmpty ? "文档不完整或无法解析" : "无法解析（\(message)）"
        }
        return detail
    }

    static func chineseReason(_ code: Int32) -> String? {
        switch code {
        case 3, 4: return "文档为空或不是 XML"
        case 5, 86: return "根元素结束后还有多余内容"
        case 8, 9: return "含有非法字符"
        case 26, 27: return "引用了未定义的实体"
        case 32, 81: return "字符编码有误"
        case 38, 39, 40, 41: return "属性格式错误"
        case 42, 203: return "同一元素上有重复的属性"
        case 68: return "名称格式错误"
        case 73, 74: return "标签格式错误"
        case 76: return "开始标签与结束标签不匹配"
        case 77: return "元素未正常结束（内容可能被截断）"
        case 201, 202: return "命名空间前缀未声明或格式错误"
        default: return nil
        }
    }

    /// Whether the bytes are blank, and the line of a DOCTYPE in the prolog if there is one.
    static func prescan(_ bytes: UnsafeRawBufferPointer) -> (isBlank: Bool, doctypeLine: Int?) {
        let isBlank = !bytes.contains { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }
        return (isBlank, doctypeLine(in: bytes))
    }

    /// Finds a DOCTYPE in the prolog without parsing: skips BOM, whitespace, the XML declaration,
    /// processing instructions and comments. Returns the line of the DOCTYPE, or nil.
    /// UTF-16 documents are left to the reader's node-type check.
    static func doctypeLine(in bytes: UnsafeRawBufferPointer) -> Int? {
        do {
            var index = 0
            var line = 1
            let count = bytes.count
            func hasPrefix(_ text: StaticString, at position: Int) -> Bool {
                let length = text.utf8CodeUnitCount
                guard position + length <= count else { return false }
                for offset in 0..<length where bytes[position + offset] != text.utf8Start[offset] { return false }
                return true
            }
            func skip(past terminator: StaticString) -> Bool {
                while index < count {
                    if bytes[index] == 0x0A { line += 1 }
                    if hasPrefix(terminator, at: index) {
                        index += terminator.utf8CodeUnitCount
                        return true
                    }
                    index += 1
                }
                return false
            }
            if hasPrefix("\u{FEFF}", at: 0) { index = 3 }
            while index < count {
                let byte = bytes[index]
                if byte == 0x0A { line += 1; index += 1; continue }
                if byte == 0x20 || byte == 0x09 || byte == 0x0D { index += 1; continue }
                if hasPrefix("<?", at: index) {
                    guard skip(past: "?>") else { return nil }
                } else if hasPrefix("<!--", at: index) {
                    guard skip(past: "-->") else { return nil }
                } else if hasPrefix("<!", at: index) {
                    // Anything else starting with "<!" before the root is a DOCTYPE (in any letter case).
                    return line
                } else {
                    return nil
                }
            }
            return nil
        }
    }
}

/// Collects libxml2's structured errors for the reader that owns it.
private final class ErrorSink {
    struct Entry {
        var code: Int32
        var line: Int
        var message: String
    }

    private(set) var first: Entry?

    func record(_ error: xmlError) {
        // Warnings are not failures; errors and fatal errors are.
        guard error.level.rawValue >= XML_ERR_ERROR.rawValue, first == nil else { return }
        let message = error.message.map { String(cString: $0) } ?? ""
        first = Entry(code: error.code, line: Int(error.line), message: message)
    }
}

/// Feeds a streamed part to libxml2: first the bytes already examined, then the rest.
/// A failure (limit exceeded, corrupt data) is kept here and rethrown by the reader.
private final class StreamInput {
    let stream: PartStream
    let head: [UInt8]
    var headOffset = 0
    var error: OOXMLError?

    init(stream: PartStream, head: [UInt8]) {
        self.stream = stream
        self.head = head
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int32 {
        if headOffset < head.count {
            let count = min(buffer.count, head.count - headOffset)
            head.withUnsafeBytes { source in
                buffer.baseAddress!.copyMemory(from: source.baseAddress! + headOffset, byteCount: count)
            }
            headOffset += count
            return Int32(count)
        }
        do {
            return Int32(try stream.read(into: buffer))
        } catch {
            self.error = error
            return -1
        }
    }
}
