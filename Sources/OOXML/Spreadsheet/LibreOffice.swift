import Foundation

/// Drives the real LibreOffice (`soffice --headless --convert-to`) to re-save documents, so tests
/// can check that what we write opens in a real office program and what it writes reads back.
public enum LibreOffice {
    /// The soffice executable on PATH.
    public static func executable() throws(SpreadsheetError) -> String {
        try executable(searchPath: ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
    }

    static func executable(searchPath: String) throws(SpreadsheetError) -> String {
        for directory in searchPath.split(separator: ":") {
            let candidate = String(directory) + "/soffice"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw SpreadsheetError(.toolFailed, detail: "找不到 LibreOffice（soffice 不在 PATH 上）；运行 `make test` 会安装它（libreoffice-calc-nogui）")
    }

    /// Converts `path` to `format` ("xlsx", "csv", "pdf", "docx", or "xlsx:Calc MS Excel 2007 XML")
    /// in `outDir`, which must differ from the input's folder when the extension stays the same.
    /// Each call uses its own throw-away LibreOffice profile, so concurrent calls do not collide.
    /// Returns the path of the converted file.
    @discardableResult
    public static func convert(_ path: String, to format: String, outDir: String,
                               timeout: TimeInterval = 300) throws(SpreadsheetError) -> String {
        let soffice = try executable()
        let input = URL(fileURLWithPath: path).standardizedFileURL
        guard FileManager.default.fileExists(atPath: input.path) else {
            throw SpreadsheetError(.toolFailed, file: path, detail: "要转换的文件不存在")
        }
        let extensionName = String(format.split(separator: ":").first ?? Substring(format))
        let outputDirectory = URL(fileURLWithPath: outDir).standardizedFileURL
        let output = outputDirectory.appendingPathComponent(input.deletingPathExtension().lastPathComponent + "." + extensionName)
        guard output.path != input.path else {
            throw SpreadsheetError(.toolFailed, file: path, detail: "转换结果会覆盖原文件；请换一个输出目录")
        }
        let fm = FileManager.default
        let profile = fm.temporaryDirectory.appendingPathComponent("lo-\(UUID().uuidString)")
        let log = fm.temporaryDirectory.appendingPathComponent("lo-\(UUID().uuidString).log")
        defer {
            try? fm.removeItem(at: profile)
            try? fm.removeItem(at: log)
        }
        do {
            try fm.createDirectory(at: outputDirectory, withIntermediateDirectories: true)
            try? fm.removeItem(at: output)
            fm.createFile(atPath: log.path, contents: nil)
            let logHandle = try FileHandle(forWritingTo: log)
            defer { try? logHandle.close() }

            let process = Process()
            process.executableURL = URL(fileURLWithPath: soffice)
            process.arguments = ["-env:UserInstallation=" + profile.absoluteString, "--headless", "--norestore",
                                 "--nolockcheck", "--convert-to", format, "--outdir", outputDirectory.path, input.path]
            process.standardOutput = logHandle
            process.standardError = logHandle
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning && Date() < deadline { usleep(100_000) }
            if process.isRunning {
                process.terminate()
                process.waitUntilExit()
                throw SpreadsheetError(.toolFailed, file: path, detail: "LibreOffice 转换超时（\(Int(timeout)) 秒）")
            }
            let said = (try? String(contentsOf: log, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            guard process.terminationStatus == 0, fm.fileExists(atPath: output.path) else {
                throw SpreadsheetError(.toolFailed, file: path,
                                       detail: "LibreOffice 转换为 \(format) 失败（退出码 \(process.terminationStatus)）：\(said)")
            }
        } catch let error as SpreadsheetError {
            throw error
        } catch {
            throw SpreadsheetError(.toolFailed, file: path, detail: "无法运行 LibreOffice：\(error.localizedDescription)")
        }
        return output.path
    }
}
