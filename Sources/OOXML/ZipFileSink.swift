import CZip
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A libzip source that writes the archive straight into an open file descriptor (the atomic
/// writer's temporary file), so that a large archive is never held in memory. It only supports
/// what `zip_close` needs of a fresh archive: begin, write, seek and tell, commit.
final class ZipFileSink {
    let fd: Int32
    private var error = zip_error_t()

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

    /// Writes `bytes` at the current position; false on failure.
    func writeAll(_ bytes: [UInt8]) -> Bool {
        var bytes = bytes
        let count = UInt64(bytes.count)
        return bytes.withUnsafeMutableBytes { handle($0.baseAddress, count, ZIP_SOURCE_WRITE) } == Int64(count)
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
        case ZIP_SOURCE_OPEN, ZIP_SOURCE_CLOSE, ZIP_SOURCE_FREE, ZIP_SOURCE_COMMIT_WRITE, ZIP_SOURCE_ROLLBACK_WRITE,
             ZIP_SOURCE_REMOVE:
            // The atomic writer syncs, links or discards the file; nothing to do here.
            return 0
        case ZIP_SOURCE_READ, ZIP_SOURCE_SEEK, ZIP_SOURCE_TELL:
            return 0   // nothing to read back: the archive is new
        case ZIP_SOURCE_BEGIN_WRITE:
            guard ftruncate(fd, 0) == 0, lseek(fd, 0, SEEK_SET) == 0 else { return fail(ZIP_ER_WRITE, errno) }
            return 0
        case ZIP_SOURCE_WRITE:
            guard let data else { return length == 0 ? 0 : fail(ZIP_ER_INVAL, 0) }
            var offset = 0
            let total = Int(length)
            while offset < total {
                let written = write(fd, data + offset, total - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return fail(ZIP_ER_WRITE, errno)
                }
                offset += written
            }
            return Int64(total)
        case ZIP_SOURCE_SEEK_WRITE:
            guard let data, length >= UInt64(MemoryLayout<zip_source_args_seek_t>.size) else { return fail(ZIP_ER_INVAL, 0) }
            let seek = data.assumingMemoryBound(to: zip_source_args_seek_t.self).pointee
            guard lseek(fd, off_t(seek.offset), seek.whence) >= 0 else { return fail(ZIP_ER_SEEK, errno) }
            return 0
        case ZIP_SOURCE_TELL_WRITE:
            let position = lseek(fd, 0, SEEK_CUR)
            return position < 0 ? fail(ZIP_ER_TELL, errno) : Int64(position)
        case ZIP_SOURCE_ERROR:
            guard let data else { return -1 }
            return zip_error_to_data(&error, data, length)
        default:
            return fail(ZIP_ER_OPNOTSUPP, 0)
        }
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
