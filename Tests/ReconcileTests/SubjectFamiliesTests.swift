import Testing
import TableSet
@testable import Reconcile

/// The one-pass grouping of subject rows for tables in code order gives what the general grouping gives,
/// and stands aside for every other table.
@Suite struct SubjectFamiliesTests {
    private func rows(_ codes: [String?]) -> [TableRow] {
        codes.map { TableRow(code: $0, name: $0 ?? "合计", level: .line, values: []) }
    }

    private func same(_ a: [(parent: Int, children: [Int])], _ b: [(parent: Int, children: [Int])]) -> Bool {
        a.map(\.parent) == b.map(\.parent) && a.map(\.children) == b.map(\.children)
    }

    @Test func publishedOrderIsGroupedInOnePass() throws {
        let table = rows([nil, "208", "20805", "2080501", "2080505", "20808", "2080801", "210", "21001", "2100101",
                          "212", "2120101", "221", "22102", "2210201", "2210202"])
        let ordered = try #require(RuleContext.orderedFamilies(table))
        #expect(same(ordered, RuleContext.families(table)))
        #expect(ordered.map(\.parent) == [1, 2, 5, 7, 8, 12, 13])
        #expect(ordered[0].children == [2, 5])
        // 2120101 has no 款 row: no family takes it.
        #expect(!ordered.contains { $0.children.contains(11) })
    }

    @Test func otherOrdersAndCodesAreLeftToTheGeneralGrouping() {
        let cases: [[String?]] = [
            ["20805", "208", "2080501"],               // a child before its parent
            ["208", "20805", "208", "20806"],          // a parent twice
            ["208", "20805", "20805", "2080501"],      // equal codes
            ["２０８", "２０８０５"],                    // full-width digits
            ["208", "2O805"],                          // a letter among the digits
            ["208", "20805", "209", "2080501"],        // a 项 after the next 类
        ]
        for codes in cases {
            #expect(RuleContext.orderedFamilies(rows(codes)) == nil, "\(codes)")
        }
    }

    /// Whatever the order, the grouping used is the general one's.
    @Test func anyOrderGivesTheGeneralGrouping() {
        var generator = SystemRandomNumberGenerator()
        let pool = ["201", "20101", "2010101", "2010102", "20102", "208", "20805", "2080501", "2080599", "209",
                    "20901", "2090101", "1", "2010", "301", "30101", "30102", "3010101", "", "2080"]
        for _ in 0..<500 {
            let count = Int.random(in: 0...12, using: &generator)
            var codes: [String?] = (0..<count).map { _ in Bool.random(using: &generator) ? pool.randomElement(using: &generator) : nil }
            if Bool.random(using: &generator) {
                codes = Set(codes.compactMap { $0 }).sorted().map { $0 }
            }
            let table = rows(codes)
            let general = RuleContext.families(table)
            if let ordered = RuleContext.orderedFamilies(table) {
                #expect(same(ordered, general), "\(codes)")
            }
        }
    }
}
