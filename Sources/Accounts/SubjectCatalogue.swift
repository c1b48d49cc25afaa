import Foundation

/// The subject catalogues a year's accounts are written against: 支出功能分类 (类/款/项),
/// 部门预算支出经济分类 (类/款) and the superseded 功能分类 names a narrative may still use.
/// Catalogues are data (TSV files), so another year or province is a data change.
public struct SubjectCatalogue: Sendable {
    /// A name that was replaced by a newer one (e.g. 医疗卫生与计划生育支出 → 卫生健康支出 210).
    struct Superseded: Sendable, Hashable {
        var current: String
        var code: String
    }

    private var functionalNames: [String: String] = [:]
    private var functionalOrder: [String] = []
    private var economicNames: [String: String] = [:]
    private var economicOrder: [String] = []
    /// Keyed by the normalised old name.
    private var superseded: [String: Superseded] = [:]

    /// An empty catalogue.
    public init() {}

    /// Builds a catalogue from TSV text (`code<TAB>name` per line, `#` comments, blank lines ignored).
    /// `file` names the source in messages; the superseded-names TSV (`old<TAB>current<TAB>code`) is optional.
    public init(functionalTSV: String, economicTSV: String, file: String) throws {
        try self.init(functionalTSV: functionalTSV, functionalFile: file,
                      economicTSV: economicTSV, economicFile: file,
                      supersededTSV: "", supersededFile: file)
    }

    public init(functionalTSV: String, functionalFile: String,
                economicTSV: String, economicFile: String,
                supersededTSV: String, supersededFile: String) throws {
        var problems: [UnitDataProblem] = []
        for row in Self.rows(functionalTSV, file: functionalFile, columns: 2, problems: &problems) {
            add(functional: row.fields[0], name: row.fields[1], at: row.location, problems: &problems)
        }
        for row in Self.rows(economicTSV, file: economicFile, columns: 2, problems: &problems) {
            add(economic: row.fields[0], name: row.fields[1], at: row.location, problems: &problems)
        }
        for row in Self.rows(supersededTSV, file: supersededFile, columns: 3, problems: &problems) {
            let code = row.fields[2]
            guard Self.isCode(code, lengths: [3, 5, 7]) else {
                problems.append(UnitDataProblem(row.location, "科目编码“\(code)”无效：功能分类编码应为3、5或7位数字"))
                continue
            }
            superseded[Self.normalizedName(row.fields[0])] = Superseded(current: row.fields[1], code: code)
        }
        if !problems.isEmpty { throw CatalogueError(problems: problems.sortedByPlace()) }
    }

    /// The FY2021 catalogues shipped with juesuan (Resources/catalogues).
    public static func builtin2021() throws -> SubjectCatalogue {
        func text(_ name: String) throws -> (String, String) {
            guard let url = Bundle.module.url(forResource: name, withExtension: "tsv", subdirectory: "Resources/catalogues")
                    ?? Bundle.module.url(forResource: name, withExtension: "tsv") else {
                throw CatalogueError(problems: [UnitDataProblem(SourceLocation(file: name + ".tsv", line: 0),
                                                                "找不到内置科目表文件")])
            }
            guard let data = try? Data(contentsOf: url), let s = String(data: data, encoding: .utf8) else {
                throw CatalogueError(problems: [UnitDataProblem(SourceLocation(file: url.lastPathComponent, line: 0),
                                                                "无法读取内置科目表文件（须为UTF-8编码）")])
            }
            return (s, url.lastPathComponent)
        }
        let f = try text("functional-2021"), e = try text("economic-2021"), s = try text("superseded-names")
        return try SubjectCatalogue(functionalTSV: f.0, functionalFile: f.1, economicTSV: e.0, economicFile: e.1,
                                    supersededTSV: s.0, supersededFile: s.1)
    }

    /// Adds the other catalogue's subjects (a name for an existing code replaces it) and superseded names.
    public mutating func extend(with other: SubjectCatalogue) {
        for code in other.functionalOrder {
            if functionalNames[code] == nil { functionalOrder.append(code) }
            functionalNames[code] = other.functionalNames[code]
        }
        for code in other.economicOrder {
            if economicNames[code] == nil { economicOrder.append(code) }
            economicNames[code] = other.economicNames[code]
        }
        superseded.merge(other.superseded) { _, new in new }
    }

    /// This catalogue with a unit file's 科目扩展 added (for naming the codes those files use).
    public func extended(with extensions: [SubjectExtension]) -> SubjectCatalogue {
        var c = self
        for e in extensions {
            _ = e.kind == .functional ? c.addFunctional(code: e.code, name: e.name) : c.addEconomic(code: e.code, name: e.name)
        }
        return c
    }

    /// Adds one 功能分类 subject (3, 5 or 7 digits). Returns a Chinese problem text if the line is invalid.
    public mutating func addFunctional(code: String, name: String) -> String? {
        var problems: [UnitDataProblem] = []
        add(functional: code, name: name, at: SourceLocation(file: "", line: 0), replacing: true, problems: &problems)
        return problems.first?.message
    }

    /// Adds one 经济分类 subject (3 or 5 digits). Returns a Chinese problem text if the line is invalid.
    public mutating func addEconomic(code: String, name: String) -> String? {
        var problems: [UnitDataProblem] = []
        add(economic: code, name: name, at: SourceLocation(file: "", line: 0), replacing: true, problems: &problems)
        return problems.first?.message
    }

    // MARK: Lookups

    public func functionalName(_ code: String) -> String? { functionalNames[code] }
    public func economicName(_ code: String) -> String? { economicNames[code] }

    /// The 功能分类 类 in catalogue order, for tables 1 and 4.
    public var functionalCategories: [(code: String, name: String)] {
        functionalOrder.filter { $0.count == 3 }.compactMap { c in functionalNames[c].map { (c, $0) } }
    }

    /// Every 功能分类 subject, in catalogue order.
    public var functionalSubjects: [(code: String, name: String)] {
        functionalOrder.compactMap { c in functionalNames[c].map { (c, $0) } }
    }

    /// Every 经济分类 subject, in catalogue order.
    public var economicSubjects: [(code: String, name: String)] {
        economicOrder.compactMap { c in economicNames[c].map { (c, $0) } }
    }

    /// The current name and code for a superseded name ("医疗卫生与计划生育（类）" → 卫生健康支出, 210).
    public func supersededName(_ name: String) -> (current: String, code: String)? {
        superseded[Self.normalizedName(name)].map { ($0.current, $0.code) }
    }

    /// The 功能分类 code with this name. `parent` narrows the search to the subjects under a code
    /// ("20801") or under the subject with that name ("人力资源和社会保障管理事务（款）").
    /// Names match after `normalizedName`; a superseded name finds its current subject.
    /// Returns nil if no subject, or more than one, matches.
    public func functionalCode(named name: String, parent: String? = nil) -> String? {
        var prefix = ""
        if let parent, !parent.isEmpty {
            if Self.isCode(parent, lengths: [3, 5]) {
                prefix = parent
            } else if let code = functionalCode(named: parent, parent: nil) {
                prefix = code
            } else {
                return nil
            }
        }
        let key = Self.normalizedName(name)
        let childLengths = prefix.isEmpty ? [3, 5, 7] : [prefix.count + 2]
        let matches = functionalOrder.filter {
            $0.hasPrefix(prefix) && childLengths.contains($0.count)
                && functionalNames[$0].map(Self.normalizedName) == key
        }
        if matches.count == 1 { return matches[0] }
        if matches.isEmpty, let old = superseded[key], old.code.hasPrefix(prefix) { return old.code }
        return nil
    }

    /// A subject name reduced for comparison: whitespace dropped, ASCII brackets made full-width,
    /// the narrative markers （类）（款）（项） removed and a trailing "支出" dropped, so that
    /// "社会保障和就业（类）支出", "社会保障和就业支出" and "社会保障和就业" compare equal.
    public static func normalizedName(_ name: String) -> String {
        var chars: [Character] = []
        chars.reserveCapacity(name.count)
        for ch in name where !ch.isWhitespace {
            chars.append(ch == "(" ? "（" : ch == ")" ? "）" : ch)
            // Drop a level marker as soon as its closing bracket arrives.
            let n = chars.count
            if n >= 3, chars[n - 1] == "）", chars[n - 3] == "（", "类款项".contains(chars[n - 2]) {
                chars.removeLast(3)
            }
        }
        if chars.count > 2, chars[chars.count - 2] == "支", chars[chars.count - 1] == "出" { chars.removeLast(2) }
        return String(chars)
    }

    // MARK: Building

    private mutating func add(functional code: String, name: String, at location: SourceLocation,
                              replacing: Bool = false, problems: inout [UnitDataProblem]) {
        guard Self.isCode(code, lengths: [3, 5, 7]) else {
            problems.append(UnitDataProblem(location, "功能分类编码“\(code)”无效：应为3位（类）、5位（款）或7位（项）数字"))
            return
        }
        guard !name.isEmpty else { problems.append(UnitDataProblem(location, "功能分类\(code)缺少科目名称")); return }
        if functionalNames[code] != nil && !replacing {
            problems.append(UnitDataProblem(location, "功能分类编码\(code)重复出现")); return
        }
        if functionalNames[code] == nil { functionalOrder.append(code) }
        functionalNames[code] = name
    }

    private mutating func add(economic code: String, name: String, at location: SourceLocation,
                              replacing: Bool = false, problems: inout [UnitDataProblem]) {
        guard Self.isCode(code, lengths: [3, 5]) else {
            problems.append(UnitDataProblem(location, "经济分类编码“\(code)”无效：应为3位（类）或5位（款）数字"))
            return
        }
        guard !name.isEmpty else { problems.append(UnitDataProblem(location, "经济分类\(code)缺少科目名称")); return }
        if economicNames[code] != nil && !replacing {
            problems.append(UnitDataProblem(location, "经济分类编码\(code)重复出现")); return
        }
        if economicNames[code] == nil { economicOrder.append(code) }
        economicNames[code] = name
    }

    static func isCode(_ s: String, lengths: [Int]) -> Bool {
        // On bytes: a Character is an ASCII digit exactly when its one byte is 0-9.
        lengths.contains(s.utf8.count) && s.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    private struct Row { var fields: [String]; var location: SourceLocation }

    /// The data lines of a TSV text, each split into exactly `columns` trimmed fields.
    private static func rows(_ text: String, file: String, columns: Int, problems: inout [UnitDataProblem]) -> [Row] {
        var rows: [Row] = []
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        for (i, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let location = SourceLocation(file: file, line: i + 1)
            let fields = raw.split(separator: "\t", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == columns, !fields.contains(where: \.isEmpty) else {
                let shape = columns == 2 ? "“编码<TAB>名称”" : "“旧名称<TAB>现名称<TAB>编码”"
                problems.append(UnitDataProblem(location, "格式错误：每行应为\(shape)（以制表符分隔），实际为“\(line)”"))
                continue
            }
            rows.append(Row(fields: fields, location: location))
        }
        return rows
    }
}

/// Problems found in a catalogue file, each with its file and line.
public struct CatalogueError: Error, CustomStringConvertible, Sendable {
    public var problems: [UnitDataProblem]
    public init(problems: [UnitDataProblem]) { self.problems = problems }
    public var description: String {
        (["科目表有\(problems.count)处错误："] + problems.map(\.description)).joined(separator: "\n")
    }
}
