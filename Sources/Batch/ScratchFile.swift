import Foundation
import OOXML
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An unnamed temporary file for state a batch keeps per unit (unit paths, unit codes, where each
/// summary row is), so that this state lives in the page cache, which the system can write out,
/// instead of in the process's memory. The file has no name from the start on Linux (O_TMPFILE) or
/// is unlinked at once elsewhere: it disappears with the process, even after a crash.
/// Reads and writes take an offset (pread/pwrite), so threads may use one file at the same time;
/// callers that update a record and read it elsewhere keep their own lock.
final class ScratchFile: @unchecked Sendable {
    private let fd: Int32

    /// A new empty file in `directory`.
    init(directory: String) throws {
        var fd: Int32 = -1
        #if os(Linux)
        fd = openUnnamedFile(in: directory, access: O_RDWR, mode: 0o600)
        #endif
        if fd < 0 {
            let path = directory + "/.juesuan-scratch-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
            fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard fd >= 0 else {
                throw BatchError("无法在 \(directory) 创建临时文件：\(String(cString: strerror(errno)))")
            }
            unlink(path)
        }
        self.fd = fd
    }

    /// A new file in the system's temporary folder.
    convenience init() throws {
        let folder = NSTemporaryDirectory()
        try self.init(directory: folder.hasSuffix("/") && folder.count > 1 ? String(folder.dropLast()) : folder)
    }

    deinit { close(fd) }

    /// Makes the file `size` bytes long; bytes never written read as zero (and take no disk space).
    func resize(to size: Int64) throws {
        while ftruncate(fd, off_t(size)) != 0 {
            guard errno == EINTR else { throw failure("写入") }
        }
    }

    func write(_ bytes: UnsafeRawBufferPointer, at offset: Int64) throws {
        var done = 0
        while done < bytes.count {
            let n = pwrite(fd, bytes.baseAddress! + done, bytes.count - done, off_t(offset) + off_t(done))
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw failure("写入") }
            done += n
        }
    }

    func write(_ bytes: [UInt8], at offset: Int64) throws {
        try bytes.withUnsafeBytes { try write($0, at: offset) }
    }

    /// Fills `buffer` from `offset`; false when the file ends first.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws -> Bool {
        var done = 0
        while done < buffer.count {
            let n = pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
            if n < 0, errno == EINTR { continue }
            guard n >= 0 else { throw failure("读取") }
            if n == 0 { return false }
            done += n
        }
        return true
    }

    /// `count` bytes from `offset`.
    func read(count: Int, at offset: Int64) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let complete = try bytes.withUnsafeMutableBytes { try read(into: $0, at: offset) }
        guard complete else { throw BatchError("临时文件已损坏（内容不完整）") }
        return bytes
    }

    func writeInteger<T: FixedWidthInteger>(_ value: T, at offset: Int64) throws {
        try withUnsafeBytes(of: value.littleEndian) { try write($0, at: offset) }
    }

    /// The integer at `offset`; zero past the end of the file.
    func readInteger<T: FixedWidthInteger>(_: T.Type, at offset: Int64) throws -> T {
        var value: T = 0
        let complete = try withUnsafeMutableBytes(of: &value) { try read(into: $0, at: offset) }
        return complete ? T(littleEndian: value) : 0
    }

    private func failure(_ what: String) -> BatchError {
        BatchError("临时文件\(what)失败：\(String(cString: strerror(errno)))")
    }
}
