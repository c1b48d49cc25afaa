/// A narrative claim (a figure in a sentence) that could not be bound to a table value.
public struct UnboundClaim: Hashable, Sendable {
    public var sentence: String
    public var figure: String
    /// Chinese reason, e.g. "未识别出对应的表格项目".
    public var reason: String
    /// Section heading of the narrative, when known.
    public var section: String?

    public init(sentence: String, figure: String, reason: String, section: String? = nil) {
        self.sentence = sentence; self.figure = figure; self.reason = reason; self.section = section
    }
}

/// A table value shown beside a finding so a reviewer sees what the claim was compared with,
/// e.g. ("表6 合计", "1,704.87 万元").
public struct TableValue: Hashable, Sendable {
    public var label: String
    public var value: String
    public init(label: String, value: String) { self.label = label; self.value = value }
}

/// Everything the HTML report shows; filled by the check command.
public struct ReportInput: Sendable {
    /// Unit or workbook name, shown as the page title.
    public var title: String
    public var workbookPath: String
    public var narrativePath: String?
    /// Findings in the order the checks produced them (kept within each section of the report).
    public var findings: [Finding]
    /// Figures found in the narrative, and how many of them were bound to a table value.
    public var claimsFound: Int
    public var claimsBound: Int
    public var unbound: [UnboundClaim]
    /// Table values beside a finding, keyed by `Finding.key`.
    public var tableValues: [String: [TableValue]]

    public init(title: String, workbookPath: String, narrativePath: String? = nil, findings: [Finding],
                claimsFound: Int = 0, claimsBound: Int = 0, unbound: [UnboundClaim] = [],
                tableValues: [String: [TableValue]] = [:]) {
        self.title = title; self.workbookPath = workbookPath; self.narrativePath = narrativePath
        self.findings = findings; self.claimsFound = claimsFound; self.claimsBound = claimsBound
        self.unbound = unbound; self.tableValues = tableValues
    }
}

/// Errors of the report writers, with a Chinese message naming the file and place.
public enum ReportError: Error, CustomStringConvertible, Equatable {
    case template(String)
    case outputExists(String)
    case unreadable(path: String, detail: String)
    case malformed(path: String, part: String, detail: String)
    case unsupported(path: String, detail: String)

    public var description: String {
        switch self {
        case let .template(detail): return "报告模板有误：\(detail)"
        case let .outputExists(path): return "输出文件 \(path) 已存在；如需覆盖请使用 --force"
        case let .unreadable(path, detail): return "无法读取文件 \(path)：\(detail)"
        case let .malformed(path, part, detail): return "文件 \(path) 的部件 \(part) 格式有误：\(detail)"
        case let .unsupported(path, detail): return "无法处理文件 \(path)：\(detail)"
        }
    }
}
