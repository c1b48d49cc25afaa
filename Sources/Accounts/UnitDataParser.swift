/// Turns the YAML document of a unit data file into UnitAccounts, section by section.
/// Every problem goes to the reader; a section with problems still lets the others be checked.
import Dispatch
import Foundation

struct UnitDataParser {
    let reader: UnitDataReader
    /// Whether a long expenditure list may be read on another core (off in a batch).
    var spread = false
    typealias V = UnitDataVocabulary
    typealias Node = YAMLDocument.Node

    /// The accounts, or nil when the file is too broken to say which unit it is (problems are in the reader).
    func accounts(_ root: Node) -> UnitAccounts? {
        guard let top = reader.fields(root, "文件顶层", allowed: V.topKeys, required: ["格式", "单位"]) else { return nil }
        guard checkVersion(top["格式"]) else { return nil }
        if let unitNode = top["金额单位"], let u = reader.text(unitNode, "金额单位"), u != "元" {
            reader.report(unitNode, "金额单位只能是“元”（此处为“\(u)”）：数据文件按元记录到分，万元由表格换算")
        }
        var extensions: [SubjectExtension] = []
        if let node = top["科目扩展"] { extensions = subjectExtensions(node) }
        let unit = top["单位"].flatMap(unitInfo)
        var a = UnitAccounts(unit: unit ?? UnitInfo(code: "", name: "", year: 0, kind: .other))
        a.subjectExtensions = extensions
        a.income = income(top["收入"])
        if let later = startLaterSections(top, after: top["支出"], accounts: a) {
            let list = expenditure(top["支出"])
            // The other core's accounts are these ones with the later sections filled in.
            let (withLaterSections, problems) = later.result()
            reader.appendProblems(problems)
            a = withLaterSections
            a.expenditure = list
        } else {
            a.expenditure = expenditure(top["支出"])
            readLaterSections(top, into: &a)
        }
        checkMagnitude(a, root)
        return unit == nil ? nil : a
    }

    /// The sections after the expenditure list, in file-format order.
    private func readLaterSections(_ top: UnitDataReader.Fields, into a: inout UnitAccounts) {
        a.balances = balances(top["结转结余"])
        a.nonFiscalBalanceUsed = top["使用非财政拨款结余"].flatMap { reader.amount($0, "使用非财政拨款结余") } ?? .zero
        a.surplusDistribution = top["结余分配"].flatMap { reader.amount($0, "结余分配") } ?? .zero
        a.threePublic = threePublic(top["三公经费"])
        if let node = top["三公数量"] { a.threePublicCounts = threePublicCounts(node) }
        a.budgets = budgets(top["全年预算"])
        if let node = top["上年数"] { a.priorYear = priorYear(node) }
        if let node = top["政府采购"] { a.procurement = procurement(node) }
        if let node = top["国有资产"] { a.assets = assets(node) }
        a.performance = performance(top["绩效自评"])
    }

    /// Largest Σ|amount| a file may hold (100 万亿元 in 分), so that any sum of its facts, and of
    /// hundreds of such files in a batch, stays far inside Int64.
    static let magnitudeLimit: Int64 = 10_000_000_000_000_000

    private func checkMagnitude(_ a: UnitAccounts, _ root: Node) {
        var amounts = a.income.map(\.amount) + a.expenditure.map(\.amount) + a.budgets.map(\.amount)
        amounts += a.balances.flatMap { [$0.opening, $0.closing] } + a.threePublic.flatMap { [$0.budget, $0.actual] }
        amounts += Array(a.priorYear.values) + a.performance.flatMap { [$0.fiscalFunds, $0.otherFunds] }
        let p = a.procurement
        amounts += [p.goods, p.works, p.services, p.smeContracts, p.smallMicroContracts, a.nonFiscalBalanceUsed, a.surplusDistribution]
        var total: Int64 = 0
        for m in amounts {
            let (sum, overflow) = total.addingReportingOverflow(m.fen.magnitude > UInt64(Int64.max) ? Int64.max : abs(m.fen))
            if overflow || sum > Self.magnitudeLimit {
                reader.report(root, "金额过大：本文件所有金额的绝对值之和超过100万亿元，无法处理")
                return
            }
            total = sum
        }
    }

    private func checkVersion(_ node: Node?) -> Bool {
        guard let node, let t = reader.text(node, "格式") else { return false }
        if t == V.formatValue { return true }
        let prefix = V.formatTag + "/"
        if t.hasPrefix(prefix), let n = Int(t.dropFirst(prefix.count)), n > V.version {
            reader.report(node, "文件格式版本为\(n)，本程序只能读取版本\(V.version)及以下（“\(V.formatValue)”）；请升级juesuan")
        } else {
            reader.report(node, "无法识别的文件格式“\(t)”，应为“\(V.formatValue)”")
        }
        return false
    }

    private func unitInfo(_ node: Node) -> UnitInfo? {
        guard let f = reader.fields(node, "单位", allowed: V.unitKeys, required: ["编码", "名称", "年度", "类型"]) else { return nil }
        let code = reader.text(f["编码"], "单位编码")
        let name = reader.text(f["名称"], "单位名称")
        var year: Int?
        if let yn = f["年度"], let t = reader.text(yn, "年度") {
            if t.count == 4, t.allSatisfy({ $0.isASCII && $0.isNumber }), let y = Int(t), (2000...2099).contains(y) {
                year = y
            } else {
                reader.report(yn, "年度“\(t)”无效，应为四位数的年份，如 2021")
            }
        }
        var kind: UnitKind?
        if let kn = f["类型"], let t = reader.text(kn, "单位类型") {
            kind = UnitKind(rawValue: t)
            if kind == nil {
                reader.report(kn, "未知的单位类型“\(t)”，应为：\(UnitKind.allCases.map(\.rawValue).joined(separator: "、"))")
            }
        }
        let parentCode = reader.text(f["主管部门编码"], "主管部门编码")
        let parentName = reader.text(f["主管部门名称"], "主管部门名称")
        guard let code, let name, let year, let kind else { return nil }
        return UnitInfo(code: code, name: name, year: year, kind: kind, parentCode: parentCode, parentName: parentName)
    }

    private func subjectExtensions(_ node: Node) -> [SubjectExtension] {
        guard let f = reader.fields(node, "科目扩展", allowed: V.extensionKeys) else { return [] }
        var result: [SubjectExtension] = []
        var added: [(SubjectExtension, Node)] = []
        for kind in [SubjectExtension.Kind.functional, .economic] {
            guard let listNode = f[kind.rawValue] else { continue }
            guard let mapping = reader.pairs(listNode) else {
                reader.report(listNode, "科目扩展的\(kind.rawValue)应写成“编码: 名称”的映射")
                continue
            }
            var seen: Set<String> = []
            for (k, v) in mapping {
                guard let code = reader.text(k, "科目编码"), let name = reader.text(v, "科目名称") else { continue }
                guard seen.insert(code).inserted else { reader.report(k, "科目扩展中的\(kind.rawValue)编码\(code)重复"); continue }
                let existing = kind == .functional ? reader.catalogue.functionalName(code) : reader.catalogue.economicName(code)
                if let existing {
                    if existing != name {
                        reader.report(k, "科目扩展中的\(kind.rawValue)编码\(code)已在科目表中，名称为“\(existing)”，不能改为“\(name)”")
                    }
                    continue
                }
                let problem = kind == .functional ? reader.catalogue.addFunctional(code: code, name: name)
                                                  : reader.catalogue.addEconomic(code: code, name: name)
                if let problem { reader.report(k, problem); continue }
                let ext = SubjectExtension(kind: kind, code: code, name: name)
                result.append(ext)
                added.append((ext, k))
            }
        }
        // A 款 or 项 needs its parent in the catalogue (or among the extensions).
        for (ext, node) in added where ext.code.count > 3 {
            let parent = ext.kind == .functional ? String(ext.code.prefix(ext.code.count - 2)) : String(ext.code.prefix(3))
            let known = ext.kind == .functional ? reader.catalogue.functionalName(parent) : reader.catalogue.economicName(parent)
            if known == nil {
                reader.report(node, "科目扩展中的\(ext.kind.rawValue)\(ext.code)的上级科目\(parent)不在科目表中")
            }
        }
        return result
    }

    // MARK: Facts

    /// From this many expenditure records on, the sections after the list are read on another core
    /// while this thread reads the list (most of a large file is its expenditure list).
    static let sideListMinimum = 64

    /// Work another core may take; if it has not started when the result is wanted, the thread
    /// that wants it does the work itself (a late or busy helper never holds it up, and nothing
    /// waits on a helper that never comes).
    private final class SideTask<Value>: @unchecked Sendable {
        private let lock = NSLock()
        private let done = DispatchSemaphore(value: 0)
        private var taken = false
        private var work: (() -> Value)?
        private var value: Value?

        init(_ work: @escaping () -> Value) { self.work = work }

        /// Does the work unless another thread has taken it; true if this call did it.
        func runIfUntaken() -> Bool {
            guard let work = lock.withLock({ () -> (() -> Value)? in
                defer { self.work = nil; taken = true }
                return taken ? nil : self.work
            }) else { return false }
            value = work()
            done.signal()
            return true
        }

        func result() -> Value {
            if !runIfUntaken() { done.wait() }
            guard let value else { preconditionFailure("SideTask: the work stored no value") }
            return value
        }
    }

    /// The later sections read with a reader of their own (its problems come after the list's, as
    /// reading them in turn puts them), started on another core; nil when the list is short or
    /// spreading is off.
    private func startLaterSections(_ top: UnitDataReader.Fields, after list: Node?,
                                    accounts: UnitAccounts) -> SideTask<(UnitAccounts, [UnitDataProblem])>? {
        guard spread, let list, let items = reader.document.items(list), items.count >= Self.sideListMinimum else { return nil }
        let side = UnitDataReader(document: reader.document, file: reader.file, catalogue: reader.catalogue)
        let task = SideTask { () -> (UnitAccounts, [UnitDataProblem]) in
            var later = accounts
            UnitDataParser(reader: side).readLaterSections(top, into: &later)
            return (later, side.problems)
        }
        DispatchQueue.global().async { _ = task.runIfUntaken() }
        return task
    }

    /// An optional amount: zero when absent, nil (with a problem) when malformed.
    private func amountOrZero(_ node: Node?, _ what: String) -> Money? {
        guard let node else { return .zero }
        return reader.amount(node, what)
    }

    /// Reports a fact whose identifying values repeat an earlier one.
    /// Keyed by the record's identifying values; `text` says them in the message. Most keys are
    /// the text itself; the long lists key by their parts, so hashing skips the fixed Chinese words.
    private final class DuplicateCheck<Key: Hashable> {
        var seen: [Key: Int] = [:]
        func check(_ key: Key, text: @autoclosure () -> String, _ node: Node, _ what: String, reader: UnitDataReader) -> Bool {
            if let line = seen[key] {
                reader.report(node, "重复的\(what)：与第\(line)行的记录相同（\(text())），请合并为一条")
                return false
            }
            seen[key] = reader.location(node).line
            return true
        }

        func check(_ key: String, _ node: Node, _ what: String, reader: UnitDataReader) -> Bool where Key == String {
            check(key, text: key, node, what, reader: reader)
        }
    }

    // The hashes leave out the enums and Chinese text: a raw-value enum hashes its Chinese raw
    // value, and hashing Chinese text costs a Unicode normalization; the codes (ASCII digits)
    // spread the keys well enough.
    private struct IncomeKey: Hashable {
        var code: String, source: IncomeSource
        func hash(into h: inout Hasher) { h.combine(code) }
    }
    private struct ExpenditureKey: Hashable {
        var code: String, economic: String, fund: Fund, nature: ExpenditureNature, project: String?
        func hash(into h: inout Hasher) { h.combine(code); h.combine(economic) }
    }
    private struct BalanceKey: Hashable {
        var fund: Fund, code: String?
        func hash(into h: inout Hasher) { h.combine(code) }
    }
    private struct BudgetKey: Hashable {
        var code: String, fund: Fund
        func hash(into h: inout Hasher) { h.combine(code) }
    }


    private func income(_ node: Node?) -> [IncomeFact] {
        let dup = DuplicateCheck<IncomeKey>()
        return reader.list(node, "收入").compactMap { item in
            guard let f = reader.fields(item, "收入记录", allowed: V.incomeKeys, required: V.incomeKeys) else { return nil }
            let code = reader.functionalItem(f["功能分类"]), source = reader.source(f["来源"]), amount = reader.amount(f["金额"], "金额")
            guard let code, let source, let amount,
                  dup.check(IncomeKey(code: code, source: source), text: "功能分类\(code)、来源\(source.rawValue)", item, "收入记录", reader: reader)
            else { return nil }
            return IncomeFact(functionalCode: code, source: source, amount: amount, origin: reader.location(item))
        }
    }

    private func expenditure(_ node: Node?) -> [ExpenditureFact] {
        let dup = DuplicateCheck<ExpenditureKey>()
        return reader.list(node, "支出").compactMap { item in
            guard let f = reader.fields(item, "支出记录", allowed: V.expenditureKeys,
                                        required: ["功能分类", "经济分类", "资金", "性质", "金额"]) else { return nil }
            let code = reader.functionalItem(f["功能分类"]), econ = reader.economicItem(f["经济分类"])
            let fund = reader.fund(f["资金"]), nature = reader.nature(f["性质"]), amount = reader.amount(f["金额"], "金额")
            let project = reader.text(f["项目"], "项目")
            if nature == .project, f["项目"] == nil {
                reader.report(item, "项目支出须注明“项目”（项目名称）")
                return nil
            }
            guard let code, let econ, let fund, let nature, let amount else { return nil }
            let key = ExpenditureKey(code: code, economic: econ, fund: fund, nature: nature, project: project)
            guard dup.check(key, text: "功能分类\(code)、经济分类\(econ)、资金\(fund.rawValue)、性质\(V.natureName(nature))"
                                       + (project.map { "、项目\($0)" } ?? ""), item, "支出记录", reader: reader) else { return nil }
            return ExpenditureFact(functionalCode: code, economicCode: econ, fund: fund, nature: nature,
                                   project: project, amount: amount, origin: reader.location(item))
        }
    }

    private func balances(_ node: Node?) -> [BalanceFact] {
        let dup = DuplicateCheck<BalanceKey>()
        return reader.list(node, "结转结余").compactMap { item in
            guard let f = reader.fields(item, "结转结余记录", allowed: V.balanceKeys, required: ["资金"]) else { return nil }
            let fund = reader.fund(f["资金"])
            let code = f["功能分类"].map { reader.functionalItem($0) }
            let opening = amountOrZero(f["年初"], "年初结转和结余")
            let closing = amountOrZero(f["年末"], "年末结转和结余")
            guard let fund, let opening, let closing, code != .some(nil) else { return nil }
            let functional = code ?? nil
            guard dup.check(BalanceKey(fund: fund, code: functional),
                            text: "资金\(fund.rawValue)、功能分类\(functional ?? "（未分科目）")", item, "结转结余记录", reader: reader)
            else { return nil }
            return BalanceFact(fund: fund, functionalCode: functional, opening: opening, closing: closing,
                               origin: reader.location(item))
        }
    }

    private func threePublic(_ node: Node?) -> [ThreePublicFact] {
        let dup = DuplicateCheck<String>()
        return reader.list(node, "三公经费").compactMap { item in
            guard let f = reader.fields(item, "三公经费记录", allowed: V.threePublicKeys, required: ["资金", "项目"]) else { return nil }
            let fund = reader.fund(f["资金"]), kind = reader.threePublicItem(f["项目"])
            let budget = amountOrZero(f["预算数"], "预算数")
            let actual = amountOrZero(f["决算数"], "决算数")
            guard let fund, let kind, let budget, let actual,
                  dup.check("资金\(fund.rawValue)、项目\(kind.rawValue)", item, "三公经费记录", reader: reader) else { return nil }
            return ThreePublicFact(fund: fund, item: kind, budget: budget, actual: actual, origin: reader.location(item))
        }
    }

    private func threePublicCounts(_ node: Node) -> ThreePublicCounts {
        var counts = ThreePublicCounts()
        guard let f = reader.fields(node, "三公数量", allowed: V.countKeys.map(\.key) + V.vehicleTypeKeys.map(\.key)) else { return counts }
        for (key, path) in V.countKeys {
            if let n = f[key].flatMap({ reader.count($0, key) }) { counts[keyPath: path] = n }
        }
        for (key, path) in V.vehicleTypeKeys {
            guard let node = f[key] else { continue }
            guard let m = reader.pairs(node) else {
                if !reader.isNull(node) { reader.report(node, "\(key)应写成“车型: 数量”的映射，如 {轿车: 0, 越野车: 0, 载客汽车: 0}") }
                continue
            }
            var seen: Set<String> = []
            for (k, v) in m {
                guard let type = reader.text(k, "车型"), let n = reader.count(v, "\(key)数量") else { continue }
                guard seen.insert(type).inserted else { reader.report(k, "车型“\(type)”重复"); continue }
                counts[keyPath: path].append(VehicleTypeCount(type: type, count: n))
            }
        }
        return counts
    }

    private func budgets(_ node: Node?) -> [BudgetFigure] {
        let dup = DuplicateCheck<BudgetKey>()
        return reader.list(node, "全年预算").compactMap { item in
            guard let f = reader.fields(item, "全年预算记录", allowed: V.budgetKeys, required: ["功能分类", "金额"]) else { return nil }
            let code = reader.functionalItem(f["功能分类"])
            let fund: Fund? = f["资金"] == nil ? .generalBudget : reader.fund(f["资金"])
            let amount = reader.amount(f["金额"], "金额")
            guard let code, let fund, let amount,
                  dup.check(BudgetKey(code: code, fund: fund), text: "功能分类\(code)、资金\(fund.rawValue)", item, "全年预算记录",
                            reader: reader) else { return nil }
            return BudgetFigure(functionalCode: code, fund: fund, amount: amount, origin: reader.location(item))
        }
    }

    private func priorYear(_ node: Node) -> [PriorYearMetric: Money] {
        var result: [PriorYearMetric: Money] = [:]
        guard let f = reader.fields(node, "上年数", allowed: PriorYearMetric.allCases.map(\.rawValue)) else { return result }
        for metric in PriorYearMetric.allCases {
            if let m = f[metric.rawValue].flatMap({ reader.amount($0, "上年\(metric.rawValue)") }) { result[metric] = m }
        }
        return result
    }

    private func procurement(_ node: Node) -> Procurement {
        var p = Procurement()
        guard let f = reader.fields(node, "政府采购", allowed: V.procurementKeys) else { return p }
        let paths: [WritableKeyPath<Procurement, Money>] = [\.goods, \.works, \.services, \.smeContracts, \.smallMicroContracts]
        for (key, path) in zip(V.procurementKeys, paths) {
            if let m = f[key].flatMap({ reader.amount($0, key) }) { p[keyPath: path] = m }
        }
        return p
    }

    private func assets(_ node: Node) -> StateAssets {
        var a = StateAssets()
        guard let f = reader.fields(node, "国有资产", allowed: V.assetKeys) else { return a }
        if let vehicles = f["车辆"] {
            if let m = reader.pairs(vehicles) {
                var seen: Set<String> = []
                for (k, v) in m {
                    guard let use = reader.text(k, "车辆用途"), let n = reader.count(v, "车辆数量") else { continue }
                    guard seen.insert(use).inserted else { reader.report(k, "车辆用途“\(use)”重复"); continue }
                    a.vehicles.append((use, n))
                }
            } else if !reader.isNull(vehicles) {
                reader.report(vehicles, "车辆应写成“用途: 数量”的映射，如 {主要领导干部用车: 0, 其他用车: 1}")
            }
        }
        if let n = f["单价50万元以上通用设备"].flatMap({ reader.count($0, "单价50万元以上通用设备") }) { a.generalEquipmentOver500k = n }
        if let n = f["单价100万元以上专用设备"].flatMap({ reader.count($0, "单价100万元以上专用设备") }) { a.specialEquipmentOver1m = n }
        return a
    }

    private func performance(_ node: Node?) -> [PerformanceEvaluation] {
        let dup = DuplicateCheck<String>()
        return reader.list(node, "绩效自评").compactMap { item in
            guard let f = reader.fields(item, "绩效自评", allowed: V.performanceKeys,
                                        required: ["项目", "主管部门", "实施单位", "财政拨款", "指标"]) else { return nil }
            let project = reader.text(f["项目"], "项目")
            let department = reader.text(f["主管部门"], "主管部门"), unit = reader.text(f["实施单位"], "实施单位")
            let fiscal = reader.amount(f["财政拨款"], "财政拨款")
            let other = amountOrZero(f["其他资金"], "其他资金")
            let planned = reader.text(f["预期目标"], "预期目标", allowEmpty: true) ?? ""
            let actual = reader.text(f["实际完成"], "实际完成", allowEmpty: true) ?? ""
            let indicators = reader.list(f["指标"], "指标").compactMap(indicator)
            guard let project, let department, let unit, let fiscal, let other,
                  dup.check("项目\(project)", item, "绩效自评", reader: reader) else { return nil }
            return PerformanceEvaluation(project: project, department: department, implementingUnit: unit,
                                         fiscalFunds: fiscal, otherFunds: other, plannedGoal: planned,
                                         actualGoal: actual, indicators: indicators)
        }
    }

    private func indicator(_ node: Node) -> PerformanceIndicator? {
        guard let f = reader.fields(node, "绩效指标", allowed: V.indicatorKeys, required: V.indicatorKeys) else { return nil }
        let values = V.indicatorKeys.map { reader.text(f[$0], "绩效指标的\($0)", allowEmpty: true) }
        guard let l1 = values[0], let l2 = values[1], let l3 = values[2], let p = values[3], let a = values[4] else { return nil }
        return PerformanceIndicator(level1: l1, level2: l2, level3: l3, planned: p, actual: a)
    }
}
