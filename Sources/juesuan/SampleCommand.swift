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

    func run() throws {
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
