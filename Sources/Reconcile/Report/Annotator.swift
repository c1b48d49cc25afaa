import Foundation
import OOXML

/// Writes the reviewer's copy of a workbook: a 核对结果 sheet listing the findings, and the cells
/// involved highlighted (red for errors, yellow for hints) with a comment carrying the message.
/// Parts the annotation does not concern are copied byte for byte; the input file is never modified.
public enum Annotator {
    /// ARGB fills of highlighted cells.
    static let errorFill = "FFFFC7CE"
    static let hintFill = "FFFFEB9C"
    /// Most cells one finding may highlight (a range beyond this is highlighted only in the list).
    static let maxCellsPerFinding = 2_000

    static let styleRelationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"

    struct SheetEntry { var name: String; var tag: XMLTag; var relationshipID: String; var part: String }

    /// The annotation applied to parts held in memory (the file wrapper reads and writes the archive).
    static func annotate(_ input: WorkbookParts, findings: [Finding]) throws -> WorkbookParts {
        var parts = input
        let rootRels = try Relationships(of: "", in: parts)
        guard let office = rootRels.first(ofType: Relationships.officeDocument) else {
            throw ReportError.malformed(path: parts.path, part: "_rels/.rels", detail: "找不到工作簿主部件")
        }
        let workbookPart = rootRels.resolve(office.target)
        var workbookRels = try Relationships(of: workbookPart, in: parts)
        let workbookTags = try parts.tags(workbookPart)
        var sheets: [SheetEntry] = []
        var sheetsClose: Int?
        var maxSheetID = 0
        for tag in workbookTags {
            if tag.localName == "sheet", tag.kind != .end, let name = tag.attribute("name"), let rid = tag.attribute(local: "id"),
               let rel = workbookRels.entries.first(where: { $0.id == rid }) {
                sheets.append(SheetEntry(name: name, tag: tag, relationshipID: rid, part: workbookRels.resolve(rel.target)))
                maxSheetID = max(maxSheetID, tag.attribute("sheetId").flatMap { Int($0) } ?? 0)
            }
            if tag.localName == "sheets", tag.kind == .end { sheetsClose = tag.range.lowerBound }
        }
        guard let sheetsClose, !sheets.isEmpty else {
            throw ReportError.malformed(path: parts.path, part: workbookPart, detail: "找不到工作表列表 <sheets>")
        }
        guard let stylesRel = workbookRels.first(ofType: styleRelationship) else {
            throw ReportError.unsupported(path: parts.path, detail: "工作簿没有样式部件 styles.xml，无法标注单元格")
        }
        var styles = try StylesEditor(parts: parts, part: workbookRels.resolve(stylesRel.target))
        var contentTypes = try ContentTypes(parts)
        let firstOverride = try ContentTypes.firstOverrideOffset(parts)

        // Highlights and comments, sheet by sheet in workbook order.
        let marks = cellMarks(findings, sheetNames: Set(sheets.map(\.name)).subtracting([ResultsSheet.name]))
        var fills: [Severity: Int] = [:]
        for (number, sheet) in sheets.enumerated() {
            guard let cells = marks[sheet.name], !cells.isEmpty else { continue }
            var editor = try SheetEditor(parts: parts, part: sheet.part)
            var formats: [CellAddress: Int] = [:]
            for (cell, mark) in cells {
                let fill: Int
                if let known = fills[mark.severity] { fill = known } else {
                    fill = styles.addSolidFill(mark.severity == .error ? errorFill : hintFill)
                    fills[mark.severity] = fill
                }
                formats[cell] = try styles.cloneCellFormat(editor.formatIndex(cell), fill: fill)
            }
            editor.setFormats(formats)

            var sheetRels = try Relationships(of: sheet.part, in: parts)
            let commentsPart = sheetRels.first(ofType: Relationships.comments).map { sheetRels.resolve($0.target) }
                ?? parts.unusedName("xl/comments", ".xml")
            if sheetRels.first(ofType: Relationships.comments) == nil {
                _ = sheetRels.add(type: Relationships.comments, part: commentsPart)
            }
            let vmlPart: String
            if let id = editor.legacyDrawingID, let rel = sheetRels.entries.first(where: { $0.id == id }) {
                vmlPart = sheetRels.resolve(rel.target)
            } else if let id = editor.legacyDrawingID {
                throw ReportError.malformed(path: parts.path, part: sheet.part,
                                            detail: "<legacyDrawing> 引用的关系 \(id) 不存在，无法添加批注")
            } else {
                vmlPart = parts.unusedName("xl/drawings/vmlDrawing", ".vml")
                try editor.addLegacyDrawing(relationshipID: sheetRels.add(type: Relationships.vmlDrawing, part: vmlPart))
            }
            var comments = try CommentsEditor(parts: parts, commentsPart: commentsPart, vmlPart: vmlPart,
                                              sheetNumber: number + 1)
            for (cell, mark) in cells.sorted(by: { $0.key < $1.key }) {
                comments.add(mark.messages.joined(separator: "\n"), at: cell)
            }
            editor.write(into: &parts)
            try comments.write(into: &parts, sheetNumber: number + 1)
            try sheetRels.write(into: &parts)
            contentTypes.override(commentsPart, ContentTypes.comments)
            contentTypes.ensureDefault("vml", ContentTypes.vml)
        }

        // The 核对结果 sheet: replaces one left by an earlier annotation, else is added last.
        let formats = ResultsSheet.addFormats(&styles)
        let resultsXML = ResultsSheet.xml(findings: findings, formats: formats)
        if let earlier = sheets.first(where: { $0.name == ResultsSheet.name }) {
            guard try isEarlierAnnotation(parts) else {
                throw ReportError.unsupported(path: parts.path, detail:
                    "工作簿中已有名为“\(ResultsSheet.name)”的工作表，但不是 juesuan 标注生成的（第 1 行没有“键”列）；请将其改名后再标注")
            }
            let earlierRels = try Relationships(of: earlier.part, in: parts)
            if parts.contains(earlierRels.relsPart) { parts.remove(earlierRels.relsPart) }
            parts.set(earlier.part, resultsXML)
        } else {
            let part = parts.unusedName("xl/worksheets/sheet", ".xml")
            parts.set(part, resultsXML)
            let rid = workbookRels.add(type: Relationships.worksheet, part: part)
            let relPrefix = workbookTags.first { $0.kind != .end }?.attributes
                .first { $0.name.hasPrefix("xmlns:") && $0.value == Relationships.namespace }
                .map { String($0.name.dropFirst("xmlns:".count)) }
            let idAttribute = relPrefix.map { "\($0):id=\"\(rid)\"" } ?? "xmlns:r=\"\(Relationships.namespace)\" r:id=\"\(rid)\""
            let elementPrefix = sheets[0].tag.prefix.map { $0 + ":" } ?? ""
            var edits = ByteEdits()
            edits.insert("<\(elementPrefix)sheet name=\"\(ResultsSheet.name)\" sheetId=\"\(maxSheetID + 1)\" \(idAttribute)/>",
                         at: sheetsClose)
            parts.set(workbookPart, edits.apply(to: try parts.data(workbookPart)))
            try workbookRels.write(into: &parts)
            contentTypes.override(part, ContentTypes.worksheet)
        }
        styles.write(into: &parts)
        try contentTypes.write(into: &parts, firstOverrideOffset: firstOverride)
        return parts
    }

    /// Whether the workbook's 核对结果 sheet was written by an earlier annotation (its header has 键).
    static func isEarlierAnnotation(_ parts: WorkbookParts) throws -> Bool {
        var all: [String: Data] = [:]
        for (name, _) in parts.output { all[name] = try parts.data(name) }
        let sheet = try WorkbookReader(parts: all, file: parts.path).sheet(named: ResultsSheet.name)
        return sheet.cells(inRow: 0).contains { $0.value.string == ResultsSheet.headers[ResultsSheet.keyColumn] }
    }

    struct CellMark { var severity: Severity; var messages: [String] }

    /// Cells to mark per sheet: the most serious severity among the findings naming a cell, and their messages.
    static func cellMarks(_ findings: [Finding], sheetNames: Set<String>) -> [String: [CellAddress: CellMark]] {
        var marks: [String: [CellAddress: CellMark]] = [:]
        for (i, finding) in findings.enumerated() {
            guard case let .cells(sheet, refs, _) = finding.location, sheetNames.contains(sheet) else { continue }
            var text = "\(i + 1).【\(finding.severity.label)】\(finding.message)"
            if let e = finding.expected, let f = finding.found { text += "（应为 \(e)，实为 \(f)）" }
            for cell in expand(refs) {
                var mark = marks[sheet, default: [:]][cell] ?? CellMark(severity: finding.severity, messages: [])
                mark.severity = min(mark.severity, finding.severity)
                if !mark.messages.contains(text) { mark.messages.append(text) }
                marks[sheet, default: [:]][cell] = mark
            }
        }
        return marks
    }

    /// A1 references and ranges ("E7", "E7:F9", "$E$7") as cells; unreadable references are skipped.
    static func expand(_ refs: [String]) -> [CellAddress] {
        var cells: [CellAddress] = []
        for ref in refs {
            let clean = ref.replacingOccurrences(of: "$", with: "")
            if clean.contains(":"), let range = try? CellRange(clean) {
                let count = (range.last.row - range.first.row + 1) * (range.last.column - range.first.column + 1)
                guard count <= maxCellsPerFinding else { continue }
                for r in range.first.row...range.last.row {
                    for c in range.first.column...range.last.column {
                        if let a = try? CellAddress(row: r, column: c) { cells.append(a) }
                    }
                }
            } else if let a = try? CellAddress(clean) {
                cells.append(a)
            }
        }
        return cells
    }
}
