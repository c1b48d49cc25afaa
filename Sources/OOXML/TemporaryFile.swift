import Foundation

/// A scratch file in the temporary directory, removed when the object goes away. Long parts
/// (a sheet written row by row) are built in one instead of in memory.
final class TemporaryFile {
    let path: String
    private var handle: FileHandle?

    init() throws(OOXMLError) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("juesuan-part-\(UUID().uuidString).xml").path
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw OOXMLError(.writeFailed, file: path, part: nil, detail: "无法创建临时文件")
        }
        self.path = path
        self.handle = handle
    }

    func write(_ bytes: [UInt8]) throws(OOXMLError) {
        guard !bytes.isEmpty else { return }
        do {
            guard let handle else { throw CocoaError(.fileWriteUnknown) }
            try handle.write(contentsOf: bytes)
        } catch {
            throw OOXMLError(.writeFailed, file: path, part: nil, detail: "写入临时文件失败（\(error.localizedDescription)）")
        }
    }

    /// Appends the whole content of `other`, 64 KiB at a time (a batch's index sheet can be
    /// megabytes long; bigger chunks only raise the batch's memory peak).
    func append(contentsOf other: TemporaryFile) throws(OOXMLError) {
        guard let reader = FileHandle(forReadingAtPath: other.path) else {
            throw OOXMLError(.writeFailed, file: other.path, part: nil, detail: "无法读取临时文件")
        }
        defer { try? reader.close() }
        while true {
            let chunk: Data
            do { chunk = try reader.read(upToCount: 1 << 16) ?? Data() } catch {
                throw OOXMLError(.writeFailed, file: other.path, part: nil, detail: "读取临时文件失败（\(error.localizedDescription)）")
            }
            if chunk.isEmpty { break }
            do {
                guard let handle else { throw CocoaError(.fileWriteUnknown) }
                try handle.write(contentsOf: chunk)
            } catch {
                throw OOXMLError(.writeFailed, file: path, part: nil, detail: "写入临时文件失败（\(error.localizedDescription)）")
            }
        }
    }

    /// The file's content (for callers that want the part's bytes).
    func contents() throws(OOXMLError) -> Data {
        do { return try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw OOXMLError(.writeFailed, file: path, part: nil, detail: "读取临时文件失败（\(error.localizedDescription)）")
        }
    }

    deinit {
        try? handle?.close()
        try? FileManager.default.removeItem(atPath: path)
    }
}
