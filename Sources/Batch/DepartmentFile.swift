import Accounts
import Foundation

/// The department file (`department.yaml`): which units make up a department and which one is the
/// department's own unit (本级单位). Unit paths are relative to the department file's folder.
///
///     部门:
///       代码: "901"
///       名称: 示例市人力资源和社会保障局
///     本级单位: units/901001.yaml
///     下属单位:
///       - units/901002.yaml
public struct DepartmentFile: Sendable, Equatable {
    public var code: String
    public var name: String
    /// Data file of the department's own unit (本级), as written in the file.
    public var ownUnit: String
    /// Data files of the subordinate units, as written in the file (stored compactly; once loaded,
    /// in a temporary file, see `UnitPathList.spilled()`).
    public var subordinates: UnitPathList
    /// The folder relative paths are resolved against.
    public var baseDirectory: URL

    public init(code: String, name: String, ownUnit: String, subordinates: UnitPathList, baseDirectory: URL) {
        self.code = code; self.name = name; self.ownUnit = ownUnit
        self.subordinates = subordinates; self.baseDirectory = baseDirectory
    }

    public init(code: String, name: String, ownUnit: String, subordinates: [String], baseDirectory: URL) {
        self.init(code: code, name: name, ownUnit: ownUnit, subordinates: UnitPathList(subordinates),
                  baseDirectory: baseDirectory)
    }

    /// Every unit in processing order: the own unit first, then the subordinates.
    public var units: [(path: String, role: UnitRole)] {
        [(ownUnit, .own)] + subordinates.map { ($0, .subordinate) }
    }

    /// The absolute location of a unit data file named in the department file.
    public func url(of path: String) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : baseDirectory.appendingPathComponent(path)
    }

    /// A department file lists unit files; even thousands of units stay far below this.
    public static let maximumSize = 10 * 1024 * 1024

    public static func load(path: String) throws -> DepartmentFile {
        let url = URL(fileURLWithPath: path)
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber,
           size.int64Value > Int64(maximumSize) {
            throw DepartmentFileError(file: path, line: 0, message: "部门文件过大（超过 \(maximumSize / 1024 / 1024) MB），不是有效的部门文件")
        }
        guard let data = try? Data(contentsOf: url) else {
            throw DepartmentFileError(file: path, line: 0, message: "无法读取部门文件")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DepartmentFileError(file: path, line: 0, message: "部门文件须为UTF-8编码")
        }
        var department = try parse(text: text, file: path, baseDirectory: url.deletingLastPathComponent())
        // The YAML document is gone and the list is checked: move the paths into a temporary file
        // (each is read back when its unit is taken), so that a batch's memory does not grow with
        // its number of units and no buffer grown while the tree was alive pins its pages.
        department.subordinates = department.subordinates.spilled()
        return department
    }

    public static func parse(text: String, file: String, baseDirectory: URL) throws -> DepartmentFile {
        // Deep nesting is no department file: refuse it first.
        if let line = YAMLNesting.firstLineTooDeep(text) {
            throw DepartmentFileError(file: file, line: line, message: "嵌套层次过深（超过\(YAMLNesting.maximumDepth)层），不是有效的部门文件")
        }
        let document: YAMLDocument?
        do {
            document = try YAMLDocument.parse(text)
        } catch {
            throw DepartmentFileError(file: file, line: error.line,
                                      message: "YAML格式错误：\(error.stage == .reader || error.stage == .memory ? "无法解析" : error.problem)")
        }
        func fail(_ node: YAMLDocument.Node?, _ message: String) -> DepartmentFileError {
            DepartmentFileError(file: file, line: node.flatMap { document?.line($0) } ?? 0, message: message)
        }
        guard let document, let top = document.pairs(document.root) else {
            throw fail(document?.root, "部门文件应为键值结构（部门、本级单位、下属单位）")
        }
        let root = document.root
        for (key, _) in top {
            guard let k = document.string(key), ["部门", "本级单位", "下属单位"].contains(k) else {
                throw fail(key, "未知的键“\(document.string(key) ?? "?")”：部门文件只有 部门、本级单位、下属单位 三项")
            }
        }
        /// The value of `key` in a mapping; a repeated key's last value wins.
        func value(_ mapping: YAMLDocument.Node, _ key: String) -> YAMLDocument.Node? {
            document.pairs(mapping)?.last { document.string($0.key) == key }?.value
        }
        guard let department = value(root, "部门") else { throw fail(root, "缺少“部门”（代码与名称）") }
        guard document.kind(department) == .mapping else { throw fail(department, "“部门”应包含“代码”和“名称”") }
        guard let code = value(department, "代码").flatMap(document.string), !code.isEmpty else { throw fail(department, "“部门”缺少“代码”") }
        guard let name = value(department, "名称").flatMap(document.string), !name.isEmpty else { throw fail(department, "“部门”缺少“名称”") }
        guard let ownNode = value(root, "本级单位") else { throw fail(root, "缺少“本级单位”（部门本级的单位数据文件）") }
        guard let own = document.string(ownNode), !own.isEmpty else { throw fail(ownNode, "“本级单位”应为一个单位数据文件路径") }
        var subordinates = UnitPathList()
        if let list = value(root, "下属单位") {
            if document.isNullWord(list) {
                // `下属单位:` with nothing after it: a department without subordinates.
            } else if let items = document.items(list) {
                for item in items {
                    guard let p = document.string(item), !p.isEmpty else { throw fail(item, "“下属单位”的每一项应为一个单位数据文件路径") }
                    subordinates.append(p)
                }
            } else {
                throw fail(list, "“下属单位”应为单位数据文件路径的列表")
            }
        }
        if let p = subordinates.firstRepeat(after: own) {
            throw DepartmentFileError(file: file, line: 0, message: "单位数据文件“\(p)”在部门文件中出现了不止一次")
        }
        return DepartmentFile(code: code, name: name, ownUnit: own, subordinates: subordinates, baseDirectory: baseDirectory)
    }

    /// The file's text. Written by hand (not through a YAML emitter) so that a 10,000-unit list
    /// stays one short line per unit and the output is stable.
    public func render() -> String {
        var out = "# 部门文件：juesuan batch 的输入（见 docs/batch.md）\n"
        out += "部门:\n  代码: \(Self.quoted(code))\n  名称: \(Self.quoted(name))\n"
        out += "本级单位: \(Self.quoted(ownUnit))\n"
        out += subordinates.isEmpty ? "下属单位: []\n" : "下属单位:\n"
        for p in subordinates { out += "  - \(Self.quoted(p))\n" }
        return out
    }

    static func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

/// Whether a unit is the department's own unit or one of its subordinates.
public enum UnitRole: String, Sendable, Codable {
    case own = "本级"
    case subordinate = "下属"
}

public struct DepartmentFileError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int
    public var message: String
    public var description: String { line > 0 ? "\(file) 第\(line)行：\(message)" : "\(file)：\(message)" }
}
