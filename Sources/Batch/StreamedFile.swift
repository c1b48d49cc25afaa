import Foundation
import OOXML

/// A text file written piece by piece that appears at its path only when complete (an existing file
/// is replaced): the project's streaming `writeFileAtomically`, fed with text pieces gathered into
/// 64 KiB writes, so that a batch's JSON results and index page are never held whole in memory.
struct StreamedFile {
    let path: String

    /// Writes what `produce` emits. When `produce` throws, nothing appears at `path` and its error
    /// is rethrown as it was.
    func write(_ produce: (_ emit: (String) throws -> Void) throws -> Void) throws {
        var producerError: (any Error)?
        do {
            try writeFileAtomically(to: path, overwrite: true) { write throws(OOXMLError) in
                // `Pieces` keeps `write` only while the content is produced.
                try withoutActuallyEscaping(write) { write throws(OOXMLError) in
                    let pieces = Pieces(write: write)
                    do {
                        try produce { piece in try pieces.add(piece) }
                        try pieces.flush()
                    } catch let error as OOXMLError {
                        throw error
                    } catch {
                        // Not a writing problem: stop writing (the file is discarded) and report it as it was.
                        producerError = error
                        throw OOXMLError(.writeFailed, file: path, detail: "生成内容时出错")
                    }
                }
            }
        } catch {
            throw producerError ?? error
        }
    }
}

/// Text pieces gathered into 64 KiB writes.
private final class Pieces {
    private let write: (UnsafeRawBufferPointer) throws(OOXMLError) -> Void
    private var buffer: [UInt8] = []

    init(write: @escaping (UnsafeRawBufferPointer) throws(OOXMLError) -> Void) {
        self.write = write
        buffer.reserveCapacity(1 << 16)
    }

    func add(_ piece: String) throws(OOXMLError) {
        buffer.append(contentsOf: piece.utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    func flush() throws(OOXMLError) {
        var failure: OOXMLError?
        buffer.withUnsafeBytes { bytes in
            do { try write(bytes) } catch let error as OOXMLError { failure = error } catch {}
        }
        if let failure { throw failure }
        buffer.removeAll(keepingCapacity: true)
    }
}
