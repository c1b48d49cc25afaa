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
        text.add("「")
        if let code = row.code { text.add(code); text.add(" ") }
        text.add(row.name)
        text.add("」")
        text.add(suffix)
        return text.string
    }

    /// 合计 = Σ 类 in every column.
    mutating func totalOfCategories(_ id: TableID, panel: Int = 0, total: String = "合计") {
        let rows = rows(id, panel: panel)
        guard let t = totalRow(id, panel: panel, named: total) else { return }
        let categories = rows.indices.filter { rows[$0].code?.count == 3 }
        guard !categories.isEmpty else { return }
        for (c, column) in columns(id, panel: panel).enumerated() {
            if Self.balances(rows, (t, c), rows: categories, column: c) { continue }
            equal([term(id, panel: panel, row: t, column: c, label: Self.rowLabel(rows[t], then: column))],
                  categories.map { term(id, panel: panel, row: $0, column: c, label: Self.rowLabel(rows[$0], then: column)) },
                  what: "\(rows[t].name)应等于各类之和（\(column)）")
        }
    }

    /// Every 类 = Σ its 款 and every 款 = Σ its 项, in every column (only where children are shown).
    mutating func subjectHierarchy(_ id: TableID, panel: Int = 0) {
        let rows = rows(id, panel: panel)
        // Each 款 and 项 under its parent's code, in row order: one pass, not a scan per parent.
        // (Codes are digits, so a prefix of characters and an equal string are the same test.)
        // Rows are read by index, not copied whole (a copy retains every field: with the rules on
        // several threads those reference counts are contended).
        let lengths = rows.map { $0.code?.count ?? 0 }
        var childrenByParent: [String: [Int]] = [:]
        for i in rows.indices where lengths[i] == 5 || lengths[i] == 7 {
            guard let code = rows[i].code else { continue }
            childrenByParent[String(code.prefix(lengths[i] - 2)), default: []].append(i)
        }
        let columns = columns(id, panel: panel)
        for p in rows.indices where lengths[p] == 3 || lengths[p] == 5 {
            guard let code = rows[p].code else { continue }
            let children = childrenByParent[code] ?? []
            guard !children.isEmpty else { continue }
            let parent = rows[p]
            let kind = code.count == 3 ? "类" : "款"
            let childKind = code.count == 3 ? "款" : "项"
            for (c, column) in columns.enumerated() {
                if Self.balances(rows, (p, c), rows: children, column: c) { continue }
                equal([term(id, panel: panel, row: p, column: c, label: Self.rowLabel(parent, then: column))],
                      children.map { term(id, panel: panel, row: $0, column: c, label: Self.rowLabel(rows[$0], then: column)) },
                      what: "\(kind)\(Self.rowLabel(parent))应等于其下各\(childKind)之和（\(column)）")
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
        let names = columns(id, panel: panel)
        let partsText = parts.joined(separator: "、")   // once, not once per failing row
        let rows = rows(id, panel: panel)
        for r in rows.indices {
            if Self.balances(rows[r].values, whole: w, parts: ps) { continue }
            let row = rows[r]
            equal([term(id, panel: panel, row: r, column: w, label: Self.rowLabel(row, then: whole))],
                  ps.map { term(id, panel: panel, row: r, column: $0, label: Self.rowLabel(row, then: names[$0])) },
                  what: "\(Self.rowLabel(row))\(whole)应等于\(partsText)之和")
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

    /// The row of another table matching a row by code, else by name.
    func matchingRow(_ id: TableID, panel: Int = 0, for row: TableRow) -> Int? {
        if let code = row.code, let r = rowIndex(id, panel: panel, code: code) { return r }
        let key = Self.rowKey(row.name)
        let rows = rows(id, panel: panel)
        // The rows' keys were made once for all rules (TableKeys); a fresh key per row and call would be quadratic.
        guard let keys = keys.tables[id]?.panels[safe: panel]?.rowKeys, keys.count == rows.count else {
            return rows.firstIndex { $0.code?.count ?? 3 == 3 && Self.rowKey($0.name) == key }
        }
        return rows.indices.first { rows[$0].code?.count ?? 3 == 3 && keys[$0] == key }
    }
}
