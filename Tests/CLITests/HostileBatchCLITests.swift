import Foundation
import Testing

/// `juesuan batch` on hostile department files and on a department with one hostile unit.
@Suite struct HostileBatchCLITests {
    func department(_ folder: URL) throws -> URL {
        let outcome = try CLI.run(["sample", "--units", "3", "-o", folder.appendingPathComponent("部门").path])
        #expect(outcome.status == 0, "\(outcome)")
        return folder.appendingPathComponent("部门/department.yaml")
    }

    @Test(arguments: [
        ("deep", Data(("部门: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n").utf8), "嵌套层次过深"),
        ("syntax", Data("部门: {代码: \"901\"\n".utf8), "YAML格式错误"),
        ("gbk", Data([0xB2, 0xBF, 0xC3, 0xC5, 0x3A, 0x20, 0x78, 0x0A]), "UTF-8"),
        ("empty", Data(), "部门文件"),
    ])
    func hostileDepartmentFileIsRefused(_ name: String, _ bytes: Data, _ phrase: String) throws {
        let folder = try CLI.outputDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("\(name).yaml")
        try bytes.write(to: file)
        let output = folder.appendingPathComponent("out")
        let outcome = try CLI.run(["batch", file.path, "-o", output.path])
        outcome.expectRefusal(naming: file.path, phrase: phrase)
        #expect(!FileManager.default.fileExists(atPath: output.path), "\(CLI.contents(of: output))")
    }

    /// One unit made to crash the YAML reader: that unit fails with its reason (exit 1), the others
    /// are exported and checked, no consolidated workbook is made, and nothing partial is left.
    @Test func oneHostileUnitFailsAloneAndNothingPartialIsLeft() throws {
        let folder = try CLI.outputDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let departmentFile = try department(folder)
        let hostile = departmentFile.deletingLastPathComponent().appendingPathComponent("units/901002.yaml")
        try Data(("格式: juesuan-unit/1\n单位: " + String(repeating: "[", count: 50_000) + "\n").utf8).write(to: hostile)
        let output = folder.appendingPathComponent("out")
        let outcome = try CLI.run(["batch", departmentFile.path, "-o", output.path, "-j", "2"])
        #expect(outcome.signal == nil && !outcome.timedOut && outcome.status == 1, "\(outcome)")
        #expect(outcome.stderr.contains("901002.yaml") && outcome.stderr.contains("嵌套层次过深"), "\(outcome)")
        let units = CLI.contents(of: output.appendingPathComponent("units"))
        #expect(units == ["901001.check.json", "901001.xlsx", "901003.check.json", "901003.xlsx"])
        #expect(CLI.contents(of: output) == ["index.html", "index.xlsx", "units"])
    }
}
