import CZlib
import Dispatch
import Foundation

/// A part deflated before the archive is closed: libzip copies these bytes as they are.
struct DeflatedPart {
    /// The raw deflate stream.
    var bytes: [UInt8]
    var size: UInt64
    var crc: UInt32
}

/// Deflates parts exactly as libzip does (raw deflate, window bits 15, memory level 9, default
/// strategy, one pass with Z_FINISH; zlib's output does not depend on how the input is fed).
/// One stream is reused for every part it deflates (deflateReset), so its tables are allocated once.
final class PartDeflater {
    private let stream: UnsafeMutablePointer<z_stream>   // zlib keeps a pointer back to it: it must not move

    init?(level: Int32) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        guard czlib_deflate_init_raw(stream, level) == Z_OK else {
            stream.deallocate()
            return nil
        }
    }

    deinit {
        deflateEnd(stream)
        stream.deallocate()
    }

    /// The deflated part; nil when zlib fails or the part is too large for one pass (libzip deflates it then).
    func deflate(_ data: Data) -> DeflatedPart? {
        guard data.count <= Int(UInt32.max), deflateReset(stream) == Z_OK else { return nil }
        let bound = Int(deflateBound(stream, uLong(data.count)))
        var ok = false
        var crc: UInt32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: bound) { out, written in
            written = 0
            data.withUnsafeBytes { input in
                let next = input.baseAddress.map { UnsafeMutablePointer(mutating: $0.assumingMemoryBound(to: Bytef.self)) }
                crc = UInt32(truncatingIfNeeded: crc32_z(0, next, input.count))
                stream.pointee.next_in = next
                stream.pointee.avail_in = uInt(input.count)
                stream.pointee.next_out = out.baseAddress
                stream.pointee.avail_out = uInt(bound)
                ok = CZlib.deflate(stream, Z_FINISH) == Z_STREAM_END
                written = ok ? bound - Int(stream.pointee.avail_out) : 0
                stream.pointee.next_in = nil
                stream.pointee.next_out = nil
            }
        }
        return ok ? DeflatedPart(bytes: bytes, size: UInt64(data.count), crc: crc) : nil
    }

    /// Read once: asking reads two cgroup files every time.
    private static let processorCount = ProcessInfo.processInfo.activeProcessorCount

    /// Deflates `parts` on up to one thread per core, each thread reusing one stream; results by
    /// index (nil where a part was not deflated). Same bytes whatever the thread count.
    static func deflateAll(_ parts: [Data], level: Int32) -> [DeflatedPart?] {
        let slots = ResultsByIndex<DeflatedPart>(count: parts.count)
        // Largest first, so that one big part does not start last.
        let order = parts.indices.sorted { parts[$0].count > parts[$1].count }
        let workers = min(parts.count, processorCount)
        SheetThreads.perform(iterations: workers) { _ in
            guard let deflater = PartDeflater(level: level) else { return }
            while let next = slots.claim() {
                let index = order[next]
                slots.store(deflater.deflate(parts[index]), at: index)
            }
        }
        return slots.values
    }
}

