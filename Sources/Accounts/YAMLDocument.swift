import CYAML

/// One YAML document read through libyaml's event API into a compact tree: every node is a small
/// record in one flat array, scalar texts lie one after another in one byte array, and a node is
/// an index. Building it costs about a fifth more than libyaml's own parsing (Yams' tree of Swift
/// enums and strings cost about 2.4 times as much).
///
/// It composes as the YAML library juesuan used before (Yams) did: an alias stands for the node its
/// anchor named (the same node, with that node's place; nothing is copied, so an alias bomb stays
/// small), an undefined alias is an error, tags are ignored, a second document is an error, and a
/// scalar's text loses one leading byte order mark.
public struct YAMLDocument: Sendable {
    /// A node of the document (an index into its node array).
    public struct Node: Hashable, Sendable {
        let index: Int32
    }

    public enum Kind: UInt8, Sendable { case scalar, sequence, mapping }

    // Internal (not private) for YAMLDocument+Chunks, which joins documents read in pieces.
    struct Record {
        var kind: Kind
        var style: UInt8           // libyaml's scalar style (0 any, 1 plain, 2 and 3 quoted, 4 and 5 block),
                                   // or collection style (1 block, 2 flow)
        var line: Int32            // 1-based, of the node's start
        var column: Int32          // 1-based, in Unicode scalars
        var start: Int32           // scalars: offset in `bytes`; collections: offset in `children`
        var count: Int32           // scalars: byte count; sequences: items; mappings: pairs
    }

    var records: [Record] = []
    /// Items of the sequences and key, value, key, value … of the mappings.
    var children: [Node] = []
    /// Scalar texts (UTF-8), one after another.
    var bytes: [UInt8] = []
    /// The document's top node.
    public internal(set) var root = Node(index: 0)
    /// Line breaks libyaml counted in the whole text (the 0-based line of its end).
    var lineBreaks: Int32 = 0

    // MARK: Queries

    public func kind(_ node: Node) -> Kind { records[Int(node.index)].kind }
    public func line(_ node: Node) -> Int { Int(records[Int(node.index)].line) }
    public func column(_ node: Node) -> Int { Int(records[Int(node.index)].column) }

    /// A plain (unquoted, not block) scalar: only those can mean null.
    public func isPlain(_ node: Node) -> Bool {
        let r = records[Int(node.index)]
        return r.kind == .scalar && r.style <= UInt8(YAML_PLAIN_SCALAR_STYLE.rawValue)
    }

    /// The text of a scalar; nil for a collection.
    public func string(_ node: Node) -> String? {
        let r = records[Int(node.index)]
        guard r.kind == .scalar else { return nil }
        return bytes.withUnsafeBufferPointer { all in
            String(decoding: UnsafeBufferPointer(rebasing: all[Int(r.start)..<Int(r.start + r.count)]), as: UTF8.self)
        }
    }

    /// Calls `body` with the UTF-8 text of a scalar (empty for a collection).
    public func withScalarBytes<R>(_ node: Node, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let r = records[Int(node.index)]
        let range = r.kind == .scalar ? Int(r.start)..<Int(r.start + r.count) : 0..<0
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// Whether a scalar (of any style) reads as null in YAML 1.1's core words: "", ~, null, Null, NULL.
    public func isNullWord(_ node: Node) -> Bool {
        guard kind(node) == .scalar else { return false }
        return withScalarBytes(node) { b in b.count <= 4 && Self.nullWords.contains { $0.elementsEqual(b) } }
    }

    private static let nullWords: [[UInt8]] = ["", "~", "null", "Null", "NULL"].map { Array($0.utf8) }

    /// The items of a sequence, or nil if the node is not one.
    public func items(_ node: Node) -> ArraySlice<Node>? {
        let r = records[Int(node.index)]
        guard r.kind == .sequence else { return nil }
        return children[Int(r.start)..<Int(r.start + r.count)]
    }

    /// The key, value pairs of a mapping in document order, or nil if the node is not one.
    public func pairs(_ node: Node) -> Pairs? {
        let r = records[Int(node.index)]
        guard r.kind == .mapping else { return nil }
        return Pairs(flat: children[Int(r.start)..<Int(r.start + 2 * r.count)])
    }

    public struct Pairs: RandomAccessCollection, Sendable {
        let flat: ArraySlice<Node>
        public var startIndex: Int { 0 }
        public var endIndex: Int { flat.count / 2 }
        public subscript(i: Int) -> (key: Node, value: Node) {
            (flat[flat.startIndex + 2 * i], flat[flat.startIndex + 2 * i + 1])
        }
    }

    // MARK: Parsing

    /// The document of a YAML text, or nil when the text holds none (empty, or only comments).
    public static func parse(_ text: String) throws(YAMLSyntaxError) -> YAMLDocument? {
        var text = text
        return try text.withUTF8 { parse(utf8: $0) }.get()
    }

    /// The document of a YAML text given as UTF-8 bytes, or nil when it holds none.
    public static func parse(utf8 text: UnsafeBufferPointer<UInt8>) -> Result<YAMLDocument?, YAMLSyntaxError> {
        guard let base = text.baseAddress, !text.isEmpty else { return .success(nil) }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return .failure(.memory) }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(&parser, base, text.count)
        var builder = Builder()
        // Unit data files hold one node per 14 to 22 bytes; scalar texts never outgrow the text.
        builder.document.records.reserveCapacity(text.count / 12)
        builder.document.bytes.reserveCapacity(text.count)
        builder.document.children.reserveCapacity(text.count / 12)
        do {
            return .success(try builder.document(&parser))
        } catch {
            return .failure(error)
        }
    }

    /// Builds the tree event by event, without recursion (nesting depth costs no stack).
    private struct Builder {
        var document = YAMLDocument()
        /// Children of the collections still open, innermost last.
        var pending: [Node] = []
        /// Open collections: their node and where their children start in `pending`.
        var open: [(node: Node, firstChild: Int, anchor: String?)] = []
        var anchors: [String: Node] = [:]

        /// The stream's only document: stream start, document start, one node, document end, stream end.
        mutating func document(_ parser: inout yaml_parser_t) throws(YAMLSyntaxError) -> YAMLDocument? {
            var event = try Self.next(&parser)      // stream start
            yaml_event_delete(&event)
            event = try Self.next(&parser)
            defer { yaml_event_delete(&event) }
            if event.type == YAML_STREAM_END_EVENT { return nil }
            var done = false
            while !done {
                yaml_event_delete(&event)
                event = try Self.next(&parser)
                done = try add(event)
            }
            yaml_event_delete(&event)
            event = try Self.next(&parser)          // document end
            yaml_event_delete(&event)
            event = try Self.next(&parser)
            if event.type != YAML_STREAM_END_EVENT {
                throw YAMLSyntaxError(stage: .composer, problem: "but found another document",
                                      context: "expected a single document in the stream", mark: event.start_mark)
            }
            document.lineBreaks = Int32(clamping: event.start_mark.line)
            return document
        }

        /// Adds one node event; true once the top node is complete.
        mutating func add(_ event: yaml_event_t) throws(YAMLSyntaxError) -> Bool {
            let line = Int32(clamping: event.start_mark.line + 1), column = Int32(clamping: event.start_mark.column + 1)
            switch event.type {
            case YAML_SCALAR_EVENT:
                let s = event.data.scalar
                var value = UnsafeBufferPointer(start: s.value, count: s.value == nil ? 0 : s.length)
                // A scalar's text loses one leading byte order mark, as it did in Foundation's
                // UTF-8 decoding through which Yams made its strings ("\u{FEFF}元" reads "元").
                if value.count >= 3, value[0] == 0xEF, value[1] == 0xBB, value[2] == 0xBF {
                    value = UnsafeBufferPointer(rebasing: value[3...])
                }
                let node = append(Record(kind: .scalar, style: UInt8(truncatingIfNeeded: s.style.rawValue),
                                         line: line, column: column,
                                         start: Int32(clamping: document.bytes.count), count: Int32(clamping: value.count)))
                document.bytes.append(contentsOf: value)
                if let anchor = Self.text(s.anchor) { anchors[anchor] = node }
                return attach(node)
            case YAML_ALIAS_EVENT:
                guard let name = Self.text(event.data.alias.anchor), let node = anchors[name] else {
                    throw YAMLSyntaxError(stage: .composer, problem: "found undefined alias", context: nil, mark: event.start_mark)
                }
                return attach(node)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let kind: Kind = event.type == YAML_SEQUENCE_START_EVENT ? .sequence : .mapping
                let anchor = Self.text(kind == .sequence ? event.data.sequence_start.anchor : event.data.mapping_start.anchor)
                let style = kind == .sequence ? event.data.sequence_start.style.rawValue : event.data.mapping_start.style.rawValue
                let node = append(Record(kind: kind, style: UInt8(truncatingIfNeeded: style), line: line, column: column,
                                         start: 0, count: 0))
                open.append((node, pending.count, anchor))
                return false
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let (node, first, anchor) = open.popLast() else { return false }
                let children = pending.count - first, i = Int(node.index)
                document.records[i].start = Int32(clamping: document.children.count)
                document.records[i].count = Int32(clamping: document.records[i].kind == .mapping ? children / 2 : children)
                document.children.append(contentsOf: pending[first...])
                pending.removeLast(children)
                if let anchor { anchors[anchor] = node }
                return attach(node)
            default:
                return false
            }
        }

        private mutating func append(_ record: Record) -> Node {
            document.records.append(record)
            return Node(index: Int32(document.records.count - 1))
        }

        /// Makes `node` the next child of the innermost open collection, or the top node.
        private mutating func attach(_ node: Node) -> Bool {
            if open.isEmpty {
                document.root = node
                return true
            }
            pending.append(node)
            return false
        }

        private static func next(_ parser: inout yaml_parser_t) throws(YAMLSyntaxError) -> yaml_event_t {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else { throw YAMLSyntaxError(parser) }
            return event
        }

        private static func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            pointer.map { String(cString: $0) }
        }
    }
}

/// A text libyaml cannot read, with libyaml's own (English) description and its place.
public struct YAMLSyntaxError: Error, Sendable {
    /// Where libyaml stopped: decoding characters, splitting tokens, parsing the structure, or
    /// composing the tree (an undefined alias, a second document).
    public enum Stage: Sendable { case reader, scanner, parser, composer, memory }

    public var stage: Stage
    /// What is wrong, e.g. "could not find expected ':'".
    public var problem: String
    /// What libyaml was reading when it found the problem, e.g. "while scanning a simple key".
    public var context: String?
    /// 1-based line and column of the problem (0 for reader and memory errors).
    public var line: Int
    public var column: Int

    static let memory = YAMLSyntaxError(stage: .memory, problem: "Memory error", context: nil, line: 0, column: 0)

    init(stage: Stage, problem: String, context: String?, line: Int, column: Int) {
        self.stage = stage; self.problem = problem; self.context = context; self.line = line; self.column = column
    }

    init(stage: Stage, problem: String, context: String?, mark: yaml_mark_t) {
        self.init(stage: stage, problem: problem, context: context, line: mark.line + 1, column: mark.column + 1)
    }

    init(_ parser: yaml_parser_t) {
        let problem = parser.problem.map { String(cString: $0) } ?? ""
        let context = parser.context.map { String(cString: $0) }
        switch parser.error {
        case YAML_READER_ERROR: self.init(stage: .reader, problem: problem, context: nil, line: 0, column: 0)
        case YAML_SCANNER_ERROR: self.init(stage: .scanner, problem: problem, context: context, mark: parser.problem_mark)
        case YAML_PARSER_ERROR: self.init(stage: .parser, problem: problem, context: context, mark: parser.problem_mark)
        default: self = .memory
        }
    }
}
