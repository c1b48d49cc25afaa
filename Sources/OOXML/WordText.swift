import Foundation

/// One paragraph of a Word document body, as the reader sees it.
public struct WordParagraph: Sendable, Equatable {
    /// Visible text: runs joined, tabs as "\t", line breaks as "\n".
    public var text: String
    /// Paragraph style id (w:pStyle), if any.
    public var styleID: String?
    /// For paragraphs inside a table cell: which table (0-based, document order, nested tables
    /// counted too), row and cell (0-based) of the innermost table.
    public var tableIndex: Int?
    public var row: Int?
    /// Cell ordinal within the row (0-based).
    public var column: Int?
    /// Grid column where the cell starts, counting horizontal spans (w:gridSpan, w:gridBefore).
    public var gridColumn: Int?
    /// True for a cell that continues a vertical merge (w:vMerge without "restart"): visually
    /// part of the cell above, normally empty.
    public var isMergedContinuation: Bool
    /// True for paragraphs of a text box (w:txbxContent).
    public var isInTextBox: Bool

    public var isTableCell: Bool { tableIndex != nil }

    public init(text: String, styleID: String? = nil, tableIndex: Int? = nil, row: Int? = nil,
                column: Int? = nil, gridColumn: Int? = nil, isMergedContinuation: Bool = false,
                isInTextBox: Bool = false) {
        self.text = text
        self.styleID = styleID
        self.tableIndex = tableIndex
        self.row = row
        self.column = column
        self.gridColumn = gridColumn
        self.isMergedContinuation = isMergedContinuation
        self.isInTextBox = isInTextBox
    }
}

/// Text extraction from the body of a .docx (the main document part), in document order.
///
/// Kept: ordinary and inserted (w:ins, w:moveTo) runs, field results, hyperlinks, content
/// controls, text boxes (once). Dropped: deleted text (w:del, w:moveFrom), field instructions,
/// bookmarks, comment and note references, the mc:Fallback copy of mc:AlternateContent,
/// revision records of old properties. Headers, footers, footnotes and comments are not read.
public enum WordText {
    public static func paragraphs(fromDocx path: String, limits: ZipLimits = .standard) throws(OOXMLError) -> [WordParagraph] {
        let package = try PackageReader(path: path, limits: limits)
        return try paragraphs(from: package)
    }

    public static func paragraphs(from package: PackageReader) throws(OOXMLError) -> [WordParagraph] {
        let part = try mainDocumentPart(of: package)
        let reader = try SecureXMLReader(package: package, part: part)
        var extractor = BodyExtractor(reader: reader)
        return try extractor.run()
    }

    /// Extracts paragraphs from the XML of a main document part.
    public static func paragraphs(documentXML data: Data, file: String, part: String) throws(OOXMLError) -> [WordParagraph] {
        let reader = try SecureXMLReader(data: data, file: file, part: part)
        var extractor = BodyExtractor(reader: reader)
        return try extractor.run()
    }

    /// The main document part named by the package relationships (normally "word/document.xml").
    public static func mainDocumentPart(of package: PackageReader) throws(OOXMLError) -> String {
        let fallback = "word/document.xml"
        var target: String?
        if package.contains("_rels/.rels") {
            let reader = try SecureXMLReader(package: package, part: "_rels/.rels")
            while try reader.read() {
                guard reader.isStart("Relationship"),
                      let type = reader.attribute("Type"), type.hasSuffix("/officeDocument"),
                      reader.attribute("TargetMode") != "External" else { continue }
                target = reader.attribute("Target")
                break
            }
        }
        if let target {
            let name = target.hasPrefix("/") ? String(target.dropFirst()) : target
            if package.contains(name) { return name }
            throw OOXMLError(.missingPart, file: package.path, part: name,
                             detail: "缺少 Word 正文部件，文件不完整或不是 Word 文档")
        }
        if package.contains(fallback) { return fallback }
        throw OOXMLError(.missingPart, file: package.path, part: fallback,
                         detail: "缺少 Word 正文部件，这不是 Word（.docx）文档")
    }
}

/// The state machine walking word/document.xml.
private struct BodyExtractor {
    static let wordML: StaticString = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let wordMLStrict: StaticString = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    static let markupCompatibility: StaticString = "http://schemas.openxmlformats.org/markup-compatibility/2006"

    struct ParagraphBuilder {
        var text = ""
        var styleID: String?
        var cell: TableFrame?
        var isInTextBox: Bool
        var depth: Int
    }

    struct TableFrame {
        var index: Int
        var row = -1
        var column = -1
        var gridColumn = 0
        var span = 1
        var nextGridColumn = 0
        var isMergedContinuation = false
    }

    let reader: SecureXMLReader
    var output: [WordParagraph] = []
    var paragraphs: [ParagraphBuilder] = []
    var tables: [TableFrame] = []
    var tableCount = 0
    var runDepths: [Int] = []
    /// One entry per open mc:AlternateContent: whether a branch has been taken.
    var alternates: [Bool] = []
    /// One entry per open complex field: true while in its instruction part (begin..separate).
    var fields: [Bool] = []
    var textBoxDepth = 0
    var inText = false
    var sawDocument = false

    init(reader: SecureXMLReader) {
        self.reader = reader
    }

    mutating func run() throws(OOXMLError) -> [WordParagraph] {
        while try reader.read() {
            switch reader.kind {
            case .startElement: try start()
            case .endElement: end()
            case .text:
                if inText, !fields.contains(true), !paragraphs.isEmpty {
                    paragraphs[paragraphs.count - 1].text += reader.text
                }
            case .other: break
            }
        }
        guard sawDocument else {
            throw OOXMLError(.invalidContent, file: reader.file, part: reader.part,
                             detail: "不是 Word 正文（根元素不是 w:document）")
        }
        return output
    }

    private var isWordElement: Bool {
        reader.isInNamespace(Self.wordML) || reader.isInNamespace(Self.wordMLStrict)
    }

    private var inRun: Bool { runDepths.last == reader.depth - 1 }

    private mutating func append(_ text: String) {
        guard inRun, !fields.contains(true), !paragraphs.isEmpty else { return }
        paragraphs[paragraphs.count - 1].text += text
    }

    private mutating func start() throws(OOXMLError) {
        if reader.isInNamespace(Self.markupCompatibility) {
            try startMarkupCompatibility()
            return
        }
        guard isWordElement else { return }
        let r = reader
        if r.hasLocalName("t") {
            inText = true
        } else if r.hasLocalName("r") {
            runDepths.append(r.depth)
        } else if r.hasLocalName("p") {
            paragraphs.append(ParagraphBuilder(cell: tables.last, isInTextBox: textBoxDepth > 0, depth: r.depth))
        } else if r.hasLocalName("tab") {
            append("\t")
        } else if r.hasLocalName("br") || r.hasLocalName("cr") {
            append("\n")
        } else if r.hasLocalName("noBreakHyphen") {
            append("-")
        } else if r.hasLocalName("fldChar") {
            switch r.attribute("fldCharType") {
            case "begin": fields.append(true)
            case "separate": if !fields.isEmpty { fields[fields.count - 1] = false }
            case "end": _ = fields.popLast()
            default: break
            }
        } else if r.hasLocalName("pStyle") {
            if !paragraphs.isEmpty, paragraphs[paragraphs.count - 1].depth == r.depth - 2 {
                paragraphs[paragraphs.count - 1].styleID = r.attribute("val")
            }
        } else if r.hasLocalName("tbl") {
            tables.append(TableFrame(index: tableCount))
            tableCount += 1
        } else if r.hasLocalName("tr") {
            if !tables.isEmpty {
                tables[tables.count - 1].row += 1
                tables[tables.count - 1].column = -1
                tables[tables.count - 1].nextGridColumn = 0
            }
        } else if r.hasLocalName("tc") {
            if !tables.isEmpty {
                let last = tables.count - 1
                tables[last].column += 1
                tables[last].gridColumn = tables[last].nextGridColumn
                tables[last].span = 1
                tables[last].isMergedContinuation = false
            }
        } else if r.hasLocalName("gridSpan") || r.hasLocalName("gridBefore") || r.hasLocalName("vMerge") {
            cellProperty(r)
        } else if r.hasLocalName("txbxContent") {
            textBoxDepth += 1
        } else if r.hasLocalName("document") {
            sawDocument = true
        } else if Self.isSkipped(r) {
            try r.skipElement()
        }
    }

    /// Table geometry from w:tcPr (gridSpan, vMerge) and w:trPr (gridBefore).
    private mutating func cellProperty(_ r: SecureXMLReader) {
        guard !tables.isEmpty else { return }
        let last = tables.count - 1
        let value = r.attribute("val")
        if r.hasLocalName("gridSpan") {
            tables[last].span = max(1, value.flatMap { Int($0) } ?? 1)
        } else if r.hasLocalName("gridBefore") {
            tables[last].nextGridColumn = max(0, value.flatMap { Int($0) } ?? 0)
        } else {
            tables[last].isMergedContinuation = value != "restart"
        }
    }

    /// Elements whose whole content is never visible text.
    private static func isSkipped(_ r: SecureXMLReader) -> Bool {
        r.hasLocalName("del") || r.hasLocalName("moveFrom") || r.hasLocalName("delText")
            || r.hasLocalName("instrText") || r.hasLocalName("delInstrText")
            || r.hasLocalName("pPrChange") || r.hasLocalName("rPrChange") || r.hasLocalName("sectPrChange")
            || r.hasLocalName("tblPrChange") || r.hasLocalName("trPrChange") || r.hasLocalName("tcPrChange")
            || r.hasLocalName("tblGridChange") || r.hasLocalName("tblPrExChange") || r.hasLocalName("numberingChange")
            || r.hasLocalName("sdtPr") || r.hasLocalName("sdtEndPr") || r.hasLocalName("rt")
    }

    private mutating func startMarkupCompatibility() throws(OOXMLError) {
        let r = reader
        if r.hasLocalName("AlternateContent") {
            alternates.append(false)
        } else if r.hasLocalName("Choice") || r.hasLocalName("Fallback") {
            // Take the first branch only: the others are alternative renderings of the same content.
            if alternates.last == false {
                alternates[alternates.count - 1] = true
            } else {
                try r.skipElement()
            }
        }
    }

    private mutating func end() {
        if reader.isInNamespace(Self.markupCompatibility) {
            if reader.hasLocalName("AlternateContent") { _ = alternates.popLast() }
            return
        }
        guard isWordElement else { return }
        let r = reader
        if r.hasLocalName("t") {
            inText = false
        } else if r.hasLocalName("r") {
            _ = runDepths.popLast()
        } else if r.hasLocalName("p") {
            // A field instruction never legitimately runs past its paragraph in practice; ending it
            // here keeps a broken field (begin without separate) from hiding the rest of the document.
            for index in fields.indices { fields[index] = false }
            guard let paragraph = paragraphs.popLast() else { return }
            let cell = paragraph.cell
            output.append(WordParagraph(
                text: paragraph.text, styleID: paragraph.styleID, tableIndex: cell?.index,
                row: cell.map { max($0.row, 0) }, column: cell.map { max($0.column, 0) },
                gridColumn: cell?.gridColumn, isMergedContinuation: cell?.isMergedContinuation ?? false,
                isInTextBox: paragraph.isInTextBox))
        } else if r.hasLocalName("tbl") {
            _ = tables.popLast()
        } else if r.hasLocalName("tc") {
            if !tables.isEmpty {
                let last = tables.count - 1
                tables[last].nextGridColumn = tables[last].gridColumn + tables[last].span
            }
        } else if r.hasLocalName("txbxContent") {
            textBoxDepth = max(0, textBoxDepth - 1)
        }
    }
}
