import Foundation
import OOXML
import Testing

/// Nothing lost: `juesuan export` and `juesuan batch` killed with SIGKILL at random moments leave
/// every output either complete (byte for byte the reference output, and readable) or absent, and
/// no temporary file beside them (outputs are written to an unnamed O_TMPFILE and linked into place).
@Suite(.serialized) struct InterruptionTests {
    /// Runs juesuan and sends SIGKILL after `delay` seconds unless it has finished by then.
    /// Returns true when the process was killed.
    static func runAndKill(_ arguments: [String], after delay: TimeInterval) throws -> Bool {
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = arguments
        process.currentDirectoryURL = CLI.packageRoot
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(delay)
        while process.isRunning && Date() < deadline { usleep(1_000) }
        var killed = false
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            killed = true
        }
        process.waitUntilExit()
        return killed && process.terminationReason == .uncaughtSignal
    }

    /// Whether the file system under `directory` supports unnamed temporary files (O_TMPFILE).
    static func supportsUnnamedFiles(_ directory: String) -> Bool {
        let fd = open(directory, 0o20000000 | O_DIRECTORY | O_WRONLY | O_CLOEXEC, 0o600)
        if fd < 0 { return false }
        close(fd)
        return true
    }

    /// A fixed-seed generator, so that a failing run can be repeated.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Checks that each file under `folder` equals the file of the same relative path under
    /// `reference`, that workbooks open, and that nothing else (temporary files) is there.
    static func expectOnlyCompleteOutputs(in folder: URL, reference: URL, run: Int,
                                          sourceLocation: SourceLocation = #_sourceLocation) throws {
        let found = FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []
        for relative in found {
            let path = folder.appendingPathComponent(relative).path
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            if isDirectory.boolValue { continue }
            let expected = reference.appendingPathComponent(relative)
            guard FileManager.default.fileExists(atPath: expected.path) else {
                // Without O_TMPFILE (some overlay file systems) the writer falls back to a dot-named
                // temporary that a kill can leave; only that name is tolerated, and only there.
                let name = (relative as NSString).lastPathComponent
                if !supportsUnnamedFiles(folder.path), name.hasPrefix("."), name.contains(".tmp-") { continue }
                Issue.record("run \(run): stray file \(relative)", sourceLocation: sourceLocation)
                continue
            }
            let same = FileManager.default.contentsEqual(atPath: path, andPath: expected.path)
            #expect(same, "run \(run): \(relative) differs from the reference (partial write?)", sourceLocation: sourceLocation)
            if relative.hasSuffix(".xlsx") {
                #expect(throws: Never.self, "run \(run): \(relative) does not open", sourceLocation: sourceLocation) {
                    let workbook = try WorkbookReader.open(path: path)
                    _ = try workbook.sheet(at: 0)
                }
            }
        }
    }

    @Test func exportKilledAtRandomLeavesTheWholeWorkbookOrNothing() throws {
        let folder = try CLI.outputDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let referenceFolder = folder.appendingPathComponent("reference")
        let reference = referenceFolder.appendingPathComponent("决算表.xlsx")
        let start = Date()
        let made = try CLI.run(["export", CLI.sample, "-o", reference.path])
        let duration = Date().timeIntervalSince(start)
        #expect(made.status == 0, "\(made)")

        var generator = SplitMix(state: 20_211_231)
        var killed = 0
        var complete = 0
        for run in 0..<40 {
            let target = folder.appendingPathComponent("run\(run)")
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            // Up to three reference durations: a loaded machine runs slower than the reference did,
            // and the test needs runs that finish as well as runs that are killed.
            let delay = Double.random(in: 0.0...(duration * 3), using: &generator)
            if try Self.runAndKill(["export", CLI.sample, "-o", target.appendingPathComponent("决算表.xlsx").path], after: delay) {
                killed += 1
            }
            if FileManager.default.fileExists(atPath: target.appendingPathComponent("决算表.xlsx").path) { complete += 1 }
            try Self.expectOnlyCompleteOutputs(in: target, reference: referenceFolder, run: run)
            try? FileManager.default.removeItem(at: target)
        }
        // Both outcomes must have happened, or the test did not test anything.
        #expect(killed > 0, "no run was killed")
        #expect(complete > 0 || killed < 40, "no run completed")
    }

    @Test func batchKilledAtRandomLeavesOnlyCompleteOutputs() throws {
        let folder = try CLI.outputDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let department = folder.appendingPathComponent("department")
        let sample = try CLI.run(["sample", "--units", "3", "-o", department.path])
        #expect(sample.status == 0, "\(sample)")
        let departmentFile = department.appendingPathComponent("department.yaml").path
        let reference = folder.appendingPathComponent("reference")
        let start = Date()
        let made = try CLI.run(["batch", departmentFile, "-o", reference.path, "-j", "1"])
        let duration = Date().timeIntervalSince(start)
        #expect(made.status == 0, "\(made)")

        var generator = SplitMix(state: 901)
        var killed = 0
        for run in 0..<15 {
            let target = folder.appendingPathComponent("run\(run)")
            let delay = Double.random(in: 0.0...(duration * 1.1), using: &generator)
            if try Self.runAndKill(["batch", departmentFile, "-o", target.path, "-j", "1"], after: delay) { killed += 1 }
            try Self.expectOnlyCompleteOutputs(in: target, reference: reference, run: run)
            try? FileManager.default.removeItem(at: target)
        }
        #expect(killed > 0, "no run was killed")
    }
}
