import Accounts
@testable import Batch
import Foundation
import OOXML
import Reconcile
import Testing

/// End-to-end runs of the batch on small synthetic departments written to a scratch folder.
@Suite final class BatchRunTests {
    let catalogue: SubjectCatalogue
    let root: String

    init() throws {
        catalogue = try SubjectCatalogue.builtin2021()
        root = NSTemporaryDirectory() + "juesuan-batch-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    func makeDepartment(units: Int, seed: UInt64) throws -> String {
        try SyntheticDepartment(units: units, seed: seed, catalogue: catalogue).write(to: root + "/dept", catalogue: catalogue)
    }

    func run(_ departmentFile: String, jobs: Int = 2, cancel: CancellationFlag = CancellationFlag(),
             progress: BatchProgress? = nil) throws -> BatchReport {
        try BatchRunner(options: BatchOptions(departmentFile: departmentFile, outputDirectory: root + "/out", jobs: jobs),
                        catalogue: catalogue).run(cancel: cancel, progress: progress)
    }

    /// Every file under `folder`, relative.
    func files(_ folder: String) -> [String] {
        (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).filter {
            var dir: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder + "/" + $0, isDirectory: &dir) && !dir.boolValue
        }.sorted()
    }

    func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: root + "/out/" + relative) }

    @Test func fiveUnitsEndToEnd() throws {
        let dept = try makeDepartment(units: 5, seed: 11)
        let report = try run(dept)
        #expect(report.exitStatus == 0)
        #expect(report.succeededCount == 5 && report.failedCount == 0 && !report.interrupted)
        let codes = ["901001", "901002", "901003", "901004", "901005"]
        #expect(report.units.map { $0.code ?? "" } == codes)
        for code in codes {
            #expect(exists("units/\(code).xlsx"))
            #expect(exists("units/\(code).check.json"))
        }
        #expect(exists("901-汇总.xlsx") && exists("901-汇总.check.json"))
        #expect(exists("index.xlsx") && exists("index.html"))

        // The consolidated workbook, read back, passes every table rule (尾差 hints allowed).
        #expect(report.consolidated.status == .succeeded)
        let findings = WorkbookCheck.findings(workbook: root + "/out/901-汇总.xlsx", name: "汇总")
        #expect(findings.filter { $0.severity == .error }.isEmpty, "\(findings.filter { $0.severity == .error }.map(\.message))")
        #expect(report.consolidationFindings.isEmpty)

        // Index rows: the consolidated row, then one per unit with the unit's own totals.
        let sheet = try WorkbookReader.open(path: root + "/out/index.xlsx").sheet(at: 0)
        #expect(sheet.value(row: 2, column: 1) == .string("单位编码"))
        #expect(sheet.value(row: 3, column: 0) == .string("汇总"))
        for (i, code) in codes.enumerated() {
            let r = 4 + i
            #expect(sheet.value(row: r, column: 1) == .string(code))
            #expect(sheet.value(row: r, column: 4) == .string("成功"))
            let unit = try UnitDataFile.load(path: root + "/dept/units/\(code).yaml", catalogue: catalogue)
            let income = unit.income.map(\.amount).sum(), spent = unit.expenditure.map(\.amount).sum()
            #expect(sheet.value(row: r, column: 6) == .number(Decimal(income.fen) / 100))
            #expect(sheet.value(row: r, column: 7) == .number(Decimal(spent.fen) / 100))
            #expect(sheet.value(row: r, column: 8) == .number(Decimal(report.units[i].errors)))
            #expect(sheet.value(row: r, column: 10) == .string("units/\(code).xlsx"))
        }
        #expect(sheet.value(row: 9, column: 0) == .empty)

        // The check JSON agrees with the counts in the index.
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: root + "/out/units/901002.check.json"))) as? [String: Any]
        #expect((json?["summary"] as? [String: Any])?["errors"] as? Int == report.units[1].errors)
        #expect((json?["summary"] as? [String: Any])?["hints"] as? Int == report.units[1].hints)
        #expect(json?["schema"] as? String == "juesuan-check/1")
        #expect(json?["workbook"] as? String == "units/901002.xlsx")

        let html = try String(contentsOfFile: root + "/out/index.html", encoding: .utf8)
        #expect(html.contains("<a href=\"units/901003.xlsx\">") && html.contains("成功 5"))
        #expect(!html.contains("<script") && !html.contains("http"))
        #expect(files(root + "/out").allSatisfy { !$0.split(separator: "/").last!.hasPrefix(".") })
    }

    @Test func aBrokenUnitIsReportedAndTheOthersGoOn() throws {
        let dept = try makeDepartment(units: 5, seed: 12)
        // Break one amount of unit 901003 on a line we know.
        let path = root + "/dept/units/901003.yaml"
        var lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        let line = try #require(lines.firstIndex { $0.contains("金额:") && $0.contains("支出") == false && $0.hasPrefix("  - ") })
        lines[line] = lines[line].replacingOccurrences(of: "金额: ", with: "金额: 十二万")
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)

        let report = try run(dept)
        #expect(report.exitStatus == 1)
        #expect(report.failedCount == 1 && report.succeededCount == 4)
        let broken = try #require(report.units.first { $0.status == .failed })
        #expect(broken.dataFile == "units/901003.yaml")
        let message = try #require(broken.message)
        #expect(message.contains("901003.yaml") && message.contains("第\(line + 1)行"), "\(message)")
        #expect(!exists("units/901003.xlsx"))
        for code in ["901001", "901002", "901004", "901005"] { #expect(exists("units/\(code).xlsx")) }
        // No consolidated workbook from a partial department; the index says why.
        #expect(report.consolidated.status == .failed && !exists("901-汇总.xlsx"))
        let sheet = try WorkbookReader.open(path: root + "/out/index.xlsx").sheet(at: 0)
        #expect(sheet.value(row: 6, column: 4) == .string("失败"))
        #expect(sheet.value(row: 6, column: 13).string?.contains("901003.yaml") == true)
        #expect(files(root + "/out").allSatisfy { !$0.contains(".tmp") && !$0.split(separator: "/").last!.hasPrefix(".") })
    }

    @Test func aMissingFileAndADuplicateCodeFailOnlyThoseUnits() throws {
        let dept = try makeDepartment(units: 3, seed: 13)
        var text = try String(contentsOfFile: dept, encoding: .utf8)
        text += "  - \"units/没有这个文件.yaml\"\n"
        try text.write(toFile: dept, atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: root + "/dept/units/901002.yaml", toPath: root + "/dept/units/copy.yaml")
        try (text + "  - \"units/copy.yaml\"\n").write(toFile: dept, atomically: true, encoding: .utf8)
        let report = try run(dept, jobs: 1)
        #expect(report.exitStatus == 1)
        #expect(report.units.map(\.status) == [.succeeded, .succeeded, .succeeded, .failed, .failed])
        #expect(report.units[3].message?.contains("没有这个文件.yaml") == true)
        #expect(report.units[4].message?.contains("重复") == true)
    }

    /// Workers read units at the same time, and a small unit is read long before a large one; the
    /// unit listed later must still be the one refused, however the workers' reading interleaves.
    @Test func ofTwoUnitsWithOneCodeTheOneListedLaterIsRefusedWhateverItsSize() throws {
        let dept = try makeDepartment(units: 8, seed: 15)
        let units = root + "/dept/units"
        let bySize = try FileManager.default.contentsOfDirectory(atPath: units).sorted {
            let size = { (name: String) in (try? FileManager.default.attributesOfItem(atPath: units + "/" + name)[.size] as? Int) ?? 0 }
            return size($0) > size($1)
        }
        let largest = try #require(bySize.first { $0 != "901001.yaml" }), smallest = try #require(bySize.last)
        let largestCode = String(largest.dropLast(".yaml".count))
        // A copy of the smallest unit, given the largest unit's code, listed last.
        let small = try String(contentsOfFile: units + "/" + smallest, encoding: .utf8)
        let smallCode = String(smallest.dropLast(".yaml".count))
        try small.replacingOccurrences(of: "编码: \"\(smallCode)\"", with: "编码: \"\(largestCode)\"")
            .write(toFile: units + "/late.yaml", atomically: true, encoding: .utf8)
        let text = try String(contentsOfFile: dept, encoding: .utf8)
        try (text + "  - \"units/late.yaml\"\n").write(toFile: dept, atomically: true, encoding: .utf8)
        // As many workers as units: every unit is being read at once.
        let report = try run(dept, jobs: 9)
        let last = try #require(report.units.last)
        #expect(last.dataFile == "units/late.yaml" && last.status == .failed)
        #expect(last.message?.contains("重复") == true, "\(last.message ?? "")")
        #expect(report.units.dropLast().allSatisfy { $0.status == .succeeded })
        #expect(report.units.first { $0.dataFile == "units/" + largest }?.status == .succeeded)
    }

    @Test func anInterruptedBatchLeavesOnlyCompleteFiles() throws {
        let dept = try makeDepartment(units: 6, seed: 14)
        let cancel = CancellationFlag()
        // Interrupt as soon as the first unit is reported; one worker, so exactly one unit runs.
        let progress = BatchProgress(total: 6, terminal: false) { _ in cancel.cancel() }
        let report = try run(dept, jobs: 1, cancel: cancel, progress: progress)
        #expect(report.interrupted)
        #expect(report.units.filter { $0.status == .succeeded }.count == 1)
        #expect(report.units.filter { $0.status == .skipped }.count == 5)
        #expect(report.consolidated.status == .skipped && !exists("901-汇总.xlsx"))
        let written = files(root + "/out")
        #expect(written == ["index.html", "index.xlsx", "units/901001.check.json", "units/901001.xlsx"])
        // What was written is complete: the workbook opens and its tables read.
        let reader = try WorkbookReader.open(path: root + "/out/units/901001.xlsx")
        #expect(TableLocator.read(reader: reader, workbook: "x").tables.count >= 14)
    }

    @Test func nothingRunnableIsStatusTwo() throws {
        let dept = try makeDepartment(units: 2, seed: 15)
        for code in ["901001", "901002"] {
            try "不是YAML: [".write(toFile: root + "/dept/units/\(code).yaml", atomically: true, encoding: .utf8)
        }
        #expect(try run(dept).exitStatus == 2)
        #expect(throws: BatchError.self) { _ = try run(root + "/dept/没有.yaml") }
    }

    @Test func mismatchedFlowsReachTheConsolidatedCheck() throws {
        let dept = try makeDepartment(units: 4, seed: 16)
        // Raise the own unit's 对附属单位补助支出 by editing its file: the two sides no longer match.
        let path = root + "/dept/units/901001.yaml"
        var text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let subsidy = try #require(lines.first { $0.contains("对附属单位补助") })
        text = text.replacingOccurrences(of: subsidy, with: subsidy.replacingOccurrences(of: "金额: ", with: "金额: 1"))
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let report = try run(dept)
        #expect(report.consolidationFindings.count >= 1)
        #expect(report.consolidated.errors >= 1)
        let json = try String(contentsOfFile: root + "/out/901-汇总.check.json", encoding: .utf8)
        #expect(json.contains("内部往来无法抵销"))
        // The consolidation's findings come first in the report, before the rules' findings.
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect((findings.first?["rule"] as? String)?.hasPrefix("汇总.") == true)
        #expect(findings.count > report.consolidationFindings.count)
    }

    /// The command reads the department file once and hands it over: the same files as a run
    /// that reads it itself, byte for byte.
    @Test func aDepartmentReadOnceGivesTheSameFiles() throws {
        let dept = try makeDepartment(units: 4, seed: 17)
        let first = try run(dept)
        let department = try BatchRunner.loadDepartment(path: dept)
        #expect(department.subordinates.count == 3)
        let other = root + "/out2"
        let second = try BatchRunner(options: BatchOptions(departmentFile: dept, outputDirectory: other, jobs: 2),
                                     catalogue: catalogue).run(department: department)
        #expect(first.exitStatus == 0 && second.exitStatus == 0)
        let names = files(root + "/out")
        #expect(names.count == 4 * 2 + 4 && names == files(other))
        for name in names {
            let a = try Data(contentsOf: URL(fileURLWithPath: root + "/out/" + name))
            let b = try Data(contentsOf: URL(fileURLWithPath: other + "/" + name))
            #expect(a == b, "\(name)")
        }
        #expect(throws: BatchError.self) { _ = try BatchRunner.loadDepartment(path: root + "/dept/没有.yaml") }
        do {
            _ = try BatchRunner.loadDepartment(path: root + "/dept/没有.yaml")
        } catch {
            #expect("\(error)".hasPrefix("无法读取部门文件"))
        }
    }
}
