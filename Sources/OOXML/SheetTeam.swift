import Foundation
import Synchronization

/// Helper threads kept for the life of the process, one per core besides the caller's, for the
/// short fan-outs of one export or one check (sheets, then rules: each well under a millisecond).
///
/// Why not `DispatchQueue.concurrentPerform`: there every fan-out wakes a parked worker and the
/// caller parks until the last one is done, and on a 2-core VM each wake-up costs some 30 µs of
/// latency and more of kernel time; a check has several fan-outs. Here a helper that finishes
/// spins a little while for the next job before it sleeps, and the caller spins a little while
/// for the helpers before it sleeps, so back-to-back fan-outs pay no wake-ups.
@available(macOS 15, *)
final class SheetTeam: @unchecked Sendable {
    /// One fan-out: indices handed out one at a time, and a count of those done.
    private final class Job: @unchecked Sendable {
        /// Cleared by the caller once every index is done (the closure is the caller's, lent).
        var body: (@Sendable (Int) -> Void)?
        let count: Int
        let next = Atomic<Int>(0)
        let done = Atomic<Int>(0)

        init(body: @escaping @Sendable (Int) -> Void, count: Int) { self.body = body; self.count = count }

        func claim() -> Int? {
            let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
            return index < count ? index : nil
        }
    }

    /// How long a thread spins before it sleeps: longer than the pause between the fan-outs of one
    /// check (about 50 µs on 2 cores), far shorter than anything a person would notice.
    static let spinNanoseconds: UInt64 = 200_000

    private let condition = NSCondition()
    /// Guarded by `condition`: the job the helpers should join (nil between jobs).
    private var current: Job?
    /// Bumped per job (after `current` is set), read without the lock by spinning helpers.
    private let generation = Atomic<Int>(0)
    /// Set while a fan-out runs: a second caller (another thread, or a fan-out inside a job)
    /// does not wait for this one but uses Dispatch.
    private let busy = Atomic<Bool>(false)

    init(helpers: Int) {
        for _ in 0..<helpers {
            let thread = Thread { [self] in helperLoop() }
            thread.stackSize = 8 << 20   // as the main thread's: parsing code may recurse
            thread.start()
        }
    }

    /// Runs `body` for every index in 0..<iterations on this thread and the helpers; false (nothing
    /// run) when the team is already busy.
    func perform(iterations: Int, _ body: @Sendable (Int) -> Void) -> Bool {
        guard busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else { return false }
        defer { busy.store(false, ordering: .releasing) }
        withoutActuallyEscaping(body) { body in
            let job = Job(body: body, count: iterations)
            condition.withLock {
                current = job
                generation.wrappingAdd(1, ordering: .releasing)
                condition.broadcast()
            }
            work(on: job)
            // Wait for the helpers' last indices: spin first, as they end within microseconds.
            if !Self.spin(until: { job.done.load(ordering: .acquiring) == iterations }) {
                condition.withLock {
                    while job.done.load(ordering: .acquiring) < iterations { condition.wait() }
                }
            }
            // No helper touches the body after the last index is done; let go of it before
            // `withoutActuallyEscaping` ends (a helper may still hold the job).
            job.body = nil
            condition.withLock { if current === job { current = nil } }
        }
        return true
    }

    private func work(on job: Job) {
        while let index = job.claim() {
            run(job, index)
            if job.done.wrappingAdd(1, ordering: .acquiringAndReleasing).newValue == job.count {
                // The caller may be asleep waiting for this.
                condition.withLock { condition.broadcast() }
            }
        }
    }

    /// One index of a job; its own function so the body's reference ends before the index counts as done.
    @inline(never)
    private func run(_ job: Job, _ index: Int) {
        job.body?(index)
    }

    private func helperLoop() {
        var seen = 0
        while true {
            if !Self.spin(until: { generation.load(ordering: .acquiring) != seen }) {
                condition.withLock {
                    while generation.load(ordering: .acquiring) == seen { condition.wait() }
                }
            }
            let job: Job? = condition.withLock {
                seen = generation.load(ordering: .acquiring)
                return current
            }
            if let job { work(on: job) }
        }
    }

    /// Whether `ready` became true within `spinNanoseconds`.
    private static func spin(until ready: () -> Bool) -> Bool {
        if ready() { return true }
        let start = DispatchTime.now().uptimeNanoseconds
        while true {
            for _ in 0..<16 { if ready() { return true } }
            // Gives the core away to a thread waiting for it (the team's threads may share one core,
            // under taskset or a container's CPU limit); returns at once when none is.
            sched_yield()
            if DispatchTime.now().uptimeNanoseconds - start > spinNanoseconds { return ready() }
        }
    }
}
