import Foundation

/// Just enough of the OLE2 compound-file format to say what a non-zip Office file is: an old
/// binary .xls or .doc, or a password-protected OOXML file (Office stores those as an OLE2 file
/// with "EncryptionInfo" and "EncryptedPackage" streams).
enum CompoundFile {
    static let magic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    enum Content: Equatable {
        case encryptedOOXML
        case binaryWorkbook
        case binaryWordDocument
        case unknown
    }

    /// What an OLE2 file holds, judged by its directory entry names.
    static func classify(path: String) -> Content {
        guard let handle = FileHandle(forReadingAtPath: path) else { return .unknown }
        defer { try? handle.close() }
        let names: [String]
        if let parsed = DirectoryWalker(handle: handle)?.entryNames() {
            names = parsed
        } else {
            // A damaged directory: look for the stream name anywhere in a bounded prefix.
            try? handle.seek(toOffset: 0)
            let prefix = (try? handle.read(upToCount: 64 << 20)) ?? Data()
            return contains(prefix, utf16Name: "EncryptedPackage") ? .encryptedOOXML : .unknown
        }
        if names.contains("EncryptedPackage") || names.contains("EncryptionInfo") { return .encryptedOOXML }
        if names.contains("Workbook") || names.contains("Book") { return .binaryWorkbook }
        if names.contains("WordDocument") { return .binaryWordDocument }
        return .unknown
    }

    static func contains(_ data: Data, utf16Name name: String) -> Bool {
        let needle = Data(name.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        return data.range(of: needle) != nil
    }

    /// Follows the FAT chain of the directory stream. Every read is bounds-checked and every loop
    /// bounded, so a hostile file yields nil rather than a hang.
    private struct DirectoryWalker {
        static let endOfChain: UInt32 = 0xFFFF_FFFE
        static let maxSectors = 1 << 16

        let handle: FileHandle
        let sectorSize: Int
        let fatSectors: [UInt32]
        let firstDirectorySector: UInt32

        init?(handle: FileHandle) {
            self.handle = handle
            guard let header = try? handle.read(upToCount: 512), header.count == 512,
                  header.starts(with: CompoundFile.magic) else { return nil }
            let shift = Self.u16(header, 0x1E)
            guard shift == 9 || shift == 12 else { return nil }
            sectorSize = 1 << Int(shift)
            firstDirectorySector = Self.u32(header, 0x30)
            let fatCount = Int(Self.u32(header, 0x2C))
            guard fatCount <= Self.maxSectors else { return nil }
            var fat: [UInt32] = []
            for slot in 0..<109 where fat.count < fatCount {
                fat.append(Self.u32(header, 0x4C + 4 * slot))
            }
            // More FAT sectors are listed in the DIFAT chain.
            var difat = Self.u32(header, 0x44)
            var steps = 0
            while fat.count < fatCount, difat < 0xFFFF_FFFA, steps < Self.maxSectors {
                steps += 1
                guard let sector = Self.readSector(handle, difat, size: sectorSize) else { return nil }
                let perSector = sectorSize / 4 - 1
                for slot in 0..<perSector where fat.count < fatCount {
                    fat.append(Self.u32(sector, 4 * slot))
                }
                difat = Self.u32(sector, 4 * perSector)
            }
            fatSectors = fat
        }

        func entryNames() -> [String]? {
            var names: [String] = []
            var sector = firstDirectorySector
            var visited = Set<UInt32>()
            var fatCache: [Int: Data] = [:]
            while sector != Self.endOfChain {
                guard visited.insert(sector).inserted, visited.count <= Self.maxSectors,
                      let data = Self.readSector(handle, sector, size: sectorSize) else { return nil }
                for entry in stride(from: 0, to: sectorSize, by: 128) {
                    let length = Int(Self.u16(data, entry + 0x40))
                    let type = data[data.startIndex + entry + 0x42]
                    guard type != 0, length >= 2, length <= 64 else { continue }
                    let start = data.startIndex + entry
                    let units = stride(from: 0, to: length - 2, by: 2).map {
                        UInt16(data[start + $0]) | UInt16(data[start + $0 + 1]) << 8
                    }
                    names.append(String(decoding: units, as: UTF16.self))
                }
                // Next sector of the directory chain, from the FAT.
                let perSector = sectorSize / 4
                let fatIndex = Int(sector) / perSector
                guard fatIndex < fatSectors.count else { return nil }
                if fatCache[fatIndex] == nil {
                    guard let fat = Self.readSector(handle, fatSectors[fatIndex], size: sectorSize) else { return nil }
                    fatCache[fatIndex] = fat
                }
                guard let fat = fatCache[fatIndex] else { return nil }
                sector = Self.u32(fat, 4 * (Int(sector) % perSector))
            }
            return names
        }

        static func readSector(_ handle: FileHandle, _ index: UInt32, size: Int) -> Data? {
            guard index < 0xFFFF_FFFA else { return nil }
            let offset = (UInt64(index) + 1) * UInt64(size)
            guard (try? handle.seek(toOffset: offset)) != nil,
                  let data = try? handle.read(upToCount: size), data.count == size else { return nil }
            return data
        }

        static func u16(_ data: Data, _ offset: Int) -> UInt16 {
            let base = data.startIndex + offset
            return UInt16(data[base]) | UInt16(data[base + 1]) << 8
        }

        static func u32(_ data: Data, _ offset: Int) -> UInt32 {
            let base = data.startIndex + offset
            return UInt32(data[base]) | UInt32(data[base + 1]) << 8 | UInt32(data[base + 2]) << 16 | UInt32(data[base + 3]) << 24
        }
    }
}
