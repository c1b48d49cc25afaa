/// Path pieces of ASCII text by bytes. For ASCII text this is what splitting by Characters gives
/// ("/" and "\" never join a neighbour into one Character), without the grapheme-breaking cost;
/// other text is left to the Character-based code (nil).
enum ASCIIPath {
    static func isASCII(_ s: String) -> Bool { s.utf8.allSatisfy { $0 < 0x80 } }

    /// `s.split(separator:omittingEmptySubsequences:)` for ASCII `s`; nil for other text.
    static func split(_ s: String, _ separator: UInt8, omittingEmpty: Bool = true) -> [Substring]? {
        let utf8 = s.utf8
        guard isASCII(s) else { return nil }
        var pieces: [Substring] = []
        var start = utf8.startIndex
        var i = start
        while i != utf8.endIndex {
            if utf8[i] == separator {
                if !omittingEmpty || start != i { pieces.append(s[start..<i]) }
                start = utf8.index(after: i)
            }
            i = utf8.index(after: i)
        }
        if !omittingEmpty || start != utf8.endIndex { pieces.append(s[start..<utf8.endIndex]) }
        return pieces
    }

    /// Whether an ASCII name has a ".." segment between "/" or "\" separators; nil for other text.
    static func hasParentSegment(_ s: String) -> Bool? {
        isASCII(s) ? hasParentSegment(utf8: s.utf8) : nil
    }

    /// Whether UTF-8 text has a ".." segment between "/" or "\" separators (no byte of a multi-byte
    /// character is "." or a separator, so this holds for any UTF-8 text).
    static func hasParentSegment<Bytes: Sequence>(utf8 bytes: Bytes) -> Bool where Bytes.Element == UInt8 {
        var length = 0, dots = 0
        for b in bytes {
            if b == UInt8(ascii: "/") || b == UInt8(ascii: "\\") {
                if length == 2 && dots == 2 { return true }
                length = 0; dots = 0
            } else {
                length += 1
                if b == UInt8(ascii: ".") { dots += 1 }
            }
        }
        return length == 2 && dots == 2
    }
}
