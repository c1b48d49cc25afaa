import Foundation
import TableSet

/// Header wording varies between years, provinces and the tools that saved a workbook. The reader maps
/// what it finds to one canonical wording per table, the wording the rules look columns up by.
enum TableVocabulary {
    /// Header words (normalised by `TextNorm.key`) and the canonical column word they stand for.
    static let synonyms: [String: String] = [
        "因公出国(境)费": "因公出国（境）费", "因公出国(境)费用": "因公出国（境）费", "因公出国费": "因公出国（境）费",
        "因公出国(境)经费": "因公出国（境）费",
        "公务用车购置及运行维护费": "公务用车购置及运行费", "公务用车购置及运行费": "公务用车购置及运行费",
        "公务用车运行维护费": "公务用车运行费", "运行费": "公务用车运行费", "运行维护费": "公务用车运行费",
        "购置费": "公务用车购置费",
        "财政拨款": "财政拨款收入",
        "一般公共预算": "一般公共预算财政拨款", "政府性基金预算": "政府性基金预算财政拨款",
        "国有资本经营预算": "国有资本经营预算财政拨款", "政府性基金": "政府性基金预算财政拨款",
        "国有资本经营": "国有资本经营预算财政拨款",
        "年初财政拨款结转和结余": "年初结转和结余", "年末财政拨款结转和结余": "年末结转和结余",
        "本年收入合计": "本年收入合计", "本年支出合计": "本年支出合计",
    ]

    static let synonymTable = PlainKeyTable(synonyms)

    static func canonicalLevel(_ key: String) -> String {
        let plain = TextScan.isPlain(key)
        if let s = synonymTable.value(for: key, plain: plain) { return s }
        // Plain text (TextScan.isPlain) without brackets needs no change; with them, bytes are replaced
        // as Foundation would replace them.
        guard plain else {
            return key.replacingOccurrences(of: "(", with: "（").replacingOccurrences(of: ")", with: "）")
        }
        guard key.utf8.contains(where: { $0 == 0x28 || $0 == 0x29 }) else { return key }
        var out: [UInt8] = []
        out.reserveCapacity(key.utf8.count + 8)
        for b in key.utf8 {
            switch b {
            case 0x28: out.append(contentsOf: [0xEF, 0xBC, 0x88])   // （
            case 0x29: out.append(contentsOf: [0xEF, 0xBC, 0x89])   // ）
            default: out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Default panel names of side-by-side tables, used when the header has no level above the panels.
    static func defaultPanelName(_ id: TableID, index: Int) -> String {
        switch id {
        case .t01, .t04: return index == 0 ? "收入" : "支出"
        case .t08: return index == 0 ? "人员经费" : "公用经费"
        default: return ""
        }
    }

    /// The panel name and the canonical names of the amount columns of one column group.
    static func panelAndColumns(_ id: TableID, group: [ColumnInfo]) -> (panel: String, columns: [String]) {
        // The top level all columns share (compared as a set of strings would: `==`).
        let first = group.first?.levels.first ?? ""
        let shared = !group.isEmpty && group.allSatisfy { $0.levels.count >= 2 && $0.levels[0] == first } ? first : nil
        var columns: [String] = []
        for info in group where info.role == .amount {
            var levels = info.levels
            if shared != nil { levels.removeFirst() }
            var name = levels.map(canonicalLevel).joined(separator: "/")
            // A lone 合计 in tables 2 and 3 is the 本年收入/支出合计 column.
            if id == .t02, name == "合计" { name = "本年收入合计" }
            if id == .t03, name == "合计" { name = "本年支出合计" }
            columns.append(name)
        }
        return (shared.map(canonicalLevel) ?? "", columns)
    }
}
