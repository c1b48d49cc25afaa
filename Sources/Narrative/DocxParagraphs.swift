import OOXML

/// Reads the paragraphs of a .docx body through the OOXML Word text reader. Text boxes (chart
/// titles, callouts) are kept as ordinary paragraphs; table cells are marked.
enum DocxParagraphs {
    /// A narrative's word/document.xml is a few hundred kB (the sample: 232 kB for 25,000 characters);
    /// beyond this it cannot hold a narrative within NarrativeDocument's text limits, and parsing it
    /// would take minutes.
    static let maxPartSize: Int64 = 32 << 20

    static func read(path: String) throws -> [(text: String, isTableCell: Bool)] {
        var limits = ZipLimits.standard
        limits.maxPartSize = maxPartSize
        do {
            return try WordText.paragraphs(fromDocx: path, limits: limits).map { ($0.text, $0.isTableCell) }
        } catch {
            throw NarrativeError("无法读取决算情况说明 \(path)：\(error.description)")
        }
    }
}
