import Foundation

/// A string-keyed lookup that answers as a `[String: Value]` does, without hashing plain keys.
/// Swift compares strings by canonical equivalence, so hashing one normalises it first, which is most of
/// a lookup's cost. Plain strings (`TextScan.isPlain`) are their own normal form and have no other
/// plain spelling: among them, equal strings are equal bytes. When every key of the table is plain, a
/// plain key is therefore looked up by its bytes (among the keys of its length); any other key goes
/// through the dictionary.
struct PlainKeyTable<Value: Sendable>: Sendable {
    let dictionary: [String: Value]
    /// The keys' bytes and values by the keys' UTF-8 length; nil when a key is not plain.
    private let byLength: [[(bytes: [UInt8], value: Value)]]?

    init(_ dictionary: [String: Value]) {
        self.dictionary = dictionary
        guard dictionary.keys.allSatisfy(TextScan.isPlain) else { byLength = nil; return }
        var buckets = [[(bytes: [UInt8], value: Value)]](repeating: [], count: (dictionary.keys.map(\.utf8.count).max() ?? 0) + 1)
        for (key, value) in dictionary { buckets[key.utf8.count].append((Array(key.utf8), value)) }
        byLength = buckets
    }

    /// `dictionary[key]`; `plain` must be `TextScan.isPlain(key)`.
    func value(for key: String, plain: Bool) -> Value? {
        guard plain, let byLength else { return dictionary[key] }
        let n = key.utf8.count
        guard n < byLength.count else { return nil }
        var key = key
        return key.withUTF8 { bytes -> Value? in
            for entry in byLength[n] where entry.bytes.withUnsafeBufferPointer({ TextScan.bytesStart(bytes, with: $0) }) {
                return entry.value
            }
            return nil
        }
    }

    func value(for key: String) -> Value? { value(for: key, plain: TextScan.isPlain(key)) }
}
