/// The parts and sections of a 决算情况说明 (Sichuan FY2021 layout), found by heading words.
public enum NarrativeSection: Int, Sendable, Hashable, Comparable, CaseIterable, Codable {
    case preamble
    case unitOverview                 // 第一部分 单位概况
    case accountsIntro                // 第二部分 …决算情况说明 (before section 一)
    case overall                      // 一 收入支出决算总体情况
    case income                       // 二 收入决算情况
    case expenditure                  // 三 支出决算情况
    case fiscalOverall                // 四 财政拨款收入支出决算总体情况
    case generalBudget                // 五 一般公共预算财政拨款支出决算情况
    case generalBudgetOverall         //   (一) 总体情况
    case generalBudgetStructure       //   (二) 结构情况
    case generalBudgetDetail          //   (三) 具体情况
    case generalBudgetBasic           // 六 一般公共预算财政拨款基本支出决算情况
    case threePublic                  // 七 “三公”经费财政拨款支出决算情况
    case governmentFund               // 八 政府性基金预算支出决算情况
    case stateCapital                 // 九 国有资本经营预算支出决算情况
    case otherMatters                 // 十 其他重要事项
    case officeRunningCosts           //   (一) 机关运行经费
    case procurement                  //   (二) 政府采购
    case stateAssets                  //   (三) 国有资产占有使用
    case performance                  //   (四) 预算绩效管理
    case glossary                     // 第三部分 名词解释
    case attachment                   // 第四部分 附件
    case appendedTables               // 附表 (table headings after the attachment)

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    /// Chinese title as a reader knows it.
    public var title: String {
        switch self {
        case .preamble: return "正文开头"
        case .unitOverview: return "单位概况"
        case .accountsIntro: return "单位决算情况说明"
        case .overall: return "收入支出决算总体情况说明"
        case .income: return "收入决算情况说明"
        case .expenditure: return "支出决算情况说明"
        case .fiscalOverall: return "财政拨款收入支出决算总体情况说明"
        case .generalBudget: return "一般公共预算财政拨款支出决算情况说明"
        case .generalBudgetOverall: return "一般公共预算财政拨款支出决算总体情况"
        case .generalBudgetStructure: return "一般公共预算财政拨款支出决算结构情况"
        case .generalBudgetDetail: return "一般公共预算财政拨款支出决算具体情况"
        case .generalBudgetBasic: return "一般公共预算财政拨款基本支出决算情况说明"
        case .threePublic: return "“三公”经费财政拨款支出决算情况说明"
        case .governmentFund: return "政府性基金预算支出决算情况说明"
        case .stateCapital: return "国有资本经营预算支出决算情况说明"
        case .otherMatters: return "其他重要事项的情况说明"
        case .officeRunningCosts: return "机关运行经费支出情况"
        case .procurement: return "政府采购支出情况"
        case .stateAssets: return "国有资产占有使用情况"
        case .performance: return "预算绩效管理情况"
        case .glossary: return "名词解释"
        case .attachment: return "附件"
        case .appendedTables: return "附表"
        }
    }

    /// Sections whose figures are statements about the accounts (一 to 十).
    public var isAccountsSection: Bool { self >= .overall && self <= .performance }

    /// The section a heading paragraph opens, or nil when the paragraph is not a heading.
    /// `current` keeps the reading forward-only inside the glossary and the attachment, whose own
    /// numbered headings ("一、项目概况") must not be taken for the accounts sections.
    static func heading(_ raw: String, current: NarrativeSection) -> NarrativeSection? {
        let t = TextNormalizer.normalize(raw).text.filter { !$0.isWhitespace }
        guard !t.isEmpty, t.count <= 60 else { return nil }
        // A heading is short and is not a sentence with figures after a colon.
        if t.contains("：") && !t.hasPrefix("第") { return nil }
        if t.hasPrefix("第") && t.contains("部分") {
            if t.contains("单位概况") || t.contains("部门概况") { return .unitOverview }
            if t.contains("名词解释") { return .glossary }
            if t.contains("附件") { return .attachment }
            if t.contains("附表") { return .appendedTables }
            if t.contains("决算情况说明") { return .accountsIntro }
        }
        if current >= .glossary {
            if current == .glossary, t.hasPrefix("附件") { return .attachment }
            if current >= .attachment, t.hasSuffix("决算表") || t.hasSuffix("明细表") { return .appendedTables }
            return nil
        }
        if t.hasSuffix("名词解释") { return .glossary }
        if t.hasPrefix("附件"), t.count <= 6 { return .attachment }
        let rules: [(String, NarrativeSection)] = [
            ("一般公共预算财政拨款支出决算总体情况", .generalBudgetOverall),
            ("一般公共预算财政拨款支出决算结构情况", .generalBudgetStructure),
            ("一般公共预算财政拨款支出决算具体情况", .generalBudgetDetail),
            ("一般公共预算财政拨款基本支出决算情况", .generalBudgetBasic),
            ("一般公共预算财政拨款支出决算情况", .generalBudget),
            ("财政拨款收入支出决算总体情况", .fiscalOverall),
            ("收入支出决算总体情况", .overall),
            ("三公”经费财政拨款支出决算", .threePublic),
            ("三公\"经费财政拨款支出决算", .threePublic),
            ("三公经费财政拨款支出决算", .threePublic),
            ("政府性基金预算支出决算情况", .governmentFund),
            ("政府性基金预算财政拨款支出决算情况", .governmentFund),
            ("国有资本经营预算支出决算情况", .stateCapital),
            ("国有资本经营预算财政拨款支出决算情况", .stateCapital),
            ("其他重要事项", .otherMatters),
            ("机关运行经费支出情况", .officeRunningCosts),
            ("机关运行经费情况", .officeRunningCosts),
            ("政府采购支出情况", .procurement),
            ("政府采购情况", .procurement),
            ("国有资产占有使用情况", .stateAssets),
            ("国有资产占用情况", .stateAssets),
            ("预算绩效管理情况", .performance),
            ("预算绩效情况", .performance),
            ("收入决算情况", .income),
            ("支出决算情况", .expenditure),
        ]
        // Only short lines: "（一）…总体情况。" or "五、…情况说明".
        guard t.count <= 40 else { return nil }
        for (words, section) in rules where t.contains(words) {
            // 三公 subsection headings ("（一）“三公”经费…总体情况说明") stay in 七.
            if section == .threePublic, current == .threePublic { return nil }
            return section
        }
        return nil
    }
}
