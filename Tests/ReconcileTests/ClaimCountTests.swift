import Foundation
import Testing
import Accounts
import TableSet
@testable import Narrative
@testable import Reconcile

/// A count claim in a sentence of its own.
func countClaim(_ what: String, _ figure: String, unit: ClaimUnit, sentence: String) -> Claim {
    var c = claim(.count, .counted(what), figure, unit: unit)
    c.location.sentence = sentence
    return c
}

@Suite struct ClaimCountTests {
    /// 预算绩效管理's "对5个项目编制了绩效目标": the subject says what was done to the projects.
    @Test func projectCountsInThePerformanceSectionHaveNounPhraseSubjects() throws {
        let counts = try SampleNarrative.claims().filter { $0.kind == .count && $0.location.section == .performance }
        let subjects = counts.map { "\($0.subject)" }
        #expect(subjects == ["开展预算事前绩效评估的项目", "编制绩效目标的项目", "开展绩效监控的项目", "开展绩效自评的项目"])
        #expect(counts.allSatisfy { $0.value == 5 && $0.unit == .item })
    }

    @Test func projectCountsBindToTheProjectsWithProjectSpending() throws {
        let accounts = try SampleExport.accounts()
        let tables = try SampleExport.tables().byID
        let five = countClaim("编制绩效目标的项目", "5", unit: .item, sentence: "对5个项目编制了绩效目标。")
        let r = ClaimChecker(tables: tables, accounts: accounts).check([five])
        #expect(r.bound.count == 1 && r.findings.isEmpty)
        #expect(r.bound.first?.target == "单位数据「有项目支出的项目」")
        let four = countClaim("编制绩效目标的项目", "4", unit: .item, sentence: "对4个项目编制了绩效目标。")
        let wrong = ClaimChecker(tables: tables, accounts: accounts).check([four])
        #expect(wrong.findings.first?.rule == "C.数量" && wrong.findings.first?.expected == "5个")
        var none = accounts
        none.expenditure = none.expenditure.filter { $0.nature != .project }
        let unbound = ClaimChecker(tables: tables, accounts: none).check([five])
        #expect(unbound.unbound.first?.reason?.hasPrefix("项目个数需要单位数据文件中的项目") == true)
    }

    @Test func vehiclesByBodyTypeBindToPurchaseOrHoldingBySentence() throws {
        var accounts = try SampleExport.accounts()
        accounts.threePublicCounts.vehiclesPurchasedByType = [VehicleTypeCount(type: "轿车", count: 1)]
        accounts.threePublicCounts.vehiclesHeldByType = [VehicleTypeCount(type: "轿车", count: 3)]
        let checker = ClaimChecker(tables: try SampleExport.tables().byID, accounts: accounts)
        let bought = countClaim("轿车", "1", unit: .vehicle, sentence: "全年按规定更新购置公务用车1辆，其中：轿车1辆。")
        let held = countClaim("轿车", "3", unit: .vehicle, sentence: "截至2021年12月底，单位共有公务用车3辆，其中：轿车3辆。")
        let wrong = countClaim("轿车", "1", unit: .vehicle, sentence: "单位共有公务用车3辆，其中：轿车1辆。")
        let r = checker.check([bought, held, wrong])
        #expect(r.bound.count == 3)
        #expect(r.bindings.map(\.target) == ["单位数据「购置公务用车·轿车」", "单位数据「公务用车保有量·轿车」", "单位数据「公务用车保有量·轿车」"])
        #expect(r.findings.count == 1 && r.findings.first?.expected == "3辆" && r.findings.first?.found == "1辆")
        let suv = countClaim("越野车", "0", unit: .vehicle, sentence: "单位共有公务用车3辆，其中：越野车0辆。")
        #expect(checker.check([suv]).unbound.first?.reason == "单位数据文件的三公数量中没有保有车型「越野车」（写作 保有车型: {越野车: 数量}）")
    }

    @Test func receptionSplitBindsWhenTheTotalIsZero() throws {
        let tables = try SampleExport.tables().byID   // the sample's 公务接待费 is 0
        let domestic = claim(.amount, .threePublic(.domesticReception), "0")
        let wrong = claim(.amount, .threePublic(.foreignReception), "1.20")
        let r = ClaimChecker(tables: tables).check([domestic, wrong])
        #expect(r.bound.count == 2)
        #expect(r.findings.count == 1 && r.findings.first?.rule == "C.金额" && r.findings.first?.found == "1.20万元")
        // With a non-zero total the split is not in the tables.
        var accounts = try SampleExport.accounts()
        accounts.threePublic = [ThreePublicFact(fund: .generalBudget, item: .reception, budget: Money(yuan: 5_000), actual: Money(yuan: 3_000))]
        let nonZero = try TableBuilder(catalogue: SampleExport.catalogue()).build(accounts).byID
        #expect(ClaimChecker(tables: nonZero).check([domestic]).unbound.first?.reason == "国内、外事接待费的划分不在表格中（表10只有公务接待费合计）")
    }

    /// With the sample's data file every count of the sample narrative binds, and none is wrong.
    @Test func everyCountOfTheSampleBinds() throws {
        let read = try TableLocator.read(workbook: SampleExport.workbook())
        let result = ClaimChecker(tables: read.tables, sources: read.sources, accounts: try SampleExport.accounts()).check(try SampleNarrative.claims())
        let counts = result.bindings.filter { $0.claim.kind == .count }
        #expect(counts.allSatisfy { $0.isBound }, "\(counts.filter { !$0.isBound }.map { "\($0.claim.subject): \($0.reason ?? "")" })")
        #expect(!result.findings.contains { $0.rule == "C.数量" })
    }
}
