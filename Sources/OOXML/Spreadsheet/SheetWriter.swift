import Foundation

/// One worksheet being built. Cells may be set in any order; they are written sorted by row,
/// then column, and setting a cell again replaces it.
public final class SheetWriter {
    struct Entry {
        var value: CellValue
        var style: Int
        var formula: String?
    }

    public let name: String
    private let styles: StyleRegistry
    private(set) var cells: [CellAddress: Entry] = [:]
    public private(set) var merges: [CellRange] = []
    private(set) var columnWidths: [Int: Double] = [:]
    private(set) var rowHeights: [Int: Double] = [:]
    /// The top-left cell of the scrolling area: B3 freezes column A and rows 1–2. nil: no panes.
    public var freezeAt: CellAddress?
    public var pageSetup = PageSetup()
    /// Write text cells as inline strings (`t="inlineStr"`) instead of numbering them in the
    /// workbook's shared-string table, which would otherwise hold every distinct text of a long sheet.
    public var inlineStrings = false

    /// Rows given to `appendRow`, already written as `<row>` elements (with the cells set before
    /// the first of them), so a long sheet is held as compact XML rather than as cell entries.
    private var stream: RowStream?
    /// The workbook's shared strings, numbered as cells are written.
    private let strings: SharedStringStore

    struct RowStream {
        /// Rows written since the last move to `file`.
        var xml = XMLOutput(declaration: false)
        /// Earlier rows, once there are more than `spillBytes` of them.
        var file: TemporaryFile?
        /// The last appended row; only rows below it can follow.
        var lastRow: Int
        /// The used range so far (for `<dimension>`); minColumn is Int.max while there is no cell.
        var firstRow: Int
        var lastCellRow: Int
        var minColumn: Int
        var maxColumn: Int
        /// The last row written so far (cells or height only).
        var lastWritten: Int
    }

    init(name: String, styles: StyleRegistry, strings: SharedStringStore) {
        self.name = name
        self.styles = styles
        self.strings = strings
    }

    private func place(_ address: CellAddress) -> String { "工作表“\(name)”单元格 \(address.a1)" }

    /// Sets a value (`.empty` writes a blank cell that keeps its style).
    public func set(_ value: CellValue, at address: CellAddress, style: CellStyle = .default) throws(SpreadsheetError) {
        try checkNotStreamed(address)
        try check(value, at: address)
        let s: Int
        do { s = try styles.table.index(of: style) } catch { throw error.at(place(address)) }
        cells[address] = Entry(value: value, style: s, formula: nil)
    }

    public func set(_ value: CellValue, row: Int, column: Int, style: CellStyle = .default) throws(SpreadsheetError) {
        try set(value, at: try CellAddress(row: row, column: column), style: style)
    }

    /// Convenience for the common kinds.
    public func set(_ number: Decimal, at address: CellAddress, style: CellStyle = .default) throws(SpreadsheetError) {
        try set(.number(number), at: address, style: style)
    }

    public func set(_ text: String, at address: CellAddress, style: CellStyle = .default) throws(SpreadsheetError) {
        try set(.string(text), at: address, style: style)
    }

    /// A formula (without "=") with the value a reader sees before recalculation.
    public func setFormula(_ formula: String, cachedValue: CellValue = .empty, at address: CellAddress,
                           style: CellStyle = .default) throws(SpreadsheetError) {
        var text = formula
        if text.hasPrefix("=") { text.removeFirst() }
        guard !text.isEmpty, text.utf16.count <= 8192 else {
            throw SpreadsheetError(.invalidValue, location: place(address), detail: "公式为空或超过 8192 个字符")
        }
        try checkNotStreamed(address)
        try check(cachedValue, at: address)
        let s: Int
        do { s = try styles.table.index(of: style) } catch { throw error.at(place(address)) }
        cells[address] = Entry(value: cachedValue, style: s, formula: text)
    }

    /// Appends a row below every cell set so far and writes it out at once (shared strings are
    /// numbered now). Cells set before the first appended row are written out with it; afterwards
    /// only rows below the last appended one can be added. The sheet's bytes are the same as if
    /// every cell had been set with `set`, as long as the workbook has no other sheet before it.
    public func appendRow(_ row: Int, _ values: [(column: Int, value: CellValue, style: CellStyle)]) throws(SpreadsheetError) {
        guard row >= 0, row < SheetLimits.maxRows else {
            throw SpreadsheetError(.invalidAddress, location: "工作表“\(name)”", detail: "行号 \(row + 1) 超出范围")
        }
        if let stream, row <= stream.lastRow {
            throw SpreadsheetError(.invalidAddress, location: "工作表“\(name)”",
                                   detail: "第 \(row + 1) 行不在已逐行写出的第 \(stream.lastRow + 1) 行之下")
        }
        if stream == nil, let last = cells.keys.map(\.row).max(), row <= last {
            throw SpreadsheetError(.invalidAddress, location: "工作表“\(name)”",
                                   detail: "第 \(row + 1) 行不在已有单元格（第 \(last + 1) 行）之下")
        }
        var entries: [(key: CellAddress, value: Entry)] = []
        for cell in values.sorted(by: { $0.column < $1.column }) {
            let address = try CellAddress(row: row, column: cell.column)
            try check(cell.value, at: address)
            let s: Int
            do { s = try styles.table.index(of: cell.style) } catch { throw error.at(place(address)) }
            if let i = entries.firstIndex(where: { $0.key == address }) { entries[i].value = Entry(value: cell.value, style: s, formula: nil) }
            else { entries.append((address, Entry(value: cell.value, style: s, formula: nil))) }
        }
        if stream == nil {
            // Write the cells set so far first, as xml() would, so strings keep their order.
            let set = cells.sorted { $0.key < $1.key }
            var started = RowStream(lastRow: row, firstRow: set.first?.key.row ?? row, lastCellRow: set.last?.key.row ?? -1,
                                    minColumn: set.lazy.map(\.key.column).min() ?? Int.max,
                                    maxColumn: set.lazy.map(\.key.column).max() ?? Int.min, lastWritten: -1)
            try writeRows(set, upTo: row, into: &started.xml, lastWritten: &started.lastWritten, sharedStrings: &strings.table)
            stream = started
        }
        guard var current = stream else { return }
        stream = nil   // keep the buffer uniquely referenced while appending
        current.lastRow = row
        if let first = entries.first?.key.column, let last = entries.last?.key.column {
            if current.lastCellRow < 0 { current.firstRow = row }
            current.lastCellRow = row
            current.minColumn = min(current.minColumn, first)
            current.maxColumn = max(current.maxColumn, last)
        }
        try writeRows(entries, upTo: row + 1, into: &current.xml, lastWritten: &current.lastWritten, sharedStrings: &strings.table)
        if current.xml.bytes.count >= Self.spillBytes {
            do throws(OOXMLError) {
                let file: TemporaryFile
                if let existing = current.file { file = existing } else { file = try TemporaryFile() }
                try file.write(current.xml.bytes)
                current.file = file
            } catch {
                throw SpreadsheetError(error)
            }
            current.xml = XMLOutput(declaration: false)
        }
        stream = current
    }

    /// How much row XML an appending sheet keeps in memory before moving it to its scratch file.
    static let spillBytes = 1 << 16

    /// A sheet part: in memory, or (for a sheet whose rows were appended) in a scratch file.
    enum Part {
        case data(Data)
        case file(TemporaryFile)

        func data() throws(SpreadsheetError) -> Data {
            switch self {
            case .data(let d): return d
            case .file(let f):
                do { return try f.contents() } catch { throw SpreadsheetError(error) }
            }
        }
    }

    private func checkNotStreamed(_ address: CellAddress) throws(SpreadsheetError) {
        if let stream, address.row <= stream.lastRow {
            throw SpreadsheetError(.invalidAddress, location: place(address), detail: "这一行已逐行写出，不能再修改")
        }
    }

    private func check(_ value: CellValue, at address: CellAddress) throws(SpreadsheetError) {
        switch value {
        case .string(let s) where s.utf16.count > SheetLimits.maxCellTextLength:
            throw SpreadsheetError(.textTooLong, location: place(address),
                                   detail: "文本长 \(s.utf16.count) 个字符，超过 Excel 单元格上限 \(SheetLimits.maxCellTextLength)")
        case .number(let d) where d.isNaN:
            throw SpreadsheetError(.invalidValue, location: place(address), detail: "数值无效（NaN）")
        case .error(let e) where !CellValue.knownErrors.contains(e):
            throw SpreadsheetError(.invalidValue, location: place(address), detail: "“\(e)”不是 Excel 的错误值")
        default:
            break
        }
    }

    /// Merges a block of at least two cells that overlaps no other merge.
    public func merge(_ range: CellRange) throws(SpreadsheetError) {
        guard !range.isSingleCell else {
            throw SpreadsheetError(.invalidMerge, location: "工作表“\(name)”", detail: "合并区域 \(range.a1) 只有一个单元格")
        }
        if let other = merges.first(where: { $0.overlaps(range) }) {
            throw SpreadsheetError(.invalidMerge, location: "工作表“\(name)”",
                                   detail: "合并区域 \(range.a1) 与已合并的 \(other.a1) 重叠")
        }
        merges.append(range)
    }

    public func merge(_ a1: String) throws(SpreadsheetError) {
        try merge(try CellRange(a1))
    }

    /// Width of a 0-based column in characters (Excel's unit), 0–255.
    public func setColumnWidth(_ column: Int, _ width: Double) throws(SpreadsheetError) {
        guard column >= 0, column < SheetLimits.maxColumns else {
            throw SpreadsheetError(.invalidAddress, location: "工作表“\(name)”", detail: "列号 \(column + 1) 超出范围")
        }
        guard width.isFinite, width >= 0, width <= 255 else {
            throw SpreadsheetError(.invalidValue, location: "工作表“\(name)”",
                                   detail: "\(CellAddress.columnName(column)) 列宽 \(width) 超出范围（0–255）")
        }
        columnWidths[column] = width
    }

    /// Height of a 0-based row in points, 0–409.
    public func setRowHeight(_ row: Int, _ points: Double) throws(SpreadsheetError) {
        guard row >= 0, row < SheetLimits.maxRows else {
            throw SpreadsheetError(.invalidAddress, location: "工作表“\(name)”", detail: "行号 \(row + 1) 超出范围")
        }
        guard points.isFinite, points >= 0, points <= 409 else {
            throw SpreadsheetError(.invalidValue, location: "工作表“\(name)”", detail: "第 \(row + 1) 行行高 \(points) 超出范围（0–409 磅）")
        }
        rowHeights[row] = points
    }

    // MARK: - XML

    /// The worksheet part. Shared strings are added in row-major order as they are met.
    func xml(sharedStrings: inout SharedStringTable, selected: Bool) throws(SpreadsheetError) -> Data {
        try part(sharedStrings: &sharedStrings, selected: selected).data()
    }

    /// The worksheet part, in a scratch file when appended rows were moved to one.
    func part(sharedStrings: inout SharedStringTable, selected: Bool) throws(SpreadsheetError) -> Part {
        let setup = pageSetup
        guard setup.paperSize >= 1, setup.paperSize <= 118 else {
            throw SpreadsheetError(.invalidValue, location: "工作表“\(name)”", detail: "纸张代码 \(setup.paperSize) 无效")
        }
        let m = setup.margins
        for v in [m.left, m.right, m.top, m.bottom, m.header, m.footer] where !(v.isFinite && v >= 0 && v < 49) {
            throw SpreadsheetError(.invalidValue, location: "工作表“\(name)”", detail: "页边距 \(v) 英寸无效（0–49）")
        }
        if let footer = setup.centerFooter, footer.utf16.count > 250 {
            throw SpreadsheetError(.invalidValue, location: "工作表“\(name)”", detail: "页脚超过 255 个字符")
        }

        var x = XMLOutput()
        x.raw("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">")
        if setup.fitToWidth { x.raw("<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>") }

        let entries = cells.sorted { $0.key < $1.key }
        if let stream, stream.minColumn != Int.max {
            let later = entries.filter { $0.key.row > stream.lastRow }   // cells set below the appended rows
            let used = CellRange(
                CellAddress(uncheckedRow: stream.firstRow, column: min(stream.minColumn, later.lazy.map(\.key.column).min() ?? Int.max)),
                CellAddress(uncheckedRow: later.last?.key.row ?? stream.lastCellRow,
                            column: max(stream.maxColumn, later.lazy.map(\.key.column).max() ?? Int.min)))
            x.raw("<dimension"); x.attr("ref", used.a1); x.raw("/>")
        } else if let first = entries.first?.key, let last = entries.last?.key {
            let minColumn = entries.lazy.map(\.key.column).min() ?? first.column
            let maxColumn = entries.lazy.map(\.key.column).max() ?? last.column
            let used = CellRange(CellAddress(uncheckedRow: first.row, column: minColumn),
                                 CellAddress(uncheckedRow: last.row, column: maxColumn))
            x.raw("<dimension"); x.attr("ref", used.a1); x.raw("/>")
        } else {
            x.raw("<dimension ref=\"A1\"/>")
        }

        x.raw("<sheetViews><sheetView")
        if selected { x.attr("tabSelected", 1) }
        x.attr("workbookViewId", 0)
        if let freeze = freezeAt, freeze.row > 0 || freeze.column > 0 {
            let pane = freeze.row > 0 && freeze.column > 0 ? "bottomRight" : (freeze.row > 0 ? "bottomLeft" : "topRight")
            x.raw("><pane")
            if freeze.column > 0 { x.attr("xSplit", freeze.column) }
            if freeze.row > 0 { x.attr("ySplit", freeze.row) }
            x.attr("topLeftCell", freeze.a1); x.attr("activePane", pane); x.attr("state", "frozen")
            x.raw("/><selection"); x.attr("pane", pane); x.attr("activeCell", freeze.a1); x.attr("sqref", freeze.a1)
            x.raw("/></sheetView>")
        } else {
            x.raw("/>")
        }
        x.raw("</sheetViews><sheetFormatPr defaultRowHeight=\"13.5\"/>")

        if !columnWidths.isEmpty {
            x.raw("<cols>")
            for column in columnWidths.keys.sorted() {
                let n = column + 1
                x.raw("<col"); x.attr("min", n); x.attr("max", n)
                x.attr("width", StyleTable.number(columnWidths[column] ?? 0)); x.attr("customWidth", 1); x.raw("/>")
            }
            x.raw("</cols>")
        }

        x.raw("<sheetData>")
        var lastWritten = -1
        var head: XMLOutput?   // the part up to <sheetData> when the rows so far are in a file
        if let stream {
            if stream.file != nil { head = x; x = XMLOutput(declaration: false) }
            // Cells set after the last appended row follow it.
            x.append(stream.xml)
            lastWritten = stream.lastWritten
            try writeRows(entries.filter { $0.key.row > stream.lastRow }, upTo: SheetLimits.maxRows, into: &x,
                          lastWritten: &lastWritten, sharedStrings: &sharedStrings)
        } else {
            try writeRows(entries, upTo: SheetLimits.maxRows, into: &x, lastWritten: &lastWritten, sharedStrings: &sharedStrings)
        }
        x.raw("</sheetData>")

        if !merges.isEmpty {
            x.raw("<mergeCells"); x.attr("count", merges.count); x.raw(">")
            for range in merges.sorted() {
                x.raw("<mergeCell"); x.attr("ref", range.a1); x.raw("/>")
            }
            x.raw("</mergeCells>")
        }
        if setup.centerHorizontally { x.raw("<printOptions horizontalCentered=\"1\"/>") }
        x.raw("<pageMargins")
        x.attr("left", StyleTable.number(m.left)); x.attr("right", StyleTable.number(m.right))
        x.attr("top", StyleTable.number(m.top)); x.attr("bottom", StyleTable.number(m.bottom))
        x.attr("header", StyleTable.number(m.header)); x.attr("footer", StyleTable.number(m.footer))
        x.raw("/><pageSetup"); x.attr("paperSize", setup.paperSize)
        if setup.fitToWidth { x.attr("fitToWidth", 1); x.attr("fitToHeight", 0) }
        x.attr("orientation", setup.orientation.rawValue)
        x.raw("/>")
        if let footer = setup.centerFooter {
            x.raw("<headerFooter><oddFooter>"); x.text("&C" + footer); x.raw("</oddFooter></headerFooter>")
        }
        x.raw("</worksheet>")
        if let head, let rows = stream?.file {
            do {
                let out = try TemporaryFile()
                try out.write(head.bytes)
                try out.append(contentsOf: rows)
                try out.write(x.bytes)
                return .file(out)
            } catch {
                throw SpreadsheetError(error)
            }
        }
        return .data(x.data)
    }

    /// Writes the rows of `entries` (sorted, all above `limit`), with the rows that only have a
    /// height in order between them, then the remaining height-only rows above `limit`.
    /// `lastWritten` is the last row written before, and after.
    private func writeRows(_ entries: [(key: CellAddress, value: Entry)], upTo limit: Int, into x: inout XMLOutput,
                           lastWritten: inout Int, sharedStrings: inout SharedStringTable) throws(SpreadsheetError) {
        let rowsWithHeight = rowHeights.keys.filter { $0 > lastWritten && $0 < limit }.sorted()
        var heightCursor = 0

        func openRow(_ row: Int, _ x: inout XMLOutput) {
            x.raw("<row"); x.attr("r", row + 1)
            if let h = rowHeights[row] { x.attr("ht", StyleTable.number(h)); x.attr("customHeight", 1) }
            x.raw(">")
        }
        // Rows that only have a height come out in order between rows with cells.
        func flushHeights(before row: Int, _ x: inout XMLOutput) {
            while heightCursor < rowsWithHeight.count, rowsWithHeight[heightCursor] < row {
                openRow(rowsWithHeight[heightCursor], &x); x.raw("</row>")
                heightCursor += 1
            }
            if heightCursor < rowsWithHeight.count, rowsWithHeight[heightCursor] == row { heightCursor += 1 }
        }

        var currentRow = -1
        for (address, entry) in entries {
            if entry.value == .empty, entry.style == 0, entry.formula == nil { continue }
            if address.row != currentRow {
                if currentRow >= 0 { x.raw("</row>") }
                flushHeights(before: address.row, &x)
                openRow(address.row, &x)
                currentRow = address.row
            }
            x.raw("<c"); x.cellReference(address)
            if entry.style != 0 { x.attr("s", entry.style) }
            switch entry.value {
            case .string: x.attr("t", entry.formula != nil ? "str" : (inlineStrings ? "inlineStr" : "s"))
            case .bool: x.attr("t", "b")
            case .error: x.attr("t", "e")
            case .number, .empty: break
            }
            if entry.value == .empty, entry.formula == nil { x.raw("/>"); continue }
            x.raw(">")
            if let f = entry.formula { x.raw("<f>"); x.text(f); x.raw("</f>") }
            switch entry.value {
            case .empty: break
            case .number(let d): x.raw("<v>"); x.raw(d.cellText); x.raw("</v>")
            case .string(let s) where entry.formula == nil && inlineStrings:
                x.raw(SharedStringTable.needsPreserve(s) ? "<is><t xml:space=\"preserve\">" : "<is><t>")
                x.cellText(s)
                x.raw("</t></is>")
            case .string(let s):
                x.raw("<v>")
                if entry.formula == nil { x.int(sharedStrings.add(s)) } else { x.cellText(s) }
                x.raw("</v>")
            case .bool(let b): x.raw(b ? "<v>1</v>" : "<v>0</v>")
            case .error(let e): x.raw("<v>"); x.text(e); x.raw("</v>")
            }
            x.raw("</c>")
        }
        if currentRow >= 0 { x.raw("</row>") }
        flushHeights(before: limit, &x)
        lastWritten = max(lastWritten, currentRow, rowsWithHeight.last ?? -1)
    }
}

extension SpreadsheetError {
    func at(_ location: String) -> SpreadsheetError {
        var copy = self
        if copy.location == nil { copy.location = location }
        return copy
    }
}
