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
    static let title = CellStyle(font: Font(name: "宋体", size: 16, bold: true), horizontal: .center, vertical: .center)
    static let right = CellStyle(horizontal: .right, vertical: .center)
    static let left = CellStyle(horizontal: .left, vertical: .center)
    static let header = CellStyle(font: Font(name: "宋体", size: 10, bold: true), border: thin,
                                  horizontal: .center, vertical: .center, wrapText: true)
    static let text = CellStyle(border: thin, horizontal: .left, vertical: .center, wrapText: true)
    static let center = CellStyle(border: thin, horizontal: .center, vertical: .center)
    static let money = CellStyle(border: thin, horizontal: .right, vertical: .center, numberFormat: .thousandsTwoDecimals)
    static let note = CellStyle(horizontal: .left, vertical: .top, wrapText: true)
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

    /// Title, table code, 编制单位 and 金额单位: rows 0–2.
    func headerBlock(lastColumn: Int) throws {
        try put("{{表:\(id.title)}}", 0, 0, S.title)
        try merge(0...0, 0...lastColumn)
        try sheet.setRowHeight(0, 30)
        try put(id.defaultCode, 1, lastColumn, S.right)
        try put("编制单位：{{单位名称}}", 2, 0, S.left)
        if lastColumn >= 3 { try merge(2...2, 0...(lastColumn - 2)) }
        try put("金额单位：{{金额单位}}", 2, lastColumn, S.right)
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

    func printSetup(lastColumn: Int, headerRows: ClosedRange<Int>, lastRow: Int, widths: [Double]) throws {
        for (c, w) in widths.enumerated() { try sheet.setColumnWidth(c, w) }
        sheet.pageSetup = PageSetup(paperSize: PageSetup.a4, orientation: lastColumn >= 7 ? .landscape : .portrait,
                                    fitToWidth: true, margins: PageMargins(left: 0.5, right: 0.5, top: 0.6, bottom: 0.6),
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

    mutating func coded(_ columns: [String]) throws {
        let last = columns.count + 1
        try headerBlock(lastColumn: last)
        let depth = try columnHeaders(["科目编码", "科目名称"] + columns, row: 3, column: 0, depth: 1)
        let tally = 3 + depth
        try put("栏次", tally, 0, S.center)
        try merge(tally...tally, 0...1, style: S.center)
        for i in columns.indices { try put(String(i + 1), tally, i + 2, S.center) }
        let band = tally + 1
        try put("{{行:编码}}", band, 0, S.text)
        try put("{{行:名称}}", band, 1, S.text)
        for (i, c) in columns.enumerated() { try put("{{行:\(c)}}", band, i + 2, S.money) }
        try emptyNote(band + 1, lastColumn: last)
        try printSetup(lastColumn: last, headerRows: 0...tally, lastRow: band + 1,
                       widths: [12, 36] + Array(repeating: 14, count: columns.count))
    }

    // MARK: 1 收入支出决算总表

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
        for r in first..<(first + body) { for c in 0..<6 { try blank(r, c, c % 3 == 2 ? S.money : S.text) } }
        for (n, line) in income.enumerated() {
            try put(line.name, line.row, 0, S.text); try put(String(n + 1), line.row, 1, S.center)
            try put("{{值:收入:\(line.name):金额}}", line.row, 2, S.money)
        }
        for (n, line) in out.enumerated() {
            try put(line.label, line.row, 3, S.text); try put(String(income.count + n + 1), line.row, 4, S.center)
            try put("{{值:支出:\(line.key):金额}}", line.row, 5, S.money)
        }
        try printSetup(lastColumn: 5, headerRows: 0...4, lastRow: first + body - 1, widths: [30, 6, 14, 30, 6, 14])
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
        for r in first..<(first + body) { for c in 0..<7 { try blank(r, c, c == 0 || c == 2 ? S.text : S.money) } }
        var income: [(row: Int, name: String)] = TableColumns.t04IncomeLines.enumerated().map { (first + $0.offset, $0.element) }
        income += incomeTail.enumerated().map { (first + body - incomeTail.count + $0.offset, $0.element) }
        for line in income {
            let label = line.name.hasPrefix("年初财政拨款结转和结余/")
                ? "  " + String(line.name.dropFirst("年初财政拨款结转和结余/".count)) : line.name
            try put(label, line.row, 0, S.text)
            try put("{{值:收入:\(line.name):金额}}", line.row, 1, S.money)
        }
        var out: [(row: Int, key: String, label: String)] = categories.enumerated().map { (first + $0.offset, $0.element.code, $0.element.name) }
        let outTail = first + body - incomeTail.count
        out.append((outTail, "本年支出合计", "本年支出合计"))
        out.append((outTail + 1, "年末财政拨款结转和结余", "年末财政拨款结转和结余"))
        out.append((first + body - 1, "总计", "总计"))
        for line in out {
            try put(line.label, line.row, 2, S.text)
            for (i, c) in TableColumns.t04Expenditure.enumerated() {
                try put("{{值:支出:\(line.key):\(c)}}", line.row, 3 + i, S.money)
            }
        }
        try printSetup(lastColumn: 6, headerRows: 0...4, lastRow: first + body - 1, widths: [30, 14, 30, 14, 14, 14, 14])
    }

    // MARK: 8 基本支出决算表: two panels side by side

    mutating func table08() throws {
        try headerBlock(lastColumn: 5)
        try put("人员经费", 3, 0, S.header); try merge(3...3, 0...2, style: S.header)
        try put("公用经费", 3, 3, S.header); try merge(3...3, 3...5, style: S.header)
        for (i, h) in ["科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数"].enumerated() { try put(h, 4, i, S.header) }
        for (p, panel) in ["人员经费", "公用经费"].enumerated() {
            try put("{{行:\(panel):编码}}", 5, 3 * p, S.text)
            try put("{{行:\(panel):名称}}", 5, 3 * p + 1, S.text)
            try put("{{行:\(panel):决算数}}", 5, 3 * p + 2, S.money)
        }
        try emptyNote(6, lastColumn: 5)
        try printSetup(lastColumn: 5, headerRows: 0...4, lastRow: 6, widths: [10, 28, 14, 10, 28, 14])
    }

    // MARK: 10 / 12 “三公”经费: one data row

    mutating func table10() throws {
        let columns = TableColumns.t10
        try headerBlock(lastColumn: columns.count - 1)
        let depth = try columnHeaders(columns, row: 3, column: 0)
        let tally = 3 + depth
        for i in columns.indices { try put(String(i + 1), tally, i, S.center) }
        for (i, c) in columns.enumerated() { try put("{{值:合计:\(c)}}", tally + 1, i, S.money) }
        try emptyNote(tally + 2, lastColumn: columns.count - 1)
        try printSetup(lastColumn: columns.count - 1, headerRows: 0...tally, lastRow: tally + 2,
                       widths: Array(repeating: 12, count: columns.count))
    }

    // MARK: 15 项目支出绩效目标自评表: text rows, every project in turn

    mutating func table15() throws {
        let columns = ["项目"] + TableColumns.t15
        try headerBlock(lastColumn: columns.count - 1)
        for (i, h) in columns.enumerated() { try put(h, 3, i, S.header) }
        try put("{{行:名称}}", 4, 0, S.text)
        for (i, c) in TableColumns.t15.enumerated() { try put("{{行:\(c)}}", 4, i + 1, S.text) }
        try emptyNote(5, lastColumn: columns.count - 1)
        try printSetup(lastColumn: columns.count - 1, headerRows: 0...3, lastRow: 5, widths: [24, 30, 14, 24, 16, 16])
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
