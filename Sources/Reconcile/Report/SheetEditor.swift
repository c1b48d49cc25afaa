import Foundation
import OOXML

/// Edits one worksheet part in place: sets the format index of given cells (adding empty cells and rows
/// where the sheet has none) and adds a <legacyDrawing> reference for comments.
struct SheetEditor {
    let part: String
    private let data: Data
    private let path: String
    private let tags: [XMLTag]
    private var edits = ByteEdits()
    /// Element prefix of the sheet ("" or "x:").
    private let prefix: String
    /// Prefix bound to the relationships namespace on the root element, if any.
    private let relPrefix: String?
    private var rows: [Row] = []
    private var sheetData: XMLTag?
    private var sheetDataClose: Int?

    struct Cell { var column: Int; var tag: XMLTag }
    struct Row { var index: Int; var tag: XMLTag; var closeOffset: Int?; var cells: [Cell] }

    init(parts: WorkbookParts, part: String) throws {
        self.part = part
        path = parts.path
        data = try parts.data(part)
        tags = try XMLTagScanner(data, part: part, path: path).tags()
        guard let root = tags.first(where: { $0.kind != .end }), root.localName == "worksheet" else {
            throw ReportError.malformed(path: path, part: part, detail: "根元素不是 <worksheet>")
        }
        prefix = root.prefix.map { $0 + ":" } ?? ""
        relPrefix = root.attributes.first { $0.name.hasPrefix("xmlns:") && $0.value == Relationships.namespace }
            .map { String($0.name.dropFirst("xmlns:".count)) }
        var nextRow = 0
        var nextColumn = 0
        for tag in tags {
            switch (tag.localName, tag.kind) {
            case ("sheetData", .start), ("sheetData", .empty): sheetData = tag
            case ("sheetData", .end): sheetDataClose = tag.range.lowerBound
            case ("row", .start), ("row", .empty):
                let index = try tag.attribute("r").map { try rowNumber($0) } ?? nextRow
                rows.append(Row(index: index, tag: tag, closeOffset: nil, cells: []))
                nextRow = index + 1
                nextColumn = 0
            case ("row", .end):
                if !rows.isEmpty { rows[rows.count - 1].closeOffset = tag.range.lowerBound }
            case ("c", .start), ("c", .empty):
                guard !rows.isEmpty else { continue }
                let column = try tag.attribute("r").map { try cellAddress($0).column } ?? nextColumn
                rows[rows.count - 1].cells.append(Cell(column: column, tag: tag))
                nextColumn = column + 1
            default: break
            }
        }
        guard sheetData != nil else {
            throw ReportError.malformed(path: path, part: part, detail: "缺少 <sheetData>")
        }
    }

    private func rowNumber(_ text: String) throws -> Int {
        guard let n = Int(text), n >= 1 else {
            throw ReportError.malformed(path: path, part: part, detail: "行号“\(text)”无效")
        }
        return n - 1
    }

    private func cellAddress(_ text: String) throws -> CellAddress {
        do { return try CellAddress(text) } catch {
            throw ReportError.malformed(path: path, part: part, detail: "单元格地址“\(text)”无效")
        }
    }

    /// The format index a cell has now (0 when the cell or its s attribute is absent).
    func formatIndex(_ address: CellAddress) -> Int {
        guard let row = rows.first(where: { $0.index == address.row }),
              let cell = row.cells.first(where: { $0.column == address.column }) else { return 0 }
        return cell.tag.attribute("s").flatMap { Int($0) } ?? 0
    }

    /// Gives each cell the format index; cells are sorted so that inserted cells keep row/column order.
    mutating func setFormats(_ formats: [CellAddress: Int]) {
        var missingByRow: [Int: [(CellAddress, Int)]] = [:]
        for (address, format) in formats {
            if let row = rows.first(where: { $0.index == address.row }),
               let cell = row.cells.first(where: { $0.column == address.column }) {
                edits.replace(cell.tag.range, with: cell.tag.rewritten([("s", String(format))]))
            } else {
                missingByRow[address.row, default: []].append((address, format))
            }
        }
        for (rowIndex, cells) in missingByRow.sorted(by: { $0.key < $1.key }) {
            let sorted = cells.sorted { $0.0.column < $1.0.column }
            if let row = rows.first(where: { $0.index == rowIndex }) {
                // A row's spans hint would no longer cover the new cells: drop it (it is optional).
                if row.closeOffset != nil, row.tag.attribute("spans") != nil {
                    edits.replace(row.tag.range, with: row.tag.rewritten([("spans", nil)]))
                }
                for (address, format) in sorted {
                    let xml = "<\(prefix)c r=\"\(address.a1)\" s=\"\(format)\"/>"
                    if let after = row.cells.first(where: { $0.column > address.column }) {
                        edits.insert(xml, at: after.tag.range.lowerBound)
                    } else if let close = row.closeOffset {
                        edits.insert(xml, at: close)
                    } else {
                        // <row …/>: becomes <row …>cells</row>; all missing cells of the row go in at once.
                        var open = row.tag
                        open.kind = .start
                        let cellsXML = sorted.map { "<\(prefix)c r=\"\($0.0.a1)\" s=\"\($0.1)\"/>" }.joined()
                        edits.replace(row.tag.range, with: open.rewritten([]) + cellsXML + "</\(prefix)row>")
                        break
                    }
                }
            } else {
                let cellsXML = sorted.map { "<\(prefix)c r=\"\($0.0.a1)\" s=\"\($0.1)\"/>" }.joined()
                let rowXML = "<\(prefix)row r=\"\(rowIndex + 1)\">\(cellsXML)</\(prefix)row>"
                if let after = rows.first(where: { $0.index > rowIndex }) {
                    edits.insert(rowXML, at: after.tag.range.lowerBound)
                } else if let close = sheetDataClose {
                    edits.insert(rowXML, at: close)
                } else if let sheetData, sheetData.kind == .empty {
                    var open = sheetData
                    open.kind = .start
                    edits.replace(sheetData.range, with: open.rewritten([]) + rowXML + "</\(prefix)sheetData>")
                }
            }
        }
    }

    /// The relationship id of the sheet's existing <legacyDrawing>, if it has one.
    var legacyDrawingID: String? {
        tags.first { $0.localName == "legacyDrawing" && $0.kind != .end }?.attribute(local: "id")
    }

    /// Adds <legacyDrawing r:id=…/> where the schema wants it: before legacyDrawingHF, drawingHF, picture,
    /// oleObjects, controls, webPublishItems, tableParts or extLst, else before </worksheet>.
    mutating func addLegacyDrawing(relationshipID: String) throws {
        let attribute = relPrefix.map { "\($0):id=\"\(relationshipID)\"" }
            ?? "xmlns:r=\"\(Relationships.namespace)\" r:id=\"\(relationshipID)\""
        let xml = "<\(prefix)legacyDrawing \(attribute)/>"
        let later: Set<Substring> = ["legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls",
                                     "webPublishItems", "tableParts", "extLst"]
        var depth = 0
        for tag in tags {
            if depth == 1, tag.kind != .end, later.contains(tag.localName) {
                edits.insert(xml, at: tag.range.lowerBound)
                return
            }
            if tag.kind == .start { depth += 1 }
            if tag.kind == .end {
                depth -= 1
                if depth == 0, tag.localName == "worksheet" {
                    edits.insert(xml, at: tag.range.lowerBound)
                    return
                }
            }
        }
        throw ReportError.malformed(path: path, part: part, detail: "缺少 </worksheet>")
    }

    func write(into parts: inout WorkbookParts) {
        parts.set(part, edits.apply(to: data))
    }
}
