import Foundation
import Testing
@testable import OOXML

@Suite("Word text extraction")
struct WordTextTests {
    typealias Support = CoreTestSupport

    static let namespaces = """
        xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" \
        xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" \
        xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" \
        xmlns:v="urn:schemas-microsoft-com:vml" \
        xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"
        """

    /// Writes a minimal .docx whose body is `body`, with the main part at `mainPart`.
    private func makeDocx(body: String, mainPart: String = "word/document.xml") throws -> String {
        let directory = try Support.makeTemporaryDirectory()
        let path = directory + "/test.docx"
        let writer = PackageWriter()
        try writer.add("[Content_Types].xml", data: Data("""
            <?xml version="1.0" encoding="UTF-8"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Override PartName="/\(mainPart)" \
            ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
            """.utf8))
        try writer.add("_rels/.rels", data: Data("""
            <?xml version="1.0" encoding="UTF-8"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
            Target="/\(mainPart)"/></Relationships>
            """.utf8))
        try writer.add(mainPart, data: Data("""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document \(Self.namespaces) mc:Ignorable="wps"><w:body>\(body)<w:sectPr/></w:body></w:document>
            """.utf8))
        try writer.write(to: path, overwrite: false)
        return path
    }

    private func texts(_ body: String) throws -> [String] {
        try WordText.paragraphs(fromDocx: makeDocx(body: body)).map(\.text)
    }

    @Test func sampleNarrativeParagraphs() throws {
        let paragraphs = try WordText.paragraphs(fromDocx: Support.fixture("narrative.docx"))
        #expect(paragraphs.contains { $0.text == "2021年度收、支总计1704.87万元。与2020年相比，收、支总计各减少39.72万元，下降2.28%。主要变动原因是上级就业创业补助资金收入较上年减少。" })
        #expect(!paragraphs.contains { $0.text.contains("bookmark") || $0.text.contains("_Toc") })
        #expect(paragraphs.allSatisfy { $0.styleID == "PreformattedText" && !$0.isTableCell })

        // The document was made from the extracted text, one paragraph per line, minus bookmark markers.
        let extracted = try String(contentsOfFile: Support.fixture("narrative-extracted.txt"), encoding: .utf8)
        let lines = extracted.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            String(line).replacing(/\[bookmark: [^\]]*\]/, with: "")
        }
        let lineSet = Set(lines)
        let matched = paragraphs.filter { lineSet.contains($0.text) }.count
        #expect(matched == paragraphs.count)
        #expect(paragraphs.first?.text == " 第一部分 单位概况")
        #expect(paragraphs.contains { $0.text == "\t主管部门及代码" })
    }

    @Test func deletedTextFieldCodesAndBookmarksDoNotLeak() throws {
        let body = """
            <w:p><w:bookmarkStart w:id="0" w:name="_Toc15396600"/><w:r><w:t>保留</w:t></w:r>\
            <w:del w:id="1" w:author="a"><w:r><w:delText>删除的</w:delText></w:r></w:del>\
            <w:ins w:id="2" w:author="a"><w:r><w:t>插入的</w:t></w:r></w:ins>\
            <w:moveFrom w:id="3" w:author="a"><w:r><w:t>移走</w:t></w:r></w:moveFrom>\
            <w:moveTo w:id="4" w:author="a"><w:r><w:t>移来</w:t></w:r></w:moveTo><w:bookmarkEnd w:id="0"/></w:p>\
            <w:p><w:r><w:t xml:space="preserve">目录 </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>\
            <w:r><w:instrText xml:space="preserve"> PAGEREF _Toc15396600 \\h </w:instrText></w:r>\
            <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>5</w:t></w:r>\
            <w:r><w:fldChar w:fldCharType="end"/></w:r>\
            <w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>/9</w:t></w:r></w:fldSimple></w:p>\
            <w:p><w:r><w:t>正文</w:t><w:footnoteReference w:id="1"/><w:commentReference w:id="0"/>\
            <w:sym w:font="Wingdings" w:char="F0FC"/></w:r></w:p>
            """
        #expect(try texts(body) == ["保留插入的移来", "目录 5/9", "正文"])
    }

    @Test func wrappersPassTextThroughAndBrokenFieldsDoNotHideTheRest() throws {
        let body = """
            <w:sdt><w:sdtPr><w:alias w:val="标题"/><w:placeholder><w:docPart w:val="X"/></w:placeholder></w:sdtPr>            <w:sdtContent><w:p><w:hyperlink r:id="rId9" xmlns:r="urn:r"><w:r><w:t>链接</w:t></w:r></w:hyperlink>            <w:smartTag w:uri="urn:x" w:element="place"><w:r><w:t>西区</w:t></w:r></w:smartTag>            <w:customXml w:element="x"><w:r><w:t>自定义</w:t></w:r></w:customXml></w:p></w:sdtContent></w:sdt>            <w:p><w:r><w:t>坏域前</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>            <w:r><w:instrText>REF x</w:instrText></w:r></w:p>            <w:p><w:r><w:t>后续正文</w:t></w:r></w:p>
            """
        #expect(try texts(body) == ["链接西区自定义", "坏域前", "后续正文"])
    }

    @Test func runContentTabsBreaksAndHyphens() throws {
        let body = """
            <w:p><w:pPr><w:pStyle w:val="Heading1"/><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs>\
            <w:pPrChange w:id="9" w:author="a"><w:pPr><w:pStyle w:val="Old"/></w:pPr></w:pPrChange></w:pPr>\
            <w:r><w:t>一</w:t><w:tab/><w:t>二</w:t><w:br/><w:t>三</w:t><w:cr/><w:t>A</w:t>\
            <w:noBreakHyphen/><w:t>B</w:t><w:softHyphen/></w:r>\
            <w:r><w:t xml:space="preserve"> 四 </w:t></w:r></w:p><w:p/>
            """
        let paragraphs = try WordText.paragraphs(fromDocx: makeDocx(body: body))
        #expect(paragraphs.map(\.text) == ["一\t二\n三\nA-B 四 ", ""])
        #expect(paragraphs.first?.styleID == "Heading1")
        #expect(paragraphs.last?.styleID == nil)
    }

    @Test func alternateContentTextBoxComesOnce() throws {
        let textBox = "<w:txbxContent><w:p><w:r><w:t>文本框内容</w:t></w:r></w:p></w:txbxContent>"
        let body = """
            <w:p><w:r><w:t>前</w:t></w:r><w:r><mc:AlternateContent>\
            <mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>\(textBox)</wps:txbx></wps:wsp></w:drawing></mc:Choice>\
            <mc:Fallback><w:pict><v:shape><v:textbox>\(textBox)</v:textbox></v:shape></w:pict></mc:Fallback>\
            </mc:AlternateContent></w:r><w:r><w:t>后</w:t></w:r></w:p>\
            <w:p><w:r><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>旧式文本框</w:t></w:r></w:p>\
            </w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>\
            <w:p><m:oMath><m:r><m:t>x</m:t></m:r></m:oMath><w:r><w:t>公式后</w:t></w:r></w:p>
            """
        let paragraphs = try WordText.paragraphs(fromDocx: makeDocx(body: body))
        #expect(paragraphs.map(\.text) == ["文本框内容", "前后", "旧式文本框", "", "公式后"])
        #expect(paragraphs.map(\.isInTextBox) == [true, false, true, false, false])
    }

    @Test func tableCellsInRowOrder() throws {
        func cell(_ text: String, span: Int = 1) -> String {
            let properties = span > 1 ? "<w:tcPr><w:gridSpan w:val=\"\(span)\"/></w:tcPr>" : ""
            return "<w:tc>\(properties)<w:p><w:r><w:t>\(text)</w:t></w:r></w:p></w:tc>"
        }
        let body = """
            <w:p><w:r><w:t>2021年部门预算项目上级就业创业补助资金绩效目标自评表</w:t></w:r></w:p>\
            <w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>\
            <w:tr>\(cell("主管部门及代码"))\(cell("西区人力资源和社会保障局"))</w:tr>\
            <w:tr>\(cell("实施单位"))<w:tc><w:p><w:r><w:t>西区就业</w:t></w:r></w:p>\
            <w:p><w:r><w:t>创业促进中心</w:t></w:r></w:p></w:tc></w:tr>\
            <w:tr>\(cell("年度总体目标", span: 2))</w:tr></w:tbl>\
            <w:p><w:r><w:t>表后</w:t></w:r></w:p>\
            <w:tbl><w:tr><w:tc><w:tbl><w:tr>\(cell("内表"))</w:tr></w:tbl><w:p/></w:tc></w:tr></w:tbl>
            """
        let paragraphs = try WordText.paragraphs(fromDocx: makeDocx(body: body))
        let described = paragraphs.map { paragraph in
            paragraph.isTableCell
                ? "\(paragraph.text)@\(paragraph.tableIndex!),\(paragraph.row!),\(paragraph.column!)"
                : paragraph.text
        }
        #expect(described == [
            "2021年部门预算项目上级就业创业补助资金绩效目标自评表",
            "主管部门及代码@0,0,0", "西区人力资源和社会保障局@0,0,1",
            "实施单位@0,1,0", "西区就业@0,1,1", "创业促进中心@0,1,1",
            "年度总体目标@0,2,0",
            "表后",
            "内表@2,0,0", "@1,0,0",
        ])
    }

    @Test func libreOfficeTableWithBookmarkAndField() throws {
        // Made by LibreOffice from HTML: a heading bookmark, a PAGEREF field in a hyperlink,
        // and a table with a horizontal span and a vertical merge.
        let paragraphs = try WordText.paragraphs(fromDocx: Support.fixture("narrative-table.docx"))
        #expect(!paragraphs.contains { $0.text.contains("_Toc") || $0.text.contains("PAGEREF") })
        #expect(paragraphs.first == WordParagraph(text: "第三部分 情况说明", styleID: "Heading1"))
        #expect(paragraphs[1].text == "2021年度收、支总计1704.87万元。见上")
        let cells = paragraphs.filter(\.isTableCell)
        #expect(cells.count == 14)
        #expect(cells.allSatisfy { $0.tableIndex == 0 })
        let described = cells.map { "\($0.row!),\($0.column!),\($0.gridColumn!)\($0.isMergedContinuation ? "^" : ""):\($0.text)" }
        #expect(described == [
            "0,0,0:主管部门及代码", "0,1,1:西区人力资源和社会保障局", "0,2,3:实施单位", "0,3,4:西区就业创业促进中心",
            "1,0,0:项目资金（万元）", "1,1,1:年度资金总额", "1,2,2:1568.01", "1,3,3:执行率", "1,4,4:100%",
            "2,0,0^:", "2,1,1:财政拨款", "2,2,2:1568.01", "2,3,3:其他资金", "2,4,4:",
        ])
        #expect(paragraphs.last?.text == "表后段落")
        #expect(paragraphs.last?.isTableCell == false)
    }

    @Test func mainPartFollowsRelationships() throws {
        let path = try makeDocx(body: "<w:p><w:r><w:t>别处的正文</w:t></w:r></w:p>", mainPart: "word/main.xml")
        #expect(try WordText.paragraphs(fromDocx: path).map(\.text) == ["别处的正文"])
        let package = try PackageReader(path: path)
        #expect(try WordText.mainDocumentPart(of: package) == "word/main.xml")
    }

    @Test func refusesWhatIsNotAWordDocument() throws {
        let directory = try Support.makeTemporaryDirectory()
        let path = directory + "/book.xlsx"
        let writer = PackageWriter()
        try writer.add("xl/workbook.xml", data: Data("<workbook/>".utf8))
        try writer.write(to: path, overwrite: false)
        let error = Support.ooxmlError { _ = try WordText.paragraphs(fromDocx: path) }
        #expect(error?.kind == .missingPart)
        #expect(error?.description == "文件 \(path) 的部件 word/document.xml：缺少 Word 正文部件，这不是 Word（.docx）文档。")

        let broken = Support.ooxmlError {
            _ = try WordText.paragraphs(documentXML: Data("<w:document \(Self.namespaces)>\n<w:body>\n<w:p></w:body>".utf8),
                                        file: "说明.docx", part: "word/document.xml")
        }
        #expect(broken?.kind == .malformedXML)
        #expect(broken?.line == 3)
        #expect(broken?.description.hasPrefix("文件 说明.docx 的部件 word/document.xml：XML 格式错误（第3行）") == true)
    }
}
