import Testing
import Foundation
@testable import Narrative

@Test func dumpSample() throws {
    let doc = try Corpus.sample()
    try dump(ClaimExtractor().claims(in: doc)).write(toFile: "/tmp/claims.txt", atomically: true, encoding: .utf8)
}
