import Accounts
import Batch
import Testing

@Suite struct SyntheticTests {
    let catalogue: SubjectCatalogue
    init() throws { catalogue = try SubjectCatalogue.builtin2021() }

    @Test func sameSeedGivesTheSameDepartment() throws {
        let a = allUnits(try SyntheticDepartment(units: 25, seed: 7, catalogue: catalogue)).map { fingerprint($0.0) }
        let b = allUnits(try SyntheticDepartment(units: 25, seed: 7, catalogue: catalogue)).map { fingerprint($0.0) }
        let c = allUnits(try SyntheticDepartment(units: 25, seed: 8, catalogue: catalogue)).map { fingerprint($0.0) }
        #expect(a == b)
        #expect(a != c)
        #expect(Set(a).count == 25)
    }

    @Test func aSubordinateDoesNotDependOnDepartmentSize() throws {
        let small = try SyntheticDepartment(units: 10, seed: 3, catalogue: catalogue)
        let large = try SyntheticDepartment(units: 500, seed: 3, catalogue: catalogue)
        // Codes are padded to the department size, everything else must be identical.
        let s = small.subordinate(4), l = large.subordinate(4)
        #expect(s.expenditure == l.expenditure)
        #expect(s.income == l.income)
        #expect(s.balances == l.balances)
    }

    @Test func everyUnitBalancesPerFund() throws {
        let units = allUnits(try SyntheticDepartment(units: 60, seed: 42, catalogue: catalogue))
        #expect(units.count == 60)
        for (unit, _) in units {
            #expect(fundGaps(unit).isEmpty, "\(unit.unit.code) \(fundGaps(unit))")
            #expect(!unit.expenditure.isEmpty)
            #expect(unit.expenditure.allSatisfy { $0.amount > .zero })
            #expect(unit.balances.allSatisfy { $0.opening >= .zero && $0.closing >= .zero })
            #expect(unit.income.allSatisfy { $0.amount > .zero })
        }
    }

    @Test func internalFlowsMatch() throws {
        let units = allUnits(try SyntheticDepartment(units: 60, seed: 42, catalogue: catalogue))
        let subs = units.filter { $0.1 == .subordinate }.map(\.0)
        let own = try #require(units.first { $0.1 == .own }?.0)
        let received = subs.map { incomeTotal($0, .superiorSubsidy) }.sum()
        let remitted = subs.map { spendingTotal($0, .remittedToSuperior) }.sum()
        #expect(received > .zero)
        #expect(remitted > .zero)
        #expect(spendingTotal(own, .subsidyToSubordinates) == received)
        #expect(incomeTotal(own, .subordinateRemittance) == remitted)
        #expect(units.filter { $0.1 == .own }.count == 1)
        #expect(own.unit.kind == .administrative)
        #expect(subs.allSatisfy { $0.unit.parentCode == "901" && incomeTotal($0, .subordinateRemittance) == .zero })
    }

    @Test func onlyCatalogueCodesAndVariedSizes() throws {
        let units = allUnits(try SyntheticDepartment(units: 80, seed: 1, catalogue: catalogue)).map(\.0)
        for u in units {
            for f in u.expenditure {
                #expect(catalogue.functionalName(f.functionalCode) != nil && f.functionalCode.count == 7)
                #expect(catalogue.economicName(f.economicCode) != nil && f.economicCode.count == 5)
            }
            for f in u.income { #expect(catalogue.functionalName(f.functionalCode) != nil) }
        }
        let sizes = units.map(\.expenditure.count)
        #expect(sizes.min()! <= 8)
        #expect(sizes.max()! >= 100)
        #expect(Set(units.map(\.unit.code)).count == units.count)
    }

    @Test func threePublicActualsCoverTheirEconomicCodes() throws {
        for (u, _) in allUnits(try SyntheticDepartment(units: 40, seed: 9, catalogue: catalogue)) {
            let abroad = u.expenditure.filter { $0.fund == .generalBudget && $0.economicCode == "30212" }.map(\.amount).sum()
            let fact = u.threePublic.first { $0.fund == .generalBudget && $0.item == .travelAbroad }
            #expect((fact?.actual ?? .zero) == abroad)
            #expect(u.threePublic.allSatisfy { $0.budget >= $0.actual })
        }
    }

    @Test func zeroUnitsIsRefused() {
        #expect(throws: SyntheticError.self) { _ = try SyntheticDepartment(units: 0, seed: 1, catalogue: catalogue) }
    }
}
