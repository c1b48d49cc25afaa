// libFuzzer target: arbitrary bytes as word/document.xml -> WordText paragraphs.
// (The zip layer is covered by FuzzWorkbook; here the XML walker gets the bytes directly.)
import Foundation
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

// SwiftPM links an executable target with main=FuzzWordText_main; hand control to libFuzzer's driver there.
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(_ argc: UnsafeMutablePointer<CInt>,
                       _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                       _ test: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("FuzzWordText_main")
public func FuzzWordTextMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var vector = argv
    return runDriver(&count, &vector) { fuzzWordText($0, $1) }
}
