import Batch
import Foundation
import Testing

@Suite struct DepartmentFileTests {
    let base = URL(fileURLWithPath: "/tmp/dept")

    @Test func renderedFileParsesBack() throws {
        let d = DepartmentFile(code: "901", name: "示例局", ownUnit: "units/901001.yaml",
                               subordinates: ["units/901002.yaml", "units/a \"b\".yaml"], baseDirectory: base)
        let back = try DepartmentFile.parse(text: d.render(), file: "department.yaml", baseDirectory: base)
        #expect(back == d)
        #expect(back.units.map(\.role) == [.own, .subordinate, .subordinate])
        #expect(back.url(of: "units/901002.yaml").path == "/tmp/dept/units/901002.yaml")
    }

    @Test func problemsNameTheFileAndLine() {
        let text = "部门:\n  代码: \"901\"\n  名称: 示例局\n本级单位: a.yaml\n下属单位:\n  - b.yaml\n  - [x]\n"
        do {
            _ = try DepartmentFile.parse(text: text, file: "department.yaml", baseDirectory: base)
            Issue.record("expected an error")
        } catch let e as DepartmentFileError {
            #expect(e.line == 7)
            #expect(e.description.hasPrefix("department.yaml 第7行"))
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func missingPartsAndDuplicatesAreRefused() {
        let cases = ["部门:\n  代码: \"901\"\n本级单位: a.yaml\n",                         // no 名称
                     "部门:\n  代码: \"901\"\n  名称: x\n",                                 // no 本级单位
                     "部门:\n  代码: \"901\"\n  名称: x\n本级单位: a.yaml\n下属单位: [a.yaml]\n", // duplicate
                     "部门: [\n",                                                          // YAML syntax
                     "部门:\n  代码: \"901\"\n  名称: x\n本级单位: a.yaml\n单位: []\n"]         // unknown key
        for text in cases {
            #expect(throws: DepartmentFileError.self) { _ = try DepartmentFile.parse(text: text, file: "d.yaml", baseDirectory: base) }
        }
    }
}

@Suite struct UnitPathListTests {
    @Test func keepsEachPathAndItsOrder() {
        let paths = ["units/901002.yaml", "", "units/单位 \"甲\".yaml", "a"]
        let list = UnitPathList(paths)
        #expect(Array(list) == paths)
        #expect(list.count == 4)
        #expect(list.compacted() == list)
        #expect(list != UnitPathList(["units/901002.yaml", "", "units/单位 \"甲\".yaml"]))
    }

    /// Spilled into a temporary file, the list reads back the same paths, and can still grow.
    @Test func spilledListKeepsEachPath() throws {
        let paths = ["units/901002.yaml", "", "units/单位 \"甲\".yaml", "a"]
        var list = UnitPathList(paths).spilled()
        #expect(list.isSpilled)
        #expect(Array(list) == paths && list.count == 4)
        #expect(try (0..<4).map { try list.path(at: $0) } == paths)
        #expect(throws: BatchError.self) { _ = try list.path(at: 4) }
        #expect(list == UnitPathList(paths))
        #expect(list.firstRepeat(after: "a") == "a")
        list.append("b")
        #expect(!list.isSpilled && Array(list) == paths + ["b"])
        #expect(!UnitPathList().spilled().isSpilled)
    }

    @Test func aLoadedDepartmentFileKeepsItsPathsOnDisk() throws {
        let root = NSTemporaryDirectory() + "juesuan-dept-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let subordinates = (2...300).map { "units/9010\($0).yaml" }
        let written = DepartmentFile(code: "901", name: "部门", ownUnit: "units/901001.yaml", subordinates: subordinates,
                                     baseDirectory: URL(fileURLWithPath: root))
        try written.render().write(toFile: root + "/department.yaml", atomically: true, encoding: .utf8)
        let loaded = try DepartmentFile.load(path: root + "/department.yaml")
        #expect(loaded.subordinates.isSpilled)
        #expect(Array(loaded.subordinates) == subordinates)
        #expect(loaded.render() == written.render())
    }

    @Test func findsTheEarliestRepeat() {
        #expect(UnitPathList(["b", "c", "d"]).firstRepeat(after: "a") == nil)
        #expect(UnitPathList(["b", "a", "c"]).firstRepeat(after: "a") == "a")
        // "c" repeats at position 2, before "b" repeats at position 3 and "a" at position 4.
        #expect(UnitPathList(["b", "c", "c", "b", "a"]).firstRepeat(after: "a") == "c")
        #expect(UnitPathList(["x/b", "x/c", "x/b"]).firstRepeat(after: "x/c2") == "x/b")
    }

    @Test func departmentFileRefusesARepeatedSubordinate() throws {
        let text = "部门:\n  代码: \"901\"\n  名称: x\n本级单位: a.yaml\n下属单位: [b.yaml, c.yaml, b.yaml]\n"
        #expect {
            _ = try DepartmentFile.parse(text: text, file: "d.yaml", baseDirectory: URL(fileURLWithPath: "/tmp"))
        } throws: { error in
            (error as? DepartmentFileError)?.message.contains("“b.yaml”") == true
        }
    }
}
