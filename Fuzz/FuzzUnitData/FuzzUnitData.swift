// libFuzzer target: arbitrary bytes as a unit data file (YAML) -> UnitAccounts or located problems.
import Accounts
import FuzzSupport
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

// SwiftPM links this executable with main=FuzzUnitData_main; libFuzzer's driver takes over there.
@_cdecl("FuzzUnitData_main")
public func FuzzUnitDataMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { fuzzUnitData($0, $1) }
}
