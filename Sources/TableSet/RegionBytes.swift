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

extension TemplateSheetWriter {
    private struct CellShapeKey: Hashable {
        var template: Int, column: Int, style: Int
        var shape: Int   // 0 empty, 1 number, 2 text, 3 a cell without marker
    }

    /// `writeRegion` for the compiled path, appending bytes; the writer is the one the region
    /// starts with. Nil (state untouched) when a piece cannot be cut or a tag would declare a
    /// namespace: the caller then uses `writeRegion`.
    func regionBytes(_ state: inout RegionState, writer: XMLEventWriter) throws -> [UInt8]? {
        var out: [UInt8] = []
        var rows: [Int: (start: RegionPieces, end: [UInt8], inner: XMLEventWriter)] = [:]
        var cells: [CellShapeKey: RegionPieces] = [:]
        var runs = EqualMergeRuns()
        var valueBytes: [UInt8] = []
        let base = writer.emptyCopy()

        for (i, planned) in plan.enumerated() {
            let rowNumber = shift.band + i
            guard let template = state.captured[planned.template] else { continue }
            let empty = template.cells.isEmpty
            if rows[planned.template] == nil {
                var inner = base
                var name = ""
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
                rows[planned.template] = (start, empty ? [] : Array("</\(name)>".utf8), inner)
            }
            guard let row = rows[planned.template] else { return nil }
            row.start.write(row: rowNumber, value: [], into: &out)
            for cell in template.cells {
                if let segments = cell.marker {
                    let value = try context.resolve(segments, cell: CellRef.name(CellKey(row: planned.template, column: cell.column)),
                                                    band: planned.band, block: planned.block)
                    let style = styleVariant(of: cell, segments: segments, planned: planned, captured: state.captured) ?? planned.template
                    let shape: Int
                    valueBytes.removeAll(keepingCapacity: true)
                    switch value {
                    case .empty: shape = 0
                    case .number(let n): shape = 1; valueBytes.append(contentsOf: n.utf8)
                    case .text(let t): shape = 2; valueBytes.append(contentsOf: XMLEventWriter.escapeText(t).utf8)
                    }
                    let key = CellShapeKey(template: planned.template, column: cell.column, style: style, shape: shape)
                    if cells[key] == nil {
                        let attributes = attributes(of: cell, segments: segments, planned: planned, captured: state.captured)
                        cells[key] = RegionPieces { r, v in
                            var w = row.inner
                            let sample: CellOutput = shape == 0 ? .empty : shape == 1 ? .number(v) : .text(v)
                            writeCell(sample, attributes: attributes, namespace: cell.namespace,
                                      at: CellKey(row: r, column: cell.column), into: &w)
                            return w.declarationCount == base.declarationCount ? w.out : nil
                        }
                    }
                    guard let pieces = cells[key] else { return nil }
                    pieces.write(row: rowNumber, value: valueBytes, into: &out)
                    if Self.mergesEqual(segments) {
                        runs.note(value, column: cell.column, row: rowNumber, instance: planned.instance)
                    }
                } else {
                    let key = CellShapeKey(template: planned.template, column: cell.column, style: planned.template, shape: 3)
                    if cells[key] == nil {
                        cells[key] = RegionPieces { r, _ in
                            var w = row.inner
                            let attrs = [("r", nil, CellRef.name(CellKey(row: r, column: cell.column)))] + cell.attributes
                            let name = w.start("c", namespace: cell.namespace, attributes: attrs, empty: cell.content.isEmpty)
                            if !cell.content.isEmpty { w.raw(cell.content); w.end(name) }
                            return w.declarationCount == base.declarationCount ? w.out : nil
                        }
                    }
                    guard let pieces = cells[key] else { return nil }
                    pieces.write(row: rowNumber, value: [], into: &out)
                }
            }
            out.append(contentsOf: row.end)
        }
        state.written = true
        state.equalMerges += runs.finish()
        return out
    }
}
