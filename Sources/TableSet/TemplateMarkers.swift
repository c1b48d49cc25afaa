import Accounts
import Foundation

/// A marker found in a template cell: `{{名称}}` or `{{名称:参数:…}}` (a full-width colon works too).
struct Marker: Equatable {
    let name: String
    let arguments: [String]
    /// The marker as written, for messages.
    var source: String
    /// What the name asks for, and for a band marker its panel, column and `合并` option: decided
    /// once when the template is read, since every filled cell would otherwise compare Chinese names.
    let kind: Kind
    let mergesEqual: Bool
    let bandPanel: String?
    let bandColumn: String?
    let bandColumnKind: BandColumn
    /// For `{{级次:…}}`: whether it names one level, as it must.
    let namesOneLevel: Bool

    enum Kind { case table, unitName, unitCode, parent, year, amountUnit, emptyNote, fixed, block, level, band, unknown }
    /// A band column named by the row itself, else one of the panel's value columns.
    enum BandColumn { case code, name, category, section, item, other }

    init(name: String, arguments: [String], source: String) {
        self.name = name; self.arguments = arguments; self.source = source
        switch name {
        case "表": kind = .table
        case "单位名称": kind = .unitName
        case "单位编码": kind = .unitCode
        case "主管部门": kind = .parent
        case "年度": kind = .year
        case "金额单位": kind = .amountUnit
        case "空表说明": kind = .emptyNote
        case "值": kind = .fixed
        case "块": kind = .block
        case "级次": kind = .level
        case "行": kind = .band
        default: kind = .unknown
        }
        namesOneLevel = arguments.count == 1 && Marker.level(arguments[0]) != nil
        mergesEqual = name == "行" && arguments.count >= 2 && arguments.last == "合并"
        let bandArguments = mergesEqual ? Array(arguments.dropLast()) : arguments
        bandPanel = name == "行" && bandArguments.count >= 2 ? bandArguments[0] : nil
        bandColumn = bandArguments.last
        switch bandColumn {
        case "编码": bandColumnKind = .code
        case "名称": bandColumnKind = .name
        case "类": bandColumnKind = .category
        case "款": bandColumnKind = .section
        case "项": bandColumnKind = .item
        default: bandColumnKind = .other
        }
    }

    static let open = "{{", close = "}}"

    /// Splits cell text into literal text and markers, in order.
    static func segments(of text: String) -> [Segment] {
        var result: [Segment] = []
        var rest = Substring(text)
        while let start = rest.range(of: open) {
            guard let end = rest.range(of: close, range: start.upperBound..<rest.endIndex) else { break }
            if start.lowerBound > rest.startIndex { result.append(.text(String(rest[..<start.lowerBound]))) }
            let body = rest[start.upperBound..<end.lowerBound]
            let parts = body.split(omittingEmptySubsequences: false) { $0 == ":" || $0 == "：" }
                .map { $0.trimmingCharacters(in: .whitespaces) }
            result.append(.marker(Marker(name: parts.first ?? "", arguments: Array(parts.dropFirst()),
                                         source: String(rest[start.lowerBound..<end.upperBound]))))
            rest = rest[end.upperBound...]
        }
        if !rest.isEmpty { result.append(.text(String(rest))) }
        return result
    }

    enum Segment: Equatable {
        case text(String)
        case marker(Marker)
    }

    static func containsMarker(_ text: String) -> Bool {
        containsMarker(segments(of: text))
    }

    static func containsMarker(_ segments: [Segment]) -> Bool {
        segments.contains { if case .marker = $0 { return true } else { return false } }
    }

    /// The table a sheet holds, from its `{{表:标题}}` marker.
    static func tableID(in text: String) -> TableID?? {
        tableID(in: segments(of: text))
    }

    static func tableID(in segments: [Segment]) -> TableID?? {
        for case .marker(let m) in segments where m.name == "表" {
            return TableID.allCases.first { $0.title == m.arguments.first }
        }
        return nil
    }

    // mergesEqual: a band marker ending in `:合并` merges equal neighbouring values of its column vertically.
    // bandPanel: the panel a band marker `{{行:面板:列}}` names (nil: the table's default rows).
    // bandColumn: the last argument once `合并` is dropped.

    /// The row level a `{{级次:…}}` argument names.
    static func level(_ text: String) -> RowLevel? {
        switch text {
        case "合计": .total
        case "类": .category
        case "款": .section
        case "项": .item
        case "行": .line
        default: nil
        }
    }
}

/// What a marker cell becomes.
enum CellOutput: Equatable {
    case number(String)
    case text(String)
    case empty
}

/// Everything markers are resolved against.
struct FillContext {
    var table: StatTable
    var unit: UnitInfo
    var sheet: String
    /// Per panel, its rows by the bytes of their names and codes, built on first use (a fixed
    /// marker's row would otherwise be looked for by comparing every row's name).
    private let rowIndex = RowIndex()

    init(table: StatTable, unit: UnitInfo, sheet: String) {
        self.table = table; self.unit = unit; self.sheet = sheet
    }

    final class RowIndex {
        struct Panel {
            /// By `UnitText.byteHash` of a row's name (of its code): the first row with that hash.
            /// A hit is confirmed byte for byte (two texts may share a hash).
            var names: [UInt64: Int] = [:]
            var codes: [UInt64: Int] = [:]
            /// Whether every name (every code) is plain text (`UnitText.isPlain`).
            var plainNames = true, plainCodes = true
        }
        var panels: [Int: Panel] = [:]

        func panel(_ index: Int, of table: StatTable) -> Panel {
            if let known = panels[index] { return known }
            var p = Panel()
            for (i, row) in table.panels[index].rows.enumerated() {
                let name = UnitText.byteHash(row.name)
                if p.names[name] == nil { p.names[name] = i }
                if p.plainNames && !UnitText.isPlain(row.name) { p.plainNames = false }
                if let code = row.code {
                    let bytes = UnitText.byteHash(code)
                    if p.codes[bytes] == nil { p.codes[bytes] = i }
                    if p.plainCodes && !UnitText.isPlain(code) { p.plainCodes = false }
                }
            }
            panels[index] = p
            return p
        }
    }

    /// `panel.row(named: key) ?? panel.row(code: key)` for the panel at `index`.
    func fixedRow(_ key: String, in index: Int) -> TableRow? {
        let rows = table.panels[index].rows
        let p = rowIndex.panel(index, of: table)
        let hash = UnitText.byteHash(key)
        let keyPlain = UnitText.isPlain(key)
        // The first row with the key's bytes: the indexed one unless another text shares its hash.
        if let i = p.names[hash] {
            if UnitText.sameBytes(rows[i].name, key) { return rows[i] }
            if let row = rows.first(where: { UnitText.sameBytes($0.name, key) }) { return row }
        }
        // Texts `==` without the same bytes: only possible when one of them is not plain.
        if !(keyPlain && p.plainNames), let row = rows.first(where: { $0.name == key }) { return row }
        if keyPlain && p.plainCodes {
            guard let i = p.codes[hash] else { return nil }
            if let code = rows[i].code, UnitText.sameBytes(code, key) { return rows[i] }
            return rows.first { $0.code.map { UnitText.sameBytes($0, key) } ?? false }
        }
        return rows.first { $0.code == key }
    }

    func error(_ cell: String, _ message: String) -> TableSetError {
        TableSetError("模板工作表“\(sheet)”单元格 \(cell)：\(message)")
    }

    /// The rows a band iterates for `panel` (nil: the only panel, or every panel in turn).
    func bandRows(panel: String?, cell: @autoclosure () -> String) throws -> [TableRow] {
        if let panel {
            guard let p = table.panels.first(where: { UnitText.equal($0.name, panel) }) else {
                if table.isEmpty { return [] }
                throw error(cell(), "表“\(table.id.title)”没有名为“\(panel)”的部分（可用：\(table.panels.map(\.name).joined(separator: "、"))）")
            }
            return p.rows
        }
        return table.panels.flatMap(\.rows)
    }

    func panel(named name: String?, forRow row: TableRow?) -> TablePanel? {
        if let name { return table.panels.first(named: name, by: \.name) }
        // Band rows come from the table's panels: with one panel, it holds every row.
        if let row, table.panels.count > 1 { return table.panels.first { $0.rows.contains { Self.same($0, row) } } }
        return table.panels.first
    }

    /// `a == b` for table rows, comparing the cheap fields first (names compare through Unicode
    /// normalization, and most rows differ in their values already).
    static func same(_ a: TableRow, _ b: TableRow) -> Bool {
        a.level == b.level && a.values == b.values && a.texts == b.texts && a.code == b.code && UnitText.equal(a.name, b.name)
    }

    /// Resolves a cell's text. `band` gives, per panel name (nil key = default), the row of this
    /// copy; `block` the panel of this copy of a block.
    func resolve(_ text: String, cell: @autoclosure () -> String, band: BandRows = [:], block: TablePanel? = nil) throws -> CellOutput {
        try resolve(Marker.segments(of: text), cell: cell(), band: band, block: block)
    }

    /// As `resolve(_:cell:band:block:)`, for segments parsed once when the template was scanned.
    func resolve(_ segments: [Marker.Segment], cell: @autoclosure () -> String, band: BandRows = [:], block: TablePanel? = nil) throws -> CellOutput {
        // A cell that is one marker (most are): its value, with empty text as an empty cell.
        if segments.count == 1, case .marker(let m) = segments[0] {
            let value = try value(of: m, cell: cell(), band: band, block: block)
            if case .text(let t) = value, t.isEmpty { return .empty }
            return value
        }
        var pieces: [CellOutput] = []
        for s in segments {
            switch s {
            case .text(let t): pieces.append(.text(t))
            case .marker(let m): pieces.append(try value(of: m, cell: cell(), band: band, block: block))
            }
        }
        if pieces.count == 1, case .number = pieces[0] { return pieces[0] }
        if pieces.count == 1, pieces[0] == .empty { return .empty }
        let joined = pieces.map { p -> String in
            switch p {
            case .number(let n): return n
            case .text(let t): return t
            case .empty: return ""
            }
        }.joined()
        return joined.isEmpty ? .empty : .text(joined)
    }

    func amount(_ v: Int64?) -> CellOutput {
        v.map { .number(Money.decimalText($0, scale: 2)) } ?? .empty
    }

    func value(of m: Marker, cell: @autoclosure () -> String, band: BandRows, block: TablePanel?) throws -> CellOutput {
        switch m.kind {
        case .table: return .text(table.id.title)
        case .unitName: return .text(unit.name)
        case .unitCode: return .text(unit.code)
        case .parent: return unit.parentName.map { .text($0) } ?? .empty
        case .year: return .text(String(unit.year))
        case .amountUnit: return .text(table.unit.rawValue)
        case .emptyNote: return table.isEmpty ? .text(table.id.emptySentence(year: unit.year)) : .empty
        case .fixed: return try fixedValue(m, cell: cell())
        case .block: return try blockValue(m, cell: cell(), block: block)
        case .level:
            guard m.namesOneLevel else {
                throw error(cell(), "标记\(m.source)应写作 {{级次:合计}}、{{级次:类}}、{{级次:款}}、{{级次:项}} 或 {{级次:行}}")
            }
            return .empty
        case .band:
            guard let column = m.bandColumn, !column.isEmpty else { throw error(cell(), "标记\(m.source)缺少列名") }
            guard let entry = band[m.bandPanel], let row = entry else { return .empty }
            return try rowValue(row, column: column, panel: panel(named: m.bandPanel, forRow: row), marker: m, cell: cell())
        case .unknown:
            throw error(cell(), "无法识别的标记\(m.source)（见 Templates/sichuan-2021/README.md）")
        }
    }

    /// `{{块:行名}}` / `{{块:行名:列}}`: a cell of the named row of this block's panel.
    func blockValue(_ m: Marker, cell: @autoclosure () -> String, block: TablePanel?) throws -> CellOutput {
        guard m.arguments.count == 1 || m.arguments.count == 2, !m.arguments[0].isEmpty else {
            throw error(cell(), "标记\(m.source)应写作 {{块:行名}} 或 {{块:行名:列}}")
        }
        guard let block, let row = block.row(named: m.arguments[0]) else { return .empty }
        let c: Int
        if m.arguments.count == 2 {
            guard let i = block.column(m.arguments[1]) else {
                throw error(cell(), "标记\(m.source)中的列“\(m.arguments[1])”在表“\(table.id.title)”中不存在")
            }
            c = i
        } else {
            c = 0
        }
        if !row.texts.isEmpty { return c < row.texts.count && !row.texts[c].isEmpty ? .text(row.texts[c]) : .empty }
        return c < row.values.count ? amount(row.values[c]) : .empty
    }

    func fixedValue(_ m: Marker, cell: @autoclosure () -> String) throws -> CellOutput {
        guard m.arguments.count == 2 || m.arguments.count == 3 else {
            throw error(cell(), "标记\(m.source)应写作 {{值:行:列}} 或 {{值:部分:行:列}}")
        }
        let rowKey = m.arguments[m.arguments.count - 2], column = m.arguments[m.arguments.count - 1]
        let candidates = m.arguments.count == 3 ? table.panels.indices.filter { UnitText.equal(table.panels[$0].name, m.arguments[0]) }
            : Array(table.panels.indices)
        for i in candidates {
            let p = table.panels[i]
            guard let row = fixedRow(rowKey, in: i) else { continue }
            guard let c = p.column(column) else {
                throw error(cell(), "标记\(m.source)中的列“\(column)”在表“\(table.id.title)”中不存在（可用：\(p.columns.joined(separator: "、"))）")
            }
            return c < row.values.count ? amount(row.values[c]) : .empty
        }
        if table.isEmpty { return .empty }
        throw error(cell(), "标记\(m.source)中的行“\(rowKey)”在表“\(table.id.title)”中不存在")
    }

    func rowValue(_ row: TableRow, column: String, panel: TablePanel?, marker m: Marker, cell: @autoclosure () -> String) throws -> CellOutput {
        let code = row.code ?? ""
        func digits(_ range: Range<Int>) -> CellOutput {
            guard code.count >= range.upperBound else { return .empty }
            let chars = Array(code)
            return .text(String(chars[range]))
        }
        // `column` is the marker's own band column, so its kind was decided with the marker.
        switch m.bandColumnKind {
        case .code: return code.isEmpty ? .empty : .text(code)
        case .name: return .text(row.name)
        case .category: return digits(0..<3)
        case .section: return digits(3..<5)
        case .item: return digits(5..<7)
        case .other:
            guard let panel, let c = panel.column(column) else {
                // Table 9 has one column per 经济分类 类 used; the template lists them all.
                // Those the unit does not use stay blank: the table has no such column, and a
                // workbook must read back as the table it was filled from (blank columns are skipped).
                if table.id == .t09 { return .empty }
                throw error(cell(), "标记\(m.source)中的列“\(column)”在表“\(table.id.title)”中不存在")
            }
            if !row.texts.isEmpty { return c < row.texts.count && !row.texts[c].isEmpty ? .text(row.texts[c]) : .empty }
            return c < row.values.count ? amount(row.values[c]) : .empty
        }
    }
}
