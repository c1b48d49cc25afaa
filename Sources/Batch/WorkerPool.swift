import Dispatch
import Foundation

/// A flag set from a signal handler or a test and read by workers between units.
public final class CancellationFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false
    public init() {}
    public var isCancelled: Bool { lock.withLock { cancelled } }
    public func cancel() { lock.withLock { cancelled = true } }
}

/// Runs `work(index, worker)` for indices 0 ..< count on at most `workers` threads. Each thread
/// pulls the next index when it is free (units differ in size by a factor of a hundred, so fixed
/// chunks would leave cores idle). Once `cancel` is set no new index is handed out; indices already
/// started finish. Returns the indices that were never started.
func runBounded(count: Int, workers: Int, cancel: CancellationFlag,
                _ work: @escaping @Sendable (_ index: Int, _ worker: Int) -> Void) -> Range<Int> {
    final class Cursor: @unchecked Sendable {
        let lock = NSLock()
        var next = 0
    }
    let cursor = Cursor()
    let threads = max(1, min(workers, count))
    // Plain threads rather than concurrentPerform, so that `-j N` means N workers even above the
    // core count (useful when units wait on a slow disk).
    let done = DispatchGroup()
    for worker in 0..<threads {
        done.enter()
        let thread = Thread {
            defer { done.leave() }
            while true {
                let index: Int? = cursor.lock.withLock {
                    guard !cancel.isCancelled, cursor.next < count else { return nil }
                    defer { cursor.next += 1 }
                    return cursor.next
                }
                guard let index else { return }
                work(index, worker)
            }
        }
        thread.stackSize = 8 << 20
        thread.start()
    }
    done.wait()
    return cursor.lock.withLock { cursor.next..<count }
}

/// A value shared by workers behind a lock.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func with<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock(); defer { lock.unlock() }
        return try body(&value)
    }
}
