import Accounts
import TableSet

/// How serious a finding is. Reports show the Chinese label.
public enum Severity: String, Sendable, Codable, Comparable {
    case error   // 错误: the figures cannot both be right
    case hint    // 提示: worth a look (rounding gap, wording), not wrong by itself

    public var label: String { self == .error ? "错误" : "提示" }
    public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .hint }
}

/// Where a person can act on a finding.
public enum FindingLocation: Hashable, Sendable {
    /// Cells of a workbook sheet (A1 references), with the table they belong to when known.
    case cells(sheet: String, cells: [String], table: TableID?)
    /// A whole table (e.g. a table that could not be found).
    case table(TableID)
    /// A narrative sentence: section heading, paragraph number (1-based, document order),
    /// the sentence quoted, and the figure inside it that the finding is about.
    case narrative(section: String, paragraph: Int, sentence: String, figure: String?)
    /// A place in a unit data file.
    case dataFile(SourceLocation)
    /// A file as a whole (a workbook or narrative that could not be read).
    case file(String)

    /// A short Chinese description for terminal output and reports.
    public var text: String {
        switch self {
        case let .cells(sheet, cells, _): return "工作表「\(sheet)」" + (cells.isEmpty ? "" : " " + cells.joined(separator: "、"))
        case let .table(id): return "表「\(id.title)」"
        case let .narrative(section, paragraph, _, _): return "说明「\(section)」第\(paragraph)段"
        case let .dataFile(loc): return loc.description
        case let .file(path): return "文件 \(path)"
        }
    }
}

/// One result of reconciliation: a rule that did not hold, with what was expected and found.
public struct Finding: Hashable, Sendable {
    /// Stable rule id, e.g. "T1.收入总计" or "N.share"; documented with the rule.
    public var rule: String
    public var severity: Severity
    public var location: FindingLocation
    /// Chinese message a reviewer reads: the full explanation, with the cells and figures compared.
    public var message: String
    /// One short Chinese line (what is wrong, with the figure), written by the rule that made the
    /// finding; the terminal and the report's headings show it, the full `message` is the detail.
    public var summary: String
    public var expected: String?
    public var found: String?
    /// Set when a reviewer's explanation (出错说明) was read back from an annotated workbook.
    public var explanation: String?

    /// `summary` nil: the rule's standing short text (`Finding.standardSummary`).
    public init(rule: String, severity: Severity, location: FindingLocation, message: String,
                summary: String? = nil, expected: String? = nil, found: String? = nil, explanation: String? = nil) {
        self.rule = rule; self.severity = severity; self.location = location; self.message = message
        self.summary = summary ?? Finding.standardSummary(rule: rule, message: message)
        self.expected = expected; self.found = found; self.explanation = explanation
    }

    /// The short text of rules whose creation sites give none (reading problems, batch checks):
    /// one fixed line per rule, the place being shown beside it. Any other rule falls back to the
    /// first sentence of its message.
    public static func standardSummary(rule: String, message: String) -> String {
        if let text = standardSummaries[rule] { return text }
        let first = message.prefix { $0 != "。" }
        return first.isEmpty ? rule : String(first)
    }

    static let standardSummaries: [String: String] = [
        "读取.缺少表格": "工作簿中没有找到这张表",
        "读取.重复表格": "这张表出现了两次，只核对第一处",
        "读取.金额单位": "未写明金额单位，按万元核对",
        "读取.表头": "找不到表头，这张表无法核对",
        "读取.数值": "单元格内容不是数值",
        "读取.工作表": "工作表无法读取",
        "读取.工作簿": "工作簿无法打开",
        "读取.出错说明": "未能读取核对结果表中的出错说明",
        "汇总.年度": "年度与本级单位不一致",
        "汇总.内部补助抵销": "内部补助无法抵销，汇总表收支将不平衡",
        "汇总.内部上缴抵销": "内部上缴无法抵销，汇总表收支将不平衡",
    ]
}
