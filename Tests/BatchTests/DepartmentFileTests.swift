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
