import Foundation

/// Which unit claimed each unit code first, so that a second unit with the same code is refused.
/// Kept in a temporary file (`ScratchFile`), not in memory, so that a batch's memory does not grow
/// with its number of units: an open-addressing table sized for `capacity` codes (at most half
/// full, so it never grows), then the codes' bytes as they are claimed. A claim reads a slot or two
/// and writes one; next to processing a unit that takes no time.
///
/// Slot (24 bytes): the code's hash, where its bytes are, how many, and 1 + the claiming unit.
struct UnitCodeClaims {
    private let file: ScratchFile
    private let slotCount: Int
    /// Where the next code's bytes go: after the table.
    private var end: Int64
    private(set) var count = 0

    private static let slotSize: Int64 = 24

    /// A table for up to `capacity` codes, in a temporary file in `directory` (nil: the system's).
    init(capacity: Int, directory: String? = nil) throws {
        file = try directory.map { try ScratchFile(directory: $0) } ?? ScratchFile()
        var slots = 16
        while slots < 2 * capacity { slots *= 2 }
        slotCount = slots
        end = Int64(slots) * Self.slotSize
        try file.resize(to: end)   // every slot reads as empty
    }

    /// Records that unit `index` has `code`; returns the unit that claimed the code before, if any.
    mutating func claim(_ code: String, by index: Int) throws -> Int? {
        let utf8 = Array(code.utf8)
        let hash = UInt64(bitPattern: Int64(code.hashValue))
        var slot = Int(hash & UInt64(slotCount - 1))
        while true {
            let at = Int64(slot) * Self.slotSize
            let record = try file.read(count: Int(Self.slotSize), at: at)
            let (storedHash, bytesAt, length, claimant) = Self.decode(record)
            if claimant == 0 { break }
            if storedHash == hash, length == utf8.count, try file.read(count: length, at: bytesAt) == utf8 {
                return claimant - 1
            }
            slot = (slot + 1) & (slotCount - 1)
        }
        // A new code. The table is sized for every unit of the batch; should more codes come, the
        // last empty slot is never taken, so that a lookup always ends.
        guard count + 1 < slotCount else { throw BatchError("单位编码临时表已满") }
        try file.write(utf8, at: end)
        var record: [UInt8] = []
        record.reserveCapacity(Int(Self.slotSize))
        for value in [hash, UInt64(end), UInt64(UInt32(utf8.count)) | UInt64(UInt32(index + 1)) << 32] {
            withUnsafeBytes(of: value.littleEndian) { record.append(contentsOf: $0) }
        }
        try file.write(record, at: Int64(slot) * Self.slotSize)
        end += Int64(utf8.count)
        count += 1
        return nil
    }

    private static func decode(_ record: [UInt8]) -> (hash: UInt64, bytesAt: Int64, length: Int, claimant: Int) {
        func word(_ k: Int) -> UInt64 {
            var v: UInt64 = 0
            for b in 0..<8 { v |= UInt64(record[8 * k + b]) << (8 * b) }
            return v
        }
        let last = word(2)
        return (word(0), Int64(bitPattern: word(1)), Int(last & 0xFFFF_FFFF), Int(last >> 32))
    }
}

/// The workers' way to `UnitCodeClaims`: codes are claimed in the department file's order, whatever
/// order the workers finish reading the units in, so that of two units with the same code the one
/// listed later is the one refused, every run. A unit waits for its turn only after reading its
/// data; the units before it were handed out earlier and are being read at the same time, so the
/// wait is at most the rest of one unit's reading.
final class ClaimsInUnitOrder: @unchecked Sendable {
    private let condition = NSCondition()
    private var claims: UnitCodeClaims
    /// The unit whose claim comes next.
    private var turn = 0

    init(_ claims: UnitCodeClaims) { self.claims = claims }

    /// Waits for unit `index`'s turn, then claims `code` as `UnitCodeClaims.claim` does.
    func claim(_ code: String, by index: Int) throws -> Int? {
        condition.lock(); defer { condition.unlock() }
        waitForTurn(index)
        defer { advance(past: index) }
        return try claims.claim(code, by: index)
    }

    /// Gives up unit `index`'s turn if it has not claimed (its data could not be read): every unit
    /// handed out must come here or to `claim`, or the units after it would wait for ever.
    func pass(_ index: Int) {
        condition.lock(); defer { condition.unlock() }
        waitForTurn(index)
        advance(past: index)
    }

    private func waitForTurn(_ index: Int) {
        while turn < index { condition.wait() }
    }

    private func advance(past index: Int) {
        guard turn == index else { return }
        turn += 1
        condition.broadcast()
    }
}
