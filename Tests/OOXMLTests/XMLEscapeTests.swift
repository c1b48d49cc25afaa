import Foundation
import Testing
@testable import OOXML

/// The one escaper every written part goes through: what it escapes reads back as it was, and
/// characters XML 1.0 cannot carry never reach a part.
@Suite struct XMLEscapeTests {
    /// Parses `<r a="ATTRIBUTE">TEXT</r>` (both inserted as given) and gives back what a reader sees.
    func readBack(attribute: String, text: String) throws -> (attribute: String?, text: String) {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><r a=\"\(attribute)\">\(text)</r>"
        let r = try SecureXMLReader(data: Data(xml.utf8), file: "测试", part: "r.xml")
        var value: String?
        var body = ""
        while try r.read() {
            if r.kind == .startElement { value = r.attribute("a") }
            if r.kind == .text { body += r.text }
        }
        return (value, body)
    }

    @Test func markupAndWhitespaceReadBackUnchanged() throws {
        let s = "甲&乙<丙>丁\"戊'己\t庚\n辛\r壬"
        let back = try readBack(attribute: XMLEscape.attribute(s), text: XMLEscape.text(s))
        #expect(back.attribute == s)
        #expect(back.text == s)
        #expect(XMLEscape.attribute("a>b\"c") == "a&gt;b&quot;c")
        #expect(XMLEscape.text("a>b\"c") == "a&gt;b\"c")
    }

    @Test func plainTextIsHandedBack() {
        let s = "2080101 行政运行"
        #expect(XMLEscape.text(s) == s)
        #expect(XMLEscape.attribute(s) == s)
    }

    @Test func controlCharactersWouldBreakThePart() {
        // Without the escaper the part is not XML at all: this is what the escaper prevents.
        #expect(throws: (any Error).self) { try readBack(attribute: "a", text: "甲\u{1}乙") }
    }

    @Test func charactersXMLCannotCarryAreDroppedOrExcelEscaped() throws {
        let s = "甲\u{1}乙\u{B}丙\u{FFFE}丁"
        let dropped = try readBack(attribute: XMLEscape.attribute(s), text: XMLEscape.text(s))
        #expect(dropped.attribute == "甲乙丙丁")
        #expect(dropped.text == "甲乙丙丁")
        let kept = try readBack(attribute: XMLEscape.attribute(s, unrepresentable: .excelEscape),
                                text: XMLEscape.text(s, unrepresentable: .excelEscape))
        #expect(kept.text == "甲_x0001_乙_x000B_丙_xFFFE_丁")
        #expect(ExcelEscape.decode(kept.text) == s)
        #expect(ExcelEscape.decode(kept.attribute ?? "") == s)
    }

    @Test func cellTextEscapesLiteralExcelEscapes() {
        var bytes: [UInt8] = []
        XMLEscape.append("_x0041_\r", attribute: false, unrepresentable: .excelEscape, excelCellText: true, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "_x005F_x0041__x000D_")
    }

    @Test func unescapeUndoesEntitiesAndReferences() {
        #expect(XMLEscape.unescape("a&amp;b&lt;c&gt;&quot;&apos;&#13;&#x4E2D;&bogus;") == "a&b<c>\"'\r中&bogus;")
    }
}
