import Accounts
import Batch
import TableSet
import Testing

/// The consolidation keeps spending by 功能分类 and by 经济分类 apart (not their cross product) and
/// rebuilds facts from those sums; the tables must come out as from the exact cross sums.
@Suite struct ConsolidatedSpendingTests {
    static let info = UnitInfo(code: "900", name: "测试部门", year: 2021, kind: .administrative)

    /// Spending summed by every (功能分类, 经济分类, fund, nature), as the consolidation did before,
    /// with the department's internal flows left out the same way.
    static func exactCrossSums(_ units: [(UnitAccounts, UnitRole)]) -> [ExpenditureFact] {
        struct Key: Hashable { var f: String; var e: String; var fund: Fund; var nature: ExpenditureNature }
        var sums: [Key: Money] = [:]
        for (u, role) in units {
            for x in u.expenditure {
                if role == .subordinate, x.nature == .remittedToSuperior { continue }
                if role == .own, x.nature == .subsidyToSubordinates { continue }
                sums[Key(f: x.functionalCode, e: x.economicCode, fund: x.fund, nature: x.nature), default: .zero] += x.amount
            }
        }
        return sums.filter { !$0.value.isZero }.map {
            ExpenditureFact(functionalCode: $0.key.f, economicCode: $0.key.e, fund: $0.key.fund, nature: $0.key.nature, amount: $0.value)
        }
    }

    @Test func tablesEqualThoseOfTheExactCrossSums() throws {
        let catalogue = try SubjectCatalogue.builtin2021()
        let units = allUnits(try SyntheticDepartment(units: 80, seed: 11, catalogue: catalogue))
        var c = Consolidation()
        for (u, r) in units { c.add(u, role: r) }
        let consolidated = c.result(unit: Self.info, file: "d").accounts
        var reference = consolidated
        reference.expenditure = Self.exactCrossSums(units)

        let builder = TableBuilder(catalogue: catalogue)
        #expect(try builder.build(consolidated) == builder.build(reference))
        // Fewer facts than combinations, all positive (the synthetic amounts are), same total.
        #expect(consolidated.expenditure.count < reference.expenditure.count)
        #expect(consolidated.expenditure.allSatisfy { $0.amount > .zero })
        #expect(consolidated.expenditure.map(\.amount).sum() == reference.expenditure.map(\.amount).sum())
    }

    /// Sums of `facts` by a key; zero sums dropped.
    static func sums<K: Hashable>(_ facts: [ExpenditureFact], _ key: (ExpenditureFact) -> K) -> [K: Int64] {
        var out: [K: Int64] = [:]
        for f in facts { out[key(f), default: 0] += f.amount.fen }
        return out.filter { $0.value != 0 }
    }

    static func fact(_ f: String, _ e: String, _ fund: Fund, _ nature: ExpenditureNature, _ fen: Int64) -> ExpenditureFact {
        ExpenditureFact(functionalCode: f, economicCode: e, fund: fund, nature: nature, amount: Money(fen: fen))
    }

    @Test func negativeAmountsKeepEverySumExact() {
        var a = UnitAccounts(unit: Self.info), b = UnitAccounts(unit: Self.info)
        a.expenditure = [Self.fact("2080101", "30101", .generalBudget, .basicPersonnel, 500),
                         Self.fact("2080102", "30201", .generalBudget, .basicPersonnel, -200),
                         Self.fact("2080101", "30201", .generalBudget, .project, 70),
                         Self.fact("2080105", "31002", .generalBudget, .project, -30)]
        b.expenditure = [Self.fact("2080105", "30101", .generalBudget, .basicPersonnel, 300),
                         Self.fact("2080101", "30202", .generalBudget, .project, 5),
                         Self.fact("2080102", "30201", .nonFiscal, .operating, -9),
                         Self.fact("2080102", "30299", .nonFiscal, .operating, 9)]
        var c = Consolidation()
        c.add(a, role: .subordinate)
        c.add(b, role: .subordinate)
        let got = c.result(unit: Self.info, file: "d").accounts.expenditure
        let want = a.expenditure + b.expenditure
        struct FN: Hashable { var code: String; var fund: Fund; var nature: ExpenditureNature }
        struct Project: Hashable { var functional: String; var economicClass: String }
        #expect(Self.sums(got) { FN(code: $0.functionalCode, fund: $0.fund, nature: $0.nature) }
                == Self.sums(want) { FN(code: $0.functionalCode, fund: $0.fund, nature: $0.nature) })
        #expect(Self.sums(got) { FN(code: $0.economicCode, fund: $0.fund, nature: $0.nature) }
                == Self.sums(want) { FN(code: $0.economicCode, fund: $0.fund, nature: $0.nature) })
        let projects = { (f: ExpenditureFact) in f.fund == .generalBudget && f.nature == .project }
        #expect(Self.sums(got.filter(projects)) { Project(functional: $0.functionalCode, economicClass: String($0.economicCode.prefix(3))) }
                == Self.sums(want.filter(projects)) { Project(functional: $0.functionalCode, economicClass: String($0.economicCode.prefix(3))) })
        // The 经营支出 of 2080102 nets to zero by 功能分类 but not by 经济分类: both 经济分类 rows stay.
        #expect(Set(got.filter { $0.nature == .operating }.map(\.economicCode)) == ["30201", "30299"])
    }
}
