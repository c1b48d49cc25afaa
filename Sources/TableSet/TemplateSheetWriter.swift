import Foundation
import OOXML

/// Rewrites one template worksheet (pass 2): marker cells get their values, the repeated rows
/// (a band, or a block per panel with a band inside) are written once per table row, and every
/// row, cell, merged range and reference below them moves down. Everything else is written back
/// as it was read.
struct TemplateSheetWriter {
    let scan: SheetScan
    let context: FillContext
    /// The rows written in place of the template's repeated rows, in order.
    let plan: [PlannedRow]
    let shift: RowShift
    /// The band's template rows, and the level of those marked `{{级次:…}}`.
    let bandTemplates: [Int]
    let variantLevel: [Int: RowLevel]
    /// `variant(_:of:levels:)` for this sheet's band rows, decided once per level.
    let variants: VariantTable

    /// One output row of the repeated region: the template row it copies and what its markers see.
    struct PlannedRow {
        var template: Int
        var band: BandRows
        var block: TablePanel?
        /// Which copy of the block (0 when there is no block).
        var instance: Int
    }

    init(scan: SheetScan, context: FillContext) throws {
        self.scan = scan
        self.context = context
        guard let region = scan.region else {
            plan = []
            shift = .none
            bandTemplates = []
            variantLevel = [:]
            variants = VariantTable(templates: [], levels: [:])
            return
        }
        let summary = scan.summary ?? RegionSummary(scan)
        let bandTemplates = summary.bandTemplates
        var variantLevel: [Int: RowLevel] = [:]
        for (row, level) in scan.levels where region.contains(row) {
            guard let l = Marker.level(level.text) else {
                throw context.error(level.cell, "{{级次:\(level.text)}} 应为 合计、类、款、项 或 行")
            }
            variantLevel[row] = l
        }
        self.bandTemplates = bandTemplates
        self.variantLevel = variantLevel
        let variants = VariantTable(templates: bandTemplates, levels: variantLevel)
        self.variants = variants
        var plan: [PlannedRow] = []
        if !scan.blockRows.isEmpty {
            // A block per panel; its band lists the panel's rows no {{块}} marker names.
            for (i, panel) in (context.table.isEmpty ? [] : context.table.panels).enumerated() {
                let listed = panel.rows.filter { !summary.referenced.contains($0.name) }
                for t in region {
                    if !scan.bandRows.contains(t) {
                        plan.append(PlannedRow(template: t, band: [:], block: panel, instance: i))
                    } else if t == bandTemplates.first {
                        for row in listed {
                            let band = BandRows(summary.panelKeys.map { ($0, Optional(row)) })
                            plan.append(PlannedRow(template: variants.variant(row) ?? t, band: band, block: panel, instance: i))
                        }
                    }
                }
            }
        } else {
            // Each panel's rows once (a dictionary by panel name would hash Chinese names).
            var rows: [(panel: String?, rows: [TableRow])] = []
            for (panel, cell) in summary.bandPanels {
                rows.append((panel, try context.bandRows(panel: panel, cell: CellRef.name(cell))))
            }
            let count = rows.map(\.rows.count).max() ?? 0
            // The level comes from the default rows, else the first panel (by name) with a row.
            let sortedPanels = rows.compactMap(\.panel).sorted()
            let defaultRows = rows.first { $0.panel == nil }?.rows
            for t in region {
                if !scan.bandRows.contains(t) {
                    plan.append(PlannedRow(template: t, band: [:], block: nil, instance: 0))
                } else if t == bandTemplates.first {
                    plan.reserveCapacity(plan.count + count)
                    for k in 0..<count {
                        var band: BandRows = [:]
                        for (panel, list) in rows { band[panel] = k < list.count ? list[k] : nil }
                        let lead = defaultRows.flatMap { k < $0.count ? $0[k] : nil }
                            ?? sortedPanels.lazy.compactMap { band[$0].flatMap { $0 } }.first
                        plan.append(PlannedRow(template: variants.variant(lead) ?? t, band: band, block: nil, instance: 0))
                    }
                }
            }
        }
        self.plan = plan
        shift = RowShift(band: region.lowerBound, count: plan.count, height: region.count)
    }

    /// `variant(_:of:levels:)` decided once per level.
    struct VariantTable {
        private var byLevel: [Int?]
        private var fallback: Int?

        init(templates: [Int], levels: [Int: RowLevel]) {
            fallback = templates.first { levels[$0] == nil } ?? templates.first
            let all: [RowLevel] = [.total, .category, .section, .item, .line]
            byLevel = all.map { level in templates.first { levels[$0] == level } }
        }

        func variant(_ row: TableRow?) -> Int? {
            guard let row else { return fallback }
            let i: Int = switch row.level {
            case .total: 0
            case .category: 1
            case .section: 2
            case .item: 3
            case .line: 4
            }
            return byLevel[i] ?? fallback
        }
    }

    static let shiftedAttributes: Set<String> = ["ref", "sqref", "activeCell", "topLeftCell"]

    /// The band row a table row is written with: the variant of its level, else the plain one.
    static func variant(_ row: TableRow?, of templates: [Int], levels: [Int: RowLevel]) -> Int? {
        templates.first { row != nil && levels[$0] == row?.level }
            ?? templates.first { levels[$0] == nil } ?? templates.first
    }

    typealias Attributes = [(localName: String, namespace: String?, value: String)]

    /// A template row of the repeated region as read: its attributes and its cells.
    struct CapturedRow {
        var attributes: Attributes
        var namespace: String?
        /// Each cell: its column, attributes, and either its marker text or its content as written.
        typealias CellEntry = (column: Int, attributes: Attributes, namespace: String?, marker: [Marker.Segment]?, content: String)
        var cells: [CellEntry] = []
    }

    /// What the region's rows left to write once they are all read.
    struct RegionState {
        var captured: [Int: CapturedRow] = [:]
        var written = false
        /// Extra merged ranges: equal neighbours of `{{行:…:合并}}` columns.
        var equalMerges: [String] = []
    }

    func rewrite(_ data: Data, file: String, part: String) throws -> Data {
        let r = try SecureXMLReader(data: data, file: file, part: part)
        var w = XMLEventWriter()
        try w.begin(source: data, file: file, part: part)
        var open: [String] = []          // qualified names of open elements below the root
        var ignoreEnd = 0                // synthesized ends of empty elements to drop
        var row = 0, column = 0
        var merges: [String]? = nil      // collecting <mergeCell ref> while inside <mergeCells>
        var mergesNamespace: String? = nil
        var region = RegionState()
        let repeated = scan.region

        while try r.read() {
            switch r.kind {
            case .startElement:
                if r.depth == 0 { continue }   // the root tag is already written
                let empty = r.isEmptyElement
                if r.hasLocalName("row") {
                    row = r.attribute("r").flatMap(Int.init) ?? row + 1
                    column = 0
                    if let repeated, repeated.contains(row) {
                        region.captured[row] = try Self.capture(r, row: row, scan: scan, from: w, empty: empty)
                        continue
                    }
                    if let repeated, row > repeated.upperBound, !region.written { try writeRegion(&region, into: &w) }
                    let attrs = r.attributes.map { a in a.localName == "r" && a.namespace == nil ? (a.localName, a.namespace, String(shift.row(row))) : a }
                    let name = w.start("row", namespace: r.namespaceURI, attributes: attrs, empty: empty)
                    if empty { ignoreEnd += 1 } else { open.append(name) }
                } else if r.hasLocalName("c") {
                    if let ref = r.attribute("r"), let key = CellRef.parse(ref) { column = key.column } else { column += 1 }
                    let key = CellKey(row: row, column: column)
                    let out = CellKey(row: shift.row(row), column: column)
                    if scan.markerCells[key] != nil {
                        let value = try context.resolve(scan.segments(at: key), cell: CellRef.name(key))
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
                    writeMerges(list, extra: region.equalMerges, namespace: mergesNamespace, into: &w)
                    merges = nil
                    continue
                }
                if r.hasLocalName("sheetData"), repeated != nil, !region.written { try writeRegion(&region, into: &w) }
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
    func writeCell(_ value: CellOutput, attributes: Attributes, namespace: String?, at key: CellKey, into w: inout XMLEventWriter) {
        Self.writeCell(value, attributes: attributes, namespace: namespace, at: key, into: &w)
    }

    static func writeCell(_ value: CellOutput, attributes: Attributes, namespace: String?, at key: CellKey, into w: inout XMLEventWriter) {
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

    /// Reads one template row of the region (the reader is on its start tag).
    static func capture(_ r: SecureXMLReader, row: Int, scan: SheetScan, from w: XMLEventWriter, empty: Bool) throws -> CapturedRow {
        var result = CapturedRow(attributes: r.attributes, namespace: r.namespaceURI)
        guard !empty else { return result }
        let depth = r.depth
        var column = 0
        while try r.read() {
            if r.kind == .endElement && r.depth == depth { break }
            guard r.kind == .startElement, r.hasLocalName("c") else { continue }
            if let ref = r.attribute("r"), let key = CellRef.parse(ref) { column = key.column } else { column += 1 }
            let attrs = r.attributes.filter { !($0.localName == "r" && $0.namespace == nil) }
            let ns = r.namespaceURI
            let key = CellKey(row: row, column: column)
            if scan.markerCells[key] != nil {
                result.cells.append((column, attrs, ns, scan.segments(at: key), ""))
                try r.skipElement()
                continue
            }
            // Capture the cell's children as text, written through a scratch writer (for its prefixes).
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
            result.cells.append((column, attrs, ns, nil, String(scratch.out[mark...])))
        }
        return result
    }

    /// Writes the planned rows in place of the region, and notes the equal-value merges.
    func writeRegion(_ state: inout RegionState, into w: inout XMLEventWriter) throws {
        state.written = true
        var runs = EqualMergeRuns()
        for (i, planned) in plan.enumerated() {
            let rowNumber = shift.band + i
            guard let template = state.captured[planned.template] else { continue }
            let attrs = template.attributes.map { a in a.localName == "r" && a.namespace == nil ? (a.localName, a.namespace, String(rowNumber)) : a }
            let rowName = w.start("row", namespace: template.namespace, attributes: attrs, empty: template.cells.isEmpty)
            for cell in template.cells {
                let key = CellKey(row: rowNumber, column: cell.column)
                if let segments = cell.marker {
                    let value = try context.resolve(segments, cell: CellRef.name(CellKey(row: planned.template, column: cell.column)),
                                                    band: planned.band, block: planned.block)
                    writeCell(value, attributes: attributes(of: cell, segments: segments, planned: planned, captured: state.captured),
                              namespace: cell.namespace, at: key, into: &w)
                    if Self.mergesEqual(segments) {
                        runs.note(value, column: cell.column, row: rowNumber, instance: planned.instance)
                    }
                } else {
                    let attrs = [("r", nil, CellRef.name(key))] + cell.attributes
                    let name = w.start("c", namespace: cell.namespace, attributes: attrs, empty: cell.content.isEmpty)
                    if !cell.content.isEmpty { w.raw(cell.content); w.end(name) }
                }
            }
            if !template.cells.isEmpty { w.end(rowName) }
        }
        state.equalMerges += runs.finish()
    }

    static func mergesEqual(_ segments: [Marker.Segment]) -> Bool {
        segments.contains { if case .marker(let m) = $0 { return m.mergesEqual } else { return false } }
    }

    /// Per column with a `合并` marker, the run of equal values being written, and the ranges of
    /// the runs already closed (in output rows).
    struct EqualMergeRuns {
        private var runs: [Int: (first: Int, last: Int, instance: Int, text: String)] = [:]
        private var merges: [String] = []

        mutating func note(_ value: CellOutput, column: Int, row: Int, instance: Int) {
            let shown: String
            switch value {
            case .text(let t), .number(let t): shown = t
            case .empty: shown = ""
            }
            if let run = runs[column], run.last == row - 1, run.instance == instance, !shown.isEmpty, run.text == shown {
                runs[column]?.last = row
            } else {
                close(column)
                if !shown.isEmpty { runs[column] = (row, row, instance, shown) }
            }
        }

        private mutating func close(_ column: Int) {
            if let run = runs[column], run.last > run.first {
                merges.append(CellRef.name(CellKey(row: run.first, column: column)) + ":"
                              + CellRef.name(CellKey(row: run.last, column: column)))
            }
            runs[column] = nil
        }

        /// Closes the open runs (by column) and gives every range.
        mutating func finish() -> [String] {
            for column in runs.keys.sorted() { close(column) }
            return merges
        }
    }

    /// A band cell naming a panel (`{{行:人员经费:名称}}`) takes its style from the variant row of the
    /// level of that panel's row, so side-by-side panels each get their own 合计 / 款 styles.
    func attributes(of cell: CapturedRow.CellEntry, segments: [Marker.Segment], planned: PlannedRow, captured: [Int: CapturedRow]) -> Attributes {
        guard let variant = styleVariant(of: cell, segments: segments, planned: planned, captured: captured),
              let other = captured[variant]?.cells.first(where: { $0.column == cell.column }) else { return cell.attributes }
        return other.attributes
    }

    /// The template row whose cell in this column lends `cell` its attributes, when not its own.
    func styleVariant(of cell: CapturedRow.CellEntry, segments: [Marker.Segment], planned: PlannedRow, captured: [Int: CapturedRow]) -> Int? {
        guard bandTemplates.count > 1,
              let panel = segments.lazy.compactMap({ s -> String?? in
                  if case .marker(let m) = s, m.kind == .band { return .some(m.bandPanel) } else { return nil } }).first,
              let key = panel, let row = planned.band[key] ?? nil,
              let variant = Self.variant(row, of: bandTemplates, levels: variantLevel), variant != planned.template,
              captured[variant]?.cells.contains(where: { $0.column == cell.column }) == true else { return nil }
        return variant
    }

    /// The output rows a merged range from `a` to `b`, both inside the region, covers after the fill:
    /// one on a single template row goes on every row written from it; one over several rows spans,
    /// in each block copy, the rows written from them (a one-cell span is no merge and is dropped).
    func regionMergeSpans(_ a: CellKey, _ b: CellKey) -> [(first: Int, last: Int)] {
        if a.row == b.row {
            return plan.indices.filter { plan[$0].template == a.row }.map { (shift.band + $0, shift.band + $0) }
        }
        var spans: [Int: (first: Int, last: Int)] = [:]
        for (i, p) in plan.enumerated() where (a.row...b.row).contains(p.template) {
            let n = shift.band + i
            spans[p.instance] = (spans[p.instance]?.first ?? n, n)
        }
        return spans.keys.sorted().compactMap { instance in
            guard let span = spans[instance], span.last > span.first || a.column != b.column else { return nil }
            return span
        }
    }

    /// Merged ranges after the move. A range inside the region is repeated: one on a single
    /// template row goes on every row written from it; one over several rows spans, in each
    /// block copy, the rows written from them. Ranges reaching into the region stretch over it.
    func writeMerges(_ refs: [String], extra: [String] = [], namespace: String?, into w: inout XMLEventWriter) {
        var result: [String] = []
        for ref in refs {
            let ends = ref.split(separator: ":").map(String.init)
            guard ends.count == 2, let a = CellRef.parse(ends[0]), let b = CellRef.parse(ends[1]),
                  let region = scan.region, region.contains(a.row), region.contains(b.row) else {
                if let moved = shift.reference(ref) { result.append(moved) }
                continue
            }
            for span in regionMergeSpans(a, b) {
                result.append(CellRef.name(CellKey(row: span.first, column: a.column)) + ":" + CellRef.name(CellKey(row: span.last, column: b.column)))
            }
        }
        result += extra   // already in output rows
        guard !result.isEmpty else { return }
        let name = w.start("mergeCells", namespace: namespace, attributes: [("count", nil, String(result.count))], empty: false)
        for ref in result { _ = w.start("mergeCell", namespace: namespace, attributes: [("ref", nil, ref)], empty: true) }
        w.end(name)
    }
}
