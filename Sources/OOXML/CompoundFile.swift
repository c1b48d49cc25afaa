import Foundation

/// Just enough of the OLE2 compound-file format to tell an old binary .xls from a
/// password-protected OOXML file (which Office stores as an OLE2 file with an "EncryptedPackage" stream).
enum CompoundFile {
    static let magic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    /// Directory entry names are UTF-16LE; an encrypted OOXML file has a stream named "EncryptedPackage".
    static let encryptedPackageName: [UInt8] = Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })

    static func holdsEncryptedPackage(_ data: Data) -> Bool {
        data.withUnsafeBytes { bytes in
            let needle = encryptedPackageName
            guard bytes.count >= needle.count else { return false }
            var index = 0
            let last = bytes.count - needle.count
            while index <= last {
                if bytes[index] == needle[0] {
                    var matched = true
                    for offset in 1..<needle.count where bytes[index + offset] != needle[offset] {
                        matched = false
                        break
                    }
                    if matched { return true }
                }
                index += 1
            }
            return false
        }
    }
}
