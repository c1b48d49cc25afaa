@testable import Batch
import Foundation
import Testing

@Suite struct UnitCodeClaimsTests {
    @Test func theFirstClaimantKeepsACode() throws {
        var claims = try UnitCodeClaims(capacity: 6)
        #expect(try claims.claim("901001", by: 0) == nil)
        #expect(try claims.claim("901002", by: 1) == nil)
        #expect(try claims.claim("901001", by: 2) == 0)
        #expect(try claims.claim("901001", by: 3) == 0)
        #expect(try claims.claim("单位甲", by: 4) == nil)
        #expect(try claims.claim("单位甲", by: 5) == 4)
        // A code that is a prefix of another, and the empty code, are codes of their own.
        #expect(try claims.claim("90100", by: 6) == nil)
        #expect(try claims.claim("", by: 7) == nil)
        #expect(try claims.claim("", by: 8) == 7)
        #expect(claims.count == 5)
    }

    /// Thousands of codes in the on-disk table: every code is still found, collisions included.
    @Test func manyCodesAreAllFound() throws {
        var claims = try UnitCodeClaims(capacity: 5_000)
        for i in 0..<5_000 { #expect(try claims.claim("9\(i)", by: i) == nil) }
        for i in stride(from: 0, to: 5_000, by: 7) { #expect(try claims.claim("9\(i)", by: 10_000 + i) == i) }
        #expect(claims.count == 5_000)
    }

    /// More codes than the table was sized for: found while there is room, then an error, never a hang.
    @Test func aFullTableIsAnError() throws {
        var claims = try UnitCodeClaims(capacity: 1)   // 16 slots
        for i in 0..<15 { #expect(try claims.claim("c\(i)", by: i) == nil) }
        #expect(try claims.claim("c3", by: 99) == 3)
        #expect(throws: BatchError.self) { _ = try claims.claim("c15", by: 15) }
    }

    /// The table lives in an unnamed file: nothing is left in the folder.
    @Test func leavesNoFileBehind() throws {
        let root = NSTemporaryDirectory() + "juesuan-claims-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        var claims = try UnitCodeClaims(capacity: 3, directory: root)
        #expect(try claims.claim("901001", by: 0) == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).isEmpty)
    }
}
