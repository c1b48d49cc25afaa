// libFuzzer target: the workbook reader. Input starting with "PK" is a whole .xlsx file (zip layer,
// then every sheet); any other input is the XML of sheet1 and of the shared strings inside an
// otherwise valid in-memory workbook, so mutations reach the XML readers without breaking zip CRCs.
// Built only by `make fuzz` (see docs/fuzzing.md); errors are expected, crashes and hangs are findings.
import Foundation
import FuzzSupport
import OOXML

private let scratch = NSTemporaryDirectory() + "juesuan-fuzz-workbook-\(getpid()).xlsx"

private let workbookParts: [String: Data] = [
    "[Content_Types].xml": Data(),
    "_rels/.rels": Data(#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.utf8),
    "xl/workbook.xml": Data(#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#.utf8),
    "xl/_rels/workbook.xml.rels": Data(#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#.utf8),
]

private func readEverySheet(_ workbook: WorkbookReader) throws {
    for index in workbook.sheetNames.indices {
        let sheet = try workbook.sheet(at: index)
        for cell in sheet { _ = cell.address.a1 }
        for merge in sheet.merges { _ = merge.description }
    }
}

/// Errors are the expected outcome; only their message is built (it must not crash either).
private func attempt(_ body: () throws -> Void) {
    do { try body() } catch { _ = "\(error)" }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWorkbook(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let input = Data(bytes: start, count: count)
    if input.starts(with: [0x50, 0x4B]) {
        // libzip opens by path: write the input, then read it back.
        guard FileManager.default.createFile(atPath: scratch, contents: input) else { return 0 }
        attempt { try readEverySheet(try WorkbookReader.open(path: scratch)) }
    } else {
        var parts = workbookParts
        parts["xl/worksheets/sheet1.xml"] = input
        parts["xl/sharedStrings.xml"] = Data(#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>x</t></si></sst>"#.utf8)
        attempt { try readEverySheet(try WorkbookReader(parts: parts, file: "fuzz.xlsx")) }
        parts["xl/worksheets/sheet1.xml"] = Data(#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>"#.utf8)
        parts["xl/sharedStrings.xml"] = input
        attempt { try readEverySheet(try WorkbookReader(parts: parts, file: "fuzz.xlsx")) }
    }
    return 0
}

// SwiftPM links this executable with main=FuzzWorkbook_main; libFuzzer's driver takes over there.
@_cdecl("FuzzWorkbook_main")
public func FuzzWorkbookMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { fuzzWorkbook($0, $1) }
}
