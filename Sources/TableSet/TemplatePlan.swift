import Foundation
import OOXML

/// What filling needs from a template, read once: its worksheets' bytes and marker scans.
/// Exports of many units against one template (a batch, a benchmark) reuse it instead of
/// re-reading and re-parsing the template's parts every time.
struct TemplatePlan {
    struct Sheet: Sendable {
        var entry: TemplateFiller.SheetEntry
        var data: Data
        var scan: SheetScan
        /// The sheet compiled to chunks and slots; nil when it could not be (it is then re-walked).
        var compiled: CompiledSheet?
    }

    var workbookPart: String
    /// The workbook part compiled for moving defined names; nil when it could not be (re-walked then).
    var workbook: CompiledWorkbook?
    /// Worksheets holding markers (each with its `{{表}}` marker), in workbook order.
    var sheets: [Sheet]

    init(package: PackageReader, file: String) throws {
        workbookPart = try TemplateFiller.officeDocument(package)
        let found = try TemplateFiller.sheets(package, workbookPart: workbookPart)
        workbook = try? CompiledWorkbook.compile(try package.read(workbookPart), file: file, part: workbookPart)
        let sharedStrings: [String]
        if let sst = found.sharedStrings, package.contains(sst) {
            sharedStrings = try SheetScanner.sharedStrings(try package.read(sst), file: file, part: sst)
        } else {
            sharedStrings = []
        }
        sheets = []
        for sheet in found.list {
            let data = try package.read(sheet.part)
            var scan = try SheetScanner.scan(data, file: file, part: sheet.part, sharedStrings: sharedStrings)
            if scan.region != nil { scan.summary = RegionSummary(scan) }
            guard !scan.markerCells.isEmpty else { continue }
            guard scan.table != nil else {
                throw TableSetError("模板 \(file) 的工作表“\(sheet.name)”有标记，但没有 {{表:表名}} 标记说明它是哪张表")
            }
            // A sheet that fails to compile is rewritten the slow way, which reports what is wrong.
            let compiled = try? TemplateSheetWriter.compile(data, scan: scan, file: file, part: sheet.part)
            sheets.append(Sheet(entry: sheet, data: data, scan: scan, compiled: compiled ?? nil))
        }
    }
}

/// Plans by template path, valid while the file's size and modification time stay the same.
/// Errors are not cached: a broken template is re-read (and reported) on every export.
final class TemplatePlanCache: @unchecked Sendable {
    static let shared = TemplatePlanCache()

    private struct Stamp: Equatable { var size: UInt64; var modified: Date }
    private let lock = NSLock()
    private var entries: [String: (stamp: Stamp, plan: TemplatePlan)] = [:]

    func plan(for path: String, package: PackageReader) throws -> TemplatePlan {
        // lstat, as FileManager's attributes, without the owner and group names those look up
        // (reading /etc/passwd and /etc/group on every export).
        var info = stat()
        let stamp = lstat(path, &info) != 0 ? nil : Stamp(size: UInt64(info.st_size), modified: Date(
            timeIntervalSince1970: TimeInterval(info.st_mtim.tv_sec) + TimeInterval(info.st_mtim.tv_nsec) / 1e9))
        let key = URL(fileURLWithPath: path).standardizedFileURL.path   // the same file whatever the working directory
        if let stamp, let cached = lock.withLock({ entries[key] }), cached.stamp == stamp { return cached.plan }
        let plan = try TemplatePlan(package: package, file: path)
        if let stamp { lock.withLock { entries[key] = (stamp, plan) } }
        return plan
    }

    func removeAll() { lock.withLock { entries = [:] } }
}
