/// One problem found in a unit data file or catalogue, with its place and a Chinese message.
public struct UnitDataProblem: Hashable, Sendable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String

    public init(_ location: SourceLocation, _ message: String) {
        self.location = location; self.message = message
    }

    public var description: String {
        if location.line <= 0 { return "\(location.file)：\(message)" }
        if location.column <= 0 { return "\(location.file) 第\(location.line)行：\(message)" }
        return "\(location.file) 第\(location.line)行第\(location.column)列：\(message)"
    }
}

/// Everything wrong with a unit data file: the parser reports all problems it finds, not only the first.
public struct UnitDataError: Error, CustomStringConvertible, Sendable {
    public var problems: [UnitDataProblem]

    public init(problems: [UnitDataProblem]) { self.problems = problems }

    public var description: String {
        (["单位数据文件有\(problems.count)处问题："] + problems.map { "  " + $0.description }).joined(separator: "\n")
    }
}

extension Array where Element == UnitDataProblem {
    /// Problems in file, line and column order (stable for equal places), as a reader goes through a file.
    func sortedByPlace() -> [UnitDataProblem] {
        enumerated().sorted { a, b in
            let x = a.element.location, y = b.element.location
            if x.file != y.file { return x.file < y.file }
            if x.line != y.line { return x.line < y.line }
            if x.column != y.column { return x.column < y.column }
            return a.offset < b.offset
        }.map(\.element)
    }
}
