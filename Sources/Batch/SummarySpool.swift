import Accounts
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The summary rows of a running batch, written to a temporary file as units finish (in
/// completion order), so that the batch's memory does not grow with its number of units. The file
/// has no name (`ScratchFile`): it disappears with the process, even after a crash. Where each
/// unit's row starts is kept in the same file too (8 bytes per unit at the file's start), so no
/// per-unit state stays in memory.
final class SummarySpool: @unchecked Sendable {
    private let lock = NSLock()
    private let file: ScratchFile
    /// Where the next row goes: after the table of row positions.
    private var end: Int64
    let count: Int

    init(directory: String, count: Int) throws {
        file = try ScratchFile(directory: directory)
        self.count = count
        end = Int64(count) * 8
        // The table of positions reads as zeros (no row yet) until rows are written.
        try file.resize(to: end)
    }

    /// Appends one unit's row (thread-safe); a unit written twice keeps its last row.
    func append(_ s: UnitSummary) throws {
        var record = SummaryRecord.encode(s)
        let length = UInt32(record.count)
        record.insert(contentsOf: withUnsafeBytes(of: length.littleEndian, Array.init), at: 0)
        try lock.withLock {
            guard s.index >= 0, s.index < count else { return }
            let start = end
            try file.write(record, at: start)
            end += Int64(record.count)
            // 1 + the row's position: zero means the unit has not finished.
            try file.writeInteger(start + 1, at: Int64(s.index) * 8)
        }
    }

    /// The row of unit `index`, nil while it has not finished.
    func row(_ index: Int) throws -> UnitSummary? {
        guard index >= 0, index < count else { return nil }
        let position = try lock.withLock { try file.readInteger(Int64.self, at: Int64(index) * 8) }
        guard position > 0 else { return nil }
        let start = position - 1
        let length = try file.readInteger(UInt32.self, at: start)
        // A row is a few hundred bytes; anything near this is no row of ours.
        guard length < 1 << 24 else { throw BatchError("汇总行临时文件已损坏") }
        let body = try file.read(count: Int(length), at: start + 4)
        return try SummaryRecord.decode(body)
    }
}

/// One summary row as bytes: fixed fields, then strings with a length (-1: none).
enum SummaryRecord {
    static func encode(_ s: UnitSummary) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        func int(_ v: Int64) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func optionalInt(_ v: Int64?) { out.append(v == nil ? 0 : 1); int(v ?? 0) }
        func text(_ v: String?) {
            guard let v else { int(-1); return }
            let utf8 = Array(v.utf8)
            int(Int64(utf8.count)); out.append(contentsOf: utf8)
        }
        int(Int64(s.index))
        out.append(s.role == .own ? 0 : 1)
        out.append(s.status == .succeeded ? 0 : (s.status == .failed ? 1 : 2))
        optionalInt(s.year.map(Int64.init))
        optionalInt(s.grandTotal?.fen); optionalInt(s.incomeTotal?.fen); optionalInt(s.expenditureTotal?.fen)
        int(Int64(s.errors)); int(Int64(s.hints))
        text(s.dataFile); text(s.code); text(s.name); text(s.workbook); text(s.checkFile); text(s.message)
        return out
    }

    static func decode(_ bytes: [UInt8]) throws -> UnitSummary {
        var at = 0
        func byte() throws -> UInt8 {
            guard at < bytes.count else { throw BatchError("汇总行临时文件已损坏") }
            defer { at += 1 }
            return bytes[at]
        }
        func int() throws -> Int64 {
            guard at + 8 <= bytes.count else { throw BatchError("汇总行临时文件已损坏") }
            var v: Int64 = 0
            for k in 0..<8 { v |= Int64(bytes[at + k]) << (8 * k) }
            at += 8
            return v
        }
        func optionalInt() throws -> Int64? { let has = try byte(); let v = try int(); return has == 0 ? nil : v }
        func text() throws -> String? {
            let n = try int()
            if n < 0 { return nil }
            guard n <= bytes.count - at else { throw BatchError("汇总行临时文件已损坏") }
            defer { at += Int(n) }
            return String(decoding: bytes[at..<(at + Int(n))], as: UTF8.self)
        }
        let index = Int(try int())
        let role: UnitRole = try byte() == 0 ? .own : .subordinate
        let status: UnitSummary.Status = switch try byte() { case 0: .succeeded; case 1: .failed; default: .skipped }
        var s = UnitSummary(index: index, role: role, dataFile: "", status: status)
        s.year = try optionalInt().map { Int($0) }
        s.grandTotal = try optionalInt().map(Money.init(fen:))
        s.incomeTotal = try optionalInt().map(Money.init(fen:))
        s.expenditureTotal = try optionalInt().map(Money.init(fen:))
        s.errors = Int(try int()); s.hints = Int(try int())
        s.dataFile = try text() ?? ""
        s.code = try text(); s.name = try text(); s.workbook = try text(); s.checkFile = try text(); s.message = try text()
        return s
    }
}

/// Every unit's row of a batch, in department file order, read from the spool one at a time
/// (or held in an array, for a report built from rows in memory).
public struct UnitSummaries: RandomAccessCollection, Sendable {
    private enum Source: Sendable {
        case rows([UnitSummary])
        case spool(SummarySpool, department: DepartmentFile, interrupted: Bool)
    }
    private let source: Source

    public init(_ rows: [UnitSummary]) { source = .rows(rows) }

    init(spool: SummarySpool, department: DepartmentFile, interrupted: Bool) {
        source = .spool(spool, department: department, interrupted: interrupted)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int {
        switch source {
        case .rows(let rows): rows.count
        case .spool(let spool, _, _): spool.count
        }
    }

    public subscript(i: Int) -> UnitSummary {
        switch source {
        case .rows(let rows):
            return rows[i]
        case .spool(let spool, let department, let interrupted):
            let (path, role) = i == 0 ? (department.ownUnit, UnitRole.own) : (department.subordinates[i - 1], .subordinate)
            do {
                if let row = try spool.row(i) { return row }
            } catch {
                var s = UnitSummary(index: i, role: role, dataFile: path, status: .failed)
                s.message = "\(error)"
                return s
            }
            // A unit never started (the batch was interrupted).
            var s = UnitSummary(index: i, role: role, dataFile: path, status: .skipped)
            if interrupted { s.message = "批处理被中断，未处理" }
            return s
        }
    }
}
