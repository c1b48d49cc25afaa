import Foundation
import Testing
@testable import OOXML

@Suite("Parts deflated ahead of libzip")
struct PrecompressedPartTests {
    typealias Support = CoreTestSupport

    /// Parts of every kind libzip treats differently: large and small XML, an empty part, bytes that
    /// deflate does not shrink (left to libzip, which may store them), and a part added stored.
    private static func parts() -> [(name: String, data: Data, compress: Bool)] {
        // Bytes deflate cannot shrink (xorshift: deterministic and fast).
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func noise(_ count: Int) -> Data {
            var bytes = [UInt8](repeating: 0, count: count)
            for i in bytes.indices {
                state ^= state << 13; state ^= state >> 7; state ^= state << 17
                bytes[i] = UInt8(truncatingIfNeeded: state >> 32)
            }
            return Data(bytes)
        }
        return [
            ("[Content_Types].xml", Data("<Types/>".utf8), true),
            ("xl/worksheets/sheet1.xml", Data((0..<40_000).map { "<row r=\"\($0)\"><c><v>\($0 * 7)</v></c></row>" }.joined().utf8), true),
            ("xl/worksheets/sheet2.xml", Data(String(repeating: "收入支出决算表", count: 5_000).utf8), true),
            ("xl/empty.xml", Data(), true),
            ("xl/noise.bin", noise(3_000), true),
            ("xl/bignoise.bin", noise(200_000), true),
            ("docProps/thumbnail.bin", Data([1, 2, 3, 4, 5]), false),
        ]
    }

    private static func writer(_ parts: [(name: String, data: Data, compress: Bool)], deflatingAhead: Bool) throws -> PackageWriter {
        let writer = PackageWriter()
        writer.deflatesAhead = deflatingAhead
        for part in parts { try writer.add(part.name, data: part.data, compress: part.compress) }
        return writer
    }

    @Test func precompressedPartsReadBackAndMatchLibzipsOwnDeflate() throws {
        let parts = Self.parts()
        let directory = try Support.makeTemporaryDirectory()
        let path = directory + "/ahead.xlsx"
        let ahead = try Self.writer(parts, deflatingAhead: true)
        try ahead.write(to: path, overwrite: false)
        #expect(try Support.zipTestStatus(path) == 0)

        let reader = try PackageReader(path: path)
        #expect(reader.parts.map(\.name) == parts.map(\.name))
        for (info, part) in zip(reader.parts, parts) { #expect(try reader.read(info) == part.data) }
        #expect(reader.part(named: "xl/worksheets/sheet1.xml")?.isCompressed == true)
        // Which parts went ahead: the parts deflate shrinks; tiny, empty, noise and stored parts are left to libzip.
        let wentAhead = ahead.deflateAhead().map { $0 != nil }
        #expect(wentAhead == [false, true, true, false, false, false, false])

        // The archive libzip writes when it deflates every part itself: the same bytes.
        let libzip = try Self.writer(parts, deflatingAhead: false)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == libzip.archiveData())
        #expect(try Self.writer(parts, deflatingAhead: true).archiveData() == libzip.archiveData())
    }
}
