/// How a sheet prints.
public struct PageSetup: Hashable, Sendable {
    public enum Orientation: String, Sendable { case portrait, landscape }

    /// Excel's paper size code: A4 = 9, A3 = 8, Letter = 1.
    public var paperSize: Int
    public var orientation: Orientation
    /// Scale the sheet to one page wide (as many pages tall as needed).
    public var fitToWidth: Bool
    public var margins: PageMargins
    public var centerHorizontally: Bool
    /// 0-based rows printed at the top of every page (written as `_xlnm.Print_Titles`).
    public var repeatRows: ClosedRange<Int>?
    /// What to print (written as `_xlnm.Print_Area`); nil: the used range.
    public var printArea: CellRange?
    /// Centre footer text in Excel's header/footer codes, e.g. "第 &P 页，共 &N 页".
    public var centerFooter: String?

    public init(paperSize: Int = PageSetup.a4, orientation: Orientation = .portrait, fitToWidth: Bool = false,
                margins: PageMargins = PageMargins(), centerHorizontally: Bool = false,
                repeatRows: ClosedRange<Int>? = nil, printArea: CellRange? = nil, centerFooter: String? = nil) {
        self.paperSize = paperSize
        self.orientation = orientation
        self.fitToWidth = fitToWidth
        self.margins = margins
        self.centerHorizontally = centerHorizontally
        self.repeatRows = repeatRows
        self.printArea = printArea
        self.centerFooter = centerFooter
    }

    public static let a4 = 9
    public static let a3 = 8
    public static let letter = 1
}

/// Page margins in inches (Excel's unit). The defaults are Excel's "normal" margins.
public struct PageMargins: Hashable, Sendable {
    public var left: Double
    public var right: Double
    public var top: Double
    public var bottom: Double
    public var header: Double
    public var footer: Double

    public init(left: Double = 0.7, right: Double = 0.7, top: Double = 0.75, bottom: Double = 0.75,
                header: Double = 0.3, footer: Double = 0.3) {
        self.left = left
        self.right = right
        self.top = top
        self.bottom = bottom
        self.header = header
        self.footer = footer
    }
}
