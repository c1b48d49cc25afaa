// libFuzzer target: arbitrary bytes as a plain-text narrative -> sections and claims.
import Foundation
import Narrative

nonisolated(unsafe) private let extractor = ClaimExtractor()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNarrative(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    let document = NarrativeDocument(path: "fuzz.txt", text: text)
    let claims = extractor.claims(in: document)
    _ = claims.count
    return 0
}

// SwiftPM links an executable target with main=FuzzNarrative_main; hand control to libFuzzer's driver there.
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(_ argc: UnsafeMutablePointer<CInt>,
                       _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                       _ test: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("FuzzNarrative_main")
public func FuzzNarrativeMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var vector = argv
    return runDriver(&count, &vector) { fuzzNarrative($0, $1) }
}
