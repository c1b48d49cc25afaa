import Foundation
import Testing

/// Runs the built `juesuan` as a subprocess, as a user would, with a time and a memory limit so that
/// a hang or a blow-up fails the test instead of stalling CI.
enum CLI {
    /// The package root (Tests/CLITests/Support.swift is two folders down).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The juesuan executable in the build products directory, beside the test bundle.
    static let executable: URL = {
        let candidates = [
            URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent(),
            Bundle.main.bundleURL.deletingLastPathComponent(),
            Bundle.main.bundleURL,
            packageRoot.appendingPathComponent(".build/debug"),
        ]
        for folder in candidates {
            let url = folder.appendingPathComponent("juesuan")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return packageRoot.appendingPathComponent(".build/debug/juesuan")
    }()

    /// The sample unit data file shipped with the package.
    static let sample = packageRoot.appendingPathComponent("Sources/Accounts/Resources/samples/xiqu-jiuye-2021.yaml").path

    struct Outcome: CustomStringConvertible {
        var status: Int32
        /// The signal that ended the process (crash, or our kill on timeout), nil for a normal exit.
        var signal: Int32?
        var timedOut: Bool
        var stdout: String
        var stderr: String

        var description: String {
            let how = timedOut ? "超时被终止" : signal.map { "被信号 \($0) 终止" } ?? "退出码 \(status)"
            return "\(how)\nstdout: \(stdout.prefix(2000))\nstderr: \(stderr.prefix(2000))"
        }
    }

    /// Virtual memory allowed to one run (kB, as `ulimit -v` counts). The readers' own limits keep a
    /// hostile file far below this; the Swift runtime alone reserves a few hundred MB of address space.
    static let memoryLimitKB = 3 * 1024 * 1024

    /// Runs `juesuan arguments…` in `directory` (default: the package root, so the default template is found).
    static func run(_ arguments: [String], in directory: URL? = nil, timeout: TimeInterval = 120) throws -> Outcome {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("juesuan-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("stdout")
        let err = scratch.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // exec keeps the pid, so a crash shows as the process's own signal.
        process.arguments = ["-c", "ulimit -v \(memoryLimitKB) && exec \"$0\" \"$@\"", executable.path] + arguments
        process.currentDirectoryURL = directory ?? packageRoot
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"   // a crash must end the process, not wait for a backtracer
        environment["COLUMNS"] = nil   // finding lines are checked at the default width of 80
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()

        let deadline = Date().addingTimeInterval(timeout)
        var timedOut = false
        while process.isRunning {
            if Date() > deadline {
                timedOut = true
                kill(process.processIdentifier, SIGKILL)
                break
            }
            usleep(20_000)
        }
        process.waitUntilExit()
        let signal = process.terminationReason == .uncaughtSignal ? process.terminationStatus : nil
        return Outcome(status: process.terminationStatus, signal: signal, timedOut: timedOut,
                       stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                       stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    /// A fresh empty directory for one test's outputs.
    static func outputDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("juesuan-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Every name in a directory, hidden ones included (temporary files are dot-named).
    static func contents(of directory: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
    }
}

/// The hostile corpus, generated once per test process by Tests/CLITests/Corpus/make_hostile.py.
enum HostileCorpus {
    static let directory: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("juesuan-hostile-\(getpid())")
        if !FileManager.default.fileExists(atPath: url.appendingPathComponent("very-large.txt").path) {
            let script = CLI.packageRoot.appendingPathComponent("Tests/CLITests/Corpus/make_hostile.py")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", script.path, url.path]
            try? process.run()
            process.waitUntilExit()
            atexit { try? FileManager.default.removeItem(at: HostileCorpus.directory) }
        }
        return url
    }()

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
}

extension CLI.Outcome {
    /// Checks the outcome every refused input must have: no crash, no hang, the expected exit
    /// status, and a Chinese message on stderr naming the file and containing `phrase`.
    func expectRefusal(status expected: Int32 = 2, naming file: String, phrase: String,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!timedOut && signal == nil, "\(self)", sourceLocation: sourceLocation)
        #expect(status == expected, "\(self)", sourceLocation: sourceLocation)
        #expect(stderr.hasPrefix("错误："), "\(self)", sourceLocation: sourceLocation)
        #expect(stderr.contains(file), "message should name \(file): \(self)", sourceLocation: sourceLocation)
        #expect(stderr.contains(phrase), "message should contain “\(phrase)”: \(self)", sourceLocation: sourceLocation)
    }
}
