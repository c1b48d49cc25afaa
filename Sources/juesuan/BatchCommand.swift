import Accounts
import ArgumentParser
import Batch
import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `juesuan batch`: every unit of a department, the consolidated workbook and an index.
struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "批量处理一个部门的全部单位：逐单位导出并核对决算表，生成汇总表和索引。",
        discussion: """
            输入为部门文件（格式见 docs/batch.md）。输出目录中：units/<单位编码>.xlsx 与 .check.json，
            <部门代码>-汇总.xlsx 与 .check.json，index.xlsx 与 index.html。
            退出状态：0 全部成功；1 有单位失败；2 无法运行或没有单位成功；130 被中断。
            """
    )

    @Argument(help: ArgumentHelp("部门文件（department.yaml）。", valueName: "部门文件"))
    var input: String

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("输出目录（默认 Output/batch）。", valueName: "目录"))
    var output = "Output/batch"

    @Option(name: [.short, .customLong("jobs")], help: ArgumentHelp("并行处理的单位数（默认为处理器核数）。", valueName: "N"))
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .customLong("template"), help: ArgumentHelp("模板工作簿（默认 Templates/sichuan-2021/template.xlsx）。", valueName: "模板"))
    var template: String?

    @Flag(name: .customLong("force"), help: "输出目录中已有上次批量处理的结果时，覆盖它们。")
    var force = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("-j 须为正整数") }
    }

    func run() throws {
        // A second run into the same folder would replace the first run's workbooks one by one:
        // refuse up front unless told to, so nothing is lost without asking.
        if !force, let existing = existingOutputs(in: output, names: ["index.xlsx", "index.html", "units"]) {
            throw fail("输出目录 \(output) 中已有批量处理结果（\(existing)）。如要覆盖，请加 --force，或用 -o 指定其他目录。")
        }
        let catalogue: SubjectCatalogue
        do { catalogue = try SubjectCatalogue.builtin2021() } catch { throw fail("无法读取科目表：\(error)") }
        let cancel = CancellationFlag()
        let interrupt = Self.onInterrupt(cancel)
        defer { interrupt.cancel() }
        let runner = BatchRunner(options: BatchOptions(departmentFile: input, outputDirectory: output, jobs: jobs, template: template),
                                 catalogue: catalogue)
        let report: BatchReport
        do {
            let department = try BatchRunner.loadDepartment(path: input)
            let total = 1 + department.subordinates.count
            report = try runner.run(department: department, cancel: cancel, progress: .standardError(total: total))
        } catch {
            throw fail("\(error)")
        }
        var summary = "完成：\(report.units.count) 个单位，成功 \(report.succeededCount)，失败 \(report.failedCount)"
        if report.interrupted { summary = "已中断：处理了 \(report.succeededCount + report.failedCount) 个单位，失败 \(report.failedCount)" }
        print(summary)
        if !report.indexWorkbook.isEmpty {
            print("索引：\(output)/\(report.indexWorkbook)、\(output)/\(report.indexPage)")
        }
        if report.interrupted { throw ExitCode(130) }
        if report.exitStatus != 0 { throw ExitCode(report.exitStatus) }
    }

    /// First Ctrl-C: stop handing out units and let the ones in progress finish (their files are
    /// written atomically). Second Ctrl-C: leave at once.
    static func onInterrupt(_ cancel: CancellationFlag) -> DispatchSourceSignal {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler {
            if cancel.isCancelled { _exit(130) }
            cancel.cancel()
            FileHandle.standardError.write(Data("\n收到中断信号：不再开始新的单位，正在完成进行中的单位……（再按一次 Ctrl-C 立即退出）\n".utf8))
        }
        source.resume()
        return source
    }
}
