import Accounts
import Foundation
import OOXML
@testable import TableSet

enum Repo {
    /// The repository root, from this file's place (Tests/TableSetTests/Support.swift).
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()
    static let template = root + "/Templates/sichuan-2021/template.xlsx"
    static let sample = root + "/Sources/Accounts/Resources/samples/xiqu-jiuye-2021.yaml"
}

enum Scratch {
    /// One root per test process, removed when the process exits, so runs leave nothing in /tmp.
    private static let root: String = {
        let path = NSTemporaryDirectory() + "tableset-tests-\(getpid())"
        try? FileManager.default.removeItem(atPath: path)
        atexit { try? FileManager.default.removeItem(atPath: NSTemporaryDirectory() + "tableset-tests-\(getpid())") }
        return path
    }()

    /// A fresh directory for one test.
    static func directory() throws -> String {
        let path = root + "/" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

enum Sample {
    static func load() throws -> (UnitAccounts, SubjectCatalogue) {
        let catalogue = try SubjectCatalogue.builtin2021()
        return (try UnitDataFile.load(path: Repo.sample, catalogue: catalogue), catalogue)
    }
}

/// Every part of a package, uncompressed.
func packageParts(_ path: String) throws -> [String: Data] {
    let reader = try PackageReader(path: path)
    var parts: [String: Data] = [:]
    for p in reader.parts { parts[p.name] = try reader.read(p.name) }
    return parts
}

/// LibreOffice, driven headless, re-saving a workbook as .xlsx (a real client reading our files).
enum LibreOffice {
    static var available: Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: $0 + "/soffice") }
    }

    /// Converts `path` to .xlsx in a new directory; returns the converted file's path.
    static func resave(_ path: String) throws -> String {
        let out = try Scratch.directory()
        let profile = "file:///tmp/lo-tableset-" + UUID().uuidString
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["soffice", "--headless", "-env:UserInstallation=" + profile, "--convert-to", "xlsx", "--outdir", out, path]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        try? FileManager.default.removeItem(atPath: String(profile.dropFirst("file://".count)))
        let result = out + "/" + URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent + ".xlsx"
        guard p.terminationStatus == 0, FileManager.default.fileExists(atPath: result) else {
            throw TableSetError("LibreOffice 转换失败：\(path)")
        }
        return result
    }
}
