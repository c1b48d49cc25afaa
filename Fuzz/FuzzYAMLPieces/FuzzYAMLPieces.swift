// libFuzzer target: arbitrary bytes read as YAML whole and in 2 to 7 pieces (the large-file path of
// the unit data reader) must give the same tree or the same error; any difference stops the run.
import Accounts
import FuzzSupport
import Foundation

private func outcome(_ result: Result<YAMLDocument?, YAMLSyntaxError>) -> [String] {
    switch result {
    case .success(let document?): return document.outline()
    case .success(nil): return ["empty"]
    case .failure(let e): return ["error \(e.stage) \(e.problem) \(e.context ?? "") \(e.line):\(e.column)"]
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAMLPieces(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard count > 1 else { return 0 }
    // The first byte picks the number of pieces; the rest is the text.
    let pieces = 2 + Int(start[0] % 6)
    let text = UnsafeBufferPointer(start: start + 1, count: count - 1)
    let whole = outcome(YAMLDocument.parse(utf8: text))
    let cut = outcome(YAMLDocument.parse(utf8: text, pieces: pieces))
    if whole != cut {
        FileHandle.standardError.write(Data("whole:\n\(whole.joined(separator: "\n"))\n\(pieces) pieces:\n\(cut.joined(separator: "\n"))\n".utf8))
        abort()
    }
    return 0
}

// SwiftPM links this executable with main=FuzzYAMLPieces_main; libFuzzer's driver takes over there.
@_cdecl("FuzzYAMLPieces_main")
public func FuzzYAMLPiecesMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { fuzzYAMLPieces($0, $1) }
}
