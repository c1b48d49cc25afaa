import Foundation

/// Reads values out of a unit data file's YAML document, collecting every problem with its line
/// instead of stopping at the first. Scalars are read from their source text, never through Double.
final class UnitDataReader {
    typealias Node = YAMLDocument.Node
    let document: YAMLDocument
    let file: String
    var catalogue: SubjectCatalogue
    private(set) var problems: [UnitDataProblem] = []

    init(document: YAMLDocument, file: String, catalogue: SubjectCatalogue) {
        self.document = document; self.file = file; self.catalogue = catalogue
    }

    func location(_ node: Node) -> SourceLocation {
        SourceLocation(file: file, line: document.line(node), column: document.column(node))
    }

    func report(_ node: Node, _ message: String) {
        problems.append(UnitDataProblem(location(node), message))
    }

    func report(at location: SourceLocation, _ message: String) {
        problems.append(UnitDataProblem(location, message))
    }

    /// Problems found by another reader of the same document, placed as if reported now.
    func appendProblems(_ more: [UnitDataProblem]) {
        problems.append(contentsOf: more)
    }

    // MARK: Structure

    /// The checked entries of a mapping node, stored by the index of their key in the allowed
    /// list (hashing Chinese keys normalizes them, which costs more than comparing a few bytes).
    struct Fields {
        var node: Node
        let allowed: [String]
        /// By slot: the value and the key node of the entry, nil when the key is absent.
        var entries: [(value: Node, key: Node)?]
        init(node: Node, allowed: [String]) {
            self.node = node; self.allowed = allowed
            entries = Array(repeating: nil, count: allowed.count)
        }
        subscript(key: String) -> Node? { UnitDataText.index(of: key, in: allowed).flatMap { entries[$0]?.value } }
    }

    /// The entries of a mapping, checked against the allowed keys (unknown and repeated keys are
    /// problems) and the required ones. Nil, with a problem, if the node is not a mapping.
    func fields(_ node: Node, _ what: String, allowed: [String], required: [String] = []) -> Fields? {
        guard let pairs = document.pairs(node) else {
            report(node, "\(what)应为“键: 值”形式的映射")
            return nil
        }
        var f = Fields(node: node, allowed: allowed)
        for (keyNode, value) in pairs {
            guard document.kind(keyNode) == .scalar else { report(keyNode, "\(what)中的键应为文字"); continue }
            guard let slot = slot(of: keyNode, in: allowed) else {
                let key = document.string(keyNode) ?? ""
                if let s = UnitDataVocabulary.suggestion(for: key, among: allowed) {
                    report(keyNode, "\(what)中有未知的键“\(key)”，是否应为“\(s)”？")
                } else {
                    report(keyNode, "\(what)中有未知的键“\(key)”（可用的键：\(allowed.joined(separator: "、"))）")
                }
                continue
            }
            if let first = f.entries[slot] {
                report(keyNode, "\(what)中的键“\(document.string(keyNode) ?? "")”重复（第\(location(first.key).line)行已有）")
                continue
            }
            f.entries[slot] = (value, keyNode)
        }
        for key in required where f[key] == nil {
            report(node, "\(what)缺少必填项“\(key)”")
        }
        return f
    }

    /// `allowed.firstIndex(of: key text)`: an entry with the same bytes first (no String is
    /// made for the key), else one canonically equivalent to it.
    private func slot(of key: Node, in allowed: [String]) -> Int? {
        let byBytes = document.withScalarBytes(key) { bytes in allowed.firstIndex { UnitDataText.sameBytes(bytes, $0) } }
        if let byBytes { return byBytes }
        guard let text = document.string(key) else { return nil }
        return allowed.firstIndex(of: text)
    }

    /// The key, value pairs of a mapping, or nil if the node is not one.
    func pairs(_ node: Node) -> YAMLDocument.Pairs? { document.pairs(node) }

    /// The items of a list; an absent or empty (null) value is an empty list.
    func list(_ node: Node?, _ what: String) -> ArraySlice<Node> {
        guard let node else { return [] }
        if let items = document.items(node) { return items }
        if isNull(node) { return [] }
        report(node, "\(what)应为列表（每项以“- ”开头，或写成 [ ... ]）")
        return []
    }

    /// A plain scalar "", ~, null, Null or NULL (compared by bytes: no other text is canonically
    /// equivalent to these ASCII words).
    func isNull(_ node: Node) -> Bool {
        document.isPlain(node) && document.isNullWord(node)
    }

    // MARK: Scalars

    /// A non-empty text scalar, trimmed.
    func text(_ node: Node?, _ what: String, allowEmpty: Bool = false) -> String? {
        guard let node else { return nil }
        guard document.kind(node) == .scalar else { report(node, "\(what)应为一个值（文字或数字），而不是列表或映射"); return nil }
        if isNull(node) {
            if allowEmpty { return "" }
            report(node, "\(what)为空")
            return nil
        }
        let (s, mayNeedTrimming) = document.withScalarBytes(node) {
            (String(decoding: $0, as: UTF8.self), UnitDataText.mayNeedTrimming($0))
        }
        let t = mayNeedTrimming ? UnitDataText.trimmed(s) : s
        if t.isEmpty && !allowEmpty { report(node, "\(what)为空"); return nil }
        return t
    }

    /// An amount in 元 with at most two decimals, parsed exactly from the scalar's text.
    func amount(_ node: Node?, _ what: String) -> Money? {
        guard let node, let t = text(node, what) else { return nil }
        if let money = Money(yuanText: t) { return money }
        let digits = t.replacingOccurrences(of: ",", with: "")
        if let dot = digits.firstIndex(of: "."),
           Money(yuanText: String(digits[..<dot]) + ".0") != nil,
           digits[digits.index(after: dot)...].allSatisfy({ $0.isASCII && $0.isNumber }) {
            report(node, "\(what)“\(t)”超过两位小数（金额单位为元，最多精确到分）")
        } else {
            report(node, "\(what)“\(t)”不是有效的金额（应为数字，如 1234.56 或 \"1,234.56\"）")
        }
        return nil
    }

    /// A non-negative whole number (counts of cars, persons …).
    func count(_ node: Node?, _ what: String) -> Int? {
        guard let node, let t = text(node, what) else { return nil }
        guard !t.isEmpty, t.count <= 9, t.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(t) else {
            report(node, "\(what)“\(t)”应为不小于0的整数")
            return nil
        }
        return n
    }

    func fund(_ node: Node?) -> Fund? {
        guard let node, let t = text(node, "资金") else { return nil }
        if let f = UnitDataVocabulary.byBytes(t, Fund.self) ?? Fund(rawValue: t) { return f }
        report(node, "未知的资金类别“\(t)”，应为：\(Fund.allCases.map(\.rawValue).joined(separator: "、"))")
        return nil
    }

    func nature(_ node: Node?) -> ExpenditureNature? {
        guard let node, let t = text(node, "性质") else { return nil }
        if let n = UnitDataVocabulary.nature(named: t) { return n }
        let names = UnitDataVocabulary.natureNames.map(\.name).joined(separator: "、")
        report(node, "未知的支出性质“\(t)”，应为：\(names)")
        return nil
    }

    func source(_ node: Node?) -> IncomeSource? {
        guard let node, let t = text(node, "来源") else { return nil }
        if let s = UnitDataVocabulary.source(named: t) { return s }
        report(node, "未知的收入来源“\(t)”，应为：\(IncomeSource.allCases.map(\.rawValue).joined(separator: "、"))")
        return nil
    }

    func threePublicItem(_ node: Node?) -> ThreePublicItem? {
        guard let node, let t = text(node, "三公经费项目") else { return nil }
        if let i = UnitDataVocabulary.threePublicItem(named: t) { return i }
        report(node, "未知的三公经费项目“\(t)”，应为：\(ThreePublicItem.allCases.map(\.rawValue).joined(separator: "、"))")
        return nil
    }

    // MARK: Subjects

    /// Splits "2080101 行政运行" into its code and the (optional) name written after it.
    static func splitSubject(_ t: String) -> (code: String, name: String) {
        if let split = t.utf8.withContiguousStorageIfAvailable(quickSplit) ?? nil { return split }
        guard let space = separator(in: t) else { return (t, "") }
        return (String(t[..<space]), UnitDataText.trimmed(t[space...], UnitDataText.spaces))
    }

    /// `splitSubject` for the usual form, decided on the bytes: an ASCII code, one space or tab,
    /// and a name that starts with an ASCII character or a CJK ideograph and does not end in a
    /// space. The separator is then a Character of its own (nothing before or after joins it) and
    /// the only one to trim. Nil for any other form.
    private static func quickSplit(_ b: UnsafeBufferPointer<UInt8>) -> (code: String, name: String)? {
        guard let i = b.firstIndex(where: { $0 >= 0x80 || $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }),
              b[i] == 0x20 || b[i] == 0x09, i + 1 < b.count else { return nil }
        let next = b[i + 1]
        // U+4000–U+9FFF (lead bytes E4–E9): CJK ideographs, which never join a preceding Character.
        guard (next > 0x20 && next < 0x80) || (0xE4...0xE9).contains(next) else { return nil }
        let name = UnsafeBufferPointer(rebasing: b[(i + 1)...])
        guard !UnitDataText.mayNeedTrimming(name) else { return nil }
        return (String(decoding: UnsafeBufferPointer(rebasing: b[..<i]), as: UTF8.self), String(decoding: name, as: UTF8.self))
    }

    /// The first Character that is a space, tab or ideographic space. Comparing Characters of
    /// Chinese text is slow, so when only ASCII comes before the first such scalar, that scalar
    /// starts a Character (ASCII has no prepending marks) and only that Character is checked.
    private static func separator(in t: String) -> String.Index? {
        func isSeparator(_ c: Character) -> Bool { c == " " || c == "\t" || c == "\u{3000}" }
        let scalars = t.unicodeScalars
        if let i = scalars.firstIndex(where: { $0 == " " || $0 == "\t" || $0 == "\u{3000}" }),
           t.utf8[..<i].allSatisfy({ $0 < 0x80 && $0 != 0x0D }), let c = t[i...].first, isSeparator(c) {
            return i
        }
        return t.firstIndex(where: isSeparator)
    }

    /// A 功能分类 项 code (7 digits, in the catalogue), optionally followed by its name, which must
    /// then agree with the catalogue.
    func functionalItem(_ node: Node?) -> String? {
        guard let node, let t = text(node, "功能分类") else { return nil }
        let (code, name) = Self.splitSubject(t)
        guard SubjectCatalogue.isCode(code, lengths: [7]) else {
            if SubjectCatalogue.isCode(code, lengths: [3, 5]) {
                report(node, "功能分类“\(code)”是\(code.count == 3 ? "类" : "款")级科目，此处应填7位的项级科目编码")
            } else {
                report(node, "功能分类“\(code)”不是7位数字的项级科目编码")
            }
            return nil
        }
        guard let known = catalogue.functionalName(code) else {
            report(node, "功能分类编码\(code)不在科目表中（如确为本年科目，请在“科目扩展”中补充）")
            return nil
        }
        checkName(name, of: code, known: known, kind: "功能分类", node: node)
        return code
    }

    /// A 经济分类 款 code (5 digits, in the catalogue), optionally followed by its name.
    func economicItem(_ node: Node?) -> String? {
        guard let node, let t = text(node, "经济分类") else { return nil }
        let (code, name) = Self.splitSubject(t)
        guard SubjectCatalogue.isCode(code, lengths: [5]) else {
            report(node, "经济分类“\(code)”不是5位数字的款级科目编码")
            return nil
        }
        guard let known = catalogue.economicName(code) else {
            report(node, "经济分类编码\(code)不在科目表中（如确为本年科目，请在“科目扩展”中补充）")
            return nil
        }
        checkName(name, of: code, known: known, kind: "经济分类", node: node)
        return code
    }

    private func checkName(_ given: String, of code: String, known: String, kind: String, node: Node) {
        guard !given.isEmpty, !UnitDataText.same(given, known),
              SubjectCatalogue.normalizedName(given) != SubjectCatalogue.normalizedName(known) else { return }
        if kind == "功能分类", let old = catalogue.supersededName(given), old.code == code {
            report(node, "\(kind)编码\(code)的名称写作“\(given)”，这是已停用的旧名称；科目表中为“\(known)”")
        } else {
            report(node, "\(kind)编码\(code)的名称写作“\(given)”，与科目表中的名称“\(known)”不一致")
        }
    }
}
