import Accounts
import Foundation

/// A marker found in a template cell: `{{名称}}` or `{{名称:参数:…}}` (a full-width colon works too).
struct Marker: Equatable {
    var name: String
    var arguments: [String]
    /// The marker as written, for messages.
    var source: String

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

    /// A band marker ending in `:合并` merges equal neighbouring values of its column vertically.
    var mergesEqual: Bool { name == "行" && arguments.count >= 2 && arguments.last == "合并" }

    /// A band marker's arguments without the `合并` option.
    var bandArguments: [String] { mergesEqual ? Array(arguments.dropLast()) : arguments }

    /// The panel a band marker `{{行:面板:列}}` names (nil: the table's default rows).
    var bandPanel: String? { name == "行" && bandArguments.count >= 2 ? bandArguments[0] : nil }

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

    func error(_ cell: String, _ message: String) -> TableSetError {
        TableSetError("模板工作表“\(sheet)”单元格 \(cell)：\(message)")
    }

    /// The rows a band iterates for `panel` (nil: the only panel, or every panel in turn).
    func bandRows(panel: String?, cell: String) throws -> [TableRow] {
        if let panel {
            guard let p = table.panels.first(where: { $0.name == panel }) else {
                if table.isEmpty { return [] }
                throw error(cell, "表“\(table.id.title)”没有名为“\(panel)”的部分（可用：\(table.panels.map(\.name).joined(separator: "、"))）")
            }
            return p.rows
        }
        return table.panels.flatMap(\.rows)
    }

    func panel(named name: String?, forRow row: TableRow?) -> TablePanel? {
        if let name { return table.panels.first { $0.name == name } }
        if let row { return table.panels.first { $0.rows.contains(row) } }
        return table.panels.first
    }

    /// Resolves a cell's text. `band` gives, per panel name (nil key = default), the row of this
    /// copy; `block` the panel of this copy of a block.
    func resolve(_ text: String, cell: String, band: [String?: TableRow?] = [:], block: TablePanel? = nil) throws -> CellOutput {
        try resolve(Marker.segments(of: text), cell: cell, band: band, block: block)
    }

    /// As `resolve(_:cell:band:block:)`, for segments parsed once when the template was scanned.
    func resolve(_ segments: [Marker.Segment], cell: String, band: [String?: TableRow?] = [:], block: TablePanel? = nil) throws -> CellOutput {
        var pieces: [CellOutput] = []
        for s in segments {
            switch s {
            case .text(let t): pieces.append(.text(t))
            case .marker(let m): pieces.append(try value(of: m, cell: cell, band: band, block: block))
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

    func value(of m: Marker, cell: String, band: [String?: TableRow?], block: TablePanel?) throws -> CellOutput {
        switch m.name {
        case "表": return .text(table.id.title)
        case "单位名称": return .text(unit.name)
        case "单位编码": return .text(unit.code)
        case "主管部门": return unit.parentName.map { .text($0) } ?? .empty
        case "年度": return .text(String(unit.year))
        case "金额单位": return .text(table.unit.rawValue)
        case "空表说明": return table.isEmpty ? .text(table.id.emptySentence(year: unit.year)) : .empty
        case "值": return try fixedValue(m, cell: cell)
        case "块": return try blockValue(m, cell: cell, block: block)
        case "级次":
            guard m.arguments.count == 1, Marker.level(m.arguments[0]) != nil else {
                throw error(cell, "标记\(m.source)应写作 {{级次:合计}}、{{级次:类}}、{{级次:款}}、{{级次:项}} 或 {{级次:行}}")
            }
            return .empty
        case "行":
            guard let column = m.bandArguments.last, !column.isEmpty else { throw error(cell, "标记\(m.source)缺少列名") }
            guard let entry = band[m.bandPanel], let row = entry else { return .empty }
            return try rowValue(row, column: column, panel: panel(named: m.bandPanel, forRow: row), marker: m, cell: cell)
        default:
            throw error(cell, "无法识别的标记\(m.source)（见 Templates/sichuan-2021/README.md）")
        }
    }

    /// `{{块:行名}}` / `{{块:行名:列}}`: a cell of the named row of this block's panel.
    func blockValue(_ m: Marker, cell: String, block: TablePanel?) throws -> CellOutput {
        guard m.arguments.count == 1 || m.arguments.count == 2, !m.arguments[0].isEmpty else {
            throw error(cell, "标记\(m.source)应写作 {{块:行名}} 或 {{块:行名:列}}")
        }
        guard let block, let row = block.row(named: m.arguments[0]) else { return .empty }
        let c: Int
        if m.arguments.count == 2 {
            guard let i = block.column(m.arguments[1]) else {
                throw error(cell, "标记\(m.source)中的列“\(m.arguments[1])”在表“\(table.id.title)”中不存在")
            }
            c = i
        } else {
            c = 0
        }
        if !row.texts.isEmpty { return c < row.texts.count && !row.texts[c].isEmpty ? .text(row.texts[c]) : .empty }
        return c < row.values.count ? amount(row.values[c]) : .empty
    }

    func fixedValue(_ m: Marker, cell: String) throws -> CellOutput {
        guard m.arguments.count == 2 || m.arguments.count == 3 else {
            throw error(cell, "标记\(m.source)应写作 {{值:行:列}} 或 {{值:部分:行:列}}")
        }
        let rowKey = m.arguments[m.arguments.count - 2], column = m.arguments[m.arguments.count - 1]
        let candidates = m.arguments.count == 3 ? table.panels.filter { $0.name == m.arguments[0] } : table.panels
        for p in candidates {
            guard let row = p.row(named: rowKey) ?? p.row(code: rowKey) else { continue }
            guard let c = p.column(column) else {
                throw error(cell, "标记\(m.source)中的列“\(column)”在表“\(table.id.title)”中不存在（可用：\(p.columns.joined(separator: "、"))）")
            }
            return c < row.values.count ? amount(row.values[c]) : .empty
        }
        if table.isEmpty { return .empty }
        throw error(cell, "标记\(m.source)中的行“\(rowKey)”在表“\(table.id.title)”中不存在")
    }

    func rowValue(_ row: TableRow, column: String, panel: TablePanel?, marker m: Marker, cell: String) throws -> CellOutput {
        let code = row.code ?? ""
        func digits(_ range: Range<Int>) -> CellOutput {
            guard code.count >= range.upperBound else { return .empty }
            let chars = Array(code)
            return .text(String(chars[range]))
        }
        switch column {
        case "编码": return code.isEmpty ? .empty : .text(code)
        case "名称": return .text(row.name)
        case "类": return digits(0..<3)
        case "款": return digits(3..<5)
        case "项": return digits(5..<7)
        default:
            guard let panel, let c = panel.column(column) else {
                // Table 9 has one column per 经济分类 类 used; the template lists them all.
                // Those the unit does not use stay blank: the table has no such column, and a
                // workbook must read back as the table it was filled from (blank columns are skipped).
                if table.id == .t09 { return .empty }
                throw error(cell, "标记\(m.source)中的列“\(column)”在表“\(table.id.title)”中不存在")
            }
            if !row.texts.isEmpty { return c < row.texts.count && !row.texts[c].isEmpty ? .text(row.texts[c]) : .empty }
            return c < row.values.count ? amount(row.values[c]) : .empty
        }
    }
}
