/// A template's `<mergeCells>` compiled once: each range parsed (moved with the rows, or repeated
/// with the region), and the element cut into byte pieces. `TemplateSheetWriter.mergeBytes`
/// writes what `writeMerges` writes.
struct CompiledMerges {
    enum Range {
        /// A range outside the region (or not a plain range): moved as `RowShift.reference` moves it.
        case moved(RowShift.CompiledReference)
        /// A range with both ends in the repeated region, and its columns' letters.
        case inRegion(first: CellKey, last: CellKey, firstLetters: [UInt8], lastLetters: [UInt8])
    }
    var ranges: [Range]
    /// `<mergeCells count="…">`, `<mergeCell ref="…"/>` (value slots) and `</mergeCells>`.
    var open: RegionPieces
    var item: RegionPieces
    var close: [UInt8]

    /// Nil when a piece cannot be cut (it would declare a namespace).
    init?(_ refs: [String], region: ClosedRange<Int>?, namespace: String?, writer: XMLEventWriter) {
        let base = writer.emptyCopy()
        guard let open = RegionPieces({ _, v in
            var w = base
            _ = w.start("mergeCells", namespace: namespace, attributes: [("count", nil, v)], empty: false)
            return w.declarationCount == base.declarationCount ? w.out : nil
        }) else { return nil }
        var inner = base
        let name = inner.start("mergeCells", namespace: namespace, attributes: [("count", nil, "1")], empty: false)
        inner = inner.emptyCopy()
        guard let item = RegionPieces({ _, v in
            var w = inner
            _ = w.start("mergeCell", namespace: namespace, attributes: [("ref", nil, v)], empty: true)
            return w.declarationCount == inner.declarationCount ? w.out : nil
        }) else { return nil }
        self.open = open
        self.item = item
        close = Array("</\(name)>".utf8)
        ranges = refs.map { ref in
            let ends = ref.split(separator: ":").map(String.init)
            guard ends.count == 2, let a = CellRef.parse(ends[0]), let b = CellRef.parse(ends[1]),
                  let region, region.contains(a.row), region.contains(b.row) else {
                return .moved(RowShift.compile(ref))
            }
            return .inRegion(first: a, last: b, firstLetters: Array(CellRef.columnName(a.column).utf8),
                             lastLetters: Array(CellRef.columnName(b.column).utf8))
        }
    }
}

extension TemplateSheetWriter {
    /// `writeMerges` from the compiled element, appended to `out`.
    func mergeBytes(_ merges: CompiledMerges, extra: [String], into out: inout [UInt8]) {
        var items: [UInt8] = []
        var count = 0
        var ref: [UInt8] = []
        func add(_ text: String) {
            ref.removeAll(keepingCapacity: true)
            ref.append(contentsOf: XMLEventWriter.escapeAttribute(text).utf8)
            merges.item.write(row: 0, value: ref, into: &items)
            count += 1
        }
        func add(_ first: Int, _ last: Int, _ a: [UInt8], _ b: [UInt8]) {
            ref.removeAll(keepingCapacity: true)
            ref.append(contentsOf: a)
            appendDecimal(first, to: &ref)
            ref.append(UInt8(ascii: ":"))
            ref.append(contentsOf: b)
            appendDecimal(last, to: &ref)
            merges.item.write(row: 0, value: ref, into: &items)
            count += 1
        }
        for range in merges.ranges {
            switch range {
            case .moved(let reference):
                if let moved = shift.reference(reference) { add(moved) }
            case let .inRegion(a, b, aLetters, bLetters):
                for span in regionMergeSpans(a, b) { add(span.first, span.last, aLetters, bLetters) }
            }
        }
        for ref in extra { add(ref) }   // already in output rows
        guard count > 0 else { return }
        var number: [UInt8] = []
        appendDecimal(count, to: &number)
        merges.open.write(row: 0, value: number, into: &out)
        out.append(contentsOf: items)
        out.append(contentsOf: merges.close)
    }
}
