import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if os(Linux)
/// Opens a new file without a name in `directory` (Linux O_TMPFILE, a macro Swift does not import):
/// it vanishes with its descriptor unless linked into place. -1 with errno set when it cannot be
/// made (EOPNOTSUPP, EISDIR or EINVAL: the file system has no unnamed files). `access` is O_WRONLY
/// or O_RDWR.
public func openUnnamedFile(in directory: String, access: Int32, mode: mode_t) -> Int32 {
    open(directory, 0o20000000 | O_DIRECTORY | access | O_CLOEXEC, mode)
}
#endif

/// Writes `data` to `path` so that readers see either the old file or the complete new one, never
/// a partial file, and a crash leaves no stray temporary file where possible.
///
/// On Linux the data goes into an unnamed O_TMPFILE beside the destination, is fsynced and then
/// linked into place. Elsewhere (or when the file system lacks O_TMPFILE) a dot-named temporary
/// file is used and removed on failure. An existing destination is refused (`.alreadyExists`)
/// unless `overwrite` is true; the refusal is atomic (link fails with EEXIST).
public func writeFileAtomically(_ data: Data, to path: String, overwrite: Bool) throws(OOXMLError) {
    try AtomicWriter(path: path, overwrite: overwrite, allowsUnnamedFile: true).perform(data)
}

/// The same for content produced in pieces: `produce` passes each piece to `write`, which puts it
/// straight into the temporary file. `produce` may be called a second time (from the start) when the
/// unnamed file cannot be linked and a named temporary is used instead.
public func writeFileAtomically(to path: String, overwrite: Bool,
                                _ produce: (_ write: (UnsafeRawBufferPointer) throws(OOXMLError) -> Void) throws(OOXMLError) -> Void) throws(OOXMLError) {
    let writer = AtomicWriter(path: path, overwrite: overwrite, allowsUnnamedFile: true)
    try writer.perform { fd throws(OOXMLError) in
        try produce { bytes throws(OOXMLError) in try writer.writeAll(fd, bytes) }
    }
}

/// The same for a writer that needs the file descriptor itself (libzip seeks back to complete
/// headers). `fill` may be called a second time, on a fresh empty file, as above.
func writeFileAtomically(to path: String, overwrite: Bool,
                         descriptor fill: (Int32) throws(OOXMLError) -> Void) throws(OOXMLError) {
    try AtomicWriter(path: path, overwrite: overwrite, allowsUnnamedFile: true).perform(fill)
}

/// The same, with the unnamed-file path switched off so tests can exercise the fallback.
func writeFileAtomically(_ data: Data, to path: String, overwrite: Bool, allowsUnnamedFile: Bool) throws(OOXMLError) {
    try AtomicWriter(path: path, overwrite: overwrite, allowsUnnamedFile: allowsUnnamedFile).perform(data)
}

private struct AtomicWriter {
    let path: String
    let overwrite: Bool
    let allowsUnnamedFile: Bool
    let directory: String
    let baseName: String

    init(path: String, overwrite: Bool, allowsUnnamedFile: Bool) {
        self.path = path
        self.overwrite = overwrite
        self.allowsUnnamedFile = allowsUnnamedFile
        let url = URL(fileURLWithPath: path)
        self.directory = path.contains("/") ? url.deletingLastPathComponent().path : "."
        self.baseName = url.lastPathComponent
    }

    func perform(_ data: Data) throws(OOXMLError) {
        try perform { fd throws(OOXMLError) in try writeAll(fd, data) }
    }

    /// `fill` writes the content into the file descriptor it is given.
    func perform(_ fill: (Int32) throws(OOXMLError) -> Void) throws(OOXMLError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue {
                throw OOXMLError(.writeFailed, file: path, detail: "目标路径是一个目录，无法写入文件")
            }
            if !overwrite { throw existsError() }
        }
        #if os(Linux)
        if allowsUnnamedFile, try writeViaUnnamedFile(fill) { return }
        #endif
        try writeViaNamedTemporary(fill)
    }

    private func existsError() -> OOXMLError {
        OOXMLError(.alreadyExists, file: path, detail: "目标文件已存在，未覆盖。如需覆盖，请明确指定覆盖选项")
    }

    private func failure(_ what: String, _ code: Int32) -> OOXMLError {
        OOXMLError(.writeFailed, file: path, detail: "\(what)失败：\(OOXMLError.systemReason(code))")
    }

    #if os(Linux)
    /// Returns false when the file system does not support O_TMPFILE, so the caller falls back.
    private func writeViaUnnamedFile(_ fill: (Int32) throws(OOXMLError) -> Void) throws(OOXMLError) -> Bool {
        let fd = openUnnamedFile(in: directory, access: O_WRONLY, mode: 0o666)
        if fd < 0 {
            let code = errno
            if code == EOPNOTSUPP || code == EISDIR || code == EINVAL { return false }
            throw failure("创建临时文件", code)
        }
        defer { close(fd) }
        try fill(fd)
        if fsync(fd) != 0 { throw failure("写入磁盘（fsync）", errno) }
        let procPath = "/proc/self/fd/\(fd)"
        // Linking straight to the destination needs no temporary name, so a crash leaves nothing
        // behind. It fails with EEXIST when the destination exists: refuse, or (overwrite) replace
        // it through a hidden name and rename.
        if linkat(AT_FDCWD, procPath, AT_FDCWD, path, AT_SYMLINK_FOLLOW) != 0 {
            let code = errno
            if code == ENOENT || code == EPERM || code == EXDEV { return false }   // no /proc, or no links
            if code != EEXIST { throw failure("保存文件", code) }
            if !overwrite { throw existsError() }
            // Give the file a hidden name, then rename it over the destination atomically.
            let temporary = temporaryPath()
            if linkat(AT_FDCWD, procPath, AT_FDCWD, temporary, AT_SYMLINK_FOLLOW) != 0 {
                let code = errno
                if code == ENOENT || code == EPERM || code == EXDEV { return false }
                throw failure("保存文件", code)
            }
            if rename(temporary, path) != 0 {
                let code = errno
                unlink(temporary)
                throw failure("保存文件", code)
            }
        }
        syncDirectory()
        return true
    }
    #endif

    private func writeViaNamedTemporary(_ fill: (Int32) throws(OOXMLError) -> Void) throws(OOXMLError) {
        var template = Array((directory + "/." + baseName + ".tmp-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if fd < 0 { throw failure("创建临时文件", errno) }
        let temporary = String(cString: template)
        var linked = false
        defer {
            close(fd)
            if !linked { unlink(temporary) }
        }
        fchmod(fd, 0o644)
        try fill(fd)
        if fsync(fd) != 0 { throw failure("写入磁盘（fsync）", errno) }
        if overwrite {
            if rename(temporary, path) != 0 { throw failure("保存文件", errno) }
            linked = true
        } else {
            // link() refuses an existing destination atomically; then drop the temporary name.
            if link(temporary, path) != 0 {
                let code = errno
                if code == EEXIST { throw existsError() }
                throw failure("保存文件", code)
            }
        }
        syncDirectory()
    }

    private func temporaryPath() -> String {
        let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        return directory + "/." + baseName + ".tmp-" + suffix
    }

    func writeAll(_ fd: Int32, _ data: Data) throws(OOXMLError) {
        let code = data.withUnsafeBytes { Self.writeLoop(fd, $0) }
        if code != 0 { throw failure("写入", code) }
    }

    func writeAll(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) throws(OOXMLError) {
        let code = Self.writeLoop(fd, buffer)
        if code != 0 { throw failure("写入", code) }
    }

    /// write(2) until everything is written; 0, or the errno of the failure.
    private static func writeLoop(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) -> Int32 {
        var offset = 0
        while offset < buffer.count {
            let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return 0
    }

    /// Makes the new directory entry durable; failure here is not worth reporting.
    private func syncDirectory() {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
    }
}
