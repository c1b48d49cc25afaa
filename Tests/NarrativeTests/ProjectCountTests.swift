import Testing
@testable import Narrative

/// 预算绩效管理: "对5个项目编制了绩效目标" counts projects; the subject names what was done to them.
@Suite struct ProjectCountTests {
    static func counts(_ body: String) -> [Claim] {
        ClaimExtractor().claims(in: NarrativeDocument(text: "第二部分 2021年度单位决算情况说明\n十、其他重要事项的情况说明\n（四）预算绩效管理情况\n" + body))
            .filter { $0.kind == .count }
    }

    @Test func projectCountsAreNounPhrases() {
        let c = Self.counts("本单位组织对高校毕业生工作经费项目等5个项目开展了预算事前绩效评估，对5个项目编制了绩效目标，"
                            + "预算执行过程中，选取4个项目开展绩效监控，年终执行完毕后，对3个项目开展了绩效自评。")
        #expect(c.map { "\($0.subject)" } == ["开展预算事前绩效评估的项目", "编制绩效目标的项目", "开展绩效监控的项目", "开展绩效自评的项目"])
        #expect(c.map(\.value) == [5, 5, 4, 3])
    }

    @Test func aBareProjectCountIsProjects() {
        #expect(Self.counts("共涉及5个项目。").map { "\($0.subject)" } == ["项目"])
        #expect(ClaimExtractor.projectCount(Array("个单位开展"), after: 0) == nil)
    }
}
