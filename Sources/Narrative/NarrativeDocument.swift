import Foundation

/// One paragraph of a narrative, as read (artefacts removed), with the section it belongs to.
public struct NarrativeParagraph: Sendable, Hashable {
    /// 1-based position in the document (counting empty paragraphs, so it matches the source).
    public var index: Int
    public var text: String
    public var isTableCell: Bool
    public var section: NarrativeSection
    /// True when this paragraph is itself a section heading.
    public var isHeading: Bool

    public init(index: Int, text: String, isTableCell: Bool = false,
                section: NarrativeSection = .preamble, isHeading: Bool = false) {
        self.index = index; self.text = text; self.isTableCell = isTableCell
        self.section = section; self.isHeading = isHeading
    }
}

/// An error reading a narrative, with a Chinese message naming the file.
public struct NarrativeError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A 决算情况说明 read from .docx or .txt, split into paragraphs and sections.
public struct NarrativeDocument: Sendable {
    public var path: String
    public var paragraphs: [NarrativeParagraph]

    /// Largest file accepted; real narratives are well under 5 MB even with charts.
    public static let maxFileSize = 20 * 1024 * 1024

    public init(path: String = "", paragraphs: [NarrativeParagraph]) {
        self.path = path
        self.paragraphs = paragraphs
    }

    /// Builds a document from raw paragraph texts: strips artefacts and assigns sections.
    public init(path: String = "", rawParagraphs: [(text: String, isTableCell: Bool)]) {
        var section = NarrativeSection.preamble
        var out: [NarrativeParagraph] = []
        for (i, raw) in rawParagraphs.enumerated() {
            let text = NarrativeDocument.stripArtefacts(raw.text)
            var isHeading = false
            if !raw.isTableCell, let next = NarrativeSection.heading(text, current: section) {
                section = next
                isHeading = true
            }
            out.append(NarrativeParagraph(index: i + 1, text: text, isTableCell: raw.isTableCell,
                                          section: section, isHeading: isHeading))
        }
        self.init(path: path, paragraphs: out)
    }

    /// Builds a document from plain text, one paragraph per line.
    public init(path: String = "", text: String) {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        self.init(path: path, rawParagraphs: lines.map { (String($0), false) })
    }

    /// Reads a .docx or .txt narrative. A file without any text is refused: checking it would
    /// report "no problems" for a narrative that says nothing.
    public static func load(path: String) throws -> NarrativeDocument {
        let document = try read(path: path)
        guard document.paragraphs.contains(where: { !$0.text.allSatisfy(\.isWhitespace) }) else {
            throw NarrativeError("决算情况说明文件 \(path) 没有任何文字（文件是空的），无法核对。")
        }
        // Claim extraction searches each paragraph for many phrases: its time grows with the text,
        // so text far beyond any real narrative is refused rather than checked for minutes.
        var total = 0
        for paragraph in document.paragraphs {
            let length = paragraph.text.unicodeScalars.count
            if length > maxParagraphCharacters {
                throw NarrativeError("决算情况说明文件 \(path) 第\(paragraph.index)段过长（\(length) 字，上限 \(maxParagraphCharacters) 字），不像是决算情况说明，无法核对。")
            }
            total += length
        }
        if total > maxTextCharacters { throw tooMuchText(path, total) }
        return document
    }

    /// Most characters a narrative may hold (a real one has 20,000–40,000).
    public static let maxTextCharacters = 500_000
    /// Most characters one paragraph may hold (real paragraphs stay under 2,000).
    public static let maxParagraphCharacters = 20_000

    private static func read(path: String) throws -> NarrativeDocument {
        let url = URL(fileURLWithPath: path)
        let attributes: [FileAttributeKey: Any]
        do { attributes = try FileManager.default.attributesOfItem(atPath: path) } catch {
            throw NarrativeError("无法读取决算情况说明文件 \(path)：文件不存在或无权访问。")
        }
        if let size = attributes[.size] as? Int, size > maxFileSize {
            throw NarrativeError("决算情况说明文件 \(path) 过大（\(size / 1024 / 1024) MB），超过 \(maxFileSize / 1024 / 1024) MB 的上限。")
        }
        let ext = url.pathExtension.lowercased()
        if ext == "docx" { return try fromDocx(path) }
        if ext == "doc" || ext == "wps" {
            throw NarrativeError("决算情况说明文件 \(path) 是旧版 Word 格式（.\(ext)），请在 Word 或 WPS 中另存为 .docx 后再检查。")
        }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw NarrativeError("无法读取决算情况说明文件 \(path)：\(error.localizedDescription)")
        }
        if data.count >= 4, data.prefix(4) == Data([0x50, 0x4B, 0x03, 0x04]) {
            // A .docx saved under another extension.
            return try fromDocx(path)
        }
        let text = try TextDecoding.decode(data, path: path)
        // Before splitting into sections (itself slow on millions of lines).
        let length = text.unicodeScalars.count
        if length > maxTextCharacters { throw tooMuchText(path, length) }
        return NarrativeDocument(path: path, text: text)
    }

    private static func fromDocx(_ path: String) throws -> NarrativeDocument {
        let raw = try DocxParagraphs.read(path: path)
        // Before splitting into sections (itself slow on a million paragraphs).
        let length = raw.reduce(0) { $0 + $1.text.unicodeScalars.count }
        if length > maxTextCharacters { throw tooMuchText(path, length) }
        return NarrativeDocument(path: path, rawParagraphs: raw)
    }

    private static func tooMuchText(_ path: String, _ count: Int) -> NarrativeError {
        NarrativeError("决算情况说明文件 \(path) 的文字过多（\(count) 字，上限 \(maxTextCharacters) 字），不像是决算情况说明，无法核对。")
    }

    /// Removes what text extraction leaves behind: "[bookmark: _Toc…]" markers and stray
    /// zero-width or control characters.
    public static func stripArtefacts(_ text: String) -> String {
        var s = text
        while let open = s.range(of: "[bookmark:") {
            guard let close = s[open.upperBound...].firstIndex(of: "]") else { break }
            s.removeSubrange(open.lowerBound...close)
        }
        s.removeAll { c in
            c == "\u{200B}" || c == "\u{FEFF}" || c == "\u{200E}" || c == "\u{200F}"
                || (c.unicodeScalars.count == 1 && c.unicodeScalars.first.map { $0.value < 0x20 && $0 != "\t" } == true)
        }
        return s
    }

    /// Paragraphs of one section.
    public func paragraphs(in section: NarrativeSection) -> [NarrativeParagraph] {
        paragraphs.filter { $0.section == section }
    }
}
