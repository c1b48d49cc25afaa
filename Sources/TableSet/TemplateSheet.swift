import Foundation
import OOXML

/// What the first pass learns about a template worksheet.
struct SheetScan {
    /// Texts of cells holding markers, by (row, column), both 1-based.
    var markerCells: [CellKey: String] = [:]
    /// The same cells' texts split into literal text and markers (parsed once per template).
    var segments: [CellKey: [Marker.Segment]] = [:]
    var table: TableID?
    /// 1-based rows holding `{{行:…}}` markers (several: one per 级次 variant).
    var bandRows: Set<Int> = []
    /// 1-based rows holding `{{块:…}}` markers (the fixed rows of a block repeated per panel).
    var blockRows: Set<Int> = []
    /// The `{{级次:…}}` argument of a band row, by row.
    var levels: [Int: (text: String, cell: String)] = [:]
    /// What every fill of the repeated region needs from the markers, worked out once per template
    /// (nil for a scan built by hand: then it is worked out per fill).
    var summary: RegionSummary?

    /// The parsed segments of a marker cell (parsed here when the scan was built by hand).
    func segments(at key: CellKey) -> [Marker.Segment] {
        segments[key] ?? markerCells[key].map(Marker.segments(of:)) ?? []
    }

    /// The template rows that repeat: a block (from its first `{{块}}` row to its last marked
    /// row) or else the band rows; nil when the sheet has neither.
    var region: ClosedRange<Int>? {
        let starts = blockRows.isEmpty ? bandRows : blockRows
        guard let first = starts.min() else { return nil }
        return first...max(bandRows.max() ?? first, blockRows.max() ?? first)
    }
}

/// The repeated region's markers as a fill reads them.
struct RegionSummary {
    /// The band's template rows, in order.
    var bandTemplates: [Int]
    /// The panels band markers in the region name (nil: the default rows).
    var panelKeys: [String?]
    /// Row names `{{块}}` markers in the region ask for.
    var referenced: Set<String>
    /// Each panel a band-row marker names, once, with a cell naming it (for messages).
    var bandPanels: [(panel: String?, cell: CellKey)]

    init(_ scan: SheetScan) {
        let region = scan.region
        bandTemplates = region.map { r in scan.bandRows.filter { r.contains($0) }.sorted() } ?? []
        var keys: Set<String?> = []
        referenced = []
        bandPanels = []
        for key in scan.markerCells.keys.sorted(by: { ($0.row, $0.column) < ($1.row, $1.column) }) {
            let inRegion = region?.contains(key.row) ?? false
            for case .marker(let m) in scan.segments(at: key) {
                if inRegion && m.name == "行" { keys.insert(m.bandPanel) }
                if inRegion && m.name == "块", let name = m.arguments.first { referenced.insert(name) }
                if scan.bandRows.contains(key.row) && m.name == "行"
                    && !bandPanels.contains(where: { $0.panel == m.bandPanel }) {
                    bandPanels.append((m.bandPanel, key))
                }
            }
        }
        panelKeys = Array(keys)
    }
}

struct CellKey: Hashable { var row: Int; var column: Int }

enum CellRef {
    /// "C12" -> (row 12, column 3), 1-based.
    static func parse(_ s: String) -> CellKey? {
        let letters = s.prefix { $0.isASCII && $0.isLetter }
        guard !letters.isEmpty, letters.count <= 3, let row = Int(s.dropFirst(letters.count)) else { return nil }
        var column = 0
        for ch in letters.uppercased().unicodeScalars { column = column * 26 + Int(ch.value) - 64 }
        return CellKey(row: row, column: column)
    }

    static func name(_ key: CellKey) -> String { columnName(key.column) + String(key.row) }

    static func columnName(_ column: Int) -> String {
        var n = column, s = ""
        while n > 0 { let r = (n - 1) % 26; s = String(UnicodeScalar(UInt8(65 + r))) + s; n = (n - 1) / 26 }
        return s
    }
}

/// Reads a template worksheet's cells to find markers (pass 1).
enum SheetScanner {
    static func scan(_ data: Data, file: String, part: String, sharedStrings: [String]) throws -> SheetScan {
        let r = try SecureXMLReader(data: data, file: file, part: part)
        var scan = SheetScan()
        var row = 0, column = 0
        var cellType: String? = nil
        var text = ""
        var inCell = false, inValue = false, inInline = false, inPhonetic = false
        var valueText = ""
        while try r.read() {
            switch r.kind {
            case .startElement:
                if r.hasLocalName("row") {
                    row = r.attribute("r").flatMap(Int.init) ?? row + 1
                    column = 0
                } else if r.hasLocalName("c") {
                    if let ref = r.attribute("r"), let key = CellRef.parse(ref) { row = key.row; column = key.column } else { column += 1 }
                    cellType = r.attribute("t"); text = ""; valueText = ""; inCell = true
                } else if inCell && r.hasLocalName("v") { inValue = true }
                else if inCell && r.hasLocalName("is") { inInline = true }
                else if inInline && r.hasLocalName("rPh") { inPhonetic = true }
            case .text:
                if inValue { valueText += r.text } else if inInline && !inPhonetic { text += r.text }
            case .endElement:
                if r.hasLocalName("v") { inValue = false }
                else if r.hasLocalName("rPh") { inPhonetic = false }
                else if r.hasLocalName("is") { inInline = false }
                else if r.hasLocalName("c") && inCell {
                    inCell = false
                    var content = text
                    if cellType == "s", let i = Int(valueText.trimmingCharacters(in: .whitespaces)), sharedStrings.indices.contains(i) {
                        content = sharedStrings[i]
                    }
                    guard cellType == "s" || cellType == "inlineStr", content.contains(Marker.open) else { continue }
                    let segments = Marker.segments(of: content)
                    guard Marker.containsMarker(segments) else { continue }
                    let key = CellKey(row: row, column: column)
                    scan.markerCells[key] = content
                    scan.segments[key] = segments
                    if let found = Marker.tableID(in: segments) {
                        guard let id = found else {
                            throw TableSetError("\(file) 的工作表部件 \(part) 单元格 \(CellRef.name(key))：标记“\(content)”中的表名不是已知的十五张表之一")
                        }
                        scan.table = id
                    }
                    for case .marker(let m) in segments {
                        switch m.name {
                        case "行": scan.bandRows.insert(row)
                        case "块": scan.blockRows.insert(row)
                        case "级次": scan.levels[row] = (m.arguments.first ?? "", CellRef.name(key))
                        default: break
                        }
                    }
                }
            case .other: break
            }
        }
        return scan
    }

    /// The strings of xl/sharedStrings.xml (rich text runs joined, phonetic runs skipped).
    static func sharedStrings(_ data: Data, file: String, part: String) throws -> [String] {
        let r = try SecureXMLReader(data: data, file: file, part: part)
        var result: [String] = []
        var current = "", inItem = false, inPhonetic = false, inText = false
        while try r.read() {
            switch r.kind {
            case .startElement:
                if r.hasLocalName("si") { inItem = true; current = "" }
                else if r.hasLocalName("rPh") { inPhonetic = true }
                else if r.hasLocalName("t") { inText = true }
            case .text:
                if inItem && inText && !inPhonetic { current += r.text }
            case .endElement:
                if r.hasLocalName("si") { inItem = false; result.append(current) }
                else if r.hasLocalName("rPh") { inPhonetic = false }
                else if r.hasLocalName("t") { inText = false }
            case .other: break
            }
        }
        return result
    }
}
