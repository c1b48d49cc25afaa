import Foundation
import Testing
import TableSet
@testable import Reconcile

/// Rule lookup keys made while the workbook is read are used only for the tables they were made from.
@Suite struct ReadKeysTests {
    @Test func keysComeWithEveryTableRead() throws {
        let read = try TableLocator.read(workbook: SampleExport.workbook())
        #expect(Set(read.keyed.keys) == Set(read.tables.keys))
        #expect(TableRuleEvaluator(read: read).evaluate()
                == TableRuleEvaluator(tables: read.tables, sources: read.sources).evaluate())
    }

    /// A table changed after reading (a row renamed, a value changed) is keyed afresh: the findings are
    /// those of an evaluator that never had keys made for it.
    @Test func changedTablesAreKeyedAfresh() throws {
        let read = try TableLocator.read(workbook: SampleExport.workbook())
        var evaluator = TableRuleEvaluator(read: read)
        let t = try #require(evaluator.tables[.t05]?.panels.first?.rows.firstIndex { $0.code?.count == 3 })
        evaluator.tables[.t05]?.panels[0].rows[t].name = "改过的名称"
        evaluator.tables[.t05]?.panels[0].rows[t].values[0] = 12_345
        let renamed = try #require(evaluator.tables[.t01]?.panels.first?.rows.firstIndex { $0.name.contains("合计") })
        evaluator.tables[.t01]?.panels[0].rows[renamed].name = "另一个名称"
        let findings = evaluator.evaluate()
        #expect(findings == TableRuleEvaluator(tables: evaluator.tables, sources: evaluator.sources).evaluate())
        #expect(findings != TableRuleEvaluator(read: read).evaluate())
    }
}
