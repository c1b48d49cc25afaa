import Foundation
import OOXML

/// The parts of an .xlsx held in memory while the annotator edits a few of them.
/// Parts never touched are written back byte for byte (copied raw from the input archive).
struct WorkbookParts {
    let path: String
    /// Part names in archive order.
    private(set) var order: [String]
    private var original: [String: Data]
    /// Parts replaced or added by the annotator.
    private(set) var changed: [String: Data] = [:]
    private(set) var removed: Set<String> = []

    init(path: String, parts: [(name: String, data: Data)]) {
        self.path = path
        order = parts.map(\.name)
        original = Dictionary(parts.map { ($0.name, $0.data) }, uniquingKeysWith: { a, _ in a })
    }

    func contains(_ name: String) -> Bool {
        !removed.contains(name) && (changed[name] != nil || original[name] != nil)
    }

    func data(_ name: String) throws -> Data {
        if let d = changed[name] { return d }
        if !removed.contains(name), let d = original[name] { return d }
        throw ReportError.malformed(path: path, part: name, detail: "缺少该部件")
    }

    func tags(_ name: String) throws -> [XMLTag] {
        try XMLTagScanner(try data(name), part: name, path: path).tags()
    }

    mutating func set(_ name: String, _ data: Data) {
        if original[name] == nil && changed[name] == nil { order.append(name) }
        removed.remove(name)
        changed[name] = data
    }

    mutating func remove(_ name: String) {
        removed.insert(name)
        changed[name] = nil
    }

    /// Parts to write: (name, new data) for changed parts, (name, nil) for parts to copy raw.
    var output: [(name: String, data: Data?)] {
        order.filter { !removed.contains($0) }.map { ($0, changed[$0]) }
    }

    /// The first part name of the form prefix + N + suffix not yet used (N from 1).
    func unusedName(_ prefix: String, _ suffix: String) -> String {
        var n = 1
        while contains(prefix + String(n) + suffix) || original.keys.contains(where: {
            $0.lowercased() == (prefix + String(n) + suffix).lowercased()
        }) { n += 1 }
        return prefix + String(n) + suffix
    }
}

/// Relationships of one part (its _rels/*.rels part).
struct Relationships {
    struct Entry { var id: String; var type: String; var target: String; var external: Bool }
    static let officeDocument = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
    static let worksheet = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
    static let comments = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
    static let vmlDrawing = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing"
    static let namespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    let source: String
    let relsPart: String
    var entries: [Entry] = []
    /// Offset of `</Relationships>` in the existing part; nil when the part does not exist yet.
    var closeOffset: Int?
    var additions: [Entry] = []

    init(of source: String, in parts: WorkbookParts) throws {
        self.source = source
        let dir = Self.directory(of: source)
        let file = source.split(separator: "/").last.map(String.init) ?? source
        relsPart = (dir.isEmpty ? "" : dir + "/") + "_rels/" + file + ".rels"
        guard parts.contains(relsPart) else { return }
        for tag in try parts.tags(relsPart) {
            if tag.localName == "Relationship", tag.kind != .end,
               let id = tag.attribute("Id"), let type = tag.attribute("Type"), let target = tag.attribute("Target") {
                entries.append(Entry(id: id, type: type, target: target, external: tag.attribute("TargetMode") == "External"))
            }
            if tag.localName == "Relationships", tag.kind == .end { closeOffset = tag.range.lowerBound }
            if tag.localName == "Relationships", tag.kind == .empty {
                throw ReportError.unsupported(path: parts.path, detail: "部件 \(relsPart) 为空的 <Relationships/>，暂不支持")
            }
        }
        if closeOffset == nil {
            throw ReportError.malformed(path: parts.path, part: relsPart, detail: "缺少 </Relationships>")
        }
    }

    static func directory(of part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "" }
        return String(part[..<slash])
    }

    /// The part a target points to, resolved against the source part's folder.
    func resolve(_ target: String) -> String {
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        var components = Self.directory(of: source).split(separator: "/").map(String.init)
        for piece in target.split(separator: "/") {
            if piece == ".." { _ = components.popLast() } else if piece != "." { components.append(String(piece)) }
        }
        return components.joined(separator: "/")
    }

    /// A target for `part` written relative to the source's folder.
    func relativeTarget(to part: String) -> String {
        let from = Self.directory(of: source).split(separator: "/")
        let to = part.split(separator: "/")
        var common = 0
        while common < from.count, common < to.count - 1, from[common] == to[common] { common += 1 }
        return (Array(repeating: "..", count: from.count - common) + to[common...].map(String.init)).joined(separator: "/")
    }

    func first(ofType type: String) -> Entry? { (entries + additions).first { $0.type == type && !$0.external } }

    mutating func add(type: String, part: String) -> String {
        let used = Set((entries + additions).map(\.id))
        var n = (entries + additions).count + 1
        while used.contains("rId\(n)") { n += 1 }
        let id = "rId\(n)"
        additions.append(Entry(id: id, type: type, target: relativeTarget(to: part), external: false))
        return id
    }

    func write(into parts: inout WorkbookParts) throws {
        guard !additions.isEmpty else { return }
        let xml = additions.map {
            "<Relationship Id=\"\(XMLEscape.attribute($0.id))\" Type=\"\($0.type)\" Target=\"\(XMLEscape.attribute($0.target))\"/>"
        }.joined()
        if let closeOffset {
            var edits = ByteEdits()
            edits.insert(xml, at: closeOffset)
            parts.set(relsPart, edits.apply(to: try parts.data(relsPart)))
        } else {
            parts.set(relsPart, Data(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + xml + "</Relationships>").utf8))
        }
    }
}

/// Adds Override and Default entries to [Content_Types].xml.
struct ContentTypes {
    static let part = "[Content_Types].xml"
    static let worksheet = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
    static let comments = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
    static let vml = "application/vnd.openxmlformats-officedocument.vmlDrawing"

    var overrides: [String: String] = [:]
    var defaults: [String: String] = [:]
    var closeOffset = 0
    var added: [String] = []

    init(_ parts: WorkbookParts) throws {
        for tag in try parts.tags(Self.part) {
            switch (tag.localName, tag.kind) {
            case ("Override", .empty), ("Override", .start):
                if let p = tag.attribute("PartName"), let t = tag.attribute("ContentType") { overrides[p] = t }
            case ("Default", .empty), ("Default", .start):
                if let e = tag.attribute("Extension"), let t = tag.attribute("ContentType") { defaults[e.lowercased()] = t }
            case ("Types", .end): closeOffset = tag.range.lowerBound
            default: break
            }
        }
        guard closeOffset > 0 else {
            throw ReportError.malformed(path: parts.path, part: Self.part, detail: "缺少 </Types>")
        }
    }

    mutating func override(_ part: String, _ type: String) {
        guard overrides["/" + part] != type else { return }
        overrides["/" + part] = type
        added.append("<Override PartName=\"/\(XMLEscape.attribute(part))\" ContentType=\"\(type)\"/>")
    }

    mutating func ensureDefault(_ ext: String, _ type: String) {
        guard defaults[ext] == nil else { return }
        defaults[ext] = type
        // Defaults must come before Overrides in the schema; Excel is strict about element order.
        added.insert("<Default Extension=\"\(ext)\" ContentType=\"\(type)\"/>", at: 0)
    }

    func write(into parts: inout WorkbookParts, firstOverrideOffset: Int?) throws {
        guard !added.isEmpty else { return }
        var edits = ByteEdits()
        let defaultsXML = added.filter { $0.hasPrefix("<Default") }.joined()
        let overridesXML = added.filter { $0.hasPrefix("<Override") }.joined()
        if !defaultsXML.isEmpty { edits.insert(defaultsXML, at: firstOverrideOffset ?? closeOffset) }
        if !overridesXML.isEmpty { edits.insert(overridesXML, at: closeOffset) }
        parts.set(Self.part, edits.apply(to: try parts.data(Self.part)))
    }

    static func firstOverrideOffset(_ parts: WorkbookParts) throws -> Int? {
        try parts.tags(part).first { $0.localName == "Override" }?.range.lowerBound
    }
}

extension XMLTag {
    /// The tag written back with some attributes changed or added (nil value removes one).
    func rewritten(_ changes: [(String, String?)]) -> String {
        var attrs = attributes
        for (name, value) in changes {
            if let i = attrs.firstIndex(where: { $0.name == name }) {
                if let value { attrs[i].value = value } else { attrs.remove(at: i) }
            } else if let value {
                attrs.append((name, value))
            }
        }
        let body = attrs.map { " \($0.name)=\"\(XMLEscape.attribute($0.value))\"" }.joined()
        return "<" + name + body + (kind == .empty ? "/>" : ">")
    }
}
