/// A cheap scan that bounds how deeply a YAML text nests, run before the YAML parser sees it (for
/// a large file read on all cores, alongside the parser; a text found too deep is refused all the same).
/// It was added when the tree builder recursed once per level and a few thousand `[` overflowed
/// the stack; YAMLDocument no longer recurses, but such a text is still refused with its line
/// rather than read. Real unit data files nest four or five levels.
///
/// The estimate errs high (never low) for block nesting: every distinct deeper indentation counts
/// as a level, and so do `- ` / `? ` markers that open a compact block collection on one line.
/// Flow collections count `[` and `{` where a node may start, outside quoted scalars and comments.
public enum YAMLNesting {
    /// Deepest nesting accepted.
    public static let maximumDepth = 200

    /// The first line (1-based) where the estimated depth exceeds `limit`, or nil.
    public static func firstLineTooDeep(_ text: String, limit: Int = maximumDepth) -> Int? {
        var text = text
        return text.withUTF8 { firstLineTooDeep(utf8: $0, limit: limit) }
    }

    /// The same for a text given as UTF-8 bytes.
    public static func firstLineTooDeep(utf8 text: UnsafeBufferPointer<UInt8>, limit: Int = maximumDepth) -> Int? {
        var scanner = Scanner(limit: limit)
        return scanner.run(text)
    }

    private struct Scanner {
        let limit: Int
        var indents: [Int] = []          // block indentation levels open above the current line
        var flowDepth = 0
        var quote: UInt8 = 0             // the open quote character, 0 outside quoted scalars
        var line = 1

        init(limit: Int) { self.limit = limit }

        mutating func run(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
            var i = 0
            let n = bytes.count
            while i < n {
                // Start of a line.
                var nodeStart = true
                var blockExtra = 0
                if quote == 0 && flowDepth == 0 {
                    var indent = 0
                    while i + indent < n, bytes[i + indent] == UInt8(ascii: " ") { indent += 1 }
                    let first = i + indent < n ? bytes[i + indent] : UInt8(ascii: "\n")
                    if first != UInt8(ascii: "\n") && first != UInt8(ascii: "\r") && first != UInt8(ascii: "#") {
                        while let last = indents.last, last > indent { indents.removeLast() }
                        if indents.last.map({ $0 < indent }) ?? true { indents.append(indent) }
                    }
                    i += indent
                }
                // The rest of the line.
                scan: while i < n, bytes[i] != UInt8(ascii: "\n") {
                    let b = bytes[i]
                    // Most bytes (letters, digits, Chinese) change nothing but end a node's start.
                    if quote == 0 && !Self.isSyntax(b) {
                        nodeStart = false
                        i += 1
                        continue
                    }
                    if quote != 0 && b != quote && b != UInt8(ascii: "\\") {
                        i += 1
                        continue
                    }
                    let next = i + 1 < n ? bytes[i + 1] : UInt8(ascii: "\n")
                    let nextIsBlank = next == UInt8(ascii: " ") || next == UInt8(ascii: "\n")
                        || next == UInt8(ascii: "\r") || next == UInt8(ascii: "\t")
                    if quote != 0 {
                        if b == UInt8(ascii: "\\") && quote == UInt8(ascii: "\"") {
                            i += 2
                            continue
                        }
                        if b == quote {
                            if quote == UInt8(ascii: "'") && next == UInt8(ascii: "'") { i += 2; continue }
                            quote = 0
                        }
                        i += 1
                        continue
                    }
                    // (Separate conditions: a `where` on a multi-pattern case guards only its last pattern.)
                    let isBlank = b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\r")
                    if (isBlank && next == UInt8(ascii: "#")) || (b == UInt8(ascii: "#") && nodeStart) {
                        skipComment(&i, bytes)
                        break scan
                    } else if isBlank {
                        // Blanks keep the state: "- [" and ":  [" still start a node.
                    } else if (b == UInt8(ascii: "\"") || b == UInt8(ascii: "'")) && nodeStart {
                        quote = b
                        nodeStart = false
                    } else if (b == UInt8(ascii: "[") || b == UInt8(ascii: "{")) && (nodeStart || flowDepth > 0) {
                        flowDepth += 1
                        nodeStart = true
                        if depth(blockExtra) > limit { return line }
                    } else if (b == UInt8(ascii: "]") || b == UInt8(ascii: "}")) && flowDepth > 0 {
                        flowDepth -= 1
                        nodeStart = false
                    } else if b == UInt8(ascii: ",") && flowDepth > 0 {
                        nodeStart = true
                    } else if (b == UInt8(ascii: "-") || b == UInt8(ascii: "?")) && nodeStart && flowDepth == 0 && nextIsBlank {
                        blockExtra += 1
                        if depth(blockExtra) > limit { return line }
                    } else if b == UInt8(ascii: ":") && (nextIsBlank || (flowDepth > 0 && next == UInt8(ascii: ","))) {
                        nodeStart = true
                    } else {
                        nodeStart = false
                    }
                    i += 1
                }
                if depth(blockExtra) > limit { return line }
                i += 1   // the newline
                line += 1
            }
            return nil
        }

        /// The bytes the scan acts on outside quotes: blanks, line ends, comment, quote, flow and
        /// block indicators, and the backslash (all ASCII).
        private static func isSyntax(_ b: UInt8) -> Bool {
            b < 0x80 && (b < 0x40 ? (lowSyntax >> b) & 1 : (highSyntax >> (b - 0x40)) & 1) != 0
        }
        // Bit b of lowSyntax is set for byte b in: tab, \n, \r, space, " # ' , - : ?
        // Bit b of highSyntax is set for byte 0x40 + b in: [ \ ] { }
        private static let lowSyntax: UInt64 = 0x8400308D00002600
        private static let highSyntax: UInt64 = 0x2800000038000000

        private func depth(_ blockExtra: Int) -> Int { indents.count + blockExtra + flowDepth }

        /// A comment runs to the end of its line.
        private func skipComment(_ i: inout Int, _ bytes: UnsafeBufferPointer<UInt8>) {
            while i < bytes.count, bytes[i] != UInt8(ascii: "\n") { i += 1 }
        }
    }
}
