/// The unit data file paths of a department, stored compactly: every path's UTF-8 bytes one after
/// the other in one buffer, and where each ends. A department file's list, once read and checked,
/// is moved into a temporary file (`spilled()`), so that a batch's memory does not grow with its
/// number of units; a path is then read back when a worker takes its unit.
public struct UnitPathList: RandomAccessCollection, Equatable, Sendable, ExpressibleByArrayLiteral {
    private var bytes: [UInt8] = []
    private var ends: [UInt32] = []
    /// The paths when spilled (then `bytes` and `ends` are empty).
    private var spill: SpilledPaths?

    public init() {}

    public init<S: Sequence>(_ paths: S) where S.Element == String {
        for path in paths { append(path) }
    }

    public init(arrayLiteral paths: String...) { self.init(paths) }

    public mutating func append(_ path: String) {
        if let spill {
            // Rare (lists are spilled once complete): back to memory, then append.
            self.spill = nil
            for i in 0..<spill.count { append(spill.path(i)) }
        }
        bytes.append(contentsOf: path.utf8)
        ends.append(UInt32(bytes.count))
    }

    /// The same paths in a temporary file, read back one at a time; the same list in memory
    /// (compacted) if no temporary file can be made.
    public func spilled() -> UnitPathList {
        guard spill == nil, !ends.isEmpty, let file = try? SpilledPaths(bytes: bytes, ends: ends) else {
            return compacted()
        }
        var copy = UnitPathList()
        copy.spill = file
        return copy
    }

    /// Whether the paths are in a temporary file rather than in memory.
    public var isSpilled: Bool { spill != nil }

    /// The same paths in storage of exactly their size, allocated now.
    public func compacted() -> UnitPathList {
        var copy = UnitPathList()
        copy.bytes = Array(bytes)
        copy.ends = Array(ends)
        copy.spill = spill
        return copy
    }

    /// The path at `position`; for a spilled list, an error when the temporary file cannot be read.
    public func path(at position: Int) throws -> String {
        if let spill { return try spill.readPath(position) }
        return self[position]
    }

    /// The first path (in list order, after `first`) that was already listed, if any: found by
    /// sorting positions rather than hashing a string per path.
    public func firstRepeat(after first: String) -> String? {
        if spill != nil { return compactedInMemory().firstRepeat(after: first) }
        let firstBytes = Array(first.utf8)
        var earliest: Int?   // position of the earliest second occurrence
        if let i = indices.first(where: { slice($0).elementsEqual(firstBytes) }) { earliest = i }
        // Positions sorted by path, equal paths in list order.
        let order = Array(Int32(0)..<Int32(ends.count)).sorted { a, b in
            let x = slice(Int(a)), y = slice(Int(b))
            return x.lexicographicallyPrecedes(y) || (x.elementsEqual(y) && a < b)
        }
        for (a, b) in zip(order, order.dropFirst()) where slice(Int(a)).elementsEqual(slice(Int(b))) {
            // b follows a in list order, so b repeats a; only the first repeat of each path matters,
            // and any later one is farther along than b anyway.
            earliest = Swift.min(earliest ?? Int(b), Int(b))
        }
        return earliest.map { self[$0] }
    }

    private func compactedInMemory() -> UnitPathList { UnitPathList(Array(self)) }

    private func slice(_ position: Int) -> ArraySlice<UInt8> {
        bytes[(position == 0 ? 0 : Int(ends[position - 1]))..<Int(ends[position])]
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { spill?.count ?? ends.count }

    /// The path at `position` (for a spilled list that cannot be read back: an empty path, which
    /// names no file; the batch reads through `path(at:)` and reports the error).
    public subscript(position: Int) -> String {
        if let spill { return spill.path(position) }
        return String(decoding: slice(position), as: UTF8.self)
    }

    public static func == (a: UnitPathList, b: UnitPathList) -> Bool {
        a.count == b.count && a.elementsEqual(b)
    }
}

/// A spilled path list's file: the ends of the paths (8 bytes each), then their bytes.
private final class SpilledPaths: Sendable {
    let file: ScratchFile
    let count: Int

    init(bytes: [UInt8], ends: [UInt32]) throws {
        file = try ScratchFile()
        count = ends.count
        let table = ends.map { UInt64($0).littleEndian }
        try table.withUnsafeBytes { try file.write($0, at: 0) }
        try file.write(bytes, at: Int64(count) * 8)
    }

    func readPath(_ position: Int) throws -> String {
        guard position >= 0, position < count else { throw BatchError("单位路径序号超出范围：\(position)") }
        let start = position == 0 ? 0 : try file.readInteger(UInt64.self, at: Int64(position - 1) * 8)
        let end = try file.readInteger(UInt64.self, at: Int64(position) * 8)
        guard end >= start else { throw BatchError("单位路径临时文件已损坏") }
        let bytes = try file.read(count: Int(end - start), at: Int64(count) * 8 + Int64(start))
        return String(decoding: bytes, as: UTF8.self)
    }

    func path(_ position: Int) -> String { (try? readPath(position)) ?? "" }
}
