import Foundation

/// Adds fills, fonts, borders and cell formats to xl/styles.xml without touching existing entries,
/// so every cell keeps the format index it had and existing indexes stay valid.
struct StylesEditor {
    let part: String
    private let data: Data
    private let path: String
    private var lists: [String: StyleList] = [:]
    private var xfCache: [String: Int] = [:]

    /// One collection of styles.xml (fonts, fills, borders, cellXfs): its tags and appended entries.
    struct StyleList {
        var startTag: XMLTag?
        var closeOffset: Int?
        /// Whole-element text of each existing child, in order.
        var children: [String] = []
        var added: [String] = []
        var count: Int { children.count + added.count }
    }

    init(parts: WorkbookParts, part: String) throws {
        self.part = part
        path = parts.path
        data = try parts.data(part)
        let tags = try XMLTagScanner(data, part: part, path: path).tags()
        let bytes = [UInt8](data)
        var stack: [String] = []
        var childStart: Int?
        for tag in tags {
            let local = String(tag.localName)
            let parent = stack.last
            switch tag.kind {
            case .start:
                if stack.count == 1, ["fonts", "fills", "borders", "cellXfs"].contains(local) {
                    lists[local, default: StyleList()].startTag = tag
                }
                if stack.count == 2, let parent, lists[parent] != nil { childStart = tag.range.lowerBound }
                stack.append(local)
            case .empty:
                if stack.count == 1, ["fonts", "fills", "borders", "cellXfs"].contains(local) {
                    throw ReportError.unsupported(path: path, detail: "样式部件 \(part) 的 <\(local)/> 为空，暂不支持")
                }
                if stack.count == 2, let parent, lists[parent] != nil {
                    lists[parent]?.children.append(String(decoding: bytes[tag.range], as: UTF8.self))
                }
            case .end:
                stack.removeLast()
                if stack.count == 2, let start = childStart, let owner = stack.last, lists[owner] != nil {
                    lists[owner]?.children.append(String(decoding: bytes[start..<tag.range.upperBound], as: UTF8.self))
                    childStart = nil
                }
                if stack.count == 1, lists[local] != nil { lists[local]?.closeOffset = tag.range.lowerBound }
            }
        }
        for name in ["fonts", "fills", "borders", "cellXfs"] where lists[name]?.closeOffset == nil {
            throw ReportError.malformed(path: path, part: part, detail: "缺少 <\(name)> 列表")
        }
    }

    var cellFormatCount: Int { lists["cellXfs"]?.count ?? 0 }

    /// The XML of an existing cell format, for tests and for cloning.
    func cellFormat(_ index: Int) -> String? {
        guard let list = lists["cellXfs"] else { return nil }
        let all = list.children + list.added
        return all.indices.contains(index) ? all[index] : nil
    }

    private mutating func append(_ list: String, _ xml: String) -> Int {
        lists[list]?.added.append(xml)
        return (lists[list]?.count ?? 1) - 1
    }

    /// A solid fill of the given ARGB colour.
    mutating func addSolidFill(_ argb: String) -> Int {
        append("fills", "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"\(argb)\"/><bgColor indexed=\"64\"/></patternFill></fill>")
    }

    /// A copy of font 0 (the workbook's normal font) in bold.
    mutating func addBoldDefaultFont() -> Int {
        let base = lists["fonts"]?.children.first ?? "<font><sz val=\"11\"/><name val=\"宋体\"/></font>"
        var bold = base
        if base.hasSuffix("/>") && !base.contains("</") {
            bold = "<font><b/></font>"
        } else if let close = base.firstIndex(of: ">"), !base.contains("<b/>") {
            bold.insert(contentsOf: "<b/>", at: base.index(after: close))
        }
        return append("fonts", bold)
    }

    mutating func addThinBorder() -> Int {
        let side = { (s: String) in "<\(s) style=\"thin\"><color indexed=\"64\"/></\(s)>" }
        return append("borders", "<border>" + side("left") + side("right") + side("top") + side("bottom") + "<diagonal/></border>")
    }

    /// A new cell format: font, fill, border and alignment given, general number format.
    mutating func addCellFormat(font: Int, fill: Int, border: Int, alignment: String) -> Int {
        append("cellXfs", "<xf numFmtId=\"0\" fontId=\"\(font)\" fillId=\"\(fill)\" borderId=\"\(border)\" xfId=\"0\""
            + " applyFont=\"1\" applyFill=\"1\" applyBorder=\"1\" applyAlignment=\"1\">\(alignment)</xf>")
    }

    /// Format `index` with its fill replaced: font, border, number format, alignment and protection kept.
    /// The same (index, fill) pair always gives the same new format.
    mutating func cloneCellFormat(_ index: Int, fill: Int) throws -> Int {
        let cacheKey = "\(index)/\(fill)"
        if let known = xfCache[cacheKey] { return known }
        guard let original = cellFormat(index) ?? cellFormat(0) else {
            throw ReportError.malformed(path: path, part: part, detail: "没有单元格格式（cellXfs 为空）")
        }
        let originalData = Data(original.utf8)
        let tags = try XMLTagScanner(originalData, part: part, path: path).tags()
        guard let head = tags.first else {
            throw ReportError.malformed(path: path, part: part, detail: "第 \(index) 个单元格格式无法解析")
        }
        var edits = ByteEdits()
        edits.replace(head.range, with: head.rewritten([("fillId", String(fill)), ("applyFill", "1")]))
        let xml = String(decoding: edits.apply(to: originalData), as: UTF8.self)
        let new = append("cellXfs", xml)
        xfCache[cacheKey] = new
        return new
    }

    /// Writes the new entries and counts into the part.
    func write(into parts: inout WorkbookParts) {
        var edits = ByteEdits()
        var changed = false
        for (_, list) in lists.sorted(by: { $0.key < $1.key }) where !list.added.isEmpty {
            guard let start = list.startTag, let close = list.closeOffset else { continue }
            changed = true
            if start.attribute("count") != nil {
                edits.replace(start.range, with: start.rewritten([("count", String(list.count))]))
            }
            edits.insert(list.added.joined(), at: close)
        }
        if changed { parts.set(part, edits.apply(to: data)) }
    }
}
