/// Which unit claimed each unit code first, so that a second unit with the same code is refused.
/// Compact for thousands of units: the codes' bytes in one buffer (`UnitPathList`), the claiming
/// units' positions, and an open-addressing table of 4-byte slots, not a dictionary of strings.
struct UnitCodeClaims {
    private var codes = UnitPathList()
    private var claimants: [Int32] = []
    /// 0: empty; otherwise 1 + the claim's position in `codes`.
    private var slots = [Int32](repeating: 0, count: 64)

    /// Records that unit `index` has `code`; returns the unit that claimed the code before, if any.
    mutating func claim(_ code: String, by index: Int) -> Int? {
        var slot = code.hashValue & (slots.count - 1)
        while slots[slot] != 0 {
            let claim = Int(slots[slot] - 1)
            if codes[claim] == code { return Int(claimants[claim]) }
            slot = (slot + 1) & (slots.count - 1)
        }
        codes.append(code)
        claimants.append(Int32(index))
        slots[slot] = Int32(codes.count)
        if codes.count * 2 > slots.count { grow() }
        return nil
    }

    var count: Int { codes.count }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        for claim in codes.indices {
            var slot = codes[claim].hashValue & (slots.count - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = Int32(claim + 1)
        }
    }
}
