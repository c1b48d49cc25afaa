import Foundation

/// A cell value as the table reader sees it. Mirrors the spreadsheet reader's cell values so the
/// reader can be fed from a workbook or from an in-code fixture alike.
public enum GridValue: Hashable, Sendable {
    case empty
    case number(Decimal)
    case text(String)
    case bool(Bool)
    case error(String)

    /// The text a person sees (numbers in plain notation), for header and label matching.
    public var text: String {
        switch self {
        case .empty: return ""
        case let .number(d): return NSDecimalNumber(decimal: d).stringValue
        case let .text(s): return s
        case let .bool(b): return b ? "TRUE" : "FALSE"
        case let .error(e): return e
        }
    }

    public var isEmpty: Bool {
        if case .empty = self { return true }
        if case let .text(s) = self { return TextNorm.isBlank(s) }
        return false
    }
}

/// A rectangle of cells, 0-based and inclusive.
public struct GridRange: Hashable, Sendable {
    public var firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int
    public init(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) {
        self.firstRow = firstRow; self.firstColumn = firstColumn; self.lastRow = lastRow; self.lastColumn = lastColumn
    }
    public func contains(row: Int, column: Int) -> Bool {
        row >= firstRow && row <= lastRow && column >= firstColumn && column <= lastColumn
    }
}

/// A cell of a sheet grid that holds a value.
public struct GridCell: Hashable, Sendable {
    public var row: Int
    public var column: Int
    public var value: GridValue

    public init(row: Int, column: Int, value: GridValue) {
        self.row = row; self.column = column; self.value = value
    }
}

/// One sheet as a sparse grid of values plus its merged ranges. The cells are one array in row, then
/// column order with an index of where each row starts: a cell is found without hashing, and a row's
/// cells are a slice already in column order.
public struct SheetGrid: Sendable {
    public var name: String
    public var merges: [GridRange]
    /// The cells holding a value, sorted by row then column, one per position.
    public private(set) var cells: [GridCell]
    /// The last row and column holding a cell (0-based); -1 for a sheet without cells.
    public private(set) var maxRow = -1
    public private(set) var maxColumn = -1
    /// `rowStarts[r] ..< rowStarts[r + 1]` are row r's cells. Empty when the rows are too sparse for a
    /// dense index (a hostile sheet with a cell at row 1,000,000): rows are then found by binary search.
    private var rowStarts: [Int] = []

    /// A grid of the given cells in any order; `.empty` values are left out, and of two cells at one
    /// position the later wins.
    public init(name: String, cells: [GridCell], merges: [GridRange] = []) {
        self.name = name; self.merges = merges
        let sorted = cells.enumerated().sorted { a, b in
            (a.element.row, a.element.column, a.offset) < (b.element.row, b.element.column, b.offset)
        }
        var kept: [GridCell] = []
        kept.reserveCapacity(cells.count)
        for (_, cell) in sorted {
            if let last = kept.last, last.row == cell.row, last.column == cell.column { kept.removeLast() }
            kept.append(cell)
        }
        self.cells = kept.filter { if case .empty = $0.value { return false }; return true }
        indexRows()
    }

    /// A grid of cells already sorted by row then column, one per position, none `.empty`.
    init(name: String, orderedCells: [GridCell], merges: [GridRange]) {
        self.name = name; self.merges = merges; self.cells = orderedCells
        indexRows()
    }

    /// Builds a grid from rows of values (fixtures): row i, column j; blank values are left out.
    public init(name: String, rows: [[GridValue]], merges: [GridRange] = []) {
        var cells: [GridCell] = []
        for (r, row) in rows.enumerated() {
            for (c, v) in row.enumerated() where !v.isEmpty { cells.append(GridCell(row: r, column: c, value: v)) }
        }
        self.init(name: name, orderedCells: cells, merges: merges)
    }

    /// Sets `maxRow`, `maxColumn` and the row index from `cells`.
    private mutating func indexRows() {
        maxRow = cells.last?.row ?? -1
        maxColumn = cells.reduce(-1) { max($0, $1.column) }
        rowStarts = []
        // Dense only when it stays within a few entries per cell.
        guard maxRow >= 0, maxRow < 4 * cells.count + 1024 else { return }
        var starts: [Int] = []
        starts.reserveCapacity(maxRow + 2)
        var i = 0
        for row in 0...(maxRow + 1) {
            while i < cells.count, cells[i].row < row { i += 1 }
            starts.append(i)
        }
        rowStarts = starts
    }

    /// The indices in `cells` of row `row`'s cells (empty for a row without cells).
    public func rowRange(_ row: Int) -> Range<Int> {
        guard row >= 0, row <= maxRow else { return 0..<0 }
        if !rowStarts.isEmpty { return rowStarts[row]..<rowStarts[row + 1] }
        return firstIndex(atOrAfter: row, 0)..<firstIndex(atOrAfter: row + 1, 0)
    }

    /// The cells of one row, in column order.
    public func cells(inRow row: Int) -> ArraySlice<GridCell> { cells[rowRange(row)] }

    /// The index in `cells` of the cell at a position, if it holds a value.
    public func index(_ row: Int, _ column: Int) -> Int? {
        let range = rowRange(row)
        var low = range.lowerBound, high = range.upperBound
        while low < high {
            let mid = (low + high) / 2
            if cells[mid].column < column { low = mid + 1 } else { high = mid }
        }
        return low < range.upperBound && cells[low].column == column ? low : nil
    }

    private func firstIndex(atOrAfter row: Int, _ column: Int) -> Int {
        var low = 0, high = cells.count
        while low < high {
            let mid = (low + high) / 2
            let c = cells[mid]
            if c.row < row || (c.row == row && c.column < column) { low = mid + 1 } else { high = mid }
        }
        return low
    }

    public func value(_ row: Int, _ column: Int) -> GridValue { index(row, column).map { cells[$0].value } ?? .empty }

    /// The value at a position; setting one (fixtures, edits in tests) keeps the cells in order and
    /// re-indexes the rows, and setting `.empty` removes the cell.
    public subscript(row: Int, column: Int) -> GridValue {
        get { value(row, column) }
        set {
            var all = cells
            if let i = index(row, column) { all.remove(at: i) }
            if case .empty = newValue {} else {
                let at = firstIndex(atOrAfter: row, column)
                all.insert(GridCell(row: row, column: column, value: newValue), at: at)
            }
            cells = all
            indexRows()
        }
    }

    /// The value shown at a cell, carrying a merged range's top-left value across the range.
    public func mergedValue(_ row: Int, _ column: Int) -> GridValue {
        let v = value(row, column)
        if !v.isEmpty { return v }
        for m in merges where m.contains(row: row, column: column) {
            return value(m.firstRow, m.firstColumn)
        }
        return v
    }

    /// "B7" for 0-based (6, 1).
    public static func a1(row: Int, column: Int) -> String {
        if column >= 0 && column < 26 && row >= 0 && row < 999_999 {
            // One letter and up to six digits: written straight into the string's bytes (a small string, no allocation).
            var digits = 1
            var n = row + 1
            while n >= 10 { digits += 1; n /= 10 }
            return String(unsafeUninitializedCapacity: digits + 1) { buffer in
                buffer[0] = UInt8(65 + column)
                var r = row + 1
                for i in stride(from: digits, to: 0, by: -1) { buffer[i] = UInt8(48 + r % 10); r /= 10 }
                return digits + 1
            }
        }
        var n = column + 1
        var letters = ""
        while n > 0 {
            let r = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + r))) + letters
            n = (n - 1) / 26
        }
        return letters + String(row + 1)
    }
}

/// Finds the cells of one row of a grid by column. Asked for columns in rising order (as a table's
/// columns are read), it steps on from the last cell found instead of searching the row each time.
struct RowCursor {
    private let cells: [GridCell]
    private let start: Int, end: Int
    private var at: Int
    private var lastColumn = Int.min

    init(_ sheet: SheetGrid, row: Int) {
        let range = sheet.rowRange(row)
        cells = sheet.cells; start = range.lowerBound; end = range.upperBound; at = start
    }

    /// The index in the grid's `cells` of the cell at `column`, if it holds a value.
    mutating func index(_ column: Int) -> Int? {
        if column < lastColumn { at = start }   // asked out of order: from the row's start again
        lastColumn = column
        while at < end, cells[at].column < column { at += 1 }
        return at < end && cells[at].column == column ? at : nil
    }
}
