import Accounts
import ArgumentParser
import Batch
import Foundation

/// `juesuan sample`: a deterministic synthetic department (for trying `batch` and for benchmarks).
struct Sample: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "生成一个虚构部门的示例数据（本级单位与下属单位的数据文件及部门文件）。",
        discussion: "同样的单位数与种子总是生成完全相同的文件。输出：<目录>/department.yaml 与 <目录>/units/*.yaml。"
    )

    @Option(name: .customLong("units"), help: ArgumentHelp("单位数（含部门本级）。", valueName: "数量"))
    var units: Int

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("输出目录。", valueName: "目录"))
    var output: String

    @Option(name: .customLong("seed"), help: ArgumentHelp("随机种子（默认 2021）。", valueName: "种子"))
    var seed: UInt64 = 2021

    @Flag(name: .customLong("force"), help: "输出目录中已有示例数据时，覆盖它们。")
    var force = false

    func run() throws {
        if !force, let existing = existingOutputs(in: output, names: ["department.yaml", "units"]) {
            throw fail("输出目录 \(output) 中已有示例数据（\(existing)）。如要覆盖，请加 --force，或用 -o 指定其他目录。")
        }
        do {
            let catalogue = try SubjectCatalogue.builtin2021()
            let department = try SyntheticDepartment(units: units, seed: seed, catalogue: catalogue)
            let path = try department.write(to: output, catalogue: catalogue)
            print("已生成 \(units) 个单位的示例数据：\(path)")
        } catch {
            throw fail("生成示例数据失败：\(error)")
        }
    }
}

/// The first of `names` that already exists in `directory`, if any (for refusing to overwrite a
/// previous run's outputs without --force).
func existingOutputs(in directory: String, names: [String]) -> String? {
    names.first { FileManager.default.fileExists(atPath: directory + "/" + $0) }
}
