// juesuan-bench: in-process timing loops for bench/run.sh. Each mode runs a few warm-up
// iterations, then times `iterations` runs and prints one JSON line (milliseconds).
//   juesuan-bench export DATA.yaml TEMPLATE OUT.xlsx ITERATIONS   read data, build tables, fill template, write file
//   juesuan-bench check WORKBOOK.xlsx ITERATIONS                  open, read the tables back, evaluate every table rule
//   juesuan-bench yaml DATA.yaml ITERATIONS                       the data file alone: the YAML document tree, then the whole load
import Accounts
import Batch
import Foundation
import TableSet

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

func report(_ mode: String, _ samples: [Double], extra: String = "") {
    let s = samples.sorted()
    let median = s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    print(String(format: "{\"tool\":\"juesuan\",\"mode\":\"%@\",\"iterations\":%d,\"median_ms\":%.3f,\"min_ms\":%.3f,\"max_ms\":%.3f%@}",
                 mode, s.count, median, s.first ?? 0, s.last ?? 0, extra))
}

func timed(iterations: Int, warmUp: Int = 3, _ body: () throws -> Void) rethrows -> [Double] {
    for _ in 0..<warmUp { try body() }
    var samples: [Double] = []
    for _ in 0..<iterations {
        let t = now()
        try body()
        samples.append(Double(now() - t) / 1e6)
    }
    return samples
}

AllocatorTuning.keepFreedMemory()   // as the juesuan command does
let args = CommandLine.arguments
func usage() -> Never {
    FileHandle.standardError.write(Data("用法：juesuan-bench export 数据.yaml 模板.xlsx 输出.xlsx 次数 | juesuan-bench check 工作簿.xlsx 次数\n".utf8))
    exit(2)
}

do {
    guard args.count >= 2 else { usage() }
    switch args[1] {
    case "export":
        guard args.count == 6, let n = Int(args[5]) else { usage() }
        let catalogue = try SubjectCatalogue.builtin2021()
        let samples = try timed(iterations: n) {
            let accounts = try UnitDataFile.load(path: args[2], catalogue: catalogue)
            try WorkbookExport.export(accounts, catalogue: catalogue, template: args[3], to: args[4], overwrite: true)
        }
        report("export", samples)
    case "yaml":
        // How much of an export is reading the data file, and how much of that is building the YAML tree.
        guard args.count == 4, let n = Int(args[3]) else { usage() }
        let catalogue = try SubjectCatalogue.builtin2021()
        let text = try String(contentsOfFile: args[2], encoding: .utf8)
        report("yaml-document", try timed(iterations: n) { _ = try YAMLDocument.parse(text) })
        report("data-load", try timed(iterations: n) { _ = try UnitDataFile.load(path: args[2], catalogue: catalogue) })
    case "check":
        guard args.count == 4, let n = Int(args[3]) else { usage() }
        var findings = 0
        let samples = timed(iterations: n) {
            findings = WorkbookCheck.findings(workbook: args[2], name: "bench").count
        }
        report("check", samples, extra: ",\"findings\":\(findings)")
    case "index":
        // The index alone for N made-up units: shows how much of a batch's peak memory the index takes.
        guard args.count >= 4, let n = Int(args[2]) else { usage() }
        let only = args.count > 4 ? args[4] : ""
        let dept = DepartmentFile(code: "901", name: "示例部门", ownUnit: "units/901001.yaml", subordinates: [],
                                  baseDirectory: URL(fileURLWithPath: args[3]))
        var rows: [UnitSummary] = []
        for i in 0..<n {
            var s = UnitSummary(index: i, role: i == 0 ? .own : .subordinate, dataFile: "units/9\(100000 + i).yaml", status: .succeeded)
            s.code = "9\(100000 + i)"; s.name = "示例市就业创业促进中心（\(i)）"; s.year = 2021
            s.grandTotal = Money(fen: Int64(i) * 12_345_67); s.incomeTotal = s.grandTotal; s.expenditureTotal = s.grandTotal
            s.errors = i % 3; s.hints = i % 40
            s.workbook = "units/\(s.code!).xlsx"; s.checkFile = "units/\(s.code!).check.json"
            rows.append(s)
        }
        let t = now()
        try BatchReport(department: dept, units: rows, consolidated: UnitSummary(index: -1, role: .own, dataFile: ""))
            .writeIndex(into: args[3], workbook: only != "html", page: only != "xlsx")
        print(String(format: "{\"tool\":\"juesuan\",\"mode\":\"index\",\"units\":%d,\"ms\":%.1f}", n, Double(now() - t) / 1e6))
    default:
        usage()
    }
} catch {
    FileHandle.standardError.write(Data("错误：\(error)\n".utf8))
    exit(2)
}
