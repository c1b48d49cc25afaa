import Testing
import Accounts
@testable import TableSet

@Suite struct BuildTests {
    let tables: [TableID: StatTable]

    init() throws {
        let list = try TableBuilder(naming: HandBuilt.naming).build(HandBuilt.accounts)
        tables = Dictionary(uniqueKeysWithValues: list.map { ($0.id, $0) })
    }

    func v(_ id: TableID, _ panel: Int = 0, row: String, column: String) -> Int64? {
        let p = tables[id]!.panels[panel]
        return (p.row(named: row) ?? p.row(code: row)).flatMap { r in p.column(column).flatMap { r.values[$0] } }
    }

    @Test func buildsAllFifteenInOrder() {
        #expect(tables.keys.sorted() == TableID.allCases)
    }

    @Test func roundsExactSumsNotRoundedParts() {
        // Two 50 元 项 each show 0.01 万元, but their 款 and 类 show the rounding of 100 元 = 0.01.
        #expect(v(.t06, row: "2080101", column: "合计") == 1)
        #expect(v(.t06, row: "2080199", column: "合计") == 1)
        #expect(v(.t06, row: "20801", column: "合计") == 1)
        #expect(v(.t06, row: "208", column: "合计") == 1)
        // 合计 = 100 + 2345 + 10000 元 = 1.2445 万元 → 1.24
        #expect(v(.t06, row: "合计", column: "合计") == 124)
    }

    @Test func rowsAreTotalThenCodeOrderWithCatalogueNames() {
        let rows = tables[.t03]!.panels[0].rows
        #expect(rows.map { $0.code ?? $0.name } == ["合计", "208", "20801", "2080101", "2080199", "210", "21011", "2101101",
                                                     "212", "21208", "2120802"])
        #expect(rows[2].name == "人力资源和社会保障管理事务")
        #expect(rows.map(\.level).prefix(4) == [.total, .category, .section, .item])
    }

    @Test func fixedTablesListEveryCategory() {
        let t1 = tables[.t01]!.panels[1]
        #expect(t1.rows.filter { $0.level == .category }.map(\.code) == ["201", "208", "210", "212"])
        #expect(v(.t01, 1, row: "201", column: "金额") == 0)
        #expect(v(.t01, row: "总计", column: "金额") == 225)  // 22475 元 income + 0 opening
        #expect(v(.t01, 1, row: "年末结转和结余", column: "金额") == 20)
        #expect(v(.t04, 1, row: "212", column: "政府性基金预算财政拨款") == 80)
    }

    @Test func panelsAndColumns() {
        let t8 = tables[.t08]!
        #expect(t8.panels.map(\.name) == ["人员经费", "公用经费"])
        #expect(v(.t08, 0, row: "人员经费合计", column: "决算数") == 24)   // 50 + 2345 元
        #expect(v(.t08, 1, row: "公用经费合计", column: "决算数") == 1)
        #expect(tables[.t09]!.panels[0].columns == ["合计", "商品和服务支出"])
        #expect(v(.t07, row: "30110", column: "基本支出/人员经费") == 23)
        #expect(v(.t10, row: "合计", column: "决算数/公务用车购置及运行费/小计") == 43)
        #expect(v(.t11, row: "2120802", column: "年末结转和结余") == 20)
    }

    @Test func emptyTablesAreMarked() {
        #expect(TableID.allCases.filter { tables[$0]!.isEmpty } == [.t12, .t13, .t14])
        #expect(TableID.t11.emptySentence(year: 2021) == "本单位2021年度无政府性基金预算财政拨款收入、支出，故本表为空表。")
    }

    @Test func performanceAsTextRows() {
        let p = tables[.t15]!.panels[0]
        #expect(p.rows.first?.texts == ["体检"])
        #expect(p.row(named: "项目资金/财政拨款")?.texts == ["1.00万元"])
        #expect(p.rows.last?.texts == ["产出指标", "数量指标", "体检人数", "10", "10"])
    }

    @Test func yuanTablesShowCents() throws {
        let list = try TableBuilder(naming: HandBuilt.naming, unit: .yuan).build(HandBuilt.accounts)
        let t6 = list.first { $0.id == .t06 }!
        #expect(t6.unit == .yuan)
        #expect(t6.panels[0].row(named: "合计")?.values.first == 1_244_500)
    }

    @Test func everyRelationHolds() throws {
        var checker = RelationChecker(try TableBuilder(naming: HandBuilt.naming).build(HandBuilt.accounts))
        checker.checkAll()
        #expect(checker.failures == [])
    }

    @Test func badCodeIsAChineseError() {
        var a = HandBuilt.accounts
        a.expenditure.append(ExpenditureFact(functionalCode: "20801", economicCode: "30101", fund: .generalBudget,
                                             nature: .basicPersonnel, amount: .zero, origin: SourceLocation(file: "u.yaml", line: 7)))
        #expect(throws: TableSetError.self) { try TableBuilder(naming: HandBuilt.naming).build(a) }
        do { _ = try TableBuilder(naming: HandBuilt.naming).build(a) } catch {
            #expect("\(error)".contains("u.yaml 第7行"))
        }
    }
}
