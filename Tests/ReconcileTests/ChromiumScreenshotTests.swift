import Foundation
import Testing
@testable import Reconcile

/// Renders the report in a real headless browser: the page must load and paint.
@Suite struct HTMLReportBrowserTests {
    @Test func rendersInHeadlessChromium() throws {
        let browser = try #require(findExecutable(["chromium", "chromium-browser", "google-chrome"]),
                                   "找不到 chromium：请运行 make test（其 test-deps 会安装 chromium）")
        // Without a CJK font the page paints boxes instead of Chinese: check the machine has one.
        let fcList = try #require(findExecutable(["fc-list"]), "找不到 fc-list（fontconfig）")
        let fonts = try output(fcList, [":lang=zh", "family"])
        #expect(!fonts.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
                "没有中文字体：请运行 make test（其 test-deps 会安装 fonts-wqy-microhei）")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("juesuan-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("报告.html")
        try HTMLReport.render(sampleReportInput()).write(to: page, atomically: true, encoding: .utf8)
        let png = dir.appendingPathComponent("shot.png")
        let status = try run(browser, ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                                       "--user-data-dir=\(dir.path)/profile", "--screenshot=\(png.path)",
                                       "--window-size=1200,1600", page.absoluteString])
        #expect(status == 0)
        let data = try Data(contentsOf: png)
        #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG file")
        #expect(data.count > 30_000, "a painted page, not a blank one (\(data.count) bytes)")
        if let keep = ProcessInfo.processInfo.environment["JUESUAN_KEEP_SCREENSHOT"] {
            try? FileManager.default.removeItem(atPath: keep)
            try FileManager.default.copyItem(at: png, to: URL(fileURLWithPath: keep))
        }
    }
}

func findExecutable(_ names: [String]) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for dir in path.split(separator: ":") + ["/usr/bin", "/usr/local/bin"] {
        for name in names {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
    }
    return nil
}

/// Runs a program to completion and returns what it printed.
func output(_ program: String, _ arguments: [String]) throws -> String {
    let process = Process()
    let pipe = Pipe()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

/// Runs a program to completion, its output discarded; returns the exit status.
func run(_ program: String, _ arguments: [String]) throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
}
