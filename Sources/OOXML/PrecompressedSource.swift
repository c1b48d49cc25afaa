import CZip
import Foundation

/// A libzip source handing over a part deflated ahead of time. Its stat reports the method
/// (deflate), size and crc, so zip_close copies the bytes unchanged (add_data recompresses only when
/// the source's method differs from the entry's), and its file attributes carry the general purpose
/// bits libzip's own deflate would set for the level: the entry's headers come out the same.
final class PrecompressedSource {
    private let part: DeflatedPart
    private let levelBits: UInt16
    private var offset = 0
    private var error = zip_error_t()

    private init(_ part: DeflatedPart, level: UInt32) {
        self.part = part
        // zip_algorithm_deflate.c: levels 1-2 "super fast" (bit 2), 8-9 "maximum" (bit 1).
        levelBits = level < 3 ? 2 << 1 : level > 7 ? 1 << 1 : 0
        zip_error_init(&error)
    }

    deinit { zip_error_fini(&error) }

    /// A source for `archive` (which frees it with the archive, or the caller with zip_source_free).
    static func make(_ part: DeflatedPart, level: UInt32, in archive: OpaquePointer) -> OpaquePointer? {
        let context = Unmanaged.passRetained(PrecompressedSource(part, level: level))
        guard let source = zip_source_function(archive, precompressedCallback, context.toOpaque()) else {
            context.release()
            return nil
        }
        return source
    }

    /// libzip's mask of the general purpose bits a source may set (zipint.h).
    private static let allowedBitMask: UInt16 = 0x0836

    fileprivate func handle(_ data: UnsafeMutableRawPointer?, _ length: UInt64, _ command: zip_source_cmd_t) -> Int64 {
        switch command {
        case ZIP_SOURCE_OPEN:
            offset = 0
            return 0
        case ZIP_SOURCE_READ:
            let count = min(Int(clamping: length), part.bytes.count - offset)
            if count > 0, let data {
                part.bytes.withUnsafeBytes { data.copyMemory(from: $0.baseAddress! + offset, byteCount: count) }
                offset += count
            }
            return Int64(max(count, 0))
        case ZIP_SOURCE_CLOSE:
            return 0
        case ZIP_SOURCE_STAT:
            guard let data, length >= UInt64(MemoryLayout<zip_stat_t>.size) else { return invalid() }
            let stat = data.assumingMemoryBound(to: zip_stat_t.self)
            zip_stat_init(stat)
            stat.pointee.valid = UInt64(ZIP_STAT_SIZE) | UInt64(ZIP_STAT_COMP_SIZE) | UInt64(ZIP_STAT_COMP_METHOD) | UInt64(ZIP_STAT_CRC)
            stat.pointee.size = part.size
            stat.pointee.comp_size = UInt64(part.bytes.count)
            stat.pointee.comp_method = UInt16(ZIP_CM_DEFLATE)
            stat.pointee.crc = part.crc
            return Int64(MemoryLayout<zip_stat_t>.size)
        case ZIP_SOURCE_GET_FILE_ATTRIBUTES:
            guard let data, length >= UInt64(MemoryLayout<zip_file_attributes_t>.size) else { return invalid() }
            let attributes = data.assumingMemoryBound(to: zip_file_attributes_t.self)
            attributes.pointee.valid |= UInt64(ZIP_FILE_ATTRIBUTES_VERSION_NEEDED) | UInt64(ZIP_FILE_ATTRIBUTES_GENERAL_PURPOSE_BIT_FLAGS)
            attributes.pointee.version_needed = 20   // deflate
            attributes.pointee.general_purpose_bit_mask = Self.allowedBitMask
            attributes.pointee.general_purpose_bit_flags = levelBits
            return Int64(MemoryLayout<zip_file_attributes_t>.size)
        case ZIP_SOURCE_ERROR:
            return zip_error_to_data(&error, data, length)
        case ZIP_SOURCE_SUPPORTS:
            let commands = [ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR,
                            ZIP_SOURCE_FREE, ZIP_SOURCE_SUPPORTS, ZIP_SOURCE_GET_FILE_ATTRIBUTES]
            return commands.reduce(0) { $0 | (Int64(1) << Int64($1.rawValue)) }
        default:
            zip_error_set(&error, ZIP_ER_INTERNAL, 0)
            return -1
        }
    }

    private func invalid() -> Int64 {
        zip_error_set(&error, ZIP_ER_INVAL, 0)
        return -1
    }
}

private func precompressedCallback(_ context: UnsafeMutableRawPointer?, _ data: UnsafeMutableRawPointer?,
                                   _ length: zip_uint64_t, _ command: zip_source_cmd_t) -> zip_int64_t {
    guard let context else { return -1 }
    let source = Unmanaged<PrecompressedSource>.fromOpaque(context)
    if command == ZIP_SOURCE_FREE {
        source.release()
        return 0
    }
    return source.takeUnretainedValue().handle(data, length, command)
}
