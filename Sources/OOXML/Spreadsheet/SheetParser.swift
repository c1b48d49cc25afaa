import Foundation

/// Streams one worksheet part into cells. Holds only the current cell's text, never the sheet's tree.
struct SheetParser {
    let name: String
    let part: String
    let file: String?
    /// The workbook's shared strings; nil while they are still being read (`parseDeferred`).
    let sharedStrings: [String]?
    /// Number format code by cellXfs index (nil: General).
    let formats: [String?]

    fileprivate enum Kind { case number, shared, inline, formulaString, bool, error, date }

    /// The worksheet, shared strings resolved as they are met.
    func parse(_ data: Data) throws(SpreadsheetError) -> Worksheet {
        var read = Collected()
        try collect(data, into: &read)
        return read.worksheet(name: name)
    }

    /// The cells read so far, and how far reading went: without the shared strings, a shared-string
    /// cell holds an empty text and is listed in `pending` until `resolve` gives it its string.
    struct Collected {
        var cells: [Cell] = []
        var merges: [CellRange] = []
        var sorted = true
        var pending: [PendingString] = []
        /// The error that stopped reading (thrown by `resolve` unless a pending string fails first).
        var failure: SpreadsheetError?

        func worksheet(name: String) -> Worksheet {
            var cells = cells
            if !sorted {
                // Out-of-order cells: sort (stable) and keep the last of any duplicates.
                let ordered = cells.enumerated().sorted { a, b in
                    a.element.address != b.element.address ? a.element.address < b.element.address : a.offset < b.offset
                }.map(\.element)
                var unique: [Cell] = []
                unique.reserveCapacity(ordered.count)
                for cell in ordered {
                    if let last = unique.last, last.address == cell.address { unique[unique.count - 1] = cell } else { unique.append(cell) }
                }
                cells = unique
            }
            return Worksheet(name: name, cells: cells, merges: merges)
        }
    }

    /// A shared-string cell read before the shared strings: its position in `cells` and its index.
    struct PendingString {
        var cell: Int
        var address: CellAddress
        /// nil when the text is not a number.
        var index: Int?
        /// The text as written, kept only where `index` does not spell it ("007", "x").
        var text: String?
    }

    /// Reads the cells without the shared strings (this parser's `sharedStrings` is nil), so a sheet
    /// can be read while the shared strings are. Errors are kept, not thrown: `resolve` throws the
    /// one that reading with the strings would have thrown first.
    func parseDeferred(_ data: Data) -> Collected {
        var read = Collected()
        do {
            try collect(data, into: &read)
        } catch {
            read.failure = error
        }
        return read
    }

    /// The worksheet of cells read by `parseDeferred`, now that the shared strings are known.
    func resolve(_ read: inout Collected, strings: [String]) throws(SpreadsheetError) -> Worksheet {
        for p in read.pending {
            guard let i = p.index, i < strings.count else {
                let text = p.text ?? p.index.map(String.init) ?? ""
                throw SpreadsheetError(.malformedPart, part: part, location: "工作表“\(name)”单元格 \(p.address.a1)",
                                       detail: "共享字符串编号“\(text)”无效（共 \(strings.count) 条）")
            }
            read.cells[p.cell].value = .string(strings[i])
        }
        if let failure = read.failure { throw failure }
        read.pending = []
        return read.worksheet(name: name)
    }

    private func collect(_ data: Data, into read: inout Collected) throws(SpreadsheetError) {
        let receiver = SheetReceiver(try XMLPush(data, part: part, file: file), SheetReader(parser: self, read: read))
        read = Collected()
        // What was read before an error is kept: `resolve` checks its shared strings first.
        defer {
            read = receiver.reader.read
            receiver.reader.free()
        }
        // About one cell per 40 bytes of sheet XML: avoids repeated regrowth on big sheets.
        receiver.reader.read.cells.reserveCapacity(min(data.count / 40, 2_000_000))
        try receiver.x.run(receiver)
    }
}

/// Hands XMLPush's nodes to the sheet's reader. (The reader is a struct held here rather than a
/// closure's captured variables, which would each cost an exclusivity check per node.)
private final class SheetReceiver: XMLPush.Receiver {
    @exclusivity(unchecked) var reader: SheetReader

    init(_ x: XMLPush, _ reader: SheetReader) {
        self.reader = reader
        super.init(x)
    }

    override func receive(_ kind: SAXEvents.Kind) -> Bool {
        do throws(SpreadsheetError) {
            try reader.receive(x, kind)
            return true
        } catch {
            failure = error
            return false
        }
    }
}

/// The state of one worksheet being read, node by node.
private struct SheetReader {
    typealias Kind = SheetParser.Kind
    let parser: SheetParser
    var read: SheetParser.Collected
    var name: String { parser.name }
    var part: String { parser.part }
    var sharedStrings: [String]? { parser.sharedStrings }
    var formats: [String?] { parser.formats }

    init(parser: SheetParser, read: SheetParser.Collected) {
        self.parser = parser
        self.read = read
    }

    func free() {
        valueText.free()
        formulaText.free()
        inlineText.free()
    }

    var row = -1
    var column = -1
    // The cell being read.
    var address = CellAddress(uncheckedRow: 0, column: 0)
    var kind = Kind.number
    var style = 0
    // Plain buffers: an Array's append and clear cost more than the few bytes of a cell.
    var valueText = ByteArena(capacity: 64)
    var hasValue = false
    var formulaText = ByteArena(capacity: 64)
    var hasFormula = false
    var inlineText = ByteArena(capacity: 64)
    // What text nodes are collected into: 0 none, 1 <v>, 2 <f>, 3 <is>…<t>.
    var target = 0
    var inCell = false
    var inInline = false
    var phoneticDepth = 0
    var inSheetData = false
    // Shared formulas: the text and cell of each group's first cell, by si.
    var sharedFormulas: [Int: (text: String, origin: CellAddress)] = [:]
    var sharedIndex: Int?

    func place() -> String { "工作表“\(name)”单元格 \(address.a1)" }

    mutating func finishCell() throws(SpreadsheetError) {
        inCell = false
        let value: CellValue
        switch kind {
        case .number:
            if !hasValue || valueText.count == 0 {
                value = .empty
            } else {
                let parsed = NumberText.decimal(valueText.buffer)
                guard let d = parsed else {
                    throw SpreadsheetError(.malformedPart, part: part, location: place(),
                                           detail: "数值“\(valueText.buffer.string)”无法识别")
                }
                value = .number(d)
            }
        case .shared:
            if !hasValue {
                value = .empty
            } else if let sharedStrings {
                guard let i = valueText.buffer.int, i < sharedStrings.count else {
                    throw SpreadsheetError(.malformedPart, part: part, location: place(),
                                           detail: "共享字符串编号“\(valueText.buffer.string)”无效（共 \(sharedStrings.count) 条）")
                }
                value = .string(sharedStrings[i])
            } else {
                // Resolved later; the text is kept only where the number does not spell it.
                let i = valueText.buffer.int
                let spelled = i != nil && (valueText.count == 1 || valueText[0] != UInt8(ascii: "0"))
                read.pending.append(SheetParser.PendingString(cell: read.cells.count, address: address, index: i,
                                                  text: spelled ? nil : valueText.buffer.string))
                value = .string("")
            }
        case .inline:
            value = .string(ExcelEscape.decode(bytes: inlineText.buffer))
        case .formulaString:
            value = hasValue ? .string(ExcelEscape.decode(bytes: valueText.buffer)) : .empty
        case .date:
            value = hasValue ? .string(valueText.buffer.string) : .empty
        case .error:
            value = hasValue ? .error(valueText.buffer.string) : .empty
        case .bool:
            if !hasValue {
                value = .empty
            } else {
                switch valueText.buffer.string.trimmingCharacters(in: .whitespaces) {
                case "1", "true": value = .bool(true)
                case "0", "false": value = .bool(false)
                case let other:
                    throw SpreadsheetError(.malformedPart, part: part, location: place(),
                                           detail: "逻辑值“\(other)”无效（应为 0 或 1）")
                }
            }
        }
        var formula = hasFormula && formulaText.count > 0 ? formulaText.buffer.string : nil
        if let si = sharedIndex {
            if let text = formula {
                sharedFormulas[si] = (text, address)
            } else if let group = sharedFormulas[si] {
                formula = SharedFormula.translate(group.text, from: group.origin, to: address)
            }
        }
        // (Matched, not compared with ==: that would copy the value, and retain its text.)
        if case .empty = value, formula == nil { return }
        let format = style < formats.count ? formats[style] : nil
        guard read.cells.count < SheetLimits.maxCellsPerSheet else {
            throw SpreadsheetError(.malformedPart, part: part, location: "工作表“\(name)”",
                                   detail: "单元格超过 \(SheetLimits.maxCellsPerSheet) 个的上限，不像是决算表，已停止读取")
        }
        // (By index: `last` would copy the whole previous cell, retaining its text.)
        if !read.cells.isEmpty, !(read.cells[read.cells.count - 1].address < address) { read.sorted = false }
        read.cells.append(Cell(address: address, value: value, formula: formula, numberFormat: format))
    }

    mutating func startCell(_ x: XMLPush) throws(SpreadsheetError) {
        // r, t and s in one pass over the attributes, the raw bytes: a value with "&#38;" is refused
        // (r, t) or ignored (s) whether decoded or not, and a message decodes it.
        var r: UnsafeBufferPointer<UInt8>?
        var t: UnsafeBufferPointer<UInt8>?
        var s: UnsafeBufferPointer<UInt8>?
        x.forEachRawAttribute { name, value in
            guard name[0] != 0, name[1] == 0 else { return }
            switch name[0] {
            case UInt8(ascii: "r"): if r == nil { r = value }
            case UInt8(ascii: "t"): if t == nil { t = value }
            case UInt8(ascii: "s"): if s == nil { s = value }
            default: break
            }
        }
        let explicit = r.flatMap(CellAddress.parse)
        if r != nil && explicit == nil {
            throw SpreadsheetError(.malformedPart, part: part, location: "工作表“\(name)”第 \(x.line) 行",
                                   detail: "单元格地址“\(x.attribute("r") ?? "")”无效")
        }
        let type: Kind?
        if let t {
            if t.equals("s") { type = .shared }
            else if t.equals("n") { type = .number }
            else if t.equals("str") { type = .formulaString }
            else if t.equals("inlineStr") { type = .inline }
            else if t.equals("b") { type = .bool }
            else if t.equals("e") { type = .error }
            else if t.equals("d") { type = .date }
            else { type = nil }
        } else {
            type = .number
        }
        guard let known = type else {
            throw SpreadsheetError(.malformedPart, part: part, location: "工作表“\(name)”第 \(x.line) 行",
                                   detail: "单元格类型“\(x.attribute("t") ?? "")”无效")
        }
        kind = known
        style = s?.int ?? 0
        if let a = explicit {
            address = a
            row = a.row
            column = a.column
        } else {
            // No "r": the cell follows the previous one in its row.
            if row < 0 { row = 0 }
            column += 1
            guard column < SheetLimits.maxColumns else {
                throw SpreadsheetError(.malformedPart, part: part, location: "工作表“\(name)”第 \(row + 1) 行",
                                       detail: "单元格超出最大列 XFD")
            }
            address = CellAddress(uncheckedRow: row, column: column)
        }
        valueText.removeAll()
        formulaText.removeAll()
        inlineText.removeAll()
        hasValue = false
        hasFormula = false
        sharedIndex = nil
        inCell = true
    }

    mutating func receive(_ x: XMLPush, _ node: SAXEvents.Kind) throws(SpreadsheetError) {
        switch node {
        case .start:
            // Most frequent first: the parts of a cell, then cells and rows, then the rest.
            if inCell {
                if x.nameIs("v") {
                    hasValue = true
                    target = x.isEmptyElement ? 0 : 1
                } else if x.nameIs("f") {
                    hasFormula = true
                    let shared = x.withAttribute("t") { $0?.equals("shared") ?? false }
                    sharedIndex = shared ? x.withAttribute("si") { $0?.int } : nil
                    target = x.isEmptyElement ? 0 : 2
                } else if x.nameIs("is") {
                    inInline = !x.isEmptyElement
                } else if x.nameIs("rPh") {
                    if !x.isEmptyElement { phoneticDepth += 1 }
                } else if x.nameIs("t"), inInline, phoneticDepth == 0 {
                    target = x.isEmptyElement ? 0 : 3
                }
            } else if inSheetData, x.nameIs("c") {
                try startCell(x)
                if x.isEmptyElement { try finishCell() }
            } else if inSheetData, x.nameIs("row") {
                let explicit: Int?? = x.withAttribute("r") { v in v.map { $0.int.map { $0 - 1 } } }
                if let given = explicit {
                    guard let r = given, r >= 0, r < SheetLimits.maxRows else {
                        throw SpreadsheetError(.malformedPart, part: part, location: "工作表“\(name)”第 \(x.line) 行",
                                               detail: "行号“\(x.attribute("r") ?? "")”无效")
                    }
                    row = r
                } else {
                    row += 1
                }
                guard row < SheetLimits.maxRows else {
                    throw SpreadsheetError(.malformedPart, part: part, location: "工作表“\(name)”",
                                           detail: "行数超过 \(SheetLimits.maxRows)")
                }
                column = -1
            } else if x.nameIs("sheetData") {
                inSheetData = !x.isEmptyElement
            } else if !inSheetData, x.nameIs("mergeCell") {
                // Outside the cell table only merges matter (extensions may reuse names like "c" or "f").
                // Parsed from the bytes: the text is made only for the message.
                guard let range = x.withAttribute("ref", { $0.flatMap(CellRange.parse) }) else {
                    throw SpreadsheetError(.malformedPart, part: part, location: "工作表“\(name)”",
                                           detail: "合并区域“\(x.attribute("ref") ?? "")”无效")
                }
                read.merges.append(range)
            }
        case .text:
            switch target {
            case 1: x.appendText(to: &valueText)
            case 2: x.appendText(to: &formulaText)
            case 3: x.appendText(to: &inlineText)
            default: break
            }
        case .end:
            if inCell {
                if x.nameIs("c") {
                    try finishCell()
                } else if x.nameIs("v") || x.nameIs("f") || x.nameIs("t") {
                    target = 0
                } else if x.nameIs("rPh") {
                    phoneticDepth = max(0, phoneticDepth - 1)
                } else if x.nameIs("is") {
                    inInline = false
                }
            } else if x.nameIs("sheetData") {
                inSheetData = false
            }
        }
    }
}
