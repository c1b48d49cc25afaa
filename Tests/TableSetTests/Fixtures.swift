import Accounts
@testable import TableSet

/// A small hand-built unit whose figures exercise rounding (two 50 元 项 make a 0.01 万元 类)
/// and the four funds.
enum HandBuilt {
    static let functional: [String: String] = [
        "201": "一般公共服务支出", "208": "社会保障和就业支出", "20801": "人力资源和社会保障管理事务",
        "2080101": "行政运行", "2080199": "其他人力资源和社会保障管理事务支出", "210": "卫生健康支出",
        "21011": "行政事业单位医疗", "2101101": "行政单位医疗", "212": "城乡社区支出",
        "21208": "国有土地使用权出让收入安排的支出", "2120802": "土地开发支出",
    ]
    static let economic: [String: String] = [
        "301": "工资福利支出", "30101": "基本工资", "30110": "职工基本医疗保险缴费",
        "302": "商品和服务支出", "30201": "办公费", "30211": "差旅费", "303": "对个人和家庭的补助", "30302": "退休费",
    ]
    static let naming = SubjectNaming(
        functionalName: { functional[$0] }, economicName: { economic[$0] },
        functionalCategories: [("201", "一般公共服务支出"), ("208", "社会保障和就业支出"), ("210", "卫生健康支出"), ("212", "城乡社区支出")])

    /// The same names with the built-in catalogue's 27 类 (what the template lists on tables 1 and 4).
    static func fullNaming() throws -> SubjectNaming {
        let catalogue = try SubjectCatalogue.builtin2021()
        return SubjectNaming(functionalName: { functional[$0] ?? catalogue.functionalName($0) },
                             economicName: { economic[$0] ?? catalogue.economicName($0) },
                             functionalCategories: catalogue.functionalCategories)
    }

    static func yuan(_ y: Int64) -> Money { Money(yuan: y) }

    static var accounts: UnitAccounts {
        var a = UnitAccounts(unit: UnitInfo(code: "001", name: "测试单位", year: 2021, kind: .civilServiceManaged))
        a.income = [
            IncomeFact(functionalCode: "2080101", source: .generalBudgetAppropriation, amount: yuan(50)),
            IncomeFact(functionalCode: "2080199", source: .generalBudgetAppropriation, amount: yuan(50)),
            IncomeFact(functionalCode: "2101101", source: .generalBudgetAppropriation, amount: yuan(12_345)),
            IncomeFact(functionalCode: "2120802", source: .governmentFundAppropriation, amount: yuan(10_000)),
            IncomeFact(functionalCode: "2101101", source: .other, amount: yuan(30)),
        ]
        a.expenditure = [
            ExpenditureFact(functionalCode: "2080101", economicCode: "30101", fund: .generalBudget, nature: .basicPersonnel, amount: yuan(50)),
            ExpenditureFact(functionalCode: "2080199", economicCode: "30201", fund: .generalBudget, nature: .basicPublic, amount: yuan(50)),
            ExpenditureFact(functionalCode: "2101101", economicCode: "30110", fund: .generalBudget, nature: .basicPersonnel, amount: yuan(2_345)),
            ExpenditureFact(functionalCode: "2101101", economicCode: "30211", fund: .generalBudget, nature: .project,
                            project: "体检", amount: yuan(10_000)),
            ExpenditureFact(functionalCode: "2120802", economicCode: "30201", fund: .governmentFund, nature: .project,
                            project: "土地", amount: yuan(8_000)),
            ExpenditureFact(functionalCode: "2101101", economicCode: "30302", fund: .nonFiscal, nature: .basicPersonnel, amount: yuan(30)),
        ]
        a.balances = [BalanceFact(fund: .governmentFund, functionalCode: "2120802", opening: .zero, closing: yuan(2_000))]
        a.threePublic = [ThreePublicFact(fund: .generalBudget, item: .vehicleOperation, budget: yuan(5_000), actual: yuan(4_321))]
        a.performance = [PerformanceEvaluation(project: "体检", department: "某局", implementingUnit: "测试单位",
                                               fiscalFunds: yuan(10_000), otherFunds: .zero, plannedGoal: "完成体检", actualGoal: "已完成",
                                               indicators: [PerformanceIndicator(level1: "产出指标", level2: "数量指标", level3: "体检人数",
                                                                                 planned: "10", actual: "10")])]
        return a
    }
}
