import Accounts
import Foundation
import OOXML
import Reconcile
import TableSet

/// The work on one unit: read its data, export its workbook, check the workbook, write the check
/// results. Every file is written atomically, so an interrupted batch leaves only complete files.
struct UnitWorker: Sendable {
    let catalogue: SubjectCatalogue
    let template: String
    let outputDirectory: String
    let department: DepartmentFile
    /// The department file's path, for findings about the department as a whole.
    let departmentFile: String

    /// Processes one unit; `accepted` receives the unit's accounts before its workbook is written,
    /// so that the accounts are let go of once the tables are built, not held while the workbook is
    /// filled and read back. (A unit that fails later blocks the consolidated workbook all the same,
    /// so adding it early changes nothing.)
    func process(index: Int, path: String, role: UnitRole, claimedCodes: ClaimsInUnitOrder,
                 accepted: (UnitAccounts) -> Void) -> UnitSummary {
        var s = UnitSummary(index: index, role: role, dataFile: path, status: .failed)
        let file = department.url(of: path).path
        let accounts: UnitAccounts
        do {
            accounts = try UnitDataFile.load(path: file, catalogue: catalogue, spread: SheetThreads.spread)
        } catch {
            s.message = error.problems.prefix(5).map(\.description).joined(separator: "；")
                + (error.problems.count > 5 ? "；等共\(error.problems.count)处问题" : "")
            return s
        }
        s.code = accounts.unit.code; s.name = accounts.unit.name; s.year = accounts.unit.year
        s.setTotals(accounts)
        let clash: Int?
        do {
            clash = try claimedCodes.claim(accounts.unit.code, by: index)
        } catch {
            s.message = "\(path)：\(error)"
            return s
        }
        if let clash {
            s.message = "\(path)：单位编码“\(accounts.unit.code)”与第\(clash + 1)个单位重复，未导出"
            return s
        }
        let base = BatchRunner.unitsFolder + "/" + Self.fileStem(accounts.unit.code)
        accepted(accounts)
        guard export(consume accounts, base: base, into: &s) else { return s }
        check(base: base, extraFindings: [], into: &s)
        return s
    }

    /// Exports `accounts` as `<base>.xlsx`; false (with the message set) when it could not be written.
    /// The same steps as `WorkbookExport.export` with a template file (a batch always has one), but
    /// the accounts are let go of once the tables are built, and the tables once the template is
    /// filled, before the package is compressed (libzip takes a copy of every filled sheet).
    /// `trimBetweenSteps` (the consolidated workbook, the largest export) gives freed memory back
    /// after each step, so that what one step let go of does not stay resident under the next.
    func export(_ accounts: consuming UnitAccounts, base: String, trimBetweenSteps: Bool = false,
                into s: inout UnitSummary) -> Bool {
        let workbook = base + ".xlsx"
        func trim() {
            #if os(Linux)
            if trimBetweenSteps { _ = glibcMallocTrim(0) }
            #endif
        }
        do {
            let unit = accounts.unit
            let tables = try TableBuilder(catalogue: catalogue, unit: .wanYuan).build(accounts)
            _ = consume accounts
            trim()
            guard FileManager.default.fileExists(atPath: template) else { throw TableSetError("找不到模板文件：\(template)") }
            let package = try TemplateFiller(templatePath: template).fill(tables, unit: unit)
            _ = consume tables
            trim()
            try package.write(to: outputDirectory + "/" + workbook, overwrite: true)
        } catch {
            s.message = "\(s.dataFile.isEmpty ? (s.name ?? "") : s.dataFile)：导出失败：\(error)"
            return false
        }
        s.workbook = workbook
        return true
    }

    /// Checks the exported `<base>.xlsx` and writes `<base>.check.json`; the unit succeeds unless
    /// the check results could not be written (then the message says why).
    func check(base: String, extraFindings: [Finding], into s: inout UnitSummary) {
        let workbook = base + ".xlsx", json = base + ".check.json"
        let report = WorkbookCheck.report(workbook: outputDirectory + "/" + workbook, name: workbook, extraFindings: extraFindings)
        s.errors = report.errors
        s.hints = report.hints
        do {
            // Streamed: the consolidated report has over a thousand findings (CheckReport.streamJSON).
            try StreamedFile(path: outputDirectory + "/" + json).write { emit in
                try report.streamJSON(emit)
                try emit("\n")
            }
            s.checkFile = json
        } catch {
            s.message = "核对结果写入失败：\(error)"
            return
        }
        s.status = .succeeded
    }

    /// The consolidated workbook, unless a unit is missing (a partial sum would mislead). Takes the
    /// running sums over and lets go of them, and of the accounts built from them, once the workbook
    /// is written: only the workbook's check is left then, the largest step of the batch's end.
    func consolidate(_ c: consuming Consolidation, rows: UnitSummaries, interrupted: Bool) -> (UnitSummary, [Finding]) {
        var s = UnitSummary(index: -1, role: .own, dataFile: "", status: .failed)
        s.code = department.code
        s.name = department.name + "（汇总）"
        if interrupted {
            s.status = .skipped; s.message = "批处理被中断，未生成汇总表"
            return (s, [])
        }
        // One pass over the rows (read one at a time), then a second one for the years.
        var failedCount = 0, firstFailed: [String] = [], ownYear: Int?, anyYear: Int?
        for row in rows {
            if row.status != .succeeded {
                failedCount += 1
                if firstFailed.count < 3 { firstFailed.append(row.dataFile) }
            }
            if row.role == .own, ownYear == nil { ownYear = row.year }
            if anyYear == nil, let y = row.year { anyYear = y }
        }
        if failedCount > 0 {
            s.message = "有\(failedCount)个单位处理失败，未生成汇总表（请先修正：\(firstFailed.joined(separator: "、"))）"
            return (s, [])
        }
        let year = ownYear ?? anyYear ?? 0
        var yearFindings: [Finding] = []
        for row in rows where row.year != year {
            yearFindings.append(Finding(rule: "汇总.年度", severity: .error, location: .file(row.dataFile),
                                        message: "\(row.dataFile) 的年度为\(row.year.map(String.init) ?? "未知")，与本级单位的\(year)年不一致"))
        }
        // The consolidated set is the department's own report, and a 主管部门 is an administrative body.
        // (No table or check reads the kind.)
        let info = UnitInfo(code: department.code, name: department.name, year: year, kind: .administrative)
        let base = Self.fileStem(department.code) + "-汇总"
        s.year = year
        let all: [Finding]
        do {
            let (accounts, findings) = c.result(unit: info, file: departmentFile)
            _ = consume c
            #if os(Linux)
            // Building the facts from the sums used more memory than the facts keep: give it back.
            _ = glibcMallocTrim(0)
            #endif
            all = yearFindings + findings
            s.setTotals(accounts)
            guard export(consume accounts, base: base, trimBetweenSteps: true, into: &s) else { return (s, all) }
        }
        // The batch fills no more workbooks: the compiled template (about 2.4 MiB, kept for reuse
        // by every unit) would otherwise stay under the check, the batch's largest step at its end.
        TemplateFiller.forgetCompiledTemplates()
        #if os(Linux)
        // The export's and the sums' memory is free now: give it back before the check reads the
        // workbook, so that the two do not add up (a unit trims once, at its end).
        _ = glibcMallocTrim(0)
        #endif
        MemoryLog.note("汇总表已导出")
        checkRuleByRule(base: base, extraFindings: all, into: &s)
        return (s, all)
    }

    /// `check` for the consolidated workbook: the same check file, written while the rules run one
    /// by one, so that its thousand and more findings are never all held.
    func checkRuleByRule(base: String, extraFindings: [Finding], into s: inout UnitSummary) {
        let workbook = base + ".xlsx", json = base + ".check.json"
        do {
            var counts = FindingCounts()
            try StreamedFile(path: outputDirectory + "/" + json).write { emit in
                counts = try CheckReport.streamJSON(workbook: workbook, narrative: nil, claims: nil, findings: { each in
                    try WorkbookCheck.eachFinding(workbook: outputDirectory + "/" + workbook, name: workbook,
                                                  before: extraFindings, each)
                }, emit)
                try emit("\n")
            }
            s.errors = counts.errors
            s.hints = counts.hints
            s.checkFile = json
        } catch {
            s.message = "核对结果写入失败：\(error)"
            return
        }
        s.status = .succeeded
    }

    /// A code made safe as a file name.
    static func fileStem(_ code: String) -> String {
        String(code.map { "/\\:*?\"<>|\0".contains($0) || $0.isNewline ? "_" : $0 })
    }
}
