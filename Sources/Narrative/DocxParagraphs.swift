/// Reads the paragraphs of a .docx. Filled in by the OOXML WordText reader once it is available.
enum DocxParagraphs {
    static func read(path: String) throws -> [(text: String, isTableCell: Bool)] {
        throw NarrativeError("暂不支持读取 .docx 决算情况说明（\(path)），请先另存为 .txt 文本。")
    }
}
