import Accounts
import ArgumentParser
import Foundation
import Narrative
import Reconcile
import TableSet

/// `juesuan check`: reconciles a workbook's tables with each other and with the narrative.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "核对决算公开表的勾稽关系，以及决算情况说明中的数字与表格是否一致。",
        discussion: """
            退出状态：0 未发现错误，或每个错误都已在标注工作簿的“核对结果”表中写了出错说明；
            1 有未说明的错误；2 无法核对（文件无法读取、参数有误等）。
            已说明的错误仍会列出并计为“已说明”，但不再使退出状态为 1。
            出错说明：用 --annotate 输出标注工作簿，在其“核对结果”表的“说明”列填写，再核对该工作簿。
            终端每条发现一行（严重程度、单元格或段落、简短说明），每张表的尾差合为一行；
            --verbose 列出规则编号、完整说明与全部细节。HTML 报告先列错误，再列已说明和提示。
            示例：
              juesuan check 决算公开表.xlsx
              juesuan check 决算公开表.xlsx --narrative 情况说明.docx --data 单位数据.yaml --json 结果.json
              juesuan check --narrative 情况说明.docx        只核对说明本身
            """
    )

    @Argument(help: ArgumentHelp("要核对的工作簿（.xlsx）。只核对说明时可省略。", valueName: "工作簿"))
    var workbook: String?

    @Option(name: .customLong("narrative"), help: ArgumentHelp("决算情况说明（.docx 或 .txt）。", valueName: "说明文件"))
    var narrative: String?

    @Option(name: .customLong("data"), help: ArgumentHelp("单位数据文件（YAML），提供全年预算数、上年数、政府采购等表外数字。", valueName: "单位数据文件"))
    var data: String?

    @Option(name: .customLong("json"), help: ArgumentHelp("把核对结果写成 JSON（格式见 docs/check-json.md）。", valueName: "输出文件"))
    var json: String?

    @Option(name: .customLong("html"), help: ArgumentHelp("把核对结果写成 HTML 报告。", valueName: "输出文件"))
    var html: String?

    @Option(name: .customLong("annotate"), help: ArgumentHelp("输出标注了问题单元格的工作簿副本（.xlsx）。", valueName: "输出文件"))
    var annotate: String?

    @Flag(name: .customLong("verbose"), help: "逐条列出全部发现：完整说明、涉及的单元格和尾差的各项。")
    var verbose = false

    @Flag(name: .customLong("force"), help: "覆盖已存在的输出文件（JSON、HTML、标注工作簿）。")
    var force = false

    func run() throws {
        // Missing inputs mean nothing can be checked: status 2, like an unreadable file.
        if workbook == nil && narrative == nil {
            throw fail("请指定要核对的工作簿，或用 --narrative 指定决算情况说明。用法见 juesuan check --help。")
        }
        if annotate != nil && workbook == nil { throw fail("--annotate 需要指定工作簿。") }
        // Refuse before any work: an existing report or a copy of the user's workbook is not replaced
        // unless asked, and an input is never an output.
        let inputs = Set([workbook, narrative, data].compactMap { $0 }.map(Check.canonical))
        for output in [json, html, annotate].compactMap({ $0 }) {
            if inputs.contains(Check.canonical(output)) { throw fail("输出文件不能是输入文件：\(output)") }
            if FileManager.default.fileExists(atPath: output) && !force {
                throw fail("输出文件已存在：\(output)。如要覆盖，请加 --force。")
            }
        }
        let catalogue: SubjectCatalogue
        do { catalogue = try SubjectCatalogue.builtin2021() } catch { throw fail("无法读取内置科目目录：\(error)") }

        var accounts: UnitAccounts?
        if let data {
            do { accounts = try UnitDataFile.load(path: data, catalogue: catalogue) }
            catch { throw fail("无法读取单位数据文件 \(data)：\n\(error)") }
        }

        let report: CheckReport
        do { report = try CheckRun.run(workbook: workbook, narrative: narrative, accounts: accounts, catalogue: catalogue) }
        catch { throw fail(error.message) }
        let findings = report.findings, claims = report.claims
        print(report.terminalSummary(.forStandardOutput(verbose: verbose)))

        if let json {
            do { try report.writeJSON(to: json, overwrite: force) } catch { throw fail("无法写出 JSON 结果 \(json)：\(error)") }
            print("已写出 JSON：\(json)")
        }
        if let html {
            let input = ReportInput(
                title: ((workbook ?? narrative ?? "") as NSString).lastPathComponent, workbookPath: workbook ?? "",
                narrativePath: narrative, findings: findings, claimsFound: claims?.found ?? 0,
                claimsBound: claims?.bound.count ?? 0,
                unbound: (claims?.unbound ?? []).map {
                    UnboundClaim(sentence: $0.claim.location.sentence, figure: $0.claim.location.figureText,
                                 reason: $0.reason ?? "", section: $0.claim.location.section.title)
                }, tableValues: claims?.tableValues ?? [:])
            do { try HTMLReport.write(input, to: html, overwrite: force) } catch { throw fail("无法写出 HTML 报告 \(html)：\(error)") }
            print("已写出 HTML 报告：\(html)")
        }
        if let annotate, let workbook {
            do { try Annotator.annotate(workbook: workbook, findings: findings, output: annotate, overwrite: force) }
            catch { throw fail("无法写出标注工作簿 \(annotate)：\(error)") }
            print("已写出标注工作簿：\(annotate)")
        }
        if report.exitStatus != 0 { throw ExitCode(report.exitStatus) }
    }

    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
