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
struct RegionTemplate: Sendable {
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
                           writer: XMLEventWriter) -> ShapePieces? {
        var result: [RegionPieces] = []
        for shape in [Shape.empty, .number, .text] {
            let pieces = RegionPieces { r, v in
                var w = writer.emptyCopy()
                let sample: CellOutput = shape == .empty ? .empty : shape == .number ? .number(v) : .text(v)
                TemplateSheetWriter.writeCell(sample, attributes: attributes, namespace: namespace,
                                              at: TableSet.CellKey(row: r, column: column), into: &w)
                return w.declarationCount == writer.declarationCount ? w.out : nil
            }
            guard let pieces else { return nil }
            result.append(pieces)
        }
        return ShapePieces(empty: result[0], number: result[1], text: result[2])
    }

    /// One template cell of the region: its pieces, and what picking them needs (a class: it is
    /// read once per written row, where copying a struct would retain every field).
    final class Cell: Sendable {
        let column: Int
        /// A cell without markers: its pieces (row slot only).
        let plain: RegionPieces?
        /// A marker cell: its segments, and its pieces by the template row lending its attributes
        /// (`own`: its own row's, the usual case).
        let segments: [Marker.Segment]?
        let styles: [Int: ShapePieces]
        let own: ShapePieces?
        let mergesEqual: Bool
        /// The panel of the cell's first band marker when it names one: the key `styleVariant` reads.
        let stylePanel: String?
        /// How `FastCells` may write it (nil: through `FillContext.resolve`).
        let fastForm: FastCells.Form?

        init(column: Int, plain: RegionPieces) {
            self.column = column; self.plain = plain
            segments = nil; styles = [:]; own = nil; mergesEqual = false; stylePanel = nil; fastForm = nil
        }

        init(column: Int, segments: [Marker.Segment], styles: [Int: ShapePieces], own: ShapePieces?) {
            self.column = column; self.plain = nil; self.segments = segments; self.styles = styles; self.own = own
            mergesEqual = TemplateSheetWriter.mergesEqual(segments)
            var panel: String? = nil
            for case .marker(let m) in segments where m.kind == .band { panel = m.bandPanel; break }
            stylePanel = panel
            fastForm = FastCells.form(of: segments)
        }
    }

    /// A marker cell's pieces in each shape (a class: picked once per written cell).
    final class ShapePieces: Sendable {
        let empty: RegionPieces, number: RegionPieces, text: RegionPieces
        init(empty: RegionPieces, number: RegionPieces, text: RegionPieces) {
            self.empty = empty; self.number = number; self.text = text
        }

        /// Writes the pieces of `shape`; false when there are none (`.plain`).
        func write(_ shape: Shape, row: Int, value: [UInt8], into out: inout [UInt8]) -> Bool {
            switch shape {
            case .empty: empty.write(row: row, value: value, into: &out)
            case .number: number.write(row: row, value: value, into: &out)
            case .text: text.write(row: row, value: value, into: &out)
            case .plain: return false
            }
            return true
        }
    }

    /// Per template row: its start tag, end tag and cells in order.
    final class Row: Sendable {
        let start: RegionPieces
        let end: [UInt8]
        let cells: [Cell]
        init(start: RegionPieces, end: [UInt8], cells: [Cell]) { self.start = start; self.end = end; self.cells = cells }
    }
    var rows: [Int: Row] = [:]

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
            var cells: [Cell] = []
            for cell in template.cells {
                func cut(_ make: (inout XMLEventWriter, Int, String) -> Void) -> RegionPieces? {
                    RegionPieces { r, v in
                        var w = inner
                        make(&w, r, v)
                        return w.declarationCount == base.declarationCount ? w.out : nil
                    }
                }
                guard let segments = cell.marker else {
                    let pieces = cut { w, r, _ in
                        let attrs = [("r", nil, CellRef.name(TableSet.CellKey(row: r, column: cell.column)))] + cell.attributes
                        let name = w.start("c", namespace: cell.namespace, attributes: attrs, empty: cell.content.isEmpty)
                        if !cell.content.isEmpty { w.raw(cell.content); w.end(name) }
                    }
                    guard let pieces else { return nil }
                    cells.append(Cell(column: cell.column, plain: pieces))
                    continue
                }
                var styles: [Int: ShapePieces] = [:]
                for (s, lender) in captured {
                    let attributes = s == t ? cell.attributes : lender.cells.first(where: { $0.column == cell.column })?.attributes
                    guard let attributes else { continue }
                    var byShape: [RegionPieces] = []
                    for shape in [Shape.empty, .number, .text] {
                        let pieces = cut { w, r, v in
                            let sample: CellOutput = shape == .empty ? .empty : shape == .number ? .number(v) : .text(v)
                            TemplateSheetWriter.writeCell(sample, attributes: attributes, namespace: cell.namespace,
                                                          at: TableSet.CellKey(row: r, column: cell.column), into: &w)
                        }
                        guard let pieces else { return nil }
                        byShape.append(pieces)
                    }
                    styles[s] = ShapePieces(empty: byShape[0], number: byShape[1], text: byShape[2])
                }
                cells.append(Cell(column: cell.column, segments: segments, styles: styles, own: styles[t]))
            }
            rows[t] = Row(start: start, end: empty ? [] : Array("</\(name)>".utf8), cells: cells)
        }
    }
}

extension TemplateSheetWriter {
    /// `writeRegion` for the compiled path, appending the region's pieces; nil (state untouched)
    /// when a piece is missing, and the caller then uses `writeRegion`.
    func regionBytes(_ state: inout RegionState, pieces region: RegionTemplate) throws -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(64 * 1024)
        var runs = EqualMergeRuns()
        var valueBytes: [UInt8] = []
        let fast = FastCells(region, context: context)
        for (i, planned) in plan.enumerated() {
            let rowNumber = shift.band + i
            guard let row = region.rows[planned.template] else {
                if state.captured[planned.template] == nil { continue }
                return nil
            }
            row.start.write(row: rowNumber, value: [], into: &out)
            let quick = fast.byRow[planned.template]
            // The default panel's row of this copy, looked up once for the row's cells.
            let defaultEntry = quick == nil ? nil : planned.band[nil]
            for index in row.cells.indices {
                let cell = row.cells[index]
                guard let segments = cell.segments else {
                    guard let pieces = cell.plain else { return nil }
                    pieces.write(row: rowNumber, value: [], into: &out)
                    continue
                }
                let byShape: RegionTemplate.ShapePieces
                if let style = styleVariant(of: cell, planned: planned) {
                    guard let pieces = cell.styles[style] else { return nil }
                    byShape = pieces
                } else {
                    guard let pieces = cell.own else { return nil }
                    byShape = pieces
                }
                let shape: RegionTemplate.Shape
                if let quick, let q = quick[index],
                   let s = q.panel == nil ? q.shape(entry: defaultEntry, bytes: &valueBytes)
                                          : q.shape(entry: planned.band[q.panel], bytes: &valueBytes) {
                    shape = s
                } else {
                    let at = CellKey(row: planned.template, column: cell.column)
                    let value = try context.resolve(segments, cell: CellRef.name(at), band: planned.band, block: planned.block)
                    shape = RegionTemplate.shape(of: value, bytes: &valueBytes)
                    if cell.mergesEqual {
                        runs.note(value, column: cell.column, row: rowNumber, instance: planned.instance)
                    }
                }
                guard byShape.write(shape, row: rowNumber, value: valueBytes, into: &out) else { return nil }
            }
            out.append(contentsOf: row.end)
        }
        state.written = true
        state.equalMerges += runs.finish()
        return out
    }

    /// `styleVariant(of:segments:planned:captured:)` from what the compiled region noted.
    func styleVariant(of cell: RegionTemplate.Cell, planned: PlannedRow) -> Int? {
        guard bandTemplates.count > 1, let key = cell.stylePanel, let row = planned.band[key] ?? nil,
              let variant = variants.variant(row), variant != planned.template,
              cell.styles[variant] != nil else { return nil }
        return variant
    }
}

/// Region cells whose value can be written without `FillContext.resolve`: one band marker,
/// no `合并`, naming a column of a panel known before the rows are (decided once per sheet).
struct FastCells {
    enum Kind { case column(Int), name, code, empty }
    struct Cell {
        var panel: String?
        var kind: Kind

        /// The value's shape and its bytes, as `resolve` and `RegionTemplate.shape` give them; nil
        /// when this row needs the general path.
        /// `entry`: what `band[panel]` gives for the copy being written.
        func shape(entry: TableRow??, bytes: inout [UInt8]) -> RegionTemplate.Shape? {
            bytes.removeAll(keepingCapacity: true)
            if case .empty = kind { return .empty }
            guard let entry, let row = entry else { return .empty }
            switch kind {
            case .column(let c):
                if !row.texts.isEmpty {
                    guard c < row.texts.count, !row.texts[c].isEmpty else { return .empty }
                    appendEscapedText(row.texts[c], to: &bytes)
                    return .text
                }
                guard c < row.values.count, let v = row.values[c] else { return .empty }
                appendAmount(v, to: &bytes)
                return .number
            case .name:
                guard !row.name.isEmpty else { return .empty }
                appendEscapedText(row.name, to: &bytes)
                return .text
            case .code:
                guard let code = row.code, !code.isEmpty else { return .empty }
                appendEscapedText(code, to: &bytes)
                return .text
            case .empty:
                return .empty
            }
        }
    }

    /// By template row, per cell index: the fast form, or nil.
    var byRow: [Int: [Cell?]] = [:]

    init(_ region: RegionTemplate, context: FillContext) {
        let table = context.table
        for (t, row) in region.rows {
            var cells: [Cell?] = []
            var any = false
            for cell in row.cells {
                var fast: Cell? = nil
                switch cell.fastForm {
                case .none: break
                case .ready(let ready): fast = ready
                case let .column(panelName, column):
                    // The panel `FillContext.panel(named:forRow:)` gives, when it does not depend on the row.
                    let panel: TablePanel?? = panelName.map { .some(table.panels.first(named: $0, by: \.name)) }
                        ?? (table.panels.count > 1 ? nil : .some(table.panels.first))
                    if let panel, let p = panel, let c = p.column(column) { fast = Cell(panel: panelName, kind: .column(c)) }
                }
                if fast != nil { any = true }
                cells.append(fast)
            }
            if any { byRow[t] = cells }
        }
    }

    /// What a region cell's markers allow, decided from the template alone: a fast cell, or a
    /// panel column to look up per table.
    enum Form {
        case ready(Cell)
        case column(panel: String?, name: String)
    }

    static func form(of segments: [Marker.Segment]) -> Form? {
        if segments.count == 1, case .marker(let m) = segments[0], m.kind == .level, m.namesOneLevel {
            return .ready(Cell(panel: nil, kind: .empty))   // `{{级次:…}}` only picks the row's style: the cell stays empty
        }
        if segments.count == 1, case .marker(let m) = segments[0], m.kind == .band,
           !m.mergesEqual, let column = m.bandColumn, !column.isEmpty {
            switch m.bandColumnKind {
            case .name: return .ready(Cell(panel: m.bandPanel, kind: .name))
            case .code: return .ready(Cell(panel: m.bandPanel, kind: .code))
            case .other: return .column(panel: m.bandPanel, name: column)
            case .category, .section, .item: return nil
            }
        }
        guard segments.count > 1 else { return nil }
        // `{{级次:…}}{{行:编码}}`: level markers add nothing, so the cell is its one band
        // marker's text (a name or a code: joined text, as a single marker gives it).
        var band: Marker? = nil
        for segment in segments {
            guard case .marker(let m) = segment else { return nil }
            if m.kind == .level && m.namesOneLevel { continue }
            guard m.kind == .band && band == nil && !m.mergesEqual else { return nil }
            band = m
        }
        guard let m = band else { return nil }
        if m.bandColumnKind == .name { return .ready(Cell(panel: m.bandPanel, kind: .name)) }
        if m.bandColumnKind == .code { return .ready(Cell(panel: m.bandPanel, kind: .code)) }
        return nil
    }
}

/// `Money.decimalText(v, scale: 2)` appended as bytes.
func appendAmount(_ value: Int64, to out: inout [UInt8]) {
    let m = value.magnitude
    var whole = m / 100
    let frac = m % 100
    if value < 0 { out.append(UInt8(ascii: "-")) }
    var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                 UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
        (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    withUnsafeMutableBytes(of: &digits) { buffer in
        var count = 0
        repeat { buffer[count] = UInt8(ascii: "0") + UInt8(whole % 10); whole /= 10; count += 1 } while whole > 0
        for i in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[i]) }
    }
    out.append(UInt8(ascii: "."))
    out.append(UInt8(ascii: "0") + UInt8(frac / 10))
    out.append(UInt8(ascii: "0") + UInt8(frac % 10))
}

/// `XMLEventWriter.escapeText(s)` appended as bytes (most text needs no escaping: copied as is).
func appendEscapedText(_ s: String, to out: inout [UInt8]) {
    var text = s
    let plain: Bool = text.withUTF8 { bytes in
        for b in bytes where (b < 0x20 && b != 0x09 && b != 0x0A) || b == 0x26 || b == 0x3C || b == 0x3E || b == 0xEF {
            return false
        }
        out.append(contentsOf: bytes)
        return true
    }
    if !plain { out.append(contentsOf: XMLEventWriter.escapeText(s).utf8) }
}
