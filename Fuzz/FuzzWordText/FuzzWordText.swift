// libFuzzer target: arbitrary bytes as word/document.xml -> WordText paragraphs.
// (The zip layer is covered by FuzzWorkbook; here the XML walker gets the bytes directly.)
import Foundation
import FuzzSupport
import OOXML

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWordText(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    do {
        let paragraphs = try WordText.paragraphs(documentXML: Data(bytes: start, count: count),
                                                 file: "fuzz.docx", part: "word/document.xml")
        for p in paragraphs { _ = p.text.count }
    } catch {
        _ = error.description
    }
    return 0
}

// SwiftPM links this executable with main=FuzzWordText_main; libFuzzer's driver takes over there.
@_cdecl("FuzzWordText_main")
public func FuzzWordTextMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { fuzzWordText($0, $1) }
}
