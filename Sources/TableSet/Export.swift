import Accounts
import Foundation
import OOXML

/// The export pipeline: facts -> tables -> filled template -> workbook file.
public enum WorkbookExport {
    /// The template's place in the repository, relative to the working directory.
    public static let defaultTemplate = "Templates/sichuan-2021/template.xlsx"

    /// Builds the fifteen tables of `accounts` and writes them into a copy of `template`
    /// (nil: the default template, or the built-in layout when that file is absent).
    public static func export(_ accounts: UnitAccounts, catalogue: SubjectCatalogue, template: String? = nil,
                              unit: AmountUnit = .wanYuan, to path: String, overwrite: Bool) throws {
        let tables = try TableBuilder(catalogue: catalogue, unit: unit).build(accounts)
        if let template {
            guard FileManager.default.fileExists(atPath: template) else { throw TableSetError("找不到模板文件：\(template)") }
            try TemplateFiller(templatePath: template).write(tables, unit: accounts.unit, to: path, overwrite: overwrite)
        } else if FileManager.default.fileExists(atPath: defaultTemplate) {
            try TemplateFiller(templatePath: defaultTemplate).write(tables, unit: accounts.unit, to: path, overwrite: overwrite)
        } else {
            // Outside the repository: generate the built-in template into a scratch file.
            let scratch = NSTemporaryDirectory() + "juesuan-template-\(UUID().uuidString).xlsx"
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            try TemplateBuilder(catalogue: catalogue).write(to: scratch, overwrite: true)
            try TemplateFiller(templatePath: scratch).write(tables, unit: accounts.unit, to: path, overwrite: overwrite)
        }
    }

    /// Output/<year>-<unit code>-<unit name>.xlsx
    public static func defaultOutputPath(for unit: UnitInfo) -> String {
        let safeName = unit.name.map { "/\\:*?\"<>|".contains($0) ? "_" : $0 }
        return "Output/\(unit.year)-\(unit.code)-\(String(safeName)).xlsx"
    }
}
