import Testing
import Foundation
import Accounts
@testable import Narrative
@testable import Reconcile

enum NarrativeCorpus {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("NarrativeTests/Corpus")
    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
    static let sample = "sample-xiqu-jiuye-2021.txt"
}

/// A corpus excerpt and the findings it must raise ("rule:错误" / "rule:提示"), nothing more.
struct CorpusCase: CustomTestStringConvertible, Sendable {
    var file: String
    var expected: [String]
    var testDescription: String { file }
}

let corpusCases: [CorpusCase] = [
    .init(file: "01-income-clean.txt", expected: []),
    .init(file: "02-income-sum-error.txt", expected: ["N.sum.income:错误"]),
    .init(file: "03-income-sum-rounding.txt", expected: ["N.sum.income:提示"]),
    .init(file: "04-share-error.txt", expected: ["N.share:错误"]),
    .init(file: "05-share-swapped.txt", expected: ["N.share.complement:错误", "N.share.complement:错误"]),
    .init(file: "06-share-truncated.txt", expected: ["N.share.truncated:提示"]),
    .init(file: "07-share-percent-missing.txt", expected: ["N.share.percentMissing:错误"]),
    .init(file: "08-change-clean.txt", expected: []),
    .init(file: "09-change-percent-error.txt", expected: ["N.change.percent:错误"]),
    .init(file: "10-change-direction.txt", expected: ["N.change.direction:错误"]),
    .init(file: "11-change-zero-base.txt", expected: ["N.change.zeroBase:错误"]),
    .init(file: "12-completion-zero-budget.txt", expected: ["N.completion.zeroBudget:提示"]),
    .init(file: "13-completion-contradiction.txt", expected: ["N.completion.contradiction:错误"]),
    .init(file: "14-completion-zero-actual.txt", expected: ["N.completion.zeroActual:错误"]),
    .init(file: "15-two-totals.txt", expected: ["N.total.twoNumbers:错误"]),
    .init(file: "16-duplicate.txt", expected: ["N.duplicate:错误"]),
    .init(file: "17-year-heading.txt", expected: ["N.year.heading:错误"]),
    .init(file: "18-year-prior.txt", expected: ["N.year.prior:错误"]),
    .init(file: "19-template-alternative.txt", expected: ["N.template:错误"]),
    .init(file: "20-template-placeholder.txt", expected: ["N.template:错误"]),
    .init(file: "21-template-empty-names.txt", expected: ["N.template:错误", "N.unrecognized:提示", "N.unrecognized:提示"]),
    .init(file: "22-superseded-name.txt", expected: ["N.name.superseded:错误"]),
    .init(file: "23-yuan-for-wanyuan.txt", expected: ["N.unit.yuan:错误"]),
    .init(file: "24-normalise-fullwidth.txt", expected: []),
    .init(file: "25-normalise-thousands.txt", expected: []),
    .init(file: "26-normalise-traditional.txt", expected: []),
    .init(file: "27-normalise-spaces.txt", expected: []),
    .init(file: "28-personnel-sum-error.txt", expected: ["N.sum.personnel:错误"]),
    .init(file: "29-basic-sum-error.txt", expected: ["N.sum.basic:错误"]),
    .init(file: "30-three-public-clean.txt", expected: []),
    .init(file: "31-classes-sum-error.txt", expected: ["N.sum.classes:错误"]),
    .init(file: "32-items-sum-rounding.txt", expected: ["N.sum.items:提示"]),
    .init(file: "33-change-sign.txt", expected: ["N.change.sign:错误"]),
    .init(file: "34-government-fund-sum.txt", expected: ["N.sum.governmentFund:错误"]),
    .init(file: "35-procurement.txt", expected: ["N.relation.procurement:错误", "N.sum.procurement:错误"]),
    .init(file: "36-glossary-no-claims.txt", expected: []),
    .init(file: "37-gb18030-income-clean.txt", expected: []),
    .init(file: "38-bom-change-clean.txt", expected: []),
    .init(file: "40-two-totals-one-sentence.txt", expected: ["N.total.twoNumbers:错误"]),
    .init(file: "41-general-budget-above-total.txt", expected: ["N.relation.generalBudget:错误"]),
    .init(file: "42-office-running-differs.txt", expected: ["N.relation.officeRunning:提示"]),
    .init(file: "43-unrecognized-percent.txt", expected: ["N.unrecognized:提示"]),
    .init(file: "44-completion-zero-rate.txt", expected: ["N.completion.zeroRate:错误"]),
    .init(file: "45-attachment-completion-shortfall.txt", expected: ["N.completion.rate:错误"]),
    .init(file: "46-title-year.txt", expected: ["N.year.heading:错误"]),
    .init(file: "47-change-amount-sign.txt", expected: ["N.change.sign:错误"]),
    .init(file: "48-fiscal-total-above.txt", expected: ["N.relation.fiscalTotal:错误"]),
    .init(file: "49-expenditure-sum-error.txt", expected: ["N.sum.expenditure:错误"]),
    .init(file: "50-three-public-sum-error.txt", expected: ["N.sum.threePublic:错误"]),
    .init(file: "51-share-zero-base.txt", expected: ["N.share.zeroBase:错误"]),
    .init(file: "52-year-sentence.txt", expected: ["N.year.sentence:提示"]),
]

@Suite struct NarrativeChecksCorpusTests {
    @Test(arguments: corpusCases)
    func corpusCase(_ c: CorpusCase) throws {
        let result = try checkNarrative(path: NarrativeCorpus.path(c.file), catalogue: nil)
        let found = result.findings.map { "\($0.rule):\($0.severity.label)" }.sorted()
        #expect(found == c.expected.sorted(), "\(c.file): \(result.findings.map(\.message))")
        // Every excerpt but the glossary says something about the accounts.
        if c.file.hasPrefix("36-") { #expect(result.claims.isEmpty) } else { #expect(!result.claims.isEmpty) }
        for f in result.findings {
            guard case let .narrative(_, paragraph, sentence, _) = f.location else {
                Issue.record("finding without a narrative location: \(f.rule)"); continue
            }
            #expect(paragraph >= 1)
            #expect(!sentence.isEmpty)
            #expect(!f.message.isEmpty)
        }
    }

    @Test func findingsQuoteTheFigureAsWritten() throws {
        let r = try checkNarrative(path: NarrativeCorpus.path("04-share-error.txt"), catalogue: nil)
        let f = try #require(r.findings.first)
        guard case let .narrative(_, paragraph, sentence, figure) = f.location else { Issue.record("location"); return }
        #expect(paragraph == 3)
        #expect(figure == "8.59%")
        #expect(sentence.contains("占8.59%"))
        #expect(f.expected == "7.59%")
    }

    @Test func withTheBuiltInCatalogueTheSupersededNameIsStillFound() throws {
        let catalogue = try SubjectCatalogue.builtin2021()
        let r = try checkNarrative(path: NarrativeCorpus.path("22-superseded-name.txt"), catalogue: catalogue)
        let f = try #require(r.findings.first { $0.rule == "N.name.superseded" })
        #expect(f.expected == "卫生健康支出")
        let item = try #require(r.claims.first { $0.kind == .amount })
        #expect(item.subject == .generalBudgetItem(class: "卫生健康支出", kuan: "行政事业单位医疗", xiang: "公务员医疗补助"))
    }

    @Test func binaryFileIsRefusedWithTheFileNamed() {
        let path = NarrativeCorpus.path("39-binary.txt")
        #expect {
            _ = try checkNarrative(path: path, catalogue: nil)
        } throws: { error in
            "\(error)".contains("39-binary.txt") && "\(error)".contains("不是文本文件")
        }
    }
}

/// The real sample narrative: its genuine inconsistencies, and nothing else.
@Suite struct NarrativeChecksSampleTests {
    static func findings() throws -> [Finding] {
        try checkNarrative(path: NarrativeCorpus.path(NarrativeCorpus.sample), catalogue: try SubjectCatalogue.builtin2021()).findings
    }

    static func paragraph(_ f: Finding) -> Int {
        if case let .narrative(_, p, _, _) = f.location { return p }
        return 0
    }

    @Test func sampleFindings() throws {
        let found = try Self.findings().map { "\($0.rule):\($0.severity.label):\(Self.paragraph($0))" }.sorted()
        let expected = [
            "N.sum.income:提示:51",              // 1697.41 + 4.92 + 0.01 = 1702.34 vs 1702.33
            "N.sum.items:提示:68",               // 208's 项 sum 1680.67 vs 1680.66
            "N.sum.attachmentProjects:提示:55",  // 附件 执行数 sum 1575.47 vs 项目支出 1575.46
            "N.share.truncated:提示:68",         // 7.58 / 1699.94 = 0.446% written 0.44%
            "N.completion.zeroBudget:提示:87",   // 三公 0, 完成预算0%, 决算数与预算数持平
            "N.completion.zeroBudget:提示:91",
            "N.completion.zeroBudget:提示:92",
            "N.completion.zeroBudget:提示:95",
            "N.duplicate:错误:159",              // 本年收入 1702.33 vs 附件 1702.32
            "N.name.superseded:错误:79",         // 医疗卫生与计划生育（类）
        ].sorted()
        #expect(found == expected)
    }

    @Test func supersededNameNamesTheCurrentOne() throws {
        let f = try #require(try Self.findings().first { $0.rule == "N.name.superseded" })
        #expect(f.message.contains("医疗卫生与计划生育"))
        #expect(f.expected == "卫生健康支出")
    }

    @Test func correctSentencesRaiseNothing() throws {
        // 一 (totals and change), 三 (expenditure shares), 四, 五(一), 六 (sums), 八, 十(一): all consistent.
        let quiet: Set<Int> = [47, 59, 64, 72, 82, 83, 84, 99, 101, 104, 106, 108]
        #expect(try Self.findings().allSatisfy { !quiet.contains(Self.paragraph($0)) })
    }
}

@Test func docxSampleRaisesTheSameFindingsAsItsText() throws {
    let catalogue = try SubjectCatalogue.builtin2021()
    let fromDocx = try checkNarrative(path: NarrativeCorpus.path("sample-xiqu-jiuye-2021.docx"), catalogue: catalogue)
    let fromText = try checkNarrative(path: NarrativeCorpus.path(NarrativeCorpus.sample), catalogue: catalogue)
    #expect(fromDocx.findings.map(\.rule).sorted() == fromText.findings.map(\.rule).sorted())
    #expect(fromDocx.findings.count == 10)
}

@Suite struct NarrativeRuleListTests {
    @Test func everyRaisedRuleIsListed() throws {
        let listed = Set(NarrativeChecker.rules.map(\.id))
        #expect(listed.count == NarrativeChecker.rules.count)
        var raised = Set<String>()
        for c in corpusCases { raised.formUnion(c.expected.map { String($0.split(separator: ":")[0]) }) }
        raised.formUnion(try NarrativeChecksSampleTests.findings().map(\.rule))
        #expect(raised.subtracting(listed).isEmpty, "not listed: \(raised.subtracting(listed))")
    }

    @Test func rulesDocumentListsEveryRule() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOfFile: root.appendingPathComponent("docs/narrative-rules.md").path, encoding: .utf8)
        #expect(text.contains(NarrativeChecker.rulesTable), "docs/narrative-rules.md should list:\n\(NarrativeChecker.rulesTable)")
    }
}

/// Odd input must give values, never a crash.
@Suite struct NarrativeOddInputTests {
    static let head = "第二部分 2021年度单位决算情况说明\n二、收入决算情况说明\n"

    @Test(arguments: [
        "", "万元", "占", "占%", "-", "1.", "。。。", "（或", "（类）（款）（项）", "2021年", "与2020", "占99.71",
        String(repeating: "9", count: 400) + "万元", "本年收入合计" + String(repeating: "1", count: 60) + ".5万元，其中：其他收入0万元，占0%。",
        "本年收入合计0万元，其中：其他收入0万元，占0%；上级补助收入0万元，占0%。",
        "收、支总计各减少0万元，下降0%。", "收、支总计0万元，比上年增加0万元，增长0%。",
        String(repeating: "比2020年", count: 2000), String(repeating: "，", count: 5000) + "1万元",
    ])
    func oddTextGivesValues(_ body: String) {
        let doc = NarrativeDocument(text: Self.head + body)
        let claims = ClaimExtractor().claims(in: doc)
        let findings = NarrativeChecker().check(doc, claims: claims)
        #expect(claims.count < 10_000)
        #expect(findings.allSatisfy { !$0.message.isEmpty && $0.rule.hasPrefix("N.") })
    }

    @Test func zeroPriorYearIsReportedNotDividedBy() {
        let doc = NarrativeDocument(text: Self.head + "收、支总计0万元，比上年增加0万元，增长0%。")
        let findings = NarrativeChecker().check(doc, claims: ClaimExtractor().claims(in: doc))
        #expect(findings.map(\.rule) == ["N.change.zeroBase"])
    }
}
