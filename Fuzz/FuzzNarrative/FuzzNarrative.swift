// libFuzzer target: arbitrary bytes as a .txt narrative -> NarrativeDocument.load (encoding detection,
// size limits, sections) -> claims, as `juesuan check --narrative` does.
import Foundation
import Narrative

nonisolated(unsafe) private let extractor = ClaimExtractor()
private let scratch = NSTemporaryDirectory() + "juesuan-fuzz-narrative-\(getpid()).txt"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNarrative(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard FileManager.default.createFile(atPath: scratch, contents: Data(bytes: start, count: count)) else { return 0 }
    do {
        let document = try NarrativeDocument.load(path: scratch)
        _ = extractor.claims(in: document).count
    } catch {
        _ = "\(error)"
    }
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
