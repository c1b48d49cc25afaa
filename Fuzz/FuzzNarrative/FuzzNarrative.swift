// libFuzzer target: arbitrary bytes as a .txt narrative -> NarrativeDocument.load (encoding detection,
// size limits, sections) -> claims, as `juesuan check --narrative` does.
import Foundation
import FuzzSupport
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

// SwiftPM links this executable with main=FuzzNarrative_main; libFuzzer's driver takes over there.
@_cdecl("FuzzNarrative_main")
public func FuzzNarrativeMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { fuzzNarrative($0, $1) }
}
