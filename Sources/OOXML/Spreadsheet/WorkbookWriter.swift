import Foundation

/// Builds a .xlsx workbook. The same calls always give the same bytes (no timestamps).
///
///     let wb = WorkbookWriter()
///     let sheet = try wb.addSheet(named: "收入支出决算总表")
///     try sheet.set(Decimal(string: "1704.87")!, at: CellAddress("B3"), style: money)
///     let parts = try wb.parts()          // or: try wb.write(to: path)
public final class WorkbookWriter {
    public private(set) var sheets: [SheetWriter] = []
    private let styles: StyleRegistry
    /// Shared strings of rows already written by `SheetWriter.appendRow`.
    private let strings = SharedStringStore()
    private var definedNames: [(name: String, sheet: Int?, refersTo: String)] = []

    /// `defaultFont` is the workbook's Normal style font (font 0 in styles.xml).
    public init(defaultFont: Font = Font()) {
        styles = StyleRegistry(StyleTable(defaultFont: defaultFont))
    }

    /// Adds a worksheet after the existing ones. Names follow Excel's rules: 1–31 characters,
    /// none of `: \ / ? * [ ]`, no leading or trailing `'`, unique ignoring case.
    public func addSheet(named name: String) throws(SpreadsheetError) -> SheetWriter {
        try WorkbookWriter.validateSheetName(name)
        if let other = sheets.first(where: { $0.name.lowercased() == name.lowercased() }) {
            throw SpreadsheetError(.duplicateSheetName,
                                   detail: "工作表名称“\(name)”与已有的“\(other.name)”重复（Excel 不区分大小写）")
        }
        let sheet = SheetWriter(name: name, styles: styles, strings: strings)
        sheets.append(sheet)
        return sheet
    }

    public static func validateSheetName(_ name: String) throws(SpreadsheetError) {
        func fail(_ why: String) -> SpreadsheetError {
            SpreadsheetError(.invalidSheetName, detail: "工作表名称“\(name)”无效：\(why)")
        }
        let length = name.utf16.count
        guard length >= 1 else { throw fail("不能为空") }
        guard length <= 31 else { throw fail("长 \(length) 个字符，超过 31 个字符") }
        if let bad = name.first(where: { ":\\/?*[]".contains($0) }) { throw fail("不能包含字符“\(bad)”（: \\ / ? * [ ] 均不允许）") }
        if name.hasPrefix("'") || name.hasSuffix("'") { throw fail("不能以单引号开头或结尾") }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 }) { throw fail("不能包含控制字符") }
        if name.lowercased() == "history" { throw fail("“History”是 Excel 保留的名称") }
    }

    /// A workbook-wide name (`sheet == nil`) or a name local to the 0-based sheet.
    /// `refersTo` is a formula such as `'收入'!$A$1:$B$9` (a leading "=" is dropped).
    public func defineName(_ name: String, refersTo: String, sheet: Int? = nil) throws(SpreadsheetError) {
        try WorkbookWriter.validateDefinedName(name)
        var formula = refersTo
        if formula.hasPrefix("=") { formula.removeFirst() }
        guard !formula.isEmpty else {
            throw SpreadsheetError(.invalidDefinedName, detail: "名称“\(name)”没有引用内容")
        }
        if let sheet, !sheets.indices.contains(sheet) {
            throw SpreadsheetError(.invalidDefinedName, detail: "名称“\(name)”指向的第 \(sheet + 1) 个工作表不存在")
        }
        if definedNames.contains(where: { $0.name.lowercased() == name.lowercased() && $0.sheet == sheet }) {
            throw SpreadsheetError(.invalidDefinedName, detail: "名称“\(name)”重复定义")
        }
        definedNames.append((name, sheet, formula))
    }

    static func validateDefinedName(_ name: String) throws(SpreadsheetError) {
        func fail(_ why: String) -> SpreadsheetError {
            SpreadsheetError(.invalidDefinedName, detail: "名称“\(name)”无效：\(why)")
        }
        guard let first = name.first else { throw fail("不能为空") }
        guard name.utf16.count <= 255 else { throw fail("超过 255 个字符") }
        guard first.isLetter || first == "_" || first == "\\" else { throw fail("必须以字母、下划线或反斜杠开头") }
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "\\" }) else {
            throw fail("只能包含字母、数字、下划线、句点和反斜杠")
        }
        if name.lowercased().hasPrefix("_xlnm.") { throw fail("“_xlnm.”开头的名称由 Excel 保留（打印标题、打印区域请用 PageSetup）") }
        if ["r", "c"].contains(name.lowercased()) { throw fail("不能是 R 或 C") }
        if (try? CellAddress(name)) != nil { throw fail("与单元格地址相同") }
        let upper = name.uppercased()
        if upper.hasPrefix("R"), upper.dropFirst().contains("C"),
           upper.allSatisfy({ $0 == "R" || $0 == "C" || $0.isNumber }) { throw fail("与 R1C1 形式的单元格地址相同") }
    }

    /// `'Sheet name'` for formulas; quotes doubled.
    static func quotedSheetName(_ name: String) -> String {
        "'" + name.replacingOccurrences(of: "'", with: "''") + "'"
    }

    // MARK: - Parts

    /// The package parts, in a fixed order, for writing a file or putting into another package.
    public func parts() throws(SpreadsheetError) -> [(name: String, data: Data)] {
        var result: [(name: String, data: Data)] = []
        for part in try contents() { result.append((part.name, try part.content.data())) }
        return result
    }

    /// The parts with each sheet in memory or, when its rows were appended, in a scratch file.
    private func contents() throws(SpreadsheetError) -> [(name: String, content: SheetWriter.Part)] {
        guard !sheets.isEmpty else {
            throw SpreadsheetError(.emptyWorkbook, detail: "工作簿至少要有一个工作表")
        }
        var strings = self.strings.table   // a copy: the parts can be built again
        var sheetParts: [(name: String, content: SheetWriter.Part)] = []
        for (i, sheet) in sheets.enumerated() {
            sheetParts.append(("xl/worksheets/sheet\(i + 1).xml", try sheet.part(sharedStrings: &strings, selected: i == 0)))
        }
        var result: [(name: String, content: SheetWriter.Part)] = [
            ("[Content_Types].xml", .data(contentTypes())),
            ("_rels/.rels", .data(Data(Self.rootRels.utf8))),
            ("docProps/app.xml", .data(appProperties())),
            ("docProps/core.xml", .data(Data(Self.coreProperties.utf8))),
            ("xl/workbook.xml", .data(try workbookXML())),
            ("xl/_rels/workbook.xml.rels", .data(workbookRels())),
            ("xl/styles.xml", .data(styles.table.xml())),
            ("xl/sharedStrings.xml", .data(strings.xml())),
        ]
        result.append(contentsOf: sheetParts)
        return result
    }

    /// Writes the .xlsx file (atomically). Without `overwrite`, an existing file is an error.
    public func write(to path: String, overwrite: Bool = false) throws(SpreadsheetError) {
        let package = try packageWriter()
        do {
            try package.write(to: path, overwrite: overwrite)
        } catch {
            throw SpreadsheetError(error)
        }
    }

    /// The .xlsx file's bytes.
    public func archiveData() throws(SpreadsheetError) -> Data {
        let package = try packageWriter()
        do {
            return try package.archiveData()
        } catch {
            throw SpreadsheetError(error)
        }
    }

    private func packageWriter() throws(SpreadsheetError) -> PackageWriter {
        let package = PackageWriter()
        for part in try contents() {
            do {
                switch part.content {
                case .data(let data): try package.add(part.name, data: data)
                case .file(let file): try package.add(part.name, file: file)
                }
            } catch {
                throw SpreadsheetError(error)
            }
        }
        return package
    }

    private func contentTypes() -> Data {
        var x = XMLOutput()
        x.raw("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">")
        x.raw("<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>")
        x.raw("<Default Extension=\"xml\" ContentType=\"application/xml\"/>")
        x.raw("<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>")
        for i in sheets.indices {
            x.raw("<Override PartName=\"/xl/worksheets/sheet\(i + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>")
        }
        x.raw("<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>")
        x.raw("<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>")
        x.raw("<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>")
        x.raw("<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>")
        x.raw("</Types>")
        return x.data
    }

    private static let rootRels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
        <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>\
        </Relationships>
        """

    // No dates: the same workbook must give the same bytes.
    private static let coreProperties = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
        xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>juesuan</dc:creator></cp:coreProperties>
        """

    private func appProperties() -> Data {
        var x = XMLOutput()
        x.raw("<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">")
        x.raw("<Application>juesuan</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>")
        x.raw("<HeadingPairs><vt:vector size=\"2\" baseType=\"variant\"><vt:variant><vt:lpstr>工作表</vt:lpstr></vt:variant><vt:variant><vt:i4>")
        x.raw(String(sheets.count))
        x.raw("</vt:i4></vt:variant></vt:vector></HeadingPairs><TitlesOfParts>")
        x.raw("<vt:vector"); x.attr("size", sheets.count); x.attr("baseType", "lpstr"); x.raw(">")
        for sheet in sheets { x.raw("<vt:lpstr>"); x.text(sheet.name); x.raw("</vt:lpstr>") }
        x.raw("</vt:vector></TitlesOfParts><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>")
        x.raw("<HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0300</AppVersion></Properties>")
        return x.data
    }

    private func workbookXML() throws(SpreadsheetError) -> Data {
        var names = definedNames
        for (i, sheet) in sheets.enumerated() {
            let quoted = Self.quotedSheetName(sheet.name)
            if let rows = sheet.pageSetup.repeatRows {
                guard rows.lowerBound >= 0, rows.upperBound < SheetLimits.maxRows else {
                    throw SpreadsheetError(.invalidValue, location: "工作表“\(sheet.name)”", detail: "打印标题行超出范围")
                }
                names.append(("_xlnm.Print_Titles", i, "\(quoted)!$\(rows.lowerBound + 1):$\(rows.upperBound + 1)"))
            }
            if let area = sheet.pageSetup.printArea {
                names.append(("_xlnm.Print_Area", i, quoted + "!" + area.absoluteA1))
            }
        }
        let hasFormulas = sheets.contains { $0.cells.values.contains { $0.formula != nil } }
        var x = XMLOutput()
        x.raw("<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">")
        x.raw("<workbookPr/><bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>")
        for (i, sheet) in sheets.enumerated() {
            x.raw("<sheet"); x.attr("name", sheet.name); x.attr("sheetId", i + 1); x.attr("r:id", "rId\(i + 1)"); x.raw("/>")
        }
        x.raw("</sheets>")
        if !names.isEmpty {
            x.raw("<definedNames>")
            for n in names {
                x.raw("<definedName"); x.attr("name", n.name)
                if let s = n.sheet { x.attr("localSheetId", s) }
                x.raw(">"); x.text(n.refersTo); x.raw("</definedName>")
            }
            x.raw("</definedNames>")
        }
        if hasFormulas { x.raw("<calcPr calcId=\"191029\" fullCalcOnLoad=\"1\"/>") }
        x.raw("</workbook>")
        return x.data
    }

    private func workbookRels() -> Data {
        var x = XMLOutput()
        x.raw("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">")
        for i in sheets.indices {
            x.raw("<Relationship Id=\"rId\(i + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\(i + 1).xml\"/>")
        }
        let n = sheets.count
        x.raw("<Relationship Id=\"rId\(n + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>")
        x.raw("<Relationship Id=\"rId\(n + 2)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>")
        x.raw("</Relationships>")
        return x.data
    }
}
