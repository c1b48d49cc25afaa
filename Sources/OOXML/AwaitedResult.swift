import Foundation

/// A value one thread computes and others wait for (the shared strings, read while sheets are).
/// Waiting is only safe for a value whose computing has already been claimed by a thread that
/// waits for nothing: then every wait ends.
final class AwaitedResult<Value>: @unchecked Sendable {
    private let condition = NSCondition()
    private var value: Value?

    init() {}

    func set(_ value: Value) {
        condition.withLock {
            self.value = value
            condition.broadcast()
        }
    }

    /// The value, once set.
    func wait() -> Value {
        condition.withLock {
            while true {
                if let value { return value }
                condition.wait()
            }
        }
    }
}
