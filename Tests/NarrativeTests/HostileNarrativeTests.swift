import Foundation
import Testing
@testable import Narrative

/// Narratives that are empty, binary, oversized, shapeless or full of odd numerals: each is refused
/// with a message naming the file, or read into claims that are all finite and located.
@Suite struct HostileNarrativeTests {
    func write(_ data: Data, name: String) throws -> String {
        let folder = NSTemporaryDirectory() + "narrative-hostile-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/" + name
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    func refusal(_ data: Data, name: String) throws -> String? {
        let path = try write(data, name: name)
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        do {
            _ = try NarrativeDocument.load(path: path)
            return nil
        } catch {
            #expect("\(error)".contains(path), "message must name the file: \(error)")
            return "\(error)"
        }
    }

    @Test(arguments: [("empty.txt", Data()), ("blank.txt", Data("\n \n\t\n".utf8)),
                      ("empty.docx", Data())])
    func emptyNarrativeIsRefused(_ name: String, _ data: Data) throws {
        let message = try #require(try refusal(data, name: name))
        #expect(message.contains("没有任何文字") || message.contains("文件是空的"), "\(message)")
    }

    @Test func binaryIsRefused() throws {
        let message = try #require(try refusal(Data((0..<16_384).map { UInt8(truncatingIfNeeded: $0) }), name: "图.txt"))
        #expect(message.contains("不是文本文件"), "\(message)")
    }

    @Test func overTheFileSizeLimitIsRefused() throws {
        let line = Data("本年收入合计1702.33万元。\n".utf8)
        var data = Data(capacity: NarrativeDocument.maxFileSize + line.count)
        while data.count <= NarrativeDocument.maxFileSize { data.append(line) }
        let message = try #require(try refusal(data, name: "大.txt"))
        #expect(message.contains("过大"), "\(message)")
    }

    /// Under the file limit but far more text than any narrative: refused before the slow part.
    /// (Before the limit, 7 MB of short lines took a minute and one 300 KB paragraph over a minute.)
    @Test func tooMuchTextIsRefused() throws {
        let many = Data(String(repeating: "本年收入合计1702.33万元。\n", count: 40_000).utf8)
        let manyMessage = try #require(try refusal(many, name: "多.txt"))
        #expect(manyMessage.contains("文字过多"), "\(manyMessage)")
        let long = Data(("一、收入支出决算总体情况说明\n" + String(repeating: "本年收入合计1702.33万元，", count: 2_000)).utf8)
        let longMessage = try #require(try refusal(long, name: "长.txt"))
        #expect(longMessage.contains("第2段过长"), "\(longMessage)")
    }

    @Test func textWithoutSectionsHasNoClaimsInAccountsSections() throws {
        let path = try write(Data(String(repeating: "今天天气很好。\n我们去公园散步，走了3.5公里。\n", count: 50).utf8), name: "散文.txt")
        let doc = try NarrativeDocument.load(path: path)
        #expect(doc.paragraphs.count == 101)
        #expect(doc.paragraphs.allSatisfy { $0.section == .preamble && !$0.isHeading })
        let claims = ClaimExtractor().claims(in: doc)
        #expect(claims.allSatisfy { !$0.location.section.isAccountsSection })
    }

    @Test func oddNumeralsGiveOnlyFiniteLocatedClaims() throws {
        let text = """
            一、收入支出决算总体情况说明
            2021年度收入总计一千七百零二点三三万元，支出总计１７０２．３３万元，较上年增长Ⅻ%，增长１e９９９%，
            减少9999999999999999999999999.99万元，占比 ½%，其中：基本支出 ٣٤٥ 万元，项目支出 1,2,3,4 万元，0x1F 万元，∞万元，NaN万元。
            收入\(String(repeating: "9", count: 5_000))万元，-0.00万元，+-1万元，1..2万元，1.2.3%。
            """
        let path = try write(Data(text.utf8), name: "怪数.txt")
        let doc = try NarrativeDocument.load(path: path)
        let claims = ClaimExtractor().claims(in: doc)
        #expect(!claims.isEmpty)
        for claim in claims {
            #expect(claim.location.paragraph >= 1 && claim.location.paragraph <= doc.paragraphs.count)
            #expect(!claim.location.figureText.isEmpty)
        }
        // The full-width figure is read as the ordinary one.
        #expect(claims.contains { $0.location.figureText.contains("１７０２．３３") || $0.location.figureText.contains("1702.33") })
    }
}
