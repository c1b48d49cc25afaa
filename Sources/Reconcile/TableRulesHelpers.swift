import Foundation
import TableSet

/// Checks shared by many rules: subject hierarchies and per-row sums across columns.
extension RuleContext {
    func rowLabel(_ row: TableRow) -> String { Self.rowLabel(row) }

    /// "「208 社会保障和就业支出」" (static, so a term's deferred label need not hold the rule's context).
    static func rowLabel(_ row: TableRow) -> String { rowLabel(row, then: "") }

    /// `rowLabel(row)` followed by `suffix` (a column name): the labels of the terms a failed sum quotes.
    static func rowLabel(_ row: TableRow, then suffix: String) -> String {
        var text = RuleText(capacity: 16 + row.name.utf8.count + suffix.utf8.count)
        text.add(row: row)
        text.add(suffix)
        return text.string
    }

    /// `code.count`, counted on the bytes when they are ASCII other than CR (each such byte is then one
    /// Character). Codes are digits: `String.count`'s walk over grapheme breaks is rarely needed.
    static func length(_ code: String) -> Int {
        var n = 0
        for b in code.utf8 {
            if b >= 0x80 || b == 0x0D { return code.count }
            n += 1
        }
        return n
    }

    /// 合计 = Σ 类 in every column.
    mutating func totalOfCategories(_ id: TableID, panel: Int = 0, total: String = "合计") {
        let rows = rows(id, panel: panel)
        guard let t = totalRow(id, panel: panel, named: total) else { return }
        let categories = rows.indices.filter { rows[$0].code.map(Self.length) == 3 }
        guard !categories.isEmpty else { return }
        for (c, column) in columns(id, panel: panel).enumerated() {
            if Self.balances(rows, (t, c), rows: categories, column: c) { continue }
            equal([term(id, panel: panel, row: t, column: c, label: .row(id, panel: panel, t, then: .column(c)))],
                  categories.map { term(id, panel: panel, row: $0, column: c, label: .row(id, panel: panel, $0, then: .column(c))) }) {
                $0.add(rows[t].name); $0.add(fixed: "应等于各类之和（"); $0.add(column); $0.add(fixed: "）")
            }
        }
    }

    /// Per row: column `whole` = Σ columns `parts` (names as in the table's columns).
    mutating func across(_ id: TableID, panel: Int = 0, whole: String, parts: [String]) {
        guard let w = columnIndex(id, panel: panel, whole) else {
            if !rows(id, panel: panel).isEmpty { cannotCheck(id, "找不到列「\(whole)」") }
            return
        }
        var ps: [Int] = []
        for part in parts {
            guard let c = columnIndex(id, panel: panel, part) else {
                if !rows(id, panel: panel).isEmpty { cannotCheck(id, "找不到列「\(part)」") }
                return
            }
            ps.append(c)
        }
        let rows = rows(id, panel: panel)
        for r in rows.indices {
            if Self.balances(rows[r].values, whole: w, parts: ps) { continue }
            equal([term(id, panel: panel, row: r, column: w, label: .row(id, panel: panel, r, then: .text(whole)))],
                  ps.map { term(id, panel: panel, row: r, column: $0, label: .row(id, panel: panel, r, then: .column($0))) }) {
                $0.add(row: rows[r]); $0.add(whole); $0.add(fixed: "应等于")
                for (k, part) in parts.enumerated() {
                    if k > 0 { $0.add(fixed: "、") }
                    $0.add(part)
                }
                $0.add(fixed: "之和")
            }
        }
    }

    /// Rows listed before the named total (the items it sums), skipping totals and "其中" lines.
    func rowsBefore(_ id: TableID, panel: Int, total: String) -> [Int] {
        guard let t = rowIndex(id, panel: panel, named: total) else { return [] }
        let rows = rows(id, panel: panel)
        return (0..<t).filter { r in
            guard rows[r].level != .total else { return false }
            let key = TextNorm.key(rows[r].name)
            // On plain text a prefix of bytes is a prefix of characters.
            return TextScan.isPlain(key) ? !key.utf8.starts(with: "其中".utf8) : !key.hasPrefix("其中")
        }
    }

    /// `RuleContext.rowKey` of each row of a panel (made once for all rules, see `TableKeys`).
    func rowKeys(_ id: TableID, panel: Int) -> [String] {
        let rows = rows(id, panel: panel)
        if let keys = keys.tables[id]?.panels[safe: panel]?.rowKeys, keys.count == rows.count { return keys }
        return rows.map { Self.rowKey($0.name) }
    }

    /// Whether every `rowKeys(id, panel:)` is plain text (`TableKeys.Panel.rowKeysArePlain`).
    func rowKeysArePlain(_ id: TableID, panel: Int) -> Bool {
        if let p = keys.tables[id]?.panels[safe: panel], p.rowKeys.count == rows(id, panel: panel).count { return p.rowKeysArePlain }
        return rowKeys(id, panel: panel).allSatisfy(TextScan.isPlain)
    }

    /// The rows of a panel that rows of another table are matched to (`RowMatcher`).
    func rowMatcher(_ id: TableID, panel: Int = 0) -> RowMatcher {
        let rows = rows(id, panel: panel)
        let keys = rowKeys(id, panel: panel)
        let candidates = rows.indices.filter { rows[$0].code.map(Self.length) ?? 3 == 3 }.map { (row: $0, key: keys[$0]) }
        let byCode = tables[id]?.panels[safe: panel] != nil ? self.keys.tables[id]?.panels[safe: panel]?.firstRowByCode : nil
        return RowMatcher(byCode: byCode ?? [:], candidates: candidates, plain: rowKeysArePlain(id, panel: panel))
    }
}

/// Finds the row of one panel matching a row of another table: by code, else by name among the
/// rows that can stand for a 类 (no code, or a 3-digit one). Made once per rule, not a scan of every
/// row per row matched.
struct RowMatcher {
    let byCode: [String: Int]
    let candidates: [(row: Int, key: String)]
    /// Whether every candidate's key is plain text (then keys are compared by their bytes).
    let plain: Bool

    /// The row matching `row`, whose `RuleContext.rowKey` is `key` (known to be plain text when `keyIsPlain`).
    func row(for row: TableRow, key: String, keyIsPlain: Bool = false) -> Int? {
        if let code = row.code, let r = byCode[code] { return r }
        if plain && (keyIsPlain || TextScan.isPlain(key)) { return candidates.first { TableKeys.sameBytes($0.key, key) }?.row }
        return candidates.first { $0.key == key }?.row
    }
}
