import TableSet

/// The subject hierarchy check: every 类 = Σ its 款 and every 款 = Σ its 项.
extension RuleContext {
    /// Every 类 = Σ its 款 and every 款 = Σ its 项, in every column (only where children are shown).
    mutating func subjectHierarchy(_ id: TableID, panel: Int = 0) {
        let rows = rows(id, panel: panel)
        // Rows are read by index, not copied whole (a copy retains every field: with the rules on
        // several threads those reference counts are contended).
        let families = Self.orderedFamilies(rows) ?? Self.families(rows)
        guard !families.isEmpty else { return }
        let columns = columns(id, panel: panel)
        for (p, children) in families {
            for (c, column) in columns.enumerated() {
                if Self.balances(rows, (p, c), rows: children, column: c) { continue }
                let isCategory = rows[p].code.map(Self.length) == 3
                equal([term(id, panel: panel, row: p, column: c, label: .row(id, panel: panel, p, then: .column(c)))],
                      children.map { term(id, panel: panel, row: $0, column: c, label: .row(id, panel: panel, $0, then: .column(c))) }) {
                    $0.add(fixed: isCategory ? "类" : "款"); $0.add(row: rows[p]); $0.add(fixed: "应等于其下各")
                    $0.add(fixed: isCategory ? "款" : "项"); $0.add(fixed: "之和（"); $0.add(column); $0.add(fixed: "）")
                }
            }
        }
    }

    /// Each 类 (3-character code) and 款 (5) row with the 款 and 项 rows under its code (its code and two
    /// characters more), parents and children in row order; parents without children are left out.
    static func families(_ rows: [TableRow]) -> [(parent: Int, children: [Int])] {
        let lengths = rows.map { $0.code.map(length) ?? 0 }
        // (Codes are digits, so a prefix of characters and an equal string are the same test.)
        var childrenByParent: [String: [Int]] = [:]
        for i in rows.indices where lengths[i] == 5 || lengths[i] == 7 {
            guard let code = rows[i].code else { continue }
            childrenByParent[String(code.prefix(lengths[i] - 2)), default: []].append(i)
        }
        guard !childrenByParent.isEmpty else { return [] }
        return rows.indices.compactMap { p in
            guard lengths[p] == 3 || lengths[p] == 5, let code = rows[p].code, let children = childrenByParent[code] else { return nil }
            return (p, children)
        }
    }

    /// `families` of a table whose 3-, 5- and 7-character codes are ASCII digits listed in strictly
    /// increasing order (as published tables list them), found in one pass without hashing the codes:
    /// in that order a child's parent, when there is one, is the last row before it at the parent's level.
    /// Nil for any other table.
    static func orderedFamilies(_ rows: [TableRow]) -> [(parent: Int, children: [Int])]? {
        var families: [(parent: Int, children: [Int])] = []
        var lastKey = -1
        // The last 类 and 款 rows seen: their code's value and their family's index (nil: none yet).
        var category: (value: Int, family: Int)?
        var section: (value: Int, family: Int)?
        for i in rows.indices {
            guard let code = rows[i].code else { continue }
            var value = 0, digits = 0
            for b in code.utf8 {
                guard b >= 0x30 && b <= 0x39, digits < 7 else { digits = -1; break }
                value = value * 10 + Int(b - 0x30)
                digits += 1
            }
            // Codes of other lengths take no part; one of 3, 5 or 7 characters that are not all ASCII
            // digits is left to `families`.
            if !(digits == 3 || digits == 5 || digits == 7) {
                let n = digits == -1 ? length(code) : digits
                if n == 3 || n == 5 || n == 7 { return nil }
                continue
            }
            // Code order: padded to 7 digits, then shorter (the parent) first.
            var padded = value
            for _ in digits..<7 { padded *= 10 }
            let key = padded * 4 + (digits - 3) / 2
            guard key > lastKey else { return nil }
            lastKey = key
            switch digits {
            case 3:
                families.append((i, []))
                category = (value, families.count - 1)
                section = nil
            case 5:
                if let category, category.value == value / 100 { families[category.family].children.append(i) }
                families.append((i, []))
                section = (value, families.count - 1)
            default:
                if let section, section.value == value / 100 { families[section.family].children.append(i) }
            }
        }
        return families.filter { !$0.children.isEmpty }
    }
}
