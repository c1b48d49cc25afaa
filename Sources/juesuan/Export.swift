import Accounts
import ArgumentParser
import Foundation
import TableSet

/// `juesuan export`: a unit's data file -> the fifteen-table workbook.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "由单位数据文件导出决算公开表（十五张表，.xlsx）。",
        discussion: "默认输出到 Output/<年度>-<单位编码>-<单位名称>.xlsx；已有同名文件时须加 --force 才会覆盖。"
    )

    @Argument(help: ArgumentHelp("单位数据文件（YAML，格式见 docs/unit-data-format.md）。", valueName: "单位数据文件"))
    var unitFile: String

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("输出的工作簿路径（.xlsx）；给出目录（已存在的目录或以 / 结尾）时，以默认文件名写入该目录。", valueName: "输出文件或目录"))
    var output: String?

    @Option(name: .customLong("template"), help: ArgumentHelp("模板工作簿（默认 Templates/sichuan-2021/template.xlsx）。", valueName: "模板"))
    var template: String?

    @Flag(name: .customLong("force"), help: "覆盖已存在的输出文件。")
    var force = false

    @Flag(name: .customLong("yuan"), help: "以“元”为金额单位（默认“万元”），保留两位小数。")
    var yuan = false

    func run() throws {
        let catalogue: SubjectCatalogue
        let accounts: UnitAccounts
        do {
            catalogue = try SubjectCatalogue.builtin2021()
            accounts = try UnitDataFile.load(path: unitFile, catalogue: catalogue)
        } catch {
            throw fail("无法读取单位数据文件 \(unitFile)：\n\(error)")
        }
        let path = outputPath(for: accounts.unit)
        if FileManager.default.fileExists(atPath: path) && !force {
            throw fail("输出文件已存在：\(path)。如要覆盖，请加 --force。")
        }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                // Foundation's message is English; say it in Chinese with the folder named.
                throw fail("无法创建输出目录 \(folder)（路径中有同名文件，或没有写入权限）。")
            }
        }
        do {
            try WorkbookExport.export(accounts, catalogue: catalogue, template: template,
                                      unit: yuan ? .yuan : .wanYuan, to: path, overwrite: force)
        } catch {
            throw fail("导出失败（\(unitFile)）：\(error)")
        }
        print("已导出：\(path)")
    }

    /// `-o` names the workbook, or a folder (any path ending in "/", or an existing folder whose
    /// name is not a workbook's) that receives the workbook under its default name, as `batch -o`
    /// does. A folder named like a workbook ("表.xlsx") is more likely a slip: it is refused later.
    private func outputPath(for unit: UnitInfo) -> String {
        let defaultPath = WorkbookExport.defaultOutputPath(for: unit)
        guard let output else { return defaultPath }
        var isDirectory: ObjCBool = false
        let namesFolder = output.hasSuffix("/")
            || (!output.lowercased().hasSuffix(".xlsx")
                && FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory) && isDirectory.boolValue)
        guard namesFolder else { return output }
        return (output as NSString).appendingPathComponent((defaultPath as NSString).lastPathComponent)
    }
}

/// `juesuan build-template [PATH]` (hidden): writes the built-in sichuan-2021 template (`make template`).
struct BuildTemplate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build-template", abstract: "生成内置模板 Templates/sichuan-2021/template.xlsx。", shouldDisplay: false)

    @Argument(help: ArgumentHelp("输出路径。", valueName: "路径"))
    var path = WorkbookExport.defaultTemplate

    func run() throws {
        do {
            try TemplateBuilder(catalogue: try SubjectCatalogue.builtin2021()).write(to: path, overwrite: true)
        } catch {
            throw fail("生成模板失败：\(error)")
        }
        print("已生成模板：\(path)")
    }
}
