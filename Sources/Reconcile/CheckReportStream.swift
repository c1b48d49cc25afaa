/// The juesuan-check/1 JSON of a report written piece by piece: the one encoder of the check JSON
/// (`jsonData()` collects its pieces). Its bytes are JSONSerialization's layout (sorted keys,
/// pretty-printed with two-space indents, slashes unescaped), which check files had before it and
/// which a test holds it to. A batch's consolidated report has over a thousand findings; streaming
/// keeps it from building a dictionary tree and a second copy of the text.
extension CheckReport {
    /// Emits the JSON text (without a final newline) in pieces.
    public func streamJSON(_ emit: (String) throws -> Void) throws {
        try Self.streamJSON(workbook: workbook, narrative: narrative, claims: claims,
                            findings: { each in for f in findings { try each(f) } }, emit)
    }

    /// The same JSON for findings handed over one at a time while it is written (`findings` passes
    /// each to `each`, in report order), so that they need not all be held at once: the summary's
    /// counts are taken as they go by, and returned.
    @discardableResult
    public static func streamJSON(workbook: String?, narrative: String?, claims: ClaimCheckResult?,
                                  findings: (_ each: (Finding) throws -> Void) throws -> Void,
                                  _ emit: (String) throws -> Void) throws -> FindingCounts {
        try withoutActuallyEscaping(emit) { emit in
            try stream(workbook: workbook, narrative: narrative, claims: claims, findings: findings, JSONPieces(emit: emit))
        }
    }

    private static func stream(workbook: String?, narrative: String?, claims: ClaimCheckResult?,
                               findings: (_ each: (Finding) throws -> Void) throws -> Void,
                               _ out: JSONPieces) throws -> FindingCounts {
        var counts = FindingCounts()
        try out.object(0) { o in
            try o.field("claims") { out in
                try out.object(1) { o in
                    try o.field("bound") { try $0.raw(String(claims?.bound.count ?? 0)) }
                    try o.field("found") { try $0.raw(String(claims?.found ?? 0)) }
                    try o.field("unbound") { out in
                        try out.array(2, claims?.unbound ?? []) { out, b in
                            try out.object(3) { o in
                                try o.field("figure") { try $0.string(b.claim.location.figureText) }
                                try o.field("paragraph") { try $0.raw(String(b.claim.location.paragraph)) }
                                try o.field("reason") { try $0.string(b.reason ?? "") }
                                try o.field("section") { try $0.string(b.claim.location.section.title) }
                                try o.field("sentence") { try $0.string(b.claim.location.sentence) }
                            }
                        }
                    }
                }
            }
            try o.field("findings") { out in
                try out.array(1, produced: { element in
                    try withoutActuallyEscaping(element) { element in
                        try findings { f in
                            counts.add(f)
                            try element { out in try out.finding(f, depth: 2) }
                        }
                    }
                })
            }
            try o.field("narrative") { try $0.optional(narrative) }
            try o.field("schema") { try $0.string(Self.schema) }
            try o.field("summary") { out in
                try out.object(1) { o in
                    try o.field("errors") { try $0.raw(String(counts.errors)) }
                    try o.field("explained") { try $0.raw(String(counts.explained)) }
                    try o.field("hints") { try $0.raw(String(counts.hints)) }
                    try o.field("unexplainedErrors") { try $0.raw(String(counts.unexplainedErrors)) }
                }
            }
            try o.field("workbook") { try $0.optional(workbook) }
        }
        return counts
    }
}

/// How many findings of each kind a report has (its JSON summary).
public struct FindingCounts: Sendable, Hashable {
    public var errors = 0
    public var hints = 0
    /// Findings a reviewer explained (出错说明).
    public var explained = 0
    public var unexplainedErrors = 0

    public init() {}

    mutating func add(_ f: Finding) {
        let isExplained = !(f.explanation ?? "").isEmpty
        if f.severity == .error { errors += 1; if !isExplained { unexplainedErrors += 1 } }
        if f.severity == .hint { hints += 1 }
        if isExplained { explained += 1 }
    }
}

extension JSONPieces {
    /// One finding as an object whose members start at `depth` + 1.
    func finding(_ f: Finding, depth: Int) throws {
        try object(depth) { o in
            try o.field("expected") { try $0.optional(f.expected) }
            try o.field("explanation") { try $0.optional(f.explanation) }
            try o.field("found") { try $0.optional(f.found) }
            try o.field("location") { try $0.location(f.location, depth: depth + 1) }
            try o.field("message") { try $0.string(f.message) }
            try o.field("rule") { try $0.string(f.rule) }
            try o.field("severity") { try $0.string(f.severity.rawValue) }
            try o.field("summary") { try $0.string(f.summary) }
        }
    }

    /// An array whose elements are produced one at a time: `produce` calls `element` once per
    /// element, which writes it (same layout as `array`).
    func array(_ depth: Int, produced produce: (_ element: (_ write: (JSONPieces) throws -> Void) throws -> Void) throws -> Void) throws {
        try emit("[\n")
        var first = true
        try produce { write in
            try emit((first ? "" : ",\n") + Self.indent(depth + 1))
            first = false
            try write(self)
        }
        try emit("\n" + Self.indent(depth) + "]")
    }
}

/// Pretty-printed JSON in JSONSerialization's layout, handed out in pieces. Keys are written in
/// the order given: callers list them sorted.
struct JSONPieces {
    let emit: (String) throws -> Void

    func raw(_ s: String) throws { try emit(s) }

    func optional(_ s: String?) throws {
        if let s { try string(s) } else { try emit("null") }
    }

    /// A string with JSONSerialization's escapes (slashes left as they are).
    func string(_ s: String) throws {
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            try emit("\"" + s + "\"")
            return
        }
        var escaped = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\u{8}": escaped += "\\b"
            case "\u{c}": escaped += "\\f"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case "\u{0}"..."\u{f}": escaped += "\\u000" + String(scalar.value, radix: 16)
            case "\u{10}"..."\u{1f}": escaped += "\\u00" + String(scalar.value, radix: 16)
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        try emit(escaped + "\"")
    }

    static func indent(_ depth: Int) -> String { String(repeating: "  ", count: depth) }

    /// An object whose members start at `depth` + 1.
    func object(_ depth: Int, _ members: (inout Members) throws -> Void) throws {
        try emit("{\n")
        var m = Members(out: self, depth: depth + 1)
        try members(&m)
        try emit("\n" + Self.indent(depth) + "}")
    }

    struct Members {
        let out: JSONPieces
        let depth: Int
        var first = true
        mutating func field(_ key: String, _ value: (JSONPieces) throws -> Void) throws {
            try out.emit((first ? "" : ",\n") + JSONPieces.indent(depth) + "\"" + key + "\" : ")
            first = false
            try value(out)
        }
    }

    /// An array whose elements start at `depth` + 1 (an empty one keeps its blank line, as
    /// JSONSerialization writes it).
    func array<T>(_ depth: Int, _ items: [T], _ element: (JSONPieces, T) throws -> Void) throws {
        try withoutActuallyEscaping(element) { element in
            try array(depth, produced: { add in
                for item in items { try add { out in try element(out, item) } }
            })
        }
    }

    func location(_ location: FindingLocation, depth: Int) throws {
        try object(depth) { o in
            switch location {
            case let .cells(sheet, cells, table):
                try o.field("cells") { out in try out.array(depth + 1, cells) { out, c in try out.string(c) } }
                try o.field("kind") { out in try out.string("cells") }
                try o.field("sheet") { out in try out.string(sheet) }
                try o.field("table") { out in try out.raw(table.map { String($0.rawValue) } ?? "null") }
            case let .table(id):
                try o.field("kind") { out in try out.string("table") }
                try o.field("table") { out in try out.raw(String(id.rawValue)) }
                try o.field("tableTitle") { out in try out.string(id.title) }
            case let .narrative(section, paragraph, sentence, figure):
                try o.field("figure") { out in try out.optional(figure) }
                try o.field("kind") { out in try out.string("narrative") }
                try o.field("paragraph") { out in try out.raw(String(paragraph)) }
                try o.field("section") { out in try out.string(section) }
                try o.field("sentence") { out in try out.string(sentence) }
            case let .dataFile(loc):
                try o.field("file") { out in try out.string(loc.file) }
                try o.field("kind") { out in try out.string("dataFile") }
                try o.field("line") { out in try out.raw(String(loc.line)) }
            case let .file(path):
                try o.field("kind") { out in try out.string("file") }
                try o.field("path") { out in try out.string(path) }
            }
            try o.field("text") { out in try out.string(location.text) }
        }
    }
}
