import Accounts

/// Errors raised while deriving or writing tables. Messages are Chinese: users read them.
public struct TableSetError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The subject names a builder needs, independent of where they come from.
struct SubjectNaming: Sendable {
    var functionalName: @Sendable (String) -> String?
    var economicName: @Sendable (String) -> String?
    /// The 功能分类 类 printed on tables 1 and 4, in catalogue order.
    var functionalCategories: [(code: String, name: String)]
}

/// Exact sums per column, keyed by subject code; rounding happens only in `shown`.
/// Codes are digits (checked when facts are read), so they are looked up by a number rather than
/// by hashing their text; any other code keeps a text key.
struct ColumnSums {
    var columns: Int
    /// Each code seen, in first-seen order, with its sums.
    private(set) var codes: [String] = []
    private(set) var values: [[Money]] = []
    private var byNumber: [Int: Int] = [:]
    private var byText: [String: Int] = [:]
    private var last: Int?

    init(columns: Int) { self.columns = columns }

    /// A digit code of 1 to 15 digits as one number (its value and its length, so "01" and "1" differ).
    static func number(_ code: String) -> Int? {
        var value = 0, length = 0
        for b in code.utf8 {
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9"), length < 15 else { return nil }
            value = value * 10 + Int(b - UInt8(ascii: "0"))
            length += 1
        }
        return length == 0 ? nil : value << 4 | length
    }

    mutating func add(_ code: String, column: Int, _ amount: Money) {
        // Facts are added column after column with the same code: the last code is checked first.
        if let last, codes[last] == code {
            values[last][column] += amount
            return
        }
        let i: Int
        defer { last = i }
        if let n = Self.number(code) {
            if let known = byNumber[n] { i = known } else { i = codes.count; byNumber[n] = i; append(code) }
        } else {
            if let known = byText[code] { i = known } else { i = codes.count; byText[code] = i; append(code) }
        }
        values[i][column] += amount
    }

    private mutating func append(_ code: String) {
        codes.append(code)
        values.append(Array(repeating: .zero, count: columns))
    }

    /// The sums by code.
    var byCode: [String: [Money]] { Dictionary(zip(codes, values), uniquingKeysWith: { a, _ in a }) }

    /// Exact sums over every leaf code whose code starts with `prefix` ("" = all).
    func total(prefix: String) -> [Money] {
        var out = Array(repeating: Money.zero, count: columns)
        // Codes are ASCII digits (checked when added), so a byte prefix is the String prefix.
        for (code, v) in zip(codes, values) where code.utf8.starts(with: prefix.utf8) {
            for i in 0..<columns { out[i] += v[i] }
        }
        return out
    }

    var isEmpty: Bool { codes.isEmpty }
}

/// Which hierarchy a table's rows follow.
enum SubjectKind {
    case functional   // 类 3 / 款 5 / 项 7 digits
    case economic     // 类 3 / 款 5 digits

    var levels: [(length: Int, level: RowLevel)] {
        switch self {
        case .functional: return [(3, .category), (5, .section), (7, .item)]
        case .economic: return [(3, .category), (5, .section)]
        }
    }
}

extension TableBuilder {
    func shownRow(_ sums: [Money]) -> [Int64?] { sums.map { unit.shown($0) } }

    func name(of code: String, kind: SubjectKind) throws -> String {
        let n: String?
        switch kind {
        case .functional: n = extensions[.functional]?[code] ?? naming.functionalName(code)
        case .economic: n = extensions[.economic]?[code] ?? naming.economicName(code)
        }
        guard let n else {
            let what = kind == .functional ? "支出功能分类科目" : "部门预算支出经济分类科目"
            throw TableSetError("科目目录中没有\(what)“\(code)”，无法生成表格。")
        }
        return n
    }

    /// 合计 first, then 类/款/项 in code order (only subjects with facts), each carrying its
    /// subtotal computed from the exact facts.
    func hierarchyRows(_ sums: ColumnSums, kind: SubjectKind, totalName: String = "合计",
                       includeTotal: Bool = true) throws -> [TableRow] {
        var rows: [TableRow] = []
        if includeTotal {
            rows.append(TableRow(name: totalName, level: .total, values: shownRow(sums.total(prefix: ""))))
        }
        // Each subject's exact total, summed in one pass over the leaves (a subject's leaves are
        // those its code prefixes; codes are ASCII digits, so prefixes are by byte). Digit codes
        // are keyed by number (`ColumnSums.number` of the prefix), any other by text.
        var totals: [[Money]] = []
        var codes: [String] = []
        var digitCodes: [Bool] = []
        var byNumber: [Int: Int] = [:]
        var byText: [String: Int] = [:]
        for (leaf, values) in zip(sums.codes, sums.values) {
            let digits = ColumnSums.number(leaf)
            let leafLength = digits != nil ? leaf.utf8.count : leaf.count
            for (length, _) in kind.levels where leafLength >= length {
                var slot: Int? = nil
                var key = 0
                if let digits {
                    var value = digits >> 4
                    for _ in 0..<(leafLength - length) { value /= 10 }
                    key = value << 4 | length
                    slot = byNumber[key]
                } else {
                    slot = byText[String(leaf.prefix(length))]
                }
                if let slot {
                    for i in values.indices { totals[slot][i] += values[i] }
                } else {
                    let code = digits != nil ? String(Substring(leaf.utf8.prefix(length))) : String(leaf.prefix(length))
                    if digits != nil { byNumber[key] = codes.count } else { byText[code] = codes.count }
                    codes.append(code)
                    digitCodes.append(digits != nil)
                    totals.append(values)
                }
            }
        }
        let order = codes.indices.sorted { codes[$0] < codes[$1] }
        for i in order {
            let code = codes[i]
            let length = digitCodes[i] ? code.utf8.count : code.count
            guard let level = kind.levels.first(where: { $0.length == length })?.level else { continue }
            rows.append(TableRow(code: code, name: try name(of: code, kind: kind), level: level, values: shownRow(totals[i])))
        }
        return rows
    }

    func checkFunctional(_ code: String, origin: SourceLocation?) throws {
        guard code.utf8.count == 7, code.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            throw TableSetError("\(origin.map { "\($0)：" } ?? "")支出功能分类科目编码“\(code)”应为7位数字（项级科目）。")
        }
    }

    func checkEconomic(_ code: String, origin: SourceLocation?) throws {
        guard code.utf8.count == 5, code.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            throw TableSetError("\(origin.map { "\($0)：" } ?? "")部门预算支出经济分类科目编码“\(code)”应为5位数字（款级科目）。")
        }
    }
}

extension TableID {
    /// The sentence published under a table the unit has no data for.
    public func emptySentence(year: Int) -> String {
        switch self {
        case .t09: return "本单位\(year)年度无一般公共预算财政拨款项目支出，故本表为空表。"
        case .t10: return "本单位\(year)年度无一般公共预算财政拨款“三公”经费支出，故本表为空表。"
        case .t11: return "本单位\(year)年度无政府性基金预算财政拨款收入、支出，故本表为空表。"
        case .t12: return "本单位\(year)年度无政府性基金预算财政拨款“三公”经费支出，故本表为空表。"
        case .t13: return "本单位\(year)年度无国有资本经营预算财政拨款收入、支出，故本表为空表。"
        case .t14: return "本单位\(year)年度无国有资本经营预算财政拨款支出，故本表为空表。"
        case .t15: return "本单位\(year)年度无项目支出绩效目标自评，故本表为空表。"
        default: return "本单位\(year)年度无\(title)数据，故本表为空表。"
        }
    }
}

/// Expenditure sums by a key (a fund, or one bucket) and functional-code prefix, for the prefix
/// lengths asked, built in one pass: what filtering the facts by `hasPrefix` per prefix gives.
extension Fund {
    /// Its place among the funds, for keys: hashing a raw-value enum hashes its Chinese raw value.
    var ordinal: Int {
        switch self {
        case .generalBudget: 0
        case .governmentFund: 1
        case .stateCapital: 2
        case .nonFiscal: 3
        }
    }
}

struct CodePrefixSums<Key: Hashable> {
    private var byPrefix: [Key: [String: Money]] = [:]
    private var all: [Key: Money] = [:]
    private let lengths: Set<Int>

    init(_ facts: [ExpenditureFact], lengths: [Int], key: (ExpenditureFact) -> Key) {
        self.lengths = Set(lengths)
        for f in facts {
            let k = key(f)
            all[k, default: .zero] += f.amount
            for length in self.lengths where f.functionalCode.utf8.count >= length {
                byPrefix[k, default: [:]][String(f.functionalCode.prefix(length)), default: .zero] += f.amount
            }
        }
    }

    /// The sum under `prefix` ("" = every fact of the key); nil when the prefix is not one of the
    /// lengths asked or a code is not ASCII (the caller then filters the facts itself).
    func sum(_ key: Key, prefix: String) -> Money? {
        if prefix.isEmpty { return all[key] ?? .zero }
        guard lengths.contains(prefix.utf8.count), prefix.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        return byPrefix[key]?[prefix] ?? .zero
    }
}
