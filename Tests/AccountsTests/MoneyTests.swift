import Testing
@testable import Accounts

@Suite struct MoneyTests {
    @Test func roundsHalfUpToWanYuan() {
        #expect(Money(fen: 1_704_870_000).wanYuanText == "1704.87")
        #expect(Money(fen: 75_750).wanYuanText == "0.08")   // 757.50 元 -> 0.0758 万元 -> 0.08
        #expect(Money(fen: 4_999).wanYuanText == "0.00")    // 49.99 元
        #expect(Money(fen: 5_000).wanYuanText == "0.01")    // 50.00 元 rounds half up
        #expect(Money(fen: -5_000).wanYuanText == "-0.01")
    }

    @Test func parsesYuanTextExactly() {
        #expect(Money(yuanText: "1,234.5") == Money(fen: 123_450))
        #expect(Money(yuanText: "-3") == Money(fen: -300))
        #expect(Money(yuanText: "1.234") == nil)
        #expect(Money(yuanText: "abc") == nil)
    }
}
