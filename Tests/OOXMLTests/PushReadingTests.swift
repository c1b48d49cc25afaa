import Foundation
import Testing
@testable import OOXML

/// The worksheet and shared-string readers take libxml2's nodes pushed (XMLPush) rather than
/// pulled from a buffer (XMLPull): these pin down that both read the same things the same way.
@Suite struct PushReadingTests {
    @Test func attributeValuesAreDecodedAsThePullReaderDecodesThem() throws {
        // "&amp;" reaches the SAX callbacks as "&#38;"; messages show it decoded.
        let badType = #expect(throws: SpreadsheetError.self) {
            _ = try HandMade.sheet("<sheetData><row><c r=\"A1\" t=\"x&amp;y\"><v>1</v></c></row></sheetData>")
        }
        #expect(badType?.description.contains("单元格类型“x&y”无效") == true, "\(badType?.description ?? "")")
        let badMerge = #expect(throws: SpreadsheetError.self) {
            _ = try HandMade.sheet("<sheetData/><mergeCells><mergeCell ref=\"A1:&amp;B2\"/></mergeCells>")
        }
        #expect(badMerge?.description.contains("合并区域“A1:&B2”无效") == true, "\(badMerge?.description ?? "")")
        // A style index with "&" is ignored, as before (General).
        let sheet = try HandMade.sheet("<sheetData><row><c r=\"A1\" s=\"1&amp;\"><v>2</v></c></row></sheetData>",
                                       styles: "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"2\"/></cellXfs>")
        #expect(sheet[0, 0]?.value == .number(2))
        #expect(sheet[0, 0]?.numberFormat == nil)
    }

    @Test func textSplitIntoRunsIsJoined() throws {
        // Character data, a CDATA section and references come as separate runs.
        let sheet = try HandMade.sheet("""
            <sheetData><row><c r="A1"><v>1<![CDATA[2]]>3</v></c>\
            <c r="B1" t="inlineStr"><is><t>a&amp;b<![CDATA[<c>]]>&#x4E2D;</t></is></c></row></sheetData>
            """, sharedStrings: "<si><t>x</t></si>")
        #expect(sheet[0, 0]?.value == .number(123))
        #expect(sheet[0, 1]?.value == .string("a&b<c>中"))
        let strings = try SharedStringsReader.read(Data("""
            <sst xmlns="\(HandMade.main)"><si><t>p<![CDATA[q]]>&lt;r</t></si><si/><si><r><t>s</t></r><r><t>t</t></r></si></sst>
            """.utf8), part: "xl/sharedStrings.xml")
        #expect(strings == ["pq<r", "", "st"])
    }

    @Test func aSheetErrorComesBeforeALaterXMLError() {
        // The bad cell is met before the document breaks off: its error is the one reported,
        // as when the nodes were pulled one by one.
        let badFirst = #expect(throws: SpreadsheetError.self) {
            _ = try HandMade.sheet("<sheetData><row><c r=\"A1\" t=\"b\"><v>7</v></c></row><row><c r=\"A2\"><v>1</v>")
        }
        #expect(badFirst?.description.contains("逻辑值“7”无效") == true, "\(badFirst?.description ?? "")")
        let xmlFirst = #expect(throws: SpreadsheetError.self) {
            _ = try HandMade.sheet("<sheetData><row><c r=\"A1\"><v>1</v></c></row><row><c r=\"A2\" r=\"A2\" t=\"b\"><v>7</v></c></row></sheetData>")
        }
        #expect(xmlFirst?.description.contains("XML") == true, "\(xmlFirst?.description ?? "")")
        #expect(xmlFirst?.description.contains("逻辑值") == false)
    }

    @Test func bigSheetsAcrossChunksReadWhole() throws {
        // More than one 64 KB chunk of XML: nodes keep coming across chunk boundaries.
        let rows = (1...3000).map { "<row r=\"\($0)\"><c r=\"A\($0)\"><v>\($0).5</v></c><c r=\"B\($0)\" t=\"inlineStr\"><is><t>行\($0)</t></is></c></row>" }
        let sheet = try HandMade.sheet("<sheetData>\(rows.joined())</sheetData>")
        #expect(sheet.cells.count == 6000)
        #expect(sheet[2999, 0]?.value == .number(Decimal(string: "3000.5")!))
        #expect(sheet[1499, 1]?.value == .string("行1500"))
    }

    @Test func mergedRangesParsedFromBytesAsFromText() throws {
        for text in ["A1", "A1:C3", "C3:A1", "$B$2:$D$9", "a1:b2", "A1:", ":A1", "A1:B2:C3", "", "A0", "XFE1", "A1048577", "A 1"] {
            let fromText = try? CellRange(text)
            let fromBytes = Array(text.utf8).withUnsafeBufferPointer { CellRange.parse($0) }
            #expect(fromText == fromBytes, "\(text)")
        }
    }

    @Test func relationshipTypeWord() {
        #expect(WorkbookReader.lastWord("http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet") == "worksheet")
        #expect(WorkbookReader.lastWord("a/b/") == "b")
        #expect(WorkbookReader.lastWord("plain") == "plain")
        #expect(WorkbookReader.lastWord("///") == "///")
        #expect(WorkbookReader.lastWord("") == "")
        #expect(WorkbookReader.lastWord("类型/工作表") == "工作表")
    }
}
