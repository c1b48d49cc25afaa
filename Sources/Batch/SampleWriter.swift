import Accounts
import Foundation
import OOXML

extension SyntheticDepartment {
    /// Writes every unit as a unit data file (`units/<code>.yaml`) and the department file
    /// (`department.yaml`) into `directory`, one unit at a time. Returns the department file's path.
    @discardableResult
    public func write(to directory: String, catalogue: SubjectCatalogue) throws -> String {
        let units = directory + "/units"
        do {
            try FileManager.default.createDirectory(atPath: units, withIntermediateDirectories: true)
        } catch {
            throw SyntheticError("无法创建目录 \(units)：\(error.localizedDescription)")
        }
        var ownPath = "", subordinates: [String] = []
        subordinates.reserveCapacity(max(0, unitCount - 1))
        try generate { unit, role in
            let relative = "units/\(unit.unit.code).yaml"
            let text = UnitDataFile.render(unit, catalogue: catalogue)
            do {
                try writeFileAtomically(Data(text.utf8), to: directory + "/" + relative, overwrite: true)
            } catch {
                throw SyntheticError("无法写入 \(directory)/\(relative)：\(error.localizedDescription)")
            }
            if role == .own { ownPath = relative } else { subordinates.append(relative) }
        }
        let department = DepartmentFile(code: departmentCode, name: departmentName, ownUnit: ownPath,
                                        subordinates: subordinates, baseDirectory: URL(fileURLWithPath: directory))
        let path = directory + "/department.yaml"
        do {
            try writeFileAtomically(Data(department.render().utf8), to: path, overwrite: true)
        } catch {
            throw SyntheticError("无法写入 \(path)：\(error.localizedDescription)")
        }
        return path
    }
}
