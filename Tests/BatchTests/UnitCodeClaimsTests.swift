@testable import Batch
import Testing

@Suite struct UnitCodeClaimsTests {
    @Test func theFirstClaimantKeepsACode() {
        var claims = UnitCodeClaims()
        #expect(claims.claim("901001", by: 0) == nil)
        #expect(claims.claim("901002", by: 1) == nil)
        #expect(claims.claim("901001", by: 2) == 0)
        #expect(claims.claim("901001", by: 3) == 0)
        #expect(claims.claim("单位甲", by: 4) == nil)
        #expect(claims.claim("单位甲", by: 5) == 4)
        #expect(claims.count == 3)
    }

    /// Thousands of codes: the table grows and every code is still found.
    @Test func manyCodesSurviveGrowth() {
        var claims = UnitCodeClaims()
        for i in 0..<5_000 { #expect(claims.claim("9\(i)", by: i) == nil) }
        for i in stride(from: 0, to: 5_000, by: 7) { #expect(claims.claim("9\(i)", by: 10_000 + i) == i) }
        #expect(claims.count == 5_000)
    }
}
