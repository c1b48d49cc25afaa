import Foundation
import OOXML

/// Rewrites one template worksheet (pass 2): marker cells get their values, the band row is
/// repeated once per table row, and every row, cell, merged range and reference below it moves
/// down. Everything else is written back as it was read.
struct TemplateSheetWriter {
    let scan: SheetScan
    let context: FillContext
    /// Rows each band panel iterates (key nil: the table's default rows).
    let bandRows: [String?: [TableRow]]
    let shift: RowShift

    init(scan: SheetScan, context: FillContext) throws {
        self.scan = scan
        self.context = context
        var rows: [String?: [TableRow]] = [:]
        if let band = scan.bandRow {
            for (key, text) in scan.markerCells where key.row == band {
                for case .marker(let m) in Marker.segments(of: text) where m.name == "行" {
                    rows[m.bandPanel] = try context.bandRows(panel: m.bandPanel, cell: CellRef.name(key))
                }
            }
            shift = RowShift(band: band, count: rows.values.map(\.count).max() ?? 0)
        } else {
            shift = .none
        }
        bandRows = rows
    }

    static let shiftedAttributes: Set<String> = ["ref", "sqref", "activeCell", "topLeftCell"]

    func rewrite(_ data: Data, file: String, part: String) throws -> Data {
        let r = try SecureXMLReader(data: data, file: file, part: part)
        var w = XMLEventWriter()
        try w.begin(source: data, file: file, part: part)
        var open: [String] = []          // qualified names of open elements below the root
        var ignoreEnd = 0                // synthesized ends of empty elements to drop
        var row = 0, column = 0
        var merges: [String]? = nil      // collecting <mergeCell ref> while inside <mergeCells>
        var mergesNamespace: String? = nil

        while try r.read() {
            switch r.kind {
            case .startElement:
                if r.depth == 0 { continue }   // the root tag is already written
                let empty = r.isEmptyElement
                if r.hasLocalName("row") {
                    row = r.attribute("r").flatMap(Int.init) ?? row + 1
                    column = 0
                    if row == shift.band {
                        try writeBand(r, into: &w, empty: empty)
                        continue
                    }
                    let attrs = r.attributes.map { a in a.localName == "r" && a.namespace == nil ? (a.localName, a.namespace, String(shift.row(row))) : a }
                    let name = w.start("row", namespace: r.namespaceURI, attributes: attrs, empty: empty)
                    if empty { ignoreEnd += 1 } else { open.append(name) }
                } else if r.hasLocalName("c") {
                    if let ref = r.attribute("r"), let key = CellRef.parse(ref) { column = key.column } else { column += 1 }
                    let key = CellKey(row: row, column: column)
                    let out = CellKey(row: shift.row(row), column: column)
                    if let text = scan.markerCells[key] {
                        let value = try context.resolve(text, cell: CellRef.name(key))
                        writeCell(value, attributes: r.attributes, namespace: r.namespaceURI, at: out, into: &w)
                        try r.skipElement()
                        continue
                    }
                    var attrs = r.attributes.filter { !($0.localName == "r" && $0.namespace == nil) }
                    attrs.insert(("r", nil, CellRef.name(out)), at: 0)
                    let name = w.start("c", namespace: r.namespaceURI, attributes: attrs, empty: empty)
                    if empty { ignoreEnd += 1 } else { open.append(name) }
                } else if r.hasLocalName("mergeCells") {
                    merges = []
                    mergesNamespace = r.namespaceURI
                    if empty { ignoreEnd += 1 } else { open.append("") }
                } else if merges != nil && r.hasLocalName("mergeCell") {
                    if let ref = r.attribute("ref") { merges?.append(ref) }
                    try r.skipElement()
                } else {
                    var attrs = r.attributes
                    for i in attrs.indices where attrs[i].namespace == nil && Self.shiftedAttributes.contains(attrs[i].localName) {
                        attrs[i].value = shift.referenceList(attrs[i].value) ?? attrs[i].value
                    }
                    let name = w.start(r.localName, namespace: r.namespaceURI, attributes: attrs, empty: empty)
                    if empty { ignoreEnd += 1 } else { open.append(name) }
                }
            case .endElement:
                if r.depth == 0 { w.endRoot(); continue }
                if ignoreEnd > 0 { ignoreEnd -= 1; continue }
                guard let name = open.popLast() else { continue }
                if name.isEmpty, let list = merges {   // </mergeCells>
                    writeMerges(list, namespace: mergesNamespace, into: &w)
                    merges = nil
                    continue
                }
                w.end(name)
            case .text:
                if r.depth > 0 && merges == nil { w.text(r.text) }
            case .other:
                break
            }
        }
        return Data(w.out.utf8)
    }

    /// Writes a marker cell with its value, keeping the template cell's other attributes (style).
    func writeCell(_ value: CellOutput, attributes: [(localName: String, namespace: String?, value: String)],
                   namespace: String?, at key: CellKey, into w: inout XMLEventWriter) {
        var attrs = attributes.filter { $0.namespace != nil || ($0.localName != "r" && $0.localName != "t") }
        attrs.insert(("r", nil, CellRef.name(key)), at: 0)
        switch value {
        case .empty:
            _ = w.start("c", namespace: namespace, attributes: attrs, empty: true)
        case .number(let n):
            let name = w.start("c", namespace: namespace, attributes: attrs, empty: false)
            let v = w.qualifiedName("v", namespace: namespace)
            w.raw("<\(v)>\(n)</\(v)>")
            w.end(name)
        case .text(let t):
            attrs.append(("t", nil, "inlineStr"))
            let name = w.start("c", namespace: namespace, attributes: attrs, empty: false)
            let inline = w.qualifiedName("is", namespace: namespace), text = w.qualifiedName("t", namespace: namespace)
            w.raw("<\(inline)><\(text) xml:space=\"preserve\">" + XMLEventWriter.escapeText(t) + "</\(text)></\(inline)>")
            w.end(name)
        }
    }

    /// Reads the band row and writes it once per table row.
    func writeBand(_ r: SecureXMLReader, into w: inout XMLEventWriter, empty: Bool) throws {
        let rowAttributes = r.attributes, rowNamespace = r.namespaceURI
        // Each cell: its column, attributes, and either its marker text or its content as written.
        var cells: [(column: Int, attributes: [(localName: String, namespace: String?, value: String)], namespace: String?,
                     marker: String?, content: String)] = []
        if !empty {
            let depth = r.depth
            var column = 0
            while try r.read() {
                if r.kind == .endElement && r.depth == depth { break }
                guard r.kind == .startElement, r.hasLocalName("c") else { continue }
                if let ref = r.attribute("r"), let key = CellRef.parse(ref) { column = key.column } else { column += 1 }
                let attrs = r.attributes.filter { !($0.localName == "r" && $0.namespace == nil) }
                let ns = r.namespaceURI
                if let text = scan.markerCells[CellKey(row: shift.band, column: column)] {
                    cells.append((column, attrs, ns, text, ""))
                    try r.skipElement()
                    continue
                }
                // Capture the cell's children as text, written through a scratch writer.
                var scratch = w
                let mark = scratch.out.endIndex
                if !r.isEmptyElement {
                    let cellDepth = r.depth
                    var names: [String] = []
                    var skip = 0
                    while try r.read() {
                        if r.kind == .endElement && r.depth == cellDepth { break }
                        switch r.kind {
                        case .startElement:
                            let e = r.isEmptyElement
                            let n = scratch.start(r.localName, namespace: r.namespaceURI, attributes: r.attributes, empty: e)
                            if e { skip += 1 } else { names.append(n) }
                        case .endElement:
                            if skip > 0 { skip -= 1 } else if let n = names.popLast() { scratch.end(n) }
                        case .text: scratch.text(r.text)
                        case .other: break
                        }
                    }
                } else {
                    _ = try r.read()   // the synthesized end of <c/>
                }
                cells.append((column, attrs, ns, nil, String(scratch.out[mark...])))
            }
        }
        for k in 0..<shift.count {
            let rowNumber = shift.band + k
            var band: [String?: TableRow?] = [:]
            for (panel, rows) in bandRows { band[panel] = k < rows.count ? rows[k] : nil }
            let attrs = rowAttributes.map { a in a.localName == "r" && a.namespace == nil ? (a.localName, a.namespace, String(rowNumber)) : a }
            let rowName = w.start("row", namespace: rowNamespace, attributes: attrs, empty: cells.isEmpty)
            for cell in cells {
                let key = CellKey(row: rowNumber, column: cell.column)
                if let text = cell.marker {
                    let value = try context.resolve(text, cell: CellRef.name(CellKey(row: shift.band, column: cell.column)), band: band)
                    writeCell(value, attributes: cell.attributes, namespace: cell.namespace, at: key, into: &w)
                } else {
                    let attrs = [("r", nil, CellRef.name(key))] + cell.attributes
                    let name = w.start("c", namespace: cell.namespace, attributes: attrs, empty: cell.content.isEmpty)
                    if !cell.content.isEmpty { w.raw(cell.content); w.end(name) }
                }
            }
            if !cells.isEmpty { w.end(rowName) }
        }
    }

    /// Merged ranges after the move: ranges on the band row are repeated on every copy.
    func writeMerges(_ refs: [String], namespace: String?, into w: inout XMLEventWriter) {
        var result: [String] = []
        for ref in refs {
            let ends = ref.split(separator: ":").map(String.init)
            if ends.count == 2, let a = CellRef.parse(ends[0]), let b = CellRef.parse(ends[1]),
               a.row == shift.band, b.row == shift.band {
                for k in 0..<shift.count {
                    result.append(CellRef.name(CellKey(row: a.row + k, column: a.column)) + ":" + CellRef.name(CellKey(row: b.row + k, column: b.column)))
                }
            } else if let moved = shift.reference(ref) {
                result.append(moved)
            }
        }
        guard !result.isEmpty else { return }
        let name = w.start("mergeCells", namespace: namespace, attributes: [("count", nil, String(result.count))], empty: false)
        for ref in result { _ = w.start("mergeCell", namespace: namespace, attributes: [("ref", nil, ref)], empty: true) }
        w.end(name)
    }
}
