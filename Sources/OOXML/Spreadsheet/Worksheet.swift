/// A worksheet read from a workbook: its non-empty cells (sparse, sorted by row then column)
/// and merged ranges.
public struct Worksheet: Sendable {
    public let name: String
    /// Non-empty cells (a value or a formula) in row order, then column order.
    public let cells: [Cell]
    public let merges: [CellRange]
    /// The last row and column that hold a cell (0-based), from the cells themselves;
    /// the file's `<dimension>` is ignored. nil for a sheet without cells.
    public let maxRow: Int?
    public let maxColumn: Int?

    init(name: String, cells: [Cell], merges: [CellRange]) {
        self.name = name
        self.cells = cells
        self.merges = merges
        maxRow = cells.last?.address.row
        maxColumn = cells.lazy.map(\.address.column).max()
    }

    /// The cell at a 0-based position (binary search, O(log n)); nil when empty.
    public subscript(row: Int, column: Int) -> Cell? {
        let i = firstIndex(atOrAfter: row, column)
        guard i < cells.count, cells[i].address.row == row, cells[i].address.column == column else { return nil }
        return cells[i]
    }

    public subscript(address: CellAddress) -> Cell? {
        self[address.row, address.column]
    }

    /// The value at a position, `.empty` when there is no cell.
    public func value(row: Int, column: Int) -> CellValue {
        self[row, column]?.value ?? .empty
    }

    /// The cells of one row, in column order.
    public func cells(inRow row: Int) -> ArraySlice<Cell> {
        let start = firstIndex(atOrAfter: row, 0)
        let end = firstIndex(atOrAfter: row + 1, 0)
        return cells[start..<end]
    }

    /// The merged range a cell belongs to, if any.
    public func merge(containing address: CellAddress) -> CellRange? {
        merges.first { $0.contains(address) }
    }

    private func firstIndex(atOrAfter row: Int, _ column: Int) -> Int {
        var low = 0
        var high = cells.count
        while low < high {
            let mid = (low + high) / 2
            let a = cells[mid].address
            if a.row < row || (a.row == row && a.column < column) { low = mid + 1 } else { high = mid }
        }
        return low
    }
}

extension Worksheet: Sequence {
    /// Iterates the non-empty cells in row order.
    public func makeIterator() -> IndexingIterator<[Cell]> { cells.makeIterator() }
}
