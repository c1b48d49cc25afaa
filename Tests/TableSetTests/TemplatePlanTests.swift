import Foundation
import Testing
import Accounts
import OOXML
@testable import TableSet

/// A template's markers are read once per file version: a changed template at the same path is read again.
@Suite struct TemplatePlanTests {
    let tables: [StatTable]
    let unit = HandBuilt.accounts.unit

    init() throws {
        tables = try TableBuilder(naming: HandBuilt.fullNaming()).build(HandBuilt.accounts)
    }

    @Test func repeatedFillsGiveTheSameBytes() throws {
        let filler = TemplateFiller(templatePath: Repo.template)
        let first = try filler.fill(tables, unit: unit).archiveData()
        for _ in 0..<3 { #expect(try filler.fill(tables, unit: unit).archiveData() == first) }
    }

    @Test func aChangedTemplateIsReadAgain() throws {
        let path = try Scratch.directory() + "/template.xlsx"
        try FileManager.default.copyItem(atPath: Repo.template, toPath: path)
        let before = try TemplateFiller(templatePath: path).fill(tables, unit: unit).archiveData()
        #expect(before == (try TemplateFiller(templatePath: Repo.template).fill(tables, unit: unit).archiveData()))

        // The same template with the title cell of table 3 reworded around its marker.
        var parts = try packageParts(path)
        var sst = String(decoding: parts["xl/sharedStrings.xml"]!, as: UTF8.self)
        sst = sst.replacingOccurrences(of: "{{表:\(TableID.t03.title)}}", with: "{{年度}}年度{{表:\(TableID.t03.title)}}")
        parts["xl/sharedStrings.xml"] = Data(sst.utf8)
        let package = PackageWriter()
        for name in try PackageReader(path: path).parts.map(\.name) { try package.add(name, data: parts[name]!) }
        try FileManager.default.removeItem(atPath: path)
        try package.write(to: path, overwrite: false)

        let out = try Scratch.directory() + "/after.xlsx"
        try TemplateFiller(templatePath: path).write(tables, unit: unit, to: out, overwrite: false)
        let sheet = try WorkbookReader(parts: try packageParts(out)).sheet(named: TableID.t03.title)
        #expect(sheet.value(row: 0, column: 0) == .string("\(unit.year)年度\(TableID.t03.title)"))

        // A template that is no longer a workbook is reported, not served from memory.
        try FileManager.default.removeItem(atPath: path)
        try Data("不是工作簿".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: (any Error).self) { try TemplateFiller(templatePath: path).fill(tables, unit: unit) }
    }
}
