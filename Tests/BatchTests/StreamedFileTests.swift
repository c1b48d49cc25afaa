@testable import Batch
import Foundation
import Testing

@Suite struct StreamedFileTests {
    let folder: String

    init() throws {
        folder = NSTemporaryDirectory() + "streamed-file-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    func names() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: folder).sorted() }

    /// More than one 64 KiB write, replacing the file that was there.
    @Test func piecesArriveInOrderAndReplaceTheOldFile() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/结果.json"
        try "旧内容".write(toFile: path, atomically: false, encoding: .utf8)
        let pieces = (0..<20_000).map { "第\($0)行，" }
        try StreamedFile(path: path).write { emit in for piece in pieces { try emit(piece) } }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == pieces.joined())
        #expect(try names() == ["结果.json"])
    }

    struct Stop: Error, Equatable {}

    /// A producer that fails leaves the old file as it was, no temporary file, and its own error.
    @Test func aFailingProducerLeavesTheOldFileAndItsError() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/index.html"
        try "旧内容".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(throws: Stop()) {
            try StreamedFile(path: path).write { emit in
                for i in 0..<10_000 { try emit(String(repeating: "新", count: 10) + "\(i)") }
                throw Stop()
            }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "旧内容")
        #expect(try names() == ["index.html"])
    }
}
