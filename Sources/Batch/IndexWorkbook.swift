import Accounts
import Foundation
import OOXML

/// The index workbook: one row per unit (and the consolidated row first), written with WorkbookWriter;
/// the unit rows are appended (written out as they come) with inline strings, so the index holds
/// neither every cell nor every unit's strings.
struct IndexWorkbook {
    let report: BatchReport

    static let headers = ["序号", "单位编码", "单位名称", "级次", "状态", "收支总计（元）", "本年收入合计（元）",
                          "本年支出合计（元）", "错误数", "提示数", "输出文件", "核对结果", "数据文件", "说明"]

    func write(to path: String) throws {
        let book = WorkbookWriter()
        let sheet = try book.addSheet(named: "单位索引")
        // Strings inline: a shared-string table would grow with the number of units.
        sheet.inlineStrings = true
        let title = CellStyle(font: Font(size: 14, bold: true), horizontal: .center)
        let header = CellStyle(font: Font(bold: true), fill: try Color("DDEBF7"), border: .all(.thin), horizontal: .center,
                               vertical: .center, wrapText: true)
        let text = CellStyle(border: .all(.thin))
        let money = CellStyle(border: .all(.thin), numberFormat: .thousandsTwoDecimals)
        let count = CellStyle(border: .all(.thin), horizontal: .right)
        let failed = CellStyle(font: Font(bold: true, color: try Color("C00000")), border: .all(.thin))

        let d = report.department
        try sheet.set("\(d.name)（\(d.code)）批量处理结果", at: CellAddress(row: 0, column: 0), style: title)
        try sheet.merge(CellRange(rows: 0...0, columns: 0...(Self.headers.count - 1)))
        try sheet.set("单位 \(report.units.count) 个：成功 \(report.succeededCount)，失败 \(report.failedCount)"
                      + (report.interrupted ? "，批处理被中断" : ""), at: CellAddress(row: 1, column: 0))
        try sheet.merge(CellRange(rows: 1...1, columns: 0...(Self.headers.count - 1)))
        for (c, h) in Self.headers.enumerated() { try sheet.set(.string(h), row: 2, column: c, style: header) }

        var r = 3
        func put(_ s: UnitSummary, number: String) throws {
            let level = s.index < 0 ? "汇总" : s.role.rawValue
            let cells: [CellValue] = [
                .string(number), .string(s.code ?? ""), .string(s.name ?? ""), .string(level), .string(s.status.rawValue),
                Self.amount(s.grandTotal), Self.amount(s.incomeTotal), Self.amount(s.expenditureTotal),
                s.status == .succeeded ? .number(Decimal(s.errors)) : .empty,
                s.status == .succeeded ? .number(Decimal(s.hints)) : .empty,
                .string(s.workbook ?? ""), .string(s.checkFile ?? ""), .string(s.dataFile), .string(s.message ?? ""),
            ]
            // Appended rows are written out at once: the sheet holds compact XML, not cell entries.
            try sheet.appendRow(r, cells.enumerated().map { c, v in
                let style = (5...7).contains(c) ? money : ((8...9).contains(c) ? count : (c == 4 && s.status != .succeeded ? failed : text))
                return (c, v, style)
            })
            r += 1
        }
        try put(report.consolidated, number: "汇总")
        for s in report.units { try put(s, number: String(s.index + 1)) }

        for (c, w) in [6.0, 14, 36, 6, 8, 18, 18, 18, 8, 8, 26, 30, 30, 50].enumerated() { try sheet.setColumnWidth(c, w) }
        sheet.freezeAt = try CellAddress(row: 3, column: 3)
        try book.write(to: path, overwrite: true)
    }

    /// An exact amount in 元 as a cell number (two decimals, no binary rounding).
    static func amount(_ m: Money?) -> CellValue {
        guard let m else { return .empty }
        return .number(Decimal(m.fen) / 100)
    }
}
