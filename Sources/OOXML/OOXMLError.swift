import Foundation

/// Every failure of the OOXML layer: a value naming the file, the part (zip entry) and, for XML,
/// the line. `detail` and `description` are Chinese because users read them.
public struct OOXMLError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Kind: String, Sendable, Equatable {
        case notFound           // the file does not exist or cannot be opened
        case notZip             // not a zip archive at all
        case legacyBinaryXLS    // OLE2 compound file: an old binary .xls (or an unrecognised OLE2 file)
        case legacyBinaryDOC    // OLE2 compound file holding an old binary Word .doc
        case encrypted          // password-protected OOXML or encrypted zip entry
        case truncated          // zip starts correctly but its end is missing
        case limitExceeded      // size, count or compression-ratio limit hit
        case unsafeName         // absolute path, `..` segment, empty or control characters
        case duplicateEntry     // two entries with the same (case-insensitive) name
        case missingPart        // a required part is absent
        case malformedXML       // XML syntax error
        case doctypeRefused     // XML with a DOCTYPE (DTD, entities) is refused outright
        case invalidContent     // well-formed but not what OOXML requires, or corrupt zip data
        case writeFailed        // writing a file failed
        case alreadyExists      // destination exists and overwrite was not requested
    }

    public var kind: Kind
    /// The file path as the caller gave it.
    public var file: String
    /// The part (zip entry name) concerned, if any.
    public var part: String?
    /// The line in the part, for XML errors.
    public var line: Int?
    /// What went wrong, in Chinese, without the file/part prefix.
    public var detail: String

    public init(_ kind: Kind, file: String, part: String? = nil, line: Int? = nil, detail: String) {
        self.kind = kind
        self.file = file
        self.part = part
        self.line = line
        self.detail = detail
    }

    /// A full Chinese sentence, e.g. "文件 a.xlsx 的部件 xl/worksheets/sheet1.xml：XML 格式错误（第3行）：…".
    public var description: String {
        var text = "文件 \(file)"
        if let part { text += " 的部件 \(part)" }
        text += "：" + detail
        if let last = text.last, !"。！？".contains(last) { text += "。" }
        return text
    }
}

extension OOXMLError {
    /// Chinese wording for common system errors (errno), used by file reads and writes.
    static func systemReason(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "文件或目录不存在"
        case EACCES, EPERM: return "没有访问权限"
        case ENOSPC: return "磁盘空间不足"
        case EROFS: return "文件系统是只读的"
        case EISDIR: return "这是一个目录"
        case ENOTDIR: return "路径中有一段不是目录"
        case EEXIST: return "文件已存在"
        case EDQUOT: return "超出磁盘配额"
        case ENAMETOOLONG: return "路径过长"
        default: return "系统错误 \(code)：\(String(cString: strerror(code)))"
        }
    }
}
