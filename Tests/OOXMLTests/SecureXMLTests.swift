import Foundation
import Testing
@testable import OOXML

@Suite("Secure XML reader")
struct SecureXMLTests {
    typealias Support = CoreTestSupport
    static let main: StaticString = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationships: StaticString = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    private func reader(_ xml: String, part: String = "xl/worksheets/sheet1.xml") throws -> SecureXMLReader {
        try SecureXMLReader(data: Data(xml.utf8), file: "a.xlsx", part: part)
    }

    @Test func pullsElementsAttributesAndText() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
              <sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"/></row></sheetData>
              <drawing r:id="rId1"/><t xml:space="preserve"> 收入 &amp; 支出 </t><x><![CDATA[a<b]]></x>
            </worksheet>
            """
        let xmlReader = try reader(xml)
        var events: [String] = []
        var cells: [String] = []
        var values: [String] = []
        while try xmlReader.read() {
            switch xmlReader.kind {
            case .startElement:
                events.append("<\(xmlReader.localName)@\(xmlReader.depth)\(xmlReader.isEmptyElement ? "/" : "")")
                #expect(xmlReader.isInNamespace(Self.main))
                if xmlReader.isStart("c", namespace: Self.main), let reference = xmlReader.attribute("r") {
                    cells.append(reference)
                }
                if xmlReader.isStart("drawing") {
                    #expect(xmlReader.attribute("id", namespace: Self.relationships) == "rId1")
                    #expect(xmlReader.attribute("id", namespace: nil) == nil)
                    #expect(xmlReader.attribute(named: "id") == "rId1")
                }
                if xmlReader.isStart("c") && xmlReader.isEmptyElement {
                    #expect(xmlReader.attribute("t") == nil)
                }
            case .endElement:
                events.append(">\(xmlReader.localName)")
            case .text:
                if !xmlReader.isWhitespace { values.append(xmlReader.text) }
            case .other:
                break
            }
        }
        #expect(cells == ["A1", "B1"])
        #expect(values == ["0", " 收入 & 支出 ", "a<b"])
        #expect(events == ["<worksheet@0", "<sheetData@1", "<row@2", "<c@3", "<v@4", ">v", ">c", "<c@3/", ">c",
                           ">row", ">sheetData", "<drawing@1/", ">drawing", "<t@1", ">t", "<x@1", ">x", ">worksheet"])
    }

    @Test func exposesPrefixesAndNamespaceDeclarations() throws {
        let xmlReader = try reader("""
            <w:document xmlns:w="urn:w" xmlns="urn:default" xmlns:r="urn:r"><w:body><p/></w:body></w:document>
            """)
        #expect(try xmlReader.read())
        #expect(xmlReader.prefix == "w")
        #expect(xmlReader.namespaceURI == "urn:w")
        #expect(xmlReader.namespaceDeclarations.map { "\($0.prefix ?? "-")=\($0.uri)" } == ["w=urn:w", "-=urn:default", "r=urn:r"])
        #expect(try xmlReader.read())
        #expect(xmlReader.namespaceDeclarations.isEmpty)
        #expect(try xmlReader.read())
        #expect(xmlReader.localName == "p")
        #expect(xmlReader.prefix == nil)
        #expect(xmlReader.namespaceURI == "urn:default")
    }

    @Test func skipElementJumpsOverContent() throws {
        let xmlReader = try reader("<a><skip><b>hidden</b><c/></skip><keep>shown</keep></a>")
        var texts: [String] = []
        while try xmlReader.read() {
            if xmlReader.isStart("skip") { try xmlReader.skipElement(); continue }
            if xmlReader.kind == .text { texts.append(xmlReader.text) }
        }
        #expect(texts == ["shown"])
    }

    @Test func readsAttributeBytesWithoutString() throws {
        let xmlReader = try reader(#"<c r="AB12" s="7"/>"#)
        #expect(try xmlReader.read())
        let length = xmlReader.withAttribute("r") { $0?.count }
        #expect(length == 4)
        let style = xmlReader.withAttribute("s") { bytes in bytes.map { Int(String(decoding: $0, as: UTF8.self)) } }
        #expect(style == 7)
        #expect(xmlReader.attributes.map(\.localName) == ["r", "s"])
    }

    @Test(arguments: [
        #"<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><a>&lol2;</a>"#,
        #"<?xml version="1.0"?><!-- hi --><!DOCTYPE a SYSTEM "file:///etc/passwd"><a/>"#,
        "<?xml version=\"1.0\"?>\n\n<!doctype a><a/>",
    ])
    func refusesDoctype(_ xml: String) throws {
        let error = Support.ooxmlError { _ = try reader(xml, part: "word/document.xml") }
        #expect(error?.kind == .doctypeRefused)
        #expect(error?.part == "word/document.xml")
        #expect(error?.description.hasPrefix("文件 a.xlsx 的部件 word/document.xml：") == true)
    }

    @Test func refusesDoctypeInUTF16() throws {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>"
        var data = Data([0xFF, 0xFE])
        data.append(xml.data(using: .utf16LittleEndian)!)
        let error = Support.ooxmlError {
            let xmlReader = try SecureXMLReader(data: data, file: "a.docx", part: "word/document.xml")
            while try xmlReader.read() {}
        }
        #expect(error?.kind == .doctypeRefused)
    }

    @Test func reportsMalformedXMLWithLineAndWithoutStderr() throws {
        let xml = "<?xml version=\"1.0\"?>\n<a>\n<b>\n</a>\n"
        let (error, stderrText) = try capturingStandardError {
            Support.ooxmlError {
                let xmlReader = try reader(xml)
                while try xmlReader.read() {}
            }
        }
        #expect(error?.kind == .malformedXML)
        #expect(error?.line == 4)
        #expect(error?.part == "xl/worksheets/sheet1.xml")
        #expect(error?.description.hasPrefix("文件 a.xlsx 的部件 xl/worksheets/sheet1.xml：XML 格式错误（第4行）") == true)
        #expect(stderrText.isEmpty)
    }

    @Test(arguments: ["<a><b></a>", "<a>", "<p:a/>", "<a x=1/>", "", "<a/><b/>"])
    func refusesBrokenDocuments(_ xml: String) throws {
        let error = Support.ooxmlError {
            let xmlReader = try reader(xml)
            while try xmlReader.read() {}
        }
        #expect(error?.kind == .malformedXML)
        #expect(error?.line ?? 0 >= 1)
    }

    // MARK: - Streaming from a package

    private func package(_ parts: [(String, String)]) throws -> PackageReader {
        let writer = PackageWriter()
        for (name, xml) in parts { try writer.add(name, data: Data(xml.utf8)) }
        let path = try Support.makeTemporaryDirectory() + "/p.xlsx"
        try writer.write(to: path, overwrite: false)
        return try PackageReader(path: path)
    }

    /// Counts start elements named "c" and sums the text of elements named "v".
    private func census(_ xmlReader: SecureXMLReader) throws -> (cells: Int, sum: Int) {
        var cells = 0, sum = 0, inValue = false
        while try xmlReader.read() {
            switch xmlReader.kind {
            case .startElement:
                if xmlReader.isStart("c") { cells += 1 }
                if xmlReader.isStart("v") { inValue = true }
            case .endElement:
                if xmlReader.isEnd("v") { inValue = false }
            case .text:
                if inValue { sum += Int(xmlReader.text) ?? 0 }
            case .other:
                break
            }
        }
        return (cells, sum)
    }

    @Test func streamsLargePartLikeMemory() throws {
        // Well past the 64 KiB looked at before parsing, so the stream path is exercised.
        let rows = (1...5000).map { "<row r=\"\($0)\"><c r=\"A\($0)\"><v>\($0)</v></c><c r=\"B\($0)\"/></row>" }
        let xml = "<?xml version=\"1.0\"?>\n<worksheet><sheetData>" + rows.joined(separator: "\n") + "</sheetData></worksheet>"
        #expect(xml.utf8.count > 3 * SecureXMLReader.prescanLength)
        let reader = try package([("xl/worksheets/sheet1.xml", xml)])
        let streamed = try census(SecureXMLReader(package: reader, part: "XL/worksheets/sheet1.xml"))
        let inMemory = try census(SecureXMLReader(data: Data(xml.utf8), file: "p", part: "s"))
        #expect(streamed.cells == 10_000)
        #expect(streamed.sum == 5000 * 5001 / 2)
        #expect(streamed == inMemory)
    }

    @Test func streamedPartRefusesDoctypeAndReportsLines() throws {
        let reader = try package([
            ("word/document.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><d>&x;</d>"),
            ("xl/broken.xml", "<a>\n" + String(repeating: "<b/>\n", count: 20_000) + "</c>"),
        ])
        let doctype = Support.ooxmlError { _ = try SecureXMLReader(package: reader, part: "word/document.xml") }
        #expect(doctype?.kind == .doctypeRefused)
        #expect(doctype?.line == 2)
        let broken = Support.ooxmlError {
            let xmlReader = try SecureXMLReader(package: reader, part: "xl/broken.xml")
            while try xmlReader.read() {}
        }
        #expect(broken?.kind == .malformedXML)
        #expect(broken?.line == 20_002)
        #expect(broken?.part == "xl/broken.xml")
        #expect(Support.ooxmlError { _ = try SecureXMLReader(package: reader, part: "xl/none.xml") }?.kind == .missingPart)
    }

    @Test func streamStopsOnPartThatLiesAboutItsSize() throws {
        let directory = try Support.makeTemporaryDirectory()
        let path = directory + "/lying.xlsx"
        try Support.python("""
            import sys, zipfile, struct
            with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
                z.writestr('xl/sheet.xml', '<a>' + '<b>x</b>' * 100000 + '</a>')
            data = bytearray(open(sys.argv[1], 'rb').read())
            struct.pack_into('<I', data, 22, 100000)
            central = data.index(b'PK\\x01\\x02')
            struct.pack_into('<I', data, central + 24, 100000)
            open(sys.argv[1], 'wb').write(data)
            """, arguments: [path])
        let reader = try PackageReader(path: path)
        var elements = 0
        let error = Support.ooxmlError {
            let xmlReader = try SecureXMLReader(package: reader, part: "xl/sheet.xml")
            while try xmlReader.read() { elements += 1 }
        }
        #expect(error?.kind == .invalidContent)
        #expect(error?.part == "xl/sheet.xml")
        #expect(elements < 100_000)
    }

    @Test func undeclaredPrefixStopsReadingAtOnce() throws {
        let xml = "<a>\n<p:b/>\n" + String(repeating: "<c/>\n", count: 50_000) + "</a>"
        var nodes = 0
        let error = Support.ooxmlError {
            let xmlReader = try reader(xml)
            while try xmlReader.read() { nodes += 1 }
        }
        #expect(error?.kind == .malformedXML)
        #expect(error?.line == 2)
        #expect(nodes < 1000)
    }

    /// Runs `body` with file descriptor 2 redirected to a file; returns what was written there.
    private func capturingStandardError<T>(_ body: () -> T) throws -> (T, String) {
        let path = try Support.makeTemporaryDirectory() + "/stderr.txt"
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        let saved = dup(2)
        dup2(handle.fileDescriptor, 2)
        let result = body()
        fflush(nil)
        dup2(saved, 2)
        close(saved)
        try handle.close()
        return (result, try String(contentsOfFile: path, encoding: .utf8))
    }
}
