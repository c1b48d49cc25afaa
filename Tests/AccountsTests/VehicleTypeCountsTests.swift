import Testing
import Foundation
@testable import Accounts

/// 三公数量 购置车型 / 保有车型: optional 车型 → 数量 mappings, kept in the order written.
@Suite struct VehicleTypeCountsTests {
    let catalogue: SubjectCatalogue
    init() throws { catalogue = try SubjectCatalogue.builtin2021() }

    static let text = UnitDataFileTests.header + """
        三公数量: {购置公务用车: 1, 公务用车保有量: 3, 购置车型: {越野车: 1, 轿车: 0}, 保有车型: {轿车: 2, 越野车: 1}}

        """

    @Test func parsesAndRendersInTheOrderWritten() throws {
        let a = try UnitDataFile.parse(text: Self.text, file: "t.yaml", catalogue: catalogue)
        let c = a.threePublicCounts
        #expect(c.vehiclesPurchasedByType == [VehicleTypeCount(type: "越野车", count: 1), VehicleTypeCount(type: "轿车", count: 0)])
        #expect(c.vehiclesHeldByType == [VehicleTypeCount(type: "轿车", count: 2), VehicleTypeCount(type: "越野车", count: 1)])
        let rendered = UnitDataFile.render(a)
        #expect(rendered.contains("  购置车型: {越野车: 1, 轿车: 0}"))
        let back = try UnitDataFile.parse(text: rendered, file: "r.yaml", catalogue: catalogue)
        #expect(back.threePublicCounts == c)
    }

    @Test func omittedTypesStayEmptyAndAreNotRendered() throws {
        let a = try UnitDataFile.parse(text: UnitDataFileTests.header + "三公数量: {购置公务用车: 0}\n", file: "t.yaml", catalogue: catalogue)
        #expect(a.threePublicCounts.vehiclesHeldByType.isEmpty && a.threePublicCounts.vehiclesPurchasedByType.isEmpty)
        #expect(!UnitDataFile.render(a).contains("车型"))
    }

    @Test func badTypeMappingsAreProblems() {
        let text = UnitDataFileTests.header + "三公数量: {保有车型: 3, 购置车型: {轿车: -1}}\n"
        do {
            _ = try UnitDataFile.parse(text: text, file: "t.yaml", catalogue: catalogue)
            Issue.record("expected problems")
        } catch {
            let messages = error.problems.map(\.message)
            #expect(messages.contains { $0.contains("保有车型应写成“车型: 数量”的映射") })
            #expect(messages.contains { $0.contains("应为不小于0的整数") })
        }
    }

    @Test func theSampleSplitsItsVehiclesByType() throws {
        let sample = try UnitDataFile.sample(catalogue: catalogue)
        #expect(sample.threePublicCounts.vehiclesHeldByType.map(\.type) == ["轿车", "越野车", "载客汽车"])
        #expect(sample.threePublicCounts.vehiclesPurchasedByType.map(\.count) == [0, 0, 0])
    }
}
