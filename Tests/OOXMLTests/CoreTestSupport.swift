import Foundation
import Testing
@testable import OOXML

/// Helpers shared by the container, XML and Word tests.
enum CoreTestSupport {
    /// A fresh empty directory under the system temporary directory.
    static func makeTemporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "ooxml-core-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Runs a Python snippet (zipfile is used to build hostile archives); returns stdout.
    @discardableResult
    static func python(_ script: String, arguments: [String] = []) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            throw PythonFailure(message: String(decoding: errorData, as: UTF8.self))
        }
        return String(decoding: data, as: UTF8.self)
    }

    struct PythonFailure: Error, CustomStringConvertible {
        let message: String
        var description: String { "python3 failed: \(message)" }
    }

    /// Exit status of `python3 -m zipfile -t path` (0 = archive tests OK).
    static func zipTestStatus(_ path: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-m", "zipfile", "-t", path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Path of a committed fixture.
    static func fixture(_ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return url.appendingPathComponent(name).path
    }

    /// The OOXMLError thrown by `body`, or nil when it did not throw one.
    static func ooxmlError(_ body: () throws -> Void) -> OOXMLError? {
        do {
            try body()
            return nil
        } catch let error as OOXMLError {
            return error
        } catch {
            return nil
        }
    }
}
