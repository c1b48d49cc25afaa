import Foundation

/// What a cell holds.
public enum CellValue: Hashable, Sendable {
    case empty
    /// Exact decimal, as written in the file ("1704.8699999999999" stays that).
    case number(Decimal)
    case string(String)
    case bool(Bool)
    /// Error text such as "#DIV/0!" or "#N/A".
    case error(String)

    public var number: Decimal? {
        if case .number(let d) = self { return d }
        return nil
    }

    public var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var isEmpty: Bool { self == .empty }

    /// The error values Excel knows.
    public static let knownErrors: Set<String> = ["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"]
}

/// One cell read from a worksheet.
public struct Cell: Hashable, Sendable {
    public let address: CellAddress
    /// (Set by the reader only: a shared-string cell read before the shared strings gets its text late.)
    public internal(set) var value: CellValue
    /// The formula text without "=", kept next to its cached `value`. Cells of a shared formula
    /// get the first cell's formula with its relative references moved, as Excel shows it.
    public let formula: String?
    /// Number format code from styles.xml ("0.00", "#,##0.00", "yyyy-mm-dd"); nil for General.
    public let numberFormat: String?

    public init(address: CellAddress, value: CellValue, formula: String? = nil, numberFormat: String? = nil) {
        self.address = address
        self.value = value
        self.formula = formula
        self.numberFormat = numberFormat
    }
}

extension Decimal {
    /// Rounded to `places` decimals, halves away from zero (1.005 → 1.01, -2.5 → -3).
    public func roundedHalfUp(_ places: Int) -> Decimal {
        var source = self
        var result = Decimal()
        NSDecimalRound(&result, &source, places, .plain)
        return result
    }

    /// The plain decimal text written into a cell (`1704.87`, `-0.5`, never an exponent).
    var cellText: String {
        var text = description
        if text == "-0" { text = "0" }
        return text
    }
}
