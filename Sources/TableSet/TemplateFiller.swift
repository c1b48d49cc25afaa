import Accounts
import Dispatch
import Foundation
import OOXML

/// Fills a template workbook with a unit's tables. Only worksheet parts holding markers (and
/// xl/workbook.xml when a defined name must move) are rewritten; every other part is copied
/// byte for byte, so a user's restyling of the template survives. Same input, same bytes.
public struct TemplateFiller {
    public let templatePath: String

    public init(templatePath: String) { self.templatePath = templatePath }

    /// Lets go of every compiled template kept for reuse (a few MiB each); the next fill compiles
    /// its template again. For a caller that has filled its last workbook but goes on working.
    public static func forgetCompiledTemplates() { TemplatePlanCache.shared.removeAll() }

    /// The filled workbook as a package ready to write.
    public func fill(_ tables: [StatTable], unit: UnitInfo) throws -> PackageWriter {
        let package = try PackageReader(path: templatePath)
        let file = templatePath
        let template = try TemplatePlanCache.shared.plan(for: templatePath, package: package)
        let workbookPart = template.workbookPart
        let byID = Dictionary(tables.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })

        // Sheets are independent (each has its own FillContext; the plan is only read): render them
        // on all cores, keep the results by sheet, and merge them in sheet order, so the bytes and
        // the error reported (the first sheet's that fails) are the same as one by one.
        let sheets = template.sheets
        let results = ResultsByIndex<Result<RenderedSheet?, any Error>>(count: sheets.count)
        SheetThreads.perform(iterations: sheets.count) { index in
            results.store(Result { try Self.render(sheets[index], byID: byID, unit: unit, file: file) }, at: index)
        }
        var rewritten: [String: Data] = [:]
        var shifts: [String: RowShift] = [:]    // sheet name -> how its rows moved
        var found: Set<TableID> = []
        for result in results.values {
            guard let rendered = try result?.get() else { continue }
            found.insert(rendered.table)
            rewritten[rendered.part] = rendered.data
            if rendered.shift != .none { shifts[rendered.sheet] = rendered.shift }
        }
        let missing = tables.map(\.id).filter { !found.contains($0) }
        if !missing.isEmpty {
            throw TableSetError("模板 \(file) 中找不到这些表的工作表：\(missing.map(\.title).joined(separator: "、"))")
        }
        if !shifts.isEmpty, let compiled = template.workbook {
            if let moved = compiled.render(shifts: shifts) { rewritten[workbookPart] = moved }
        } else if !shifts.isEmpty {
            let data = try package.read(workbookPart)
            if let moved = try Self.shiftDefinedNames(data, shifts: shifts, file: file, part: workbookPart) {
                rewritten[workbookPart] = moved
            }
        }
        let out = PackageWriter()
        for part in package.parts {
            if let data = rewritten[part.name] { try out.add(part.name, data: data) }
            else { try out.copyRaw(part.name, from: package) }
        }
        return out
    }

    struct RenderedSheet { var table: TableID; var sheet: String; var part: String; var data: Data; var shift: RowShift }

    /// One template sheet filled with its table; nil when the sheet holds no table of `byID`.
    private static func render(_ planned: TemplatePlan.Sheet, byID: [TableID: StatTable], unit: UnitInfo,
                               file: String) throws -> RenderedSheet? {
        let sheet = planned.entry, scan = planned.scan
        guard let id = scan.table, let table = byID[id] else { return nil }   // TemplatePlan checked the 表 marker
        let writer = try TemplateSheetWriter(scan: scan, context: FillContext(table: table, unit: unit, sheet: sheet.name))
        let data: Data
        if let compiled = planned.compiled, let filled = try writer.render(compiled) {
            data = filled
        } else {
            data = try writer.rewrite(planned.data, file: file, part: sheet.part)
        }
        return RenderedSheet(table: id, sheet: sheet.name, part: sheet.part, data: data, shift: writer.shift)
    }

    /// Fills and writes the workbook atomically; refuses to replace a file unless `overwrite`.
    public func write(_ tables: [StatTable], unit: UnitInfo, to path: String, overwrite: Bool) throws {
        try fill(tables, unit: unit).write(to: path, overwrite: overwrite)
    }

    // MARK: Workbook structure

    struct SheetEntry { var name: String; var part: String }

    static func officeDocument(_ package: PackageReader) throws -> String {
        let rels = try relationships(package, "_rels/.rels", base: "")
        return rels.first { $0.type.hasSuffix("/officeDocument") }?.target ?? "xl/workbook.xml"
    }

    static func relationships(_ package: PackageReader, _ part: String, base: String) throws -> [(id: String, type: String, target: String)] {
        guard package.contains(part) else { return [] }
        let r = try SecureXMLReader(data: try package.read(part), file: package.path, part: part)
        var result: [(String, String, String)] = []
        while try r.read() {
            guard r.kind == .startElement, r.hasLocalName("Relationship") else { continue }
            guard let id = r.attribute("Id"), let type = r.attribute("Type"), let target = r.attribute("Target") else { continue }
            if r.attribute("TargetMode") == "External" { continue }
            result.append((id, type, resolve(target, base: base)))
        }
        return result
    }

    /// A relationship target as a part name ("worksheets/sheet1.xml" from xl/ -> "xl/worksheets/sheet1.xml").
    static func resolve(_ target: String, base: String) -> String {
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        var parts = base.split(separator: "/").map(String.init)
        for piece in target.split(separator: "/") {
            if piece == ".." { _ = parts.popLast() } else if piece != "." { parts.append(String(piece)) }
        }
        return parts.joined(separator: "/")
    }

    static func sheets(_ package: PackageReader, workbookPart: String) throws -> (list: [SheetEntry], sharedStrings: String?) {
        let folder = workbookPart.split(separator: "/").dropLast().joined(separator: "/")
        let relsPart = (folder.isEmpty ? "" : folder + "/") + "_rels/" + (workbookPart.split(separator: "/").last.map(String.init) ?? "") + ".rels"
        let rels = try relationships(package, relsPart, base: folder)
        let byID = Dictionary(rels.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let r = try SecureXMLReader(data: try package.read(workbookPart), file: package.path, part: workbookPart)
        var list: [SheetEntry] = []
        while try r.read() {
            guard r.kind == .startElement, r.hasLocalName("sheet"), let name = r.attribute("name") else { continue }
            let id = r.attributes.first { $0.localName == "id" && $0.namespace != nil }?.value
            guard let id, let rel = byID[id], rel.type.hasSuffix("/worksheet"), package.contains(rel.target) else { continue }
            list.append(SheetEntry(name: name, part: rel.target))
        }
        return (list, rels.first { $0.type.hasSuffix("/sharedStrings") }?.target)
    }

    /// workbook.xml with print areas, print titles and other defined names moved; nil if none moved.
    static func shiftDefinedNames(_ data: Data, shifts: [String: RowShift], file: String, part: String) throws -> Data? {
        let r = try SecureXMLReader(data: data, file: file, part: part)
        var w = XMLEventWriter()
        try w.begin(source: data, file: file, part: part)
        var open: [String] = []
        var ignoreEnd = 0
        var inName = false
        var changed = false
        while try r.read() {
            switch r.kind {
            case .startElement:
                if r.depth == 0 { continue }
                let empty = r.isEmptyElement
                let name = w.start(r.localName, namespace: r.namespaceURI, attributes: r.attributes, empty: empty)
                if empty { ignoreEnd += 1 } else { open.append(name) }
                inName = r.hasLocalName("definedName") && !empty
            case .endElement:
                if r.depth == 0 { w.endRoot(); continue }
                if ignoreEnd > 0 { ignoreEnd -= 1; continue }
                if let name = open.popLast() { w.end(name) }
                inName = false
            case .text:
                guard r.depth > 0 else { continue }
                var text = r.text
                if inName {
                    for (sheet, shift) in shifts { text = FormulaReferences.shift(text, sheet: sheet, by: shift) }
                    if text != r.text { changed = true }
                }
                w.text(text)
            case .other: break
            }
        }
        return changed ? Data(w.out.utf8) : nil
    }
}
