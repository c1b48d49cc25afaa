import Foundation
import OOXML

/// Reads back the explanations (出错说明) a reviewer typed into the 说明 column of the 核对结果 sheet,
/// also after the workbook was re-saved by Excel, WPS or LibreOffice (columns are found by header).
public enum ExplanationReader {
    /// Explanations keyed by `Finding.key`; rows with an empty 说明 are left out.
    /// A workbook without a 核对结果 sheet has no explanations.
    public static func read(workbook: String) throws -> [String: String] {
        let book = try WorkbookReader.open(path: workbook)
        guard book.sheetNames.contains(ResultsSheet.name) else { return [:] }
        let sheet = try book.sheet(named: ResultsSheet.name)
        let header = ResultsSheet.headers
        // The header row: the first row that has both a 键 and a 说明 cell.
        var keyColumn: Int?
        var explanationColumn: Int?
        var headerRow: Int?
        for cell in sheet.cells where headerRow == nil || cell.address.row == headerRow {
            let text = cell.value.string?.trimmingCharacters(in: .whitespaces)
            if text == header[ResultsSheet.keyColumn] { keyColumn = cell.address.column; headerRow = cell.address.row }
            if text == header[ResultsSheet.explanationColumn] { explanationColumn = cell.address.column }
            if keyColumn != nil, explanationColumn != nil { break }
        }
        guard let keyColumn, let explanationColumn, let headerRow else {
            throw ReportError.malformed(path: workbook, part: "工作表「\(ResultsSheet.name)」",
                                        detail: "找不到表头“键”和“说明”列，无法读取出错说明")
        }
        var result: [String: String] = [:]
        var keys: [Int: String] = [:]
        var texts: [Int: String] = [:]
        for cell in sheet.cells where cell.address.row > headerRow {
            if cell.address.column == keyColumn, let key = cell.value.string { keys[cell.address.row] = key }
            if cell.address.column == explanationColumn { texts[cell.address.row] = text(cell.value) }
        }
        for (row, key) in keys {
            let explanation = (texts[row] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if !explanation.isEmpty && !key.isEmpty { result[key] = explanation }
        }
        return result
    }

    private static func text(_ value: CellValue) -> String {
        if let s = value.string { return s }
        if let n = value.number { return "\(n)" }
        return ""
    }
}
