import Accounts
import Foundation
import Testing
@testable import OOXML
@testable import TableSet

/// A data value holding characters XML 1.0 cannot carry still exports to well-formed parts,
/// and the text reads back (Excel's `_xHHHH_` escapes decoded) as the data had it.
@Suite struct ControlCharacterTests {
    func accounts() throws -> (UnitAccounts, SubjectCatalogue) {
        var (accounts, catalogue) = try Sample.load()
        accounts.unit.name = "示例\u{1}单位\u{B}名称"
        return (accounts, catalogue)
    }

    @Test func exportedPartsParseAndCarryTheName() throws {
        let (accounts, catalogue) = try accounts()
        let out = try Scratch.directory() + "/控制字符.xlsx"
        try WorkbookExport.export(accounts, catalogue: catalogue, template: Repo.template, to: out, overwrite: false)
        let reader = try PackageReader(path: out)
        var sheetsWithName = 0
        for part in reader.parts where part.name.hasSuffix(".xml") {
            let r = try SecureXMLReader(data: try reader.read(part.name), file: out, part: part.name)
            var found = false
            while try r.read() {
                if r.kind == .text, ExcelEscape.decode(r.text).contains(accounts.unit.name) { found = true }
            }
            if found { sheetsWithName += 1 }
        }
        #expect(sheetsWithName > 0)
    }

    @Test func compiledSheetsStillRenderAsRewritten() throws {
        let (accounts, catalogue) = try accounts()
        let tables = try TableBuilder(catalogue: catalogue).build(accounts)
        #expect(try CompiledSheetTests().compare(template: Repo.template, tables: tables, unit: accounts.unit) == 15)
    }
}
