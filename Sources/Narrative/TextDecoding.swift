import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decodes a plain-text narrative: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK,
/// which Chinese Windows saves by default. Refuses binary files.
enum TextDecoding {
    static func decode(_ data: Data, path: String) throws -> String {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        else if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            if let s = String(data: data, encoding: .utf16) { return s }
            throw NarrativeError("决算情况说明文件 \(path) 的 UTF-16 编码有误，无法读取。")
        }
        if looksBinary(bytes) {
            throw NarrativeError("决算情况说明文件 \(path) 不是文本文件（可能是图片、压缩包或旧版 Word 文档），请提供 .docx 或 .txt 文件。")
        }
        if let s = String(validatingUTF8Bytes: bytes) { return s }
        if let s = convertGB18030(bytes) { return s }
        throw NarrativeError("决算情况说明文件 \(path) 的文字编码无法识别（既不是 UTF-8 也不是 GBK/GB18030），请另存为 UTF-8 文本。")
    }

    /// NUL bytes or many control characters mean the file is not text.
    static func looksBinary(_ bytes: [UInt8]) -> Bool {
        let sample = bytes.prefix(8192)
        if sample.contains(0) { return true }
        let controls = sample.filter { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D && $0 != 0x0C }.count
        return controls * 20 > max(sample.count, 1)
    }

    static func convertGB18030(_ bytes: [UInt8]) -> String? {
        let cd = iconv_open("UTF-8", "GB18030")
        guard let cd, cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: bytes.count * 2 + 16)
        var inLeft = input.count, outLeft = output.count
        let ok: Bool = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = inBuf.baseAddress
                var outPtr: UnsafeMutablePointer<CChar>? = outBuf.baseAddress
                return iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != -1 && inLeft == 0
            }
        }
        guard ok else { return nil }
        let produced = output.count - outLeft
        return String(validatingUTF8Bytes: output.prefix(produced).map { UInt8(bitPattern: $0) })
    }
}

extension String {
    init?(validatingUTF8Bytes bytes: [UInt8]) {
        guard let s = String(bytes: bytes, encoding: .utf8) else { return nil }
        self = s
    }
}
