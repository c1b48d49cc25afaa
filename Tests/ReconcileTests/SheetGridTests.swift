import Foundation
import Testing
@testable import Reconcile

/// The flat cell storage of `SheetGrid`: order, duplicates, the row index (dense and sparse) and edits.
@Suite struct SheetGridTests {
    @Test func cellsInAnyOrderAreSortedAndTheLaterOfTwoWins() {
        let grid = SheetGrid(name: "s", cells: [
            GridCell(row: 2, column: 1, value: .text("b")), GridCell(row: 0, column: 3, value: .number(1)),
            GridCell(row: 2, column: 0, value: .text("a")), GridCell(row: 2, column: 1, value: .text("c")),
            GridCell(row: 1, column: 0, value: .empty),
        ])
        #expect(grid.cells.map { "\($0.row),\($0.column)" } == ["0,3", "2,0", "2,1"])
        #expect(grid.value(2, 1) == .text("c"))
        #expect(grid.maxRow == 2 && grid.maxColumn == 3)
        #expect(grid.cells(inRow: 1).isEmpty && grid.cells(inRow: 2).map(\.column) == [0, 1])
        #expect(grid.value(-1, 0) == .empty && grid.value(3, 0) == .empty && grid.value(2, 5) == .empty)
    }

    @Test func sparseRowsAreFoundWithoutADenseIndex() {
        // One cell a million rows down: rows are found by binary search, with the same answers.
        let grid = SheetGrid(name: "s", cells: [
            GridCell(row: 0, column: 0, value: .text("a")), GridCell(row: 1_000_000, column: 2, value: .text("z")),
            GridCell(row: 1_000_000, column: 5, value: .number(3)),
        ])
        #expect(grid.maxRow == 1_000_000)
        #expect(grid.value(1_000_000, 5) == .number(3) && grid.value(1_000_000, 3) == .empty)
        #expect(grid.cells(inRow: 999_999).isEmpty && grid.cells(inRow: 1_000_000).count == 2)
        #expect(grid.cells(inRow: 0).map(\.value) == [.text("a")])
    }

    @Test func settingACellKeepsTheOrderAndTheIndex() {
        var grid = SheetGrid(name: "s", rows: [[.text("a"), .empty, .text("c")], [], [.number(1)]])
        grid[0, 1] = .text("b")
        grid[1, 4] = .text("new row")
        grid[2, 0] = .empty   // removes the cell
        grid[5, 0] = .text("past the end")
        #expect(grid.cells.map(\.value) == [.text("a"), .text("b"), .text("c"), .text("new row"), .text("past the end")])
        #expect(grid.cells(inRow: 1).map(\.column) == [4] && grid.cells(inRow: 2).isEmpty)
        #expect(grid.maxRow == 5 && grid.maxColumn == 4 && grid[5, 0] == .text("past the end"))
    }
}
