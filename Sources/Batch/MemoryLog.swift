import Foundation

/// A debugging aid for the batch's memory: with JUESUAN_BATCH_MEMLOG=1 in the environment, a line
/// on stderr at each step of the batch (and every 500 units) with the process's resident memory,
/// its peak and, on Linux, the allocator's statistics (malloc_stats). Off otherwise.
enum MemoryLog {
    static let enabled = ProcessInfo.processInfo.environment["JUESUAN_BATCH_MEMLOG"] == "1"

    static func note(_ step: @autoclosure () -> String) {
        guard enabled else { return }
        var fields: [String] = []
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) {
            for line in status.split(separator: "\n")
            where ["VmRSS", "VmHWM", "RssAnon", "RssFile", "RssShmem"].contains(where: { line.hasPrefix($0) }) {
                fields.append(line.split(whereSeparator: \.isWhitespace).prefix(2).joined(separator: " "))
            }
        }
        FileHandle.standardError.write(Data("[memlog] \(step()): \(fields.joined(separator: ", "))\n".utf8))
        #if os(Linux)
        glibcMallocStats()   // per arena: bytes held from the system and bytes in use
        #endif
    }
}

#if os(Linux)
/// glibc's malloc_stats(3), which the Glibc module does not import.
@_silgen_name("malloc_stats")
private func glibcMallocStats()
#endif
