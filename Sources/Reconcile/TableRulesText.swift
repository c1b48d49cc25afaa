import Accounts
import TableSet

/// A finding's text written as UTF-8 bytes into one buffer and made a String once.
/// Failure messages quote dozens of terms; `String.append` costs some 300 instructions per piece
/// (flags, capacity checks) and `Array.append` over a hundred, where copying the piece's bytes
/// into a buffer of our own costs a few dozen. Not copyable: the buffer has one owner, which frees it.
struct RuleText: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
    /// Where the rows and columns named by term labels are found.
    private let tables: ByTable<StatTable>?

    init(capacity: Int, tables: ByTable<StatTable>? = nil) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
        self.tables = tables
    }

    deinit { base.deallocate() }

    /// Room for `n` more bytes.
    @inline(__always)
    private mutating func reserve(_ n: Int) {
        if n > capacity - count { grow(to: count + n) }
    }

    private mutating func grow(to needed: Int) {
        let larger = max(needed, capacity * 2)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.initialize(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = larger
    }

    @inline(__always)
    private mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func add(_ text: String) {
        let n = text.utf8.count
        reserve(n)
        let end = base + count
        // Native strings lend their bytes; others (bridged) go byte by byte.
        let copied: Void? = text.utf8.withContiguousStorageIfAvailable { piece in
            if let start = piece.baseAddress { end.initialize(from: start, count: piece.count) }
        }
        if copied == nil {
            var i = 0
            for b in text.utf8 where i < n { end[i] = b; i += 1 }
        }
        count += n
    }

    /// Fixed text (a literal), copied as it is without String's bookkeeping: the pieces between the
    /// quoted names and figures of a finding.
    mutating func add(fixed text: StaticString) {
        guard text.hasPointerRepresentation else {
            return text.withUTF8Buffer { piece in
                reserve(piece.count)
                if let start = piece.baseAddress { (base + count).initialize(from: start, count: piece.count) }
                count += piece.count
            }
        }
        let n = text.utf8CodeUnitCount
        reserve(n)
        (base + count).initialize(from: text.utf8Start, count: n)
        count += n
    }

    mutating func add(_ number: Int) {
        if number < 0 { append(UInt8(ascii: "-")) }
        addDigits(number.magnitude)
    }

    /// "1704.87万元": an amount in hundredths of `unit`, as `Money.shownText` writes it.
    mutating func add(hundredths value: Int64, unit: AmountUnit) {
        if value < 0 { append(UInt8(ascii: "-")) }
        let m = value.magnitude
        addDigits(UInt(m / 100))
        append(UInt8(ascii: "."))
        append(UInt8(ascii: "0") + UInt8(m % 100 / 10))
        append(UInt8(ascii: "0") + UInt8(m % 10))
        add(unit.rawValue)
    }

    /// An amount in 分, shown in `unit` (rounded half up as the table shows it).
    mutating func add(fen: Int64, unit: AmountUnit) {
        add(hundredths: unit.shown(Money(fen: fen)), unit: unit)
    }

    /// "表2「208 社会保障和就业支出」合计（「收入决算表」C7）".
    mutating func add(_ term: QuotedTerm) {
        add(fixed: "表"); add(term.table.rawValue); add(term.label)
        guard let cell = term.cell else { return }
        if let sheet = term.sheet { add(fixed: "（「"); add(sheet); add(fixed: "」") } else { add(fixed: "（") }
        add(cell)
        add(fixed: "）")
    }

    /// A row as `RuleContext.rowLabel` quotes it: "「208 社会保障和就业支出」".
    mutating func add(row: TableRow) { add(code: row.code, name: row.name) }

    /// "「208 社会保障和就业支出」" from the row's code and name (read in place, not the row copied).
    mutating func add(code: String?, name: String) {
        add(fixed: "「")
        if let code { add(code); add(fixed: " ") }
        add(name)
        add(fixed: "」")
    }

    /// A term's label: "「208 社会保障和就业支出」合计" (a row or column not in `tables` is left out).
    mutating func add(_ label: TermLabel) {
        switch label {
        case let .text(line):
            add(line)
        case let .quoted(name):
            add(fixed: "「"); add(name); add(fixed: "」")
        case let .column(line, column):
            add(line); add(fixed: "（"); add(column); add(fixed: "）")
        case let .row(table, panel, row, withCode, suffix):
            // By index, in place: a copy of the panel or the row would retain each of their fields.
            guard let panels = tables?[table]?.panels, panels.indices.contains(panel),
                  panels[panel].rows.indices.contains(row) else { return }
            if withCode {
                add(code: panels[panel].rows[row].code, name: panels[panel].rows[row].name)
            } else {
                add(fixed: "「"); add(panels[panel].rows[row].name); add(fixed: "」")
            }
            let columns = panels[panel].columns
            switch suffix {
            case .none: break
            case let .column(c): if columns.indices.contains(c) { add(columns[c]) }
            case let .bracketedColumn(c): add(fixed: "（"); if columns.indices.contains(c) { add(columns[c]) }; add(fixed: "）")
            case let .text(text): add(text)
            }
        }
    }

    private mutating func addDigits(_ value: UInt) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var v = value, n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat { d[n] = UInt8(ascii: "0") + UInt8(v % 10); v /= 10; n += 1 } while v > 0
            while n > 0 { n -= 1; append(d[n]) }
        }
    }

    /// The text as a String. Every piece added is a whole String's UTF-8 or ASCII, so the bytes are
    /// valid UTF-8 and need no second validation (which costs some ten instructions a byte on Chinese
    /// text, more than writing the message).
    var string: String {
        let bytes = UnsafeBufferPointer(start: base, count: count)
        guard #available(macOS 26, *) else { return String(decoding: bytes, as: UTF8.self) }
        // Chinese messages almost always have a non-ASCII byte near the start, so this test stops early.
        let isASCII = !bytes.contains { $0 >= 0x80 }
        return unsafe String(copying: UTF8Span(unchecked: Span(_unsafeElements: bytes), isKnownASCII: isASCII))
    }
}
