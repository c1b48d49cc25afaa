import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Progress of a batch on stderr: on a terminal a bar updated in place (units done/total, rate,
/// time left); otherwise a plain line every 5% so logs stay short. Failures always get their own line.
public final class BatchProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private let terminal: Bool
    private let write: @Sendable (String) -> Void
    private let start = DispatchTime.now()
    private var done = 0
    private var failed = 0
    private var lastDraw: UInt64 = 0
    private var nextPlainStep: Int

    public init(total: Int, terminal: Bool, write: @escaping @Sendable (String) -> Void) {
        self.total = total; self.terminal = terminal; self.write = write
        nextPlainStep = Self.plainStep(total)
    }

    /// Progress on this process's stderr, as a bar when stderr is a terminal.
    public static func standardError(total: Int) -> BatchProgress {
        BatchProgress(total: total, terminal: isatty(STDERR_FILENO) == 1) { text in
            FileHandle.standardError.write(Data(text.utf8))
        }
    }

    static func plainStep(_ total: Int) -> Int { max(1, total / 20) }

    func unitFinished(_ summary: UnitSummary) {
        lock.lock(); defer { lock.unlock() }
        done += 1
        if summary.status == .failed {
            failed += 1
            let text = "失败：\(summary.dataFile)：\(summary.message ?? "未知原因")\n"
            write(terminal ? "\r\u{1B}[K" + text : text)
            if terminal { draw(force: true) }
        }
        if terminal {
            draw(force: done == total)
        } else if done >= nextPlainStep || done == total {
            write(line() + "\n")
            while nextPlainStep <= done { nextPlainStep += Self.plainStep(total) }
        }
    }

    /// A line of its own (for the consolidated workbook and the index), after the bar.
    func note(_ text: String) {
        lock.lock(); defer { lock.unlock() }
        write(terminal ? "\r\u{1B}[K" + text + "\n" : text + "\n")
    }

    /// Ends the bar's line.
    func finish() {
        lock.lock(); defer { lock.unlock() }
        if terminal { draw(force: true); write("\n") }
    }

    private var elapsed: Double { Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9 }

    private func line() -> String {
        let seconds = elapsed
        let rate = seconds > 0 ? Double(done) / seconds : 0
        var text = "已处理 \(done)/\(total) 个单位"
        if failed > 0 { text += "（失败 \(failed)）" }
        text += String(format: "，%.1f 个/秒", rate)
        if done < total, rate > 0 { text += "，预计剩余 " + Self.clock(Double(total - done) / rate) }
        else if done == total { text += "，用时 " + Self.clock(seconds) }
        return text
    }

    private func draw(force: Bool) {
        let now = DispatchTime.now().uptimeNanoseconds
        guard force || now - lastDraw > 100_000_000 else { return }
        lastDraw = now
        let width = 24
        let filled = total > 0 ? done * width / total : width
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        write("\r\u{1B}[K[\(bar)] " + line())
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%02d:%02d", s / 60, s % 60)
    }
}
