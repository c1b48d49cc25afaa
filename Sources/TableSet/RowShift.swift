/// How rows move when a band is repeated: the `height` template rows from `band` (1-based)
/// become `count` rows, everything below moves by `count - height`.
struct RowShift: Equatable {
    var band: Int
    var count: Int
    var height = 1

    static let none = RowShift(band: Int.max, count: 1)

    var delta: Int { count - height }
    /// The last template row of the band.
    var bandEnd: Int { band + (height - 1) }

    /// New number of a row outside the band.
    func row(_ r: Int) -> Int { r > bandEnd ? r + delta : r }

    /// New rows of a range; nil if it disappears (it lay inside a band that came out empty).
    /// A range reaching into the band stretches over all of its copies.
    func range(_ a: Int, _ b: Int) -> (Int, Int)? {
        let first = a < band ? a : (a <= bandEnd ? band : a + delta)
        let last = b < band ? b : (b <= bandEnd ? band + count - 1 : b + delta)
        return last < first ? nil : (first, last)
    }

    /// Rewrites an A1 reference or range ("B7", "A3:F9", "$4:$6", "$A$1:$F$40"); column-only
    /// references and text that is not a reference come back unchanged.
    func reference(_ text: String) -> String? { reference(Self.compile(text)) }

    /// Rewrites a space-separated list of references (sqref); nil if all disappear.
    func referenceList(_ text: String) -> String? { referenceList(Self.compileList(text)) }

    /// A reference as `reference(_:)` reads it, parsed once (a template's references are moved
    /// on every fill).
    enum CompiledReference {
        case unchanged(String)
        case moving(first: Ref, second: Ref?, firstRow: Int, lastRow: Int)
    }

    static func compile(_ text: String) -> CompiledReference {
        let ends = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard ends.count == 1 || ends.count == 2 else { return .unchanged(text) }
        var p: [Ref] = []
        for end in ends {
            guard let ref = parse(end) else { return .unchanged(text) }
            p.append(ref)
        }
        guard let firstRow = p[0].row else { return .unchanged(text) }
        let lastRow = p.count == 2 ? (p[1].row ?? firstRow) : firstRow
        return .moving(first: p[0], second: p.count == 2 ? p[1] : nil, firstRow: firstRow, lastRow: lastRow)
    }

    static func compileList(_ text: String) -> [CompiledReference] {
        text.split(separator: " ").map { compile(String($0)) }
    }

    func reference(_ compiled: CompiledReference) -> String? {
        switch compiled {
        case .unchanged(let text): return text
        case let .moving(first, second, firstRow, lastRow):
            guard let (a, b) = range(firstRow, lastRow) else { return nil }
            guard let second else { return first.text(row: a) }
            return first.text(row: a) + ":" + second.text(row: second.row == nil ? nil : b)
        }
    }

    func referenceList(_ list: [CompiledReference]) -> String? {
        let items = list.compactMap { reference($0) }
        return items.isEmpty ? nil : items.joined(separator: " ")
    }

    struct Ref {
        var column: String     // with its "$" if any
        var rowAbsolute: Bool
        var row: Int?
        func text(row r: Int?) -> String {
            column + (r.map { (rowAbsolute ? "$" : "") + String($0) } ?? "")
        }
    }

    static func parse(_ s: String) -> Ref? {
        var chars = Substring(s)
        var column = ""
        if chars.first == "$" { column.append("$"); chars = chars.dropFirst() }
        let letters = chars.prefix { $0.isASCII && $0.isLetter }
        column += letters
        chars = chars.dropFirst(letters.count)
        var absolute = false
        if chars.first == "$" { absolute = true; chars = chars.dropFirst() }
        if chars.isEmpty { return letters.isEmpty ? nil : Ref(column: column, rowAbsolute: false, row: nil) }
        guard chars.allSatisfy({ $0.isASCII && $0.isNumber }), let r = Int(chars), letters.count <= 3 else { return nil }
        if letters.isEmpty && column == "$" { return Ref(column: "", rowAbsolute: true, row: r) }
        return Ref(column: column, rowAbsolute: absolute, row: r)
    }
}

/// Rewrites the references of one sheet inside a defined-name formula such as
/// `'收入决算表'!$A$1:$I$9,'收入决算表'!$4:$6`.
enum FormulaReferences {
    static func shift(_ formula: String, sheet: String, by shift: RowShift) -> String {
        self.shift(formula) { $0 == sheet ? shift : nil }
    }

    /// Every sheet's references in one pass (the same text as shifting sheet after sheet: a
    /// moved reference keeps to the characters a reference is read from).
    static func shift(_ formula: String, sheets: [String: RowShift]) -> String {
        shift(formula) { sheets[$0] }
    }

    /// A formula cut into the text around sheet references and the references themselves.
    enum Piece {
        case text(Substring)
        case reference(sheet: String, text: String, compiled: RowShift.CompiledReference)
    }

    /// The formula's pieces (read once per template; shifting them gives what `shift` gives).
    static func pieces(_ formula: String) -> [Piece] {
        var pieces: [Piece] = []
        var i = formula.startIndex
        var literal = formula.startIndex
        while i < formula.endIndex {
            let c = formula[i]
            var name: String? = nil
            var afterName = i
            if c == "'" {
                var j = formula.index(after: i)
                var n = ""
                while j < formula.endIndex {
                    if formula[j] == "'" {
                        let k = formula.index(after: j)
                        if k < formula.endIndex, formula[k] == "'" { n.append("'"); j = formula.index(after: k); continue }
                        break
                    }
                    n.append(formula[j]); j = formula.index(after: j)
                }
                if j < formula.endIndex { afterName = formula.index(after: j); name = n }
            } else if !",()=+-*/&^<>;{} ".contains(c) {
                var j = i
                while j < formula.endIndex, !",()=+-*/&^<>;{} !".contains(formula[j]) { j = formula.index(after: j) }
                if j < formula.endIndex, formula[j] == "!" { name = String(formula[i..<j]); afterName = j }
            }
            if let name, afterName < formula.endIndex, formula[afterName] == "!" {
                let refStart = formula.index(after: afterName)
                var refEnd = refStart
                while refEnd < formula.endIndex, formula[refEnd] == "$" || formula[refEnd] == ":" || formula[refEnd].isASCII && (formula[refEnd].isLetter || formula[refEnd].isNumber) {
                    refEnd = formula.index(after: refEnd)
                }
                pieces.append(.text(formula[literal..<refStart]))
                let ref = String(formula[refStart..<refEnd])
                pieces.append(.reference(sheet: name, text: ref, compiled: RowShift.compile(ref)))
                i = refEnd
                literal = refEnd
                continue
            }
            i = formula.index(after: i)
        }
        if literal < formula.endIndex { pieces.append(.text(formula[literal...])) }
        return pieces
    }

    /// The formula from its pieces with each sheet's references moved.
    static func shift(_ pieces: [Piece], sheets: [String: RowShift]) -> String {
        var out = ""
        for piece in pieces {
            switch piece {
            case .text(let text): out += text
            case let .reference(sheet, text, compiled): out += sheets[sheet].map { $0.reference(compiled) ?? text } ?? text
            }
        }
        return out
    }

    private static func shift(_ formula: String, shiftOf: (String) -> RowShift?) -> String {
        var out = ""
        for piece in pieces(formula) {
            switch piece {
            case .text(let text): out += text
            case let .reference(sheet, text, compiled): out += shiftOf(sheet).map { $0.reference(compiled) ?? text } ?? text
            }
        }
        return out
    }
}
