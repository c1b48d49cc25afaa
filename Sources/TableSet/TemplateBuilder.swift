import Accounts
import Foundation
import OOXML

/// Writes the sichuan-2021 template workbook (Templates/sichuan-2021/template.xlsx): fifteen
/// sheets with the statutory layout and the markers TemplateFiller replaces. The committed file
/// is this program's output; a test keeps the two identical.
public struct TemplateBuilder {
    let naming: SubjectNaming

    public init(catalogue: SubjectCatalogue) {
        naming = SubjectNaming(functionalName: { catalogue.functionalName($0) },
                               economicName: { catalogue.economicName($0) },
                               functionalCategories: catalogue.functionalCategories)
    }

    init(naming: SubjectNaming) { self.naming = naming }

    /// The template's package parts, in WorkbookWriter's fixed order.
    public func parts() throws -> [(name: String, data: Data)] { try workbook().parts() }

    public func workbook() throws -> WorkbookWriter {
        let wb = WorkbookWriter(defaultFont: Font(name: "宋体", size: 10))
        for id in TableID.allCases {
            let sheet = try wb.addSheet(named: id.title)
            var s = SheetLayout(sheet: sheet, id: id)
            switch id {
            case .t01: try s.table01(naming)
            case .t04: try s.table04(naming)
            case .t08: try s.table08()
            case .t10, .t12: try s.table10()
            case .t15: try s.table15()
            case .t09:
                var columns = ["合计"]
                for c in TableColumns.economicCategories { columns.append(naming.economicName(c) ?? c) }
                try s.coded(columns)
            default: try s.coded(Self.codedColumns[id] ?? [])
            }
        }
        return wb
    }

    static let codedColumns: [TableID: [String]] = [
        .t02: TableColumns.t02, .t03: TableColumns.t03, .t05: TableColumns.t05, .t06: TableColumns.t06,
        .t07: TableColumns.t07, .t11: TableColumns.t11, .t13: TableColumns.t11, .t14: TableColumns.t14,
    ]
}

/// Cell styles of the template (a user may restyle the file freely; the filler keeps their styles).
enum TemplateStyle {
    static let thin = Border.all(.thin)
    static let title = CellStyle(font: Font(name: "宋体", size: 18, bold: true), horizontal: .center, vertical: .center)
    static let right = CellStyle(horizontal: .right, vertical: .center)
    static let left = CellStyle(horizontal: .left, vertical: .center)
    static let header = CellStyle(font: Font(name: "宋体", size: 10, bold: true), border: thin,
                                  horizontal: .center, vertical: .center, wrapText: true)
    static let text = CellStyle(border: thin, horizontal: .left, vertical: .center, wrapText: true)
    static let center = CellStyle(border: thin, horizontal: .center, vertical: .center)
    static let money = CellStyle(border: thin, horizontal: .right, vertical: .center, numberFormat: .thousandsTwoDecimals)
    static let note = CellStyle(horizontal: .left, vertical: .top, wrapText: true)
    /// 合计 / 总计 rows: bold, the name centred.
    static let bold = Font(name: "宋体", size: 10, bold: true)
    static let totalName = CellStyle(font: bold, border: thin, horizontal: .center, vertical: .center)
    static let totalMoney = CellStyle(font: bold, border: thin, horizontal: .right, vertical: .center, numberFormat: .thousandsTwoDecimals)
    /// A subject name indented by its level (类 0, 款 1, 项 2).
    static func name(indent: Int) -> CellStyle {
        CellStyle(border: thin, horizontal: .left, vertical: .center, wrapText: true, indent: indent)
    }
    /// Table 15's labels and texts.
    static let label = CellStyle(border: thin, horizontal: .center, vertical: .center, wrapText: true)
    static let boldLabel = CellStyle(font: bold, border: thin, horizontal: .center, vertical: .center, wrapText: true)
    static let longText = CellStyle(border: thin, horizontal: .left, vertical: .top, wrapText: true)
}

/// Lays out one sheet: the header block, the column headers, the body and the print setup.
struct SheetLayout {
    let sheet: SheetWriter
    let id: TableID
    typealias S = TemplateStyle

    func put(_ text: String, _ row: Int, _ column: Int, _ style: CellStyle) throws {
        try sheet.set(.string(text), row: row, column: column, style: style)
    }

    func blank(_ row: Int, _ column: Int, _ style: CellStyle) throws {
        try sheet.set(.empty, row: row, column: column, style: style)
    }

    func merge(_ rows: ClosedRange<Int>, _ columns: ClosedRange<Int>, style: CellStyle? = nil) throws {
        guard rows.count > 1 || columns.count > 1 else { return }
        if let style {   // merged cells keep their borders only if every cell has the style
            for r in rows { for c in columns where !(r == rows.lowerBound && c == columns.lowerBound) { try blank(r, c, style) } }
        }
        try sheet.merge(try CellRange(rows: rows, columns: columns))
    }

    /// Title, table code, 编制单位 and 金额单位: rows 0–2. The code and the unit sit right-aligned
    /// over the last two columns, 编制单位 over the rest of row 2.
    func headerBlock(lastColumn: Int) throws {
        try put("{{表:\(id.title)}}", 0, 0, S.title)
        try merge(0...0, 0...lastColumn)
        try sheet.setRowHeight(0, 36)
        let right = max(0, lastColumn - 1)
        try put(id.defaultCode, 1, right, S.right)
        try merge(1...1, right...lastColumn)
        try put("编制单位：{{单位名称}}", 2, 0, S.left)
        if right >= 1 { try merge(2...2, 0...(right - 1)) }
        try put("金额单位：{{金额单位}}", 2, right, S.right)
        try merge(2...2, right...lastColumn)
        try sheet.setRowHeight(1, 16)
        try sheet.setRowHeight(2, 18)
    }

    /// Column headers from names joined with "/", starting at `row`, `column`; merged where
    /// neighbours share a level and down to the last header row where a name is short.
    /// Returns the number of header rows.
    func columnHeaders(_ names: [String], row: Int, column: Int, depth minimum: Int = 1) throws -> Int {
        let split = names.map { $0.split(separator: "/").map(String.init) }
        let depth = max(minimum, split.map(\.count).max() ?? 1)
        for level in 0..<depth {
            var i = 0
            while i < split.count {
                guard split[i].count > level else { i += 1; continue }
                var j = i
                while j + 1 < split.count, split[j + 1].count > level + 1, split[i].count > level + 1,
                      Array(split[j + 1].prefix(level + 1)) == Array(split[i].prefix(level + 1)) { j += 1 }
                try put(split[i][level], row + level, column + i, S.header)
                let lastLevel = split[i].count == level + 1
                try merge((row + level)...(lastLevel ? row + depth - 1 : row + level), (column + i)...(column + j), style: S.header)
                i = j + 1
            }
        }
        return depth
    }

    /// Tables printed landscape: the wide ones (11 and 13 have table 3's eight columns, which
    /// portrait would shrink to about three quarters).
    static let landscape: Set<TableID> = [.t01, .t02, .t03, .t04, .t09, .t10, .t11, .t12, .t13]

    /// Column widths, header row heights, freeze panes below the header block, and A4 printing one
    /// page wide with the header block repeated on every page.
    func printSetup(lastColumn: Int, headerRows: ClosedRange<Int>, lastRow: Int, widths: [Double],
                    columnHeaderRows: ClosedRange<Int>? = nil, headerHeight: Double = 30) throws {
        for (c, w) in widths.enumerated() { try sheet.setColumnWidth(c, w) }
        for r in columnHeaderRows ?? 3...headerRows.upperBound { try sheet.setRowHeight(r, headerHeight) }
        sheet.freezeAt = try CellAddress(row: headerRows.upperBound + 1, column: 0)
        sheet.pageSetup = PageSetup(paperSize: PageSetup.a4, orientation: Self.landscape.contains(id) ? .landscape : .portrait,
                                    fitToWidth: true, margins: PageMargins(left: 0.4, right: 0.4, top: 0.6, bottom: 0.7),
                                    centerHorizontally: true, repeatRows: headerRows,
                                    printArea: try CellRange(rows: 0...lastRow, columns: 0...lastColumn),
                                    centerFooter: "第 &P 页，共 &N 页")
    }

    /// The empty-table sentence row, merged across the table.
    func emptyNote(_ row: Int, lastColumn: Int) throws {
        try put("{{空表说明}}", row, 0, S.note)
        try merge(row...row, 0...lastColumn)
    }

    // MARK: Tables with subject rows (2, 3, 5, 6, 7, 9, 11, 13, 14)

    /// The subject band: one template row per level ({{级次:…}}), so 合计 is bold and names
    /// indent by level while the filler keeps every style a user gives these rows.
    static let levels: [(name: String, indent: Int)] = [("合计", 0), ("类", 0), ("款", 1), ("项", 2)]

    mutating func coded(_ columns: [String]) throws {
        let last = columns.count + 1
        try headerBlock(lastColumn: last)
        let depth = try columnHeaders(["科目编码", "科目名称"] + columns, row: 3, column: 0, depth: 1)
        let tally = 3 + depth
        try put("栏次", tally, 0, S.center)
        try merge(tally...tally, 0...1, style: S.center)
        for i in columns.indices { try put(String(i + 1), tally, i + 2, S.center) }
        for (k, level) in Self.levels.enumerated() {
            let band = tally + 1 + k
            let total = level.name == "合计"
            try put("{{级次:\(level.name)}}{{行:编码}}", band, 0, S.text)
            try put("{{行:名称}}", band, 1, total ? S.totalName : S.name(indent: level.indent))
            for (i, c) in columns.enumerated() { try put("{{行:\(c)}}", band, i + 2, total ? S.totalMoney : S.money) }
            try sheet.setRowHeight(band, 18)
        }
        let note = tally + 1 + Self.levels.count
        try emptyNote(note, lastColumn: last)
        try printSetup(lastColumn: last, headerRows: 0...tally, lastRow: note,
                       widths: [12, 36] + Array(repeating: 15, count: columns.count),
                       columnHeaderRows: 3...(tally - 1), headerHeight: depth == 1 ? 42 : 28)
    }

    // MARK: 1 收入支出决算总表

    /// Total lines of tables 1 and 4: bold, centred.
    static let totals: Set<String> = ["本年收入合计", "本年支出合计", "总计"]

    func line(_ label: String, _ row: Int, _ column: Int, indent: Int = 0) throws {
        try put(label, row, column, Self.totals.contains(label) ? S.totalName : S.name(indent: indent))
    }

    func amount(_ marker: String, _ row: Int, _ column: Int, total: Bool) throws {
        try put(marker, row, column, total ? S.totalMoney : S.money)
    }

    mutating func table01(_ naming: SubjectNaming) throws {
        try headerBlock(lastColumn: 5)
        try put("收入", 3, 0, S.header); try merge(3...3, 0...2, style: S.header)
        try put("支出", 3, 3, S.header); try merge(3...3, 3...5, style: S.header)
        for (i, h) in ["项目", "行次", "金额", "项目", "行次", "金额"].enumerated() { try put(h, 4, i, S.header) }
        let categories = naming.functionalCategories
        let tail = ["本年收入合计", "使用非财政拨款结余", "年初结转和结余", "总计"]
        let tailOut = ["本年支出合计", "结余分配", "年末结转和结余", "总计"]
        let body = max(categories.count, TableColumns.t01IncomeLines.count) + tail.count
        let first = 5
        var income: [(row: Int, name: String)] = TableColumns.t01IncomeLines.enumerated().map { (first + $0.offset, $0.element) }
        income += tail.enumerated().map { (first + body - tail.count + $0.offset, $0.element) }
        var out: [(row: Int, key: String, label: String)] = categories.enumerated().map { (first + $0.offset, $0.element.code, $0.element.name) }
        out += tailOut.enumerated().map { (first + body - tailOut.count + $0.offset, $0.element, $0.element) }
        for r in first..<(first + body) {
            for c in 0..<6 { try blank(r, c, c % 3 == 2 ? S.money : (c % 3 == 1 ? S.center : S.text)) }
            try sheet.setRowHeight(r, 18)
        }
        for (n, line) in income.enumerated() {
            try self.line(line.name, line.row, 0); try put(String(n + 1), line.row, 1, S.center)
            try amount("{{值:收入:\(line.name):金额}}", line.row, 2, total: Self.totals.contains(line.name))
        }
        for (n, line) in out.enumerated() {
            try self.line(line.label, line.row, 3); try put(String(income.count + n + 1), line.row, 4, S.center)
            try amount("{{值:支出:\(line.key):金额}}", line.row, 5, total: Self.totals.contains(line.label))
        }
        try printSetup(lastColumn: 5, headerRows: 0...4, lastRow: first + body - 1, widths: [34, 6, 16, 34, 6, 16], headerHeight: 22)
    }

    // MARK: 4 财政拨款收入支出决算总表

    mutating func table04(_ naming: SubjectNaming) throws {
        try headerBlock(lastColumn: 6)
        try put("收入", 3, 0, S.header); try merge(3...3, 0...1, style: S.header)
        try put("支出", 3, 2, S.header); try merge(3...3, 2...6, style: S.header)
        for (i, h) in ["项目", "金额", "项目"].enumerated() { try put(h, 4, i, S.header) }
        for (i, h) in TableColumns.t04Expenditure.enumerated() { try put(h, 4, 3 + i, S.header) }
        let categories = naming.functionalCategories
        let incomeTail = ["本年收入合计", "年初财政拨款结转和结余"] + TableColumns.t04OpeningLines + ["总计"]
        let body = max(categories.count, 3) + incomeTail.count
        let first = 5
        for r in first..<(first + body) {
            for c in 0..<7 { try blank(r, c, c == 0 || c == 2 ? S.text : S.money) }
            try sheet.setRowHeight(r, 18)
        }
        var income: [(row: Int, name: String)] = TableColumns.t04IncomeLines.enumerated().map { (first + $0.offset, $0.element) }
        income += incomeTail.enumerated().map { (first + body - incomeTail.count + $0.offset, $0.element) }
        let opening = "年初财政拨款结转和结余/"
        for line in income {
            let sub = line.name.hasPrefix(opening)
            try self.line(sub ? String(line.name.dropFirst(opening.count)) : line.name, line.row, 0, indent: sub ? 1 : 0)
            try amount("{{值:收入:\(line.name):金额}}", line.row, 1, total: Self.totals.contains(line.name))
        }
        var out: [(row: Int, key: String, label: String)] = categories.enumerated().map { (first + $0.offset, $0.element.code, $0.element.name) }
        let outTail = first + body - incomeTail.count
        out.append((outTail, "本年支出合计", "本年支出合计"))
        out.append((outTail + 1, "年末财政拨款结转和结余", "年末财政拨款结转和结余"))
        out.append((first + body - 1, "总计", "总计"))
        for line in out {
            try self.line(line.label, line.row, 2)
            for (i, c) in TableColumns.t04Expenditure.enumerated() {
                try amount("{{值:支出:\(line.key):\(c)}}", line.row, 3 + i, total: Self.totals.contains(line.label))
            }
        }
        try printSetup(lastColumn: 6, headerRows: 0...4, lastRow: first + body - 1,
                       widths: [30, 16, 30, 16, 16, 16, 16], headerHeight: 30)
    }

    // MARK: 8 基本支出决算表: two panels side by side

    mutating func table08() throws {
        try headerBlock(lastColumn: 5)
        try put("人员经费", 3, 0, S.header); try merge(3...3, 0...2, style: S.header)
        try put("公用经费", 3, 3, S.header); try merge(3...3, 3...5, style: S.header)
        for (i, h) in ["科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数"].enumerated() { try put(h, 4, i, S.header) }
        // 级次 rows as in the subject tables; each panel's cells take the style of their own row's level.
        let levels = Self.levels.filter { $0.name != "项" }
        for (k, level) in levels.enumerated() {
            let total = level.name == "合计"
            for (p, panel) in ["人员经费", "公用经费"].enumerated() {
                try put((p == 0 ? "{{级次:\(level.name)}}" : "") + "{{行:\(panel):编码}}", 5 + k, 3 * p, S.text)
                try put("{{行:\(panel):名称}}", 5 + k, 3 * p + 1, total ? S.totalName : S.name(indent: level.indent))
                try put("{{行:\(panel):决算数}}", 5 + k, 3 * p + 2, total ? S.totalMoney : S.money)
            }
            try sheet.setRowHeight(5 + k, 18)
        }
        let note = 5 + levels.count
        try emptyNote(note, lastColumn: 5)
        try printSetup(lastColumn: 5, headerRows: 0...4, lastRow: note, widths: [10, 30, 15, 10, 30, 15], headerHeight: 22)
    }

    // MARK: 10 / 12 “三公”经费: one data row

    mutating func table10() throws {
        let columns = TableColumns.t10
        try headerBlock(lastColumn: columns.count - 1)
        let depth = try columnHeaders(columns, row: 3, column: 0)
        let tally = 3 + depth
        for i in columns.indices { try put(String(i + 1), tally, i, S.center) }
        for (i, c) in columns.enumerated() { try put("{{值:合计:\(c)}}", tally + 1, i, S.money) }
        try sheet.setRowHeight(tally + 1, 20)
        try emptyNote(tally + 2, lastColumn: columns.count - 1)
        try printSetup(lastColumn: columns.count - 1, headerRows: 0...tally, lastRow: tally + 2,
                       widths: Array(repeating: 13, count: columns.count), columnHeaderRows: 3...(tally - 1), headerHeight: 30)
    }

    // MARK: 15 项目支出绩效目标自评表: one boxed block per project

    /// The block of the sample's 附件 form, repeated per project ({{块:…}} rows), with the
    /// indicators as its band; 一级/二级指标 merge over runs of equal values. Cells under a
    /// vertical merge are written blank (with the border) by `merge`.
    mutating func table15() throws {
        let last = 5
        try headerBlock(lastColumn: last)
        let top = 3
        func row(_ r: Int, _ cells: [(String, ClosedRange<Int>, CellStyle)], height: Double) throws {
            for (text, columns, style) in cells {
                try put(text, r, columns.lowerBound, style)
                try merge(r...r, columns, style: style)
            }
            try sheet.setRowHeight(r, height)
        }
        try row(top, [("项目名称", 0...0, S.boldLabel), ("{{块:项目名称}}", 1...5, S.text)], height: 22)
        try row(top + 1, [("主管部门及代码", 0...0, S.label), ("{{块:主管部门及代码}}", 1...2, S.text),
                          ("实施单位", 3...3, S.label), ("{{块:实施单位}}", 4...5, S.text)], height: 22)
        try row(top + 2, [("项目资金", 0...0, S.label), ("财政拨款", 1...1, S.label), ("{{块:项目资金/财政拨款}}", 2...5, S.text)], height: 20)
        try row(top + 3, [("其他资金", 1...1, S.label), ("{{块:项目资金/其他资金}}", 2...5, S.text)], height: 20)
        try merge(top + 2...top + 3, 0...0, style: S.label)
        try row(top + 4, [("年度总体目标", 0...0, S.label), ("预期目标", 1...2, S.label), ("实际完成情况", 3...5, S.label)], height: 20)
        try row(top + 5, [("{{块:年度总体目标/预期目标}}", 1...2, S.longText),
                          ("{{块:年度总体目标/实际完成情况}}", 3...5, S.longText)], height: 120)
        try merge(top + 4...top + 5, 0...0, style: S.label)
        try row(top + 6, [("年度绩效指标", 0...0, S.label)] + TableColumns.t15.enumerated().map { ($0.element, (1 + $0.offset)...(1 + $0.offset), S.header) }, height: 22)
        let band = top + 7
        for (i, c) in TableColumns.t15.enumerated() { try put(i < 2 ? "{{行:\(c):合并}}" : "{{行:\(c)}}", band, i + 1, S.label) }
        try sheet.setRowHeight(band, 20)
        try merge(top + 6...band, 0...0, style: S.label)
        try emptyNote(band + 1, lastColumn: last)
        try printSetup(lastColumn: last, headerRows: 0...2, lastRow: band + 1, widths: [16, 14, 14, 26, 16, 16],
                       columnHeaderRows: 1...2, headerHeight: 18)
    }
}

extension TemplateBuilder {
    /// Writes the template workbook (deterministic bytes).
    public func write(to path: String, overwrite: Bool) throws {
        let package = PackageWriter()
        for part in try parts() { try package.add(part.name, data: part.data) }
        try package.write(to: path, overwrite: overwrite)
    }
}
