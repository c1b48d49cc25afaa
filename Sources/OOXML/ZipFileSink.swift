import CZip
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A libzip source that writes the archive into an open file descriptor (the atomic writer's
/// temporary file). It only supports what `zip_close` needs of a fresh archive: begin, write, seek
/// and tell, commit.
///
/// libzip writes an archive in a few hundred small pieces and seeks back to complete each
/// entry's header; as system calls those cost an export about a tenth of a millisecond. So the
/// first `bufferLimit` bytes are gathered in memory and written with one call at commit; only a
/// larger archive goes on to the file piece by piece, so a large archive is never held in memory.
final class ZipFileSink {
    let fd: Int32
    private var error = zip_error_t()
    /// The archive while it stays under `bufferLimit`; nil once it went to the file directly.
    private var buffer: [UInt8]? = []
    private var position = 0
    static let bufferLimit = 4 << 20

    init(fd: Int32) {
        self.fd = fd
        zip_error_init(&error)
    }

    deinit { zip_error_fini(&error) }

    /// A libzip source for this sink. The source does not own the sink: keep the sink alive
    /// until the source is freed.
    func makeSource(_ error: inout zip_error_t) -> OpaquePointer? {
        zip_source_function_create(zipFileSinkCallback, Unmanaged.passUnretained(self).toOpaque(), &error)
    }

    /// Writes `bytes` to the file at its current position (outside libzip); false on failure.
    func writeAll(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { writeToFile($0.baseAddress, $0.count) }
    }

    /// Writes `count` bytes at the file's current position, retrying short writes.
    private func writeToFile(_ data: UnsafeRawPointer?, _ count: Int) -> Bool {
        guard let data else { return count == 0 }
        var offset = 0
        while offset < count {
            let written = write(fd, data + offset, count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }

    /// Writes the gathered bytes to the file (at its start) and goes on writing directly, from `position`.
    private func flushBuffer() -> Bool {
        guard let gathered = buffer else { return true }
        buffer = nil
        guard gathered.withUnsafeBytes({ writeToFile($0.baseAddress, $0.count) }) else { return false }
        return lseek(fd, off_t(position), SEEK_SET) >= 0
    }

    fileprivate func handle(_ data: UnsafeMutableRawPointer?, _ length: UInt64, _ command: zip_source_cmd_t) -> Int64 {
        switch command {
        case ZIP_SOURCE_SUPPORTS:
            let commands: [zip_source_cmd_t] = [
                ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE,
                ZIP_SOURCE_SEEK, ZIP_SOURCE_TELL, ZIP_SOURCE_SUPPORTS, ZIP_SOURCE_BEGIN_WRITE, ZIP_SOURCE_COMMIT_WRITE,
                ZIP_SOURCE_ROLLBACK_WRITE, ZIP_SOURCE_WRITE, ZIP_SOURCE_SEEK_WRITE, ZIP_SOURCE_TELL_WRITE, ZIP_SOURCE_REMOVE,
            ]
            return commands.reduce(Int64(0)) { $0 | (Int64(1) << Int64($1.rawValue)) }
        case ZIP_SOURCE_STAT:
            // An existing, empty file: the archive is created from nothing (ZIP_TRUNCATE).
            guard let data, length >= UInt64(MemoryLayout<zip_stat_t>.size) else { return fail(ZIP_ER_INVAL, 0) }
            let stat = data.assumingMemoryBound(to: zip_stat_t.self)
            zip_stat_init(stat)
            stat.pointee.size = 0
            stat.pointee.valid |= UInt64(ZIP_STAT_SIZE)
            return Int64(MemoryLayout<zip_stat_t>.size)
        case ZIP_SOURCE_OPEN, ZIP_SOURCE_CLOSE, ZIP_SOURCE_FREE, ZIP_SOURCE_REMOVE:
            // The atomic writer syncs, links or discards the file; nothing to do here.
            return 0
        case ZIP_SOURCE_COMMIT_WRITE:
            return flushBuffer() ? 0 : fail(ZIP_ER_WRITE, errno)
        case ZIP_SOURCE_ROLLBACK_WRITE:
            buffer = []
            position = 0
            return 0
        case ZIP_SOURCE_READ, ZIP_SOURCE_SEEK, ZIP_SOURCE_TELL:
            return 0   // nothing to read back: the archive is new
        case ZIP_SOURCE_BEGIN_WRITE:
            guard ftruncate(fd, 0) == 0, lseek(fd, 0, SEEK_SET) == 0 else { return fail(ZIP_ER_WRITE, errno) }
            buffer = []
            position = 0
            return 0
        case ZIP_SOURCE_WRITE:
            guard let data else { return length == 0 ? 0 : fail(ZIP_ER_INVAL, 0) }
            let total = Int(length)
            if buffer != nil, position + total > Self.bufferLimit, !flushBuffer() { return fail(ZIP_ER_WRITE, errno) }
            if buffer != nil {
                gather(UnsafeRawBufferPointer(start: data, count: total))
            } else if !writeToFile(data, total) {
                return fail(ZIP_ER_WRITE, errno)
            }
            position += total
            return Int64(total)
        case ZIP_SOURCE_SEEK_WRITE:
            guard let data, length >= UInt64(MemoryLayout<zip_source_args_seek_t>.size) else { return fail(ZIP_ER_INVAL, 0) }
            let seek = data.assumingMemoryBound(to: zip_source_args_seek_t.self).pointee
            guard let gathered = buffer else {
                let moved = lseek(fd, off_t(seek.offset), seek.whence)
                guard moved >= 0 else { return fail(ZIP_ER_SEEK, errno) }
                position = Int(moved)
                return 0
            }
            let base = seek.whence == SEEK_SET ? 0 : seek.whence == SEEK_CUR ? position : seek.whence == SEEK_END ? gathered.count : -1
            guard base >= 0, base + Int(seek.offset) >= 0 else { return fail(ZIP_ER_INVAL, 0) }
            position = base + Int(seek.offset)
            return 0
        case ZIP_SOURCE_TELL_WRITE:
            return Int64(position)
        case ZIP_SOURCE_ERROR:
            guard let data else { return -1 }
            return zip_error_to_data(&error, data, length)
        default:
            return fail(ZIP_ER_OPNOTSUPP, 0)
        }
    }

    /// Puts `bytes` at `position` in the buffer (over what is there, or past its end; a gap left
    /// by a seek past the end reads as zeros, as in a file).
    private func gather(_ bytes: UnsafeRawBufferPointer) {
        guard var gathered = buffer else { return }
        buffer = nil   // keep the array uniquely referenced while it changes
        if gathered.count < position { gathered.append(contentsOf: repeatElement(0, count: position - gathered.count)) }
        let overlap = min(bytes.count, gathered.count - position)
        if overlap > 0 {
            gathered.withUnsafeMutableBytes { $0.baseAddress!.advanced(by: position).copyMemory(from: bytes.baseAddress!, byteCount: overlap) }
        }
        if overlap < bytes.count { gathered.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[overlap...])) }
        buffer = gathered
    }

    private func fail(_ code: Int32, _ system: Int32) -> Int64 {
        zip_error_set(&error, code, system)
        return -1
    }
}

private func zipFileSinkCallback(_ userdata: UnsafeMutableRawPointer?, _ data: UnsafeMutableRawPointer?,
                                 _ length: UInt64, _ command: zip_source_cmd_t) -> Int64 {
    guard let userdata else { return -1 }
    return Unmanaged<ZipFileSink>.fromOpaque(userdata).takeUnretainedValue().handle(data, length, command)
}
