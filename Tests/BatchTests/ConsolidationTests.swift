import Accounts
import Batch
import Reconcile
import Testing

@Suite struct ConsolidationTests {
    static func unit(_ code: String, kind: UnitKind = .institution) -> UnitAccounts {
        UnitAccounts(unit: UnitInfo(code: code, name: "单位\(code)", year: 2021, kind: kind, parentCode: "900"))
    }

    /// 本级: 1000.01 一般公共预算 income, spends 700.00 on basics and 300.01 as 对附属单位补助 (non-fiscal,
    /// funded by 200.00 of 附属单位上缴收入 and 100.01 其他收入). Subordinate: receives the 300.01 as
    /// 上级补助收入, remits 200.00, spends the rest.
    static func department(subsidyReceived: Money = Money(fen: 30_001)) -> (own: UnitAccounts, sub: UnitAccounts) {
        var own = unit("900001", kind: .administrative)
        own.income = [IncomeFact(functionalCode: "2080101", source: .generalBudgetAppropriation, amount: Money(fen: 100_001)),
                      IncomeFact(functionalCode: "2080199", source: .subordinateRemittance, amount: Money(fen: 20_000)),
                      IncomeFact(functionalCode: "2080199", source: .other, amount: Money(fen: 10_001))]
        own.expenditure = [
            ExpenditureFact(functionalCode: "2080101", economicCode: "30101", fund: .generalBudget, nature: .basicPersonnel, amount: Money(fen: 70_000)),
            ExpenditureFact(functionalCode: "2080101", economicCode: "30201", fund: .generalBudget, nature: .basicPublic, amount: Money(fen: 30_001)),
            ExpenditureFact(functionalCode: "2080199", economicCode: "39999", fund: .nonFiscal, nature: .subsidyToSubordinates, amount: Money(fen: 30_001)),
        ]
        var sub = unit("900002")
        sub.income = [IncomeFact(functionalCode: "2080799", source: .superiorSubsidy, amount: subsidyReceived),
                      IncomeFact(functionalCode: "2080799", source: .business, amount: Money(fen: 5_55))]
        sub.expenditure = [
            ExpenditureFact(functionalCode: "2080799", economicCode: "30201", fund: .nonFiscal, nature: .basicPublic, amount: Money(fen: 10_556)),
            ExpenditureFact(functionalCode: "2080799", economicCode: "39999", fund: .nonFiscal, nature: .remittedToSuperior, amount: Money(fen: 20_000)),
        ]
        sub.balances = [BalanceFact(fund: .nonFiscal, functionalCode: "2080799", opening: Money(fen: 1_000), closing: Money(fen: 1_000 + subsidyReceived.fen - 30_001))]
        return (own, sub)
    }

    static let info = UnitInfo(code: "900", name: "测试部门", year: 2021, kind: .administrative)

    @Test func internalFlowsAreEliminatedExactly() {
        let (own, sub) = Self.department()
        #expect(fundGaps(own).isEmpty && fundGaps(sub).isEmpty)
        var c = Consolidation()
        c.add(own, role: .own)
        c.add(sub, role: .subordinate)
        let (total, findings) = c.result(unit: Self.info, file: "department.yaml")
        #expect(findings.isEmpty)
        #expect(incomeTotal(total, .superiorSubsidy) == .zero)
        #expect(incomeTotal(total, .subordinateRemittance) == .zero)
        #expect(spendingTotal(total, .subsidyToSubordinates) == .zero)
        #expect(spendingTotal(total, .remittedToSuperior) == .zero)
        // 100,001 + 10,001 + 555 fen remain as income; 70,000 + 30,001 + 10,556 as spending.
        #expect(total.income.map(\.amount).sum() == Money(fen: 110_557))
        #expect(total.expenditure.map(\.amount).sum() == Money(fen: 110_557))
        #expect(fundGaps(total).isEmpty)
        #expect(c.eliminations.allSatisfy { $0.matches })
        #expect(c.subsidyPaid == Money(fen: 30_001) && c.remittanceReceived == Money(fen: 20_000))
        #expect(total.unit.code == "900")
    }

    @Test func sameKeysAreSummedAcrossUnits() {
        var a = Self.unit("1"), b = Self.unit("2")
        a.expenditure = [ExpenditureFact(functionalCode: "2080101", economicCode: "30101", fund: .generalBudget, nature: .basicPersonnel, project: "甲", amount: Money(fen: 1))]
        b.expenditure = [ExpenditureFact(functionalCode: "2080101", economicCode: "30101", fund: .generalBudget, nature: .basicPersonnel, project: "乙", amount: Money(fen: 2)),
                         ExpenditureFact(functionalCode: "2080101", economicCode: "30101", fund: .nonFiscal, nature: .basicPersonnel, amount: Money(fen: 4))]
        var c = Consolidation()
        c.add(a, role: .own)
        c.add(b, role: .subordinate)
        let total = c.result(unit: Self.info, file: "d.yaml").accounts
        #expect(total.expenditure.count == 2)
        #expect(total.expenditure.first { $0.fund == .generalBudget }?.amount == Money(fen: 3))
    }

    @Test func aMismatchIsReportedWithBothAmounts() throws {
        let (own, sub) = Self.department(subsidyReceived: Money(fen: 30_000))
        var c = Consolidation()
        c.add(own, role: .own)
        c.add(sub, role: .subordinate)
        let findings = c.result(unit: Self.info, file: "department.yaml").findings
        #expect(findings.count == 1)
        let f = try #require(findings.first)
        #expect(f.severity == .error)
        #expect(f.message.contains("300.00") && f.message.contains("300.01") && f.message.contains("0.01"))
        #expect(f.message.contains("上级补助收入") && f.message.contains("对附属单位补助支出"))
        #expect(f.location == .file("department.yaml"))
    }

    @Test func aSubordinatesOwnSubsidyToItsSubordinatesIsKept() {
        var sub = Self.unit("2")
        sub.expenditure = [ExpenditureFact(functionalCode: "2080101", economicCode: "39999", fund: .nonFiscal, nature: .subsidyToSubordinates, amount: Money(fen: 9))]
        var c = Consolidation()
        c.add(sub, role: .subordinate)
        #expect(spendingTotal(c.result(unit: Self.info, file: "d").accounts, .subsidyToSubordinates) == Money(fen: 9))
    }

    @Test func mergingPartialsEqualsAddingInOrder() throws {
        let units = allUnits(try SyntheticDepartment(units: 30, seed: 5, catalogue: try SubjectCatalogue.builtin2021()))
        var whole = Consolidation()
        for (u, r) in units { whole.add(u, role: r) }
        var parts = [Consolidation(), Consolidation(), Consolidation()]
        for (i, (u, r)) in units.enumerated() { parts[i % 3].add(u, role: r) }
        var merged = Consolidation()
        for p in parts.reversed() { merged.merge(p) }
        let x = whole.result(unit: Self.info, file: "d"), y = merged.result(unit: Self.info, file: "d")
        #expect(fingerprint(x.accounts) == fingerprint(y.accounts))
        #expect(x.findings.isEmpty && y.findings.isEmpty)
        #expect(fundGaps(x.accounts).isEmpty)
        #expect(merged.ownUnits == 1 && merged.subordinateUnits == 29)
        // Consolidated income = all income minus the eliminated flows, to the 分.
        let all = units.map { $0.0.income.map(\.amount).sum() }.sum()
        #expect(x.accounts.income.map(\.amount).sum() == all - whole.subsidyReceived - whole.remittanceReceived)
    }
}
