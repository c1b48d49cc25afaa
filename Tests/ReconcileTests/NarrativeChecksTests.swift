import Testing
import Foundation
@testable import Narrative
@testable import Reconcile

enum NarrativeCorpus {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("NarrativeTests/Corpus")
    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
}

@Test func dumpSampleFindings() throws {
    let r = try checkNarrative(path: NarrativeCorpus.path("sample-xiqu-jiuye-2021.txt"), catalogue: nil)
    let text = r.findings.map { "\($0.rule)\t\($0.severity.label)\t\($0.location.text)\t\($0.message)" }.joined(separator: "\n")
    try text.write(toFile: "/tmp/findings.txt", atomically: true, encoding: .utf8)
}
