import Testing
import Foundation
import Accounts
import OOXML
@testable import TableSet

/// What a worksheet shows, cell by cell: numbers rounded to 2 places as text, strings as they are.
func shownCells(_ sheet: Worksheet) -> [String: String] {
    var result: [String: String] = [:]
    for cell in sheet.cells {
        switch cell.value {
        case .number(let d): result[cell.address.a1] = "\(d.roundedHalfUp(2))"
        case .string(let s): result[cell.address.a1] = s
        case .bool(let b): result[cell.address.a1] = "\(b)"
        case .error(let e): result[cell.address.a1] = e
        case .empty: break
        }
    }
    return result
}

@Suite struct FillTests {
    let tables: [StatTable]
    let unit = HandBuilt.accounts.unit

    init() throws {
        tables = try TableBuilder(naming: HandBuilt.fullNaming()).build(HandBuilt.accounts)
    }

    func fill(template: String = Repo.template, tables: [StatTable]? = nil) throws -> [String: Data] {
        let out = try Scratch.directory() + "/out.xlsx"
        try TemplateFiller(templatePath: template).write(tables ?? self.tables, unit: unit, to: out, overwrite: false)
        return try packageParts(out)
    }

    @Test func markersAreReplacedEverywhere() throws {
        let book = try WorkbookReader(parts: try fill())
        for name in book.sheetNames {
            for (address, text) in shownCells(try book.sheet(named: name)) {
                #expect(!text.contains("{{"), "\(name)!\(address): \(text)")
            }
        }
        let t3 = try book.sheet(named: TableID.t03.title)
        #expect(t3.value(row: 0, column: 0) == .string("支出决算表"))
        #expect(t3.value(row: 2, column: 0) == .string("编制单位：测试单位"))
        #expect(t3.value(row: 2, column: 6) == .string("金额单位：万元"))   // over the last two columns
    }

    @Test func bandRowsRepeatAndEverythingBelowMoves() throws {
        let parts = try fill()
        let book = try WorkbookReader(parts: parts)
        let t3 = try book.sheet(named: TableID.t03.title)
        let rows = tables.first { $0.id == .t03 }!.panels[0].rows
        // The band is row 6 (index 5): one sheet row per table row, in order, numbers as numbers.
        for (k, row) in rows.enumerated() {
            #expect(t3.value(row: 5 + k, column: 0) == (row.code.map { CellValue.string($0) } ?? .empty))
            #expect(t3.value(row: 5 + k, column: 1) == .string(row.name))
            #expect(t3.value(row: 5 + k, column: 2) == .number(Decimal(row.values[0]!) / 100))
        }
        #expect(t3.value(row: 5, column: 2) == .number(Decimal(string: "2.05")!))   // 20475 元
        // The empty-table note row moved from index 6 to 5 + n, with its merge; it is blank here.
        let noteRow = 5 + rows.count
        #expect(t3.merges.contains(try CellRange(rows: noteRow...noteRow, columns: 0...7)))
        #expect(!t3.merges.contains { $0.first.row == 6 && $0.last.row == 6 })
        #expect(t3.value(row: noteRow, column: 0) == .empty)
        // Print area follows: rows 1…7 became 1…(7 + n − 1).
        let workbook = String(decoding: parts["xl/workbook.xml"]!, as: UTF8.self)
        #expect(workbook.contains("'支出决算表'!$A$1:$H$\(6 + rows.count)"))
        #expect(workbook.contains("'支出决算表'!$1:$5"))
    }

    @Test func emptyTablesGetTheirSentence() throws {
        let book = try WorkbookReader(parts: try fill())
        let t13 = try book.sheet(named: TableID.t13.title)
        // No rows: the band (index 6, under two header rows and 栏次) disappears; the note moves up.
        #expect(t13.value(row: 5, column: 0) == .string("栏次"))
        #expect(t13.value(row: 6, column: 0) == .string("本单位2021年度无国有资本经营预算财政拨款收入、支出，故本表为空表。"))
        #expect(t13.merges.contains(try CellRange(rows: 6...6, columns: 0...7)))
        #expect(t13.maxRow == 6)
        let t12 = try book.sheet(named: TableID.t12.title)
        let texts = Set(shownCells(t12).values)
        #expect(texts.contains("本单位2021年度无政府性基金预算财政拨款“三公”经费支出，故本表为空表。"))
    }

    @Test func sidePanelsAndFixedCells() throws {
        let book = try WorkbookReader(parts: try fill())
        let t8 = try book.sheet(named: TableID.t08.title)
        #expect(t8.value(row: 5, column: 1) == .string("人员经费合计"))
        #expect(t8.value(row: 5, column: 4) == .string("公用经费合计"))
        #expect(t8.value(row: 5, column: 2) == .number(Decimal(string: "0.24")!))
        let t1 = shownCells(try book.sheet(named: TableID.t01.title))
        #expect(t1.values.contains("本年收入合计"))
        let t10 = try book.sheet(named: TableID.t10.title)
        // 决算数/公务用车购置及运行费/小计 is column 9 (index 8) of the data row (index 7).
        #expect(t10.value(row: 7, column: 8) == .number(Decimal(string: "0.43")!))
    }

    @Test func untouchedPartsAreByteIdentical() throws {
        let template = try packageParts(Repo.template)
        let out = try fill()
        #expect(Set(out.keys) == Set(template.keys))
        for name in ["[Content_Types].xml", "_rels/.rels", "xl/styles.xml", "xl/sharedStrings.xml",
                     "xl/_rels/workbook.xml.rels", "docProps/app.xml", "docProps/core.xml"] {
            #expect(out[name] == template[name], "\(name)")
        }
    }

    @Test func sameInputSameBytes() throws {
        let a = try TemplateFiller(templatePath: Repo.template).fill(tables, unit: unit).archiveData()
        let b = try TemplateFiller(templatePath: Repo.template).fill(tables, unit: unit).archiveData()
        #expect(a == b)
    }

    @Test func yuanTables() throws {
        let yuan = try TableBuilder(naming: HandBuilt.fullNaming(), unit: .yuan).build(HandBuilt.accounts)
        let book = try WorkbookReader(parts: try fill(tables: yuan))
        let t3 = try book.sheet(named: TableID.t03.title)
        #expect(t3.value(row: 2, column: 6) == .string("金额单位：元"))
        #expect(t3.value(row: 5, column: 2) == .number(Decimal(string: "20475")!))
    }

    /// A restyled template: markers as inline strings instead of shared strings, the title reworded
    /// around its marker, and an extra note row under the table. Values land as before; the note moves.
    @Test func restyledTemplateWithInlineMarkers() throws {
        var parts = try packageParts(Repo.template)
        let strings = try SheetScanner.sharedStrings(parts["xl/sharedStrings.xml"]!, file: "t", part: "sst")
        var sheet = String(decoding: parts["xl/worksheets/sheet3.xml"]!, as: UTF8.self)
        // Every shared-string cell becomes an inline string.
        let pattern = try NSRegularExpression(pattern: "<c r=\"([A-Z]+[0-9]+)\"( s=\"[0-9]+\")? t=\"s\"><v>([0-9]+)</v></c>")
        for m in pattern.matches(in: sheet, range: NSRange(sheet.startIndex..., in: sheet)).reversed() {
            let ns = sheet as NSString
            let ref = ns.substring(with: m.range(at: 1)), style = m.range(at: 2).location == NSNotFound ? "" : ns.substring(with: m.range(at: 2))
            var text = strings[Int(ns.substring(with: m.range(at: 3)))!]
            if text.hasPrefix("{{表:") { text = "{{年度}}年度" + text }
            sheet = ns.replacingCharacters(in: m.range, with: "<c r=\"\(ref)\"\(style) t=\"inlineStr\"><is><t>\(text)</t></is></c>")
        }
        sheet = sheet.replacingOccurrences(of: "</sheetData>",
                                           with: "<row r=\"11\"><c r=\"A11\" t=\"inlineStr\"><is><t>注：本表为测试附注。</t></is></c></row></sheetData>")
        #expect(!sheet.contains("t=\"s\""))
        parts["xl/worksheets/sheet3.xml"] = Data(sheet.utf8)
        let package = PackageWriter()
        for name in try PackageReader(path: Repo.template).parts.map(\.name) { try package.add(name, data: parts[name]!) }
        let template = try Scratch.directory() + "/restyled.xlsx"
        try package.write(to: template, overwrite: false)

        let plain = try WorkbookReader(parts: try fill()).sheet(named: TableID.t03.title)
        let restyled = try WorkbookReader(parts: try fill(template: template)).sheet(named: TableID.t03.title)
        let n = tables.first { $0.id == .t03 }!.panels[0].rows.count
        #expect(restyled.value(row: 0, column: 0) == .string("2021年度支出决算表"))
        // Row 11 lies below the four 级次 band rows (6–9) and the note row (10): it moves by n - 4.
        #expect(restyled.value(row: 10 + n - 4, column: 0) == .string("注：本表为测试附注。"))
        for k in 0..<n { for c in 0...7 { #expect(restyled.value(row: 5 + k, column: c) == plain.value(row: 5 + k, column: c)) } }
    }
}

@Suite struct ExportFailureTests {
    @Test func badTemplateLeavesNoOutput() throws {
        let (accounts, catalogue) = try Sample.load()
        let dir = try Scratch.directory()
        // A template with a misspelt marker: the error names the sheet and the cell.
        var parts = try packageParts(Repo.template)
        var sst = String(decoding: parts["xl/sharedStrings.xml"]!, as: UTF8.self)
        sst = sst.replacingOccurrences(of: "{{行:名称}}", with: "{{行:名字}}")
        parts["xl/sharedStrings.xml"] = Data(sst.utf8)
        let package = PackageWriter()
        for name in try PackageReader(path: Repo.template).parts.map(\.name) { try package.add(name, data: parts[name]!) }
        let template = dir + "/bad-template.xlsx"
        try package.write(to: template, overwrite: false)
        let out = dir + "/out.xlsx"
        do {
            try WorkbookExport.export(accounts, catalogue: catalogue, template: template, to: out, overwrite: false)
            Issue.record("应当报错")
        } catch {
            #expect("\(error)".contains("收入决算表"))
            #expect("\(error)".contains("B6"))
            #expect("\(error)".contains("名字"))
        }
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(throws: (any Error).self) {
            try WorkbookExport.export(accounts, catalogue: catalogue, template: dir + "/missing.xlsx", to: out, overwrite: false)
        }
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func refusesToOverwrite() throws {
        let (accounts, catalogue) = try Sample.load()
        let out = try Scratch.directory() + "/out.xlsx"
        try WorkbookExport.export(accounts, catalogue: catalogue, template: Repo.template, to: out, overwrite: false)
        #expect(throws: (any Error).self) {
            try WorkbookExport.export(accounts, catalogue: catalogue, template: Repo.template, to: out, overwrite: false)
        }
        #expect(WorkbookExport.defaultOutputPath(for: accounts.unit) == "Output/2021-510403-001-攀枝花市西区就业创业促进中心.xlsx")
    }
}
