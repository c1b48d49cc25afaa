import Foundation
import OOXML
import Testing

@Suite struct SheetThreadsTests {
    /// Serial mode (a batch's workers) runs every index in order on the calling thread.
    @Test func serialRunsInOrderOnTheCallingThread() {
        let order = Recorder()
        let caller = pthread_self()
        SheetThreads.perform(iterations: 6, spread: false) { index in
            order.add(index, onCaller: pthread_equal(pthread_self(), caller) != 0)
        }
        #expect(order.indices == Array(0..<6))
        #expect(order.allOnCaller)
    }

    /// Spread mode runs every index exactly once, whichever thread takes it.
    @Test func spreadRunsEveryIndexOnce() {
        let order = Recorder()
        SheetThreads.perform(iterations: 40, spread: true) { index in order.add(index, onCaller: true) }
        #expect(order.indices.sorted() == Array(0..<40))
    }

    final class Recorder: @unchecked Sendable {
        private let lock = NSLock()
        private var seen: [Int] = []
        private var callerOnly = true
        func add(_ index: Int, onCaller: Bool) { lock.withLock { seen.append(index); callerOnly = callerOnly && onCaller } }
        var indices: [Int] { lock.withLock { seen } }
        var allOnCaller: Bool { lock.withLock { callerOnly } }
    }
}
