import ArgumentParser
import Batch
import Foundation

/// The juesuan command. Each subcommand lives in its own file; add new ones to `commands`.
@main
struct Juesuan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "juesuan",
        abstract: "部门决算工具：由单位数据生成决算公开表（.xlsx），核对表格与决算情况说明。",
        discussion: """
            示例：
              juesuan export 单位数据.yaml            导出十五张决算公开表到 Output/
              juesuan export 单位数据.yaml -o 表.xlsx --yuan
            """,
        subcommands: Juesuan.commands
    )

    /// As ArgumentParser's own `main`, after the allocator setting every command benefits from.
    static func main() {
        AllocatorTuning.keepFreedMemory()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }

    /// The subcommands, in the order `juesuan --help` lists them.
    static var commands: [ParsableCommand.Type] { [Export.self, Check.self, BatchCommand.self, Sample.self, BuildTemplate.self] }
}

/// Prints a failure the user must read (Chinese, on stderr) and exits with status 2.
func fail(_ message: String) -> ExitCode {
    FileHandle.standardError.write(Data(("错误：" + message + "\n").utf8))
    return ExitCode(2)
}
