import Foundation
import OOXML

/// Legacy cell comments (xl/commentsN.xml) and the VML drawing that shows them: the form Excel,
/// WPS and LibreOffice all read. Existing comments parts are merged into, never replaced.
struct CommentsEditor {
    static let author = "juesuan 核对"
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

    let commentsPart: String
    let vmlPart: String
    private let path: String
    private let existingComments: Data?
    private let existingVML: Data?
    /// Cells that already have a comment: their <comment> end offset in the existing part.
    private var existingTextClose: [CellAddress: Int] = [:]
    private var authorsClose: Int?
    private var commentListClose: Int?
    private var authorIndex = 0
    private var authorPresent = false
    private var edits = ByteEdits()
    private var newComments: [String] = []
    private var newShapes: [String] = []
    private var nextShapeID: Int

    /// `sheetNumber` (1-based) picks a distinct VML shape-id block for a new drawing.
    init(parts: WorkbookParts, commentsPart: String, vmlPart: String, sheetNumber: Int) throws {
        self.commentsPart = commentsPart
        self.vmlPart = vmlPart
        path = parts.path
        existingComments = parts.contains(commentsPart) ? try parts.data(commentsPart) : nil
        existingVML = parts.contains(vmlPart) ? try parts.data(vmlPart) : nil
        nextShapeID = sheetNumber * 1024 + 1
        if let existingVML {
            let text = String(decoding: existingVML, as: UTF8.self)
            guard text.contains("urn:schemas-microsoft-com:vml"), text.range(of: "</xml>", options: .backwards) != nil else {
                throw ReportError.unsupported(path: path, detail: "工作表的批注绘图部件 \(vmlPart) 格式无法识别，无法合并批注")
            }
            nextShapeID = max(nextShapeID, Self.maxShapeID(in: text) + 1)
        }
        if let existingComments { try scanComments(existingComments) }
    }

    private static func maxShapeID(in vml: String) -> Int {
        var maxID = 0
        var rest = Substring(vml)
        while let r = rest.range(of: "_x0000_s") {
            let digits = rest[r.upperBound...].prefix { $0.isASCII && $0.isNumber }
            maxID = max(maxID, Int(digits) ?? 0)
            rest = rest[r.upperBound...]
        }
        return maxID
    }

    private mutating func scanComments(_ data: Data) throws {
        let tags = try XMLTagScanner(data, part: commentsPart, path: path).tags()
        var authors = 0
        var inAuthor = false
        var authorText = ""
        var currentRef: CellAddress?
        for tag in tags {
            switch (tag.localName, tag.kind) {
            case ("author", .start): inAuthor = true; authorText = ""
            case ("author", .end):
                inAuthor = false
                if authorText == Self.author { authorIndex = authors; authorPresent = true }
                authors += 1
            case ("author", .empty): authors += 1
            case ("authors", .end): authorsClose = tag.range.lowerBound
            case ("commentList", .end): commentListClose = tag.range.lowerBound
            case ("comment", .start): currentRef = tag.attribute("ref").flatMap { try? CellAddress($0) }
            case ("text", .end): if let ref = currentRef { existingTextClose[ref] = tag.range.lowerBound }
            case ("comment", .end): currentRef = nil
            default: break
            }
            if inAuthor, tag.localName == "author", tag.kind == .start, let next = tags.first(where: { $0.range.lowerBound >= tag.range.upperBound }) {
                authorText = XMLEscape.unescape(String(decoding: data[tag.range.upperBound..<next.range.lowerBound], as: UTF8.self))
            }
        }
        guard authorsClose != nil, commentListClose != nil else {
            throw ReportError.unsupported(path: path, detail: "批注部件 \(commentsPart) 缺少 <authors> 或 <commentList>，无法合并批注")
        }
        if !authorPresent {
            authorIndex = authors
            edits.insert("<author>\(XMLEscape.text(Self.author))</author>", at: authorsClose ?? 0)
            authorPresent = true
        }
    }

    private static func runs(_ message: String, leadingBreak: Bool) -> String {
        let font = "<sz val=\"9\"/><rFont val=\"宋体\"/>"
        let head = (leadingBreak ? "\n" : "") + "核对："
        return "<r><rPr><b/>\(font)</rPr><t xml:space=\"preserve\">\(XMLEscape.text(head))</t></r>"
            + "<r><rPr>\(font)</rPr><t xml:space=\"preserve\">\(XMLEscape.text(message))</t></r>"
    }

    /// Adds the message to the cell's comment: appended to an existing comment, or a new one.
    mutating func add(_ message: String, at cell: CellAddress) {
        if let close = existingTextClose[cell] {
            edits.insert(Self.runs(message, leadingBreak: true), at: close)
            return
        }
        newComments.append("<comment ref=\"\(cell.a1)\" authorId=\"\(authorIndex)\"><text>"
            + Self.runs(message, leadingBreak: false) + "</text></comment>")
        newShapes.append(shape(for: cell, lines: message.count / 18 + 2))
    }

    private mutating func shape(for cell: CellAddress, lines: Int) -> String {
        let id = nextShapeID
        nextShapeID += 1
        let rowsTall = min(max(lines, 3), 12)
        let anchor = "\(cell.column + 1), 15, \(max(cell.row - 1, 0)), 10, \(cell.column + 4), 15, \(max(cell.row - 1, 0) + rowsTall), 4"
        return "<v:shape id=\"_x0000_s\(id)\" type=\"#_x0000_t202\" style=\"position:absolute;margin-left:80pt;"
            + "margin-top:2pt;width:200pt;height:\(rowsTall * 15)pt;z-index:\(id % 1024);visibility:hidden\""
            + " fillcolor=\"#ffffe1\" o:insetmode=\"auto\"><v:fill color2=\"#ffffe1\"/>"
            + "<v:shadow on=\"t\" color=\"black\" obscured=\"t\"/><v:path o:connecttype=\"none\"/>"
            + "<v:textbox style=\"mso-direction-alt:auto\"><div style=\"text-align:left\"></div></v:textbox>"
            + "<x:ClientData ObjectType=\"Note\"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>\(anchor)</x:Anchor>"
            + "<x:AutoFill>False</x:AutoFill><x:Row>\(cell.row)</x:Row><x:Column>\(cell.column)</x:Column></x:ClientData>"
            + "</v:shape>"
    }

    private static let shapeType = "<v:shapetype id=\"_x0000_t202\" coordsize=\"21600,21600\" o:spt=\"202\""
        + " path=\"m,l,21600r21600,l21600,xe\"><v:stroke joinstyle=\"miter\"/>"
        + "<v:path gradientshapeok=\"t\" o:connecttype=\"rect\"/></v:shapetype>"

    func write(into parts: inout WorkbookParts, sheetNumber: Int) throws {
        if let existingComments {
            var e = edits
            if !newComments.isEmpty, let close = commentListClose { e.insert(newComments.joined(), at: close) }
            parts.set(commentsPart, e.apply(to: existingComments))
        } else {
            parts.set(commentsPart, Data(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<comments xmlns=\"\(Self.mainNamespace)\"><authors><author>\(XMLEscape.text(Self.author))</author></authors>"
                + "<commentList>" + newComments.joined() + "</commentList></comments>").utf8))
        }
        guard !newShapes.isEmpty else { return }
        if let existingVML {
            var text = String(decoding: existingVML, as: UTF8.self)
            guard let close = text.range(of: "</xml>", options: .backwards) else { return }
            let type = text.contains("_x0000_t202") ? "" : Self.shapeType
            text.insert(contentsOf: type + newShapes.joined(), at: close.lowerBound)
            parts.set(vmlPart, Data(text.utf8))
        } else {
            parts.set(vmlPart, Data(("<xml xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\""
                + " xmlns:x=\"urn:schemas-microsoft-com:office:excel\"><o:shapelayout v:ext=\"edit\">"
                + "<o:idmap v:ext=\"edit\" data=\"\(sheetNumber)\"/></o:shapelayout>" + Self.shapeType
                + newShapes.joined() + "</xml>").utf8))
        }
    }
}
