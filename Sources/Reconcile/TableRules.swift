import Foundation
import Accounts
import OOXML
import TableSet

/// One relation of domain §4 (勾稽关系), named so findings and documentation can refer to it.
public struct TableRule: Sendable {
    /// Stable id, e.g. "T1.本年收入合计" (inside one table) or "T1-T2.本年收入合计" (between tables).
    public var id: String
    /// What must hold, in Chinese.
    public var description: String
    /// The tables the rule reads; when one is missing the rule reports "无法核对" once.
    public var tables: [TableID]
    let check: @Sendable (inout RuleContext) -> Void

    init(_ id: String, _ description: String, _ tables: [TableID], _ check: @escaping @Sendable (inout RuleContext) -> Void) {
        self.id = id; self.description = description; self.tables = tables; self.check = check
    }
}

/// Evaluates the table rules on a set of tables (read back from a workbook or built from data).
public struct TableRuleEvaluator: Sendable {
    public var tables: [TableID: StatTable]
    public var sources: [TableID: TableSource]

    public init(tables: [TableID: StatTable], sources: [TableID: TableSource] = [:]) {
        self.tables = tables; self.sources = sources
    }

    public init(read: TableReadResult) {
        self.init(tables: read.tables, sources: read.sources)
        keyed = read.keyed
    }

    /// Keys made with the tables when they were read (used while the tables are unchanged).
    var keyed: [TableID: TableKeys.Keyed] = [:]

    /// Every rule of domain §4 (made once: each rule's check is a closure).
    public static let rules: [TableRule] = TableRuleCatalogue.all

    /// The findings of `rules`, rule by rule in the order given. The rules run on all cores (each
    /// reads the tables only); their findings are put together in rule order, so the result is the
    /// same as when run one by one.
    public func evaluate(_ rules: [TableRule] = TableRuleEvaluator.rules) -> [Finding] {
        let spread = SheetThreads.spread
        let keys = TableKeys(tables, spread: spread, made: keyed)
        let tables = ByTable(tables), sources = ByTable(sources)
        @Sendable func findings(of rule: TableRule) -> [Finding] { self.findings(of: rule, tables: tables, sources: sources, keys: keys) }
        let workers = min(rules.count, TableKeys.processors)
        guard spread, workers > 1 else {
            var all: [Finding] = []
            for rule in rules { all += findings(of: rule) }
            return all
        }
        let results = ResultsByIndex<[Finding]>(count: rules.count)
        let claims = RuleClaims(count: rules.count)
        SheetThreads.perform(iterations: workers) { worker in
            while let i = claims.claim(fromEnd: worker % 2 == 1) { results.store(findings(of: rules[i]), at: i) }
        }
        var all: [Finding] = []
        let values = results.values
        all.reserveCapacity(values.reduce(0) { $0 + ($1?.count ?? 0) })
        for found in values { if let found { all += found } }
        return all
    }

    /// One rule's findings ("无法核对" once when one of its tables is missing).
    private func findings(of rule: TableRule, tables: ByTable<StatTable>, sources: ByTable<TableSource>, keys: TableKeys) -> [Finding] {
        if let missing = rule.tables.first(where: { tables[$0] == nil }) {
            return [Finding(rule: rule.id, severity: .hint, location: .table(missing),
                            message: "缺少表「\(missing.title)」，无法核对：\(rule.description)",
                            summary: "缺少表「\(missing.title)」，无法核对")]
        }
        var context = RuleContext(rule: rule, tables: tables, sources: sources, keys: keys)
        rule.check(&context)
        return context.findings
    }
}

/// What a rule's check works with: lookups into the tables and the comparison helpers.
struct RuleContext {
    let rule: TableRule
    let tables: ByTable<StatTable>
    let sources: ByTable<TableSource>
    var findings: [Finding] = []
    /// Lookups that failed, reported once per rule.
    private var unresolved = Set<String>()

    /// Normalised panel, column and row names, computed once for all rules.
    let keys: TableKeys

    init(rule: TableRule, tables: ByTable<StatTable>, sources: ByTable<TableSource>, keys: TableKeys) {
        self.rule = rule; self.tables = tables; self.sources = sources; self.keys = keys
    }

    // MARK: lookups

    /// Row names compare without enumeration prefixes ("一、"), spaces or bracket styles.
    static func rowKey(_ name: String) -> String {
        var key = TextNorm.key(name)
        if mayBeEnumerated(key), let r = TableSheetParser.enumerationPrefixRange(in: key) { key.removeSubrange(r) }
        return key
    }

    /// Whether `key` starts as an enumeration prefix starts ("一、", "（二）", "3."): most names do not,
    /// and are spared the parser's test (which looks its first character up in a set).
    static func mayBeEnumerated(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first else { return false }
        switch first {
        case "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "（", "(", "0"..."9": return true
        default: return false
        }
    }

    func panelIndex(_ id: TableID, _ name: String?) -> Int? {
        guard let table = tables[id], let k = keys.tables[id] else { return nil }
        guard let name else { return table.panels.isEmpty ? nil : 0 }
        let key = TextNorm.key(name)
        return k.panelNames.firstIndex { $0 == key } ?? k.panelNames.firstIndex { $0.contains(key) }
    }

    func columnIndex(_ id: TableID, panel: Int, _ name: String) -> Int? {
        guard let p = keys.tables[id]?.panels[safe: panel] else { return nil }
        let key = TextNorm.key(name)
        // Plain keys compare by their bytes (see `TableKeys.Panel.rowKeysArePlain`).
        if p.columnsArePlain && TextScan.isPlain(key) {
            return p.columns.firstIndex { TableKeys.sameBytes($0, key) }
                ?? p.columns.firstIndex { TableKeys.endsWithBytes($0, key) }
        }
        return p.columns.firstIndex { $0 == key } ?? p.columns.firstIndex { $0.hasSuffix(key) }
    }

    func rowIndex(_ id: TableID, panel: Int, named name: String) -> Int? {
        guard let p = keys.tables[id]?.panels[safe: panel] else { return nil }
        return p.firstRow(key: Self.rowKey(name))
    }

    func rowIndex(_ id: TableID, panel: Int, code: String) -> Int? {
        guard tables[id]?.panels[safe: panel] != nil, let p = keys.tables[id]?.panels[safe: panel] else { return nil }
        return p.firstRowByCode[code]
    }

    /// The 合计 row of a subject table (first total row).
    func totalRow(_ id: TableID, panel: Int = 0, named name: String = "合计") -> Int? {
        guard let p = tables[id]?.panels[safe: panel] else { return nil }
        return rowIndex(id, panel: panel, named: name) ?? p.rows.firstIndex { $0.level == .total }
    }

    func rows(_ id: TableID, panel: Int = 0) -> [TableRow] { tables[id]?.panels[safe: panel]?.rows ?? [] }
    func columns(_ id: TableID, panel: Int = 0) -> [String] { tables[id]?.panels[safe: panel]?.columns ?? [] }

    func term(_ id: TableID, panel: Int, row: Int, column: Int, label: TermLabel) -> Term {
        let table = tables[id]
        let value = table?.panels[safe: panel]?.rows[safe: row]?.values[safe: column] ?? nil
        return Term(hundredths: value ?? 0, unit: table?.unit ?? .wanYuan, table: id, isBlank: value == nil,
                    place: TablePlace(panel: panel, row: row, column: column), label: label)
    }

    /// A term by panel, row name and column name; nil (and one "无法核对" hint) when not found.
    /// A table published empty has no rows: its amounts count as zero.
    mutating func term(_ id: TableID, panel: String? = nil, row: String, column: String? = nil, label: TermLabel? = nil) -> Term? {
        guard let table = tables[id] else { return nil }
        guard let p = panelIndex(id, panel) else {
            if table.isEmpty || table.panels.isEmpty { return zero(id, label ?? .text(row)) }
            cannotCheck(id, "找不到「\(panel ?? "")」部分"); return nil
        }
        let c = column.map { columnIndex(id, panel: p, $0) } ?? (columns(id, panel: p).isEmpty ? nil : 0)
        guard let c else { cannotCheck(id, "找不到列「\(column ?? "金额")」"); return nil }
        guard let r = rowIndex(id, panel: p, named: row) ?? (row == "合计" ? totalRow(id, panel: p) : nil) else {
            if rows(id, panel: p).isEmpty { return zero(id, label ?? .text(row)) }
            cannotCheck(id, "找不到行「\(row)」"); return nil
        }
        return term(id, panel: p, row: r, column: c,
                    label: label ?? column.map { $0 == "金额" || $0 == "决算数" ? .text(row) : .column(row, $0) } ?? .text(row))
    }

    func zero(_ id: TableID, _ label: TermLabel) -> Term {
        Term(hundredths: 0, unit: tables[id]?.unit ?? .wanYuan, table: id, isBlank: true, place: nil, label: label)
    }

    mutating func cannotCheck(_ id: TableID, _ why: String) {
        let key = "\(id.rawValue)\(why)"
        guard !unresolved.contains(key) else { return }
        unresolved.insert(key)
        findings.append(Finding(rule: rule.id, severity: .hint, location: .table(id),
                                message: "表「\(id.title)」\(why)，无法核对：\(rule.description)",
                                summary: "\(why)，无法核对"))
    }

    // MARK: comparisons

    /// Σ lhs = Σ rhs, allowing the rounding of the shown values: each nonzero 万元 amount stands for
    /// ± half a hundredth, so the sides may differ by less than the sum of those half-widths (尾差, a hint).
    mutating func equal(_ lhs: [Term], _ rhs: [Term], what: @autoclosure () -> String) {
        equal(lhs, rhs) { $0.add(what()) }
    }

    /// `equal`, the finding's opening (what must hold) written by `what` straight into its message.
    mutating func equal(_ lhs: [Term], _ rhs: [Term], what: (inout RuleText) -> Void) {
        let found = lhs.reduce(Int64(0)) { $0 + $1.fen }
        let expected = rhs.reduce(Int64(0)) { $0 + $1.fen }
        let gap = found - expected
        guard gap != 0 else { return }
        let slack = lhs.reduce(Int64(0)) { $0 + $1.halfWidthFen } + rhs.reduce(Int64(0)) { $0 + $1.halfWidthFen }
        let severity: Severity = abs(gap) < slack ? .hint : .error
        let unit = lhs.first?.unit ?? .wanYuan
        let foundText = Money(fen: found).shownText(unit), expectedText = Money(fen: expected).shownText(unit)
        // "<what>：<lhs> + … 为 <found>，<rhs or n项之和>为 <expected>，相差 <gap>[，…（尾差）][。各项：<term> <amount>，…]",
        // written into one buffer (the terms are quoted twice when there are several).
        let lhs = quoted(lhs), rhs = quoted(rhs)
        var message = RuleText(capacity: 320 + (lhs.count + 2 * rhs.count) * 96, tables: tables)
        what(&message)
        message.add(fixed: "：")
        for (i, term) in lhs.enumerated() {
            if i > 0 { message.add(fixed: " + ") }
            message.add(term)
        }
        message.add(fixed: " 为 ")
        message.add(foundText)
        message.add(fixed: "，")
        if rhs.count == 1 { message.add(rhs[0]) } else { message.add(rhs.count); message.add(fixed: "项之和") }
        message.add(fixed: "为 ")
        message.add(expectedText)
        message.add(fixed: "，相差 ")
        message.add(fen: abs(gap), unit: unit)
        if severity == .hint { message.add(fixed: "，在四舍五入的尾差范围内（尾差）") }
        if rhs.count > 1 {
            message.add(fixed: "。各项：")
            for (i, term) in rhs.enumerated() {
                if i > 0 { message.add(fixed: "，") }
                message.add(term)
                message.add(fixed: " ")
                message.add(fen: term.fen, unit: term.unit)
            }
        }
        findings.append(Finding(rule: rule.id, severity: severity, location: location(lhs, rhs), message: message.string,
                                summary: TableFindingSummary.unequal(lhs, rhs, gapFen: gap, unit: unit, hint: severity == .hint, tables: tables),
                                expected: expectedText, found: foundText))
    }

    /// `equal` of one term against one, without making arrays for a pair that agrees (most do).
    mutating func equal(_ lhs: Term, _ rhs: Term, what: @autoclosure () -> String) {
        guard lhs.fen != rhs.fen else { return }
        equal([lhs], [rhs], what: what())
    }

    /// Whether Σ lhs = Σ rhs for cells of one panel, computed as `equal` does: when they balance,
    /// `equal` reports nothing, so the terms and their labels need not be made.
    func balances(_ id: TableID, panel: Int, _ lhs: [(row: Int, column: Int)], _ rhs: [(row: Int, column: Int)]) -> Bool {
        let table = tables[id]
        let rows = table?.panels[safe: panel]?.rows
        let perHundredth = (table?.unit ?? .wanYuan).fenPerHundredth
        func fen(_ cell: (row: Int, column: Int)) -> Int64 {
            ((rows?[safe: cell.row]?.values[safe: cell.column] ?? nil) ?? 0) * perHundredth
        }
        let found = lhs.reduce(Int64(0)) { $0 + fen($1) }
        let expected = rhs.reduce(Int64(0)) { $0 + fen($1) }
        return found - expected == 0
    }

    /// `balances` of one cell against the cells of one column in `rows`, without building the cell list
    /// (asked once per parent and column of every subject hierarchy).
    func balances(_ id: TableID, panel: Int, _ cell: (row: Int, column: Int), rows: [Int], column: Int) -> Bool {
        let tableRows = tables[id]?.panels[safe: panel]?.rows
        func shown(_ row: Int, _ column: Int) -> Int64 { (tableRows?[safe: row]?.values[safe: column] ?? nil) ?? 0 }
        // Both sides are in one table's unit, so comparing the shown values is comparing the amounts.
        return shown(cell.row, cell.column) == rows.reduce(Int64(0)) { $0 + shown($1, column) }
    }

    /// `balances(_:panel:_:rows:column:)` on a panel's rows already at hand.
    static func balances(_ tableRows: [TableRow], _ cell: (row: Int, column: Int), rows: [Int], column: Int) -> Bool {
        func shown(_ row: Int, _ column: Int) -> Int64 { (tableRows[safe: row]?.values[safe: column] ?? nil) ?? 0 }
        return shown(cell.row, cell.column) == rows.reduce(Int64(0)) { $0 + shown($1, column) }
    }

    /// `balances(_:panel:_:row:columns:)` on one row's values: column `whole` against the `parts`.
    static func balances(_ values: [Int64?], whole: Int, parts: [Int]) -> Bool {
        func shown(_ column: Int) -> Int64 { (values[safe: column] ?? nil) ?? 0 }
        return shown(whole) == parts.reduce(Int64(0)) { $0 + shown($1) }
    }

    /// `balances` of one cell against the cells of one row in `columns` (asked once per row).
    func balances(_ id: TableID, panel: Int, _ cell: (row: Int, column: Int), row: Int, columns: [Int]) -> Bool {
        let tableRows = tables[id]?.panels[safe: panel]?.rows
        func shown(_ row: Int, _ column: Int) -> Int64 { (tableRows?[safe: row]?.values[safe: column] ?? nil) ?? 0 }
        return shown(cell.row, cell.column) == columns.reduce(Int64(0)) { $0 + shown(row, $1) }
    }

    /// part ≤ whole, allowing rounding.
    mutating func atMost(_ part: Term, _ whole: Term, what: @autoclosure () -> String) {
        let gap = part.fen - whole.fen
        guard gap > 0 else { return }
        let halfWidths = part.halfWidthFen + whole.halfWidthFen
        let quoted = quoted([part, whole])
        let part = quoted[0], whole = quoted[1]
        let severity: Severity = gap < halfWidths ? .hint : .error
        let what = what()
        let partText = Money(fen: part.fen).shownText(part.unit), wholeText = Money(fen: whole.fen).shownText(whole.unit)
        var message = RuleText(capacity: what.utf8.count + 320, tables: tables)
        message.add(what); message.add("："); message.add(part); message.add(" 为 "); message.add(partText)
        message.add("，超过 "); message.add(whole); message.add(" 的 "); message.add(wholeText)
        if severity == .hint { message.add("，在四舍五入的尾差范围内（尾差）") }
        findings.append(Finding(rule: rule.id, severity: severity, location: location([part, whole]), message: message.string,
                                summary: TableFindingSummary.exceeds(part, whole, gapFen: gap, hint: severity == .hint, tables: tables),
                                expected: "不超过 " + wholeText, found: partText))
    }

    /// Cells of the first term's sheet (the value a person would correct first), else the table.
    func location(_ terms: [QuotedTerm], _ more: [QuotedTerm] = []) -> FindingLocation {
        guard let first = terms.first(where: { $0.cell != nil }) ?? more.first(where: { $0.cell != nil }),
              let sheet = first.sheet else {
            return .table(terms.first?.table ?? more.first?.table ?? .t01)
        }
        var cells: [String] = []
        cells.reserveCapacity(terms.count + more.count)
        for list in [terms, more] {
            for t in list where t.sheet == sheet { if let c = t.cell, !cells.contains(c) { cells.append(c) } }
        }
        return .cells(sheet: sheet, cells: cells, table: first.table)
    }
}

extension Money {
    /// "1,704.87万元" style text for messages: the amount in the table's unit, two decimals.
    func shownText(_ unit: AmountUnit) -> String {
        var text = RuleText(capacity: 24)
        text.add(fen: fen, unit: unit)
        return text.string
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
