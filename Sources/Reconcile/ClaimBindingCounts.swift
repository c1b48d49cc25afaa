import Foundation
import Accounts
import Narrative

/// Counts a narrative states (团组, 人次, 辆, 台（套）) are not in the tables; the unit data file has them.
extension ClaimChecker {
    func count(_ claim: Claim) -> Outcome {
        guard case let .counted(what) = claim.subject else { return .unbound("数量（个、辆、人次等）不是表格金额") }
        guard let accounts else { return .unbound("数量需要单位数据文件（--data）") }
        if what.hasSuffix("项目") {
            // 预算绩效管理: "对5个项目编制了绩效目标" counts the unit's projects, i.e. those with 项目支出.
            let projects = Set(accounts.expenditure.filter { $0.nature == .project && $0.amount != .zero }.compactMap(\.project))
            guard !projects.isEmpty else { return .unbound("项目个数需要单位数据文件中的项目（支出中性质为项目支出、写了项目名称的记录）") }
            return check(claim, what: what, label: "有项目支出的项目", value: projects.count)
        }
        if let type = Self.vehicleType(what, accounts: accounts) {
            let held = ["共有", "保有", "截至", "年末"].contains { claim.location.sentence.contains($0) }
            let list = held ? accounts.threePublicCounts.vehiclesHeldByType : accounts.threePublicCounts.vehiclesPurchasedByType
            let key = held ? "保有车型" : "购置车型"
            guard let found = list.first(where: { TextNorm.key($0.type) == TextNorm.key(type) }) else {
                return .unbound("单位数据文件的三公数量中没有\(key)「\(type)」（写作 \(key): {\(type): 数量}）")
            }
            return check(claim, what: what, label: (held ? "公务用车保有量·" : "购置公务用车·") + found.type, value: found.count)
        }
        guard let (label, value) = Self.countFact(what, unit: claim.unit, accounts: accounts) else {
            return .unbound("单位数据文件中没有「\(what)」的数量")
        }
        return check(claim, what: what, label: label, value: value)
    }

    /// The claim compared with a count from the unit data.
    func check(_ claim: Claim, what: String, label: String, value: Int) -> Outcome {
        let target = "单位数据「\(label)」"
        guard claim.decimals == 0, claim.value == Decimal(value) else {
            return .bound(target: target, cell: nil, finding: Finding(
                rule: "C.数量", severity: .error, location: Self.location(claim),
                message: "说明中「\(what)」写作\(claim.location.figureText)，单位数据文件中为\(value)\(claim.unit.rawValue)",
                summary: "「\(what)」写\(claim.location.figureText)，单位数据中为\(value)\(claim.unit.rawValue)",
                expected: "\(value)\(claim.unit.rawValue)", found: claim.location.figureText))
        }
        return .bound(target: target, cell: nil, finding: nil)
    }

    /// Body types of official vehicles a narrative splits its counts by ("其中：轿车0辆、越野车0辆").
    static let vehicleTypes = ["轿车", "越野车", "载客汽车", "载货汽车", "专用车", "其他车辆"]

    /// The vehicle body type a counted phrase names: a common one, or one the unit data lists.
    static func vehicleType(_ what: String, accounts: UnitAccounts) -> String? {
        let key = TextNorm.key(what)
        let listed = (accounts.threePublicCounts.vehiclesHeldByType + accounts.threePublicCounts.vehiclesPurchasedByType).map(\.type)
        return (listed + vehicleTypes).first { TextNorm.key($0) == key }
    }

    /// The unit-data count a counted phrase names, by its key words and unit.
    static func countFact(_ what: String, unit: ClaimUnit, accounts: UnitAccounts) -> (String, Int)? {
        let c = accounts.threePublicCounts
        let a = accounts.assets
        let key = TextNorm.key(what)
        if key.contains("团组") { return ("因公出国团组", c.abroadGroups) }
        if key.contains("出国"), unit == .person || unit == .personTimes { return ("因公出国人次", c.abroadPersons) }
        if key.contains("购置公务用车") { return ("购置公务用车", c.vehiclesPurchased) }
        if key.contains("共有公务用车") || key.contains("公务用车保有") { return ("公务用车保有量", c.vehiclesHeld) }
        if key.contains("国内公务接待") || key.contains("国内接待") {
            return unit == .batch ? ("国内接待批次", c.domesticReceptionBatches) : ("国内接待人次", c.domesticReceptionPersons)
        }
        if key.contains("外事接待") {
            return unit == .batch ? ("外事接待批次", c.foreignReceptionBatches) : ("外事接待人次", c.foreignReceptionPersons)
        }
        if key.contains("共有车辆") { return ("车辆合计", a.totalVehicles) }
        if key.contains("通用设备") { return ("单价50万元以上通用设备", a.generalEquipmentOver500k) }
        if key.contains("专用设备") { return ("单价100万元以上专用设备", a.specialEquipmentOver1m) }
        if let v = a.vehicles.first(where: { TextNorm.key($0.use) == key }) { return ("车辆·\(v.use)", v.count) }
        return nil
    }
}
