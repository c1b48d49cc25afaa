import Foundation
import Accounts
import TableSet

/// Where a read-back table came from: the sheet, and the A1 cell of every value, so findings can
/// point a person at the cells to look at.
public struct TableSource: Hashable, Sendable {
    public var sheet: String
    public var titleCell: String
    /// The 金额单位 cell, when the header block has one.
    public var unitCell: String?
    /// A1 of each value: `valueCells[panel][row][column]`, parallel to the table's panels and rows.
    public var valueCells: [[[String]]]
    /// A1 of each row's label (the name cell), parallel to the rows.
    public var labelCells: [[String]]

    public init(sheet: String, titleCell: String, unitCell: String? = nil, valueCells: [[[String]]] = [], labelCells: [[String]] = []) {
        self.sheet = sheet; self.titleCell = titleCell; self.unitCell = unitCell
        self.valueCells = valueCells; self.labelCells = labelCells
    }

    public func cell(panel: Int, row: Int, column: Int) -> String? {
        guard valueCells.indices.contains(panel), valueCells[panel].indices.contains(row),
              valueCells[panel][row].indices.contains(column) else { return nil }
        return valueCells[panel][row][column]
    }

    public func labelCell(panel: Int, row: Int) -> String? {
        guard labelCells.indices.contains(panel), labelCells[panel].indices.contains(row) else { return nil }
        return labelCells[panel][row]
    }
}

/// The tables found in a workbook, where their values came from, and what could not be read.
public struct TableReadResult: Sendable {
    public var workbook: String
    public var tables: [TableID: StatTable]
    public var sources: [TableID: TableSource]
    /// Tables not found, cells not readable: findings, never crashes.
    public var problems: [Finding]
    /// The names of the sheets searched, in workbook order (for "no table found" messages).
    public var sheetNames: [String] = []
    /// The rule lookups' keys of tables, made on the sheets' threads (see `TableKeys`).
    var keyed: [TableID: TableKeys.Keyed] = [:]

    public init(workbook: String, tables: [TableID: StatTable] = [:], sources: [TableID: TableSource] = [:], problems: [Finding] = []) {
        self.workbook = workbook; self.tables = tables; self.sources = sources; self.problems = problems
    }
}

/// Finds the statutory tables in a workbook by their titles and reads them into table form.
public struct TableLocator {
    /// Rows at the top of a sheet searched for a table title.
    static let titleSearchRows = 8

    /// Reads tables from sheets already in memory (used by `read(workbook:)` and by tests).
    /// `categories` (功能分类 类, code and name) give the 类 lines of tables 1 and 4 their codes;
    /// by default the built-in FY2021 catalogue's.
    public static func read(sheets: [SheetGrid], workbook: String,
                            categories: [(code: String, name: String)]? = nil) -> TableReadResult {
        read(sheets: sheets, located: sheets.map(locate), workbook: workbook, categories: categories)
    }

    /// A sheet's table, found by its title and parsed.
    struct LocatedTable: Sendable {
        var id: TableID
        var titleRow: Int
        var titleColumn: Int
        var parsed: TableSheetParser.Output
        /// Whether `completed` has already given tables 1 and 4 their 类 codes and opening-balance names.
        var isCompleted = false
        /// The completed table with its rule lookup keys (made by `keyed`).
        var keyed: TableKeys.Keyed?
    }

    /// `completed`, with the table's rule lookup keys made too (on the sheet's thread).
    static func keyed(_ located: LocatedTable, codesByName categoryCodes: CategoryCodes) -> LocatedTable {
        var located = completed(located, codesByName: categoryCodes)
        located.keyed = located.parsed.table.map(TableKeys.Keyed.init)
        return located
    }

    /// Gives tables 1 and 4 their 类 codes and table 4 its opening-balance line names (depends on the
    /// sheet alone, so it can be done on the sheet's thread).
    static func completed(_ located: LocatedTable, codesByName categoryCodes: CategoryCodes) -> LocatedTable {
        var located = located
        if !located.isCompleted, var table = located.parsed.table {
            if located.id == .t01 || located.id == .t04 { assignCategoryCodes(&table, codesByName: categoryCodes) }
            if located.id == .t04 { nameOpeningBalanceLines(&table) }
            located.parsed.table = table
        }
        located.isCompleted = true
        return located
    }

    /// Finds and parses the table of one sheet (nil: no table title, or the 核对结果 sheet). Depends
    /// on that sheet alone, so the sheets of a workbook can be located at once.
    static func locate(_ sheet: SheetGrid) -> LocatedTable? {
        // The 核对结果 sheet of an annotated workbook quotes table titles in its findings: not a table.
        guard sheet.name != ResultsSheet.name, let (id, row, column) = findTitle(in: sheet) else { return nil }
        return LocatedTable(id: id, titleRow: row, titleColumn: column,
                            parsed: TableSheetParser(sheet: sheet, id: id, titleRow: row, titleColumn: column).parse())
    }

    /// The tables of `sheets`, each sheet already located (`located[i]` is `locate(sheets[i])`).
    static func read(sheets: [SheetGrid], located: [LocatedTable?], workbook: String,
                     categories: [(code: String, name: String)]?) -> TableReadResult {
        var result = TableReadResult(workbook: workbook)
        result.sheetNames = sheets.map(\.name)
        // The 类 by normalised name, made once per read (once per process for the built-in catalogue).
        let categoryCodes = categories.map { CategoryCodes(Self.codesByName($0)) } ?? defaultCategoryCodes
        for (sheet, located) in zip(sheets, located) {
            guard let located else { continue }
            let (id, row, column) = (located.id, located.titleRow, located.titleColumn)
            if let previous = result.sources[id] {
                result.problems.append(Finding(
                    rule: "读取.重复表格", severity: .hint,
                    location: .cells(sheet: sheet.name, cells: [SheetGrid.a1(row: row, column: column)], table: id),
                    message: "表「\(id.title)」在工作表「\(previous.sheet)」和「\(sheet.name)」中都出现，只核对前者"))
                continue
            }
            let parsed = completed(located, codesByName: categoryCodes).parsed
            result.problems += parsed.problems
            if let table = parsed.table {
                result.tables[id] = table
                if let keyed = located.keyed { result.keyed[id] = keyed }
                result.sources[id] = parsed.source
            }
        }
        for id in TableID.allCases where result.tables[id] == nil && !result.problems.contains(where: { $0.location == .table(id) }) {
            // Table 15 (绩效自评表) is our addition to the statutory set: its absence is worth a hint only.
            result.problems.append(Finding(
                rule: "读取.缺少表格", severity: id == .t15 ? .hint : .error, location: .table(id),
                message: "工作簿 \(workbook) 中没有找到表「\(id.title)」（按表名查找）"))
        }
        return result
    }

    /// The built-in catalogue's 类, read once per process (the catalogue is part of the program).
    static let defaultCategories: [(code: String, name: String)] =
        (try? SubjectCatalogue.builtin2021())?.functionalCategories ?? []

    static let defaultCategoryCodes = CategoryCodes(codesByName(defaultCategories))

    /// 类 codes by normalised name, looked up without hashing plain names.
    typealias CategoryCodes = PlainKeyTable<String>

    /// 类 codes by normalised name (the first of a name wins).
    static func codesByName(_ categories: [(code: String, name: String)]) -> [String: String] {
        Dictionary(categories.map { (SubjectCatalogue.normalizedName($0.name), $0.code) }, uniquingKeysWith: { a, _ in a })
    }

    /// Tables 1 and 4 print the 类 by name only ("一、一般公共服务支出"); give those lines their codes.
    static func assignCategoryCodes(_ table: inout StatTable, codesByName byName: CategoryCodes) {
        for p in table.panels.indices where table.panels[p].name == "支出" {
            for r in table.panels[p].rows.indices where table.panels[p].rows[r].code == nil {
                let (name, plain) = categoryKey(RuleContext.rowKey(table.panels[p].rows[r].name))
                guard let code = byName.value(for: name, plain: plain) else { continue }
                table.panels[p].rows[r].code = code
                table.panels[p].rows[r].level = .category
                var printed = TextNorm.trim(table.panels[p].rows[r].name)
                if let e = TableSheetParser.enumerationPrefixRange(in: printed) { printed.removeSubrange(e) }
                table.panels[p].rows[r].name = TextNorm.trim(printed)
            }
        }
    }

    /// `SubjectCatalogue.normalizedName(key)` and whether it is plain (`TextScan.isPlain`). A plain key
    /// without white space or control characters (a row key, almost always) is done scalar by scalar:
    /// there each scalar is a character of its own and none is white space, so the same steps give the
    /// same name without building characters.
    static func categoryKey(_ key: String) -> (name: String, plain: Bool) {
        let simple = TextScan.isPlain(key) && !TextScan.anyScalar(key) { $0 <= 0x20 || $0 == 0x7F || $0 == 0xA0 || $0 == 0x3000 }
        guard simple else {
            let name = SubjectCatalogue.normalizedName(key)
            return (name, TextScan.isPlain(name))
        }
        let (open, close): (UInt32, UInt32) = (0xFF08, 0xFF09)   // （ ）
        var out: [UInt32] = []
        out.reserveCapacity(key.utf8.count)
        for u in key.unicodeScalars {
            out.append(u == "(" ? open : u == ")" ? close : u.value)
            // Drop a level marker (类) (款) (项) as soon as its closing bracket arrives.
            let n = out.count
            if n >= 3, out[n - 1] == close, out[n - 3] == open, out[n - 2] == 0x7C7B || out[n - 2] == 0x6B3E || out[n - 2] == 0x9879 {
                out.removeLast(3)
            }
        }
        if out.count > 2, out[out.count - 2] == 0x652F, out[out.count - 1] == 0x51FA { out.removeLast(2) }   // 支出
        return (TextScan.string(scalars: out), true)
    }

    /// Table 4 prints the opening balances by fund under 年初财政拨款结转和结余 with the bare fund name;
    /// the table form names them "年初财政拨款结转和结余/<fund>".
    static func nameOpeningBalanceLines(_ table: inout StatTable) {
        let opening = "年初财政拨款结转和结余"
        let funds = TableRuleCatalogue.funds
        for p in table.panels.indices where table.panels[p].name == "收入" {
            var after = false
            for r in table.panels[p].rows.indices {
                var key = RuleContext.rowKey(table.panels[p].rows[r].name)
                if key.hasPrefix("其中:") { key.removeFirst(3) }
                if key == opening { after = true; continue }
                if after, let fund = funds.first(where: { RuleContext.rowKey($0) == key || RuleContext.rowKey($0 + "结转和结余") == key }) {
                    table.panels[p].rows[r].name = opening + "/" + fund
                }
            }
        }
    }

    /// The table whose title appears in the first rows of the sheet: the longest title contained in a
    /// short cell text, after normalising spaces and quotes (so "2021年收入决算表" and
    /// "收入决算表" match, and "财政拨款收入支出决算总表" is not taken for "收入支出决算总表").
    static func findTitle(in sheet: SheetGrid) -> (TableID, Int, Int)? {
        var best: (TableID, Int, Int)?
        var bestLength = 0
        // The title tables, read once here rather than in the loops.
        let (titles, shortest, commonWord, titlesPlain) = (titleKeys, shortestTitleBytes, titleWord, titleKeysArePlain)
        for row in 0..<min(titleSearchRows, sheet.maxRow + 1) {
            for cell in sheet.cells(inRow: row) {
                guard case let .text(raw) = cell.value else { continue }
                // Normalising never lengthens a text, and a title's match is at least its bytes long.
                if raw.utf8.count < shortest { continue }
                let column = cell.column
                // Every title has "表": a cell holds none without it, or without a scalar from U+F000 up
                // that might stand for it (the compatibility ideographs are there).
                if commonWord == "表", !TextScan.bytesContain(raw, "表"), !raw.utf8.contains(where: { $0 >= 0xEF }) { continue }
                let (text, plainText) = TextNorm.keyAndPlain(raw)
                // Plain text (almost all) is searched by bytes, which gives what Foundation's search gives.
                let plain = titlesPlain && plainText
                func has(_ word: String) -> Bool { plain ? TextScan.bytesContain(text, word) : text.contains(word) }
                // Every title has a word in common ("表"): most cells lack it and hold no title.
                if let word = commonWord, !has(word) { continue }
                // A title is not quoted: "表「收入决算表」…" is a sentence about a table.
                if has("「") || has("《") { continue }
                // The cheap length tests first: most cells are far longer or shorter than any title.
                let length = plain ? TextScan.plainCount(text) : text.count
                for (id, title, titleLength) in titles where titleLength > bestLength && length <= titleLength + 40
                    && has(title) && !has("空表") {
                    best = (id, row, column); bestLength = titleLength
                }
            }
        }
        return best
    }

    /// Every title and alias, normalised, with its length in characters.
    static let titleKeys: [(TableID, String, Int)] =
        (TableID.allCases.map { ($0, TextNorm.key($0.title)) } + aliases.map { ($0.1, TextNorm.key($0.0)) }).map { ($0.0, $0.1, $0.1.count) }

    static let titleKeysArePlain = titleKeys.allSatisfy { TextScan.isPlain($0.1) }

    /// The UTF-8 length of the shortest title.
    static let shortestTitleBytes = titleKeys.map(\.1.utf8.count).min() ?? 0

    /// A word every title contains ("表"), if they still all do.
    static let titleWord: String? = titleKeys.allSatisfy { $0.1.contains("表") } ? "表" : nil

    /// Other titles published for the same tables (longest match wins, so "收入支出决算表" is table 1,
    /// not table 3 "支出决算表").
    static let aliases: [(String, TableID)] = [("收入支出决算表", .t01), ("财政拨款收入支出决算表", .t04)]

    /// Title lookup for text that is not in a sheet (e.g. a heading): the longest matching title.
    public static func tableID(forTitle text: String) -> TableID? {
        let key = TextNorm.key(text)
        return TableID.allCases.filter { key.contains(TextNorm.key($0.title)) }
            .max { $0.title.count < $1.title.count }
    }
}
