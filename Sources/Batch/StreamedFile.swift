import Foundation
import OOXML
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written piece by piece that appears at its path only when complete, like the project's
/// `writeFileAtomically` but without holding the whole content: on Linux the pieces go to an unnamed
/// file (O_TMPFILE) in the destination's folder, linked into place at the end; elsewhere (or where
/// the file system lacks O_TMPFILE) to a hidden `.name.tmp-XXXXXX` renamed over the destination.
struct StreamedFile {
    let path: String

    func write(_ produce: (_ emit: (String) throws -> Void) throws -> Void) throws {
        let directory = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        let base = (path as NSString).lastPathComponent
        var named: String?
        var fd: Int32 = -1
        #if os(Linux)
        fd = openUnnamedFile(in: directory, access: O_WRONLY, mode: 0o644)
        #endif
        if fd < 0 {
            var template = Array((directory + "/." + base + ".tmp-XXXXXX").utf8CString)
            fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard fd >= 0 else { throw failure("创建临时文件") }
            fchmod(fd, 0o644)
            named = String(cString: template)
        }
        defer {
            close(fd)
            if let named { unlink(named) }   // gone already after a successful rename
        }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 16)
        func flush() throws {
            var done = 0
            while done < buffer.count {
                let n = buffer.withUnsafeBytes { systemWrite(fd, $0.baseAddress! + done, buffer.count - done) }
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { throw failure("写入") }
                done += n
            }
            buffer.removeAll(keepingCapacity: true)
        }
        try produce { piece in
            buffer.append(contentsOf: piece.utf8)
            if buffer.count >= 1 << 16 { try flush() }
        }
        try flush()
        guard fsync(fd) == 0 else { throw failure("写入磁盘（fsync）") }
        if named == nil {
            // A new destination: link the unnamed file straight to it, so that a kill never leaves a
            // hidden temporary behind (check files are written this way for every unit).
            if linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0 {
                syncDirectory(directory)
                return
            }
            guard errno == EEXIST else { throw failure("保存文件") }
            // It exists: give the unnamed file a hidden name, then rename it over the destination atomically.
            let hidden = directory + "/." + base + ".tmp-" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
            guard linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, hidden, AT_SYMLINK_FOLLOW) == 0 else { throw failure("保存文件") }
            named = hidden
        }
        guard let temporary = named, rename(temporary, path) == 0 else { throw failure("保存文件") }
        named = nil
        syncDirectory(directory)
    }

    /// Makes the new directory entry durable (as `writeFileAtomically` does); failure is not worth reporting.
    private func syncDirectory(_ directory: String) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 { fsync(fd); close(fd) }
    }

    private func failure(_ what: String) -> BatchError {
        BatchError("\(path)：\(what)失败：\(String(cString: strerror(errno)))")
    }
}

/// POSIX write(2), named apart from `StreamedFile.write`.
private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, bytes, count)
}
