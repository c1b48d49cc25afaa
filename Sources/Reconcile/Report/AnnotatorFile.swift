import Foundation
import OOXML

extension Annotator {
    /// Writes `output`: a copy of `workbook` with the 核对结果 sheet and the cells of `findings` marked.
    /// Written atomically; refuses an existing `output` unless `overwrite`, and refuses to write over
    /// the input workbook itself.
    public static func annotate(workbook: String, findings: [Finding], output: String, overwrite: Bool) throws {
        let input = URL(fileURLWithPath: workbook).standardizedFileURL.resolvingSymlinksInPath()
        let target = URL(fileURLWithPath: output).standardizedFileURL.resolvingSymlinksInPath()
        guard input.path != target.path else {
            throw ReportError.unsupported(path: output, detail: "标注结果不能覆盖原工作簿，请另选输出文件")
        }
        if FileManager.default.fileExists(atPath: output) && !overwrite {
            throw ReportError.outputExists(output)
        }
        let reader = try PackageReader(path: workbook)
        let parts = try WorkbookParts(path: workbook, parts: reader.parts.map { ($0.name, try reader.read($0.name)) })
        let annotated = try annotate(parts, findings: findings)
        let writer = PackageWriter()
        for (name, data) in annotated.output {
            if let data { try writer.add(name, data: data) } else { try writer.copyRaw(name, from: reader) }
        }
        try writer.write(to: output, overwrite: overwrite)
    }
}
