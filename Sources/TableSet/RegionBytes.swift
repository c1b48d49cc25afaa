import Foundation

/// A tag or cell of the repeated region as byte pieces, cut where the output row number and
/// the cell's value go. Each template cell is written once per export through the same code as
/// `writeRegion` (so prefixes, attribute order and escaping are its own), twice more with
/// another row and another value, and cut where those runs differ.
struct RegionPieces {
    enum Slot { case row, value }
    /// One more part than slots.
    var parts: [[UInt8]]
    var slots: [Slot]

    /// The pieces of `make(row, value)`, or nil when the three texts do not differ in exactly
    /// one byte per slot (then the caller writes the region the slow way).
    init?(_ make: (Int, String) -> String?) {
        guard let a = make(1, "a"), let b = make(2, "a"), let c = make(1, "b") else { return nil }
        let x = Array(a.utf8), y = Array(b.utf8), z = Array(c.utf8)
        guard x.count == y.count, x.count == z.count else { return nil }
        var parts: [[UInt8]] = [], slots: [Slot] = []
        var start = 0
        for i in x.indices {
            let row = x[i] != y[i], value = x[i] != z[i]
            guard row || value else { continue }
            guard !(row && value) else { return nil }
            parts.append(Array(x[start..<i]))
            slots.append(row ? .row : .value)
            start = i + 1
        }
        parts.append(Array(x[start...]))
        guard slots.filter({ $0 == .row }).count <= 1, slots.filter({ $0 == .value }).count <= 1 else { return nil }
        self.parts = parts; self.slots = slots
    }

    func write(row: Int, value: [UInt8], into out: inout [UInt8]) {
        for (i, slot) in slots.enumerated() {
            out.append(contentsOf: parts[i])
            switch slot {
            case .row: appendDecimal(row, to: &out)
            case .value: out.append(contentsOf: value)
            }
        }
        out.append(contentsOf: parts[slots.count])
    }
}

/// The decimal digits of a non-negative `n` (row numbers), as `String(n)` writes them.
func appendDecimal(_ n: Int, to out: inout [UInt8]) {
    guard n > 0 else { out.append(contentsOf: String(n).utf8); return }
    var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                 UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
        (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var count = 0
    var v = n
    withUnsafeMutableBytes(of: &digits) { buffer in
        while v > 0 { buffer[count] = UInt8(48 + v % 10); v /= 10; count += 1 }
        for i in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[i]) }
    }
}

/// The repeated region of a template sheet as pieces, cut once when the sheet is compiled (they
/// depend on the template only): each template row's start and end tag, and each of its cells in
/// every shape (empty, number, text) with the attributes of every row it may borrow its style from.
struct RegionTemplate {
    struct CellKey: Hashable {
        /// The template row, the cell's place in it, and the template row lending the attributes.
        var template: Int, index: Int, style: Int
        var shape: Shape
    }
    enum Shape: Hashable { case empty, number, text, plain }

    /// The shape a value is written in, and the bytes of its text in `bytes`.
    static func shape(of value: CellOutput, bytes: inout [UInt8]) -> Shape {
        bytes.removeAll(keepingCapacity: true)
        switch value {
        case .empty: return .empty
        case .number(let n): bytes.append(contentsOf: n.utf8); return .number
        case .text(let t): bytes.append(contentsOf: XMLEventWriter.escapeText(t).utf8); return .text
        }
    }

    /// A marker cell outside the region in each shape, cut at its (moved) row and its value.
    static func markerCell(column: Int, attributes: TemplateSheetWriter.Attributes, namespace: String?,
                           writer: XMLEventWriter) -> [Shape: RegionPieces]? {
        var result: [Shape: RegionPieces] = [:]
        for shape in [Shape.empty, .number, .text] {
            let pieces = RegionPieces { r, v in
                var w = writer.emptyCopy()
                let sample: CellOutput = shape == .empty ? .empty : shape == .number ? .number(v) : .text(v)
                TemplateSheetWriter.writeCell(sample, attributes: attributes, namespace: namespace,
                                              at: TableSet.CellKey(row: r, column: column), into: &w)
                return w.declarationCount == writer.declarationCount ? w.out : nil
            }
            guard let pieces else { return nil }
            result[shape] = pieces
        }
        return result
    }

    var rows: [Int: (start: RegionPieces, end: [UInt8])] = [:]
    var cells: [CellKey: RegionPieces] = [:]

    /// Nil when a piece cannot be cut or a tag would declare a namespace.
    init?(_ captured: [Int: TemplateSheetWriter.CapturedRow], writer: XMLEventWriter) {
        let base = writer.emptyCopy()
        for (t, template) in captured {
            let empty = template.cells.isEmpty
            var inner = base, name = ""
            let start = RegionPieces { r, _ in
                var w = base
                let attrs = template.attributes.map { a in a.localName == "r" && a.namespace == nil ? (a.localName, a.namespace, String(r)) : a }
                name = w.start("row", namespace: template.namespace, attributes: attrs, empty: empty)
                guard w.declarationCount == base.declarationCount else { return nil }
                inner = w
                return w.out
            }
            guard let start else { return nil }
            inner = inner.emptyCopy()
            rows[t] = (start, empty ? [] : Array("</\(name)>".utf8))
            for (index, cell) in template.cells.enumerated() {
                func cut(_ make: (inout XMLEventWriter, Int, String) -> Void) -> RegionPieces? {
                    RegionPieces { r, v in
                        var w = inner
                        make(&w, r, v)
                        return w.declarationCount == base.declarationCount ? w.out : nil
                    }
                }
                guard cell.marker != nil else {
                    let pieces = cut { w, r, _ in
                        let attrs = [("r", nil, CellRef.name(TableSet.CellKey(row: r, column: cell.column)))] + cell.attributes
                        let name = w.start("c", namespace: cell.namespace, attributes: attrs, empty: cell.content.isEmpty)
                        if !cell.content.isEmpty { w.raw(cell.content); w.end(name) }
                    }
                    guard let pieces else { return nil }
                    cells[CellKey(template: t, index: index, style: t, shape: .plain)] = pieces
                    continue
                }
                for (s, lender) in captured {
                    let attributes = s == t ? cell.attributes : lender.cells.first(where: { $0.column == cell.column })?.attributes
                    guard let attributes else { continue }
                    for shape in [Shape.empty, .number, .text] {
                        let pieces = cut { w, r, v in
                            let sample: CellOutput = shape == .empty ? .empty : shape == .number ? .number(v) : .text(v)
                            TemplateSheetWriter.writeCell(sample, attributes: attributes, namespace: cell.namespace,
                                                          at: TableSet.CellKey(row: r, column: cell.column), into: &w)
                        }
                        guard let pieces else { return nil }
                        cells[CellKey(template: t, index: index, style: s, shape: shape)] = pieces
                    }
                }
            }
        }
    }
}

extension TemplateSheetWriter {
    /// `writeRegion` for the compiled path, appending the region's pieces; nil (state untouched)
    /// when a piece is missing, and the caller then uses `writeRegion`.
    func regionBytes(_ state: inout RegionState, pieces region: RegionTemplate) throws -> [UInt8]? {
        var out: [UInt8] = []
        var runs = EqualMergeRuns()
        var valueBytes: [UInt8] = []
        for (i, planned) in plan.enumerated() {
            let rowNumber = shift.band + i
            guard let template = state.captured[planned.template] else { continue }
            guard let row = region.rows[planned.template] else { return nil }
            row.start.write(row: rowNumber, value: [], into: &out)
            for (index, cell) in template.cells.enumerated() {
                guard let segments = cell.marker else {
                    guard let pieces = region.cells[.init(template: planned.template, index: index, style: planned.template, shape: .plain)]
                    else { return nil }
                    pieces.write(row: rowNumber, value: [], into: &out)
                    continue
                }
                let value = try context.resolve(segments, cell: CellRef.name(CellKey(row: planned.template, column: cell.column)),
                                                band: planned.band, block: planned.block)
                let style = styleVariant(of: cell, segments: segments, planned: planned, captured: state.captured) ?? planned.template
                let shape = RegionTemplate.shape(of: value, bytes: &valueBytes)
                guard let pieces = region.cells[.init(template: planned.template, index: index, style: style, shape: shape)]
                else { return nil }
                pieces.write(row: rowNumber, value: valueBytes, into: &out)
                if Self.mergesEqual(segments) {
                    runs.note(value, column: cell.column, row: rowNumber, instance: planned.instance)
                }
            }
            out.append(contentsOf: row.end)
        }
        state.written = true
        state.equalMerges += runs.finish()
        return out
    }
}
