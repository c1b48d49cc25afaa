import Foundation
import Testing
import Accounts
import TableSet
@testable import Narrative
@testable import Reconcile

@Suite struct FindingMergeTests {
    static func at(_ rule: String, _ severity: Severity, paragraph: Int = 9, figure: String? = "12.34万元",
                   message: String = "消息") -> Finding {
        Finding(rule: rule, severity: severity,
                location: .narrative(section: "附件", paragraph: paragraph, sentence: "句子", figure: figure),
                message: message, expected: rule.hasPrefix("C.") ? "12.35万元" : nil, found: "12.34万元")
    }

    @Test func sameFigureSameKindIsOneFindingKeepingTheMoreInformative() {
        let merged = FindingMerge.merge([
            Self.at("N.duplicate", .error, message: "前后不一致"),
            Self.at("C.金额", .error, message: "与表1不符"),
        ])
        #expect(merged.count == 1)
        #expect(merged.first?.rule == "C.金额" && merged.first?.expected == "12.35万元")
        #expect(merged.first?.message == "与表1不符（另见 N.duplicate：前后不一致）")
    }

    @Test func anExplanationOfEitherFindingIsKept() {
        var explained = Self.at("N.duplicate", .error)
        explained.explanation = "附件为笔误"
        let merged = FindingMerge.merge([explained, Self.at("C.金额", .error)])
        #expect(merged.count == 1 && merged.first?.rule == "C.金额" && merged.first?.explanation == "附件为笔误")
    }

    @Test func theMoreSevereFindingWinsWhicheverComesFirst() {
        let merged = FindingMerge.merge([Self.at("C.占比", .hint), Self.at("N.share", .error, message: "算错")])
        #expect(merged.count == 1 && merged.first?.rule == "N.share" && merged.first?.severity == .error)
        #expect(merged.first?.expected == "12.35万元")
    }

    @Test func differentFiguresKindsOrPlacesStayApart() {
        let findings = [
            Self.at("N.duplicate", .error),
            Self.at("C.金额", .error, figure: "5.00万元"),       // another figure
            Self.at("C.占比", .hint),                            // another kind
            Self.at("C.金额", .error, paragraph: 10),            // another paragraph
            Self.at("N.sum.items", .hint),                       // a rule about several figures: never merged
            Self.at("N.template", .error, figure: nil),
        ]
        #expect(FindingMerge.merge(findings) == findings)
    }

    /// The sample: 附件's 1702.32 (N.duplicate and C.金额) and the 0.44% share (N.share.truncated and C.占比)
    /// are one finding each once both checkers ran.
    @Test func sampleDefectsAreCountedOnce() throws {
        let naming = CatalogueSubjectNaming(try SubjectCatalogue.builtin2021())
        let doc = try NarrativeDocument.load(path: SampleNarrative.docx)
        let claims = ClaimExtractor(naming: naming).claims(in: doc)
        let read = try TableLocator.read(workbook: SampleExport.workbook())
        let narrative = NarrativeChecker(naming: naming).check(doc, claims: claims)
        let bound = ClaimChecker(tables: read.tables, sources: read.sources, accounts: try SampleExport.accounts()).check(claims)
        let all = narrative + bound.findings
        func on(_ figure: String, _ findings: [Finding]) -> [Finding] {
            findings.filter { if case let .narrative(_, _, _, f) = $0.location { return f == figure }; return false }
        }
        #expect(on("1702.32万元", all).count == 2 && on("0.44%", all).count == 2)
        let merged = FindingMerge.merge(all)
        let restated = on("1702.32万元", merged)
        #expect(restated.count == 1 && restated.first?.rule == "C.金额" && restated.first?.message.contains("N.duplicate") == true)
        let share = on("0.44%", merged)
        #expect(share.count == 1 && share.first?.rule == "C.占比" && share.first?.severity == .hint)
        #expect(merged.filter { $0.severity == .error }.count == all.filter { $0.severity == .error }.count - 1)
    }
}
