import Foundation

/// Builds XML output as UTF-8 bytes. Text is escaped for XML and, in cell text, the way Excel
/// escapes characters XML cannot carry (`_x0001_`).
struct XMLOutput {
    private(set) var bytes: [UInt8] = []

    init(declaration: Bool = true) {
        bytes.reserveCapacity(4096)
        if declaration {
            raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        }
    }

    var data: Data { Data(bytes) }

    /// Appends output already built (without its declaration).
    mutating func append(_ other: XMLOutput) {
        bytes.append(contentsOf: other.bytes)
    }

    mutating func raw(_ s: String) {
        bytes.append(contentsOf: s.utf8)
    }

    /// ` name="value"` with the value escaped.
    mutating func attr(_ name: String, _ value: String) {
        bytes.append(0x20)
        bytes.append(contentsOf: name.utf8)
        bytes.append(contentsOf: "=\"".utf8)
        escaped(value, quotes: true, excel: false)
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func attr(_ name: String, _ value: Int) {
        bytes.append(0x20)
        bytes.append(contentsOf: name.utf8)
        bytes.append(contentsOf: "=\"".utf8)
        int(value)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Decimal digits of an integer, without making a String.
    mutating func int(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var n = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[count] = UInt8(ascii: "0") + UInt8(n % 10)
                n /= 10
                count += 1
            } while n > 0
            for i in stride(from: count - 1, through: 0, by: -1) { bytes.append(d[i]) }
        }
    }

    /// ` r="AB12"` for a cell, without making a String.
    mutating func cellReference(_ address: CellAddress) {
        bytes.append(contentsOf: " r=\"".utf8)
        var n = address.column + 1
        var letters: (UInt8, UInt8, UInt8) = (0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &letters) { l in
            while n > 0 && count < 3 {
                l[count] = UInt8(ascii: "A") + UInt8((n - 1) % 26)
                n = (n - 1) / 26
                count += 1
            }
            for i in stride(from: count - 1, through: 0, by: -1) { bytes.append(l[i]) }
        }
        int(address.row + 1)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Element text, escaped for XML only (names, formulas, ...).
    mutating func text(_ s: String) {
        escaped(s, quotes: false, excel: false)
    }

    /// Cell text: XML escaping plus Excel's `_xHHHH_` escaping.
    mutating func cellText(_ s: String) {
        escaped(s, quotes: false, excel: true)
    }

    private mutating func escaped(_ s: String, quotes: Bool, excel: Bool) {
        XMLEscape.append(s, attribute: quotes, unrepresentable: .excelEscape, excelCellText: excel, to: &bytes)
    }
}

/// Excel's `_xHHHH_` escaping of characters inside cell text.
enum ExcelEscape {
    static func hex(_ scalar: UInt32) -> String {
        let digits = String(scalar, radix: 16, uppercase: true)
        return "_x" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits + "_"
    }

    private static func isHex(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66)
    }

    private static func hexValue(_ b: UInt8) -> UInt32 {
        if b <= 0x39 { return UInt32(b - 0x30) }
        return UInt32((b | 0x20) - 0x61 + 10)
    }

    /// Whether `_xHHHH_` starts at `i`.
    static func isEscapeSequence(_ u: [UInt8], at i: Int) -> Bool {
        guard i + 6 < u.count, u[i] == UInt8(ascii: "_"), u[i + 1] == UInt8(ascii: "x") || u[i + 1] == UInt8(ascii: "X"),
              u[i + 6] == UInt8(ascii: "_") else { return false }
        return isHex(u[i + 2]) && isHex(u[i + 3]) && isHex(u[i + 4]) && isHex(u[i + 5])
    }

    /// The text of UTF-8 bytes read from a workbook, `_xHHHH_` escapes undone: text without "_"
    /// (almost all) is made straight from the bytes.
    static func decode(bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { decode(bytes: $0) }
    }

    static func decode(bytes b: UnsafeBufferPointer<UInt8>) -> String {
        guard let base = b.baseAddress, b.count > 0 else { return "" }
        let text = String(decoding: b, as: UTF8.self)
        return memchr(base, Int32(UInt8(ascii: "_")), b.count) != nil ? decode(text) : text
    }

    /// Undoes `_xHHHH_` escapes in text read from a workbook.
    static func decode(_ s: String) -> String {
        guard s.utf8.contains(UInt8(ascii: "_")) else { return s }
        let u = Array(s.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(u.count)
        var i = 0
        var changed = false
        while i < u.count {
            if u[i] == UInt8(ascii: "_"), isEscapeSequence(u, at: i) {
                let value = (2...5).reduce(UInt32(0)) { $0 << 4 | hexValue(u[i + $1]) }
                if let scalar = Unicode.Scalar(value) {
                    out.append(contentsOf: String(Character(scalar)).utf8)
                    i += 7
                    changed = true
                    continue
                }
            }
            out.append(u[i])
            i += 1
        }
        return changed ? String(decoding: out, as: UTF8.self) : s
    }
}
