import Foundation
import Testing
@testable import OOXML

@Suite("Zip container")
struct ContainerTests {
    typealias Support = CoreTestSupport

    private func samplePackage() throws -> PackageWriter {
        let writer = PackageWriter()
        try writer.add("[Content_Types].xml", data: Data("<Types/>".utf8))
        try writer.add("xl/workbook.xml", data: Data(String(repeating: "<sheet name=\"表\"/>", count: 200).utf8))
        try writer.add("docProps/thumbnail.bin", data: Data([1, 2, 3, 4, 5]), compress: false)
        return writer
    }

    @Test func writingIsDeterministicAndValid() throws {
        let directory = try Support.makeTemporaryDirectory()
        let first = directory + "/a.xlsx", second = directory + "/b.xlsx"
        try samplePackage().write(to: first, overwrite: false)
        try samplePackage().write(to: second, overwrite: false)
        let firstBytes = try Data(contentsOf: URL(fileURLWithPath: first))
        let secondBytes = try Data(contentsOf: URL(fileURLWithPath: second))
        #expect(firstBytes == secondBytes)
        #expect(try Support.zipTestStatus(first) == 0)

        // Fixed timestamps, no extra fields, parts in the order added, methods as asked.
        let listing = try Support.python("""
            import sys, zipfile
            for i in zipfile.ZipFile(sys.argv[1]).infolist():
                print(i.filename, i.date_time, len(i.extra), i.compress_type, i.flag_bits & 8, i.create_system, i.external_attr)
            """, arguments: [first])
        #expect(listing == """
            [Content_Types].xml (1980, 1, 1, 0, 0, 0) 0 8 0 0 0
            xl/workbook.xml (1980, 1, 1, 0, 0, 0) 0 8 0 0 0
            docProps/thumbnail.bin (1980, 1, 1, 0, 0, 0) 0 0 0 0 0

            """)

        let reader = try PackageReader(path: first)
        #expect(reader.parts.map(\.name) == ["[Content_Types].xml", "xl/workbook.xml", "docProps/thumbnail.bin"])
        #expect(try reader.read("xl/workbook.xml") == Data(String(repeating: "<sheet name=\"表\"/>", count: 200).utf8))
        #expect(reader.parts[2].isCompressed == false)
    }

    /// write(to:) has libzip write into the file itself; the bytes are those built in memory.
    @Test func fileWrittenArchiveEqualsTheOneBuiltInMemory() throws {
        let directory = try Support.makeTemporaryDirectory()
        let big = PackageWriter()
        // Incompressible bytes, so the archive is larger than any single write.
        var generator = SystemRandomNumberGenerator()
        let noise = Data((0..<300_000).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try big.add("a.bin", data: noise)
        try big.add("b.xml", data: Data(String(repeating: "<row/>", count: 50_000).utf8))
        // Past the sink's in-memory limit: gathered first, then written to the file piece by piece.
        let huge = PackageWriter()
        let hugeNoise = Data((0..<(ZipFileSink.bufferLimit / 8 + 100_000)).flatMap { _ in
            withUnsafeBytes(of: UInt64.random(in: 0...UInt64.max, using: &generator)) { Array($0) }
        })
        try huge.add("c.xml", data: Data(String(repeating: "<c/>", count: 10_000).utf8))
        try huge.add("d.bin", data: hugeNoise)
        try huge.add("e.xml", data: Data(String(repeating: "<e/>", count: 10_000).utf8))
        for (name, writer) in [("big.zip", big), ("huge.zip", huge), ("sample.xlsx", try samplePackage()),
                               ("empty.zip", PackageWriter())] {
            let path = directory + "/" + name
            try writer.write(to: path, overwrite: false)
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == writer.archiveData())
            #expect(try Support.zipTestStatus(path) == 0)
        }
        #expect(try PackageReader(path: directory + "/big.zip").read("a.bin") == noise)
        #expect(try PackageReader(path: directory + "/huge.zip").read("d.bin") == hugeNoise)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["big.zip", "empty.zip", "huge.zip", "sample.xlsx"])
    }

    @Test func partNamesMatchCaseInsensitivelyAndWithLeadingSlash() throws {
        let directory = try Support.makeTemporaryDirectory()
        let path = directory + "/a.docx"
        try samplePackage().write(to: path, overwrite: false)
        let reader = try PackageReader(path: path)
        #expect(reader.contains("[content_types].XML"))
        #expect(reader.contains("/xl/workbook.xml"))
        #expect(try reader.read("XL/Workbook.xml").count == reader.part(named: "xl/workbook.xml")?.uncompressedSize.asInt)
        let missing = Support.ooxmlError { _ = try reader.read("xl/styles.xml") }
        #expect(missing?.kind == .missingPart)
        #expect(missing?.description == "文件 \(path) 的部件 xl/styles.xml：缺少这个部件。")
    }

    @Test func oneReaderServesSeveralThreads() throws {
        let writer = PackageWriter()
        let contents = (0..<8).map { index in Data(String(repeating: "<row r=\"\(index)\"/>", count: 20_000).utf8) }
        for (index, data) in contents.enumerated() { try writer.add("xl/worksheets/sheet\(index).xml", data: data) }
        let path = try Support.makeTemporaryDirectory() + "/book.xlsx"
        try writer.write(to: path, overwrite: false)
        let reader = try PackageReader(path: path)
        let results = ConcurrentResults(count: contents.count)
        DispatchQueue.concurrentPerform(iterations: contents.count * 4) { iteration in
            let index = iteration % contents.count
            results.set(index, try? reader.read("xl/worksheets/sheet\(index).xml"))
        }
        #expect(results.values == contents)
    }

    @Test func rawCopyKeepsCompressedBytes() throws {
        let directory = try Support.makeTemporaryDirectory()
        let source = directory + "/source.zip"
        // Level 9 differs from the writer's level 6, so a recompression would change the bytes.
        try Support.python("""
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1], 'w') as z:
                z.writestr(zipfile.ZipInfo('xl/sharedStrings.xml'), ('<si><t>收入支出决算表</t></si>' * 3000).encode(), compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
                z.writestr(zipfile.ZipInfo('media/image1.png'), bytes(range(256)) * 4, compress_type=zipfile.ZIP_STORED)
            """, arguments: [source])
        let reader = try PackageReader(path: source)
        let writer = PackageWriter()
        try writer.add("[Content_Types].xml", data: Data("<Types/>".utf8))
        try writer.copyRaw("xl/sharedStrings.xml", from: reader)
        try writer.copyRaw("MEDIA/image1.png", from: reader, as: "xl/media/image1.png")
        let output = directory + "/out.xlsx"
        try writer.write(to: output, overwrite: false)
        #expect(try Support.zipTestStatus(output) == 0)

        let listing = try Support.python("""
            import sys, zipfile
            for i in zipfile.ZipFile(sys.argv[1]).infolist():
                print(i.filename, i.date_time, len(i.extra), i.flag_bits & 8, i.create_system, i.external_attr)
            """, arguments: [output])
        #expect(listing == """
            [Content_Types].xml (1980, 1, 1, 0, 0, 0) 0 0 0 0
            xl/sharedStrings.xml (1980, 1, 1, 0, 0, 0) 0 0 0 0
            xl/media/image1.png (1980, 1, 1, 0, 0, 0) 0 0 0 0

            """)

        let copied = try PackageReader(path: output)
        for (old, new) in [("xl/sharedStrings.xml", "xl/sharedStrings.xml"), ("media/image1.png", "xl/media/image1.png")] {
            #expect(try copied.rawBytes(new) == reader.rawBytes(old))
            #expect(try copied.read(new) == reader.read(old))
            #expect(copied.part(named: new)?.method == reader.part(named: old)?.method)
        }
    }

    /// Both ways of writing: the unnamed O_TMPFILE (Linux) and the dot-named temporary fallback.
    @Test(arguments: [true, false])
    func atomicWriteLeavesNoTemporaryFileAndRefusesOverwrite(unnamed: Bool) throws {
        let directory = try Support.makeTemporaryDirectory()
        let path = directory + "/report.json"
        try writeFileAtomically(Data("first".utf8), to: path, overwrite: false, allowsUnnamedFile: unnamed)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["report.json"])

        let refused = Support.ooxmlError {
            try writeFileAtomically(Data("second".utf8), to: path, overwrite: false, allowsUnnamedFile: unnamed)
        }
        #expect(refused?.kind == .alreadyExists)
        #expect(refused?.description.contains("已存在") == true)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "first")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["report.json"])

        try writeFileAtomically(Data("third".utf8), to: path, overwrite: true, allowsUnnamedFile: unnamed)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "third")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["report.json"])

        let writer = try samplePackage()
        let refusedPackage = Support.ooxmlError { try writer.write(to: path, overwrite: false) }
        #expect(refusedPackage?.kind == .alreadyExists)

        let missingDirectory = Support.ooxmlError {
            try writeFileAtomically(Data(), to: directory + "/no/such/dir/x.json", overwrite: false)
        }
        #expect(missingDirectory?.kind == .writeFailed)
    }

    @Test func writerRefusesUnsafeAndDuplicateNames() throws {
        let writer = PackageWriter()
        try writer.add("a.xml", data: Data())
        #expect(Support.ooxmlError { try writer.add("A.XML", data: Data()) }?.kind == .duplicateEntry)
        #expect(Support.ooxmlError { try writer.add("../evil", data: Data()) }?.kind == .unsafeName)
        #expect(Support.ooxmlError { try writer.add("/etc/passwd", data: Data()) }?.kind == .unsafeName)
    }

    // MARK: - Refusals at open

    /// Builds a zip with Python; `entries` is a Python list literal of (name, bytes) pairs.
    private func hostileZip(_ entries: String, in directory: String, name: String = "hostile.xlsx") throws -> String {
        let path = directory + "/" + name
        try Support.python("""
            import sys, zipfile, warnings
            warnings.simplefilter('ignore')
            with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
                for name, data in \(entries):
                    z.writestr(zipfile.ZipInfo(name), data, compress_type=zipfile.ZIP_DEFLATED)
            """, arguments: [path])
        return path
    }

    @Test(arguments: ["../x", "/etc/x", "xl/../../x", "C:/x", "xl\\..\\x"])
    func refusesZipSlipNames(_ name: String) throws {
        let directory = try Support.makeTemporaryDirectory()
        let path = try hostileZip("[('ok.xml', b'<a/>'), ('\(name.replacingOccurrences(of: "\\", with: "\\\\"))', b'evil')]", in: directory)
        let error = Support.ooxmlError { _ = try PackageReader(path: path) }
        #expect(error?.kind == .unsafeName)
        #expect(error?.part == name)
        #expect(error?.description.hasPrefix("文件 \(path) 的部件 \(name)：") == true)
    }

    @Test func refusesDuplicateEntries() throws {
        let directory = try Support.makeTemporaryDirectory()
        let exact = try hostileZip("[('a.xml', b'1'), ('a.xml', b'2')]", in: directory, name: "exact.xlsx")
        #expect(Support.ooxmlError { _ = try PackageReader(path: exact) }?.kind == .duplicateEntry)
        let folded = try hostileZip("[('xl/A.xml', b'1'), ('xl/a.XML', b'2')]", in: directory, name: "folded.xlsx")
        #expect(Support.ooxmlError { _ = try PackageReader(path: folded) }?.kind == .duplicateEntry)
    }

    @Test func refusesWhatIsNotAZip() throws {
        let directory = try Support.makeTemporaryDirectory()
        let text = directory + "/notes.xlsx"
        try Data("just some text".utf8).write(to: URL(fileURLWithPath: text))
        #expect(Support.ooxmlError { _ = try PackageReader(path: text) }?.kind == .notZip)

        let empty = directory + "/empty.xlsx"
        try Data().write(to: URL(fileURLWithPath: empty))
        #expect(Support.ooxmlError { _ = try PackageReader(path: empty) }?.kind == .notZip)

        let missing = Support.ooxmlError { _ = try PackageReader(path: directory + "/absent.xlsx") }
        #expect(missing?.kind == .notFound)
        #expect(missing?.description == "文件 \(directory)/absent.xlsx：文件不存在。")
    }

    @Test func recognisesOldBinaryFiles() throws {
        // Saved by LibreOffice as Excel 97-2003 and Word 97-2003.
        let legacy = Support.ooxmlError { _ = try PackageReader(path: Support.fixture("legacy.xls")) }
        #expect(legacy?.kind == .legacyBinaryXLS)
        #expect(legacy?.description.contains("请在 Excel 或 WPS 中另存为 .xlsx 后再试") == true)
        let word = Support.ooxmlError { _ = try PackageReader(path: Support.fixture("legacy.doc")) }
        #expect(word?.kind == .legacyBinaryDOC)
        #expect(word?.description.contains(".docx") == true)
    }

    @Test func recognisesPasswordProtectedOOXML() throws {
        let directory = try Support.makeTemporaryDirectory()
        let path = directory + "/locked.xlsx"
        try Self.compoundFile(streams: ["EncryptionInfo", "EncryptedPackage"]).write(to: URL(fileURLWithPath: path))
        let encrypted = Support.ooxmlError { _ = try PackageReader(path: path) }
        #expect(encrypted?.kind == .encrypted)
        #expect(encrypted?.description.contains("密码") == true)

        // Only the directory walk can find this one (the fallback scan looks for EncryptedPackage).
        let infoOnly = directory + "/info-only.xlsx"
        try Self.compoundFile(streams: ["EncryptionInfo"]).write(to: URL(fileURLWithPath: infoOnly))
        #expect(Support.ooxmlError { _ = try PackageReader(path: infoOnly) }?.kind == .encrypted)

        let workbook = directory + "/book.xls"
        try Self.compoundFile(streams: ["Workbook"]).write(to: URL(fileURLWithPath: workbook))
        #expect(Support.ooxmlError { _ = try PackageReader(path: workbook) }?.kind == .legacyBinaryXLS)

        // A damaged directory still gives the right answer by scanning for the stream name.
        let damaged = directory + "/damaged.xlsx"
        let magic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
        let name = Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        try Data(magic + [UInt8](repeating: 0, count: 1024) + name + [0, 0]).write(to: URL(fileURLWithPath: damaged))
        #expect(Support.ooxmlError { _ = try PackageReader(path: damaged) }?.kind == .encrypted)
    }

    /// A minimal OLE2 compound file: header, one FAT sector, one directory sector with a root
    /// entry and the given (empty) streams.
    static func compoundFile(streams: [String]) -> Data {
        func u16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
        func u32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }
        var header = [UInt8](repeating: 0, count: 512)
        func put(_ bytes: [UInt8], at offset: Int) { header.replaceSubrange(offset..<offset + bytes.count, with: bytes) }
        put([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], at: 0)
        put(u16(0x3E), at: 0x18); put(u16(3), at: 0x1A); put(u16(0xFFFE), at: 0x1C)
        put(u16(9), at: 0x1E); put(u16(6), at: 0x20)
        put(u32(1), at: 0x2C)                 // one FAT sector
        put(u32(1), at: 0x30)                 // directory starts in sector 1
        put(u32(4096), at: 0x38)
        put(u32(0xFFFF_FFFE), at: 0x3C); put(u32(0xFFFF_FFFE), at: 0x44)
        put(u32(0), at: 0x4C)                 // the FAT is sector 0
        for slot in 1..<109 { put(u32(0xFFFF_FFFF), at: 0x4C + 4 * slot) }
        var fat = u32(0xFFFF_FFFD) + u32(0xFFFF_FFFE)
        fat += [UInt8](repeating: 0xFF, count: 512 - fat.count)
        var directory: [UInt8] = []
        for (position, name) in (["Root Entry"] + streams).enumerated() {
            var entry = [UInt8](repeating: 0, count: 128)
            let units = Array(name.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            entry.replaceSubrange(0..<units.count, with: units)
            entry.replaceSubrange(0x40..<0x42, with: u16(UInt16(units.count + 2)))
            entry[0x42] = position == 0 ? 5 : 2
            directory += entry
        }
        directory += [UInt8](repeating: 0, count: 512 - directory.count)
        return Data(header + fat + directory)
    }

    @Test func refusesTruncatedZip() throws {
        let directory = try Support.makeTemporaryDirectory()
        let whole = directory + "/whole.xlsx"
        try samplePackage().write(to: whole, overwrite: false)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: whole))
        let cut = directory + "/cut.xlsx"
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: cut))
        let error = Support.ooxmlError { _ = try PackageReader(path: cut) }
        #expect(error?.kind == .truncated)
        #expect(error?.description.contains("不完整") == true)
    }

    @Test func refusesCompressionBomb() throws {
        let directory = try Support.makeTemporaryDirectory()
        // 40 MB of zeros deflates to about 40 KB: a ratio near 1000:1.
        let path = try hostileZip("[('xl/worksheets/sheet1.xml', bytes(40 * 1024 * 1024))]", in: directory)
        let error = Support.ooxmlError { _ = try PackageReader(path: path) }
        #expect(error?.kind == .limitExceeded)
        #expect(error?.part == "xl/worksheets/sheet1.xml")

    }

    @Test func readStopsWhenActualBytesExceedDeclaredSize() throws {
        let directory = try Support.makeTemporaryDirectory()
        let path = try hostileZip("[('xl/worksheets/sheet1.xml', bytes(40 * 1024 * 1024))]", in: directory)
        // Make the archive lie: declare 1000 bytes in both the local header and the central directory.
        try Support.python("""
            import sys, struct
            data = bytearray(open(sys.argv[1], 'rb').read())
            struct.pack_into('<I', data, 22, 1000)
            central = data.index(b'PK\\x01\\x02')
            struct.pack_into('<I', data, central + 24, 1000)
            open(sys.argv[1], 'wb').write(data)
            """, arguments: [path])
        let reader = try PackageReader(path: path)
        #expect(reader.parts.first?.uncompressedSize == 1000)
        let error = Support.ooxmlError { _ = try reader.read("xl/worksheets/sheet1.xml") }
        #expect(error?.kind == .invalidContent)
        #expect(error?.part == "xl/worksheets/sheet1.xml")
    }

    @Test func corruptDataIsReportedNotReturned() throws {
        let directory = try Support.makeTemporaryDirectory()
        let path = try hostileZip("[('xl/sharedStrings.xml', ''.join('<si><t>%d</t></si>' % i for i in range(20000)).encode())]",
                                  in: directory)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let dataStart = 30 + "xl/sharedStrings.xml".utf8.count
        for offset in dataStart + 40..<dataStart + 80 { bytes[offset] ^= 0x5A }
        try bytes.write(to: URL(fileURLWithPath: path))
        let reader = try PackageReader(path: path)
        let error = Support.ooxmlError { _ = try reader.read("xl/sharedStrings.xml") }
        #expect(error?.kind == .invalidContent)
        #expect(error?.description.contains("已损坏") == true)
    }

    @Test func enforcesCountAndTotalLimits() throws {
        let directory = try Support.makeTemporaryDirectory()
        let path = try hostileZip("[('a%d.xml' % i, b'x' * 3000) for i in range(5)]", in: directory)
        let fewParts = ZipLimits(maxParts: 4, maxPartSize: 1 << 20, maxTotalSize: 1 << 20,
                                 maxCompressionRatio: 100, ratioThreshold: 1 << 20)
        #expect(Support.ooxmlError { _ = try PackageReader(path: path, limits: fewParts) }?.kind == .limitExceeded)
        let smallTotal = ZipLimits(maxParts: 10, maxPartSize: 1 << 20, maxTotalSize: 10_000,
                                   maxCompressionRatio: 100, ratioThreshold: 1 << 20)
        #expect(Support.ooxmlError { _ = try PackageReader(path: path, limits: smallTotal) }?.kind == .limitExceeded)
        let smallPart = ZipLimits(maxParts: 10, maxPartSize: 2000, maxTotalSize: 1 << 20,
                                  maxCompressionRatio: 100, ratioThreshold: 1 << 20)
        #expect(Support.ooxmlError { _ = try PackageReader(path: path, limits: smallPart) }?.kind == .limitExceeded)
        #expect(try PackageReader(path: path).parts.count == 5)
    }
}

extension Int64 {
    var asInt: Int { Int(self) }
}

/// Collects results written from several threads.
final class ConcurrentResults: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Data?]

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Data?) {
        lock.lock()
        defer { lock.unlock() }
        if let existing = storage[index], existing != value { storage[index] = Data("mismatch".utf8) } else { storage[index] = value }
    }

    var values: [Data?] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}
