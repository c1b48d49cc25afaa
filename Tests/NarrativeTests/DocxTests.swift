import Testing
import Foundation
@testable import Narrative

@Suite struct DocxTests {
    static func key(_ c: Claim) -> String { "\(c.subject)|\(c.kind)|\(c.value)|\(c.location.section)" }

    @Test func docxGivesTheSameClaimsAsTheExtractedText() throws {
        let docx = try NarrativeDocument.load(path: Corpus.path("sample-xiqu-jiuye-2021.docx"))
        let txt = try Corpus.sample()
        let fromDocx = ClaimExtractor().claims(in: docx).filter { $0.location.section.isAccountsSection }.map(Self.key)
        let fromText = ClaimExtractor().claims(in: txt).filter { $0.location.section.isAccountsSection }.map(Self.key)
        #expect(fromDocx == fromText)
        #expect(fromDocx.count >= 150)
        #expect(!docx.paragraphs.contains { $0.text.contains("[bookmark") })
    }

    @Test func corruptDocxIsRefusedWithTheFileNamed() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("narrative-docx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("坏文件.docx").path
        try Data("PK\u{3}\u{4}not really a zip".utf8).write(to: URL(fileURLWithPath: path))
        #expect { try NarrativeDocument.load(path: path) } throws: { "\($0)".contains("坏文件.docx") }
    }
}
