import Foundation
import OOXML
import TableSet

/// Values by table, in an array indexed by the table's number: the rules look tables up thousands
/// of times per workbook, and a dictionary hashes the id on every lookup.
struct ByTable<Value> {
    private var slots: [Value?]

    init(_ values: [TableID: Value] = [:]) {
        slots = Array(repeating: nil, count: (TableID.allCases.last?.rawValue ?? 0) + 1)
        for (id, value) in values { slots[id.rawValue] = value }
    }

    subscript(id: TableID) -> Value? {
        // Read in place (`_read`): a chain such as `tables[id]?.unit` copies nothing else.
        _read { yield slots[id.rawValue] }
        _modify { yield &slots[id.rawValue] }
    }
}

extension ByTable: Sendable where Value: Sendable {}

/// The normalised names of a set of tables, so rule lookups compare keys instead of
/// normalising every panel, column and row name on every lookup.
final class TableKeys: Sendable {
    struct Panel: Sendable {
        /// `TextNorm.key` of each column name.
        let columns: [String]
        /// Whether every column key is plain text (see `rowKeysArePlain`).
        let columnsArePlain: Bool
        /// The first row with each code (lookups by code are per row of another table: a scan each would be quadratic).
        let firstRowByCode: [String: Int]
        /// `RuleContext.rowKey` of each row, in row order.
        let rowKeys: [String]
        /// Whether every row key is plain text (`TextScan.isPlain`): a plain name then equals a key
        /// exactly when their bytes are equal, which is far cheaper than String's Unicode comparison.
        let rowKeysArePlain: Bool

        /// The first row whose key is `key` (a `RuleContext.rowKey`). A few dozen lookups per
        /// workbook: a scan of the keys costs less than hashing every row's key into a dictionary.
        func firstRow(key: String) -> Int? {
            guard rowKeysArePlain, TextScan.isPlain(key) else { return rowKeys.firstIndex(of: key) }
            return rowKeys.firstIndex { TableKeys.sameBytes($0, key) }
        }
    }

    struct Table: Sendable {
        /// `TextNorm.key` of each panel name.
        let panelNames: [String]
        let panels: [Panel]
    }

    let tables: ByTable<Table>

    /// The cores to spread work over, asked once (the answer is read from the system each time it is asked).
    static let processors = ProcessInfo.processInfo.activeProcessorCount

    /// The keys of every table; with `spread`, the tables are done on all cores. Keys made earlier
    /// (on the sheets' threads, `TableReadResult.keyed`) are taken for a table that is still the one
    /// they were made from (equal arrays of the same storage compare at once).
    init(_ tables: [TableID: StatTable], spread: Bool = false, made: [TableID: Keyed] = [:]) {
        var keyed = ByTable<Table>()
        var missing: [(key: TableID, value: StatTable)] = []
        for (id, table) in tables {
            if let earlier = made[id], earlier.table == table { keyed[id] = earlier.keys } else { missing.append((id, table)) }
        }
        let entries = missing
        let workers = spread ? min(entries.count, Self.processors) : 1
        guard workers > 1 else {
            for (id, table) in entries { keyed[id] = Self.keys(table) }
            self.tables = keyed
            return
        }
        let results = ResultsByIndex<Table>(count: entries.count)
        SheetThreads.perform(iterations: workers) { _ in
            while let i = results.claim() { results.store(Self.keys(entries[i].value), at: i) }
        }
        for (entry, keys) in zip(entries, results.values) { keyed[entry.key] = keys }
        self.tables = keyed
    }

    /// A table and its keys, made together.
    struct Keyed: Sendable {
        let table: StatTable
        let keys: Table

        init(_ table: StatTable) { self.table = table; keys = TableKeys.keys(table) }
    }

    static func keys(_ table: StatTable) -> Table {
        Table(panelNames: table.panels.map { TextNorm.key($0.name) },
              panels: table.panels.map { p in
                  let rowKeys = p.rows.map { RuleContext.rowKey($0.name) }
                  var firstRowByCode: [String: Int] = [:]
                  firstRowByCode.reserveCapacity(p.rows.count)
                  for (i, row) in p.rows.enumerated().reversed() {
                      if let code = row.code { firstRowByCode[code] = i }
                  }
                  let columns = p.columns.map(TextNorm.key)
                  return Panel(columns: columns, columnsArePlain: columns.allSatisfy(TextScan.isPlain), firstRowByCode: firstRowByCode,
                               rowKeys: rowKeys, rowKeysArePlain: rowKeys.allSatisfy(TextScan.isPlain))
              })
    }

    /// Whether two strings have the same UTF-8 bytes (for plain text, the same as `==`).
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        // Most keys compared differ in length: that test alone decides.
        a.utf8.count == b.utf8.count && endsWithBytes(a, b)
    }

    /// Whether the UTF-8 of `a` ends with that of `b` (for plain text, the same as `hasSuffix`: every
    /// plain scalar is a whole Character, and matching bytes start at a scalar's first byte).
    static func endsWithBytes(_ a: String, _ b: String) -> Bool {
        let n = a.utf8.count, m = b.utf8.count
        guard n >= m else { return false }
        let same = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y -> Bool in
                guard let p = x.baseAddress, let q = y.baseAddress else { return m == 0 }
                return memcmp(p + (n - m), q, m) == 0
            }
        }
        return (same ?? nil) ?? a.utf8.suffix(m).elementsEqual(b.utf8)
    }
}

/// Rule indices handed out from both ends: one thread takes the rules from the first on, the other
/// from the last back, so that at any time they mostly read different tables (two threads reading
/// the same table contend for its reference counts).
final class RuleClaims: @unchecked Sendable {
    private let lock = NSLock()
    private var front = 0
    private var back: Int

    init(count: Int) { back = count }

    func claim(fromEnd: Bool) -> Int? {
        lock.withLock {
            guard front < back else { return nil }
            if fromEnd { back -= 1; return back }
            defer { front += 1 }
            return front
        }
    }
}
