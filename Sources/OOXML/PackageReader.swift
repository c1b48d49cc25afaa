import CZip
import Foundation

/// One entry of a zip package, as declared by the archive's central directory.
public struct PartInfo: Sendable, Equatable {
    /// Entry name inside the archive, e.g. "xl/worksheets/sheet1.xml".
    public let name: String
    /// Declared uncompressed size (not trusted when reading).
    public let uncompressedSize: Int64
    /// Declared compressed size.
    public let compressedSize: Int64
    /// Zip compression method (0 = stored, 8 = deflate).
    public let method: Int32
    /// CRC-32 of the uncompressed data, as declared.
    public let crc: UInt32
    public var isCompressed: Bool { method != 0 }
    /// Index in the archive (archive order).
    let index: UInt64
}

/// Read-only access to an OOXML package (.xlsx, .docx): a zip archive checked at open against
/// hostile names and sizes, whose parts are read with limits enforced on the actual bytes.
///
/// Safe to share between threads: every libzip call on the archive holds `lock` (libzip archives
/// are not thread-safe), so parts can be read from several tasks, one zip call at a time.
public final class PackageReader: @unchecked Sendable {
    public let path: String
    public let limits: ZipLimits
    /// All entries in archive order.
    public let parts: [PartInfo]

    let archive: OpaquePointer
    /// Serialises libzip calls on `archive`, including those of open PartStreams and writers copying from it.
    let lock = NSLock()
    private let exactIndex: [String: Int]
    private let foldedIndex: [String: Int]

    public init(path: String, limits: ZipLimits = .standard) throws(OOXMLError) {
        self.path = path
        self.limits = limits
        try PackageReader.checkSignature(path: path)

        var code: Int32 = 0
        guard let archive = zip_open(path, ZIP_RDONLY, &code) else {
            throw PackageReader.openError(path: path, code: code)
        }
        // From here on, a failure must close the archive.
        do throws(OOXMLError) {
            let parts = try PackageReader.listParts(archive, path: path, limits: limits)
            var exact: [String: Int] = [:]
            var folded: [String: Int] = [:]
            for (position, part) in parts.enumerated() {
                let key = part.name.lowercased()
                if folded[key] != nil {
                    throw OOXMLError(.duplicateEntry, file: path, part: part.name,
                                     detail: "压缩包中有重复的部件名（不区分大小写），文件可能被篡改或已损坏")
                }
                folded[key] = position
                exact[part.name] = position
            }
            self.archive = archive
            self.parts = parts
            self.exactIndex = exact
            self.foldedIndex = folded
        } catch {
            zip_discard(archive)
            throw error
        }
    }

    deinit {
        zip_discard(archive)
    }

    /// The entry for a part name: exact match first, then case-insensitive (Office treats part
    /// names case-insensitively). A leading "/" (OPC part-name form) is accepted.
    public func part(named name: String) -> PartInfo? {
        let key = name.hasPrefix("/") ? String(name.dropFirst()) : name
        if let position = exactIndex[key] { return parts[position] }
        if let position = foldedIndex[key.lowercased()] { return parts[position] }
        return nil
    }

    public func contains(_ name: String) -> Bool {
        part(named: name) != nil
    }

    /// The uncompressed bytes of a part. Stops as soon as the actual bytes exceed the part limit,
    /// the declared size, or the allowed compression ratio.
    public func read(_ name: String) throws(OOXMLError) -> Data {
        guard let info = part(named: name) else {
            throw OOXMLError(.missingPart, file: path, part: name, detail: "缺少这个部件")
        }
        return try read(info)
    }

    public func read(_ info: PartInfo) throws(OOXMLError) -> Data {
        let stream = try openStream(info)
        // The declared size (already within the limits) sizes the buffer; one spare byte
        // reveals a part that inflates to more than it declared.
        let capacity = Int(info.uncompressedSize) + 1
        // Not zero-filled first, as Data(count:) would be: only the bytes inflated into it are handed out.
        guard let buffer = malloc(capacity) else {
            throw OOXMLError(.limitExceeded, file: path, part: info.name, detail: "内存不足，无法读取")
        }
        var filled = 0
        do throws(OOXMLError) {
            while filled < capacity {
                let count = try stream.read(into: UnsafeMutableRawBufferPointer(start: buffer + filled, count: capacity - filled))
                if count == 0 { break }
                filled += count
            }
        } catch {
            free(buffer)
            throw error
        }
        return Data(bytesNoCopy: buffer, count: filled, deallocator: .free)
    }

    /// Opens a part for streaming reads (limits enforced on the actual bytes as they come).
    public func openStream(_ name: String) throws(OOXMLError) -> PartStream {
        guard let info = part(named: name) else {
            throw OOXMLError(.missingPart, file: path, part: name, detail: "缺少这个部件")
        }
        return try openStream(info)
    }

    public func openStream(_ info: PartInfo) throws(OOXMLError) -> PartStream {
        lock.lock()
        defer { lock.unlock() }
        guard let file = zip_fopen_index(archive, info.index, 0) else {
            throw zipError(part: info.name, zip_get_error(archive))
        }
        return PartStream(package: self, info: info, file: file)
    }

    /// The stored (still compressed) bytes of a part, as they sit in the archive.
    public func rawBytes(_ name: String) throws(OOXMLError) -> Data {
        guard let info = part(named: name) else {
            throw OOXMLError(.missingPart, file: path, part: name, detail: "缺少这个部件")
        }
        guard info.compressedSize <= limits.maxPartSize else {
            throw OOXMLError(.limitExceeded, file: path, part: info.name,
                             detail: "部件超过 \(PackageReader.megabytes(limits.maxPartSize)) 的上限")
        }
        lock.lock()
        defer { lock.unlock() }
        guard let file = zip_fopen_index(archive, info.index, ZIP_FL_COMPRESSED) else {
            throw zipError(part: info.name, zip_get_error(archive))
        }
        defer { zip_fclose(file) }
        var data = Data(count: Int(info.compressedSize))
        let count = data.withUnsafeMutableBytes { zip_fread(file, $0.baseAddress, UInt64($0.count)) }
        if count < 0 { throw zipError(part: info.name, zip_file_get_error(file)) }
        if count != info.compressedSize {
            throw OOXMLError(.truncated, file: path, part: info.name, detail: "部件数据不完整，文件可能已截断")
        }
        return data
    }

    // MARK: - Opening checks

    /// Recognise what a non-zip file is before libzip sees it, to give a useful message.
    private static func checkSignature(path: String) throws(OOXMLError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw OOXMLError(.notFound, file: path, detail: "文件不存在")
        }
        if isDirectory.boolValue {
            throw OOXMLError(.notFound, file: path, detail: "这是一个目录，不是文件")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw OOXMLError(.notFound, file: path, detail: "无法打开文件（没有读取权限）")
        }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 8)) ?? Data()
        if head.starts(with: CompoundFile.magic) {
            switch CompoundFile.classify(path: path) {
            case .encryptedOOXML:
                throw OOXMLError(.encrypted, file: path,
                                 detail: "文件设置了打开密码（已加密），无法读取。请在 Excel、Word 或 WPS 中取消密码并另存后再试")
            case .binaryWordDocument:
                throw OOXMLError(.legacyBinaryDOC, file: path,
                                 detail: "这是旧版二进制 Word 格式（.doc），不是 .docx 文件。请在 Word 或 WPS 中另存为 .docx 后再试")
            case .binaryWorkbook, .unknown:
                throw OOXMLError(.legacyBinaryXLS, file: path,
                                 detail: "这是旧版二进制 Excel 格式（.xls），不是 .xlsx 文件。请在 Excel 或 WPS 中另存为 .xlsx 后再试")
            }
        }
        if head.isEmpty {
            throw OOXMLError(.notZip, file: path, detail: "文件是空的，不是 Excel/Word 文件")
        }
        if !head.starts(with: [0x50, 0x4B]) {
            throw OOXMLError(.notZip, file: path, detail: "不是 Excel/Word（OOXML）文件：文件不是 zip 压缩包")
        }
    }

    private static func openError(path: String, code: Int32) -> OOXMLError {
        switch code {
        case ZIP_ER_NOZIP, ZIP_ER_INCONS:
            // The signature was "PK", so the start is a zip: the end (central directory) is missing.
            return OOXMLError(.truncated, file: path,
                              detail: "zip 压缩包不完整（缺少或损坏了末尾的目录），文件可能未下载或复制完整")
        case ZIP_ER_NOENT:
            return OOXMLError(.notFound, file: path, detail: "文件不存在")
        case ZIP_ER_OPEN, ZIP_ER_READ:
            return OOXMLError(.notFound, file: path, detail: "无法读取文件（\(OOXMLError.systemReason(errno))）")
        case ZIP_ER_MEMORY:
            return OOXMLError(.limitExceeded, file: path, detail: "内存不足，无法打开")
        default:
            return OOXMLError(.notZip, file: path, detail: "无法作为 zip 压缩包打开（\(zipMessage(code))）")
        }
    }

    private static func listParts(_ archive: OpaquePointer, path: String,
                                  limits: ZipLimits) throws(OOXMLError) -> [PartInfo] {
        let count = zip_get_num_entries(archive, 0)
        if count < 0 {
            throw OOXMLError(.invalidContent, file: path, detail: "无法读取 zip 目录")
        }
        if count > Int64(limits.maxParts) {
            throw OOXMLError(.limitExceeded, file: path,
                             detail: "压缩包有 \(count) 个部件，超过 \(limits.maxParts) 个的上限")
        }
        var parts: [PartInfo] = []
        parts.reserveCapacity(Int(count))
        var declaredTotal: Int64 = 0
        for index in 0..<UInt64(count) {
            var stat = zip_stat_t()
            zip_stat_init(&stat)
            guard zip_stat_index(archive, index, 0, &stat) == 0, let cName = stat.name else {
                throw OOXMLError(.invalidContent, file: path, detail: "无法读取第 \(index + 1) 个部件的目录信息")
            }
            let name = String(decoding: UnsafeRawBufferPointer(start: cName, count: strlen(cName)), as: UTF8.self)
            if let why = unsafeReason(name) {
                throw OOXMLError(.unsafeName, file: path, part: name, detail: why)
            }
            if (stat.valid & UInt64(ZIP_STAT_ENCRYPTION_METHOD)) != 0, stat.encryption_method != UInt16(ZIP_EM_NONE) {
                throw OOXMLError(.encrypted, file: path, part: name, detail: "部件已加密，无法读取")
            }
            let size = Int64(clamping: stat.size)
            let compressed = Int64(clamping: stat.comp_size)
            if size > limits.maxPartSize {
                throw OOXMLError(.limitExceeded, file: path, part: name,
                                 detail: "部件声明解压后为 \(megabytes(size))，超过 \(megabytes(limits.maxPartSize)) 的上限")
            }
            if size > limits.ratioThreshold, size > limits.maxCompressionRatio * max(compressed, 1) {
                throw OOXMLError(.limitExceeded, file: path, part: name,
                                 detail: "部件的压缩比超过 \(limits.maxCompressionRatio):1，疑似压缩炸弹")
            }
            declaredTotal += size
            if declaredTotal > limits.maxTotalSize {
                throw OOXMLError(.limitExceeded, file: path,
                                 detail: "各部件解压后合计超过 \(megabytes(limits.maxTotalSize)) 的上限")
            }
            parts.append(PartInfo(name: name, uncompressedSize: size, compressedSize: compressed,
                                  method: Int32(stat.comp_method), crc: stat.crc, index: index))
        }
        return parts
    }

    /// Why an entry name is unsafe to carry (zip-slip), or nil if it is fine.
    static func unsafeReason(_ name: String) -> String? {
        if name.isEmpty { return "部件名为空" }
        if name.hasPrefix("/") || name.hasPrefix("\\") {
            return "部件名是绝对路径，文件可能被篡改"
        }
        let head = Array(name.utf8.prefix(2))
        if head.count == 2, head[1] == UInt8(ascii: ":"), (0x61...0x7A).contains(head[0] | 0x20) {
            return "部件名带有盘符（绝对路径），文件可能被篡改"
        }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "部件名含有控制字符，文件可能被篡改"
        }
        if ASCIIPath.hasParentSegment(name)
            ?? name.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "/" || $0 == "\\" }).contains(where: { $0 == ".." }) {
            return "部件名含有“..”路径段，文件可能被篡改"
        }
        return nil
    }

    // MARK: - Messages

    static func zipMessage(_ code: Int32) -> String {
        var error = zip_error_t()
        zip_error_init_with_code(&error, code)
        defer { zip_error_fini(&error) }
        return String(cString: zip_error_strerror(&error))
    }

    func zipError(part: String, _ error: UnsafeMutablePointer<zip_error_t>?) -> OOXMLError {
        let code = error.map { zip_error_code_zip($0) } ?? ZIP_ER_INTERNAL
        let message = error.map { String(cString: zip_error_strerror($0)) } ?? "未知错误"
        switch code {
        case ZIP_ER_CRC:
            return OOXMLError(.invalidContent, file: path, part: part, detail: "部件数据校验（CRC）失败，文件已损坏")
        case ZIP_ER_ZLIB, ZIP_ER_INCONS, ZIP_ER_COMPRESSED_DATA:
            return OOXMLError(.invalidContent, file: path, part: part, detail: "部件数据无法解压，文件已损坏")
        case ZIP_ER_COMPNOTSUPP:
            return OOXMLError(.invalidContent, file: path, part: part, detail: "部件使用了不支持的压缩方式")
        case ZIP_ER_ENCRNOTSUPP, ZIP_ER_NOPASSWD, ZIP_ER_WRONGPASSWD:
            return OOXMLError(.encrypted, file: path, part: part, detail: "部件已加密，无法读取")
        case ZIP_ER_EOF, ZIP_ER_READ, ZIP_ER_SEEK:
            return OOXMLError(.truncated, file: path, part: part, detail: "部件数据不完整，文件可能已截断")
        default:
            return OOXMLError(.invalidContent, file: path, part: part, detail: "无法读取部件（\(message)）")
        }
    }

    static func megabytes(_ bytes: Int64) -> String {
        if bytes >= 1 << 30, bytes % (1 << 30) == 0 { return "\(bytes >> 30) GB" }
        return "\(bytes >> 20) MB"
    }
}

/// Sequential reader of one part's uncompressed bytes. Stops with an error as soon as the actual
/// bytes exceed the part limit, the declared size or the allowed compression ratio, and checks at
/// the end that the part was exactly as long as declared. Keeps its package alive.
public final class PartStream {
    public let package: PackageReader
    public let info: PartInfo
    private let file: OpaquePointer
    /// Bytes delivered so far.
    public private(set) var total: Int64 = 0
    public private(set) var isAtEnd = false

    init(package: PackageReader, info: PartInfo, file: OpaquePointer) {
        self.package = package
        self.info = info
        self.file = file
    }

    deinit {
        package.lock.lock()
        zip_fclose(file)
        package.lock.unlock()
    }

    /// Reads up to `buffer.count` bytes; returns 0 at the end of the part.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(OOXMLError) -> Int {
        guard !isAtEnd, buffer.count > 0 else { return 0 }
        let path = package.path, limits = package.limits
        package.lock.lock()
        let count = zip_fread(file, buffer.baseAddress, UInt64(buffer.count))
        let readError = count < 0 ? package.zipError(part: info.name, zip_file_get_error(file)) : nil
        package.lock.unlock()
        if let readError { throw readError }
        if count == 0 {
            isAtEnd = true
            if total != info.uncompressedSize {
                throw OOXMLError(.invalidContent, file: path, part: info.name,
                                 detail: "部件解压后的实际大小与压缩包声明的不符，文件可能已损坏")
            }
            return 0
        }
        total += count
        if total > limits.maxPartSize {
            throw OOXMLError(.limitExceeded, file: path, part: info.name,
                             detail: "部件解压后超过 \(PackageReader.megabytes(limits.maxPartSize)) 的上限，已停止读取")
        }
        if total > info.uncompressedSize {
            throw OOXMLError(.invalidContent, file: path, part: info.name,
                             detail: "部件解压后的实际大小超过了压缩包声明的大小，文件可能被篡改或已损坏")
        }
        if total > limits.ratioThreshold, total > limits.maxCompressionRatio * max(info.compressedSize, 1) {
            throw OOXMLError(.limitExceeded, file: path, part: info.name,
                             detail: "部件的压缩比超过 \(limits.maxCompressionRatio):1，疑似压缩炸弹，已停止读取")
        }
        return Int(count)
    }
}
