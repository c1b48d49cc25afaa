import Foundation

/// How the terminal summary is drawn.
public struct TerminalStyle: Sendable {
    /// Every finding with its full message and cells, 尾差 hints one by one.
    public var verbose: Bool
    /// ANSI colours; only for a terminal (never in a pipe or CI log).
    public var colour: Bool
    /// Display columns a finding line may take (a Chinese character takes two).
    public var width: Int

    public init(verbose: Bool = false, colour: Bool = false, width: Int = 80) {
        self.verbose = verbose; self.colour = colour; self.width = width
    }

    /// Colour when standard output is a terminal and NO_COLOR is not set.
    public static func forStandardOutput(verbose: Bool) -> TerminalStyle {
        let env = ProcessInfo.processInfo.environment
        let tty = isatty(STDOUT_FILENO) == 1 && env["NO_COLOR"] == nil && env["TERM"] != "dumb"
        var size = winsize()
        let windowColumns = isatty(STDOUT_FILENO) == 1 && ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 ? Int(size.ws_col) : nil
        return TerminalStyle(verbose: verbose, colour: tty,
                             width: lineWidth(windowColumns: windowColumns, columnsVariable: env["COLUMNS"]))
    }

    /// Columns for finding lines: the terminal's own width, else $COLUMNS, else 80; kept within
    /// 40...200 so that a tiny or huge window still gives readable lines.
    static func lineWidth(windowColumns: Int?, columnsVariable: String?) -> Int {
        let chosen = windowColumns.flatMap { $0 > 0 ? $0 : nil }
            ?? columnsVariable.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }.flatMap { $0 > 0 ? $0 : nil }
            ?? 80
        return min(max(chosen, 40), 200)
    }

    func paint(_ s: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
}

extension CheckReport {
    /// A 尾差 hint: a gap rounding can explain. Listed as one count per table unless verbose.
    static func isRoundingGap(_ f: Finding) -> Bool { f.severity == .hint && f.message.contains("尾差") }

    /// Findings of rules skipped because their table is missing.
    static func isSkippedRule(_ f: Finding) -> Bool {
        if case .table = f.location, f.severity == .hint, f.message.hasPrefix("缺少表「"), !f.rule.hasPrefix("读取.") { return true }
        return false
    }

    /// Where in its group a finding is: the first cell (the one to correct first; the others are in the
    /// verbose details), a paragraph, a file place.
    static func shortPlace(_ f: Finding) -> String {
        switch f.location {
        case let .cells(sheet, cells, table):
            let first = cells.first ?? ""
            return table == nil ? "「\(sheet)」\(first)" : first
        case let .narrative(_, paragraph, _, _): return "第\(paragraph)段"
        case .table: return ""
        case let .dataFile(loc): return loc.description
        case let .file(path): return path
        }
    }

    static func paragraph(_ f: Finding) -> Int {
        if case let .narrative(_, p, _, _) = f.location { return p }
        return 0
    }

    /// Display columns of a string in a terminal: CJK and full-width characters take two.
    static func columns(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 && !(0x2000...0x206F).contains($1.value) ? 2 : 1) }
    }

    /// The string cut to at most `width` columns, with "…" when cut.
    static func clip(_ s: String, _ width: Int) -> String {
        guard columns(s) > width else { return s }
        var out = ""
        var used = 0
        for ch in s {
            let w = columns(String(ch))
            if used + w > width - 1 { break }
            out.append(ch); used += w
        }
        return out + "…"
    }

    /// Chinese summary for the terminal: one line per finding grouped by table and narrative section,
    /// 尾差 hints counted per group, and a final summary line. `style.verbose` adds the full messages.
    public func terminalSummary(_ style: TerminalStyle = TerminalStyle()) -> String {
        var lines: [String] = []
        let inputs = [workbook.map { "工作簿 \($0)" }, narrative.map { "说明 \($0)" }].compactMap { $0 }
        lines.append("核对：" + inputs.joined(separator: "，"))
        var groups: [(order: Int, title: String, findings: [Finding])] = []
        for f in findings {
            let g = Self.group(f)
            if let i = groups.firstIndex(where: { $0.title == g.title }) { groups[i].findings.append(f) }
            else { groups.append((g.order, g.title, [f])) }
        }
        // Tables in table order, then narrative sections in document order (by their first paragraph).
        func firstParagraph(_ g: [Finding]) -> Int {
            g.compactMap { if case let .narrative(_, p, _, _) = $0.location { return p }; return nil }.min() ?? 0
        }
        let ordered = groups.enumerated().sorted {
            ($0.element.order, firstParagraph($0.element.findings), $0.offset) < ($1.element.order, firstParagraph($1.element.findings), $1.offset)
        }.map(\.element)
        var previousWasOneLine = false
        for g in ordered {
            let e = g.findings.filter { $0.severity == .error }.count
            let skipped = g.findings.filter(Self.isSkippedRule)
            let gaps = style.verbose ? [] : g.findings.filter { Self.isRoundingGap($0) && !Self.isSkippedRule($0) }
            // A group with nothing but 尾差 hints is one line; such lines follow each other without gaps.
            if !gaps.isEmpty, gaps.count == g.findings.count {
                if !previousWasOneLine { lines.append("") }
                let head = style.paint("【\(g.title)】", "1") + style.paint("尾差", "33") + " \(gaps.count) 处："
                lines.append(head + Self.clip(Self.gapList(gaps), style.width - Self.columns("【\(g.title)】尾差 \(gaps.count) 处：")))
                previousWasOneLine = true
                continue
            }
            previousWasOneLine = false
            lines.append("")
            let counts = [e > 0 ? style.paint("错误 \(e)", "31") : nil, g.findings.count > e ? "提示 \(g.findings.count - e)" : nil]
            lines.append(style.paint("【\(Self.clip(g.title, style.width - 20))】", "1") + counts.compactMap { $0 }.joined(separator: "，"))
            // Errors first, then by paragraph (a narrative section), else in check order.
            let listed = g.findings.enumerated().sorted {
                ($0.element.severity == .error ? 0 : 1, Self.paragraph($0.element), $0.offset)
                    < ($1.element.severity == .error ? 0 : 1, Self.paragraph($1.element), $1.offset)
            }.map(\.element)
            for f in listed where !Self.isSkippedRule(f) && !gaps.contains(f) {
                lines.append(line(f, style))
                if style.verbose { lines += details(f, style) }
            }
            if !gaps.isEmpty {
                let head = "  " + style.paint("提示", "33") + " "
                lines.append(head + Self.clip("尾差 \(gaps.count) 处：\(Self.gapList(gaps))", style.width - 7))
            }
            if !skipped.isEmpty {
                lines.append("  " + style.paint("提示", "33") + " " + Self.clip("以下规则无法核对（缺少所需的表）：" + skipped.map(\.rule).joined(separator: "、"), style.width - 7))
            }
        }
        if let claims, !claims.unbound.isEmpty {
            lines.append("")
            lines.append(style.paint("【说明中未对应的数字】", "1") + "\(claims.unbound.count) 处")
            // Reasons that differ only in the name they end with ("绩效自评表中没有项目「…」") share a line.
            var reasons: [(reason: String, names: [String], count: Int)] = []
            for b in claims.unbound {
                var r = b.reason ?? ""
                var name: String?
                if r.hasSuffix("」"), let open = r.range(of: "「", options: .backwards) {
                    name = String(r[open.lowerBound...]); r = String(r[..<open.lowerBound])
                }
                if let i = reasons.firstIndex(where: { $0.reason == r }) {
                    reasons[i].count += 1
                    if let name, !reasons[i].names.contains(name) { reasons[i].names.append(name) }
                } else { reasons.append((r, name.map { [$0] } ?? [], 1)) }
            }
            for g in reasons {
                let line = "\(g.count) 处：\(g.reason)" + g.names.joined(separator: "、")
                lines.append("  " + (style.verbose ? line : Self.clip(line, style.width - 2)))
            }
        }
        lines.append("")
        lines += summaryLines(style)
        return lines.joined(separator: "\n")
    }

    /// 尾差 hints by rule with the first cell of each: "T2.收入来源 C6、C7；T2.类款项 C7".
    static func gapList(_ gaps: [Finding]) -> String {
        var places: [(rule: String, places: [String])] = []
        for f in gaps {
            let p = shortPlace(f)
            if let i = places.firstIndex(where: { $0.rule == f.rule }) { places[i].places.append(p) }
            else { places.append((f.rule, [p])) }
        }
        return places.map { "\($0.rule) " + $0.places.filter { !$0.isEmpty }.joined(separator: "、") }.joined(separator: "；")
    }

    /// "  错误 第159段 「本年收入合计」写1702.32万元，表1为1702.33万元": severity, place and the finding's
    /// short text, cut to the style's width.
    func line(_ f: Finding, _ style: TerminalStyle) -> String {
        let explained = !(f.explanation ?? "").isEmpty
        let label = f.severity.label + (explained ? "（已说明）" : "")
        let painted = style.paint(label, f.severity == .error && !explained ? "31" : explained ? "32" : "33")
        let place = Self.shortPlace(f)
        let text = (place.isEmpty ? "" : place + " ") + f.summary
        let room = style.width - 2 - Self.columns(label) - 1
        return "  \(painted) " + Self.clip(text, room)
    }

    /// Verbose details: the rule and its full message (a sum's parts one per line), the cells, the explanation.
    func details(_ f: Finding, _ style: TerminalStyle) -> [String] {
        var out: [String] = []
        if let r = f.message.range(of: "。各项：") {
            out.append(style.paint("      \(f.rule)：" + f.message[..<r.lowerBound] + "。各项：", "2"))
            let parts = String(f.message[r.upperBound...]).replacingOccurrences(of: "，(?=表[0-9])", with: "\n", options: .regularExpression)
            out += parts.split(separator: "\n").map { style.paint("        · " + $0, "2") }
        } else {
            out.append(style.paint("      \(f.rule)：" + f.message, "2"))
        }
        if case .cells = f.location { out.append(style.paint("      位置：" + f.location.text, "2")) }
        if let ex = f.explanation, !ex.isEmpty { out.append("      出错说明：" + ex) }
        return out
    }

    /// The closing lines: how many narrative figures were matched, then the counts a reader acts on
    /// (the last line, "合计：…").
    func summaryLines(_ style: TerminalStyle) -> [String] {
        let gaps = findings.filter(Self.isRoundingGap).count
        var parts: [String] = []
        let errorText = "错误 \(errors)" + (explained > 0 ? "（已说明 \(findings.filter { $0.severity == .error && !($0.explanation ?? "").isEmpty }.count)）" : "")
        parts.append(unexplainedErrors > 0 ? style.paint(errorText, "1;31") : errorText)
        parts.append("提示 \(hints)" + (gaps > 0 ? "（其中尾差 \(gaps)）" : ""))
        let verdict = findings.isEmpty ? "未发现问题。" : unexplainedErrors == 0 && errors > 0 ? "错误均已说明。" : ""
        let more = style.verbose || findings.isEmpty ? "" : (verdict.isEmpty ? "。" : "") + "加 --verbose 看详情"
        var lines: [String] = []
        if let claims {
            lines.append("说明中的数字 \(claims.found) 个，已对应 \(claims.bound.count)，未对应 \(claims.unbound.count)")
        }
        lines.append("合计：" + parts.joined(separator: "；") + (verdict.isEmpty ? "" : "。" + verdict) + more)
        return lines
    }
}
