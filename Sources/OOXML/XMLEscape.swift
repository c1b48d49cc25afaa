/// The one XML escaper of juesuan: every part it writes (worksheets, comments, relationships,
/// content types) escapes text and attribute values here, so no part can come out malformed.
///
/// - Text: `&`, `<`, `>` as entities, CR as `&#13;` (a parser would fold it into LF); tab and LF
///   stay as they are.
/// - Attribute values: also `"`, and tab, LF, CR as character references (a parser would turn
///   them into spaces).
/// - Characters XML 1.0 cannot carry at all (C0 controls other than tab, LF, CR; U+FFFE, U+FFFF)
///   are dropped, or written the way Excel writes them in SpreadsheetML strings (`_x0001_`),
///   which Excel, LibreOffice and `ExcelEscape.decode` read back as the character.
public enum XMLEscape {
    /// What becomes of a character XML 1.0 cannot carry.
    public enum Unrepresentable: Sendable {
        case drop
        /// `_xHHHH_`, Excel's escape inside SpreadsheetML strings.
        case excelEscape
    }

    public static func text(_ s: String, unrepresentable: Unrepresentable = .drop) -> String {
        guard needsEscape(s, attribute: false) else { return s }
        var bytes: [UInt8] = []
        append(s, attribute: false, unrepresentable: unrepresentable, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func attribute(_ s: String, unrepresentable: Unrepresentable = .drop) -> String {
        guard needsEscape(s, attribute: true) else { return s }
        var bytes: [UInt8] = []
        append(s, attribute: true, unrepresentable: unrepresentable, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether `s` holds a byte these rules change (most text holds none: it is handed back as is).
    static func needsEscape(_ s: String, attribute: Bool) -> Bool {
        s.utf8.contains { b in
            b < 0x20 && (attribute || (b != 0x09 && b != 0x0A)) || b == 0x26 || b == 0x3C || b == 0x3E
                || (attribute && b == 0x22) || b == 0xEF
        }
    }

    /// Appends `s` escaped as text or as an attribute value. With `excelCellText`, CR is written
    /// `_x000D_` and a literal `_xHHHH_` in the text gets its underscore escaped (`_x005F_`), as
    /// Excel writes cell strings.
    public static func append(_ s: String, attribute: Bool, unrepresentable: Unrepresentable,
                              excelCellText: Bool = false, to bytes: inout [UInt8]) {
        let utf8 = Array(s.utf8)
        func raw(_ t: String) { bytes.append(contentsOf: t.utf8) }
        var i = 0
        while i < utf8.count {
            let b = utf8[i]
            switch b {
            case UInt8(ascii: "&"): raw("&amp;")
            case UInt8(ascii: "<"): raw("&lt;")
            case UInt8(ascii: ">"): raw("&gt;")
            case UInt8(ascii: "\"") where attribute: raw("&quot;")
            case 0x09, 0x0A:
                if attribute { raw(b == 0x09 ? "&#9;" : "&#10;") } else { bytes.append(b) }
            case 0x0D:
                if excelCellText { raw("_x000D_") } else { raw("&#13;") }
            case 0x00..<0x20:
                if unrepresentable == .excelEscape { raw(ExcelEscape.hex(UInt32(b))) }
            case UInt8(ascii: "_") where excelCellText && ExcelEscape.isEscapeSequence(utf8, at: i):
                // A literal "_xHHHH_" would be read back as an escape: escape its underscore.
                raw("_x005F_")
            case 0xEF where i + 2 < utf8.count && utf8[i + 1] == 0xBF && (utf8[i + 2] == 0xBE || utf8[i + 2] == 0xBF):
                // U+FFFE / U+FFFF are not XML characters either.
                if unrepresentable == .excelEscape { raw(ExcelEscape.hex(utf8[i + 2] == 0xBE ? 0xFFFE : 0xFFFF)) }
                i += 2
            default:
                bytes.append(b)
            }
            i += 1
        }
    }

    /// Undoes the predefined entities and character references of XML text read as bytes.
    public static func unescape(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = ""
        var rest = Substring(s)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";") else { out += rest[amp...]; return out }
            let entity = rest[rest.index(after: amp)..<semi]
            switch entity {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                let hex = entity.hasPrefix("#x") || entity.hasPrefix("#X")
                let digits = entity.dropFirst(hex ? 2 : 1)
                if entity.hasPrefix("#"), let v = UInt32(digits, radix: hex ? 16 : 10), let u = Unicode.Scalar(v) {
                    out.unicodeScalars.append(u)
                } else {
                    out += rest[amp...semi]
                }
            }
            rest = rest[rest.index(after: semi)...]
        }
        out += rest
        return out
    }
}
