import Foundation

/// Whether one export or one check spreads its sheets over all cores. A batch that already runs one
/// unit per core turns it off while it runs: fanning out inside busy workers only adds thread
/// switches (measured on 2 cores: a 1,000-unit batch took 5.2 s with it, 4.4 s without).
public enum SheetThreads {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var spreading = true

    public static var spread: Bool {
        get { lock.withLock { spreading } }
        set { lock.withLock { spreading = newValue } }
    }

    /// The cores to spread work over, asked once (the answer is read from the system each time it is asked).
    public static let processors = ProcessInfo.processInfo.activeProcessorCount

    /// Runs `body` for every index in 0..<iterations: on all cores while `spread` is on, else one
    /// after another on this thread.
    public static func perform(iterations: Int, spread: Bool = SheetThreads.spread, _ body: @Sendable (Int) -> Void) {
        guard spread && iterations > 1 else {
            for index in 0..<iterations { body(index) }
            return
        }
        // The team when it is free (one fan-out at a time), else Dispatch.
        if #available(macOS 15, *), let team, team.perform(iterations: iterations, body) { return }
        DispatchQueue.concurrentPerform(iterations: iterations, execute: body)
    }

    /// Made at the first fan-out; nil on a single core.
    @available(macOS 15, *)
    private static let team: SheetTeam? = processors > 1 ? SheetTeam(helpers: processors - 1) : nil
}
