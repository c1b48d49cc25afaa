// swift-tools-version:6.0
import PackageDescription

// Module layering (dependencies point one way, left to right):
//   CZip, CZlib, CLibXML2  ->  OOXML  ->  Accounts  ->  TableSet  ->  Narrative  ->  Reconcile  ->  Batch  ->  juesuan (CLI)
//   CYAML  ->  Accounts (the unit data file is YAML, read through libyaml's events)
// OOXML knows nothing about accounting; Accounts knows nothing about files other than its own data format.
let package = Package(
    name: "juesuan",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "juesuan", targets: ["juesuan"]),
        .executable(name: "juesuan-bench", targets: ["juesuan-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        .systemLibrary(name: "CZip", pkgConfig: "libzip", providers: [.apt(["libzip-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .target(name: "OOXML", dependencies: ["CZip", "CLibXML2", "CZlib"]),
        .target(name: "Accounts", dependencies: ["CYAML"],
                resources: [.copy("Resources")]),
        .target(name: "TableSet", dependencies: ["Accounts", "OOXML"]),
        .target(name: "Narrative", dependencies: ["Accounts", "OOXML"]),
        .target(name: "Reconcile", dependencies: [
            "Accounts", "OOXML", "TableSet", "Narrative",
            .product(name: "Mustache", package: "swift-mustache"),
        ]),
        .target(name: "Batch", dependencies: ["Accounts", "TableSet", "Reconcile", "OOXML",
                                            .product(name: "Mustache", package: "swift-mustache")]),
        .executableTarget(name: "juesuan", dependencies: [
            "Accounts", "OOXML", "TableSet", "Narrative", "Reconcile", "Batch",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // In-process timing loops for `make bench` (bench/run.sh); not part of the product users run.
        .executableTarget(name: "juesuan-bench", dependencies: ["Accounts", "TableSet", "Reconcile", "OOXML", "Batch"]),
        .testTarget(name: "OOXMLTests", dependencies: ["OOXML"], resources: [.copy("Fixtures")]),
        .testTarget(name: "AccountsTests", dependencies: ["Accounts"]),
        .testTarget(name: "TableSetTests", dependencies: ["TableSet", "Accounts", "OOXML"]),
        .testTarget(name: "NarrativeTests", dependencies: ["Narrative", "Accounts"], exclude: ["Corpus"]),
        .testTarget(name: "ReconcileTests", dependencies: ["Reconcile", "TableSet", "Narrative", "Accounts", "OOXML"]),
        .testTarget(name: "CLITests", dependencies: ["OOXML"], exclude: ["Corpus"]),
        .testTarget(name: "BatchTests", dependencies: ["Batch", "Accounts", "TableSet", "Reconcile", "OOXML"]),
    ]
)

// libFuzzer targets (Fuzz/, docs/fuzzing.md): only declared when JUESUAN_FUZZ=1, so that `swift build`
// and `swift test` never see them. `make fuzz` builds them with -sanitize=fuzzer into .build-fuzz/.
if Context.environment["JUESUAN_FUZZ"] == "1" {
    let fuzzTargets: [(name: String, dependencies: [Target.Dependency])] = [
        ("FuzzWorkbook", ["OOXML"]),
        ("FuzzWordText", ["OOXML"]),
        ("FuzzNarrative", ["Narrative"]),
        ("FuzzUnitData", ["Accounts"]),
        ("FuzzYAMLPieces", ["Accounts"]),
    ]
    package.targets.append(.target(name: "FuzzSupport", path: "Fuzz/FuzzSupport"))
    for target in fuzzTargets {
        package.targets.append(.executableTarget(
            name: target.name, dependencies: target.dependencies + ["FuzzSupport"], path: "Fuzz/\(target.name)",
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
    }
}
