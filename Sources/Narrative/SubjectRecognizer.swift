/// Recognises what a label ("2021年本年收入合计", "社会保障和就业（类）支出", "其中：基本工资")
/// names, in the context of the section it is in and the subject being talked about.
struct SubjectRecognizer {
    var naming: any SubjectNaming

    /// Words that name a subject wherever they appear, most specific first.
    static let fixedWords: [(String, ClaimSubject)] = [
        ("财政拨款收、支总计", .fiscalGrandTotal), ("财政拨款收支总计", .fiscalGrandTotal),
        ("财政拨款收入支出总计", .fiscalGrandTotal),
        ("收、支总计", .grandTotal), ("收支总计", .grandTotal), ("收入支出总计", .grandTotal),
        ("收入总计", .grandTotalIncome), ("支出总计", .grandTotalExpenditure),
        ("本年收入合计", .totalIncome), ("本年支出合计", .totalExpenditure),
        ("一般公共预算财政拨款收入", .incomeSource(.generalBudget)),
        ("政府性基金预算财政拨款收入", .incomeSource(.governmentFund)),
        ("国有资本经营预算财政拨款收入", .incomeSource(.stateCapital)),
        ("上级补助收入", .incomeSource(.higherLevelSubsidy)),
        ("附属单位上缴收入", .incomeSource(.subordinateRemittance)),
        ("事业收入", .incomeSource(.operating)), ("经营收入", .incomeSource(.business)),
        ("其他收入", .incomeSource(.other)),
        ("本年收入", .totalIncome), ("本年支出", .totalExpenditure),
        ("年初财政拨款结转和结余", .openingBalance), ("年初结转和结余", .openingBalance),
        ("一般公共预算财政拨款基本支出", .generalBudgetBasic),
        ("一般公共预算财政拨款支出", .generalBudgetExpenditure), ("一般公共预算支出", .generalBudgetExpenditure),
        ("政府性基金预算财政拨款支出", .governmentFundExpenditure), ("政府性基金预算支出", .governmentFundExpenditure),
        ("国有资本经营预算财政拨款支出", .stateCapitalExpenditure), ("国有资本经营预算支出", .stateCapitalExpenditure),
        ("机关运行经费", .officeRunningCosts),
        ("对附属单位补助支出", .expenditure(.subsidyToSubordinates)),
        ("上缴上级支出", .expenditure(.remittedToHigherLevel)),
        ("经营支出", .expenditure(.business)),
        ("基本支出", .expenditure(.basic)), ("项目支出", .expenditure(.project)),
        ("人员经费", .personnel), ("日常公用经费", .publicFunds), ("公用经费", .publicFunds),
    ]

    static let threePublicWords: [(String, ClaimSubject)] = [
        ("公务用车购置及运行维护费", .threePublic(.vehicles)), ("公务用车购置及运行费", .threePublic(.vehicles)),
        ("公务用车运行维护费", .threePublic(.vehicleOperation)), ("公务用车运行费", .threePublic(.vehicleOperation)),
        ("公务用车购置", .threePublic(.vehiclePurchase)),
        ("国内公务接待", .threePublic(.domesticReception)), ("外事接待", .threePublic(.foreignReception)),
        ("公务接待", .threePublic(.reception)),
        ("因公出国（境）", .threePublic(.abroad)), ("因公出国", .threePublic(.abroad)),
        ("三公", .threePublicTotal),
    ]

    static let procurementWords: [(String, ClaimSubject)] = [
        ("政府采购支出总额", .procurement(.total)), ("政府采购总额", .procurement(.total)),
        ("小微企业", .procurement(.smallAndMicro)), ("中小企业", .procurement(.smallAndMedium)),
        ("货物", .procurement(.goods)), ("工程", .procurement(.works)), ("服务", .procurement(.services)),
    ]

    /// The subject a label names, or nil. `topic` is the subject the sentence is about so far.
    func subject(in label: String, section: NarrativeSection, topic: ClaimSubject?) -> ClaimSubject? {
        let t = label.filter { !$0.isWhitespace }
        guard !t.isEmpty else { return nil }
        // Items of 人员经费 / 公用经费 (section 六) are named by economic classification, and some of
        // them look like 三公 words ("公务接待费"): decide by the topic first.
        if section == .generalBudgetBasic, !Self.containsGroupWord(t) {
            switch topic {
            case .personnel?, .personnelItem?: return .personnelItem(Self.itemName(t))
            case .publicFunds?, .publicFundsItem?: return .publicFundsItem(Self.itemName(t))
            default: break
            }
        }
        if section == .threePublic {
            for (w, s) in Self.threePublicWords where t.contains(w) { return s }
        }
        if section == .procurement {
            for (w, s) in Self.procurementWords where t.contains(w) { return s }
        }
        for (w, s) in Self.fixedWords where t.contains(w) {
            // "财政拨款收、支总计" contains "收、支总计"; the list order handles it. "一般公共预算
            // 财政拨款收入" inside the 附件 is income; the fixed list handles it too.
            return s
        }
        if section == .generalBudgetStructure || section == .generalBudgetOverall || section == .generalBudget {
            if let c = classSubject(t) { return c }
        }
        if section == .governmentFund, topic != nil, t.count >= 2 {
            let name = Self.itemName(t)
            if !name.isEmpty { return .governmentFundProject(name) }
        }
        return nil
    }

    static func containsGroupWord(_ t: String) -> Bool {
        t.contains("人员经费") || t.contains("公用经费") || t.contains("基本支出")
    }

    /// A 类 named in a label: "社会保障和就业（类）支出", "教育支出（类）", "卫生健康支出".
    func classSubject(_ t: String) -> ClaimSubject? {
        var name = t
        for prefix in ["主要用于以下方面", "主要用于", "其中"] {
            if let r = name.range(of: prefix) { name = String(name[r.upperBound...]) }
        }
        name = name.trimmingCharacters(in: CharacterSet(charactersIn: "：:，、 "))
        let form = SubjectNames.classForm(name)
        if let current = naming.supersededName(form) { return .generalBudgetClass(current) }
        if naming.classNames.contains(form) || t.contains("（类）") {
            return .generalBudgetClass(naming.normalizedName(form) ?? form)
        }
        return nil
    }

    /// The 类/款/项 path of a 项 sentence: "社会保障和就业（类）人力资源和社会保障管理事务（款）行政运行（项）".
    func itemPath(in sentence: String) -> (subject: ClaimSubject, writtenClass: String)? {
        let t = sentence.filter { !$0.isWhitespace }
        guard let lei = t.range(of: "（类）"), let kuan = t.range(of: "（款）", range: lei.upperBound..<t.endIndex),
              let xiang = t.range(of: "（项）", range: kuan.upperBound..<t.endIndex) else { return nil }
        var className = String(t[t.startIndex..<lei.lowerBound])
        // Drop list numbering "1." / "（1）" / "1、" before the 类 name.
        while let first = className.first, first.isNumber || ".、）（ ".contains(first) { className.removeFirst() }
        let kuanName = String(t[lei.upperBound..<kuan.lowerBound]).trimmingCharacters(in: CharacterSet(charactersIn: "："))
        let xiangName = String(t[kuan.upperBound..<xiang.lowerBound]).trimmingCharacters(in: CharacterSet(charactersIn: "："))
        guard !className.isEmpty, !kuanName.isEmpty, !xiangName.isEmpty else { return nil }
        let form = SubjectNames.classForm(className)
        let canonical = naming.supersededName(form) ?? naming.normalizedName(form) ?? form
        return (.generalBudgetItem(class: canonical, kuan: kuanName, xiang: xiangName), className)
    }

    /// An item name from its label: "主要包括：基本工资" → "基本工资", "其他…支出等" → "其他…支出".
    static func itemName(_ label: String) -> String {
        var s = label
        for marker in ["主要包括：", "主要包括", "主要为", "主要用于", "其中：", "其中", "包括"] {
            if let r = s.range(of: marker, options: .backwards) { s = String(s[r.upperBound...]) }
        }
        s = s.trimmingCharacters(in: CharacterSet(charactersIn: "：:，、；（ 和及"))
        if s.hasSuffix("等") { s.removeLast() }
        for suffix in ["支出决算为", "决算为", "支出为", "为"] where s.hasSuffix(suffix) && s.count > suffix.count {
            s.removeLast(suffix.count); break
        }
        return s
    }
}

import Foundation
