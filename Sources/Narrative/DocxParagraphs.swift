import OOXML

/// Reads the paragraphs of a .docx body through the OOXML Word text reader. Text boxes (chart
/// titles, callouts) are kept as ordinary paragraphs; table cells are marked.
enum DocxParagraphs {
    static func read(path: String) throws -> [(text: String, isTableCell: Bool)] {
        do {
            return try WordText.paragraphs(fromDocx: path).map { ($0.text, $0.isTableCell) }
        } catch {
            throw NarrativeError("无法读取决算情况说明 \(path)：\(error.description)")
        }
    }
}
