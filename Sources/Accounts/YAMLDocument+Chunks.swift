import CYAML
import Dispatch
import Foundation

/// Reading a large YAML text on all cores: the text is cut at lines where the top mapping takes
/// its next key, or where a top key's block list takes its next item; libyaml reads the pieces at
/// the same time and their trees are joined into the tree one reading gives (same nodes, lines and
/// columns). libyaml holds no state across such a line that the piece before it does not finish
/// (an open quote or flow collection makes that piece fail), and the join checks that each piece
/// continues what the one before left open (a block mapping at column 1, or a block list at the
/// item's column). When anything does not fit, or any piece fails, the text is read in one piece,
/// so what is reported for a bad text does not change.
extension YAMLDocument {
    /// Read once: asking reads two cgroup files every time.
    private static let processorCount = ProcessInfo.processInfo.activeProcessorCount

    /// Texts smaller than this are read in one piece: handing pieces to another core costs about
    /// 0.15 ms on the benchmark machine, which made the 16 KB sample unit's load slower, not faster.
    static let chunkedMinimumSize = 24 * 1024

    /// The document of a YAML text (UTF-8), read in pieces on all cores when `spread` is on and the
    /// text is large enough; the same result as `parse(utf8:)`. `check` runs once, on another core
    /// while the pieces are read, or else first: a check of the text that needs no tree (false:
    /// the text is refused; when that is known before reading, it is not read and the result is nil).
    public static func parse(utf8 text: UnsafeBufferPointer<UInt8>, spread: Bool,
                             check: @Sendable () -> Bool = { true }) -> Result<YAMLDocument?, YAMLSyntaxError> {
        let cores = processorCount
        guard spread, cores > 1, text.count >= chunkedMinimumSize else {
            return check() ? parse(utf8: text) : .success(nil)
        }
        return parse(utf8: text, pieces: 2 * cores, check: check)
    }

    /// The document of a YAML text read in about `pieces` pieces (or in one when it does not cut).
    /// Public for the tests and the fuzz target that compare it with `parse(utf8:)`.
    public static func parse(utf8 text: UnsafeBufferPointer<UInt8>, pieces: Int,
                      check: @Sendable () -> Bool = { true }) -> Result<YAMLDocument?, YAMLSyntaxError> {
        guard let chunks = YAMLChunk.plan(text, pieces: pieces) else {
            return check() ? parse(utf8: text) : .success(nil)
        }
        let passed = Flag()
        if let document = parseChunks(text, chunks, alongside: { passed.value = check() }) { return .success(document) }
        return passed.value ? parse(utf8: text) : .success(nil)
    }

    /// The joined document of the pieces, or nil when a piece fails or does not continue the one before.
    static func parseChunks(_ text: UnsafeBufferPointer<UInt8>, _ chunks: [YAMLChunk],
                            alongside: @Sendable () -> Void = {}) -> YAMLDocument? {
        // Each piece's slot is written by one iteration and read after all are done.
        var documents = [YAMLDocument?](repeating: nil, count: chunks.count)
        let base = UnsafeSendableBuffer(buffer: text)
        documents.withUnsafeMutableBufferPointer { out in
            let out = UnsafeSendableDocuments(buffer: out)
            DispatchQueue.concurrentPerform(iterations: chunks.count + 1) { i in
                if i == chunks.count { return alongside() }
                let piece = UnsafeBufferPointer(rebasing: base.buffer[chunks[i].range])
                if case .success(let document?) = parse(utf8: piece) { out.buffer[i] = document }
            }
        }
        var parts: [YAMLDocument] = []
        for document in documents {
            guard let document else { return nil }
            parts.append(document)
        }
        return join(parts, chunks)
    }

    /// The pieces' trees as one: records, children and texts one after another (indices moved),
    /// lines moved by the line breaks before each piece; the top mapping and every list continued
    /// by a later piece get their children anew at the end.
    private static func join(_ parts: [YAMLDocument], _ chunks: [YAMLChunk]) -> YAMLDocument? {
        var joined = YAMLDocument()
        joined.records.reserveCapacity(parts.reduce(0) { $0 + $1.records.count })
        joined.children.reserveCapacity(parts.reduce(0) { $0 + $1.children.count } + 64)
        joined.bytes.reserveCapacity(parts.reduce(0) { $0 + $1.bytes.count })
        let block = UInt8(1)
        var topPairs: [Node] = []
        var openList: Node?                    // the top mapping's last value when it is a block list
        var continued: [(list: Node, items: [Node])] = []
        var lineOffset: Int32 = 0
        for (part, chunk) in zip(parts, chunks) {
            let recordOffset = Int32(joined.records.count)
            let childOffset = Int32(joined.children.count), byteOffset = Int32(joined.bytes.count)
            for var r in part.records {
                r.line += lineOffset
                r.start += r.kind == .scalar ? byteOffset : childOffset
                joined.records.append(r)
            }
            for child in part.children { joined.children.append(Node(index: child.index + recordOffset)) }
            joined.bytes.append(contentsOf: part.bytes)
            lineOffset += part.lineBreaks
            let root = Node(index: part.root.index + recordOffset)
            let top = joined.records[Int(root.index)]
            // A piece that is one scalar (a cut that landed in text that is not a key or an item)
            // has no children to join; its `start` is a byte offset, not a child index.
            guard top.kind != .scalar else { return nil }
            let rootChildren = joined.children[Int(top.start)..<Int(top.start) + Int(top.count) * (top.kind == .mapping ? 2 : 1)]
            switch chunk.kind {
            case .key:
                guard top.kind == .mapping, top.style == block, top.column == 1 else { return nil }
                if topPairs.isEmpty { joined.root = root }
                topPairs.append(contentsOf: rootChildren)
                openList = rootChildren.last.flatMap { value in
                    let r = joined.records[Int(value.index)]
                    return r.kind == .sequence && r.style == block ? value : nil
                }
            case .item(let indent):
                let column = Int32(indent + 1)
                guard top.kind == .sequence, top.style == block, top.column == column,
                      let list = openList, joined.records[Int(list.index)].column == column else { return nil }
                if continued.last?.list != list {
                    let r = joined.records[Int(list.index)]
                    continued.append((list, Array(joined.children[Int(r.start)..<Int(r.start + r.count)])))
                }
                continued[continued.count - 1].items.append(contentsOf: rootChildren)
            }
        }
        guard !topPairs.isEmpty else { return nil }
        for (list, items) in continued {
            joined.records[Int(list.index)].start = Int32(clamping: joined.children.count)
            joined.records[Int(list.index)].count = Int32(clamping: items.count)
            joined.children.append(contentsOf: items)
        }
        let rootIndex = Int(joined.root.index)
        joined.records[rootIndex].start = Int32(clamping: joined.children.count)
        joined.records[rootIndex].count = Int32(clamping: topPairs.count / 2)
        joined.children.append(contentsOf: topPairs)
        return joined
    }
}

/// Written by the one task that runs the check, read after all tasks are done.
private final class Flag: @unchecked Sendable { var value = false }
private struct UnsafeSendableBuffer: @unchecked Sendable { let buffer: UnsafeBufferPointer<UInt8> }
private struct UnsafeSendableDocuments: @unchecked Sendable { let buffer: UnsafeMutableBufferPointer<YAMLDocument?> }

/// One piece of a YAML text cut for reading on several cores.
struct YAMLChunk: Equatable {
    enum Kind: Equatable {
        /// Starts with a key of the top mapping at column 1 (or is the first piece).
        case key
        /// Starts with an item ("- ") of a top key's block list, the dash after `indent` spaces.
        case item(indent: Int)
    }
    var range: Range<Int>
    var kind: Kind

    /// Cuts `text` into about `pieces` pieces of similar size, at lines that start a top key (a
    /// letter, digit or non-ASCII character at column 1) or an item of the list of the last top key
    /// (at the indentation of that list's first item). A piece that starts with an item ends where
    /// the next top key starts. Nil when the text does not cut.
    static func plan(_ text: UnsafeBufferPointer<UInt8>, pieces: Int) -> [YAMLChunk]? {
        let n = text.count
        let target = max(1, n / max(1, pieces))
        var chunks: [YAMLChunk] = []
        var start = 0, kind = Kind.key
        var itemIndent: Int?                      // of the last top key's first list item
        var i = 0
        while i < n {
            // i is at the start of a line.
            let first = text[i]
            if i > 0, Self.startsKey(first) {
                if case .item = kind { } else if i - start < target { itemIndent = nil; i = nextLine(text, i); continue }
                chunks.append(YAMLChunk(range: start..<i, kind: kind))
                start = i; kind = .key; itemIndent = nil
            } else if i > 0 {
                var indent = 0
                while i + indent < n, text[i + indent] == UInt8(ascii: " ") { indent += 1 }
                if i + indent + 1 < n, text[i + indent] == UInt8(ascii: "-"), text[i + indent + 1] == UInt8(ascii: " ") {
                    if itemIndent == nil { itemIndent = indent }
                    if itemIndent == indent, i - start >= target {
                        chunks.append(YAMLChunk(range: start..<i, kind: kind))
                        start = i; kind = .item(indent: indent)
                    }
                }
            }
            i = nextLine(text, i)
        }
        chunks.append(YAMLChunk(range: start..<n, kind: kind))
        return chunks.count > 1 ? chunks : nil
    }

    /// A byte that starts a plain key of the top mapping: an ASCII letter or digit, or any non-ASCII byte.
    private static func startsKey(_ b: UInt8) -> Bool {
        b >= 0x80 || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || ((b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z"))
    }

    /// The start of the line after the one containing `i` (or past the end of the text).
    private static func nextLine(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        guard let base = text.baseAddress, i < text.count,
              let newline = memchr(base + i, 0x0A, text.count - i) else { return text.count + 1 }
        return base.distance(to: newline.assumingMemoryBound(to: UInt8.self)) + 1
    }
}

extension YAMLDocument {
    /// Every node in document order with its kind, place, style and text, one line each: two trees
    /// are the same document when their outlines are equal (how the tests and the fuzz target
    /// compare a tree read in pieces with the tree read whole).
    public func outline() -> [String] {
        var lines: [String] = []
        var stack: [(Node, Int)] = [(root, 0)]
        while let (node, depth) = stack.popLast() {
            let place = "\(String(repeating: " ", count: depth))\(kind(node)) \(line(node)):\(column(node))"
            switch kind(node) {
            case .scalar:
                lines.append("\(place) plain=\(isPlain(node)) \(string(node) ?? "")")
            case .sequence:
                let items = items(node) ?? []
                lines.append("\(place) \(items.count) items")
                stack += items.reversed().map { ($0, depth + 1) }
            case .mapping:
                let pairs = pairs(node).map(Array.init) ?? []
                lines.append("\(place) \(pairs.count) pairs")
                stack += pairs.reversed().flatMap { [($0.value, depth + 1), ($0.key, depth + 1)] }
            }
        }
        return lines
    }
}
