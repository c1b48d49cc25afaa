import Foundation

/// A colour as six hex digits "RRGGBB" (written as opaque ARGB "FFRRGGBB").
public struct Color: Hashable, Sendable {
    public let rgb: String

    public init(_ hex: String) throws(SpreadsheetError) {
        var h = hex
        if h.hasPrefix("#") { h.removeFirst() }
        guard h.utf8.count == 6, h.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) }) else {
            throw SpreadsheetError(.invalidValue, detail: "颜色“\(hex)”无效（应为 6 位十六进制，如 FF0000）")
        }
        rgb = h.uppercased()
    }

    public static let black = Color(trusted: "000000")
    public static let white = Color(trusted: "FFFFFF")

    init(trusted: String) { rgb = trusted }

    var argb: String { "FF" + rgb }
}

public struct Font: Hashable, Sendable {
    public var name: String
    /// Points; Excel accepts 1–409.
    public var size: Double
    public var bold: Bool
    public var italic: Bool
    public var color: Color?

    public init(name: String = "宋体", size: Double = 11, bold: Bool = false, italic: Bool = false, color: Color? = nil) {
        self.name = name
        self.size = size
        self.bold = bold
        self.italic = italic
        self.color = color
    }
}

public enum BorderStyle: String, Hashable, Sendable {
    case thin, medium, thick, dashed, dotted, double, hair
}

public struct Border: Hashable, Sendable {
    public var left: BorderStyle?
    public var right: BorderStyle?
    public var top: BorderStyle?
    public var bottom: BorderStyle?

    public init(left: BorderStyle? = nil, right: BorderStyle? = nil, top: BorderStyle? = nil, bottom: BorderStyle? = nil) {
        self.left = left
        self.right = right
        self.top = top
        self.bottom = bottom
    }

    /// The same line on all four sides.
    public static func all(_ style: BorderStyle) -> Border {
        Border(left: style, right: style, top: style, bottom: style)
    }

    public static let none = Border()
}

public enum HorizontalAlignment: String, Hashable, Sendable {
    case general, left, center, right, fill, justify, centerContinuous, distributed
}

public enum VerticalAlignment: String, Hashable, Sendable {
    case top, center, bottom, justify, distributed
}

/// A number format: one of Excel's builtin ids, or a custom format code like `#,##0.00`.
public enum NumberFormat: Hashable, Sendable {
    case builtin(Int)
    case custom(String)

    public static let general = NumberFormat.builtin(0)
    /// `0.00`
    public static let twoDecimals = NumberFormat.builtin(2)
    /// `#,##0.00`
    public static let thousandsTwoDecimals = NumberFormat.builtin(4)
}

/// Everything that styles one cell. Equal styles share one entry in styles.xml.
public struct CellStyle: Hashable, Sendable {
    /// nil: the workbook's default font.
    public var font: Font?
    /// Solid fill colour; nil: no fill.
    public var fill: Color?
    public var border: Border
    public var horizontal: HorizontalAlignment?
    public var vertical: VerticalAlignment?
    public var wrapText: Bool
    public var numberFormat: NumberFormat
    /// Indent level of the text (each level about one character width); 0: none.
    public var indent: Int = 0

    public init(font: Font? = nil, fill: Color? = nil, border: Border = .none,
                horizontal: HorizontalAlignment? = nil, vertical: VerticalAlignment? = nil,
                wrapText: Bool = false, numberFormat: NumberFormat = .general, indent: Int = 0) {
        self.indent = indent
        self.font = font
        self.fill = fill
        self.border = border
        self.horizontal = horizontal
        self.vertical = vertical
        self.wrapText = wrapText
        self.numberFormat = numberFormat
    }

    public static let `default` = CellStyle()
}

/// Collects the distinct styles a workbook uses, in first-use order, and writes styles.xml.
struct StyleTable {
    private(set) var fonts: [Font]
    private var fontIndex: [Font: Int] = [:]
    private(set) var fills: [Color] = []
    private var fillIndex: [Color: Int] = [:]
    private(set) var borders: [Border] = [.none]
    private var borderIndex: [Border: Int] = [.none: 0]
    private(set) var customFormats: [String] = []
    private var customFormatIndex: [String: Int] = [:]
    private(set) var styles: [CellStyle] = [.default]
    private var styleIndex: [CellStyle: Int] = [.default: 0]

    static let firstCustomFormatId = 164

    init(defaultFont: Font) {
        fonts = [defaultFont]
        fontIndex[defaultFont] = 0
    }

    /// The cellXfs index for a style, adding it when new. Validates what Excel would reject.
    mutating func index(of style: CellStyle) throws(SpreadsheetError) -> Int {
        if let i = styleIndex[style] { return i }
        if let font = style.font {
            guard font.size >= 1, font.size <= 409, font.size.isFinite else {
                throw SpreadsheetError(.invalidValue, detail: "字号 \(font.size) 超出范围（1–409 磅）")
            }
            guard !font.name.isEmpty, font.name.utf16.count <= 31 else {
                throw SpreadsheetError(.invalidValue, detail: "字体名称“\(font.name)”无效（1–31 个字符）")
            }
        }
        guard (0...250).contains(style.indent) else {
            throw SpreadsheetError(.invalidValue, detail: "缩进级数 \(style.indent) 超出范围（0–250）")
        }
        switch style.numberFormat {
        case .builtin(let id):
            guard (0...49).contains(id) else {
                throw SpreadsheetError(.invalidValue, detail: "内置数字格式编号 \(id) 无效（0–49）")
            }
        case .custom(let code):
            guard !code.isEmpty, code.utf16.count <= 255 else {
                throw SpreadsheetError(.invalidValue, detail: "自定义数字格式“\(code)”无效（1–255 个字符）")
            }
        }
        guard styles.count < 64_000 else {
            throw SpreadsheetError(.invalidValue, detail: "单元格格式超过 Excel 上限 64000 种")
        }
        let i = styles.count
        styles.append(style)
        styleIndex[style] = i
        if let font = style.font, fontIndex[font] == nil {
            fontIndex[font] = fonts.count
            fonts.append(font)
        }
        if let fill = style.fill, fillIndex[fill] == nil {
            fillIndex[fill] = fills.count
            fills.append(fill)
        }
        if borderIndex[style.border] == nil {
            borderIndex[style.border] = borders.count
            borders.append(style.border)
        }
        if case .custom(let code) = style.numberFormat, customFormatIndex[code] == nil {
            customFormatIndex[code] = StyleTable.firstCustomFormatId + customFormats.count
            customFormats.append(code)
        }
        return i
    }

    private func numFmtId(_ format: NumberFormat) -> Int {
        switch format {
        case .builtin(let id): return id
        case .custom(let code): return customFormatIndex[code] ?? 0
        }
    }

    /// Double to the shortest text that reads back the same (sizes and widths, never money).
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    private func writeFont(_ font: Font, into x: inout XMLOutput) {
        x.raw("<font>")
        if font.bold { x.raw("<b/>") }
        if font.italic { x.raw("<i/>") }
        x.raw("<sz"); x.attr("val", StyleTable.number(font.size)); x.raw("/>")
        if let color = font.color {
            x.raw("<color"); x.attr("rgb", color.argb); x.raw("/>")
        }
        x.raw("<name"); x.attr("val", font.name); x.raw("/>")
        x.raw("<family val=\"2\"/>")
        // East Asian font names get the GB2312 charset so Excel picks the right script.
        if font.name.unicodeScalars.contains(where: { $0.value > 0x7F }) { x.raw("<charset val=\"134\"/>") }
        x.raw("</font>")
    }

    func xml() -> Data {
        var x = XMLOutput()
        x.raw("<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">")
        if !customFormats.isEmpty {
            x.raw("<numFmts"); x.attr("count", customFormats.count); x.raw(">")
            for (offset, code) in customFormats.enumerated() {
                x.raw("<numFmt"); x.attr("numFmtId", StyleTable.firstCustomFormatId + offset); x.attr("formatCode", code); x.raw("/>")
            }
            x.raw("</numFmts>")
        }
        x.raw("<fonts"); x.attr("count", fonts.count); x.raw(">")
        for font in fonts { writeFont(font, into: &x) }
        x.raw("</fonts>")
        x.raw("<fills"); x.attr("count", fills.count + 2); x.raw(">")
        // Excel reserves the first two fills.
        x.raw("<fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>")
        for fill in fills {
            x.raw("<fill><patternFill patternType=\"solid\"><fgColor"); x.attr("rgb", fill.argb)
            x.raw("/><bgColor indexed=\"64\"/></patternFill></fill>")
        }
        x.raw("</fills>")
        x.raw("<borders"); x.attr("count", borders.count); x.raw(">")
        for border in borders {
            x.raw("<border>")
            for (side, style) in [("left", border.left), ("right", border.right), ("top", border.top), ("bottom", border.bottom)] {
                if let style {
                    x.raw("<\(side)"); x.attr("style", style.rawValue); x.raw("><color indexed=\"64\"/></\(side)>")
                } else {
                    x.raw("<\(side)/>")
                }
            }
            x.raw("<diagonal/></border>")
        }
        x.raw("</borders>")
        x.raw("<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>")
        x.raw("<cellXfs"); x.attr("count", styles.count); x.raw(">")
        for style in styles {
            let fontId = style.font.flatMap { fontIndex[$0] } ?? 0
            let fillId = style.fill.flatMap { fillIndex[$0] }.map { $0 + 2 } ?? 0
            let borderId = borderIndex[style.border] ?? 0
            let numFmtId = numFmtId(style.numberFormat)
            x.raw("<xf"); x.attr("numFmtId", numFmtId); x.attr("fontId", fontId); x.attr("fillId", fillId)
            x.attr("borderId", borderId); x.attr("xfId", 0)
            if numFmtId != 0 { x.attr("applyNumberFormat", 1) }
            if fontId != 0 { x.attr("applyFont", 1) }
            if fillId != 0 { x.attr("applyFill", 1) }
            if borderId != 0 { x.attr("applyBorder", 1) }
            let aligned = style.horizontal != nil || style.vertical != nil || style.wrapText || style.indent > 0
            if aligned {
                x.attr("applyAlignment", 1)
                x.raw("><alignment")
                if let h = style.horizontal { x.attr("horizontal", h.rawValue) }
                if let v = style.vertical { x.attr("vertical", v.rawValue) }
                if style.wrapText { x.attr("wrapText", 1) }
                if style.indent > 0 { x.attr("indent", style.indent) }
                x.raw("/></xf>")
            } else {
                x.raw("/>")
            }
        }
        x.raw("</cellXfs>")
        x.raw("<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>")
        x.raw("<dxfs count=\"0\"/><tableStyles count=\"0\"/>")
        x.raw("</styleSheet>")
        return x.data
    }
}

/// The style table shared by a workbook and its sheets (sheets may outlive the writer variable).
final class StyleRegistry {
    var table: StyleTable
    init(_ table: StyleTable) { self.table = table }
}
