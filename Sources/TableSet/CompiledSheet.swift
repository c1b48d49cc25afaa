import Foundation
import OOXML

/// A template worksheet walked once per template: the text `TemplateSheetWriter.rewrite` writes,
/// cut at the slots whose text depends on the unit (marker cells, the repeated region, merged
/// ranges) or on how far rows move (row numbers, cell references, ref/sqref attributes). An
/// export then writes the chunks and fills the slots instead of re-parsing the sheet's XML.
/// `render` gives the same bytes as `rewrite`; where it could not, it returns nil and the
/// caller rewrites the sheet the slow way.
struct CompiledSheet: Sendable {
    enum Slot: Sendable {
        /// The `r` of a template `<row>` outside the region.
        case rowNumber(Int)
        /// The `r` of a template `<c>` outside the region: its column letters and template row.
        case cellReference(column: [UInt8], row: Int)
        /// A ref, sqref, activeCell or topLeftCell value as the template has it, and parsed.
        case shiftedAttribute(String, [RowShift.CompiledReference])
        /// A marker cell outside the region, with what its start tag had and the writer's namespace state.
        case markerCell(CellKey, TemplateSheetWriter.Attributes, namespace: String?, writer: XMLEventWriter,
                        pieces: RegionTemplate.ShapePieces?)
        /// The repeated rows, as read from the template, and cut into pieces (nil: they could not be).
        case region([Int: TemplateSheetWriter.CapturedRow], writer: XMLEventWriter, pieces: RegionTemplate?)
        /// A `<mergeCells>` element's ranges as the template has them (and parsed, with the
        /// element cut into pieces; nil when it could not be).
        case merges([String], namespace: String?, writer: XMLEventWriter, compiled: CompiledMerges?)
    }

    /// One more chunk than slots: chunk 0, slot 0, chunk 1, … , the last chunk.
    var chunks: [[UInt8]]
    var slots: [Slot]
    var byteCount: Int

    /// The writer's text cut at its slot offsets; nil unless there is one slot per offset.
    static func cut(_ w: XMLEventWriter, slots: Int) -> (chunks: [[UInt8]], byteCount: Int)? {
        guard w.slotOffsets.count == slots else { return nil }
        let bytes = Array(w.out.utf8)
        var chunks: [[UInt8]] = []
        var start = 0
        for offset in w.slotOffsets {
            guard offset >= start, offset <= bytes.count else { return nil }
            chunks.append(Array(bytes[start..<offset]))
            start = offset
        }
        chunks.append(Array(bytes[start...]))
        return (chunks, bytes.count)
    }
}

extension TemplateSheetWriter {
    /// Compiles a template worksheet (the walk of `rewrite`, with slots where it depends on
    /// the unit or the shift). Slots are noted as offsets into the writer's text, so no
    /// marker character passes through the escaper.
    static func compile(_ data: Data, scan: SheetScan, file: String, part: String) throws -> CompiledSheet? {
        let r = try SecureXMLReader(data: data, file: file, part: part)
        var w = XMLEventWriter()
        try w.begin(source: data, file: file, part: part)
        var slots: [CompiledSheet.Slot] = []
        var open: [String] = []
        var ignoreEnd = 0
        var row = 0, column = 0
        var merges: [String]? = nil
        var mergesNamespace: String? = nil
        var captured: [Int: CapturedRow] = [:]
        var regionPlaced = false
        let repeated = scan.region

        func placeRegion() {
            slots.append(.region(captured, writer: w.emptyCopy(), pieces: RegionTemplate(captured, writer: w)))
            w.slot()
            regionPlaced = true
        }

        while try r.read() {
            switch r.kind {
            case .startElement:
                if r.depth == 0 { continue }
                let empty = r.isEmptyElement
                if r.hasLocalName("row") {
                    row = r.attribute("r").flatMap(Int.init) ?? row + 1
                    column = 0
                    if let repeated, repeated.contains(row) {
                        captured[row] = try capture(r, row: row, scan: scan, from: w, empty: empty)
                        continue
                    }
                    if let repeated, row > repeated.upperBound, !regionPlaced { placeRegion() }
                    let attrs = r.attributes
                    var slotAt: [Int] = []
                    for i in attrs.indices where attrs[i].localName == "r" && attrs[i].namespace == nil {
                        slotAt.append(i)
                        slots.append(.rowNumber(row))
                    }
                    let name = w.start("row", namespace: r.namespaceURI, attributes: attrs, empty: empty, slotAt: slotAt)
                    if empty { ignoreEnd += 1 } else { open.append(name) }
                } else if r.hasLocalName("c") {
                    if let ref = r.attribute("r"), let key = CellRef.parse(ref) { column = key.column } else { column += 1 }
                    let key = CellKey(row: row, column: column)
                    if scan.markerCells[key] != nil {
                        slots.append(.markerCell(key, r.attributes, namespace: r.namespaceURI, writer: w.emptyCopy(),
                                                 pieces: RegionTemplate.markerCell(column: key.column, attributes: r.attributes,
                                                                                   namespace: r.namespaceURI, writer: w)))
                        w.slot()
                        try r.skipElement()
                        continue
                    }
                    var attrs = r.attributes.filter { !($0.localName == "r" && $0.namespace == nil) }
                    attrs.insert(("r", nil, ""), at: 0)
                    slots.append(.cellReference(column: Array(CellRef.columnName(column).utf8), row: row))
                    let name = w.start("c", namespace: r.namespaceURI, attributes: attrs, empty: empty, slotAt: [0])
                    if empty { ignoreEnd += 1 } else { open.append(name) }
                } else if r.hasLocalName("mergeCells") {
                    merges = []
                    mergesNamespace = r.namespaceURI
                    if empty { ignoreEnd += 1 } else { open.append("") }
                } else if merges != nil && r.hasLocalName("mergeCell") {
                    if let ref = r.attribute("ref") { merges?.append(ref) }
                    try r.skipElement()
                } else {
                    let attrs = r.attributes
                    var slotAt: [Int] = []
                    for i in attrs.indices where attrs[i].namespace == nil && shiftedAttributes.contains(attrs[i].localName) {
                        slots.append(.shiftedAttribute(attrs[i].value, RowShift.compileList(attrs[i].value)))
                        slotAt.append(i)
                    }
                    let name = w.start(r.localName, namespace: r.namespaceURI, attributes: attrs, empty: empty, slotAt: slotAt)
                    if empty { ignoreEnd += 1 } else { open.append(name) }
                }
            case .endElement:
                if r.depth == 0 { w.endRoot(); continue }
                if ignoreEnd > 0 { ignoreEnd -= 1; continue }
                guard let name = open.popLast() else { continue }
                if name.isEmpty, let list = merges {   // </mergeCells>
                    slots.append(.merges(list, namespace: mergesNamespace, writer: w.emptyCopy(),
                                         compiled: CompiledMerges(list, region: repeated, namespace: mergesNamespace, writer: w)))
                    w.slot()
                    merges = nil
                    continue
                }
                if r.hasLocalName("sheetData"), repeated != nil, !regionPlaced { placeRegion() }
                w.end(name)
            case .text:
                if r.depth > 0 && merges == nil { w.text(r.text) }
            case .other:
                break
            }
        }
        guard let (chunks, byteCount) = CompiledSheet.cut(w, slots: slots.count) else { return nil }
        return CompiledSheet(chunks: chunks, slots: slots, byteCount: byteCount)
    }

    /// The filled sheet from its compiled form: the bytes `rewrite` gives, or nil when a slot
    /// would need a namespace declaration (its numbering depends on what came before).
    func render(_ compiled: CompiledSheet) throws -> Data? {
        var out: [UInt8] = []
        out.reserveCapacity(compiled.byteCount + compiled.byteCount / 2)
        var state = RegionState()
        var valueBytes: [UInt8] = []
        func append(_ w: XMLEventWriter, from start: XMLEventWriter) -> Bool {
            guard w.declarationCount == start.declarationCount else { return false }
            out.append(contentsOf: w.out.utf8)
            return true
        }
        for (i, slot) in compiled.slots.enumerated() {
            out.append(contentsOf: compiled.chunks[i])
            switch slot {
            case .rowNumber(let row):
                appendDecimal(shift.row(row), to: &out)
            case .cellReference(let letters, let row):
                out.append(contentsOf: letters)
                appendDecimal(shift.row(row), to: &out)
            case .shiftedAttribute(let value, let references):
                out.append(contentsOf: XMLEventWriter.escapeAttribute(shift.referenceList(references) ?? value).utf8)
            case .markerCell(let key, let attributes, let namespace, let writer, let pieces):
                let value = try context.resolve(scan.segments(at: key), cell: CellRef.name(key))
                if let pieces, pieces.write(RegionTemplate.shape(of: value, bytes: &valueBytes), row: shift.row(key.row),
                                            value: valueBytes, into: &out) {
                    continue
                }
                var w = writer
                writeCell(value, attributes: attributes, namespace: namespace, at: CellKey(row: shift.row(key.row), column: key.column), into: &w)
                guard append(w, from: writer) else { return nil }
            case .region(let captured, let writer, let pieces):
                state.captured = captured
                if let pieces, let bytes = try regionBytes(&state, pieces: pieces) {
                    out.append(contentsOf: bytes)
                    continue
                }
                var w = writer
                try writeRegion(&state, into: &w)
                guard append(w, from: writer) else { return nil }
            case .merges(let list, let namespace, let writer, let compiled):
                if let compiled {
                    mergeBytes(compiled, extra: state.equalMerges, into: &out)
                    continue
                }
                var w = writer
                writeMerges(list, extra: state.equalMerges, namespace: namespace, into: &w)
                guard append(w, from: writer) else { return nil }
            }
        }
        if let last = compiled.chunks.last { out.append(contentsOf: last) }
        return Data(out)
    }
}

/// The workbook part compiled once per template: its text with a slot at each defined name's
/// formula, so moving print areas and titles needs no re-parse (same bytes as `shiftDefinedNames`).
struct CompiledWorkbook {
    var chunks: [[UInt8]]
    /// Each defined name's formula as the template has it, and cut at its sheet references.
    var formulas: [String]
    var pieces: [[FormulaReferences.Piece]]
    var byteCount: Int

    /// The walk of `TemplateFiller.shiftDefinedNames`, with the formulas left as slots.
    static func compile(_ data: Data, file: String, part: String) throws -> CompiledWorkbook? {
        let r = try SecureXMLReader(data: data, file: file, part: part)
        var w = XMLEventWriter()
        try w.begin(source: data, file: file, part: part)
        var open: [String] = []
        var ignoreEnd = 0
        var inName = false
        var formulas: [String] = []
        while try r.read() {
            switch r.kind {
            case .startElement:
                if r.depth == 0 { continue }
                let empty = r.isEmptyElement
                let name = w.start(r.localName, namespace: r.namespaceURI, attributes: r.attributes, empty: empty)
                if empty { ignoreEnd += 1 } else { open.append(name) }
                inName = r.hasLocalName("definedName") && !empty
            case .endElement:
                if r.depth == 0 { w.endRoot(); continue }
                if ignoreEnd > 0 { ignoreEnd -= 1; continue }
                if let name = open.popLast() { w.end(name) }
                inName = false
            case .text:
                guard r.depth > 0 else { continue }
                if inName {
                    formulas.append(r.text)
                    w.slot()
                } else {
                    w.text(r.text)
                }
            case .other: break
            }
        }
        guard let (chunks, byteCount) = CompiledSheet.cut(w, slots: formulas.count) else { return nil }
        return CompiledWorkbook(chunks: chunks, formulas: formulas, pieces: formulas.map(FormulaReferences.pieces), byteCount: byteCount)
    }

    /// The workbook part with its defined names moved; nil if none moved.
    func render(shifts: [String: RowShift]) -> Data? {
        var out: [UInt8] = []
        out.reserveCapacity(byteCount + 256)
        var changed = false
        for (i, formula) in formulas.enumerated() {
            out.append(contentsOf: chunks[i])
            let text = FormulaReferences.shift(pieces[i], sheets: shifts)
            if text != formula { changed = true }
            out.append(contentsOf: XMLEventWriter.escapeText(text).utf8)
        }
        if let last = chunks.last { out.append(contentsOf: last) }
        return changed ? Data(out) : nil
    }
}
