import Foundation

/// Results computed on several threads, stored by index and read once they are all done, so that
/// the outcome does not depend on which thread finished first.
public final class ResultsByIndex<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var claimed = 0
    private var storage: [Value?]

    public init(count: Int) { storage = Array(repeating: nil, count: count) }

    /// The next index no thread has claimed yet; nil when all are claimed.
    public func claim() -> Int? {
        lock.withLock {
            guard claimed < storage.count else { return nil }
            defer { claimed += 1 }
            return claimed
        }
    }

    public func store(_ value: Value?, at index: Int) { lock.withLock { storage[index] = value } }

    /// Every result by index (nil where none was stored).
    public var values: [Value?] { lock.withLock { storage } }
}
