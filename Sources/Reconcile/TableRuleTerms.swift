import Accounts
import TableSet

/// A shown amount taking part in a relation: its value, its table, where it is and how to name it.
/// Most relations hold and their terms are never quoted, so a term holds no text of its own in the
/// common case (its label names rows and columns by index): it is copied as plain bytes, and its
/// label and cell are written out only for a finding (`RuleContext.quoted`).
struct Term {
    var hundredths: Int64
    var unit: AmountUnit
    var table: TableID
    /// A blank cell is an exact zero; a shown 0.00 may hide up to half a hundredth.
    var isBlank = false
    /// Where the value is in its table (nil for a value taken as zero).
    var place: TablePlace?
    var label: TermLabel

    /// The exact amount the shown value stands for lies within ± this many 分 (half a hundredth);
    /// amounts in 元 are exact to the 分.
    var halfWidthFen: Int64 { unit == .wanYuan && !isBlank ? 5_000 : 0 }
    var fen: Int64 { hundredths * unit.fenPerHundredth }
}

/// A cell of a table by index: panel, row, column.
struct TablePlace {
    var panel: Int
    var row: Int
    var column: Int
}

/// A term's label, kept as the pieces it is written from.
enum TermLabel: ExpressibleByStringLiteral {
    /// The text as it is: "收入总计".
    case text(String)
    /// A name quoted: "「外交支出」".
    case quoted(String)
    /// A line and a column in brackets: "本年支出合计（一般公共预算财政拨款）".
    case column(String, String)
    /// A table's row quoted as `RuleContext.rowLabel` quotes it ("「208 社会保障和就业支出」"), or by
    /// its name alone ("「外交支出」"), then `suffix`.
    case row(table: TableID, panel: Int, row: Int, withCode: Bool, suffix: LabelSuffix)

    init(stringLiteral text: String) { self = .text(text) }

    /// "「208 社会保障和就业支出」" followed by `suffix`.
    static func row(_ table: TableID, panel: Int, _ row: Int, then suffix: LabelSuffix = .none) -> TermLabel {
        .row(table: table, panel: panel, row: row, withCode: true, suffix: suffix)
    }

    /// "「社会保障和就业支出」" (the row's name alone) followed by `suffix`.
    static func name(_ table: TableID, panel: Int, _ row: Int, then suffix: LabelSuffix = .none) -> TermLabel {
        .row(table: table, panel: panel, row: row, withCode: false, suffix: suffix)
    }
}

/// What follows a row in a term's label.
enum LabelSuffix {
    case none
    /// The name of a column of the row's panel: "「208 社会保障和就业支出」基本支出".
    case column(Int)
    /// The same in brackets: "「外交支出」（合计）".
    case bracketedColumn(Int)
    /// Text: "「208 社会保障和就业支出」本年收入".
    case text(String)
}

/// A term as a finding quotes it: with the cell it is shown in.
struct QuotedTerm {
    var term: Term
    var cell: String?
    var sheet: String?

    var hundredths: Int64 { term.hundredths }
    var unit: AmountUnit { term.unit }
    var table: TableID { term.table }
    var label: TermLabel { term.label }
    var fen: Int64 { term.fen }
}

extension RuleContext {
    /// `terms` as a finding quotes them, with the cells they are shown in (from the tables' sources).
    func quoted(_ terms: [Term]) -> [QuotedTerm] {
        terms.map { term in
            guard let place = term.place else { return QuotedTerm(term: term) }
            // Read in place: a copy of the source would retain each of its arrays.
            return QuotedTerm(term: term, cell: sources[term.table]?.cell(panel: place.panel, row: place.row, column: place.column),
                              sheet: sources[term.table]?.sheet)
        }
    }
}
