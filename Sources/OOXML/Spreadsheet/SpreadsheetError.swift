import Foundation

/// An error from writing or reading a workbook, with a Chinese message that names the place.
public struct SpreadsheetError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    public enum Kind: String, Sendable {
        case invalidAddress        // A1 text malformed or outside the sheet
        case invalidSheetName      // Excel would refuse or repair the name
        case duplicateSheetName
        case textTooLong           // over 32,767 characters in one cell
        case invalidMerge          // one-cell or overlapping merge
        case invalidValue          // number, colour, size etc. outside what Excel accepts
        case invalidDefinedName
        case emptyWorkbook         // no sheet to write
        case malformedPart         // XML that does not parse or breaks the SpreadsheetML schema
        case unsafeXML             // DTD or entity declarations (refused)
        case missingPart           // a part the workbook refers to is absent
        case sheetNotFound
        case unsupportedSheet      // chartsheet / dialogsheet / macrosheet
        case toolFailed            // an external program (LibreOffice) failed
        case container             // the zip package: not found, not a zip, encrypted, too large, write failed
    }

    public var kind: Kind
    /// The workbook file, when known.
    public var file: String?
    /// The package part, e.g. "xl/worksheets/sheet1.xml".
    public var part: String?
    /// Where inside the part: a cell ("B7"), a sheet name, or a line ("第 12 行").
    public var location: String?
    /// What went wrong, in Chinese.
    public var detail: String
    /// The OOXML core's error this one came from (zip or XML level), if any.
    public var underlying: OOXMLError?

    public init(_ kind: Kind, file: String? = nil, part: String? = nil, location: String? = nil, detail: String) {
        self.kind = kind
        self.file = file
        self.part = part
        self.location = location
        self.detail = detail
    }

    public var description: String {
        var place: [String] = []
        if let file { place.append("文件 \(file)") }
        if let part { place.append("部件 \(part)") }
        if let location { place.append(location) }
        return place.isEmpty ? detail : place.joined(separator: "，") + "：" + detail
    }

    public var errorDescription: String? { description }

    /// The same error with the file (and part) filled in when not yet known.
    func located(file: String?, part: String? = nil) -> SpreadsheetError {
        var copy = self
        if copy.file == nil { copy.file = file }
        if copy.part == nil { copy.part = part }
        return copy
    }
}
