import Testing
import Foundation
@testable import Accounts

/// The sample unit must reproduce every figure its narrative states (in 万元, rounded half up).
@Suite struct SampleUnitTests {
    let a: UnitAccounts

    init() throws {
        a = try UnitDataFile.sample(catalogue: try SubjectCatalogue.builtin2021())
    }

    func wan(_ m: Money) -> String { m.wanYuanText }
    /// A share in percent with two decimals, rounded half up, as the narrative prints it.
    func percent(_ part: Money, of whole: Money) -> String {
        Money.decimalText(Money.roundHalfUp(part.fen * 10_000, divisor: whole.fen), scale: 2)
    }
    var general: [ExpenditureFact] { a.expenditure.filter { $0.fund == .generalBudget } }
    var totalIncome: Money { a.income.map(\.amount).sum() }
    var totalExpenditure: Money { a.expenditure.map(\.amount).sum() }

    @Test func unit() {
        #expect(a.unit.name == "攀枝花市西区就业创业促进中心")
        #expect(a.unit.year == 2021 && a.unit.kind == .civilServiceManaged)
        #expect(a.unit.parentName == "西区人力资源和社会保障局")
    }

    @Test func incomeFigures() {
        #expect(wan(totalIncome) == "1702.33")
        func source(_ s: IncomeSource) -> Money { a.income.filter { $0.source == s }.map(\.amount).sum() }
        #expect(wan(source(.generalBudgetAppropriation)) == "1697.41")
        #expect(wan(source(.governmentFundAppropriation)) == "4.92")
        #expect(wan(source(.other)) == "0.01")
        #expect(percent(source(.generalBudgetAppropriation), of: totalIncome) == "99.71")
        #expect(percent(source(.governmentFundAppropriation), of: totalIncome) == "0.29")
    }

    @Test func expenditureFigures() {
        #expect(wan(totalExpenditure) == "1704.86")
        let basic = a.expenditure.filter { $0.nature.isBasic }.map(\.amount).sum()
        let project = a.expenditure.filter { $0.nature == .project }.map(\.amount).sum()
        #expect(wan(basic) == "129.40" && wan(project) == "1575.46")
        #expect(percent(basic, of: totalExpenditure) == "7.59" && percent(project, of: totalExpenditure) == "92.41")
    }

    @Test func generalBudgetByCategoryAndItem() {
        let g = general.map(\.amount).sum()
        #expect(wan(g) == "1699.94")
        #expect(percent(g, of: totalExpenditure) == "99.71")
        func under(_ prefix: String) -> Money { general.filter { $0.functionalCode.hasPrefix(prefix) }.map(\.amount).sum() }
        #expect(wan(under("208")) == "1680.66" && percent(under("208"), of: g) == "98.87")
        #expect(wan(under("210")) == "7.58")
        #expect(wan(under("221")) == "11.70" && percent(under("221"), of: g) == "0.69")
        // The narrative prints 0.44% for 210; 7.58/1699.94 is 0.4459% (a contradiction noted in the sample).
        #expect(percent(under("210"), of: g) == "0.45")
        let items = ["2080101": "97.52", "2080199": "2.54", "2080501": "3.27", "2080505": "9.33",
                     "2080799": "1568.01", "2101101": "6.62", "2101103": "0.96", "2210201": "11.70"]
        #expect(Set(general.map(\.functionalCode)) == Set(items.keys))
        for (code, text) in items {
            #expect(wan(under(code)) == text, "\(code)")
            let budget = a.budgets.filter { $0.functionalCode == code && $0.fund == .generalBudget }.map(\.amount).sum()
            #expect(budget == under(code), "完成预算100% for \(code)")
        }
        // 政府性基金 money never reaches the general-budget tables.
        #expect(general.allSatisfy { !$0.functionalCode.hasPrefix("212") })
    }

    @Test func basicSpendingItems() {
        let basic = general.filter { $0.nature.isBasic }
        #expect(wan(basic.map(\.amount).sum()) == "129.40")
        let personnel = basic.filter { $0.nature == .basicPersonnel }, pub = basic.filter { $0.nature == .basicPublic }
        #expect(wan(personnel.map(\.amount).sum()) == "118.95")
        #expect(wan(pub.map(\.amount).sum()) == "10.45")
        func by(_ facts: [ExpenditureFact], _ code: String) -> String {
            wan(facts.filter { $0.economicCode == code }.map(\.amount).sum())
        }
        let personnelItems = ["30101": "28.43", "30102": "54.70", "30103": "2.43", "30108": "9.33", "30110": "6.62",
                              "30111": "0.96", "30199": "1.49", "30305": "3.27", "30113": "11.70", "30399": "0.02"]
        for (code, text) in personnelItems { #expect(by(personnel, code) == text, "\(code)") }
        #expect(personnel.allSatisfy { $0.economicCode.hasPrefix("301") || $0.economicCode.hasPrefix("303") })
        let publicItems = ["30201": "0.17", "30204": "0.04", "30207": "0.68", "30211": "1.13", "30213": "0.03",
                           "30226": "0.81", "30228": "1.10", "30229": "0.25", "30239": "6.00", "30299": "0.24"]
        for (code, text) in publicItems { #expect(by(pub, code) == text, "\(code)") }
        #expect(Set(basic.map(\.economicCode)) == Set(personnelItems.keys).union(publicItems.keys))
    }

    @Test func projects() {
        func project(_ name: String) -> Money { a.expenditure.filter { $0.project == name }.map(\.amount).sum() }
        #expect(wan(project("上级就业创业补助资金")) == "1568.01")
        #expect(wan(project("省级财政人社公共服务能力建设资金")) == "2.54")
        #expect(wan(project("高校毕业生创业工作经费")) == "4.00")
        #expect(wan(project("专项档案经费")) == "0.50")
        #expect(wan(project("今冬明春农民工服务保障五大专项行动工作经费")) == "0.42")
        let fund = a.expenditure.filter { $0.fund == .governmentFund }
        #expect(wan(fund.map(\.amount).sum()) == "4.92")
        #expect(fund.allSatisfy { $0.functionalCode == "2120802" && $0.nature == .project })
        #expect(a.expenditure.filter { $0.nature == .project }.allSatisfy { $0.project != nil })
    }

    @Test func totalsBalance() {
        let opening = a.balances.map(\.opening).sum(), closing = a.balances.map(\.closing).sum()
        let incomeSide = totalIncome + opening + a.nonFiscalBalanceUsed
        let expenditureSide = totalExpenditure + closing + a.surplusDistribution
        #expect(incomeSide == expenditureSide)
        #expect(wan(incomeSide) == "1704.87")
        #expect(wan(opening) == "2.54")
        for fund in Fund.allCases {
            let inc = a.income.filter { $0.source.fund == fund || (fund == .nonFiscal && $0.source.fund == nil) }
            let exp = a.expenditure.filter { $0.fund == fund }, bal = a.balances.filter { $0.fund == fund }
            #expect(bal.map(\.opening).sum() + inc.map(\.amount).sum() == exp.map(\.amount).sum() + bal.map(\.closing).sum(),
                    "\(fund.rawValue)")
        }
        let fiscalIncome = a.income.filter { $0.source.fund != nil }.map(\.amount).sum()
        let fiscalOpening = a.balances.filter { $0.fund.isFiscal }.map(\.opening).sum()
        #expect(wan(fiscalIncome + fiscalOpening) == "1704.86")
    }

    @Test func priorYearComparisons() {
        let total = totalIncome + a.balances.map(\.opening).sum()
        let fiscal = total - a.income.filter { $0.source.fund == nil }.map(\.amount).sum()
        func change(_ now: Money, _ metric: PriorYearMetric) -> (String, String) {
            let before = a.priorYear[metric] ?? .zero
            return (wan(now - before), percent(now - before, of: before))
        }
        #expect(a.priorYear[.grandTotal].map(wan) == "1744.59" && a.priorYear[.fiscalGrandTotal].map(wan) == "1744.59")
        #expect(a.priorYear[.generalBudgetExpenditure].map(wan) == "1553.24" && a.priorYear[.operatingCosts].map(wan) == "8.67")
        #expect(change(total, .grandTotal) == ("-39.72", "-2.28"))
        #expect(change(fiscal, .fiscalGrandTotal) == ("-39.73", "-2.28"))
        #expect(change(general.map(\.amount).sum(), .generalBudgetExpenditure) == ("146.70", "9.44"))
        let operating = general.filter { $0.nature == .basicPublic }.map(\.amount).sum()
        #expect(change(operating, .operatingCosts) == ("1.78", "20.53"))
    }

    @Test func threePublicProcurementAssetsAndPerformance() {
        #expect(a.threePublic.count == 4 && a.threePublic.allSatisfy { $0.budget.isZero && $0.actual.isZero })
        // Every count is 0; vehicles are split by body type (轿车、越野车、载客汽车), all 0.
        var zero = ThreePublicCounts()
        let types = ["轿车", "越野车", "载客汽车"].map { VehicleTypeCount(type: $0, count: 0) }
        zero.vehiclesPurchasedByType = types
        zero.vehiclesHeldByType = types
        #expect(a.threePublicCounts == zero)
        #expect(a.procurement.total.isZero && a.assets.totalVehicles == 0 && a.assets.vehicles.count == 4)
        #expect(a.performance.count == 1)
        let e = a.performance[0]
        #expect(e.project == "上级就业创业补助资金" && e.department == "西区人力资源和社会保障局")
        #expect(e.implementingUnit == "西区就业创业促进中心" && wan(e.fiscalFunds) == "1568.01")
        #expect(e.indicators.count == 14)
        #expect(e.indicators[0] == PerformanceIndicator(level1: "产出指标", level2: "数量指标", level3: "享受公益性岗位补贴人次",
                                                       planned: "800", actual: "1212"))
        #expect(e.indicators[13].actual == "100%")
        #expect(e.plannedGoal.hasPrefix("通过落实培训补贴"))
    }

    @Test func everyFactHasItsLine() throws {
        let text = try #require(UnitDataFile.sampleText())
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for f in a.expenditure {
            let origin = try #require(f.origin)
            #expect(origin.file.hasSuffix("xiqu-jiuye-2021.yaml"))
            #expect(lines[origin.line - 1].contains(f.amount.yuanText), "line \(origin.line)")
        }
    }
}
