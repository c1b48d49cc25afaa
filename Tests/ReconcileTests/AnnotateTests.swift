import Foundation
import Testing
import OOXML
import TableSet
@testable import Reconcile

/// A scratch folder per test, removed afterwards.
final class ReportScratchFolder {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("juesuan-annotate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    deinit { try? FileManager.default.removeItem(at: url) }
}

enum AnnotateFixture {
    static let moneyStyle = CellStyle(font: Font(name: "仿宋", size: 12, bold: true), border: .all(.thin),
                                      horizontal: .right, numberFormat: .thousandsTwoDecimals)

    /// Two sheets with styled numbers, written with the project's WorkbookWriter.
    static func writeWorkbook(to path: String) throws {
        let wb = WorkbookWriter()
        let t1 = try wb.addSheet(named: "收入支出决算总表")
        try t1.set("项目", at: CellAddress("A1"))
        try t1.set("金额", at: CellAddress("B1"))
        try t1.set("本年收入合计", at: CellAddress("A3"))
        try t1.set(Decimal(string: "1704.87")!, at: CellAddress("B3"), style: moneyStyle)
        try t1.set("本年支出合计", at: CellAddress("A4"))
        try t1.set(Decimal(string: "1704.78")!, at: CellAddress("B4"), style: moneyStyle)
        let t3 = try wb.addSheet(named: "支出决算表")
        try t3.set("基本支出", at: CellAddress("A4"))
        try t3.set(Decimal(string: "1200.5")!, at: CellAddress("C4"), style: moneyStyle)
        try t3.set(Decimal(string: "504.37")!, at: CellAddress("D4"))
        try wb.write(to: path, overwrite: false)
    }

    static let findings: [Finding] = [
        Finding(rule: "T1.收支总计", severity: .error,
                location: .cells(sheet: "收入支出决算总表", cells: ["B3", "B4"], table: .t01),
                message: "收入合计与支出合计不等 <&>", expected: "1,704.87", found: "1,704.78"),
        Finding(rule: "T3.尾差", severity: .hint, location: .cells(sheet: "支出决算表", cells: ["C4"], table: .t03),
                message: "尾差 0.01 万元", expected: "1,200.51", found: "1,200.50"),
        Finding(rule: "T3.合计", severity: .error, location: .cells(sheet: "支出决算表", cells: ["C4", "E9"], table: .t03),
                message: "合计不等于各项之和"),
        Finding(rule: "N.share", severity: .error,
                location: .narrative(section: "二、收入决算情况", paragraph: 4, sentence: "占93.79%。", figure: "93.79%"),
                message: "占比与表格不符", expected: "93.78%", found: "93.79%"),
    ]

    static func parts(_ path: String) throws -> [String: Data] {
        let reader = try PackageReader(path: path)
        var parts: [String: Data] = [:]
        for info in reader.parts { parts[info.name] = try reader.read(info) }
        return parts
    }

    static func string(_ parts: [String: Data], _ name: String) -> String {
        parts[name].map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}

@Suite struct AnnotateTests {
    @Test func annotatedCopyHasResultsSheetMarksAndComments() throws {
        let dir = try ReportScratchFolder()
        let input = dir.path("单位.xlsx"), output = dir.path("单位-核对.xlsx")
        try AnnotateFixture.writeWorkbook(to: input)
        let before = try Data(contentsOf: URL(fileURLWithPath: input))
        try Annotator.annotate(workbook: input, findings: AnnotateFixture.findings, output: output, overwrite: false)
        #expect(try Data(contentsOf: URL(fileURLWithPath: input)) == before, "the input file is never modified")

        let book = try WorkbookReader(parts: try AnnotateFixture.parts(output), file: output)
        #expect(book.sheetNames == ["收入支出决算总表", "支出决算表", "核对结果"])
        let results = try book.sheet(named: "核对结果")
        #expect((0..<10).map { results.value(row: 0, column: $0).string } ==
                ["序号", "规则", "级别", "位置", "摘要", "说明内容", "应为", "实为", "说明", "键"])
        #expect(results.value(row: 1, column: 0).number == 1)
        #expect(results.value(row: 1, column: 1).string == "T1.收支总计")
        #expect(results.value(row: 1, column: 2).string == "错误")
        #expect(results.value(row: 1, column: 3).string == "工作表「收入支出决算总表」 B3、B4")
        #expect(results.value(row: 1, column: 4).string == AnnotateFixture.findings[0].summary)
        #expect(results.value(row: 1, column: 5).string == "收入合计与支出合计不等 <&>")
        #expect(results.value(row: 1, column: 6).string == "1,704.87")
        #expect(results.value(row: 1, column: 7).string == "1,704.78")
        #expect(results.value(row: 2, column: 2).string == "提示")
        #expect(results.value(row: 4, column: 9).string == AnnotateFixture.findings[3].key)
        #expect(results.value(row: 4, column: 4).string == AnnotateFixture.findings[3].summary)
        #expect(!(results.value(row: 4, column: 4).string ?? "").isEmpty)
        #expect(results.value(row: 4, column: 5).string == "占比与表格不符\n原句：占93.79%。")
        #expect(results.value(row: 5, column: 0).isEmpty, "one row per finding")

        // Original values unchanged, sheet by sheet.
        let original = try WorkbookReader(parts: try AnnotateFixture.parts(input), file: input)
        for name in original.sheetNames {
            let a = try original.sheet(named: name), b = try book.sheet(named: name)
            for cell in a.cells { #expect(b[cell.address]?.value == cell.value, "\(name)!\(cell.address)") }
            #expect(b.cells.filter { !$0.value.isEmpty }.count == a.cells.filter { !$0.value.isEmpty }.count)
        }
    }

    @Test func untouchedPartsAreByteIdenticalAndStylesAreCloned() throws {
        let dir = try ReportScratchFolder()
        let input = dir.path("in.xlsx"), output = dir.path("out.xlsx")
        try AnnotateFixture.writeWorkbook(to: input)
        try Annotator.annotate(workbook: input, findings: AnnotateFixture.findings, output: output, overwrite: false)
        let inReader = try PackageReader(path: input), outReader = try PackageReader(path: output)
        let edited: Set<String> = ["[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                                   "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"]
        for info in inReader.parts where !edited.contains(info.name) {
            let copy = try #require(outReader.part(named: info.name), "\(info.name) kept")
            #expect(copy.crc == info.crc && copy.compressedSize == info.compressedSize, "\(info.name) copied raw")
            #expect(try outReader.read(info.name) == inReader.read(info.name))
        }
        // Input parts keep their order; new parts come after them.
        #expect(Array(outReader.parts.map(\.name).prefix(inReader.parts.count)) == inReader.parts.map(\.name))

        let inParts = try AnnotateFixture.parts(input), outParts = try AnnotateFixture.parts(output)
        let inStyles = try StylesEditor(parts: WorkbookParts(path: input, parts: inParts.map { ($0.key, $0.value) }), part: "xl/styles.xml")
        let outWB = WorkbookParts(path: output, parts: outParts.map { ($0.key, $0.value) })
        let outStyles = try StylesEditor(parts: outWB, part: "xl/styles.xml")
        let inSheet = try SheetEditor(parts: WorkbookParts(path: input, parts: inParts.map { ($0.key, $0.value) }),
                                      part: "xl/worksheets/sheet1.xml")
        let outSheet = try SheetEditor(parts: outWB, part: "xl/worksheets/sheet1.xml")
        let b3 = try CellAddress("B3")
        let oldXF = try #require(inStyles.cellFormat(inSheet.formatIndex(b3)))
        let newXF = try #require(outStyles.cellFormat(outSheet.formatIndex(b3)))
        #expect(outSheet.formatIndex(b3) >= inStyles.cellFormatCount, "a new format, existing ones untouched")
        for attribute in ["fontId", "borderId", "numFmtId", "xfId"] {
            #expect(xfAttribute(newXF, attribute) == xfAttribute(oldXF, attribute), "\(attribute) kept")
        }
        #expect(xfAttribute(newXF, "fillId") != xfAttribute(oldXF, "fillId"))
        #expect(newXF.contains("<alignment horizontal=\"right\""), "alignment kept")
        for i in 0..<inStyles.cellFormatCount { #expect(outStyles.cellFormat(i) == inStyles.cellFormat(i)) }
        let styles = AnnotateFixture.string(outParts, "xl/styles.xml")
        #expect(styles.contains("rgb=\"\(Annotator.errorFill)\"") && styles.contains("rgb=\"\(Annotator.hintFill)\""))
        // C4 has an error and a hint: the error colour wins. E9 did not exist and was added.
        let sheet2 = try SheetEditor(parts: outWB, part: "xl/worksheets/sheet2.xml")
        let c4 = try #require(outStyles.cellFormat(sheet2.formatIndex(try CellAddress("C4"))))
        let e9 = try #require(outStyles.cellFormat(sheet2.formatIndex(try CellAddress("E9"))))
        #expect(xfAttribute(c4, "fillId") == xfAttribute(newXF, "fillId"))
        #expect(xfAttribute(e9, "fillId") == xfAttribute(newXF, "fillId"))

        let comments1 = AnnotateFixture.string(outParts, "xl/comments1.xml")
        #expect(comments1.contains("ref=\"B3\"") && comments1.contains("ref=\"B4\""))
        #expect(comments1.contains("收入合计与支出合计不等 &lt;&amp;&gt;（应为 1,704.87，实为 1,704.78）"))
        let comments2 = AnnotateFixture.string(outParts, "xl/comments2.xml")
        #expect(comments2.contains("1.【提示】尾差") == false && comments2.contains("2.【提示】尾差 0.01 万元"))
        #expect(comments2.contains("3.【错误】合计不等于各项之和"))
        #expect(AnnotateFixture.string(outParts, "xl/worksheets/_rels/sheet1.xml.rels").contains("../comments1.xml"))
        #expect(AnnotateFixture.string(outParts, "xl/worksheets/sheet1.xml").contains("<legacyDrawing r:id="))
        #expect(outParts["xl/drawings/vmlDrawing1.vml"] != nil && outParts["xl/drawings/vmlDrawing2.vml"] != nil)
        let types = AnnotateFixture.string(outParts, "[Content_Types].xml")
        #expect(types.contains("PartName=\"/xl/comments2.xml\"") && types.contains("Extension=\"vml\""))
    }

    @Test func refusesToOverwriteAndNeverWritesOverTheInput() throws {
        let dir = try ReportScratchFolder()
        let input = dir.path("in.xlsx"), output = dir.path("out.xlsx")
        try AnnotateFixture.writeWorkbook(to: input)
        try Annotator.annotate(workbook: input, findings: AnnotateFixture.findings, output: output, overwrite: false)
        let first = try Data(contentsOf: URL(fileURLWithPath: output))
        #expect(throws: ReportError.outputExists(output)) {
            try Annotator.annotate(workbook: input, findings: [], output: output, overwrite: false)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == first)
        #expect(throws: ReportError.self) {
            try Annotator.annotate(workbook: input, findings: [], output: input, overwrite: true)
        }
        try Annotator.annotate(workbook: input, findings: AnnotateFixture.findings, output: output, overwrite: true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == first, "deterministic output")
    }

    @Test func reannotatingReplacesResultsSheetAndMergesComments() throws {
        let dir = try ReportScratchFolder()
        let input = dir.path("in.xlsx"), once = dir.path("once.xlsx"), twice = dir.path("twice.xlsx")
        try AnnotateFixture.writeWorkbook(to: input)
        try Annotator.annotate(workbook: input, findings: AnnotateFixture.findings, output: once, overwrite: false)
        let second = [Finding(rule: "T1.新", severity: .hint, location: .cells(sheet: "收入支出决算总表", cells: ["B3", "A4"], table: .t01),
                              message: "第二次核对")]
        try Annotator.annotate(workbook: once, findings: second, output: twice, overwrite: false)
        let parts = try AnnotateFixture.parts(twice)
        let book = try WorkbookReader(parts: parts, file: twice)
        #expect(book.sheetNames == ["收入支出决算总表", "支出决算表", "核对结果"], "the earlier 核对结果 sheet is replaced")
        let results = try book.sheet(named: "核对结果")
        #expect(results.value(row: 1, column: 1).string == "T1.新")
        #expect(results.value(row: 2, column: 0).isEmpty)
        let comments = AnnotateFixture.string(parts, "xl/comments1.xml")
        #expect(comments.components(separatedBy: "<author>juesuan 核对</author>").count == 2, "author not repeated")
        #expect(comments.contains("收入合计与支出合计不等") && comments.contains("第二次核对"), "merged into the comment part")
        #expect(comments.components(separatedBy: "ref=\"B3\"").count == 2, "one comment per cell")
        #expect(comments.contains("ref=\"A4\""))
        #expect(parts["xl/comments3.xml"] == nil)
        let vml = AnnotateFixture.string(parts, "xl/drawings/vmlDrawing1.vml")
        #expect(vml.components(separatedBy: "<v:shape ").count - 1 == 3, "B3, B4 and the new A4")
        #expect(AnnotateFixture.string(parts, "xl/worksheets/sheet1.xml").components(separatedBy: "<legacyDrawing").count == 2)
    }

    @Test func explanationsTypedInAreReadBackAndApplied() throws {
        let dir = try ReportScratchFolder()
        let input = dir.path("in.xlsx"), output = dir.path("out.xlsx"), typed = dir.path("typed.xlsx")
        try AnnotateFixture.writeWorkbook(to: input)
        try Annotator.annotate(workbook: input, findings: AnnotateFixture.findings, output: output, overwrite: false)
        #expect(try ExplanationReader.read(workbook: output).isEmpty)
        try typeExplanations(into: output, to: typed, ["I2": "已与财务核实 & 更正", "I5": "说明中写错，已改"])
        let explanations = try ExplanationReader.read(workbook: typed)
        #expect(explanations == [AnnotateFixture.findings[0].key: "已与财务核实 & 更正",
                                 AnnotateFixture.findings[3].key: "说明中写错，已改"])
        let applied = applyExplanations(explanations, to: AnnotateFixture.findings)
        #expect(applied.map(\.explanation) == ["已与财务核实 & 更正", nil, nil, "说明中写错，已改"])
        #expect(try ExplanationReader.read(workbook: input).isEmpty, "no 核对结果 sheet: no explanations")
    }
}

func xfAttribute(_ xf: String, _ name: String) -> String? {
    guard let r = xf.range(of: " \(name)=\"") else { return nil }
    return String(xf[r.upperBound...].prefix { $0 != "\"" })
}

/// Types explanations into cells of the 核对结果 sheet by editing its XML, as a reviewer's program would.
func typeExplanations(into workbook: String, to output: String, _ texts: [String: String]) throws {
    let reader = try PackageReader(path: workbook)
    let writer = PackageWriter()
    let results = try #require(reader.parts.map(\.name).last { $0.hasPrefix("xl/worksheets/sheet") })
    for info in reader.parts {
        guard info.name == results else { try writer.copyRaw(info.name, from: reader); continue }
        var xml = String(decoding: try reader.read(info), as: UTF8.self)
        for (ref, text) in texts {
            let pattern = try Regex("<c r=\"\(ref)\" s=\"([0-9]+)\"/>")
            let match = try #require(xml.firstMatch(of: pattern))
            let style = match.output[1].substring ?? ""
            xml.replaceSubrange(match.range, with: "<c r=\"\(ref)\" s=\"\(style)\" t=\"inlineStr\"><is><t>\(XMLEscape.text(text))</t></is></c>")
        }
        try writer.add(info.name, data: Data(xml.utf8))
    }
    try writer.write(to: output, overwrite: false)
}

/// The text of every comment of a workbook, runs joined (LibreOffice splits a comment into many runs).
func commentText(_ parts: [String: Data]) -> String {
    var text = ""
    for (name, data) in parts.sorted(by: { $0.key < $1.key }) where name.hasPrefix("xl/comments") {
        let xml = String(decoding: data, as: UTF8.self)
        for match in xml.matches(of: /<t(?: [^>]*)?>([^<]*)<\/t>/) { text += XMLEscape.unescape(String(match.output.1)) }
        text += "\n"
    }
    return text
}

@Suite(.serialized) struct AnnotateLibreOfficeTests {
    @Test func annotatedWorkbookSurvivesLibreOfficeAndExplanationsComeBack() throws {
        let dir = try ReportScratchFolder()
        defer {
            if let keep = ProcessInfo.processInfo.environment["JUESUAN_KEEP_ANNOTATED"] {
                try? FileManager.default.removeItem(atPath: keep)
                try? FileManager.default.copyItem(atPath: dir.url.path, toPath: keep)
            }
        }
        let input = dir.path("单位.xlsx"), annotated = dir.path("核对.xlsx"), typed = dir.path("已说明.xlsx")
        try AnnotateFixture.writeWorkbook(to: input)
        try Annotator.annotate(workbook: input, findings: AnnotateFixture.findings, output: annotated, overwrite: false)
        try typeExplanations(into: annotated, to: typed, ["I3": "尾差，按表为准"])

        let pdfDir = dir.path("pdf"), xlsxDir = dir.path("resaved")
        try FileManager.default.createDirectory(atPath: pdfDir, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: xlsxDir, withIntermediateDirectories: true)
        let pdf = try LibreOffice.convert(annotated, to: "pdf", outDir: pdfDir)
        let pdfData = try Data(contentsOf: URL(fileURLWithPath: pdf))
        #expect(pdfData.starts(with: Array("%PDF".utf8)) && pdfData.count > 5_000)

        let resaved = try LibreOffice.convert(typed, to: "xlsx:Calc MS Excel 2007 XML", outDir: xlsxDir)
        let parts = try AnnotateFixture.parts(resaved)
        let book = try WorkbookReader(parts: parts, file: resaved)
        #expect(book.sheetNames == ["收入支出决算总表", "支出决算表", "核对结果"])
        let results = try book.sheet(named: "核对结果")
        #expect(results.value(row: 0, column: ResultsSheet.explanationColumn).string == "说明")
        for (i, finding) in AnnotateFixture.findings.enumerated() {
            #expect(results.value(row: i + 1, column: 1).string == finding.rule)
            #expect(results.value(row: i + 1, column: ResultsSheet.keyColumn).string == finding.key, "the key column survives")
        }
        #expect(try book.sheet(named: "收入支出决算总表").value(row: 2, column: 1).number == Decimal(string: "1704.87"))
        // Comments survive: LibreOffice writes its own comments parts (splitting runs by script).
        let comments = commentText(parts)
        #expect(comments.contains("收入合计与支出合计不等"))
        #expect(comments.contains("尾差 0.01 万元") && comments.contains("合计不等于各项之和"))
        // The reviewer's explanation is read back after the re-save and applied.
        let explanations = try ExplanationReader.read(workbook: resaved)
        #expect(explanations == [AnnotateFixture.findings[1].key: "尾差，按表为准"])
        #expect(applyExplanations(explanations, to: AnnotateFixture.findings)[1].explanation == "尾差，按表为准")

        // A workbook LibreOffice saved with comments is annotated again: its comments parts are merged into.
        let again = dir.path("again.xlsx")
        let more = [Finding(rule: "T1.再", severity: .hint, location: .cells(sheet: "收入支出决算总表", cells: ["B3", "A1"], table: .t01),
                            message: "再次核对")]
        try Annotator.annotate(workbook: resaved, findings: more, output: again, overwrite: false)
        let againParts = try AnnotateFixture.parts(again)
        let merged = commentText(againParts)
        #expect(merged.contains("收入合计与支出合计不等") && merged.contains("再次核对"))
        let roundTrip = try LibreOffice.convert(again, to: "xlsx:Calc MS Excel 2007 XML", outDir: dir.path("again-out"))
        let rtParts = try AnnotateFixture.parts(roundTrip)
        let rtComments = commentText(rtParts)
        #expect(rtComments.contains("收入合计与支出合计不等") && rtComments.contains("再次核对"))
        let rtResults = try WorkbookReader(parts: rtParts, file: roundTrip).sheet(named: "核对结果")
        #expect(rtResults.value(row: 1, column: 1).string == "T1.再")
    }
}

@Suite struct AnnotateEdgeTests {
    @Test func badInputIsAnErrorAndWritesNothing() throws {
        let dir = try ReportScratchFolder()
        let notXLSX = dir.path("说明.xlsx"), output = dir.path("out.xlsx")
        try Data("不是工作簿".utf8).write(to: URL(fileURLWithPath: notXLSX))
        #expect(throws: (any Error).self) {
            try Annotator.annotate(workbook: notXLSX, findings: AnnotateFixture.findings, output: output, overwrite: false)
        }
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect(throws: (any Error).self) {
            try Annotator.annotate(workbook: dir.path("不存在.xlsx"), findings: [], output: output, overwrite: false)
        }
    }

    @Test func cellsOfUnknownSheetsAndBadReferencesAreListedNotMarked() throws {
        let dir = try ReportScratchFolder()
        let input = dir.path("in.xlsx"), output = dir.path("out.xlsx")
        try AnnotateFixture.writeWorkbook(to: input)
        let findings = [
            Finding(rule: "X.1", severity: .error, location: .cells(sheet: "没有这张表", cells: ["A1"], table: nil), message: "甲"),
            Finding(rule: "X.2", severity: .hint, location: .cells(sheet: "支出决算表", cells: ["not-a-cell", "A4:B5"], table: nil),
                    message: "乙"),
            Finding(rule: "X.3", severity: .error, location: .cells(sheet: "核对结果", cells: ["A1"], table: nil), message: "丙"),
        ]
        try Annotator.annotate(workbook: input, findings: findings, output: output, overwrite: false)
        let parts = try AnnotateFixture.parts(output)
        let results = try WorkbookReader(parts: parts, file: output).sheet(named: "核对结果")
        #expect((1...3).map { results.value(row: $0, column: 1).string } == ["X.1", "X.2", "X.3"])
        let sheet2 = AnnotateFixture.string(parts, "xl/worksheets/sheet2.xml")
        for ref in ["A4", "B4", "A5", "B5"] { #expect(sheet2.contains("<c r=\"\(ref)\""), "\(ref) of the range marked") }
        #expect(parts["xl/worksheets/_rels/sheet1.xml.rels"] == nil, "nothing marked on the first sheet")
        #expect(!AnnotateFixture.string(parts, "xl/worksheets/sheet1.xml").contains("legacyDrawing"))
        #expect(commentText(parts).contains("乙") && !commentText(parts).contains("甲"))
    }

    @Test func aForeignResultsSheetIsNotReplaced() throws {
        let dir = try ReportScratchFolder()
        let input = dir.path("in.xlsx"), output = dir.path("out.xlsx")
        let wb = WorkbookWriter()
        try wb.addSheet(named: "核对结果").set("用户自己的表", at: CellAddress("A1"))
        try wb.write(to: input, overwrite: false)
        #expect(throws: ReportError.self) {
            try Annotator.annotate(workbook: input, findings: AnnotateFixture.findings, output: output, overwrite: false)
        }
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    /// Workbooks annotated before the 摘要 column existed (说明 in H, 键 in I) still give their explanations.
    @Test func explanationsOfTheEarlierLayoutAreRead() throws {
        let dir = try ReportScratchFolder()
        let path = dir.path("旧版标注.xlsx")
        let wb = WorkbookWriter()
        let sheet = try wb.addSheet(named: "核对结果")
        let oldHeaders = ["序号", "规则", "级别", "位置", "说明内容", "应为", "实为", "说明", "键"]
        for (i, header) in oldHeaders.enumerated() { try sheet.set(header, at: CellAddress(row: 0, column: i)) }
        try sheet.set("已核实", at: CellAddress("H2"))
        try sheet.set("T1.收支总计 @ 工作表「收入支出决算总表」 B3、B4", at: CellAddress("I2"))
        try sheet.set("T3.尾差 @ 工作表「支出决算表」 C4", at: CellAddress("I3"))
        try wb.write(to: path, overwrite: false)
        #expect(try ExplanationReader.read(workbook: path) == ["T1.收支总计 @ 工作表「收入支出决算总表」 B3、B4": "已核实"])
    }

    @Test func explanationReaderNeedsTheKeyColumn() throws {
        let dir = try ReportScratchFolder()
        let path = dir.path("手工.xlsx")
        let wb = WorkbookWriter()
        let sheet = try wb.addSheet(named: "核对结果")
        try sheet.set("序号", at: CellAddress("A1"))
        try sheet.set("说明", at: CellAddress("B1"))
        try wb.write(to: path, overwrite: false)
        #expect(throws: ReportError.self) { try ExplanationReader.read(workbook: path) }
    }
}
