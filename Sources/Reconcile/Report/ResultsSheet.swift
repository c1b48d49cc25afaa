import Foundation
import OOXML

/// The 核对结果 sheet added to an annotated workbook: one row per finding, a 说明 column a reviewer
/// types explanations into, and a hidden 键 column that ties each row back to its finding.
enum ResultsSheet {
    static let name = "核对结果"
    /// 摘要 is the finding's short line, to scan the sheet by; 说明内容 has the full text. Readers find
    /// the 说明 and 键 columns by header, so sheets written before 摘要 existed still read back.
    static let headers = ["序号", "规则", "级别", "位置", "摘要", "说明内容", "应为", "实为", "说明", "键"]
    static let widths: [Double] = [6, 16, 8, 30, 36, 50, 14, 14, 36, 40]
    static let explanationColumn = 8
    static let keyColumn = 9

    struct Formats { var header: Int; var body: Int; var error: Int; var hint: Int; var explanation: Int }

    static func addFormats(_ styles: inout StylesEditor) -> Formats {
        let bold = styles.addBoldDefaultFont()
        let border = styles.addThinBorder()
        let grey = styles.addSolidFill("FFD9D9D9")
        let red = styles.addSolidFill(Annotator.errorFill)
        let yellow = styles.addSolidFill(Annotator.hintFill)
        let blue = styles.addSolidFill("FFDDEBF7")
        let centered = "<alignment horizontal=\"center\" vertical=\"center\" wrapText=\"1\"/>"
        let top = "<alignment vertical=\"top\" wrapText=\"1\"/>"
        return Formats(
            header: styles.addCellFormat(font: bold, fill: grey, border: border, alignment: centered),
            body: styles.addCellFormat(font: 0, fill: 0, border: border, alignment: top),
            error: styles.addCellFormat(font: bold, fill: red, border: border, alignment: centered),
            hint: styles.addCellFormat(font: bold, fill: yellow, border: border, alignment: centered),
            explanation: styles.addCellFormat(font: 0, fill: blue, border: border, alignment: top))
    }

    static func xml(findings: [Finding], formats: Formats) -> Data {
        var rows = [row(1, headers.map { .text($0) }, formats: Array(repeating: formats.header, count: headers.count))]
        for (i, f) in findings.enumerated() {
            let values: [Value] = [.number(i + 1), .text(f.rule), .text(f.severity.label), .text(f.location.text),
                                   .text(f.summary), .text(messageText(f)), .text(f.expected ?? ""), .text(f.found ?? ""),
                                   .text(f.explanation ?? ""), .text(f.key)]
            var styles = Array(repeating: formats.body, count: headers.count)
            styles[2] = f.severity == .error ? formats.error : formats.hint
            styles[explanationColumn] = formats.explanation
            rows.append(row(i + 2, values, formats: styles))
        }
        let last = CellAddress.columnName(headers.count - 1) + String(findings.count + 1)
        let cols = widths.enumerated().map { i, w in
            let hidden = i == keyColumn ? " hidden=\"1\"" : ""
            return "<col min=\"\(i + 1)\" max=\"\(i + 1)\" width=\"\(w)\" customWidth=\"1\"\(hidden)/>"
        }.joined()
        return Data(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            + "<worksheet xmlns=\"\(CommentsEditor.mainNamespace)\" xmlns:r=\"\(Relationships.namespace)\">"
            + "<sheetPr><tabColor rgb=\"FFC00000\"/></sheetPr><dimension ref=\"A1:\(last)\"/>"
            + "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
            + "</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/><cols>\(cols)</cols>"
            + "<sheetData>" + rows.joined() + "</sheetData>"
            + "<pageMargins left=\"0.5\" right=\"0.5\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
            + "<pageSetup paperSize=\"9\" orientation=\"landscape\"/></worksheet>").utf8)
    }

    /// The message, with the quoted sentence for a narrative finding (the workbook has no narrative beside it).
    static func messageText(_ f: Finding) -> String {
        if case let .narrative(_, _, sentence, _) = f.location, !sentence.isEmpty {
            return f.message + "\n原句：" + sentence
        }
        return f.message
    }

    enum Value { case text(String), number(Int) }

    private static func row(_ number: Int, _ values: [Value], formats: [Int]) -> String {
        var xml = "<row r=\"\(number)\">"
        for (i, value) in values.enumerated() {
            let ref = CellAddress.columnName(i) + String(number)
            switch value {
            case let .number(n): xml += "<c r=\"\(ref)\" s=\"\(formats[i])\"><v>\(n)</v></c>"
            case let .text(s) where s.isEmpty: xml += "<c r=\"\(ref)\" s=\"\(formats[i])\"/>"
            case let .text(s):
                xml += "<c r=\"\(ref)\" s=\"\(formats[i])\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(XMLEscape.text(s))</t></is></c>"
            }
        }
        return xml + "</row>"
    }
}
