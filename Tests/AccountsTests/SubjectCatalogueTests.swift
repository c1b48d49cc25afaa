import Testing
@testable import Accounts

@Suite struct SubjectCatalogueTests {
    let catalogue: SubjectCatalogue

    init() throws { catalogue = try SubjectCatalogue.builtin2021() }

    @Test func builtinHasThe27CategoriesInOrder() {
        let cats = catalogue.functionalCategories
        #expect(cats.count == 27)
        #expect(cats.first?.code == "201" && cats.first?.name == "一般公共服务支出")
        #expect(cats[7].code == "208" && cats[7].name == "社会保障和就业支出")
        #expect(cats.map(\.code).suffix(4) == ["229", "231", "232", "234"])
        #expect(cats.allSatisfy { $0.name.hasSuffix("支出") })
    }

    @Test func builtinSubjectsHaveTheirParents() {
        for s in catalogue.functionalSubjects where s.code.count > 3 {
            #expect(catalogue.functionalName(String(s.code.prefix(s.code.count - 2))) != nil, "\(s.code) has no parent")
        }
        for s in catalogue.economicSubjects where s.code.count > 3 {
            #expect(catalogue.economicName(String(s.code.prefix(3))) != nil, "\(s.code) has no parent")
        }
    }

    @Test func sampleSubjectsAreKnown() {
        #expect(catalogue.functionalName("2080505") == "机关事业单位基本养老保险缴费支出")
        #expect(catalogue.functionalName("2120802") == "土地开发支出")
        #expect(catalogue.functionalName("2210201") == "住房公积金")
        #expect(catalogue.economicName("30239") == "其他交通费用")
        #expect(catalogue.economicName("30213") == "维修（护）费")
        for code in ["307", "309", "312", "399"] { #expect(catalogue.economicName(code) != nil) }
        #expect(catalogue.functionalName("9999999") == nil)
    }

    @Test func normalisedNames() {
        #expect(SubjectCatalogue.normalizedName("社会保障和就业（类）支出") == "社会保障和就业")
        #expect(SubjectCatalogue.normalizedName("教育支出（类）") == "教育")
        #expect(SubjectCatalogue.normalizedName(" 行政运行(项) ") == "行政运行")
        #expect(SubjectCatalogue.normalizedName("行政事业单位医疗支出（款）") == "行政事业单位医疗")
    }

    @Test func lookupByNameInNarrativeForms() {
        #expect(catalogue.functionalCode(named: "社会保障和就业（类）") == "208")
        #expect(catalogue.functionalCode(named: "卫生健康支出") == "210")
        #expect(catalogue.functionalCode(named: "住房保障") == "221")
        // 行政运行 exists under many 款: ambiguous without a parent.
        #expect(catalogue.functionalCode(named: "行政运行（项）") == nil)
        #expect(catalogue.functionalCode(named: "行政运行（项）", parent: "20801") == "2080101")
        #expect(catalogue.functionalCode(named: "行政运行", parent: "人力资源和社会保障管理事务（款）") == "2080101")
        #expect(catalogue.functionalCode(named: "行政事业单位医疗支出（款）", parent: "210") == "21011")
        #expect(catalogue.functionalCode(named: "公务员医疗补助（项）", parent: "21011") == "2101103")
        #expect(catalogue.functionalCode(named: "其他人力资源和社会保障管理事务支出（项）", parent: "20801") == "2080199")
    }

    @Test func supersededNames() {
        let s = catalogue.supersededName("医疗卫生与计划生育（类）")
        #expect(s?.current == "卫生健康支出" && s?.code == "210")
        #expect(catalogue.supersededName("卫生健康支出") == nil)
        #expect(catalogue.functionalCode(named: "医疗卫生与计划生育（类）") == "210")
    }

    @Test func malformedLinesAreReportedWithFileAndLine() {
        let tsv = "# header\n201\t一般公共服务支出\n20x\t坏编码\n\n205 教育支出\n201\t重复\n"
        #expect {
            _ = try SubjectCatalogue(functionalTSV: tsv, economicTSV: "301\t工资福利支出\n", file: "my.tsv")
        } throws: { error in
            guard let e = error as? CatalogueError else { return false }
            return e.problems.map(\.location.line) == [3, 5, 6] && e.problems.allSatisfy { $0.location.file == "my.tsv" }
                && e.description.contains("第5行")
        }
    }

    @Test func extendedWithAUnitsSubjects() {
        let c = catalogue.extended(with: [SubjectExtension(kind: .functional, code: "2080798", name: "新项"),
                                          SubjectExtension(kind: .economic, code: "39998", name: "新款")])
        #expect(c.functionalName("2080798") == "新项" && c.economicName("39998") == "新款")
        #expect(catalogue.functionalName("2080798") == nil)
    }

    @Test func extendAddsAndReplaces() throws {
        var c = catalogue
        let ext = try SubjectCatalogue(functionalTSV: "2080798\t测试就业补助\n2080101\t行政运行（改）\n",
                                       economicTSV: "39998\t测试其他\n", file: "ext")
        c.extend(with: ext)
        #expect(c.functionalName("2080798") == "测试就业补助")
        #expect(c.functionalName("2080101") == "行政运行（改）")
        #expect(c.economicName("39998") == "测试其他")
        #expect(c.functionalCategories.count == 27)
    }
}
