import Accounts
import TableSet

/// A finding's text written as UTF-8 bytes into one buffer and made a String once.
/// Failure messages quote dozens of terms; `String.append` costs some 300 instructions per piece
/// (flags, capacity checks) where copying the piece's bytes costs a few dozen.
struct RuleText {
    private var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func add(_ text: String) {
        // Native strings lend their bytes without a copy; others (bridged) go byte by byte.
        if text.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
            bytes.append(contentsOf: text.utf8)
        }
    }

    mutating func add(_ number: Int) {
        if number < 0 { bytes.append(UInt8(ascii: "-")) }
        addDigits(number.magnitude)
    }

    /// "1704.87万元": an amount in hundredths of `unit`, as `Money.shownText` writes it.
    mutating func add(hundredths value: Int64, unit: AmountUnit) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        let m = value.magnitude
        addDigits(UInt(m / 100))
        bytes.append(UInt8(ascii: "."))
        bytes.append(UInt8(ascii: "0") + UInt8(m % 100 / 10))
        bytes.append(UInt8(ascii: "0") + UInt8(m % 10))
        add(unit.rawValue)
    }

    /// An amount in 分, shown in `unit` (rounded half up as the table shows it).
    mutating func add(fen: Int64, unit: AmountUnit) {
        add(hundredths: unit.shown(Money(fen: fen)), unit: unit)
    }

    /// "表2「208 社会保障和就业支出」合计（「收入决算表」C7）".
    mutating func add(_ term: Term) {
        add("表"); add(term.table.rawValue); add(term.label)
        guard let cell = term.cell else { return }
        add("（")
        if let sheet = term.sheet { add("「"); add(sheet); add("」") }
        add(cell)
        add("）")
    }

    /// A term's label: "「208 社会保障和就业支出」合计".
    mutating func add(_ label: TermLabel) {
        switch label {
        case let .text(text):
            add(text)
        case let .column(line, column):
            add(line); add("（"); add(column); add("）")
        case let .row(code, name, suffix):
            add("「")
            if let code { add(code); add(" ") }
            add(name)
            add("」")
            add(suffix)
        }
    }

    private mutating func addDigits(_ value: UInt) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var v = value, n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat { d[n] = UInt8(ascii: "0") + UInt8(v % 10); v /= 10; n += 1 } while v > 0
            while n > 0 { n -= 1; bytes.append(d[n]) }
        }
    }

    /// The text as a String. Every piece added is a whole String's UTF-8 or ASCII, so the bytes are
    /// valid UTF-8 and need no second validation (which costs some ten instructions a byte on Chinese
    /// text, more than writing the message).
    var string: String {
        guard #available(macOS 26, *) else { return String(decoding: bytes, as: UTF8.self) }
        // Chinese messages almost always have a non-ASCII byte near the start, so this test stops early.
        let isASCII = !bytes.contains { $0 >= 0x80 }
        return bytes.withUnsafeBufferPointer { buffer in
            unsafe String(copying: UTF8Span(unchecked: Span(_unsafeElements: buffer), isKnownASCII: isASCII))
        }
    }
}
