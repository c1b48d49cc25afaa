import Foundation
@testable import Narrative

enum Corpus {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")
    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
    static func sample() throws -> NarrativeDocument { try NarrativeDocument.load(path: path("sample-xiqu-jiuye-2021.txt")) }
}

func dump(_ claims: [Claim]) -> String {
    claims.map { c in
        "\(c.location.paragraph)\t\(c.location.section.title)\t\(c.kind)\t\(c.subject)\t\(c.value)\(c.unit.rawValue)\t[\(c.location.figureText)]"
    }.joined(separator: "\n")
}
