import TableSet

/// Table 15 in its published boxed form (our export, the 附件 table of a narrative): per project a
/// block 项目名称; 主管部门及代码 | 实施单位; 项目资金 over 财政拨款 and 其他资金; 年度总体目标 over
/// 预期目标 | 实际完成情况 and their texts; 年度绩效指标 over the indicator header and one row per
/// indicator. Read into the form TableBuilder makes: rows 项目名称, 主管部门及代码, 实施单位,
/// 项目资金/财政拨款 … 年度总体目标/实际完成情况, then one 绩效指标 row per indicator.
extension TableSheetParser {
    struct FormBlocks {
        var panels: [TablePanel] = []
        var labels: [[String]] = []

        mutating func add(_ name: String, _ texts: [String], level: RowLevel = .line, cell: String) {
            guard !panels.isEmpty else { return }
            panels[panels.count - 1].rows.append(TableRow(name: name, level: level, values: [], texts: texts))
            labels[labels.count - 1].append(cell)
        }
    }

    func parseFormBlocks(from start: Int, labelColumn: Int) -> FormBlocks {
        var blocks = FormBlocks()
        var goalHeaders: [(column: Int, name: String)] = []
        var r = start
        let maxRow = sheet.maxRow
        while r <= maxRow {
            defer { r += 1 }
            let group = TextNorm.trim(sheet.mergedValue(r, labelColumn).text)
            let groupKey = TextNorm.key(group)
            if groupKey.isEmpty && (isNoteRow(r) || rowIsBlank(r)) { continue }
            // The cells right of the label as written (a merged range counts once).
            let cells = sheet.cells(inRow: r).filter { $0.column > labelColumn && !$0.value.isEmpty }
                .map { (column: $0.column, text: TextNorm.trim($0.value.text)) }
            let opensGroup = !sheet.value(r, labelColumn).isEmpty
            let labelCell = SheetGrid.a1(row: r, column: labelColumn)
            func cell(_ column: Int) -> String { SheetGrid.a1(row: r, column: column) }

            if groupKey == "项目名称" {
                blocks.panels.append(TablePanel(name: cells.first?.text ?? "", columns: [], rows: []))
                blocks.labels.append([])
                blocks.add(group, cells.first.map { [$0.text] } ?? [], level: .total, cell: labelCell)
            } else if groupKey.hasPrefix("项目资金") {
                // 财政拨款 | amount, on the group's first row and the next.
                guard let sub = cells.first else { continue }
                blocks.add("项目资金/" + sub.text, cells.dropFirst().first.map { [$0.text] } ?? [], cell: cell(sub.column))
            } else if groupKey.hasPrefix("年度总体目标") {
                if opensGroup {
                    goalHeaders = cells.map { ($0.column, $0.text.contains("实际") ? "实际完成情况" : ($0.text.contains("预期") ? "预期目标" : $0.text)) }
                    continue
                }
                for c in cells {
                    let header = goalHeaders.last { $0.column <= c.column }?.name ?? ""
                    blocks.add("年度总体目标/" + header, [c.text], cell: cell(c.column))
                }
            } else if groupKey.contains("绩效指标") {
                if opensGroup, !blocks.panels.isEmpty, blocks.panels[blocks.panels.count - 1].columns.isEmpty {
                    blocks.panels[blocks.panels.count - 1].columns = cells.map(\.text)
                    continue
                }
                let count = blocks.panels.last?.columns.count ?? 0
                let texts = (0..<max(count, 1)).map { TextNorm.trim(sheet.mergedValue(r, labelColumn + 1 + $0).text) }
                blocks.add("绩效指标", texts, cell: labelCell)
            } else if opensGroup {
                // 主管部门及代码 | text | 实施单位 | text: label and value pairs after the first value.
                blocks.add(group, cells.first.map { [$0.text] } ?? [], cell: labelCell)
                var rest = Array(cells.dropFirst())
                while rest.count >= 2 {
                    blocks.add(rest[0].text, [rest[1].text], cell: cell(rest[0].column))
                    rest.removeFirst(2)
                }
            }
        }
        return blocks
    }
}
