import Accounts
import Foundation
import Mustache
import OOXML

/// The index page: a self-contained HTML file (inline styles, no scripts, no external resources)
/// linking every unit's workbook and check results.
struct IndexPage {
    let report: BatchReport

    /// The page, rendered row by row and handed to `emit` in pieces, so that a 10,000-unit index
    /// never holds every row (nor the whole page).
    func render(_ emit: (String) throws -> Void) throws {
        let head: MustacheTemplate, row: MustacheTemplate
        do {
            head = try MustacheTemplate(string: Self.head)
            row = try MustacheTemplate(string: Self.row)
        } catch {
            throw BatchError("索引页模板有误：\(error)")
        }
        try emit(head.render(viewModel()))
        try emit(row.render(self.row(report.consolidated, number: "汇总", level: "汇总")))
        for s in report.units {
            try emit(row.render(self.row(s, number: String(s.index + 1), level: s.role.rawValue)))
        }
        try emit(Self.tail)
    }

    /// The whole page in memory (for tests and small departments).
    func render() throws -> Data {
        var out = Data()
        try render { out.append(contentsOf: $0.utf8) }
        return out
    }

    /// Writes the page piece by piece; it appears at `path` only when complete.
    func write(to path: String) throws {
        try StreamedFile(path: path).write { emit in try render(emit) }
    }

    /// Everything above the rows.
    func viewModel() -> [String: Any] {
        let d = report.department
        return [
            "title": "\(d.name)（\(d.code)）批量处理结果",
            "unitCount": report.units.count,
            "succeeded": report.succeededCount,
            "failed": report.failedCount,
            "hasFailed": report.failedCount > 0,
            "interrupted": report.interrupted,
            "withErrors": report.units.reduce(0) { $0 + ($1.status == .succeeded && $1.errors > 0 ? 1 : 0) },
            "consolidationFindings": report.consolidationFindings.map { ["message": $0.message] },
        ]
    }

    private func row(_ s: UnitSummary, number: String, level: String) -> [String: Any] {
        var item: [String: Any] = [
            "number": number, "code": s.code ?? "", "name": s.name ?? "", "level": level, "status": s.status.rawValue,
            "statusClass": s.status == .succeeded ? (s.errors > 0 ? "warn" : "ok") : "bad",
            "grandTotal": s.grandTotal?.yuanText ?? "", "incomeTotal": s.incomeTotal?.yuanText ?? "",
            "expenditureTotal": s.expenditureTotal?.yuanText ?? "",
            "dataFile": s.dataFile,
        ]
        if s.status == .succeeded { item["errors"] = s.errors; item["hints"] = s.hints }
        if let w = s.workbook { item["workbook"] = w }
        if let c = s.checkFile { item["checkFile"] = c }
        if let m = s.message { item["message"] = m }
        return item
    }

    static let head = """
    <!DOCTYPE html>
    <html lang="zh-CN">
    <head>
    <meta charset="utf-8">
    <title>{{title}}</title>
    <style>
    body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; margin: 2em; color: #222; }
    h1 { font-size: 1.4em; }
    .summary { margin: 1em 0; }
    .summary span { margin-right: 1.5em; }
    table { border-collapse: collapse; font-size: 0.9em; }
    th, td { border: 1px solid #bbb; padding: 0.3em 0.6em; vertical-align: top; }
    th { background: #ddebf7; }
    td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    tr.ok td.status { color: #1a7f37; }
    tr.warn td.status { color: #9a6700; }
    tr.bad td.status { color: #c00000; font-weight: bold; }
    tr.bad { background: #fff1f0; }
    .note { color: #c00000; }
    </style>
    </head>
    <body>
    <h1>{{title}}</h1>
    <p class="summary"><span>单位 {{unitCount}} 个</span><span>成功 {{succeeded}}</span><span>失败 {{failed}}</span><span>核对有错误的单位 {{withErrors}}</span></p>
    {{#interrupted}}<p class="note">批处理被中断：未处理的单位见下表“未处理”行。</p>{{/interrupted}}
    {{#hasFailed}}<p class="note">有单位处理失败，原因见“说明”列。</p>{{/hasFailed}}
    {{#consolidationFindings}}<p class="note">{{message}}</p>{{/consolidationFindings}}
    <table>
    <thead><tr><th>序号</th><th>单位编码</th><th>单位名称</th><th>级次</th><th>状态</th><th>收支总计（元）</th><th>本年收入合计（元）</th><th>本年支出合计（元）</th><th>错误数</th><th>提示数</th><th>输出文件</th><th>核对结果</th><th>说明</th></tr></thead>
    <tbody>

    """

    static let row = """
    <tr class="{{statusClass}}"><td>{{number}}</td><td>{{code}}</td><td>{{name}}</td><td>{{level}}</td><td class="status">{{status}}</td><td class="num">{{grandTotal}}</td><td class="num">{{incomeTotal}}</td><td class="num">{{expenditureTotal}}</td><td class="num">{{errors}}</td><td class="num">{{hints}}</td><td>{{#workbook}}<a href="{{workbook}}">{{workbook}}</a>{{/workbook}}</td><td>{{#checkFile}}<a href="{{checkFile}}">{{checkFile}}</a>{{/checkFile}}</td><td>{{message}}</td></tr>

    """

    static let tail = """
    </tbody>
    </table>
    </body>
    </html>
    """
}
