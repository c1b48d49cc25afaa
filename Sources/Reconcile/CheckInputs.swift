import Foundation

/// Checks on the paths given to `juesuan check`, made before anything is opened, so that a wrong
/// argument gets a message saying what was given and what to do instead.
public enum CheckInputs {
    /// Why the path cannot be the workbook to check, or nil when it may be one.
    public static func workbookProblem(_ path: String) -> String? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return "找不到工作簿 \(path)"
        }
        if isDirectory.boolValue {
            let books = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [])
                .filter { $0.lowercased().hasSuffix(".xlsx") && !$0.hasPrefix("~$") }.sorted()
            let hint = books.isEmpty ? "该目录中没有 .xlsx 工作簿。"
                : "请指定其中的一个工作簿，如 " + books.prefix(3).map { (path as NSString).appendingPathComponent($0) }.joined(separator: "、") + "。"
            return "\(path) 是一个目录，不是工作簿；check 每次核对一个工作簿。" + hint
        }
        switch (path as NSString).pathExtension.lowercased() {
        case "docx", "doc", "wps", "txt":
            return "\(path) 是文档，不是工作簿；决算情况说明请用 --narrative 指定，如 juesuan check 决算公开表.xlsx --narrative \(path)"
        case "xls", "et":
            return "\(path) 是旧版 Excel/WPS 格式，无法读取；请在 Excel 或 WPS 中另存为 .xlsx 后再核对"
        case "yaml", "yml":
            return "\(path) 是单位数据文件，不是工作簿；请用 --data 指定，或先用 juesuan export 导出工作簿"
        default:
            return nil
        }
    }
}

extension CheckReport {
    /// Errors without a reviewer's explanation (出错说明).
    public var unexplainedErrors: Int { counts.unexplainedErrors }

    /// The exit status of `juesuan check`: 1 while an error is unexplained, else 0. An explained error
    /// is still reported (and counted as explained), but it no longer fails the check.
    public var exitStatus: Int32 { unexplainedErrors > 0 ? 1 : 0 }
}
