import Testing
import Foundation
@testable import Accounts

@Suite struct UnitDataFileTests {
    let catalogue: SubjectCatalogue
    init() throws { catalogue = try SubjectCatalogue.builtin2021() }

    static let header = """
        格式: juesuan-unit/1
        单位: {编码: "001", 名称: 测试单位, 年度: 2021, 类型: 行政}

        """

    func problems(_ text: String) -> [UnitDataProblem] {
        do {
            _ = try UnitDataFile.parse(text: text, file: "t.yaml", catalogue: catalogue)
            return []
        } catch {
            return error.problems
        }
    }

    /// Asserts that exactly the expected (line, message fragment) problems are reported, in order.
    func expectProblems(_ text: String, _ expected: [(Int, String)], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let found = problems(text)
        if ProcessInfo.processInfo.environment["SHOW_PROBLEMS"] != nil { print(UnitDataError(problems: found)) }
        #expect(found.count == expected.count, "\(found.map(\.description))", sourceLocation: sourceLocation)
        for (p, (line, fragment)) in zip(found, expected) {
            #expect(p.location.line == line && p.message.contains(fragment), "got \(p.description)", sourceLocation: sourceLocation)
            #expect(p.location.file == "t.yaml", sourceLocation: sourceLocation)
        }
    }

    @Test func minimalFileParses() throws {
        let a = try UnitDataFile.parse(text: Self.header, file: "t.yaml", catalogue: catalogue)
        #expect(a.unit == UnitInfo(code: "001", name: "测试单位", year: 2021, kind: .administrative))
        #expect(a.income.isEmpty && a.expenditure.isEmpty && a.priorYear.isEmpty)
    }

    @Test func manyProblemsAreAllReportedWithTheirLines() {
        let text = """
            格式: juesuan-unit/1
            单位:
              编码: X1
              名称: 测试单位
              年度: 20211
              类型: 参公
              主管部门: 某局
            金额单位: 元
            收入:
              - {功能分类: 2080101, 来源: 一般公共预算财政拨款, 金额: 100.123}
              - {功能分类: 208, 来源: 一般公共预算财政拨款收入, 金额: abc}
              - {功能分类: 2080101, 来源: 不知道, 金额: 1}
            支出:
              - {功能分类: 2080101 行政管理, 经济分类: 30101, 资金: 一般公共预算, 性质: 人员经费, 金额: 1}
              - {功能分类: 2080101, 经济分类: 30101 基本工资, 资金: 一般公共预算, 性质: 人员经费, 金额: 2}
              - {功能分类: 2080101, 经济分类: 39998, 资金: 地方债, 性质: 项目支出, 金额: 1}
              - {功能分类: 2080101, 经济分类: 30101, 资金: 一般公共预算, 性质: 基本, 金额: 1}
              - {功能分类: 9999999, 经济分类: 3010, 资金: 一般公共预算, 性质: 人员经费}
            结转结余:
              - {资金: 一般公共预算, 年出: 5}
            三公经费: 12
            上年数: {收支总额: 5}
            """
        expectProblems(text, [
            (5, "年度“20211”无效"),
            (7, "未知的键“主管部门”，是否应为“主管部门编码”"),
            (10, "“100.123”超过两位小数"),
            (11, "“208”是类级科目"),
            (11, "“abc”不是有效的金额"),
            (12, "未知的收入来源“不知道”"),
            (14, "名称写作“行政管理”，与科目表中的名称“行政运行”不一致"),
            (15, "与第14行的记录相同"),
            (16, "项目支出须注明“项目”"),
            (16, "经济分类编码39998不在科目表中"),
            (16, "未知的资金类别“地方债”"),
            (17, "未知的支出性质“基本”"),
            (18, "缺少必填项“金额”"),
            (18, "功能分类编码9999999不在科目表中"),
            (18, "经济分类“3010”不是5位数字"),
            (20, "未知的键“年出”，是否应为“年初”"),
            (21, "三公经费应为列表"),
            (22, "未知的键“收支总额”，是否应为“收支总计”"),
        ])
    }

    @Test func yamlSyntaxErrorsCarryTheirLine() {
        let found = problems("格式: juesuan-unit/1\n单位:\n  编码: [1, 2\n  名称: x\n")
        #expect(found.count == 1)
        #expect(found.first?.message.contains("YAML语法错误") == true)
        #expect((found.first?.location.line ?? 0) >= 3)
        let tab = problems("格式: juesuan-unit/1\n单位:\n\t编码: 1\n")
        #expect(tab.count == 1 && tab.first?.location.line == 3)
    }

    @Test func versionRule() {
        expectProblems("格式: juesuan-unit/2\n单位: {}\n", [(1, "本程序只能读取版本1")])
        expectProblems("格式: something\n单位: {}\n", [(1, "无法识别的文件格式")])
        expectProblems("格式: juesuan-unit/1\n", [(1, "缺少必填项“单位”")])
        expectProblems("- 1\n", [(1, "文件顶层应为")])
        expectProblems("# nothing\n", [(1, "文件为空")])
    }

    /// An alias reads as the anchored value, and a problem with it is placed at the anchor.
    @Test func aliasesReadTheAnchoredValue() throws {
        let text = "格式: juesuan-unit/1\n年: &y 二〇二一\n单位: {编码: \"001\", 名称: 测试单位, 年度: *y, 类型: 行政}\n"
        expectProblems(text, [(2, "未知的键“年”"), (2, "年度“二〇二一”无效")])
        let fine = "格式: juesuan-unit/1\n单位: {编码: &c \"001\", 名称: *c, 年度: 2021, 类型: 行政}\n"
        #expect(try UnitDataFile.parse(text: fine, file: "t.yaml", catalogue: catalogue).unit.name == "001")
    }

    @Test func undefinedAliasesAndSecondDocumentsAreSyntaxErrors() {
        let undefined = problems("格式: juesuan-unit/1\n单位: *u\n")
        #expect(undefined.map(\.description) == ["t.yaml 第2行第5列：YAML语法错误（found undefined alias）；请检查缩进、冒号后的空格和引号是否成对"])
        let twice = problems(Self.header + "---\n格式: juesuan-unit/1\n")
        #expect(twice.map(\.description) == ["t.yaml 第3行第1列：YAML语法错误（expected a single document in the stream，but found another document）；请检查缩进、冒号后的空格和引号是否成对"])
    }

    @Test func wrongTypesAndMissingFields() {
        expectProblems(Self.header + "收入:\n  - {功能分类: [2080101], 来源: 其他收入}\n  - 5\n", [
            (4, "缺少必填项“金额”"), (4, "功能分类应为一个值"), (5, "收入记录应为“键: 值”形式的映射"),
        ])
        expectProblems(Self.header + "金额单位: 万元\n", [(3, "金额单位只能是“元”")])
        expectProblems(Self.header + "三公数量: {因公出国团组: -1, 公务车: 2}\n", [(3, "应为不小于0的整数"), (3, "未知的键“公务车”")])
    }

    @Test func duplicatesOfEachKind() {
        let text = Self.header + """
            结转结余:
              - {资金: 一般公共预算, 功能分类: 2080101, 年初: 1}
              - {资金: 一般公共预算, 功能分类: 2080101, 年末: 1}
            三公经费:
              - {资金: 一般公共预算, 项目: 公务接待费, 预算数: 1}
              - {资金: 一般公共预算, 项目: 公务接待费, 决算数: 1}
            全年预算:
              - {功能分类: 2080101, 金额: 1}
              - {功能分类: 2080101, 资金: 一般公共预算, 金额: 2}
            国有资产: {车辆: {其他用车: 1, 其他用车: 2}}
            上年数: {收支总计: 1, 收支总计: 2}

            """
        expectProblems(text, [
            (5, "与第4行的记录相同"), (8, "与第7行的记录相同"), (11, "与第10行的记录相同"),
            (12, "车辆用途“其他用车”重复"), (13, "键“收支总计”重复（第13行已有）"),
        ])
    }

    @Test func namesAlongsideCodes() throws {
        let ok = Self.header + "收入:\n  - {功能分类: 2101101 行政单位医疗（项）, 来源: 一般公共预算财政拨款收入, 金额: 1}\n"
        #expect(try UnitDataFile.parse(text: ok, file: "t.yaml", catalogue: catalogue).income.first?.functionalCode == "2101101")
        expectProblems(Self.header + "支出:\n  - {功能分类: 2101101 医疗卫生与计划生育, 经济分类: 30110 基本工资, 资金: 一般公共预算, 性质: 人员经费, 金额: 1}\n", [
            (4, "功能分类编码2101101的名称写作“医疗卫生与计划生育”，与科目表中的名称“行政单位医疗”不一致"),
            (4, "经济分类编码30110的名称写作“基本工资”，与科目表中的名称“职工基本医疗保险缴费”不一致"),
        ])
    }

    @Test func exactAmounts() throws {
        let text = Self.header + """
            收入:
              - {功能分类: 2080101, 来源: 一般公共预算财政拨款收入, 金额: 1234.5}
              - {功能分类: 2080102, 来源: 一般公共预算财政拨款收入, 金额: "1,234.56"}
              - {功能分类: 2080103, 来源: 一般公共预算财政拨款收入, 金额: 0.07}
              - {功能分类: 2080104, 来源: 一般公共预算财政拨款收入, 金额: 999999999999.99}
              - {功能分类: 2080105, 来源: 其他收入, 金额: -3}
            使用非财政拨款结余: 1,000,000.10

            """
        let a = try UnitDataFile.parse(text: text, file: "t.yaml", catalogue: catalogue)
        #expect(a.income.map(\.amount.fen) == [123450, 123456, 7, 99_999_999_999_999, -300])
        #expect(a.nonFiscalBalanceUsed.fen == 100_000_010)
        expectProblems(Self.header + "结余分配: 1e3\n", [(3, "“1e3”不是有效的金额")])
        expectProblems(Self.header + "结余分配: 0.105\n", [(3, "超过两位小数")])
        expectProblems(Self.header + "结余分配: .5\n", [(3, "不是有效的金额")])
        expectProblems(Self.header + "结余分配:\n", [(3, "结余分配为空")])
    }

    @Test func subjectExtensions() throws {
        let text = Self.header + """
            科目扩展:
              功能分类: {2080798: 测试就业补助}
              经济分类: {39998: 测试其他支出}
            支出:
              - {功能分类: 2080798 测试就业补助, 经济分类: 39998, 资金: 一般公共预算, 性质: 项目支出, 项目: 试点, 金额: 10}

            """
        let a = try UnitDataFile.parse(text: text, file: "t.yaml", catalogue: catalogue)
        #expect(a.expenditure.first?.functionalCode == "2080798")
        #expect(a.subjectExtensions == [SubjectExtension(kind: .functional, code: "2080798", name: "测试就业补助"),
                                        SubjectExtension(kind: .economic, code: "39998", name: "测试其他支出")])
        let back = try UnitDataFile.parse(text: UnitDataFile.render(a), file: "r.yaml", catalogue: catalogue)
        #expect(back.strippingOrigins() == a.strippingOrigins())
        expectProblems(Self.header + "科目扩展:\n  功能分类: {2089801: 无上级, 2080101: 改名, 20x: 坏}\n", [
            (4, "上级科目20898"), (4, "已在科目表中"), (4, "功能分类编码“20x”无效"),
        ].map { ($0.0, $0.1) })
    }

    @Test func roundTripOfTheSample() throws {
        let sample = try UnitDataFile.sample(catalogue: catalogue)
        for cat in [Optional(catalogue), nil] {
            let text = UnitDataFile.render(sample, catalogue: cat)
            let back = try UnitDataFile.parse(text: text, file: "rendered.yaml", catalogue: catalogue)
            #expect(back.strippingOrigins() == sample.strippingOrigins())
            #expect(UnitDataFile.render(back, catalogue: cat) == text)
        }
        let text = UnitDataFile.render(sample, catalogue: catalogue)
        #expect(text.contains("- {功能分类: 2080101 行政运行, 经济分类: 30101 基本工资, 资金: 一般公共预算, 性质: 人员经费, 金额: 284300.00}"))
    }

    @Test func renderQuotesWhatYAMLWouldMisread() throws {
        var a = UnitAccounts(unit: UnitInfo(code: "007", name: "a: b #c", year: 2021, kind: .institution, parentName: "true"))
        a.expenditure = [ExpenditureFact(functionalCode: "2080101", economicCode: "30201", fund: .nonFiscal, nature: .project,
                                         project: "项目{1}, \"引号\"\n第二行", amount: Money(fen: -5))]
        a.performance = [PerformanceEvaluation(project: "- x", department: "d", implementingUnit: "u", fiscalFunds: .zero,
                                               otherFunds: Money(fen: 1), plannedGoal: "", actualGoal: "[x]",
                                               indicators: [PerformanceIndicator(level1: "1", level2: "null", level3: "~",
                                                                                 planned: "95%", actual: "1.50")])]
        a.assets.vehicles = [("其他用车", 2)]
        a.priorYear = [.reception: Money(fen: 12)]
        let back = try UnitDataFile.parse(text: UnitDataFile.render(a), file: "q.yaml", catalogue: catalogue)
        #expect(back.strippingOrigins() == a)
    }

    @Test func refusesNonUTF8AndHugeFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("juesuan-accounts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let gbk = dir.appendingPathComponent("gbk.yaml")
        var bytes = Array("格式: juesuan-unit/1\n单位:\n  名称: ".utf8)
        bytes += [0xB2, 0xE2, 0xCA, 0xD4, 0x0A]   // "测试" in GBK
        try Data(bytes).write(to: gbk)
        do {
            _ = try UnitDataFile.load(path: gbk.path, catalogue: catalogue)
            Issue.record("GBK file accepted")
        } catch {
            #expect(error.problems.count == 1 && error.problems[0].location.line == 3)
            #expect(error.problems[0].message.contains("不是UTF-8编码"))
        }
        let huge = dir.appendingPathComponent("huge.yaml")
        #expect(FileManager.default.createFile(atPath: huge.path, contents: nil))
        let handle = try FileHandle(forWritingTo: huge)
        try handle.truncate(atOffset: UInt64(UnitDataFile.maximumSize) + 1)   // sparse: nothing is written
        try handle.close()
        do {
            _ = try UnitDataFile.load(path: huge.path, catalogue: catalogue)
            Issue.record("huge file accepted")
        } catch {
            #expect(error.problems.first?.message.contains("文件过大") == true)
        }
        do {
            _ = try UnitDataFile.load(path: dir.appendingPathComponent("missing.yaml").path, catalogue: catalogue)
            Issue.record("missing file accepted")
        } catch {
            #expect(error.problems.first?.message.contains("无法读取文件") == true)
        }
    }

    @Test func errorDescriptionListsEveryProblem() {
        let found = problems(Self.header + "结余分配: x\n使用非财政拨款结余: y\n")
        let description = UnitDataError(problems: found).description
        #expect(description.contains("2处问题") && description.contains("t.yaml 第3行") && description.contains("t.yaml 第4行"))
    }
}

@Suite struct UnitDataFormatDocTests {
    /// The example in docs/unit-data-format.md must be a valid file.
    @Test func documentedExampleParses() throws {
        let doc = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/unit-data-format.md")
        let text = try String(contentsOf: doc, encoding: .utf8)
        let start = try #require(text.range(of: "```yaml\n"))
        let end = try #require(text.range(of: "```", range: start.upperBound..<text.endIndex))
        let yaml = String(text[start.upperBound..<end.lowerBound])
        let a = try UnitDataFile.parse(text: yaml, file: "doc.yaml", catalogue: try SubjectCatalogue.builtin2021())
        #expect(a.expenditure.count == 3 && a.performance.first?.indicators.count == 1)
        #expect(a.subjectExtensions.count == 1)
        #expect(a.priorYear[.operatingCosts] == Money(yuan: 86700))
    }
}

@Suite struct UnitDataLimitsTests {
    @Test func absurdAmountsAreRefusedNotOverflowed() throws {
        let catalogue = try SubjectCatalogue.builtin2021()
        var text = UnitDataFileTests.header + "支出:\n"
        for i in 0..<200 {
            text += "  - {功能分类: 2080101, 经济分类: 30201, 资金: 一般公共预算, 性质: 项目支出, 项目: p\(i), 金额: 999999999999999.99}\n"
        }
        do {
            _ = try UnitDataFile.parse(text: text, file: "big.yaml", catalogue: catalogue)
            Issue.record("accepted")
        } catch {
            #expect(error.problems.count == 1 && error.problems[0].message.contains("金额过大"))
        }
    }

    @Test func problemListIsCapped() throws {
        let catalogue = try SubjectCatalogue.builtin2021()
        var text = UnitDataFileTests.header + "收入:\n"
        for _ in 0..<1200 { text += "  - {功能分类: 1, 来源: x, 金额: y}\n" }
        do {
            _ = try UnitDataFile.parse(text: text, file: "bad.yaml", catalogue: catalogue)
            Issue.record("accepted")
        } catch {
            #expect(error.problems.count == UnitDataFile.maximumProblems + 1)
            #expect(error.problems.last?.message == "另有2600处问题未列出")
        }
    }
}
