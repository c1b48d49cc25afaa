import Testing
@testable import Accounts

/// The YAML document tree built from libyaml's events: shapes, scalar styles, places, aliases,
/// and the texts it refuses, each as the YAML library used before (Yams) composed them.
@Suite struct YAMLDocumentTests {
    func parse(_ text: String) throws -> YAMLDocument {
        try #require(try YAMLDocument.parse(text))
    }

    func error(_ text: String) -> YAMLSyntaxError? {
        do { _ = try YAMLDocument.parse(text); return nil } catch { return error }
    }

    @Test func mappingsSequencesAndScalarsWithTheirPlaces() throws {
        let d = try parse("a: 1\nb: 'x'\nc: [p, \"q\", 中文]\nd:\n  - e: |\n      text\n")
        let top = try #require(d.pairs(d.root))
        #expect(top.map { d.string($0.key) } == ["a", "b", "c", "d"])
        #expect(d.string(top[0].value) == "1" && d.isPlain(top[0].value))
        #expect(d.string(top[1].value) == "x" && !d.isPlain(top[1].value))
        #expect((d.line(top[1].value), d.column(top[1].value)) == (2, 4))
        let items = try #require(d.items(top[2].value))
        #expect(items.map { d.string($0) } == ["p", "q", "中文"])
        #expect(d.column(items[items.startIndex + 2]) == 13)   // columns count characters, not bytes
        #expect(d.kind(top[2].value) == .sequence && d.pairs(top[2].value) == nil && d.string(top[2].value) == nil)
        let block = try #require(d.items(top[3].value)?.first.flatMap { d.pairs($0) }?.first?.value)
        #expect(d.string(block) == "text\n" && !d.isPlain(block) && d.line(block) == 5)
    }

    @Test func nullWordsAndEmptyValues() throws {
        let d = try parse("a:\nb: ~\nc: null\nd: ''\ne: nil\n")
        let values = try #require(d.pairs(d.root)).map(\.value)
        #expect(values.map { d.isNullWord($0) } == [true, true, true, true, false])
        #expect(values.map { d.isPlain($0) } == [true, true, true, false, true])
    }

    @Test func anAliasIsTheAnchoredNodeWithItsPlace() throws {
        let d = try parse("a: &x [1, 2]\nb: *x\nc: &y 3\nd: [*y, *x]\n")
        let v = try #require(d.pairs(d.root)).map(\.value)
        #expect(v[1] == v[0] && d.line(v[1]) == 1)
        #expect(try #require(d.items(v[3])).elementsEqual([v[2], v[0]]))
    }

    @Test func aScalarLosesOneLeadingByteOrderMark() throws {
        let d = try parse("a: \u{FEFF}元\nb: \"\u{FEFF}\u{FEFF}~\"\n")
        #expect(try #require(d.pairs(d.root)).map { d.string($0.value) } == ["元", "\u{FEFF}~"])
    }

    @Test func tagsAreIgnored() throws {
        let d = try parse("a: !!int 12\nb: !custom x\n")
        #expect(try #require(d.pairs(d.root)).map { d.string($0.value) } == ["12", "x"])
    }

    @Test func noDocumentIsNil() throws {
        #expect(try YAMLDocument.parse("") == nil)
        #expect(try YAMLDocument.parse("# only a comment\n") == nil)
        let d = try parse("---\n")
        #expect(d.kind(d.root) == .scalar && d.isNullWord(d.root))
    }

    @Test func refusedTextsSayWhatAndWhere() throws {
        let undefined = try #require(error("a: 1\nb: *nowhere\n"))
        #expect(undefined.stage == .composer && undefined.problem == "found undefined alias")
        #expect((undefined.line, undefined.column) == (2, 4))
        let twice = try #require(error("a: 1\n---\nb: 2\n"))
        #expect(twice.stage == .composer && twice.problem == "but found another document")
        #expect(twice.context == "expected a single document in the stream" && twice.line == 2)
        let unclosed = try #require(error("a: [1, 2\nb: 3\n"))
        #expect(unclosed.stage == .parser && (unclosed.line, unclosed.column) == (2, 2))
        #expect(unclosed.context == "while parsing a flow sequence" && unclosed.problem == "did not find expected ',' or ']'")
        let tab = try #require(error("a:\n\tb: 1\n"))
        #expect(tab.stage == .scanner && tab.line == 2 && tab.context == "while scanning for the next token")
        let control = try #require(error("a: \u{1}\n"))
        #expect(control.stage == .reader && control.problem == "control characters are not allowed")
    }

    /// The tree is built without recursion: nesting far deeper than any stack allows is still read.
    @Test func deepNestingCostsNoStack() throws {
        let depth = 100_000
        let d = try parse(String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
        var node = d.root, levels = 1
        while let inner = d.items(node)?.first { node = inner; levels += 1 }
        #expect(levels == depth)
    }
}
