import Foundation
import OOXML

extension SheetGrid {
    /// The grid of a worksheet read from a workbook.
    public init(worksheet: Worksheet) {
        var cells: [GridCell] = []
        cells.reserveCapacity(worksheet.cells.count)
        // The worksheet's cells come in row, then column order: checked while copying, so the grid
        // can take them as they are (and sorts them only if they are not).
        var ordered = true
        for cell in worksheet.cells {
            let value: GridValue
            switch cell.value {
            case .empty: continue
            case let .number(d): value = .number(d)
            case let .string(s): value = .text(s)
            case let .bool(b): value = .bool(b)
            case let .error(e): value = .error(e)
            }
            let (row, column) = (cell.address.row, cell.address.column)
            if let last = cells.last, !(last.row < row || last.row == row && last.column < column) { ordered = false }
            cells.append(GridCell(row: row, column: column, value: value))
        }
        let merges = worksheet.merges.map {
            GridRange(firstRow: $0.first.row, firstColumn: $0.first.column, lastRow: $0.last.row, lastColumn: $0.last.column)
        }
        if ordered { self.init(name: worksheet.name, orderedCells: cells, merges: merges) }
        else { self.init(name: worksheet.name, cells: cells, merges: merges) }
    }
}

extension TableLocator {
    /// Reads every worksheet of an opened workbook and finds the tables in them. A sheet that cannot
    /// be read is a finding naming the sheet; the other sheets are still read.
    public static func read(reader: WorkbookReader, workbook: String) -> TableReadResult {
        // Sheets are parsed, and their tables located, on all cores; everything is then put together
        // in sheet order, so the result is the same as when read one by one.
        // Number formats play no part in reading tables: styles.xml is left unread.
        let sheets = reader.allSheets(numberFormats: false) { worksheet in
            let grid = SheetGrid(worksheet: worksheet)
            // The built-in catalogue's 类 (categories: nil below), given here on the sheet's thread.
            // The rule lookups' keys are made here too, while the sheets are read on all cores.
            return (grid: grid, located: locate(grid).map { keyed($0, codesByName: defaultCategoryCodes) })
        }
        var grids: [SheetGrid] = []
        var located: [LocatedTable?] = []
        var problems: [Finding] = []
        for (name, sheet) in zip(reader.sheetNames, sheets) {
            switch sheet {
            case let .success(read):
                grids.append(read.grid)
                located.append(read.located)
            case let .failure(error):
                problems.append(Finding(rule: "读取.工作表", severity: .error, location: .file(workbook),
                                        message: "工作簿 \(workbook) 的工作表「\(name)」无法读取：\(error.description)"))
            }
        }
        var result = read(sheets: grids, located: located, workbook: workbook, categories: nil)
        result.problems = problems + result.problems
        return result
    }
}

/// A workbook that cannot be opened at all (not a zip, not SpreadsheetML, missing parts).
public struct WorkbookReadError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}

extension TableLocator {
    /// Opens a workbook file and finds the fifteen tables in it by title. Throws only when the file
    /// cannot be opened as a workbook; missing or unreadable tables are findings in the result.
    public static func read(workbook path: String) throws -> TableReadResult {
        let reader: WorkbookReader
        do {
            reader = try WorkbookReader.open(path: path)
        } catch {
            throw WorkbookReadError(message: "无法打开工作簿 \(path)：\(error.description)")
        }
        return read(reader: reader, workbook: path)
    }
}
