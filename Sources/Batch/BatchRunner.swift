import Accounts
import Foundation
import OOXML
import Reconcile
import TableSet

public struct BatchOptions: Sendable {
    public var departmentFile: String
    public var outputDirectory: String
    public var jobs: Int
    /// The template workbook; nil: the repository's default template, else the built-in layout.
    public var template: String?

    public init(departmentFile: String, outputDirectory: String, jobs: Int, template: String? = nil) {
        self.departmentFile = departmentFile; self.outputDirectory = outputDirectory
        self.jobs = jobs; self.template = template
    }
}

/// The outcome of a batch: one summary per unit (department file order) and the consolidated row.
/// After a run the unit rows are read back from a temporary file one at a time, never all held.
public struct BatchReport: Sendable {
    public var department: DepartmentFile
    public var units: UnitSummaries
    public var consolidated: UnitSummary
    public var consolidationFindings: [Finding]
    public var interrupted: Bool
    /// Output files, relative to the output folder.
    public var indexWorkbook: String
    public var indexPage: String

    public init(department: DepartmentFile, units: [UnitSummary], consolidated: UnitSummary,
                consolidationFindings: [Finding] = [], interrupted: Bool = false,
                indexWorkbook: String = "index.xlsx", indexPage: String = "index.html") {
        self.init(department: department, summaries: UnitSummaries(units), consolidated: consolidated,
                  consolidationFindings: consolidationFindings, interrupted: interrupted,
                  indexWorkbook: indexWorkbook, indexPage: indexPage)
    }

    init(department: DepartmentFile, summaries: UnitSummaries, consolidated: UnitSummary,
         consolidationFindings: [Finding], interrupted: Bool, indexWorkbook: String, indexPage: String) {
        self.department = department; self.units = summaries; self.consolidated = consolidated
        self.consolidationFindings = consolidationFindings; self.interrupted = interrupted
        self.indexWorkbook = indexWorkbook; self.indexPage = indexPage
    }

    public var failedCount: Int { units.reduce(0) { $0 + ($1.status == .failed ? 1 : 0) } }
    public var succeededCount: Int { units.reduce(0) { $0 + ($1.status == .succeeded ? 1 : 0) } }

    /// 0: every unit done; 1: some unit failed (or the batch was interrupted); 2: nothing could run.
    public var exitStatus: Int32 {
        if succeededCount == 0 { return 2 }
        if failedCount > 0 || interrupted || consolidated.status != .succeeded { return 1 }
        return 0
    }
}

extension BatchReport {
    /// Writes the index workbook and the index page into `directory` (atomically, replacing old ones).
    public func writeIndex(into directory: String, workbook: Bool = true, page: Bool = true) throws {
        if workbook { try IndexWorkbook(report: self).write(to: directory + "/" + indexWorkbook) }
        if page { try IndexPage(report: self).write(to: directory + "/" + indexPage) }
    }
}

/// Fatal problems: the batch could not start at all.
public struct BatchError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Processes every unit of a department on a bounded pool of workers: each unit's workbook and
/// check results, then the consolidated workbook, the index workbook and the index page.
/// Workers add each unit to one running consolidation, never keep a unit's tables; each unit's summary row goes
/// to a temporary file as soon as the unit is done, so memory does not grow with the number of units.
public struct BatchRunner: Sendable {
    public let options: BatchOptions
    let catalogue: SubjectCatalogue

    public init(options: BatchOptions, catalogue: SubjectCatalogue) {
        self.options = options; self.catalogue = catalogue
    }

    public static let unitsFolder = "units"

    public func run(cancel: CancellationFlag = CancellationFlag(), progress: BatchProgress? = nil) throws -> BatchReport {
        try run(department: Self.loadDepartment(path: options.departmentFile), cancel: cancel, progress: progress)
    }

    /// The department file, with the batch's message when it cannot be read.
    public static func loadDepartment(path: String) throws -> DepartmentFile {
        do {
            return try DepartmentFile.load(path: path)
        } catch {
            throw BatchError("无法读取部门文件：\(error)")
        }
    }

    /// Runs the batch on a department file already loaded from `options.departmentFile` (a
    /// caller that needs the unit count first reads the file once, not twice).
    public func run(department: DepartmentFile, cancel: CancellationFlag = CancellationFlag(),
                    progress: BatchProgress? = nil) throws -> BatchReport {
        #if os(Linux)
        // Reading a department file of ten thousand units leaves megabytes free in this thread's
        // arena, which the workers (allocating from arenas of their own) never reuse: give them back.
        _ = glibcMallocTrim(0)
        #endif
        MemoryLog.note("部门文件已读入")
        // With a unit on every core, each unit's sheets are done one after another.
        let spreadBefore = SheetThreads.spread
        SheetThreads.spread = options.jobs < ProcessInfo.processInfo.activeProcessorCount
        defer { SheetThreads.spread = spreadBefore }
        let out = options.outputDirectory
        do {
            try FileManager.default.createDirectory(atPath: out + "/" + Self.unitsFolder, withIntermediateDirectories: true)
        } catch {
            throw BatchError("无法创建输出目录 \(out)：\(error.localizedDescription)")
        }
        let template = try TemplateChoice(explicit: options.template, catalogue: catalogue)
        defer { template.cleanUp() }

        let count = 1 + department.subordinates.count
        let progress = progress ?? BatchProgress(total: count, terminal: false) { _ in }
        let spool = try SummarySpool(directory: out, count: count)
        // One running sum for all workers: adding a unit takes a moment next to processing it, and
        // one set of sums (not one per worker, merged at the end) is all the memory it needs.
        let sums = Locked(Consolidation())
        let claimedCodes = ClaimsInUnitOrder(try UnitCodeClaims(capacity: count, directory: out))
        let worker = UnitWorker(catalogue: catalogue, template: template.path, outputDirectory: out, department: department,
                                departmentFile: options.departmentFile)

        let neverStarted = runBounded(count: count, workers: options.jobs, cancel: cancel) { index, _ in
            // The unit's path is read (from the department's spilled list) only when a worker takes it.
            let role = index == 0 ? UnitRole.own : .subordinate
            var summary: UnitSummary
            do {
                let path = index == 0 ? department.ownUnit : try department.subordinates.path(at: index - 1)
                summary = worker.process(index: index, path: path, role: role, claimedCodes: claimedCodes) { accounts in
                    sums.with { $0.add(accounts, role: role) }
                }
            } catch {
                summary = UnitSummary(index: index, role: role, dataFile: "", status: .failed)
                summary.message = "\(error)"
            }
            claimedCodes.pass(index)   // a unit that failed before claiming its code lets the next ones claim
            do {
                try spool.append(summary)
            } catch {
                summary.status = .failed; summary.message = "\(error)"
            }
            progress.unitFinished(summary)
            #if os(Linux)
            // Give the unit's freed memory back to the system, so that fragments left in the
            // allocator's arenas do not add up over thousands of units.
            _ = glibcMallocTrim(0)
            #endif
            if index % 500 == 0 { MemoryLog.note("单位 \(index)") }
        }
        progress.finish()
        MemoryLog.note("单位完成")
        let interrupted = !neverStarted.isEmpty
        let rows = UnitSummaries(spool: spool, department: department, interrupted: interrupted)

        // Taken out of the lock, so that the consolidation below holds the only copy and can let go of it.
        let consolidation = sums.with { c in defer { c = Consolidation() }; return c }
        let (consolidatedRow, findings) = worker.consolidate(consume consolidation, rows: rows, interrupted: interrupted)
        #if os(Linux)
        // The consolidated workbook and its check are the largest of the batch: give their freed
        // memory back before the index is written, so that the two peaks do not stack.
        _ = glibcMallocTrim(0)
        #endif
        MemoryLog.note("汇总完成")
        progress.note(consolidatedRow.status == .succeeded
            ? "汇总表：\(consolidatedRow.workbook ?? "")（错误 \(consolidatedRow.errors)，提示 \(consolidatedRow.hints)）"
            : "未生成汇总表：\(consolidatedRow.message ?? "")")

        var report = BatchReport(department: department, summaries: rows, consolidated: consolidatedRow,
                                 consolidationFindings: findings, interrupted: interrupted,
                                 indexWorkbook: "index.xlsx", indexPage: "index.html")
        do {
            try report.writeIndex(into: out)
        } catch {
            report.indexWorkbook = ""; report.indexPage = ""
            progress.note("索引写入失败：\(error)")
        }
        MemoryLog.note("索引完成")
        return report
    }
}

/// Which template file every export of the batch fills. Built once into a private scratch folder
/// when neither an explicit template nor the repository's default exists, and removed afterwards.
struct TemplateChoice: Sendable {
    var path: String
    var scratchFolder: String?

    init(explicit: String?, catalogue: SubjectCatalogue) throws {
        if let explicit {
            guard FileManager.default.fileExists(atPath: explicit) else { throw BatchError("找不到模板文件：\(explicit)") }
            path = explicit
        } else if FileManager.default.fileExists(atPath: WorkbookExport.defaultTemplate) {
            path = WorkbookExport.defaultTemplate
        } else {
            let folder = NSTemporaryDirectory() + "juesuan-batch-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                try TemplateBuilder(catalogue: catalogue).write(to: folder + "/template.xlsx", overwrite: true)
            } catch {
                try? FileManager.default.removeItem(atPath: folder)
                throw BatchError("无法生成内置模板：\(error)")
            }
            path = folder + "/template.xlsx"
            scratchFolder = folder
        }
    }

    func cleanUp() {
        if let scratchFolder { try? FileManager.default.removeItem(atPath: scratchFolder) }
    }
}
