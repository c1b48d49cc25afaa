import Foundation
import Testing

/// An existing file is never replaced unless --force is given: for `export -o` and for each of
/// `check --json`, `--html` and `--annotate`. With --force the file is replaced by a complete one.
@Suite struct OverwriteTests {
    static let sentinel = Data("用户自己的文件，不得覆盖\n".utf8)

    static let folder = FileManager.default.temporaryDirectory.appendingPathComponent("juesuan-overwrite-\(getpid())")

    /// A workbook exported from the sample, shared by the check cases.
    static let workbook: URL? = {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("示例.xlsx")
        if !FileManager.default.fileExists(atPath: url.path) {
            guard let outcome = try? CLI.run(["export", CLI.sample, "-o", url.path]), outcome.status == 0 else { return nil }
            atexit { try? FileManager.default.removeItem(at: OverwriteTests.folder) }
        }
        return url
    }()

    /// (option, output file name, what a complete output starts with)
    static let options: [(String, String, [UInt8])] = [
        ("-o", "决算表.xlsx", [0x50, 0x4B, 0x03, 0x04]),
        ("--json", "结果.json", Array("{".utf8)),
        ("--html", "结果.html", Array("<!DOCTYPE html>".utf8)),
        ("--annotate", "标注.xlsx", [0x50, 0x4B, 0x03, 0x04]),
    ]

    func arguments(_ option: String, _ output: URL) throws -> [String] {
        if option == "-o" { return ["export", CLI.sample, "-o", output.path] }
        let workbook = try #require(Self.workbook)
        return ["check", workbook.path, option, output.path]
    }

    @Test(arguments: options.map(\.0))
    func existingOutputIsKeptWithoutForce(_ option: String) throws {
        let (_, name, _) = try #require(Self.options.first { $0.0 == option })
        let folder = try CLI.outputDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent(name)
        try Self.sentinel.write(to: output)
        let outcome = try CLI.run(try arguments(option, output))
        outcome.expectRefusal(naming: output.path, phrase: "已存在")
        #expect(try Data(contentsOf: output) == Self.sentinel, "the existing file was changed")
        #expect(CLI.contents(of: folder) == [name])
    }

    @Test(arguments: options.map(\.0))
    func forceReplacesWithACompleteFile(_ option: String) throws {
        let (_, name, head) = try #require(Self.options.first { $0.0 == option })
        let folder = try CLI.outputDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent(name)
        try Self.sentinel.write(to: output)
        let outcome = try CLI.run(try arguments(option, output) + ["--force"])
        #expect(outcome.signal == nil && [0, 1].contains(outcome.status), "\(outcome)")
        let written = try Data(contentsOf: output)
        #expect(written.starts(with: head), "\(option) wrote \(written.prefix(40))")
        #expect(CLI.contents(of: folder) == [name], "left behind: \(CLI.contents(of: folder))")
    }

    /// The user's workbook is never an output: `check W --annotate W --force` is refused.
    @Test func inputIsNeverAnOutput() throws {
        let workbook = try #require(Self.workbook)
        let before = try Data(contentsOf: workbook)
        let outcome = try CLI.run(["check", workbook.path, "--annotate", workbook.path, "--force"])
        outcome.expectRefusal(naming: workbook.path, phrase: "输出文件不能是输入文件")
        #expect(try Data(contentsOf: workbook) == before)
    }

    /// Impossible output paths end in a Chinese message naming the path, and nothing is written.
    @Test func impossibleOutputPathsAreRefused() throws {
        let folder = try CLI.outputDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let directory = folder.appendingPathComponent("是目录.xlsx")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try CLI.run(["export", CLI.sample, "-o", directory.path, "--force"])
            .expectRefusal(naming: directory.path, phrase: "目标路径是一个目录")
        let file = folder.appendingPathComponent("是文件")
        try Self.sentinel.write(to: file)
        let under = file.appendingPathComponent("决算表.xlsx")
        try CLI.run(["export", CLI.sample, "-o", under.path]).expectRefusal(naming: file.path, phrase: "无法创建输出目录")
        let workbook = try #require(Self.workbook)
        try CLI.run(["check", workbook.path, "--json", file.appendingPathComponent("结果.json").path])
            .expectRefusal(naming: file.path, phrase: "路径中有一段不是目录")
        #expect(CLI.contents(of: folder) == ["是文件", "是目录.xlsx"])
        #expect(CLI.contents(of: directory).isEmpty)
        #expect(try Data(contentsOf: file) == Self.sentinel)
    }

    /// `sample` and `batch` write whole folders: a second run into a folder that holds a previous
    /// run's outputs is refused without --force (the first run's files stay as they were) and
    /// replaces them with --force.
    @Test func folderOutputsAreKeptWithoutForce() throws {
        let folder = try CLI.outputDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let department = folder.appendingPathComponent("部门")
        let results = folder.appendingPathComponent("结果")
        let departmentFile = department.appendingPathComponent("department.yaml")
        #expect(try CLI.run(["sample", "--units", "2", "-o", department.path]).status == 0)
        let written = try Data(contentsOf: departmentFile)
        try CLI.run(["sample", "--units", "3", "-o", department.path])
            .expectRefusal(naming: department.path, phrase: "已有示例数据")
        #expect(try Data(contentsOf: departmentFile) == written)
        #expect(try CLI.run(["sample", "--units", "3", "-o", department.path, "--force"]).status == 0)
        #expect(try Data(contentsOf: departmentFile) != written)

        #expect(try CLI.run(["batch", departmentFile.path, "-o", results.path]).status == 0)
        let index = results.appendingPathComponent("index.xlsx")
        let before = try Data(contentsOf: index)
        try CLI.run(["batch", departmentFile.path, "-o", results.path])
            .expectRefusal(naming: results.path, phrase: "已有批量处理结果")
        #expect(try Data(contentsOf: index) == before)
        #expect(try CLI.run(["batch", departmentFile.path, "-o", results.path, "--force"]).status == 0)
    }
}

/// `export -o` given a folder writes the workbook there under its default name, and still keeps an
/// existing workbook of that name unless --force is given.
@Suite struct ExportToFolderTests {
    @Test(arguments: [false, true])
    func folderReceivesTheDefaultName(trailingSlash: Bool) throws {
        let folder = try CLI.outputDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.path + (trailingSlash ? "/" : "")
        let first = try CLI.run(["export", CLI.sample, "-o", target])
        #expect(first.status == 0, "\(first.stderr)")
        let names = CLI.contents(of: folder)
        #expect(names == ["2021-510403-001-攀枝花市西区就业创业促进中心.xlsx"])
        let written = folder.appendingPathComponent(names.first ?? "")
        #expect(first.stdout.contains(written.lastPathComponent))

        let second = try CLI.run(["export", CLI.sample, "-o", target])
        #expect(second.status != 0)
        #expect(second.stderr.contains("--force"))
        let forced = try CLI.run(["export", CLI.sample, "-o", target, "--force"])
        #expect(forced.status == 0)
        #expect(CLI.contents(of: folder) == names)
    }

    @Test func missingFolderWithSlashIsCreated() throws {
        let folder = try CLI.outputDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let nested = folder.appendingPathComponent("新建目录")
        let outcome = try CLI.run(["export", CLI.sample, "-o", nested.path + "/"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(CLI.contents(of: nested) == ["2021-510403-001-攀枝花市西区就业创业促进中心.xlsx"])
    }
}
