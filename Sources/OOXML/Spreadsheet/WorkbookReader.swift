import Foundation

/// Reads a .xlsx workbook. Sheets are parsed on demand, streaming.
///
///     let wb = try WorkbookReader(parts: parts)     // or WorkbookReader.open(path:)
///     for name in wb.sheetNames { let sheet = try wb.sheet(named: name); … }
public final class WorkbookReader {
    /// A sheet entry of xl/workbook.xml that is not a worksheet (chartsheet, dialogsheet, macro sheet).
    public struct SkippedSheet: Hashable, Sendable {
        public let name: String
        /// "chartsheet", "dialogsheet", "macrosheet" or the relationship type's last word.
        public let kind: String
    }

    /// A `<definedName>`: `sheet` is the name of the sheet it is local to (nil: workbook-wide).
    public struct DefinedName: Hashable, Sendable {
        public let name: String
        public let sheet: String?
        /// The formula, e.g. `'收入'!$1:$3`.
        public let refersTo: String
    }

    public let file: String?
    /// Worksheet names in workbook order (tab order).
    public let sheetNames: [String]
    /// Sheets that are not worksheets, skipped by `sheet(named:)` / `sheet(at:)`.
    public let skippedSheets: [SkippedSheet]
    /// Names defined in the workbook (including `_xlnm.Print_Titles` and `_xlnm.Print_Area`).
    public let definedNames: [DefinedName]
    /// Hidden worksheets (state "hidden" or "veryHidden").
    public let hiddenSheetNames: Set<String>

    private let source: PartSource
    private let sheetParts: [String]
    /// xl/styles.xml, read when a sheet first asks for its cells' number formats.
    private let stylesPart: String?
    private var formatsCache: [String?]?
    private let sharedStringsPart: String?
    private var sharedStringsCache: [String]?

    /// Opens a .xlsx file. The zip is checked against hostile names and sizes (PackageReader);
    /// sheets are read when asked for.
    public static func open(path: String, limits: ZipLimits = .standard) throws(SpreadsheetError) -> WorkbookReader {
        let package: PackageReader
        do {
            package = try PackageReader(path: path, limits: limits)
        } catch {
            throw SpreadsheetError(error)
        }
        return try WorkbookReader(package: package)
    }

    /// Reads a workbook from an opened package (for callers that also use its other parts).
    public convenience init(package: PackageReader) throws(SpreadsheetError) {
        let source = PartSource(names: package.parts.map { ($0.name, Int($0.uncompressedSize)) }) { (name: String) throws(SpreadsheetError) -> Data in
            do throws(OOXMLError) {
                return try package.read(name)
            } catch {
                throw SpreadsheetError(error)
            }
        }
        try self.init(source: source, file: package.path)
    }

    /// Reads from parts already in memory (names without a leading "/", as in the zip).
    public convenience init(parts: [String: Data], file: String? = nil) throws(SpreadsheetError) {
        try self.init(source: PartSource(parts: parts), file: file)
    }

    init(source: PartSource, file: String?) throws(SpreadsheetError) {
        self.source = source
        self.file = file
        do throws(SpreadsheetError) {
            let workbookPart = try Self.officeDocument(source)
            let rels = try Relationships.read(source, for: workbookPart)
            let workbook = try Self.workbookEntries(source, workbookPart)
            let entries = workbook.sheets
            definedNames = workbook.names
            var names: [String] = []
            var parts: [String] = []
            var skipped: [SkippedSheet] = []
            var hidden: Set<String> = []
            for entry in entries {
                guard let rel = rels.byId[entry.relId] else {
                    throw SpreadsheetError(.malformedPart, part: workbookPart, location: "工作表“\(entry.name)”",
                                           detail: "关系 \(entry.relId) 在关系文件中不存在")
                }
                let type = Self.lastWord(rel.type)
                guard type == "worksheet" else {
                    skipped.append(SkippedSheet(name: entry.name, kind: type == "xlMacrosheet" ? "macrosheet" : type))
                    continue
                }
                guard source.resolve(rel.target) != nil else {
                    throw SpreadsheetError(.missingPart, part: rel.target, location: "工作表“\(entry.name)”",
                                           detail: "工作表部件不存在")
                }
                names.append(entry.name)
                parts.append(rel.target)
                if entry.hidden { hidden.insert(entry.name) }
            }
            sheetNames = names
            sheetParts = parts
            skippedSheets = skipped
            hiddenSheetNames = hidden
            stylesPart = rels.first(typeEndingWith: "/styles").flatMap { source.resolve($0) }
            sharedStringsPart = rels.first(typeEndingWith: "/sharedStrings").flatMap { source.resolve($0) }
        } catch {
            throw error.located(file: file)
        }
    }

    /// The last "/"-separated word of a relationship type (".../relationships/worksheet" gives
    /// "worksheet"), the type itself when it has none. By bytes for ASCII text (splitting the type
    /// into an array of pieces, once per sheet, cost more than the rest of reading the workbook entry).
    static func lastWord(_ type: String) -> String {
        let ascii = type.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            var end = bytes.count
            while end > 0, bytes[end - 1] == UInt8(ascii: "/") { end -= 1 }
            guard end > 0 else { return type }
            var start = end
            while start > 0, bytes[start - 1] != UInt8(ascii: "/") { start -= 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
        return (ascii ?? nil) ?? (type.split(separator: "/").last.map(String.init) ?? type)
    }

    /// The worksheet with this name (exact match first, then ignoring case as Excel does).
    public func sheet(named name: String) throws(SpreadsheetError) -> Worksheet {
        try sheet(named: name, numberFormats: true)
    }

    /// The worksheet with this name; without `numberFormats` its cells carry no number format and
    /// xl/styles.xml is not read (for callers that need only the values, such as the table check).
    public func sheet(named name: String, numberFormats: Bool) throws(SpreadsheetError) -> Worksheet {
        if let i = sheetNames.firstIndex(of: name) ?? sheetNames.firstIndex(where: { $0.lowercased() == name.lowercased() }) {
            return try sheet(at: i, numberFormats: numberFormats)
        }
        let kind = skippedSheets.first { $0.name == name }.map { "（它是 \($0.kind)，不是普通工作表）" } ?? ""
        throw SpreadsheetError(.sheetNotFound, file: file,
                               detail: "找不到工作表“\(name)”\(kind)；现有工作表：\(sheetNames.joined(separator: "、"))")
    }

    /// The worksheet at a 0-based position in `sheetNames`.
    public func sheet(at index: Int) throws(SpreadsheetError) -> Worksheet {
        try sheet(at: index, numberFormats: true)
    }

    /// The worksheet at a 0-based position; `numberFormats` as in `sheet(named:numberFormats:)`.
    public func sheet(at index: Int, numberFormats: Bool) throws(SpreadsheetError) -> Worksheet {
        guard sheetNames.indices.contains(index) else {
            throw SpreadsheetError(.sheetNotFound, file: file, detail: "没有第 \(index + 1) 个工作表（共 \(sheetNames.count) 个）")
        }
        do throws(SpreadsheetError) {
            let strings = try sharedStrings()
            return try Self.parseSheet(sheetParts[index], name: sheetNames[index], source: source, file: file,
                                       strings: strings, formats: { () throws(SpreadsheetError) in
                numberFormats ? try formats() : []
            })
        } catch {
            throw error.located(file: file)
        }
    }

    /// Every worksheet, in `sheetNames` order, each parsed and then given to `transform` on all cores.
    /// A sheet that cannot be read is its error, as `sheet(at:numberFormats:)` would throw it; the
    /// results do not depend on which thread finished first.
    public func allSheets<T: Sendable>(numberFormats: Bool,
                                       _ transform: @Sendable (Worksheet) -> T) -> [Result<T, SpreadsheetError>] {
        // Styles are read once, here, before the fan-out: the caches are not locked, so the threads
        // below only read what is already there. (libxml2 was initialised when xl/workbook.xml was
        // parsed; each part gets its own parser context.)
        let styles = numberFormats ? Result { () throws(SpreadsheetError) in try formats() } : .success([])
        // The shared strings are read while the sheets are: task 0 reads them, and a sheet read
        // before they are known keeps its shared-string cells' indices until it waits for them.
        // Task 0 is claimed first, by a thread that waits for nothing, so every wait ends.
        let known: Result<[String], SpreadsheetError>? = sharedStringsCache.map { .success($0) } ?? (sharedStringsPart == nil ? .success([]) : nil)
        let strings = AwaitedResult<Result<[String], SpreadsheetError>>()
        if let known { strings.set(known) }
        let first = known == nil ? 1 : 0
        // The threads share only immutable, Sendable values (never `self`).
        let names = sheetNames, parts = sheetParts, source = source, file = file, stringsPart = sharedStringsPart
        let results = ResultsByIndex<Result<T, SpreadsheetError>>(count: names.count)
        let tasks = ResultsByIndex<Bool>(count: first + names.count)
        let workers = SheetThreads.spread ? min(first + names.count, SheetThreads.processors) : 1
        // The biggest sheets first, so that the threads end together (a big sheet started last keeps
        // one thread busy while the other has nothing left). Results still go by index.
        let sizes = workers > 1 ? parts.map(source.size) : []
        let order = workers > 1 ? names.indices.sorted { (sizes[$0], $1) > (sizes[$1], $0) } : Array(names.indices)
        SheetThreads.perform(iterations: workers) { _ in
            while let claimed = tasks.claim() {
                let task = claimed < first ? claimed : first + order[claimed - first]
                if task < first {
                    strings.set(Result { () throws(SpreadsheetError) -> [String] in
                        guard let stringsPart else { return [] }
                        return try SharedStringsReader.read(try source.data(stringsPart), part: stringsPart)
                    })
                    continue
                }
                let index = task - first
                results.store(Result { () throws(SpreadsheetError) -> T in
                    do throws(SpreadsheetError) {
                        let formats = { () throws(SpreadsheetError) in try styles.get() }
                        let worksheet = if let known {
                            try Self.parseSheet(parts[index], name: names[index], source: source, file: file,
                                                strings: try known.get(), formats: formats)
                        } else {
                            try Self.parseSheet(parts[index], name: names[index], source: source, file: file,
                                                awaiting: strings, formats: formats)
                        }
                        return transform(worksheet)
                    } catch {
                        throw error.located(file: file)
                    }
                }, at: index)
            }
        }
        if sharedStringsCache == nil, case let .success(read) = strings.wait() { sharedStringsCache = read }
        return results.values.map { $0 ?? .failure(SpreadsheetError(.sheetNotFound, file: file, detail: "工作表未读取")) }
    }

    /// `parseSheet` while the shared strings are still being read into `awaiting`: the cells are read
    /// first, then the strings waited for. Errors come as when the strings are read first: theirs,
    /// then the sheet's (a bad shared-string index in file order before any later error).
    private static func parseSheet(_ part: String, name: String, source: PartSource, file: String?,
                                   awaiting: AwaitedResult<Result<[String], SpreadsheetError>>,
                                   formats: () throws(SpreadsheetError) -> [String?]) throws(SpreadsheetError) -> Worksheet {
        var failure: SpreadsheetError?
        var read: (parser: SheetParser, cells: SheetParser.Collected)?
        do throws(SpreadsheetError) {
            guard let resolved = source.resolve(part) else {
                throw SpreadsheetError(.missingPart, part: part, detail: "工作表部件不存在")
            }
            let parser = SheetParser(name: name, part: resolved, file: file, sharedStrings: nil, formats: try formats())
            read = (parser, parser.parseDeferred(try source.data(resolved)))
        } catch {
            failure = error
        }
        let strings = try awaiting.wait().get()
        if let failure { throw failure }
        guard case (let parser, var cells)? = read.take() else {
            throw SpreadsheetError(.missingPart, part: part, detail: "工作表部件不存在")
        }
        return try parser.resolve(&cells, strings: strings)
    }


    /// Parses one worksheet part. Static, and the part source is safe to share, so several sheets
    /// may be parsed at once (each with its own libxml2 parser context).
    private static func parseSheet(_ part: String, name: String, source: PartSource, file: String?, strings: [String],
                                   formats: () throws(SpreadsheetError) -> [String?]) throws(SpreadsheetError) -> Worksheet {
        guard let resolved = source.resolve(part) else {
            throw SpreadsheetError(.missingPart, part: part, detail: "工作表部件不存在")
        }
        let parser = SheetParser(name: name, part: resolved, file: file, sharedStrings: strings,
                                 formats: try formats())
        return try parser.parse(try source.data(resolved))
    }

    private func formats() throws(SpreadsheetError) -> [String?] {
        if let cached = formatsCache { return cached }
        var formats: [String?] = []
        if let part = stylesPart {
            formats = try StylesReader.formats(try source.data(part), part: part)
        }
        formatsCache = formats
        return formats
    }

    private func sharedStrings() throws(SpreadsheetError) -> [String] {
        if let cached = sharedStringsCache { return cached }
        var strings: [String] = []
        if let part = sharedStringsPart {
            strings = try SharedStringsReader.read(try source.data(part), part: part)
        }
        sharedStringsCache = strings
        return strings
    }

    // MARK: - Package structure

    private static func officeDocument(_ source: PartSource) throws(SpreadsheetError) -> String {
        let root = try Relationships.read(source, for: "")
        if let target = root.first(typeEndingWith: "/officeDocument"), let resolved = source.resolve(target) {
            return resolved
        }
        if let fallback = source.resolve("xl/workbook.xml") { return fallback }
        throw SpreadsheetError(.missingPart, part: "xl/workbook.xml", detail: "不是 Excel 工作簿（找不到 workbook.xml）")
    }

    private struct SheetEntry { let name: String; let relId: String; let hidden: Bool }

    /// The `<sheet>` entries and `<definedName>`s of xl/workbook.xml, in file order.
    private static func workbookEntries(_ source: PartSource, _ part: String)
        throws(SpreadsheetError) -> (sheets: [SheetEntry], names: [DefinedName]) {
        try XMLPull.parse(try source.data(part), part: part) { (x: XMLPull) throws(SpreadsheetError) -> ([SheetEntry], [DefinedName]) in
            var entries: [SheetEntry] = []
            var rawNames: [(name: String, local: Int?, text: [UInt8])] = []
            var inName = false
            while let kind = try x.next() {
                switch kind {
                case .start where x.nameIs("sheet"):
                    let name = x.attribute("name")
                    let relId = x.attribute("id", namespace: "http://schemas.openxmlformats.org/officeDocument/2006/relationships")
                        ?? x.attribute("id", namespace: "http://purl.oclc.org/ooxml/officeDocument/relationships")
                    let hidden = (x.attribute("state") ?? "visible") != "visible"
                    guard let name, let relId else {
                        throw SpreadsheetError(.malformedPart, part: part, location: "第 \(x.line) 行",
                                               detail: "<sheet> 缺少 name 或 r:id")
                    }
                    entries.append(SheetEntry(name: name, relId: relId, hidden: hidden))
                case .start where x.nameIs("definedName"):
                    let local = x.withAttribute("localSheetId") { $0?.int }
                    rawNames.append((x.attribute("name") ?? "", local, []))
                    inName = !x.isEmptyElement
                case .text where inName:
                    x.appendText(to: &rawNames[rawNames.count - 1].text)
                case .end where x.nameIs("definedName"):
                    inName = false
                default:
                    break
                }
            }
            // localSheetId counts every <sheet>, chartsheets included.
            let names = rawNames.map { raw in
                DefinedName(name: raw.name, sheet: raw.local.flatMap { entries.indices.contains($0) ? entries[$0].name : nil },
                            refersTo: String(decoding: raw.text, as: UTF8.self))
            }
            return (entries, names)
        }
    }
}

/// The parts of a package, looked up the way OPC names work (case-insensitive). Sendable: the
/// loader reads a locked PackageReader or parts held in memory, so sheets can be read at once.
struct PartSource: Sendable {
    private let names: [String: String]  // lower-cased → actual
    private let sizes: [String: Int]     // actual → size in bytes (as declared)
    private let load: @Sendable (String) throws(SpreadsheetError) -> Data

    init(names: [(name: String, size: Int)], load: @escaping @Sendable (String) throws(SpreadsheetError) -> Data) {
        var map: [String: String] = [:]
        var sizes: [String: Int] = [:]
        for (n, size) in names { map[n.lowercased()] = n; sizes[n] = size }
        self.names = map
        self.sizes = sizes
        self.load = load
    }

    init(parts: [String: Data]) {
        self.init(names: parts.map { ($0.key, $0.value.count) }) { (name: String) throws(SpreadsheetError) -> Data in
            guard let d = parts[name] else { throw SpreadsheetError(.missingPart, part: name, detail: "部件不存在") }
            return d
        }
    }

    /// The stored name of a part ("/xl/a.xml" and "xl/A.xml" both find "xl/a.xml"); nil when absent.
    func resolve(_ name: String) -> String? {
        var n = name
        while n.hasPrefix("/") { n.removeFirst() }
        return names[n.lowercased()]
    }

    /// The size of a part (as its zip entry declares it), 0 when absent: to start the biggest first.
    func size(_ name: String) -> Int {
        resolve(name).flatMap { sizes[$0] } ?? 0
    }

    func data(_ name: String) throws(SpreadsheetError) -> Data {
        guard let actual = resolve(name) else {
            throw SpreadsheetError(.missingPart, part: name, detail: "部件不存在")
        }
        return try load(actual)
    }
}

/// One part's relationships (`_rels/*.rels`), targets resolved to part names.
struct Relationships {
    struct Relationship { let id: String; let type: String; let target: String }
    var byId: [String: Relationship] = [:]
    var ordered: [Relationship] = []

    func first(typeEndingWith suffix: String) -> String? {
        ordered.first { $0.type.hasSuffix(suffix) }?.target
    }

    /// Reads the relationships of `part` ("" for the package root). A missing .rels file means none.
    static func read(_ source: PartSource, for part: String) throws(SpreadsheetError) -> Relationships {
        let directory = (ASCIIPath.split(part, UInt8(ascii: "/"), omittingEmpty: false)
            ?? part.split(separator: "/", omittingEmptySubsequences: false)).dropLast().joined(separator: "/")
        let fileName = (ASCIIPath.split(part, UInt8(ascii: "/")) ?? part.split(separator: "/")).last.map(String.init) ?? ""
        let relsPart = (directory.isEmpty ? "" : directory + "/") + "_rels/" + fileName + ".rels"
        guard let actual = source.resolve(relsPart) else { return Relationships() }
        return try XMLPull.parse(try source.data(actual), part: actual) { (x: XMLPull) throws(SpreadsheetError) -> Relationships in
            var result = Relationships()
            while let kind = try x.next() {
                guard kind == .start, x.nameIs("Relationship") else { continue }
                let id = x.attribute("Id") ?? ""
                let type = x.attribute("Type") ?? ""
                let target = x.attribute("Target") ?? ""
                let external = x.attribute("TargetMode") == "External"
                if external || id.isEmpty { continue }
                let rel = Relationship(id: id, type: type, target: resolveTarget(target, from: directory))
                result.byId[id] = rel
                result.ordered.append(rel)
            }
            return result
        }
    }

    /// "worksheets/sheet1.xml", "./worksheets/sheet1.xml", "../xl/x.xml" and "/xl/worksheets/sheet1.xml"
    /// to a part name relative to the package root.
    static func resolveTarget(_ target: String, from directory: String) -> String {
        // Without a "%" there is nothing to decode (the usual case: Foundation's decoding is not cheap).
        let decoded = target.utf8.contains(UInt8(ascii: "%")) ? (target.removingPercentEncoding ?? target) : target
        var segments: [Substring] = decoded.hasPrefix("/") ? [] : ASCIIPath.split(directory, UInt8(ascii: "/")) ?? directory.split(separator: "/")
        for segment in ASCIIPath.split(decoded, UInt8(ascii: "/")) ?? decoded.split(separator: "/") {
            switch segment {
            case ".": continue
            case "..": if !segments.isEmpty { segments.removeLast() }
            default: segments.append(segment)
            }
        }
        return segments.joined(separator: "/")
    }
}

/// xl/sharedStrings.xml: each <si>'s text; rich-text runs concatenated, phonetic runs left out.
enum SharedStringsReader {
    static func read(_ data: Data, part: String) throws(SpreadsheetError) -> [String] {
        let receiver = Receiver(try XMLPush(data, part: part))
        defer { receiver.text.free() }
        try receiver.x.run(receiver)
        return receiver.strings
    }

    /// Pushed the part's nodes by XMLPush (the table is as big as a sheet).
    private final class Receiver: XMLPush.Receiver {
        @exclusivity(unchecked) var strings: [String] = []
        @exclusivity(unchecked) var text = ByteArena(capacity: 256)
        @exclusivity(unchecked) private var inItem = false
        @exclusivity(unchecked) private var inText = false
        @exclusivity(unchecked) private var phoneticDepth = 0

        override func receive(_ kind: SAXEvents.Kind) -> Bool {
            switch kind {
            case .start:
                if x.nameIs("si") {
                    text.removeAll()
                    if x.isEmptyElement { strings.append("") } else { inItem = true }
                } else if x.nameIs("rPh") {
                    if !x.isEmptyElement { phoneticDepth += 1 }
                } else if x.nameIs("t"), inItem, phoneticDepth == 0 {
                    inText = !x.isEmptyElement
                }
            case .text:
                if inText { x.appendText(to: &text) }
            case .end:
                if x.nameIs("t") {
                    inText = false
                } else if x.nameIs("rPh") {
                    phoneticDepth = max(0, phoneticDepth - 1)
                } else if x.nameIs("si") {
                    strings.append(ExcelEscape.decode(bytes: text.buffer))
                    inItem = false
                }
            }
            return true
        }
    }
}

/// xl/styles.xml: the number format code of each cellXfs entry.
enum StylesReader {
    static func formats(_ data: Data, part: String) throws(SpreadsheetError) -> [String?] {
        try XMLPull.parse(data, part: part) { (x: XMLPull) throws(SpreadsheetError) -> [String?] in
            var custom: [Int: String] = [:]
            var xfFormatIds: [Int] = []
            var inCellXfs = false
            while let kind = try x.next() {
                switch kind {
                case .start:
                    if x.nameIs("numFmt") {
                        if let id = x.withAttribute("numFmtId", { $0?.int }), let code = x.attribute("formatCode") {
                            custom[id] = code
                        }
                    } else if x.nameIs("cellXfs") {
                        inCellXfs = !x.isEmptyElement
                    } else if x.nameIs("xf"), inCellXfs {
                        xfFormatIds.append(x.withAttribute("numFmtId") { $0?.int } ?? 0)
                    }
                case .end:
                    if x.nameIs("cellXfs") { inCellXfs = false }
                default:
                    break
                }
            }
            return xfFormatIds.map { id in
                if id == 0 { return nil }
                let code = custom[id] ?? BuiltinFormats.code(id)
                // LibreOffice declares "General" as a custom format; it is still General.
                return code?.lowercased() == "general" ? nil : code
            }
        }
    }
}

/// Format codes of Excel's builtin number format ids that do not depend on the locale.
enum BuiltinFormats {
    static func code(_ id: Int) -> String? {
        switch id {
        case 1: "0"
        case 2: "0.00"
        case 3: "#,##0"
        case 4: "#,##0.00"
        case 9: "0%"
        case 10: "0.00%"
        case 11: "0.00E+00"
        case 12: "# ?/?"
        case 13: "# ??/??"
        case 14: "mm-dd-yy"
        case 15: "d-mmm-yy"
        case 16: "d-mmm"
        case 17: "mmm-yy"
        case 18: "h:mm AM/PM"
        case 19: "h:mm:ss AM/PM"
        case 20: "h:mm"
        case 21: "h:mm:ss"
        case 22: "m/d/yy h:mm"
        case 37: "#,##0 ;(#,##0)"
        case 38: "#,##0 ;[Red](#,##0)"
        case 39: "#,##0.00;(#,##0.00)"
        case 40: "#,##0.00;[Red](#,##0.00)"
        case 45: "mm:ss"
        case 46: "[h]:mm:ss"
        case 47: "mmss.0"
        case 48: "##0.0E+0"
        case 49: "@"
        default: nil
        }
    }
}
