// Cell addressing in A1 notation: 0-based row/column in code, "AB12" in files.

/// Excel's sheet limits.
public enum SheetLimits {
    public static let maxRows = 1_048_576
    public static let maxColumns = 16_384
    /// Longest text a cell may hold.
    public static let maxCellTextLength = 32_767
    /// Most non-empty cells one worksheet may hold when read. Excel's grid allows 17 billion; a
    /// final-accounts sheet holds a few thousand. At about 100 bytes a cell this caps a sheet near
    /// 100 MB of memory, so a small but hostile file cannot exhaust it.
    public static let maxCellsPerSheet = 1_000_000
}

/// A cell position, 0-based: `CellAddress(row: 0, column: 0)` is A1.
public struct CellAddress: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let row: Int
    public let column: Int

    /// Fails when the position is outside the sheet (1,048,576 rows × 16,384 columns).
    public init(row: Int, column: Int) throws(SpreadsheetError) {
        guard row >= 0, row < SheetLimits.maxRows else {
            throw SpreadsheetError(.invalidAddress, detail: "行号 \(row + 1) 超出工作表范围（1–\(SheetLimits.maxRows)）")
        }
        guard column >= 0, column < SheetLimits.maxColumns else {
            throw SpreadsheetError(.invalidAddress, detail: "列号 \(column + 1) 超出工作表范围（1–\(SheetLimits.maxColumns)，即 A–XFD）")
        }
        self.row = row
        self.column = column
    }

    /// For positions already known to be inside the sheet (parsed by bytes, clamped).
    init(uncheckedRow row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// Parses "AB12" (also "$AB$12"; letters case-insensitive).
    public init(_ text: String) throws(SpreadsheetError) {
        var bytes = Array(text.utf8)
        guard let parsed = CellAddress.parse(&bytes) else {
            throw SpreadsheetError(.invalidAddress, detail: "“\(text)”不是有效的单元格地址（应形如 A1、AB12）")
        }
        self = parsed
    }

    /// Parses an A1 reference from raw bytes; nil when malformed or outside the sheet.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> CellAddress? {
        var i = 0
        let n = bytes.count
        if i < n, bytes[i] == UInt8(ascii: "$") { i += 1 }
        var column = 0
        var letters = 0
        while i < n {
            let b = bytes[i] | 0x20  // fold to lower case
            guard b >= UInt8(ascii: "a"), b <= UInt8(ascii: "z") else { break }
            column = column * 26 + Int(b - UInt8(ascii: "a") + 1)
            letters += 1
            i += 1
            if letters > 3 { return nil }
        }
        guard letters > 0 else { return nil }
        if i < n, bytes[i] == UInt8(ascii: "$") { i += 1 }
        var row = 0
        var digits = 0
        while i < n {
            let b = bytes[i]
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            row = row * 10 + Int(b - UInt8(ascii: "0"))
            digits += 1
            i += 1
            if digits > 7 { return nil }
        }
        guard digits > 0, row >= 1, row <= SheetLimits.maxRows, column <= SheetLimits.maxColumns else { return nil }
        return CellAddress(uncheckedRow: row - 1, column: column - 1)
    }

    static func parse(_ bytes: inout [UInt8]) -> CellAddress? {
        bytes.withUnsafeBufferPointer { parse($0) }
    }

    /// "A", "Z", "AA", … for a 0-based column.
    public static func columnName(_ column: Int) -> String {
        var n = column + 1
        var letters: [UInt8] = []
        while n > 0 {
            let r = (n - 1) % 26
            letters.append(UInt8(ascii: "A") + UInt8(r))
            n = (n - 1) / 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }

    /// "AB12".
    public var a1: String { CellAddress.columnName(column) + String(row + 1) }

    /// "$AB$12".
    public var absoluteA1: String { "$" + CellAddress.columnName(column) + "$" + String(row + 1) }

    public var description: String { a1 }

    public static func < (lhs: CellAddress, rhs: CellAddress) -> Bool {
        lhs.row != rhs.row ? lhs.row < rhs.row : lhs.column < rhs.column
    }
}

/// A rectangular block of cells, "A1:C3"; a single cell formats as "A1".
public struct CellRange: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let first: CellAddress
    public let last: CellAddress

    /// Corners in any order; stored normalized (top-left, bottom-right).
    public init(_ a: CellAddress, _ b: CellAddress) {
        first = CellAddress(uncheckedRow: min(a.row, b.row), column: min(a.column, b.column))
        last = CellAddress(uncheckedRow: max(a.row, b.row), column: max(a.column, b.column))
    }

    public init(rows: ClosedRange<Int>, columns: ClosedRange<Int>) throws(SpreadsheetError) {
        self.init(try CellAddress(row: rows.lowerBound, column: columns.lowerBound),
                  try CellAddress(row: rows.upperBound, column: columns.upperBound))
    }

    /// Parses "A1:C3" or "A1".
    public init(_ text: String) throws(SpreadsheetError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2 else {
            throw SpreadsheetError(.invalidAddress, detail: "“\(text)”不是有效的单元格区域（应形如 A1:C3）")
        }
        do {
            let a = try CellAddress(String(parts[0]))
            let b = parts.count == 2 ? try CellAddress(String(parts[1])) : a
            self.init(a, b)
        } catch {
            throw SpreadsheetError(.invalidAddress, detail: "“\(text)”不是有效的单元格区域（应形如 A1:C3）")
        }
    }

    /// Parses "A1:C3" or "A1" from raw bytes, as `init(_:)` parses their text; nil when malformed.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> CellRange? {
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else {
            return CellAddress.parse(bytes).map { CellRange($0, $0) }
        }
        let tail = UnsafeBufferPointer(rebasing: bytes[(colon + 1)...])
        guard !tail.contains(UInt8(ascii: ":")),
              let a = CellAddress.parse(UnsafeBufferPointer(rebasing: bytes[..<colon])),
              let b = CellAddress.parse(tail) else { return nil }
        return CellRange(a, b)
    }

    public var rows: ClosedRange<Int> { first.row...last.row }
    public var columns: ClosedRange<Int> { first.column...last.column }
    public var rowCount: Int { last.row - first.row + 1 }
    public var columnCount: Int { last.column - first.column + 1 }
    public var isSingleCell: Bool { first == last }

    public func contains(_ address: CellAddress) -> Bool {
        rows.contains(address.row) && columns.contains(address.column)
    }

    public func overlaps(_ other: CellRange) -> Bool {
        rows.overlaps(other.rows) && columns.overlaps(other.columns)
    }

    /// "A1:C3", or "A1" for one cell.
    public var a1: String { isSingleCell ? first.a1 : first.a1 + ":" + last.a1 }

    /// "$A$1:$C$3".
    public var absoluteA1: String { isSingleCell ? first.absoluteA1 : first.absoluteA1 + ":" + last.absoluteA1 }

    public var description: String { a1 }

    public static func < (lhs: CellRange, rhs: CellRange) -> Bool {
        lhs.first != rhs.first ? lhs.first < rhs.first : lhs.last < rhs.last
    }
}
