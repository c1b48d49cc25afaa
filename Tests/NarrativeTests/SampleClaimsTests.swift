import Testing
import Foundation
@testable import Narrative

/// Expected claims of the sample's sections 一 to 十, written from the text by hand.
enum Expect {
    case amount(ClaimSubject, String)
    case share(ClaimSubject, of: ClaimSubject, String)
    case changeAmount(ClaimSubject, ChangeDirection, String)
    case changePercent(ClaimSubject, ChangeDirection, String)
    case completion(ClaimSubject, String)
    case comparison(ClaimSubject, Comparison)
    case count(String, String)

    func matches(_ c: Claim) -> Bool {
        switch self {
        case let .amount(s, v): return c.kind == .amount && c.subject == s && c.value == Decimal(string: v)
        case let .share(s, of, v): return c.kind == .share(of: of) && c.subject == s && c.value == Decimal(string: v)
        case let .changeAmount(s, d, v): return c.kind == .changeAmount(direction: d) && c.subject == s && c.value == Decimal(string: v)
        case let .changePercent(s, d, v): return c.kind == .changePercent(direction: d) && c.subject == s && c.value == Decimal(string: v)
        case let .completion(s, v): return c.kind == .completionRate && c.subject == s && c.value == Decimal(string: v)
        case let .comparison(s, x): return c.kind == .comparison(x) && c.subject == s
        case let .count(name, v): return c.kind == .count && c.subject == .counted(name) && c.value == Decimal(string: v)
        }
    }
}

@Suite struct SampleClaimsTests {
    static let claims: [Claim] = {
        guard let doc = try? Corpus.sample() else { return [] }
        return ClaimExtractor().claims(in: doc)
    }()

    static func listed(_ items: [(String, String)], _ make: (String) -> ClaimSubject) -> [Expect] {
        items.map { .amount(make($0.0), $0.1) }
    }

    static func withShares(_ items: [(ClaimSubject, String, String)], of total: ClaimSubject) -> [Expect] {
        items.flatMap { [Expect.amount($0.0, $0.1), .share($0.0, of: total, $0.2)] }
    }

    static var expected: [Expect] {
        var e: [Expect] = []
        // 一
        e += [.amount(.grandTotal, "1704.87"), .changeAmount(.grandTotal, .decrease, "39.72"),
              .changePercent(.grandTotal, .decrease, "2.28")]
        // 二
        e.append(.amount(.totalIncome, "1702.33"))
        e += withShares([(.incomeSource(.generalBudget), "1697.41", "99.71"), (.incomeSource(.governmentFund), "4.92", "0.29"),
                         (.incomeSource(.stateCapital), "0", "0"), (.incomeSource(.higherLevelSubsidy), "0", "0"),
                         (.incomeSource(.operating), "0", "0"), (.incomeSource(.business), "0", "0"),
                         (.incomeSource(.subordinateRemittance), "0", "0"), (.incomeSource(.other), "0.01", "0")],
                        of: .totalIncome)
        // 三
        e.append(.amount(.totalExpenditure, "1704.86"))
        e += withShares([(.expenditure(.basic), "129.4", "7.59"), (.expenditure(.project), "1575.46", "92.41"),
                         (.expenditure(.remittedToHigherLevel), "0", "0"), (.expenditure(.business), "0", "0"),
                         (.expenditure(.subsidyToSubordinates), "0", "0")], of: .totalExpenditure)
        // 四
        e += [.amount(.fiscalGrandTotal, "1704.86"), .changeAmount(.fiscalGrandTotal, .decrease, "39.73"),
              .changePercent(.fiscalGrandTotal, .decrease, "2.28")]
        // 五 (一) (二) (三)
        e += [.amount(.generalBudgetExpenditure, "1699.94"), .share(.generalBudgetExpenditure, of: .totalExpenditure, "99.71"),
              .changeAmount(.generalBudgetExpenditure, .increase, "146.7"), .changePercent(.generalBudgetExpenditure, .increase, "9.44")]
        e += withShares([(.generalBudgetClass("一般公共服务支出"), "0", "0"), (.generalBudgetClass("教育支出"), "0", "0"),
                         (.generalBudgetClass("科学技术支出"), "0", "0"), (.generalBudgetClass("文化旅游体育与传媒支出"), "0", "0"),
                         (.generalBudgetClass("社会保障和就业支出"), "1680.66", "98.87"),
                         (.generalBudgetClass("卫生健康支出"), "7.58", "0.44"), (.generalBudgetClass("住房保障支出"), "11.7", "0.69")],
                        of: .generalBudgetExpenditure)
        e.append(.completion(.generalBudgetExpenditure, "100"))
        let items: [(String, String, String, String)] = [
            ("社会保障和就业支出", "人力资源和社会保障管理事务", "行政运行", "97.52"),
            ("社会保障和就业支出", "人力资源和社会保障管理事务", "其他人力资源和社会保障管理事务支出", "2.54"),
            ("社会保障和就业支出", "行政事业单位养老支出", "行政单位离退休", "3.27"),
            ("社会保障和就业支出", "行政事业单位养老支出", "机关事业单位基本养老保险缴费支出", "9.33"),
            ("社会保障和就业支出", "就业补助", "其他就业补助支出", "1568.01"),
            ("卫生健康支出", "行政事业单位医疗", "行政单位医疗", "6.62"),
            ("卫生健康支出", "行政事业单位医疗", "公务员医疗补助", "0.96"),   // written 医疗卫生与计划生育（类）
            ("住房保障支出", "住房改革支出", "住房公积金", "11.7"),
        ]
        for (c, k, x, v) in items {
            let s = ClaimSubject.generalBudgetItem(class: c, kuan: k, xiang: x)
            e += [.amount(s, v), .completion(s, "100")]
        }
        // 六
        e += [.amount(.generalBudgetBasic, "129.4"), .amount(.personnel, "118.95"), .amount(.publicFunds, "10.45")]
        e += listed([("基本工资", "28.43"), ("津贴补贴", "54.7"), ("奖金", "2.43"), ("伙食补助费", "0"), ("绩效工资", "0"),
                     ("机关事业单位基本养老保险缴费", "9.33"), ("职业年金缴费", "0"), ("职工基本医疗保险缴费", "6.62"),
                     ("公务员医疗补助缴费", "0.96"), ("其他社会保障缴费", "0"), ("其他工资福利支出", "1.49"), ("退休费", "0"),
                     ("抚恤金", "0"), ("生活补助", "3.27"), ("医疗费补助", "0"), ("奖励金", "0"), ("住房公积金", "11.7"),
                     ("其他对个人和家庭的补助支出", "0.02")], ClaimSubject.personnelItem)
        e += listed([("办公费", "0.17"), ("印刷费", "0"), ("咨询费", "0"), ("手续费", "0.04"), ("水费", "0"), ("电费", "0"),
                     ("邮电费", "0.68"), ("取暖费", "0"), ("物业管理费", "0"), ("差旅费", "1.13"), ("因公出国（境）费用", "0"),
                     ("维修（护）费", "0.03"), ("租赁费", "0"), ("会议费", "0"), ("培训费", "0"), ("公务接待费", "0"),
                     ("劳务费", "0.81"), ("委托业务费", "0"), ("工会经费", "1.1"), ("福利费", "0.25"), ("公务用车运行维护费", "0"),
                     ("其他交通费", "6"), ("税金及附加费用", "0"), ("其他商品和服务支出", "0.24"), ("办公设备购置", "0"),
                     ("专用设备购置", "0"), ("信息网络及软件购置更新", "0"), ("其他资本性支出", "0")], ClaimSubject.publicFundsItem)
        // 七: all zero
        e += [.amount(.threePublicTotal, "0"), .completion(.threePublicTotal, "0"), .comparison(.threePublicTotal, .budgetEqual)]
        e += withShares([(.threePublic(.abroad), "0", "0"), (.threePublic(.vehicles), "0", "0"), (.threePublic(.reception), "0", "0")],
                        of: .threePublicTotal)
        for item in [ThreePublicItem.abroad, .vehicles, .reception] {
            e += [.completion(.threePublic(item), "0"), .comparison(.threePublic(item), .priorYearEqual)]
        }
        e += [.amount(.threePublic(.vehiclePurchase), "0"), .amount(.threePublic(.vehicleOperation), "0"),
              .amount(.threePublic(.domesticReception), "0"), .amount(.threePublic(.foreignReception), "0"),
              .count("全年安排因公出国（境）团组", "0"), .count("出国（境）", "0"), .count("轿车", "0"), .count("越野车", "0"),
              .count("载客汽车", "0"), .count("国内公务接待", "0"), .count("外事接待", "0")]
        // 八, 九
        e += [.amount(.governmentFundExpenditure, "4.92"), .amount(.governmentFundProject("高校毕业生创业工作经费"), "4"),
              .amount(.governmentFundProject("专项档案经费"), "0.5"),
              .amount(.governmentFundProject("今冬明春农民工服务保障五大专项行动工作经费"), "0.42"),
              .amount(.stateCapitalExpenditure, "0")]
        // 十
        e += [.amount(.officeRunningCosts, "10.45"), .changeAmount(.officeRunningCosts, .increase, "1.78"),
              .changePercent(.officeRunningCosts, .increase, "20.53")]
        e += [.amount(.procurement(.total), "0"), .amount(.procurement(.goods), "0"), .amount(.procurement(.works), "0"),
              .amount(.procurement(.services), "0"), .amount(.procurement(.smallAndMedium), "0"),
              .share(.procurement(.smallAndMedium), of: .procurement(.total), "0"), .amount(.procurement(.smallAndMicro), "0"),
              .share(.procurement(.smallAndMicro), of: .procurement(.total), "0")]
        e += [.count("我单位共有车辆", "0"), .count("主要领导干部用车", "0"), .count("机要通信用车", "0"),
              .count("应急保障用车", "0"), .count("其他用车", "0"), .count("单价50万元以上通用设备", "0"),
              .count("单价100万元以上专用设备", "0")]
        return e
    }

    @Test func everyHandWrittenClaimIsFound() {
        let statements = Self.claims.filter { $0.location.section.isAccountsSection }
        for e in Self.expected {
            #expect(statements.contains { e.matches($0) }, "missing: \(e)")
        }
        #expect(Self.expected.count >= 150)
        #expect(statements.count >= 150)
    }

    @Test func noClaimIsUnexplainedOrFromTheGlossaryOrOverview() {
        #expect(!Self.claims.contains { $0.location.section == .glossary })
        #expect(!Self.claims.contains { $0.location.section == .unitOverview })
        #expect(!Self.claims.contains { if case .unrecognized = $0.subject { return true }; return false })
        // Only the 附件's project budget sentences and restatements come from the attachment.
        for c in Self.claims where c.location.section == .attachment {
            switch c.subject {
            case .projectBudget, .projectExecution: break
            default: #expect(c.qualifiers.isRestatement)
            }
        }
    }

    @Test func attachmentProjectBudgets() {
        let budgets = Self.claims.compactMap { c -> String? in
            if case let .projectBudget(name) = c.subject { return "\(name)=\(c.value)" }
            return nil
        }
        #expect(budgets == ["高校毕业生工作经费=4", "今冬明春农民工服务保障五件实事工作经费=0.42", "专项档案整理工作经费=0.5",
                            "上级就业创业补助资金=1568.01", "省级财政人社公共服务能力建设资金=2.54"])
        #expect(Self.claims.filter { if case .projectExecution = $0.subject, $0.kind == .completionRate { return true }; return false }.count == 5)
    }

    @Test func eightItemsCompleteTheirBudget() {
        let rates = Self.claims.filter {
            if case .generalBudgetItem = $0.subject, $0.kind == .completionRate { return $0.value == 100 }
            return false
        }
        #expect(rates.count == 8)
    }

    @Test func locationQuotesTheOriginalFigure() throws {
        let share = try #require(Self.claims.first { $0.subject == .generalBudgetExpenditure && $0.kind == .share(of: .totalExpenditure) })
        #expect(share.location.paragraph == 64)
        #expect(share.location.section == .generalBudgetOverall)
        #expect(share.location.figureText == "99.71%")
        let sentence = Array(share.location.sentence)
        #expect(String(sentence[share.location.figureRange]) == "99.71%")
        #expect(share.location.sentence.hasPrefix("2021年一般公共预算财政拨款支出1699.94万元"))
        #expect(share.decimals == 2)
        let basic = try #require(Self.claims.first { $0.subject == .expenditure(.basic) })
        #expect(basic.decimals == 1)
        #expect(basic.unit == .wanYuan)
    }

    @Test func sectionsFoundByHeadingWords() throws {
        let doc = try Corpus.sample()
        let headings = doc.paragraphs.filter(\.isHeading).map(\.section)
        let expectedOrder: [NarrativeSection] = [.unitOverview, .accountsIntro, .overall, .income, .expenditure, .fiscalOverall,
            .generalBudget, .generalBudgetOverall, .generalBudgetStructure, .generalBudgetDetail, .generalBudgetBasic,
            .threePublic, .governmentFund, .stateCapital, .otherMatters, .officeRunningCosts, .procurement, .stateAssets,
            .performance, .glossary, .attachment]
        #expect(Array(headings.prefix(expectedOrder.count)) == expectedOrder)
        // Bookmark artefacts are gone.
        #expect(!doc.paragraphs.contains { $0.text.contains("[bookmark") })
        #expect(doc.paragraphs[45].text == "一、收入支出决算总体情况说明")
    }
}
