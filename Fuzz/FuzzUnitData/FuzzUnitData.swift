// libFuzzer target: arbitrary bytes as a unit data file (YAML) -> UnitAccounts or located problems.
import Accounts
import Foundation

private let catalogue = try? SubjectCatalogue.builtin2021()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzUnitData(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard let catalogue else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    do {
        let accounts = try UnitDataFile.parse(text: text, file: "fuzz.yaml", catalogue: catalogue)
        _ = accounts.unit.name
    } catch {
        _ = error.description
    }
    return 0
}

// SwiftPM links an executable target with main=FuzzUnitData_main; hand control to libFuzzer's driver there.
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(_ argc: UnsafeMutablePointer<CInt>,
                       _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                       _ test: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("FuzzUnitData_main")
public func FuzzUnitDataMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var vector = argv
    return runDriver(&count, &vector) { fuzzUnitData($0, $1) }
}
