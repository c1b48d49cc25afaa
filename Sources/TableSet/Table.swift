import Accounts

/// The fifteen tables of the Sichuan FY2021 set. Tables are matched by title, never by position.
public enum TableID: Int, CaseIterable, Sendable, Comparable, Codable {
    case t01 = 1, t02, t03, t04, t05, t06, t07, t08, t09, t10, t11, t12, t13, t14, t15

    public var title: String {
        switch self {
        case .t01: return "收入支出决算总表"
        case .t02: return "收入决算表"
        case .t03: return "支出决算表"
        case .t04: return "财政拨款收入支出决算总表"
        case .t05: return "财政拨款支出决算明细表"
        case .t06: return "一般公共预算财政拨款支出决算表"
        case .t07: return "一般公共预算财政拨款支出决算明细表"
        case .t08: return "一般公共预算财政拨款基本支出决算表"
        case .t09: return "一般公共预算财政拨款项目支出决算表"
        case .t10: return "一般公共预算财政拨款“三公”经费支出决算表"
        case .t11: return "政府性基金预算财政拨款收入支出决算表"
        case .t12: return "政府性基金预算财政拨款“三公”经费支出决算表"
        case .t13: return "国有资本经营预算财政拨款收入支出决算表"
        case .t14: return "国有资本经营预算财政拨款支出决算表"
        case .t15: return "项目支出绩效目标自评表"
        }
    }

    /// Default table code printed at the top right (configurable in the template).
    public var defaultCode: String { String(format: "公开%02d表", rawValue) }
    public static func < (a: TableID, b: TableID) -> Bool { a.rawValue < b.rawValue }
}

/// The unit amounts are shown in. A shown value is an integer count of hundredths of that unit.
public enum AmountUnit: String, Sendable, Codable {
    case wanYuan = "万元"
    case yuan = "元"

    /// 分 per hundredth of the unit: 0.01 万元 = 100 元 = 10,000 分; 0.01 元 = 1 分.
    public var fenPerHundredth: Int64 { self == .wanYuan ? 10_000 : 1 }

    /// The value a table shows for an exact amount (rounded half up to two decimals).
    public func shown(_ m: Money) -> Int64 { Money.roundHalfUp(m.fen, divisor: fenPerHundredth) }
}

/// How a row sits in the subject hierarchy.
public enum RowLevel: String, Sendable, Codable {
    case total        // 合计 / 总计 / 小计 rows
    case category     // 类 (3-digit functional, 3-digit economic)
    case section      // 款 (5 digits)
    case item         // 项 (7 digits)
    case line         // a fixed line of a fixed-layout table (table 1, 4, 10 …)
}

public struct TableRow: Hashable, Sendable {
    /// Subject code (功能分类 or 经济分类), nil for fixed lines and totals.
    public var code: String?
    public var name: String
    public var level: RowLevel
    /// One value per column of the panel, in hundredths of the table's unit; nil where the cell is blank.
    public var values: [Int64?]
    /// For text tables (table 15): the cells as text.
    public var texts: [String]

    public init(code: String? = nil, name: String, level: RowLevel, values: [Int64?], texts: [String] = []) {
        self.code = code; self.name = name; self.level = level; self.values = values; self.texts = texts
    }
}

/// One block of rows sharing the same columns. Most tables have one panel; table 1 and 4 have an
/// income and an expenditure panel, table 8 a 人员经费 and a 公用经费 panel, table 15 one per project.
public struct TablePanel: Hashable, Sendable {
    public var name: String
    /// Column names, multi-row headers joined with "/" (e.g. "本年支出/基本支出").
    public var columns: [String]
    public var rows: [TableRow]

    public init(name: String, columns: [String], rows: [TableRow]) {
        self.name = name; self.columns = columns; self.rows = rows
    }

    public func column(_ name: String) -> Int? { columns.firstIndex(named: name, by: { $0 }) }
    public func row(code: String) -> TableRow? { rows.first { $0.code == code } }
    public func row(named name: String) -> TableRow? { rows.first(named: name, by: \.name) }
}

/// A statutory table in table form: what export writes and what reconciliation reads back.
public struct StatTable: Hashable, Sendable {
    public var id: TableID
    public var unit: AmountUnit
    public var panels: [TablePanel]
    /// True when the unit has no data for this table (it is published with the empty-table sentence).
    public var isEmpty: Bool

    public init(id: TableID, unit: AmountUnit, panels: [TablePanel], isEmpty: Bool = false) {
        self.id = id; self.unit = unit; self.panels = panels; self.isEmpty = isEmpty
    }
}
