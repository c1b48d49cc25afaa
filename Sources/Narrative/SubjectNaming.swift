import Accounts

/// What the extractor and checker need from a subject catalogue: the names of 功能分类 类 and the
/// superseded names. `Accounts.SubjectCatalogue` provides them; `BuiltInSubjectNaming` is the
/// FY2021 fallback used when no catalogue is given.
public protocol SubjectNaming: Sendable {
    /// The current name for a superseded one ("医疗卫生与计划生育支出" → "卫生健康支出"), or nil.
    func supersededName(_ name: String) -> String?
    /// The canonical form of a subject name as written, or nil when it is not a known name.
    func normalizedName(_ name: String) -> String?
    /// The 功能分类 类 names ("…支出").
    var classNames: [String] { get }
}

public struct BuiltInSubjectNaming: SubjectNaming {
    public init() {}

    public let classNames: [String] = [
        "一般公共服务支出", "外交支出", "国防支出", "公共安全支出", "教育支出", "科学技术支出",
        "文化旅游体育与传媒支出", "社会保障和就业支出", "社会保险基金支出", "卫生健康支出", "节能环保支出",
        "城乡社区支出", "农林水支出", "交通运输支出", "资源勘探工业信息等支出", "商业服务业等支出", "金融支出",
        "援助其他地区支出", "自然资源海洋气象等支出", "住房保障支出", "粮油物资储备支出", "国有资本经营预算支出",
        "灾害防治及应急管理支出", "其他支出", "债务还本支出", "债务付息支出", "抗疫特别国债安排的支出",
    ]

    /// Pre-2019 类 names and their FY2021 successors.
    static let superseded: [String: String] = [
        "医疗卫生与计划生育支出": "卫生健康支出",
        "医疗卫生支出": "卫生健康支出",
        "环境保护支出": "节能环保支出",
        "文化体育与传媒支出": "文化旅游体育与传媒支出",
        "国土海洋气象等支出": "自然资源海洋气象等支出",
        "资源勘探信息等支出": "资源勘探工业信息等支出",
    ]

    /// Old names as they appear in text (without the trailing 支出), for scanning.
    public static var supersededNames: [String] {
        superseded.keys.map { $0.hasSuffix("支出") ? String($0.dropLast(2)) : $0 }.sorted()
    }

    public func supersededName(_ name: String) -> String? {
        BuiltInSubjectNaming.superseded[SubjectNames.classForm(name)]
    }

    public func normalizedName(_ name: String) -> String? {
        let c = SubjectNames.classForm(name)
        if classNames.contains(c) { return c }
        return BuiltInSubjectNaming.superseded[c]
    }
}

enum SubjectNames {
    /// "社会保障和就业（类）支出", "教育支出（类）", "社会保障和就业" → "社会保障和就业支出".
    static func classForm(_ raw: String) -> String {
        var s = raw.replacingOccurrences(of: "（类）", with: "")
        s = s.trimmingCharacters(in: .whitespaces)
        s = s.filter { !$0.isWhitespace }
        if !s.hasSuffix("支出") { s += "支出" }
        return s
    }
}

/// A subject catalogue seen through the narrative's needs.
public struct CatalogueSubjectNaming: SubjectNaming {
    public let catalogue: SubjectCatalogue
    public init(_ catalogue: SubjectCatalogue) { self.catalogue = catalogue }

    public var classNames: [String] { catalogue.functionalCategories.map(\.name) }

    public func supersededName(_ name: String) -> String? {
        catalogue.supersededName(SubjectNames.classForm(name))?.current
            ?? catalogue.supersededName(name)?.current
    }

    public func normalizedName(_ name: String) -> String? {
        if let current = supersededName(name) { return current }
        let key = SubjectCatalogue.normalizedName(name)
        return catalogue.functionalCategories.first { SubjectCatalogue.normalizedName($0.name) == key }?.name
    }
}
