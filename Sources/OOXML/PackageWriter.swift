import CZip
import Foundation

/// Builds an OOXML package (zip) in memory and writes it atomically.
///
/// Output is deterministic: the same parts in the same order give the same bytes. Entries keep the
/// order they were added, carry a fixed timestamp (1980-01-01 00:00), DOS attributes of zero, no
/// extra fields, and are deflated at a fixed level; parts copied with `copyRaw` keep their original compressed bytes.
public final class PackageWriter {
    /// Zip DOS date for 1980-01-01 and DOS time 00:00:00.
    public static let fixedDOSDate: UInt16 = (0 << 9) | (1 << 5) | 1
    public static let fixedDOSTime: UInt16 = 0
    /// Deflate level used for every compressed part. Level 1: the parts an export rewrites are a few
    /// hundred kilobytes of XML at most; level 6 spent about 4% of an export's instructions for files
    /// about 10% smaller (docs/benchmarks.md, export-speed).
    public static let compressionLevel: UInt32 = 1

    private enum Source {
        case bytes(Data, compress: Bool)
        case raw(PackageReader, PartInfo)
        case file(TemporaryFile)
    }

    private var entries: [(name: String, source: Source)] = []
    private var names: Set<String> = []
    /// Label used in error messages before a destination path is known.
    private static let pendingLabel = "（待生成的压缩包）"

    /// Whether parts added from memory are deflated on all cores before libzip writes the archive
    /// (the same bytes as libzip's own deflate); tests turn it off to compare.
    var deflatesAhead = true

    public init() {}

    /// Names of the parts added so far, in order.
    public var partNames: [String] { entries.map(\.name) }

    public func contains(_ name: String) -> Bool { names.contains(name.lowercased()) }

    public func add(_ name: String, data: Data, compress: Bool = true) throws(OOXMLError) {
        try register(name)
        entries.append((name, .bytes(data, compress: compress)))
    }

    /// Adds a part whose bytes are in a scratch file (deflated from the file when the archive is
    /// built); the writer keeps the file until it is released.
    func add(_ name: String, file: TemporaryFile) throws(OOXMLError) {
        try register(name)
        entries.append((name, .file(file)))
    }

    /// Copies a part's compressed bytes from `reader` unchanged (no inflate/deflate round trip).
    /// The reader is kept alive until this writer is done.
    public func copyRaw(_ name: String, from reader: PackageReader, as newName: String? = nil) throws(OOXMLError) {
        guard let info = reader.part(named: name) else {
            throw OOXMLError(.missingPart, file: reader.path, part: name, detail: "缺少这个部件，无法复制")
        }
        let target = newName ?? info.name
        try register(target)
        entries.append((target, .raw(reader, info)))
    }

    /// The finished archive bytes.
    public func archiveData() throws(OOXMLError) -> Data {
        var data = Data()
        try buildInMemory(label: Self.pendingLabel) { bytes throws(OOXMLError) in data.append(contentsOf: bytes) }
        return data
    }

    /// Writes the archive atomically. libzip writes it straight into the temporary file (seeking
    /// back to complete each entry's header), so the archive is never held in memory.
    public func write(to path: String, overwrite: Bool) throws(OOXMLError) {
        try writeFileAtomically(to: path, overwrite: overwrite, descriptor: { fd throws(OOXMLError) in
            let sink = ZipFileSink(fd: fd)
            if entries.isEmpty {
                guard sink.writeAll(Self.emptyArchive) else { throw failure(path, nil, "写入失败") }
                return
            }
            var error = zip_error_t()
            zip_error_init(&error)
            defer { zip_error_fini(&error) }
            guard let source = sink.makeSource(&error) else {
                throw failure(path, nil, String(cString: zip_error_strerror(&error)))
            }
            // zip_close (or zip_discard) frees the source; the sink must outlive it.
            try withExtendedLifetime(sink) { () throws(OOXMLError) in try buildArchive(on: source, label: path) }
        })
    }

    private func register(_ name: String) throws(OOXMLError) {
        if !Self.plainlySafe(name), let why = PackageReader.unsafeReason(name) {
            throw OOXMLError(.unsafeName, file: Self.pendingLabel, part: name, detail: why)
        }
        guard names.insert(name.lowercased()).inserted else {
            throw OOXMLError(.duplicateEntry, file: Self.pendingLabel, part: name, detail: "部件名重复（不区分大小写）")
        }
    }

    /// True when `PackageReader.unsafeReason(name)` is nil, read from the bytes in one pass (every
    /// export registers the same few dozen names): not empty, no leading separator or drive letter,
    /// no control character, no ".." segment.
    static func plainlySafe(_ name: String) -> Bool {
        var name = name
        return name.withUTF8 { bytes in
            guard let first = bytes.first, first != UInt8(ascii: "/"), first != UInt8(ascii: "\\") else { return false }
            if bytes.count >= 2, bytes[1] == UInt8(ascii: ":"), (0x61...0x7A).contains(first | 0x20) { return false }
            if bytes.contains(where: { $0 < 0x20 || $0 == 0x7F }) { return false }
            return !ASCIIPath.hasParentSegment(utf8: bytes)
        }
    }

    // MARK: - Building with libzip

    /// libzip writes nothing for an empty archive; an empty zip is just its end record.
    static let emptyArchive: [UInt8] = [0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18)

    /// Builds the archive in libzip's memory buffer and hands its bytes to `output` in order, in chunks.
    private func buildInMemory(label: String, into output: (UnsafeRawBufferPointer) throws(OOXMLError) -> Void) throws(OOXMLError) {
        if entries.isEmpty {
            try Self.pass(Self.emptyArchive, count: Self.emptyArchive.count, to: output)
            return
        }
        var error = zip_error_t()
        zip_error_init(&error)
        defer { zip_error_fini(&error) }
        guard let buffer = zip_source_buffer_create(nil, 0, 0, &error) else {
            throw failure(label, nil, "无法分配内存")
        }
        zip_source_keep(buffer)   // survive zip_close so the result can be read back
        defer { zip_source_free(buffer) }
        try buildArchive(on: buffer, label: label)
        try readBack(buffer, label: label, into: output)
    }

    /// Adds every entry to a new archive written to `source`, and closes it. The archive takes
    /// a reference to `source` (freed with it).
    private func buildArchive(on source: OpaquePointer, label: String) throws(OOXMLError) {
        let deflated = deflateAhead()
        var error = zip_error_t()
        zip_error_init(&error)
        defer { zip_error_fini(&error) }
        guard let archive = zip_open_from_source(source, ZIP_TRUNCATE, &error) else {
            zip_source_free(source)
            throw failure(label, nil, String(cString: zip_error_strerror(&error)))
        }

        // Raw copies read the source archives during zip_close: hold their locks throughout,
        // always in the same order so that two writers cannot deadlock.
        var sources: [ObjectIdentifier: PackageReader] = [:]
        for case let (_, .raw(reader, _)) in entries { sources[ObjectIdentifier(reader)] = reader }
        let lockOrder = sources.keys.sorted().compactMap { sources[$0] }
        for reader in lockOrder { reader.lock.lock() }
        defer { for reader in lockOrder.reversed() { reader.lock.unlock() } }

        do throws(OOXMLError) {
            let mtime = Self.fixedModificationTime()
            for (entry, deflated) in zip(entries, deflated) {
                try addEntry(entry.name, entry.source, deflated: deflated, mtime: mtime, to: archive, label: label)
            }
        } catch {
            zip_discard(archive)
            throw error
        }
        if zip_close(archive) != 0 {
            let message = String(cString: zip_error_strerror(zip_get_error(archive)))
            zip_discard(archive)
            throw failure(label, nil, message)
        }
    }

    /// The parts to compress from memory, deflated on all cores before libzip writes the archive
    /// (zip_close would deflate them one after another); by entry, nil for every other entry and
    /// for a part deflate does not shrink (libzip may store such a part: it decides as before).
    func deflateAhead() -> [DeflatedPart?] {
        var indices: [Int] = [], parts: [Data] = []
        for (index, entry) in entries.enumerated() {
            if case let .bytes(data, compress: true) = entry.source { indices.append(index); parts.append(data) }
        }
        var result = [DeflatedPart?](repeating: nil, count: entries.count)
        guard deflatesAhead else { return result }
        let deflated = PartDeflater.deflateAll(parts, level: Int32(Self.compressionLevel))
        for (index, part) in zip(indices, deflated) {
            if let part, UInt64(part.bytes.count) < part.size { result[index] = part }
        }
        return result
    }

    private func addEntry(_ name: String, _ source: Source, deflated: DeflatedPart?, mtime: time_t,
                          to archive: OpaquePointer, label: String) throws(OOXMLError) {
        let zipSource: OpaquePointer?
        var method = ZIP_CM_DEFLATE
        switch source {
        case .bytes where deflated != nil:
            zipSource = deflated.flatMap { PrecompressedSource.make($0, level: Self.compressionLevel, in: archive) }
        case let .bytes(data, compress):
            method = compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE
            // libzip frees the copy when it is done with it.
            let copy = malloc(max(data.count, 1))
            if let copy, !data.isEmpty {
                data.withUnsafeBytes { _ = memcpy(copy, $0.baseAddress!, data.count) }
            }
            zipSource = copy.flatMap { zip_source_buffer(archive, $0, UInt64(data.count), 1) }
            if zipSource == nil { free(copy) }
        case let .file(file):
            // start 0 and length -1: the whole file, read while the archive is closed.
            zipSource = zip_source_file(archive, file.path, 0, -1)
        case let .raw(reader, info):
            method = info.isCompressed ? ZIP_CM_DEFAULT : ZIP_CM_STORE
            // start 0 and length -1: the whole entry, copied without decompressing.
            zipSource = zip_source_zip(archive, reader.archive, info.index, 0, 0, -1)
        }
        guard let zipSource else {
            throw failure(label, name, String(cString: zip_error_strerror(zip_get_error(archive))))
        }
        let index = zip_file_add(archive, name, zipSource, ZIP_FL_ENC_UTF_8)
        if index < 0 {
            zip_source_free(zipSource)
            throw failure(label, name, String(cString: zip_error_strerror(zip_get_error(archive))))
        }
        let entry = UInt64(index)
        let level = method == ZIP_CM_DEFLATE ? Self.compressionLevel : 0
        guard zip_set_file_compression(archive, entry, method, level) == 0,
              zip_file_set_mtime(archive, entry, mtime, 0) == 0,
              // Same attributes for every entry (as Office writes them), whatever the source.
              zip_file_set_external_attributes(archive, entry, 0, UInt8(ZIP_OPSYS_DOS), 0) == 0 else {
            throw failure(label, name, String(cString: zip_error_strerror(zip_get_error(archive))))
        }
    }

    /// The fixed DOS date and time as libzip's zip_file_set_dostime turns them into a time_t
    /// (mktime of the local date and time), which libzip turns back into the same DOS fields when
    /// it writes. Done once per archive: every mktime re-reads /etc/localtime's status.
    static func fixedModificationTime() -> time_t {
        var local = tm()
        local.tm_isdst = -1
        local.tm_year = Int32((fixedDOSDate >> 9) & 127) + 1980 - 1900
        local.tm_mon = Int32((fixedDOSDate >> 5) & 15) - 1
        local.tm_mday = Int32(fixedDOSDate & 31)
        local.tm_hour = Int32((fixedDOSTime >> 11) & 31)
        local.tm_min = Int32((fixedDOSTime >> 5) & 63)
        local.tm_sec = Int32((fixedDOSTime << 1) & 62)
        return mktime(&local)
    }

    private func readBack(_ buffer: OpaquePointer, label: String,
                          into output: (UnsafeRawBufferPointer) throws(OOXMLError) -> Void) throws(OOXMLError) {
        guard zip_source_open(buffer) == 0 else {
            throw failure(label, nil, "无法读取生成的压缩包")
        }
        defer { zip_source_close(buffer) }
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { zip_source_read(buffer, $0.baseAddress, UInt64($0.count)) }
            if count < 0 { throw failure(label, nil, "无法读取生成的压缩包") }
            if count == 0 { break }
            try Self.pass(chunk, count: Int(count), to: output)
        }
    }

    /// Hands the first `count` bytes of `bytes` to `output`.
    private static func pass(_ bytes: [UInt8], count: Int,
                             to output: (UnsafeRawBufferPointer) throws(OOXMLError) -> Void) throws(OOXMLError) {
        let failure: OOXMLError? = bytes.withUnsafeBytes { all in
            do throws(OOXMLError) {
                try output(UnsafeRawBufferPointer(rebasing: all.prefix(count)))
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw failure }
    }

    func failure(_ label: String, _ part: String?, _ reason: String) -> OOXMLError {
        OOXMLError(.writeFailed, file: label, part: part, detail: "生成压缩包失败（\(reason)）")
    }
}
