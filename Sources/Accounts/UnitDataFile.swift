import Foundation

/// The unit data file (docs/unit-data-format.md): a YAML text with Chinese keys that holds one
/// unit's facts for one year. Parsing goes through a YAML document tree so that every fact keeps its line.
public enum UnitDataFile {
    /// Files larger than this are refused (a unit's data is a few hundred kilobytes at most).
    public static let maximumSize = 50 * 1024 * 1024

    /// Reads and parses a unit data file. The file must be UTF-8 (a BOM is allowed). `spread`: a
    /// large file's YAML may be read on all cores (a batch that already keeps every core busy turns it off).
    public static func load(path: String, catalogue: SubjectCatalogue, spread: Bool = true) throws(UnitDataError) -> UnitAccounts {
        let whole = SourceLocation(file: path, line: 0)
        // lstat, as FileManager's attributes, without the owner and group names those look up
        // (reading /etc/passwd and /etc/group on every load).
        var info = stat()
        if lstat(path, &info) == 0, Int64(info.st_size) > Int64(maximumSize) {
            throw UnitDataError(problems: [UnitDataProblem(whole, tooLarge(Int64(info.st_size)))])
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw UnitDataError(problems: [UnitDataProblem(whole, "无法读取文件（文件不存在或没有读取权限）")])
        }
        let text = try decode(data, file: path)
        return try parse(text: text, file: path, catalogue: catalogue, spread: spread)
    }

    /// Parses the text of a unit data file; `file` names it in messages.
    public static func parse(text: String, file: String, catalogue: SubjectCatalogue,
                             spread: Bool = true) throws(UnitDataError) -> UnitAccounts {
        let size = text.utf8.count
        if size > maximumSize {
            throw UnitDataError(problems: [UnitDataProblem(SourceLocation(file: file, line: 0), tooLarge(Int64(size)))])
        }
        var text = text
        let document = try text.withUTF8 { all -> Result<YAMLDocument, UnitDataError> in
            // A byte order mark is not part of the YAML text.
            let bom = all.starts(with: [0xEF, 0xBB, 0xBF])
            let body = bom ? UnsafeBufferPointer(rebasing: all[3...]) : all
            return readDocument(body, file: file, spread: spread)
        }.get()
        let reader = UnitDataReader(document: document, file: file, catalogue: catalogue)
        let accounts = UnitDataParser(reader: reader, spread: spread).accounts(document.root)
        if let accounts, reader.problems.isEmpty { return accounts }
        var problems = reader.problems.sortedByPlace()
        if problems.isEmpty {   // cannot happen: no accounts means a problem was reported
            problems = [UnitDataProblem(SourceLocation(file: file, line: 1), "无法读取单位数据")]
        }
        if problems.count > maximumProblems {
            let more = problems.count - maximumProblems
            problems = Array(problems.prefix(maximumProblems))
            problems.append(UnitDataProblem(SourceLocation(file: file, line: 0), "另有\(more)处问题未列出"))
        }
        throw UnitDataError(problems: problems)
    }

    /// At most this many problems are listed; a file with more is broken beyond reading them all.
    static let maximumProblems = 1000

    /// The sample unit shipped with juesuan (攀枝花市西区就业创业促进中心, FY2021).
    public static func sampleURL() -> URL? {
        Bundle.module.url(forResource: "xiqu-jiuye-2021", withExtension: "yaml", subdirectory: "Resources/samples")
    }

    public static func sampleText() -> String? {
        sampleURL().flatMap { try? String(contentsOf: $0, encoding: .utf8) }
    }

    /// The sample unit, parsed.
    public static func sample(catalogue: SubjectCatalogue) throws(UnitDataError) -> UnitAccounts {
        guard let url = sampleURL() else {
            throw UnitDataError(problems: [UnitDataProblem(SourceLocation(file: "xiqu-jiuye-2021.yaml", line: 0),
                                                           "找不到内置示例单位数据文件")])
        }
        return try load(path: url.path, catalogue: catalogue)
    }

    // MARK: Helpers

    private static func tooLarge(_ bytes: Int64) -> String {
        "文件过大（\(bytes / 1_048_576) MB），单位数据文件不能超过\(maximumSize / 1_048_576) MB"
    }

    /// UTF-8 text of the data, or a problem naming the line of the first byte that is not UTF-8.
    static func decode(_ data: Data, file: String) throws(UnitDataError) -> String {
        if let s = String(data: data, encoding: .utf8) { return s }
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            throw UnitDataError(problems: [UnitDataProblem(SourceLocation(file: file, line: 1),
                                                           "文件是UTF-16编码，请另存为UTF-8编码")])
        }
        var line = 1
        var iterator = data.makeIterator()
        var decoder = UTF8()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s): if s == "\n" { line += 1 }
            case .emptyInput: break loop
            case .error: break loop
            }
        }
        throw UnitDataError(problems: [UnitDataProblem(SourceLocation(file: file, line: line),
                                                       "文件不是UTF-8编码（可能是GBK），请用UTF-8编码另存")])
    }

    /// The YAML document of the file's text, refused when it nests too deeply, is empty or is not YAML.
    private static func readDocument(_ body: UnsafeBufferPointer<UInt8>, file: String,
                                     spread: Bool) -> Result<YAMLDocument, UnitDataError> {
        // The nesting check needs no tree: it runs on another core while a large text is read.
        let depth = DepthCheck()
        let sendableBody = SendableBytes(buffer: body)
        let parsed = YAMLDocument.parse(utf8: body, spread: spread) {
            depth.tooDeepLine = YAMLNesting.firstLineTooDeep(utf8: sendableBody.buffer)
            return depth.tooDeepLine == nil
        }
        if let line = depth.tooDeepLine {
            return .failure(UnitDataError(problems: [UnitDataProblem(SourceLocation(file: file, line: line),
                "嵌套层次过深（超过\(YAMLNesting.maximumDepth)层），不是有效的单位数据文件")]))
        }
        switch parsed {
        case .success(let document?): return .success(document)
        case .success(nil):
            return .failure(UnitDataError(problems: [UnitDataProblem(SourceLocation(file: file, line: 1), "文件为空")]))
        case .failure(let error): return .failure(UnitDataError(problems: [yamlProblem(error, file: file)]))
        }
    }

    /// The nesting check's result, written by the one task that runs it and read after all are done.
    private final class DepthCheck: @unchecked Sendable { var tooDeepLine: Int? }
    private struct SendableBytes: @unchecked Sendable { let buffer: UnsafeBufferPointer<UInt8> }

    private static func yamlProblem(_ error: YAMLSyntaxError, file: String) -> UnitDataProblem {
        switch error.stage {
        case .scanner, .parser, .composer:
            let detail = [error.context, error.problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "，")
            return UnitDataProblem(SourceLocation(file: file, line: error.line, column: error.column),
                                   "YAML语法错误（\(detail)）；请检查缩进、冒号后的空格和引号是否成对")
        case .reader:
            return UnitDataProblem(SourceLocation(file: file, line: 0), "文件含有无法读取的字符（\(error.problem)）")
        case .memory:
            return UnitDataProblem(SourceLocation(file: file, line: 0), "YAML语法错误（\(error.problem)）")
        }
    }
}
