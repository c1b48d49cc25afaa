/// Moves a formula's relative A1 references, as Excel does when it fills a shared formula
/// (`<f t="shared" si="0"/>`) from its first cell into the others.
enum SharedFormula {
    /// `formula` written for `origin`, as it reads in `target`. References that would leave the
    /// sheet become `#REF!`, like Excel.
    static func translate(_ formula: String, from origin: CellAddress, to target: CellAddress) -> String {
        let dr = target.row - origin.row
        let dc = target.column - origin.column
        if dr == 0 && dc == 0 { return formula }
        let s = Array(formula.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(s.count + 8)
        var i = 0
        while i < s.count {
            let b = s[i]
            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                // String literal or quoted sheet name: copy through the closing quote ("" / '' escape).
                out.append(b)
                i += 1
                while i < s.count {
                    out.append(s[i])
                    if s[i] == b {
                        if i + 1 < s.count, s[i + 1] == b { out.append(b); i += 2; continue }
                        i += 1
                        break
                    }
                    i += 1
                }
                continue
            }
            if isWordByte(b) {
                var j = i
                while j < s.count, isWordByte(s[j]) { j += 1 }
                let word = s[i..<j]
                let precededByWord = i > 0 && (isWordByte(s[i - 1]) || s[i - 1] >= 0x80)
                let isCall = j < s.count && s[j] == UInt8(ascii: "(")
                let isSheet = j < s.count && s[j] == UInt8(ascii: "!")
                if !precededByWord, !isCall, !isSheet, let moved = shift(word, dr, dc) {
                    out.append(contentsOf: moved)
                } else {
                    out.append(contentsOf: word)
                }
                i = j
                continue
            }
            out.append(b)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || b == UInt8(ascii: "$")
            || b == UInt8(ascii: "_") || b == UInt8(ascii: ".")
    }

    /// The word moved by (dr, dc) if it is an A1 cell reference; nil otherwise.
    private static func shift(_ word: ArraySlice<UInt8>, _ dr: Int, _ dc: Int) -> [UInt8]? {
        var i = word.startIndex
        let end = word.endIndex
        let columnAbsolute = i < end && word[i] == UInt8(ascii: "$")
        if columnAbsolute { i += 1 }
        var column = 0
        var letters = 0
        while i < end, word[i] | 0x20 >= 0x61, word[i] | 0x20 <= 0x7A {
            column = column * 26 + Int((word[i] | 0x20) - 0x61 + 1)
            letters += 1
            i += 1
        }
        guard letters >= 1, letters <= 3 else { return nil }
        let rowAbsolute = i < end && word[i] == UInt8(ascii: "$")
        if rowAbsolute { i += 1 }
        var row = 0
        var digits = 0
        while i < end, word[i] >= 0x30, word[i] <= 0x39 {
            row = row * 10 + Int(word[i] - 0x30)
            digits += 1
            i += 1
            if digits > 7 { return nil }
        }
        guard digits >= 1, i == end, row >= 1, row <= SheetLimits.maxRows, column <= SheetLimits.maxColumns else { return nil }
        let newColumn = columnAbsolute ? column - 1 : column - 1 + dc
        let newRow = rowAbsolute ? row - 1 : row - 1 + dr
        guard newColumn >= 0, newColumn < SheetLimits.maxColumns, newRow >= 0, newRow < SheetLimits.maxRows else {
            return Array("#REF!".utf8)
        }
        let text = (columnAbsolute ? "$" : "") + CellAddress.columnName(newColumn) + (rowAbsolute ? "$" : "") + String(newRow + 1)
        return Array(text.utf8)
    }
}
