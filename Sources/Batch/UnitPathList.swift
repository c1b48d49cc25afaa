/// The unit data file paths of a department, stored compactly: every path's UTF-8 bytes one after
/// the other in one buffer, and where each ends. Ten thousand paths take about 210 KB here instead
/// of one heap string (and its allocator overhead) per path.
public struct UnitPathList: RandomAccessCollection, Equatable, Sendable, ExpressibleByArrayLiteral {
    private var bytes: [UInt8] = []
    private var ends: [UInt32] = []

    public init() {}

    public init<S: Sequence>(_ paths: S) where S.Element == String {
        for path in paths { append(path) }
    }

    public init(arrayLiteral paths: String...) { self.init(paths) }

    public mutating func append(_ path: String) {
        bytes.append(contentsOf: path.utf8)
        ends.append(UInt32(bytes.count))
    }

    /// The same paths in storage of exactly their size, allocated now.
    public func compacted() -> UnitPathList {
        var copy = UnitPathList()
        copy.bytes = Array(bytes)
        copy.ends = Array(ends)
        return copy
    }

    /// The first path (in list order, after `first`) that was already listed, if any: found by
    /// sorting positions rather than hashing a string per path.
    public func firstRepeat(after first: String) -> String? {
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

    private func slice(_ position: Int) -> ArraySlice<UInt8> {
        bytes[(position == 0 ? 0 : Int(ends[position - 1]))..<Int(ends[position])]
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { ends.count }

    public subscript(position: Int) -> String {
        String(decoding: slice(position), as: UTF8.self)
    }
}
