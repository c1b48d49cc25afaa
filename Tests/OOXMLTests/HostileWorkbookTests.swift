import Foundation
import Testing
@testable import OOXML

/// The hostile corpus (Tests/CLITests/Corpus/make_hostile.py) read by WorkbookReader and WordText:
/// every file ends in a located SpreadsheetError/OOXMLError or in a defined reading, never a crash.
@Suite struct HostileWorkbookTests {
    static let corpus: String = {
        let directory = NSTemporaryDirectory() + "ooxml-hostile-\(getpid())"
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("CLITests/Corpus/make_hostile.py").path
        if !FileManager.default.fileExists(atPath: directory + "/very-large.txt") {
            _ = try? CoreTestSupport.python("import runpy, sys; sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')",
                                            arguments: [script, directory])
            atexit { try? FileManager.default.removeItem(atPath: HostileWorkbookTests.corpus) }
        }
        return directory
    }()

    /// Opens a corpus workbook and reads every sheet; the error, or nil when all of it was read.
    func readAll(_ name: String) -> SpreadsheetError? {
        do {
            let workbook = try WorkbookReader.open(path: Self.corpus + "/" + name)
            for index in workbook.sheetNames.indices { _ = try workbook.sheet(at: index) }
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        ("xxe.xlsx", SpreadsheetError.Kind.unsafeXML, OOXMLError.Kind?.some(.doctypeRefused), "xl/sharedStrings.xml", "DOCTYPE"),
        ("billion-laughs.xlsx", .unsafeXML, .doctypeRefused, "xl/sharedStrings.xml", "DOCTYPE"),
        ("quadratic-blowup.xlsx", .unsafeXML, .doctypeRefused, "xl/sharedStrings.xml", "DOCTYPE"),
        ("zip-bomb-ratio.xlsx", .container, .limitExceeded, "xl/worksheets/sheet1.xml", "压缩炸弹"),
        ("zip-bomb-declared.xlsx", .container, .limitExceeded, "[Content_Types].xml", "超过 512 MB"),
        ("many-entries.xlsx", .container, .limitExceeded, nil, "超过 10000 个的上限"),
        ("zip-slip.xlsx", .container, .unsafeName, "../../evil.xml", "“..”"),
        ("absolute-name.xlsx", .container, .unsafeName, "/etc/evil.xml", "绝对路径"),
        ("duplicate-entry.xlsx", .container, .duplicateEntry, "xl/workbook.xml", "重复"),
        ("truncated.xlsx", .container, .truncated, nil, "不完整"),
        ("not-a-zip.xlsx", .container, .notZip, nil, "不是 zip"),
        ("empty.xlsx", .container, .notZip, nil, "空的"),
        ("encrypted.xlsx", .container, .encrypted, nil, "密码"),
        ("legacy-binary.xls", .container, .legacyBinaryXLS, nil, "另存为 .xlsx"),
        ("libreoffice-saved.xls", .container, .legacyBinaryXLS, nil, "另存为 .xlsx"),
        ("no-workbook.xlsx", .missingPart, nil, "xl/workbook.xml", "workbook.xml"),
        ("missing-sheet-part.xlsx", .missingPart, nil, "xl/worksheets/sheet1.xml", "工作表部件不存在"),
        ("malformed-sheet.xlsx", .malformedPart, .malformedXML, "xl/worksheets/sheet1.xml", "XML 格式错误"),
        ("invalid-utf8.xlsx", .malformedPart, .malformedXML, "xl/sharedStrings.xml", "非法字符"),
        ("cell-past-last-row.xlsx", .malformedPart, nil, "xl/worksheets/sheet1.xml", "“XFD1048577”无效"),
        ("cell-past-last-column.xlsx", .malformedPart, nil, "xl/worksheets/sheet1.xml", "“ZZZZ1”无效"),
        ("too-many-cells.xlsx", .malformedPart, nil, "xl/worksheets/sheet1.xml", "单元格超过 1000000 个的上限"),
    ] as [(String, SpreadsheetError.Kind, OOXMLError.Kind?, String?, String)])
    func refusedWithItsPlace(_ name: String, _ kind: SpreadsheetError.Kind, _ core: OOXMLError.Kind?,
                             _ part: String?, _ phrase: String) throws {
        let error = try #require(readAll(name), "\(name) should be refused")
        #expect(error.kind == kind, "\(error)")
        if let core { #expect(error.underlying?.kind == core, "\(error)") }
        #expect(error.file == Self.corpus + "/" + name)
        if let part { #expect(error.part == part, "\(error)") }
        #expect(error.description.contains(phrase), "\(error)")
        #expect(error.description.contains(name))
    }

    @Test func wholeSheetDimensionIsIgnoredForTheCellsThemselves() throws {
        let sheet = try WorkbookReader.open(path: Self.corpus + "/whole-sheet-dimension.xlsx").sheet(at: 0)
        #expect(sheet.cells.count == 2)
        #expect(sheet.maxRow == 6 && sheet.maxColumn == 2)
        #expect(sheet.value(row: 6, column: 2) == .number(3))
    }

    @Test func noSheetsMeansAnEmptyList() throws {
        let workbook = try WorkbookReader.open(path: Self.corpus + "/no-sheets.xlsx")
        #expect(workbook.sheetNames.isEmpty)
        #expect(throws: SpreadsheetError.self) { try workbook.sheet(at: 0) }
    }

    /// Excel cannot store more than 32,767 characters in a cell; a reader must not fall over on more.
    @Test func overlongStringIsReadWhole() throws {
        let sheet = try WorkbookReader.open(path: Self.corpus + "/long-string.xlsx").sheet(at: 0)
        guard case .string(let text) = sheet.value(row: 0, column: 0) else {
            Issue.record("A1 should be text")
            return
        }
        #expect(text.count == 40_000)
    }

    @Test func formulaWithoutCachedValueKeepsTheFormulaAndNoValue() throws {
        let sheet = try WorkbookReader.open(path: Self.corpus + "/formula-without-value.xlsx").sheet(at: 0)
        let cell = try #require(sheet[0, 1])
        #expect(cell.formula == "A1*2")
        #expect(cell.value == .empty)
    }

    /// Overlapping merges (Excel would repair the file) are read as given; a cell in both belongs to the first.
    @Test func overlappingMergesAreReadAsGiven() throws {
        let sheet = try WorkbookReader.open(path: Self.corpus + "/overlapping-merges.xlsx").sheet(at: 0)
        #expect(sheet.merges.map(\.description) == ["A1:B2", "B2:C3"])
        #expect(sheet.merge(containing: try CellAddress("B2"))?.description == "A1:B2")
    }

    @Test(arguments: [
        ("xxe.docx", OOXMLError.Kind.doctypeRefused, "DOCTYPE"),
        ("billion-laughs.docx", .doctypeRefused, "DOCTYPE"),
        ("zip-bomb.docx", .limitExceeded, "压缩炸弹"),
        ("no-document.docx", .missingPart, "word/document.xml"),
        ("malformed.docx", .malformedXML, "XML 格式错误"),
        ("truncated.docx", .truncated, "不完整"),
        ("encrypted.docx", .encrypted, "密码"),
        ("legacy-binary.doc", .legacyBinaryDOC, "另存为 .docx"),
    ])
    func wordDocumentsAreRefused(_ name: String, _ kind: OOXMLError.Kind, _ phrase: String) throws {
        do {
            let paragraphs = try WordText.paragraphs(fromDocx: Self.corpus + "/" + name)
            Issue.record("\(name) read as \(paragraphs.count) paragraphs")
        } catch {
            #expect(error.kind == kind, "\(error)")
            #expect(error.description.contains(phrase) && error.description.contains(name), "\(error)")
        }
    }

    @Test func goodFilesOfTheCorpusRead() throws {
        #expect(readAll("good.xlsx") == nil)
        let paragraphs = try WordText.paragraphs(fromDocx: Self.corpus + "/good.docx")
        #expect(paragraphs.map(\.text) == ["一、部门职责", "本年收入合计1702.33万元。"])
    }
}
