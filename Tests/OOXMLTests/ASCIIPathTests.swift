@testable import OOXML
import Testing

@Suite struct ASCIIPathTests {
    static let names = ["", "/", "//", "a", "/a", "a/", "xl/worksheets/sheet1.xml", "/xl//a.xml", "../xl/x.xml", "./a/../b",
                        "a\\..\\b", "..", "...", "a/../b", "a/..b/c", "\r\n/x", "a\\b/..", ".\\..", "x/..\\y"]

    /// By bytes, ASCII text splits as by Characters.
    @Test func splitsAsCharactersDo() {
        for name in Self.names {
            #expect(ASCIIPath.split(name, UInt8(ascii: "/")) == name.split(separator: "/"), "\(name)")
            #expect(ASCIIPath.split(name, UInt8(ascii: "/"), omittingEmpty: false)
                    == name.split(separator: "/", omittingEmptySubsequences: false), "\(name)")
            let parent = name.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "/" || $0 == "\\" }).contains { $0 == ".." }
            #expect(ASCIIPath.hasParentSegment(name) == parent, "\(name)")
        }
    }

    /// Other text is left to the Character-based code.
    @Test func leavesOtherTextAlone() {
        #expect(ASCIIPath.split("表/a", UInt8(ascii: "/")) == nil)
        #expect(ASCIIPath.hasParentSegment("/\u{301}..") == nil)
    }
}
