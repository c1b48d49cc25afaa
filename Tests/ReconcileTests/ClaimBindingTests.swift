import Foundation
import Testing
import Accounts
import TableSet
@testable import Narrative
@testable import Reconcile

enum SampleNarrative {
    static var root: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }
    static var docx: String { root + "/Tests/NarrativeTests/Corpus/sample-xiqu-jiuye-2021.docx" }
    static func claims() throws -> [Claim] {
        let naming = CatalogueSubjectNaming(try SubjectCatalogue.builtin2021())
        return ClaimExtractor(naming: naming).claims(in: try NarrativeDocument.load(path: docx))
    }
}

/// A claim written in a test sentence.
func claim(_ kind: ClaimKind, _ subject: ClaimSubject, _ figure: String, unit: ClaimUnit = .wanYuan, paragraph: Int = 1,
           direction: String? = nil) -> Claim {
    let decimals = figure.split(separator: ".").dropFirst().first?.count ?? 0
    var q = ClaimQualifiers()
    q.directionWord = direction
    return Claim(kind: kind, subject: subject, value: Decimal(string: figure)!, decimals: decimals, unit: unit,
                 location: ClaimLocation(paragraph: paragraph, section: .income, sentence: "测试句子\(figure)。",
                                         figureRange: 0..<1, figureText: figure + unit.rawValue), qualifiers: q)
}

@Suite struct ClaimBindingTests {
    /// Reasons a figure of the sample may stay unbound: figures that are not table amounts.
    static let contextReasons = ["数量需要单位数据文件（--data）", "国内、外事接待费的划分不在表格中",
                                 "项目明细不在表格中", "项目全年预算数不在表格中", "绩效自评表中没有项目"]

    @Test func sampleNarrativeAgainstExportedSampleWithData() throws {
        let read = try TableLocator.read(workbook: SampleExport.workbook())
        let claims = try SampleNarrative.claims()
        let result = ClaimChecker(tables: read.tables, sources: read.sources, accounts: try SampleExport.accounts()).check(claims)
        #expect(result.found == claims.count && result.bound.count + result.unbound.count == result.found)
        // Every figure about the tables is bound; the unbound ones are context figures, each with its reason.
        for b in result.unbound {
            let reason = b.reason ?? ""
            let context = Self.contextReasons.contains { reason.hasPrefix($0) }
            #expect(context, "\(b.claim.subject) \(b.claim.location.figureText): \(reason)")
        }
        // Counts are checked against the unit data: 团组, 车辆, 接待 批次 and 人次, 设备.
        let counts = result.bindings.filter { $0.claim.kind == .count && $0.isBound }
        #expect(counts.count >= 24)
        let tableSubjects: [ClaimSubject] = [.grandTotal, .totalIncome, .totalExpenditure, .fiscalGrandTotal, .generalBudgetExpenditure,
                                             .generalBudgetBasic, .personnel, .publicFunds, .threePublicTotal, .governmentFundExpenditure,
                                             .stateCapitalExpenditure, .officeRunningCosts]
        func isItem(_ s: ClaimSubject) -> Bool { if case .generalBudgetItem = s { return true }; return false }
        for c in claims where tableSubjects.contains(c.subject) || isItem(c.subject) {
            #expect(result.bindings.first { $0.claim == c }?.isBound == true, "\(c.subject) \(c.location.figureText)")
        }
        // The genuine inconsistency with the tables: 附件 restates 本年收入合计 as 1702.32 (table: 1702.33).
        let errors = result.findings.filter { $0.severity == .error }
        #expect(errors.count == 1)
        let restated = try #require(errors.first)
        #expect(restated.rule == "C.金额" && restated.expected == "1702.33万元" && restated.found == "1702.32万元")
        if case let .narrative(_, paragraph, _, figure) = restated.location { #expect(paragraph == 159 && figure == "1702.32万元") }
        else { Issue.record("not a narrative location") }
        // 0.44% (should be 0.45%) was forced so the three shares sum to 100%: a hint, not an error.
        let share = try #require(result.findings.first { $0.rule == "C.占比" })
        #expect(share.severity == .hint && share.expected == "0.45%" && share.message.contains("100%"))
        // Bound figures carry the cell they were compared with.
        let total = try #require(result.bindings.first { $0.claim.subject == .totalIncome && $0.claim.location.paragraph == 51 })
        #expect(total.cell == .cells(sheet: "收入支出决算总表", cells: ["C33"], table: .t01))
        // Prior-year changes need the data file, and with it they hold.
        let percents = result.bindings.filter { b in if case .changePercent = b.claim.kind { return true }; return false }
        #expect(percents.count == 4)
        #expect(percents.allSatisfy { $0.isBound })
    }

    @Test func withoutDataBudgetAndPriorYearClaimsAreUnboundWithReasons() throws {
        let read = try TableLocator.read(workbook: SampleExport.workbook())
        let claims = try SampleNarrative.claims()
        let result = ClaimChecker(tables: read.tables, sources: read.sources).check(claims)
        let completion = result.unbound.filter { $0.claim.kind == .completionRate && $0.claim.location.section == .generalBudgetDetail }
        #expect(completion.count == 9)
        #expect(completion.allSatisfy { $0.reason == "需要单位数据文件（--data）中的全年预算数" })
        let changes = result.unbound.filter { b in if case .changeAmount = b.claim.kind { return true }; return false }
        #expect(changes.count == 4 && changes.allSatisfy { $0.reason == "需要单位数据文件（--data）中的上年数" })
        #expect(result.findings.filter { $0.severity == .error }.count == 1)
    }

    @Test func amountsAreComparedAtTheClaimsPrecision() throws {
        let tables = try SampleExport.tables().byID
        let checker = ClaimChecker(tables: tables)
        let r = checker.check([
            claim(.amount, .totalIncome, "1702.33"),
            claim(.amount, .totalIncome, "1702.3"),     // one decimal: [1702.25, 1702.35) meets 1702.33
            claim(.amount, .totalIncome, "1702"),       // no decimals: [1701.5, 1702.5)
            claim(.amount, .totalIncome, "1702.34"),    // adjacent hundredth: wrong
            claim(.amount, .totalIncome, "17023300", unit: .yuan),  // 元 written for the same amount
        ])
        #expect(r.bound.count == 5)
        #expect(r.findings.count == 1 && r.findings.first?.found == "1702.34万元")
        let yuan = checker.check([claim(.amount, .totalIncome, "1702.33", unit: .yuan)])
        #expect(yuan.findings.count == 1 && yuan.findings.first?.message.contains("单位应为万元") == true)
    }

    @Test func sharesUseIntervalsAndTruncationIsAHint() throws {
        let tables = try SampleExport.tables().byID
        // 项目支出 1575.46 / 本年支出合计 1704.86 = 92.4105…%
        let r = ClaimChecker(tables: tables).check([
            claim(.share(of: .totalExpenditure), .expenditure(.project), "92.41", unit: .percent),
            claim(.share(of: .totalExpenditure), .expenditure(.project), "92.4", unit: .percent),
            claim(.share(of: .totalExpenditure), .expenditure(.project), "92.42", unit: .percent),
            claim(.share(of: .totalExpenditure), .expenditure(.project), "92.14", unit: .percent),
            // 基本支出 129.40 / 1704.86 = 7.5901…%: 7.59 right; 7.58 would be truncation of nothing (wrong).
            claim(.share(of: nil), .expenditure(.basic), "7.59", unit: .percent),
        ])
        #expect(r.bound.count == 5)
        let bad = r.findings.sorted { $0.found ?? "" < $1.found ?? "" }
        #expect(bad.map(\.found) == ["92.14%", "92.42%"])
        #expect(bad.allSatisfy { $0.severity == .error && $0.expected == "92.41%" })

        // 7.58 万元 / 1699.94 万元 = 0.4459%: "0.44" truncates, a hint when not forced to 100%.
        let t = ClaimChecker(tables: tables).check([claim(.share(of: .generalBudgetExpenditure), .generalBudgetClass("卫生健康支出"), "0.44", unit: .percent)])
        #expect(t.findings.count == 1 && t.findings.first?.severity == .hint && t.findings.first?.message.contains("截尾") == true)
    }

    @Test func changesNeedPriorYearAndAgreeInDirection() throws {
        let tables = try SampleExport.tables().byID
        var accounts = try SampleExport.accounts()
        accounts.priorYear[.operatingCosts] = Money(yuan: 86_700)   // 8.67 万元 → 10.45 is +1.78, +20.53%
        let checker = ClaimChecker(tables: tables, accounts: accounts)
        let r = checker.check([
            claim(.changeAmount(direction: .increase), .officeRunningCosts, "1.78"),
            claim(.changePercent(direction: .increase), .officeRunningCosts, "20.53", unit: .percent),
            claim(.changeAmount(direction: .decrease), .officeRunningCosts, "1.78", direction: "减少"),
            claim(.changePercent(direction: .increase), .officeRunningCosts, "20.5", unit: .percent),
            claim(.changePercent(direction: .increase), .officeRunningCosts, "21.53", unit: .percent),
        ])
        #expect(r.bound.count == 5)
        #expect(r.findings.count == 2)
        #expect(r.findings.contains { $0.rule == "C.增减额" && $0.message.contains("减少") && $0.severity == .error })
        #expect(r.findings.contains { $0.rule == "C.增减率" && $0.found == "21.53%" && $0.expected == "20.53%" })
        let none = ClaimChecker(tables: tables).check([claim(.changeAmount(direction: .increase), .officeRunningCosts, "1.78")])
        #expect(none.unbound.first?.reason == "需要单位数据文件（--data）中的上年数")
    }

    @Test func countsAreCheckedAgainstTheUnitData() throws {
        var accounts = try SampleExport.accounts()
        accounts.threePublicCounts.abroadGroups = 2
        let checker = ClaimChecker(tables: try SampleExport.tables().byID, accounts: accounts)
        let r = checker.check([claim(.count, .counted("全年安排因公出国（境）团组"), "0", unit: .times),
                               claim(.count, .counted("单位共有公务用车"), "0", unit: .vehicle)])
        #expect(r.bound.count == 2)
        #expect(r.findings.count == 1 && r.findings.first?.rule == "C.数量" && r.findings.first?.expected == "2次")
        let without = ClaimChecker(tables: try SampleExport.tables().byID).check([claim(.count, .counted("单位共有公务用车"), "0", unit: .vehicle)])
        #expect(without.unbound.first?.reason == "数量需要单位数据文件（--data）")
    }

    @Test func missingTableLeavesClaimsUnbound() throws {
        var tables = try SampleExport.tables().byID
        tables[.t08] = nil
        let r = ClaimChecker(tables: tables).check([claim(.amount, .personnel, "118.95")])
        #expect(r.unbound.first?.reason == "工作簿中缺少表「一般公共预算财政拨款基本支出决算表」")
    }
}
