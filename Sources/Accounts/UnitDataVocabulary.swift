/// A subject a unit data file adds to the catalogues (科目扩展).
public struct SubjectExtension: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable { case functional = "功能分类", economic = "经济分类" }
    public var kind: Kind
    public var code: String
    public var name: String
    public init(kind: Kind, code: String, name: String) { self.kind = kind; self.code = code; self.name = name }
}

/// The words of the unit data format (docs/unit-data-format.md): keys and the names of enumerated values.
enum UnitDataVocabulary {
    static let formatTag = "juesuan-unit"
    static let version = 1
    static var formatValue: String { "\(formatTag)/\(version)" }

    static let topKeys = ["格式", "单位", "金额单位", "科目扩展", "收入", "支出", "结转结余", "使用非财政拨款结余",
                          "结余分配", "三公经费", "三公数量", "全年预算", "上年数", "政府采购", "国有资产", "绩效自评"]
    static let unitKeys = ["编码", "名称", "年度", "类型", "主管部门编码", "主管部门名称"]
    static let incomeKeys = ["功能分类", "来源", "金额"]
    static let expenditureKeys = ["功能分类", "经济分类", "资金", "性质", "项目", "金额"]
    static let balanceKeys = ["资金", "功能分类", "年初", "年末"]
    static let threePublicKeys = ["资金", "项目", "预算数", "决算数"]
    static let budgetKeys = ["功能分类", "资金", "金额"]
    static let procurementKeys = ["货物", "工程", "服务", "授予中小企业", "授予小微企业"]
    static let assetKeys = ["车辆", "单价50万元以上通用设备", "单价100万元以上专用设备"]
    static let performanceKeys = ["项目", "主管部门", "实施单位", "财政拨款", "其他资金", "预期目标", "实际完成", "指标"]
    static let indicatorKeys = ["一级", "二级", "三级", "预期", "实际"]
    static let extensionKeys = ["功能分类", "经济分类"]

    /// 三公数量 keys holding a 车型 → 数量 mapping (optional), with the field each sets.
    static var vehicleTypeKeys: [(key: String, path: WritableKeyPath<ThreePublicCounts, [VehicleTypeCount]>)] { [
        ("购置车型", \.vehiclesPurchasedByType), ("保有车型", \.vehiclesHeldByType),
    ] }

    /// 三公数量 keys, with the ThreePublicCounts field each sets.
    static var countKeys: [(key: String, path: WritableKeyPath<ThreePublicCounts, Int>)] { [
        ("因公出国团组", \.abroadGroups), ("因公出国人次", \.abroadPersons),
        ("购置公务用车", \.vehiclesPurchased), ("公务用车保有量", \.vehiclesHeld),
        ("国内接待批次", \.domesticReceptionBatches), ("国内接待人次", \.domesticReceptionPersons),
        ("外事接待批次", \.foreignReceptionBatches), ("外事接待人次", \.foreignReceptionPersons),
    ] }

    /// Short names of the natures, as written in the file (the model's raw values are accepted too).
    static let natureNames: [(name: String, nature: ExpenditureNature)] = [
        ("人员经费", .basicPersonnel), ("公用经费", .basicPublic), ("项目支出", .project),
        ("上缴上级", .remittedToSuperior), ("经营", .operating), ("对附属单位补助", .subsidyToSubordinates),
    ]

    static func nature(named s: String) -> ExpenditureNature? {
        if let n = natureNames.first(where: { UnitDataText.sameBytes($0.name, s) }) { return n.nature }
        if let n = byBytes(s, ExpenditureNature.self) { return n }
        return natureNames.first { $0.name == s }?.nature ?? ExpenditureNature(rawValue: s)
            ?? natureNames.first { $0.name + "支出" == s }?.nature
    }

    /// The case whose raw value has the same bytes as `s`. `init(rawValue:)` compares Chinese
    /// text through Unicode normalization; data files almost always spell values exactly.
    static func byBytes<E: CaseIterable & RawRepresentable>(_ s: String, _: E.Type) -> E? where E.RawValue == String {
        E.allCases.first { UnitDataText.sameBytes($0.rawValue, s) }
    }

    static func natureName(_ n: ExpenditureNature) -> String {
        natureNames.first { $0.nature == n }?.name ?? n.rawValue
    }

    static func source(named s: String) -> IncomeSource? {
        byBytes(s, IncomeSource.self) ?? IncomeSource(rawValue: s) ?? IncomeSource(rawValue: s + "收入")
    }

    static func threePublicItem(named s: String) -> ThreePublicItem? {
        if let i = byBytes(s, ThreePublicItem.self) { return i }
        if s == "公务用车运行维护费" { return .vehicleOperation }
        return ThreePublicItem(rawValue: s)
    }

    /// The closest known key to an unknown one, if it is close enough to be a likely typo.
    static func suggestion(for key: String, among known: [String]) -> String? {
        let scored = known.map { (key: $0, distance: editDistance(Array(key), Array($0))) }
        guard let (k, d) = scored.min(by: { $0.distance < $1.distance }) else { return nil }
        let limit = max(1, min(key.count, k.count) / 2)
        if d <= limit || k.contains(key) || key.contains(k) { return k }
        return nil
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        for i in 1...a.count {
            var cur = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            prev = cur
        }
        return prev[b.count]
    }
}
