import Foundation
import TableSet

/// The role a column plays in a read-back table.
enum ColumnRole: Equatable {
    case code                 // one column with the whole subject code
    case splitCode(Int)       // 类 = 0, 款 = 1, 项 = 2
    case name
    case lineNumber           // 行次
    case amount
    case ignored
}

struct ColumnInfo {
    var column: Int
    var levels: [String]      // header levels, top to bottom, merged text carried across
    var role: ColumnRole
}

/// Parses one sheet holding one table: header block, columns, rows and values. A class: its sheet
/// and row index are shared by the many small helpers below without copying the struct around.
final class TableSheetParser {
    let sheet: SheetGrid
    let id: TableID
    let titleRow: Int
    let titleColumn: Int
    /// Every cell with its key, parallel to `sheet.cells` (so in row, then column order), made once:
    /// the row tests below ask about the same rows many times.
    let keyed: [RowCell]

    /// A cell of a row as the row tests see it.
    struct RowCell {
        let column: Int
        let value: GridValue
        /// `TextNorm.key(value.text)`; "" for numbers (their text is made only where it can matter).
        let key: String
        let isNumber: Bool
        /// `value.isEmpty`.
        let isEmpty: Bool
        /// The key is plain text (`TextScan.isPlain`): byte searches on it are exact.
        let plain: Bool
        /// A non-empty key (numbers always have one).
        var hasKey: Bool { isNumber || !key.isEmpty }
    }

    init(sheet: SheetGrid, id: TableID, titleRow: Int, titleColumn: Int) {
        self.sheet = sheet; self.id = id; self.titleRow = titleRow; self.titleColumn = titleColumn
        keyed = sheet.cells.map { cell in
            switch cell.value {
            case .number:
                return RowCell(column: cell.column, value: cell.value, key: "", isNumber: true, isEmpty: false, plain: true)
            case let .text(text):
                let (key, plain) = TextNorm.keyAndPlain(text)
                return RowCell(column: cell.column, value: cell.value, key: key, isNumber: false, isEmpty: TextNorm.isBlank(text), plain: plain)
            default:
                let (key, plain) = TextNorm.keyAndPlain(cell.value.text)
                return RowCell(column: cell.column, value: cell.value, key: key, isNumber: false, isEmpty: cell.value.isEmpty, plain: plain)
            }
        }
    }

    /// A row's cells in column order.
    func rowCells(_ row: Int) -> ArraySlice<RowCell> { keyed[sheet.rowRange(row)] }

    /// `TextNorm.key` of the value at a cell (nil: no cell there).
    func key(at index: Int?) -> String {
        guard let index else { return "" }
        let cell = keyed[index]
        return cell.isNumber ? TextNorm.key(cell.value.text) : cell.key
    }

    /// The index of the cell whose value `sheet.mergedValue(row, column)` gives, if any.
    func mergedIndex(_ row: Int, _ column: Int) -> Int? {
        let i = sheet.index(row, column)
        if let i, !keyed[i].isEmpty { return i }
        for m in sheet.merges where m.contains(row: row, column: column) { return sheet.index(m.firstRow, m.firstColumn) }
        return i
    }

    struct Output {
        var table: StatTable?
        var source: TableSource
        var problems: [Finding]
    }

    private func loc(_ row: Int, _ column: Int) -> FindingLocation {
        .cells(sheet: sheet.name, cells: [SheetGrid.a1(row: row, column: column)], table: id)
    }

    func parse() -> Output {
        var problems: [Finding] = []
        var source = TableSource(sheet: sheet.name, titleCell: SheetGrid.a1(row: titleRow, column: titleColumn))
        let lastRow = sheet.maxRow
        let lastColumn = sheet.maxColumn

        // 金额单位 from the rows of the header block.
        var unit = AmountUnit.wanYuan
        var unitFound = false
        for row in titleRow...min(titleRow + 4, max(titleRow, lastRow)) {
            for cell in rowCells(row) where !cell.isNumber {   // a number never states a unit
                guard let stated = Self.statedUnit(cell.key, plain: cell.plain) else { continue }
                unitFound = true
                source.unitCell = SheetGrid.a1(row: row, column: cell.column)
                unit = stated
            }
        }
        if !unitFound && id != .t15 {
            problems.append(Finding(rule: "读取.金额单位", severity: .hint, location: loc(titleRow, titleColumn),
                                    message: "表「\(id.title)」未写明金额单位，按万元核对"))
        }

        // Header block: from the first row after the title and info rows up to the first data row.
        var row = titleRow + 1
        while row <= lastRow, isInfoRow(row) || rowIsBlank(row) { row += 1 }
        let headerStart = row
        var headerRows: [Int] = []
        while row <= lastRow, headerRows.count < 5, !isDataRow(row), !isNoteRow(row) {
            if !isColumnNumberRow(row) { headerRows.append(row) }
            row += 1
            if isColumnNumberRow(row - 1) { break }
        }
        while row <= lastRow, isColumnNumberRow(row) { row += 1 }
        let dataStart = row

        if id == .t15 {
            return parseTextTable(dataStart: headerStart, unit: unit, source: source, problems: problems)
        }
        guard !headerRows.isEmpty else {
            problems.append(Finding(rule: "读取.表头", severity: .error, location: loc(titleRow, titleColumn),
                                    message: "表「\(id.title)」在工作表「\(sheet.name)」中找不到表头"))
            return Output(table: nil, source: source, problems: problems)
        }

        let columns = classify(headerRows: headerRows, lastColumn: lastColumn)
        let groups = panelGroups(columns)
        var panels: [TablePanel] = []
        var valueCells: [[[String]]] = []
        var labelCells: [[String]] = []
        var sheetRows: [[Int]] = []
        // The data rows, the same for every panel: rows without cells skipped, note rows taken out.
        var isEmpty = false
        var dataRows: [Int] = []
        if !groups.isEmpty {
            for r in dataStart...max(dataStart, lastRow) where r <= lastRow && !sheet.rowRange(r).isEmpty {
                if isNoteRow(r) { if TextScan.contains(rowText(r), "空表") { isEmpty = true }; continue }
                dataRows.append(r)
            }
        }
        for group in groups {
            var naming = TableVocabulary.panelAndColumns(id, group: group)
            if naming.panel.isEmpty { naming.panel = TableVocabulary.defaultPanelName(id, index: panels.count) }
            var rows: [TableRow] = []
            var cells: [[String]] = []
            var labels: [String] = []
            var numbers: [Int] = []
            // At most one line per data row: room made once instead of growing row by row.
            rows.reserveCapacity(dataRows.count); cells.reserveCapacity(dataRows.count)
            labels.reserveCapacity(dataRows.count); numbers.reserveCapacity(dataRows.count)
            let amountColumns = group.filter { $0.role == .amount }
            var carried: [Int: String] = [:]
            for r in dataRows {
                let parsed = parseRow(r, group: group, amountColumns: amountColumns, carried: &carried, problems: &problems)
                guard let (tableRow, labelColumn) = parsed else { continue }
                rows.append(tableRow)
                cells.append(amountColumns.map { SheetGrid.a1(row: r, column: $0.column) })
                labels.append(SheetGrid.a1(row: r, column: labelColumn))
                numbers.append(r)
            }
            panels.append(TablePanel(name: naming.panel, columns: naming.columns, rows: rows))
            valueCells.append(cells)
            labelCells.append(labels)
            sheetRows.append(numbers)
        }
        Self.joinContinuedPanels(&panels, &valueCells, &labelCells, &sheetRows)
        if panels.allSatisfy({ $0.rows.allSatisfy { $0.values.allSatisfy { $0 == nil || $0 == 0 } } }) && panels.count > 0 {
            // A table whose every value is blank or zero is an empty table, sentence or not.
            isEmpty = isEmpty || panels.allSatisfy { $0.rows.allSatisfy { $0.values.allSatisfy { $0 == nil } } }
        }
        if id == .t09 { dropBlankColumns(&panels, &valueCells) }
        source.valueCells = valueCells
        source.labelCells = labelCells
        return Output(table: StatTable(id: id, unit: unit, panels: panels, isEmpty: isEmpty), source: source, problems: problems)
    }

    /// Finance software prints table 8's 公用经费 over two column groups side by side under one heading.
    /// A group with the same panel name and columns as the one before it continues that panel: its rows
    /// follow (before the panel's total); a row with amounts but no label (the total's amount written in
    /// the last group) completes the label-only row of the same sheet row.
    static func joinContinuedPanels(_ panels: inout [TablePanel], _ values: inout [[[String]]],
                                    _ labels: inout [[String]], _ rows: inout [[Int]]) {
        var p = 1
        while p < panels.count {
            let a = panels[p - 1], b = panels[p]
            guard !a.name.isEmpty, a.name == b.name, a.columns == b.columns else { p += 1; continue }
            var merged = a
            var mergedValues = values[p - 1], mergedLabels = labels[p - 1], mergedRows = rows[p - 1]
            var appended: [(TableRow, [String], String, Int)] = []
            for (i, row) in b.rows.enumerated() {
                let unlabelled = row.code == nil && row.name.isEmpty
                if unlabelled, let j = mergedRows.firstIndex(of: rows[p][i]),
                   merged.rows[j].values.allSatisfy({ $0 == nil }) {
                    merged.rows[j].values = row.values
                    mergedValues[j] = values[p][i]
                    continue
                }
                if unlabelled { continue }
                appended.append((row, values[p][i], labels[p][i], rows[p][i]))
            }
            // The continued rows go before the first panel's total line, when it ends with one.
            var at = merged.rows.count
            if let last = merged.rows.last, last.level == .total { at -= 1 }
            for (k, item) in appended.enumerated() {
                merged.rows.insert(item.0, at: at + k)
                mergedValues.insert(item.1, at: at + k)
                mergedLabels.insert(item.2, at: at + k)
                mergedRows.insert(item.3, at: at + k)
            }
            panels[p - 1] = merged; values[p - 1] = mergedValues; labels[p - 1] = mergedLabels; rows[p - 1] = mergedRows
            panels.remove(at: p); values.remove(at: p); labels.remove(at: p); rows.remove(at: p)
        }
    }

    /// Table 9 prints a column for every 经济分类 类 of the template; only those with amounts count.
    func dropBlankColumns(_ panels: inout [TablePanel], _ cells: inout [[[String]]]) {
        for p in panels.indices {
            let keep = panels[p].columns.indices.filter { c in c == 0 || panels[p].rows.contains { $0.values[safe: c].flatMap { $0 } != nil } }
            panels[p].columns = keep.map { panels[p].columns[$0] }
            for r in panels[p].rows.indices { panels[p].rows[r].values = keep.map { panels[p].rows[r].values[$0] } }
            cells[p] = cells[p].map { row in keep.compactMap { row[safe: $0] } }
        }
    }

    // MARK: rows

    func rowText(_ row: Int) -> String {
        sheet.cells(inRow: row).map { $0.value.text }.joined()
    }

    func rowIsBlank(_ row: Int) -> Bool { rowCells(row).allSatisfy(\.isEmpty) }

    /// The amount unit a header cell states: "金额单位：万元", "单位：元", or a unit at the end of a cell
    /// that also names the unit ("部门：某局 单位：万元"); nil for other text ("编制单位：某单位").
    static func statedUnit(_ key: String) -> AmountUnit? { statedUnit(key, plain: TextScan.isPlain(key)) }

    /// `statedUnit(key)` for a key known to be plain or not (`TextScan.isPlain`).
    static func statedUnit(_ key: String, plain: Bool) -> AmountUnit? {
        // Every form below contains "单位"; on plain text (almost every cell) a byte search rules the rest out.
        if plain && !TextScan.bytesContain(key, "单位") { return nil }
        let stated: String
        if TextScan.contains(key, "金额单位") || (plain ? TextScan.bytesStart(key, with: "单位:") : key.hasPrefix("单位:")) {
            // The last ":"-separated part; plain text split on its bytes.
            stated = plain ? TextScan.afterLast(UInt8(ascii: ":"), in: key) : key.components(separatedBy: ":").last ?? key
        }
        else if key.unicodeScalars.last == "元" {
            // `单位:(万元|元)$` (the key has no line break, so `$` is the end).
            if TextScan.scalarsEnd(key, with: "单位:万元") { stated = "单位:万元" }
            else if TextScan.scalarsEnd(key, with: "单位:元") { stated = "单位:元" }
            else { return nil }
        }
        else { return nil }
        // `stated` is plain when the key is (a part of it, or a plain literal).
        func has(_ word: String) -> Bool { plain ? TextScan.bytesContain(stated, word) : stated.contains(word) }
        return has("万元") ? .wanYuan : (has("元") ? .yuan : .wanYuan)
    }

    static let infoWords = ["编制单位", "填报单位", "单位名称", "部门名称", "金额单位"]

    func isInfoRow(_ row: Int) -> Bool {
        let cells = rowCells(row)
        if cells.allSatisfy(\.plain) {
            // The row's keys joined, a number standing in as "0": no word spans or contains a number.
            var joined: [UInt8] = []
            for cell in cells { if cell.isNumber { joined.append(0x30) } else { joined.append(contentsOf: cell.key.utf8) } }
            let found = joined.withUnsafeBufferPointer { bytes in
                Self.infoWords.contains { word in word.utf8.withContiguousStorageIfAvailable { TextScan.bytesContain(bytes, $0) } ?? false }
            }
            if found { return true }
        } else {
            let key = TextNorm.key(rowText(row))
            if Self.infoWords.contains(where: { key.contains($0) }) { return true }
        }
        if cells.contains(where: { !$0.isNumber && Self.statedUnit($0.key, plain: $0.plain) != nil }) { return true }
        if row == titleRow { return true }
        // The table code alone ("公开01表") or a repeated title line.
        let texts = cells.filter(\.hasKey)
        return !texts.isEmpty && texts.allSatisfy { cell in
            !cell.isNumber && (Self.isTableCode(cell.key) || Self.hasSuffix(cell.key, "决算表", plain: cell.plain)
                || Self.hasSuffix(cell.key, "自评表", plain: cell.plain))
        }
    }

    /// The 栏次 row numbering the amount columns: part of the header, never data.
    func isColumnNumberRow(_ row: Int) -> Bool {
        let cells = rowCells(row)
        // (A plain key equals "栏次" only with its six bytes.)
        if cells.contains(where: { !$0.isEmpty && !$0.isNumber && (!$0.plain || $0.key.utf8.count == 6) && $0.key == "栏次" }) { return true }
        // Column numbers without the word: 1, 2, … n (n >= 3) in consecutive cells, as text or (WPS) as numbers.
        var n = 0
        for cell in cells where !cell.isEmpty {
            n += 1
            switch cell.value {
            case .text: guard cell.key == String(n) else { return false }
            case let .number(d): guard d == Decimal(n) else { return false }
            default: return false
            }
        }
        return n >= 3
    }

    func isNoteRow(_ row: Int) -> Bool {
        let cells = rowCells(row)
        // (The first cell with a key read in place, by its index, not copied out.)
        guard let f = cells.firstIndex(where: \.hasKey) else { return false }
        let single = cells.lazy.filter(\.hasKey).count == 1
        // A number's text starts with no note word and contains none; only its length can count.
        if keyed[f].isNumber { return single && TextNorm.key(keyed[f].value.text).count > 30 }
        let first = keyed[f].key, plain = keyed[f].plain
        func has(_ word: String) -> Bool { plain ? TextScan.bytesContain(first, word) : first.contains(word) }
        // On plain text a prefix of bytes is a prefix of characters.
        func starts(_ word: String) -> Bool { plain ? TextScan.bytesStart(first, with: word) : first.hasPrefix(word) }
        // Plain text is ruled out cheaply first: 注, 说 and 备 start with these bytes, 本表 and 空表 have 表.
        let mayStart = !plain || [0xE6, 0xE8, 0xE5].contains(first.utf8.first ?? 0)
        let mayHave = !plain || TextScan.bytesContain(first, "表")
        return mayStart && (starts("注") || starts("说明:") || starts("备注")) || mayHave && (has("本表") || has("空表"))
            || (single && (plain ? TextScan.plainCount(first) : first.count) > 30)
    }

    /// Whether `text` starts with a decimal digit (`\d` in a pattern: Unicode category Nd). Patterns
    /// anchored on a digit cannot match otherwise, so most labels skip the regular expression.
    static func startsWithDigit(_ text: String) -> Bool {
        text.unicodeScalars.first?.properties.generalCategory == .decimalNumber
    }

    /// "公开01表", "表3", "附表": a table's code alone in a cell.
    static func isTableCode(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first == "公" || first == "表" || first == "附" else { return false }
        let scalars = Array(text.unicodeScalars)
        // `$` also matches before a final line break: leave such text to the expression.
        if let last = scalars.last, [0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029].contains(last.value) {
            return text.range(of: #"^公开\d+表$|^表\d+$|^附表\d*$"#, options: .regularExpression) != nil
        }
        func digits(_ slice: ArraySlice<Unicode.Scalar>) -> Bool { slice.allSatisfy(TextScan.isDigit) }
        let n = scalars.count
        if n >= 4, scalars[0] == "公", scalars[1] == "开", scalars[n - 1] == "表", digits(scalars[2..<(n - 1)]) { return true }
        if n >= 2, scalars[0] == "表", digits(scalars[1...]) { return true }
        if n >= 2, scalars[0] == "附", scalars[1] == "表", digits(scalars[2...]) { return true }
        return false
    }

    static let enumerationPrefix = #"^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]+[、.．])"#

    /// The enumeration prefix of `text` ("一、", "（二）", "3."), if any. Most labels cannot have one
    /// (their first character cannot start it); those skip the regular expression.
    static func enumerationPrefixRange(in text: String) -> Range<String.Index>? {
        let scalars = text.unicodeScalars
        func isASCIIDigit(_ u: Unicode.Scalar) -> Bool { u.value >= 0x30 && u.value <= 0x39 }
        guard let first = scalars.first, isNumeral(first) || first == "（" || first == "(" || isASCIIDigit(first) else { return nil }
        // The expression by hand: its three branches start with different characters.
        var i = scalars.index(after: scalars.startIndex)
        let end = scalars.endIndex
        if isNumeral(first) {
            while i < end, isNumeral(scalars[i]) { i = scalars.index(after: i) }
            guard i < end, scalars[i] == "、" else { return nil }
        } else if first == "（" || first == "(" {
            let start = i
            while i < end, isNumeral(scalars[i]) || isASCIIDigit(scalars[i]) { i = scalars.index(after: i) }
            guard i > start, i < end, scalars[i] == "）" || scalars[i] == ")" else { return nil }
        } else {
            while i < end, isASCIIDigit(scalars[i]) { i = scalars.index(after: i) }
            guard i < end, scalars[i] == "、" || scalars[i] == "." || scalars[i] == "．" else { return nil }
        }
        return text.startIndex..<scalars.index(after: i)
    }

    /// 一二三四五六七八九十
    @inline(__always)
    private static func isNumeral(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341: return true
        default: return false
        }
    }

    /// A total line's key: ending in 合计, 总计 or 小计, and short.
    static func isTotalName(_ key: String) -> Bool {
        guard key.utf8.count >= 6 else { return false }
        return isTotalName(key, plain: TextScan.isPlain(key))
    }

    /// `isTotalName(key)` for a key known to be plain or not (`TextScan.isPlain`).
    static func isTotalName(_ key: String, plain: Bool) -> Bool {
        guard key.utf8.count >= 6 else { return false }
        return (hasSuffix(key, "合计", plain: plain) || hasSuffix(key, "总计", plain: plain) || hasSuffix(key, "小计", plain: plain))
            && (plain ? TextScan.plainCount(key) : key.count) <= 8
    }

    /// `s.hasSuffix(t)`; on plain text (`TextScan.isPlain`: every scalar a character of its own that
    /// joins no neighbour) a comparison of the last bytes, which is the same and far cheaper.
    static func hasSuffix(_ s: String, _ t: String, plain: Bool) -> Bool {
        guard plain else { return s.hasSuffix(t) }
        return TextScan.bytesEnd(s, with: t)
    }

    /// A row that starts the data: numbers, a subject code, a 合计 line with amounts, or an enumerated line.
    func isDataRow(_ row: Int) -> Bool {
        if isColumnNumberRow(row) { return false }
        let cells = rowCells(row)
        guard let f = cells.firstIndex(where: { !$0.isEmpty }) else { return false }
        let first = cells[f]
        if cells.contains(where: \.isNumber) { return true }   // numbers are never empty
        // `^\d{3}(\d{2}){0,2}$` (keys hold no line break; an empty cell's key is no code).
        if cells.contains(where: { !$0.isEmpty && TextScan.isSubjectCode($0.key) }) { return true }
        let firstKey = first.key
        if Self.enumerationPrefixRange(in: firstKey) != nil { return true }
        if ["合计", "总计"].contains(firstKey) || Self.hasSuffix(firstKey, "合计", plain: first.plain) && firstKey.count <= 8 {
            return cells[(f + 1)...].allSatisfy { cell in
                guard !cell.isEmpty, case .failure = TextNorm.amount(cell.value) else { return true }
                return false
            }
        }
        return false
    }

    /// Reads one data row of a panel; nil for a row that is blank in this panel.
    func parseRow(_ r: Int, group: [ColumnInfo], amountColumns: [ColumnInfo], carried: inout [Int: String],
                  problems: inout [Finding]) -> (TableRow, Int)? {
        var codeParts: [Int: String] = [:]
        var wholeCode: String?
        var name = ""
        /// `TextNorm.key(name)` and whether it is plain, while `name` is a cell's text as it is (its key already made).
        var nameKey: (key: String, plain: Bool)?
        var labelColumn = group.first?.column ?? 0
        // The group's columns rise: the row's cells are found by stepping along them.
        var cursor = RowCursor(sheet, row: r)
        func value(_ column: Int) -> GridValue { cursor.index(column).map { sheet.cells[$0].value } ?? .empty }
        for info in group where info.role != .amount && info.role != .ignored && info.role != .lineNumber {
            guard let i = cursor.index(info.column) else { continue }   // no cell: no code, no name
            switch info.role {
            case .code:
                let t = codeText(i)
                if !t.isEmpty { wholeCode = t }
            case let .splitCode(level):
                let t = codeText(i)
                if !t.isEmpty { codeParts[level] = t }
            case .name:
                let text = keyed[i].value.text
                let t = TextNorm.trim(text)
                if !t.isEmpty {
                    name = t; labelColumn = info.column
                    nameKey = !keyed[i].isNumber && t.utf8.count == text.utf8.count ? (keyed[i].key, keyed[i].plain) : nil
                }
            default: break
            }
        }
        var code: String?
        if let wholeCode, TextScan.isAllDigits(wholeCode) { code = wholeCode }
        else if let wholeCode { if name.isEmpty { name = wholeCode; nameKey = nil } }
        if wholeCode == nil, !codeParts.isEmpty { Self.completeSplitCode(&codeParts, carried: &carried) }
        if code == nil, let full = codeParts.values.first(where: { $0.count == 5 || $0.count == 7 }),
           TextScan.isAllDigits(full) {
            code = full   // the whole code written in its level's column ("20805" under 款)
        }
        if code == nil, !codeParts.isEmpty {
            let lead = codeParts[0].map { $0.count < 3 ? String(repeating: "0", count: 3 - $0.count) + $0 : $0 } ?? ""
            let pad: (String?) -> String = { p in
                guard let p else { return "" }
                return p.count == 1 ? "0" + p : String(p.suffix(2))
            }
            let joined = lead + pad(codeParts[1]) + (codeParts[1] == nil ? "" : pad(codeParts[2]))
            if TextScan.isAllDigits(joined), !lead.isEmpty { code = joined }
            else if codeParts[0] != nil, name.isEmpty { name = codeParts[0] ?? ""; nameKey = nil }
        }
        // A code written with its name in the name column ("2080505 机关事业单位…").
        if code == nil, let m = TextScan.leadingCodeRange(in: name) {
            code = TextNorm.trim(String(name[m])); name = TextNorm.trim(String(name[m.upperBound...])); nameKey = nil
        }
        if code == nil, let first = group.first(where: { $0.role == .code }), name.isEmpty {
            let t = TextNorm.trim(value(first.column).text)
            if !t.isEmpty { name = t; nameKey = nil; labelColumn = first.column }
        }
        var values: [Int64?] = []
        values.reserveCapacity(amountColumns.count)
        var anyValue = false
        for info in amountColumns {
            let v = value(info.column)
            switch TextNorm.amount(v) {
            case let .success(d):
                values.append(d.map(TextNorm.hundredths))
                if d != nil { anyValue = true }
            case let .failure(e):
                values.append(nil)
                problems.append(Finding(rule: "读取.数值", severity: .error, location: loc(r, info.column),
                                        message: "表「\(id.title)」单元格中的“\(e.text)”不是数值", found: e.text))
            }
        }
        if code == nil && name.isEmpty && !anyValue { return nil }
        if code == nil && name.isEmpty && (id == .t10 || id == .t12) { name = "合计" }
        let (key, plain) = nameKey ?? TextNorm.keyAndPlain(name)
        let level: RowLevel
        // A code is digits only (`isAllDigits` or a leading code): its scalars are its characters.
        switch code.map(TextScan.scalarCount) {
        case 3: level = .category
        case 5: level = .section
        case 7: level = .item
        default: level = Self.isTotalName(key, plain: plain) ? .total : .line
        }
        if code == nil, level == .line, !anyValue, amountColumns.count > 0, name.count > 30 { return nil }
        return (TableRow(code: code, name: name, level: level, values: values), labelColumn)
    }

    /// Finance software and WPS exports write only a row's own level in split 类/款/项 columns ("05" under
    /// 款 with 类 blank, the 类 on a row above); the blank higher levels are those last written above.
    /// A whole code in a level's column ("20805" under 款) sets the levels it contains.
    static func completeSplitCode(_ parts: inout [Int: String], carried: inout [Int: String]) {
        let numeric = parts.filter { TextScan.isAllDigits($0.value) }
        guard !numeric.isEmpty, numeric.count == parts.count else { return }
        if let full = parts.values.first(where: { $0.count == 5 || $0.count == 7 }) {
            carried = [0: String(full.prefix(3)), 1: String(full.dropFirst(3).prefix(2))]
            if full.count == 7 { carried[2] = String(full.suffix(2)) }
            return
        }
        let lowest = parts.keys.max() ?? 0
        for level in 0..<lowest where parts[level] == nil {
            guard let above = carried[level] else { return }   // nothing above to complete from
            parts[level] = above
        }
        for level in 0...2 { carried[level] = level <= lowest ? parts[level] : nil }
    }

    /// The code a cell holds: a number's digits, or the key of its text.
    func codeText(_ index: Int) -> String {
        switch keyed[index].value {
        case let .number(d): return NSDecimalNumber(decimal: d).stringValue
        default: return keyed[index].key
        }
    }

    // MARK: columns

    func classify(headerRows: [Int], lastColumn: Int) -> [ColumnInfo] {
        guard lastColumn >= 0 else { return [] }
        var infos: [ColumnInfo] = []
        for column in 0...lastColumn {
            var levels: [String] = []
            for r in headerRows {
                let t = key(at: mergedIndex(r, column))
                if !t.isEmpty && levels.last != t { levels.append(t) }
            }
            guard let last = levels.last else { continue }
            let role: ColumnRole
            let plain = TextScan.isPlain(last)
            if let named = Self.namedRoleTable.value(for: last, plain: plain) { role = named }
            else if Self.hasSuffix(last, "科目编码", plain: plain) { role = .code }
            else if Self.hasSuffix(last, "科目名称", plain: plain) { role = .name }
            else { role = .amount }
            infos.append(ColumnInfo(column: column, levels: levels, role: role))
        }
        return infos
    }

    /// Header words that name a column's role (looked up once instead of compared one by one).
    static let namedRoles: [String: ColumnRole] = {
        var roles: [String: ColumnRole] = ["类": .splitCode(0), "款": .splitCode(1), "项": .splitCode(2), "行次": .lineNumber]
        for word in ["科目编码", "编码", "科目代码", "代码", "功能分类科目编码", "经济分类科目编码"] { roles[word] = .code }
        for word in ["科目名称", "项目", "名称", "科目", "项目名称", "功能分类科目名称", "经济分类科目名称"] { roles[word] = .name }
        return roles
    }()

    static let namedRoleTable = PlainKeyTable(namedRoles)

    /// Splits side-by-side panels: a code or name column after amount columns starts a new panel.
    func panelGroups(_ columns: [ColumnInfo]) -> [[ColumnInfo]] {
        var groups: [[ColumnInfo]] = []
        var current: [ColumnInfo] = []
        for info in columns {
            let isLabel: Bool
            switch info.role { case .code, .splitCode, .name: isLabel = true; default: isLabel = false }
            if isLabel, current.contains(where: { $0.role == .amount }) {
                groups.append(current); current = []
            }
            current.append(info)
        }
        if !current.isEmpty { groups.append(current) }
        return groups
    }

    // MARK: text table (table 15)

    /// Table 15: a header row (项目 · 一级指标 …), then one block per project starting at 项目名称;
    /// without the header row, the boxed form (TableReaderForm).
    func parseTextTable(dataStart: Int, unit: AmountUnit, source: TableSource, problems: [Finding]) -> Output {
        var source = source
        var panels: [TablePanel] = []
        var labels: [[String]] = []
        var columns: [String] = []
        var labelColumn = 0
        var r = dataStart
        let maxRow = sheet.maxRow
        let first = sheet.cells(inRow: r).first { !$0.value.isEmpty }
        if let first, TextNorm.key(first.value.text) == "项目名称" {
            // No header row: the boxed form, one block per project.
            let blocks = parseFormBlocks(from: r, labelColumn: first.column)
            source.valueCells = blocks.panels.map { $0.rows.map { _ in [] } }
            source.labelCells = blocks.labels
            let table = StatTable(id: id, unit: unit, panels: blocks.panels, isEmpty: blocks.panels.isEmpty)
            return Output(table: table, source: source, problems: problems)
        }
        if let first {
            labelColumn = first.column
            columns = sheet.cells(inRow: r).filter { $0.column > labelColumn && !$0.value.isEmpty }.map { TextNorm.trim($0.value.text) }
            r += 1
        }
        while r <= maxRow {
            defer { r += 1 }
            if isNoteRow(r) || rowIsBlank(r) { continue }
            let name = TextNorm.trim(sheet.value(r, labelColumn).text)
            let lastColumn = sheet.cells(inRow: r).last { !$0.value.isEmpty }?.column ?? labelColumn
            let texts = lastColumn > labelColumn
                ? ((labelColumn + 1)...lastColumn).map { TextNorm.trim(sheet.value(r, $0).text) } : []
            if TextNorm.key(name) == "项目名称" {
                panels.append(TablePanel(name: texts.first ?? "", columns: columns, rows: []))
                labels.append([])
                panels[panels.count - 1].rows.append(TableRow(name: name, level: .total, values: [], texts: texts))
            } else if !panels.isEmpty {
                panels[panels.count - 1].rows.append(TableRow(name: name, level: .line, values: [], texts: texts))
            } else { continue }
            labels[labels.count - 1].append(SheetGrid.a1(row: r, column: labelColumn))
        }
        source.valueCells = panels.map { $0.rows.map { _ in [] } }
        source.labelCells = labels
        let table = StatTable(id: id, unit: unit, panels: panels, isEmpty: panels.isEmpty)
        return Output(table: table, source: source, problems: problems)
    }
}
