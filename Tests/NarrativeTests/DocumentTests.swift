import Testing
import Foundation
@testable import Narrative

@Suite struct DocumentTests {
    static func temp(_ name: String, _ data: Data) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("narrative-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try data.write(to: url)
        return url.path
    }

    @Test func gb18030AndBomFilesReadLikeUtf8() throws {
        let utf8 = try NarrativeDocument.load(path: Corpus.path("01-income-clean.txt"))
        let gb = try NarrativeDocument.load(path: Corpus.path("37-gb18030-income-clean.txt"))
        #expect(gb.paragraphs.map(\.text) == utf8.paragraphs.map(\.text))
        let bom = try NarrativeDocument.load(path: Corpus.path("38-bom-change-clean.txt"))
        #expect(bom.paragraphs.first?.text == "第二部分 2021年度单位决算情况说明")
        #expect(bom.paragraphs.first?.section == .accountsIntro)
    }

    @Test func binaryIsRefused() {
        #expect { try NarrativeDocument.load(path: Corpus.path("39-binary.txt")) } throws: { error in
            "\(error)".contains("39-binary.txt")
        }
    }

    @Test func missingAndOversizedFilesAreRefused() throws {
        #expect { try NarrativeDocument.load(path: "/nonexistent/说明.txt") } throws: { "\($0)".contains("/nonexistent/说明.txt") }
        let big = try Self.temp("big.txt", Data(repeating: 0x41, count: NarrativeDocument.maxFileSize + 1))
        #expect { try NarrativeDocument.load(path: big) } throws: { "\($0)".contains("过大") }
    }

    @Test func oldWordFormatIsRefusedWithAdvice() throws {
        let doc = try Self.temp("说明.doc", Data([0xD0, 0xCF, 0x11, 0xE0]))
        #expect { try NarrativeDocument.load(path: doc) } throws: { "\($0)".contains("另存为 .docx") }
    }

    @Test func normalisedFiguresKeepTheirOriginalText() throws {
        let doc = try NarrativeDocument.load(path: Corpus.path("24-normalise-fullwidth.txt"))
        let claims = ClaimExtractor().claims(in: doc)
        let total = try #require(claims.first { $0.subject == .totalExpenditure })
        #expect(total.value == Decimal(string: "1704.86"))
        #expect(total.location.figureText == "１７０４．８６万元")
        let share = try #require(claims.first { $0.subject == .expenditure(.basic) && $0.kind == .share(of: .totalExpenditure) })
        #expect(share.value == Decimal(string: "7.59"))
        #expect(share.location.figureText == "７．５９％")
    }

    @Test(arguments: ["25-normalise-thousands.txt", "27-normalise-spaces.txt"])
    func separatorsAndSpacesInsideNumbers(_ file: String) throws {
        let claims = ClaimExtractor().claims(in: try NarrativeDocument.load(path: Corpus.path(file)))
        #expect(claims.contains { $0.subject == .totalExpenditure && $0.value == Decimal(string: "1704.86") })
        #expect(claims.contains { $0.subject == .expenditure(.basic) && $0.kind == .amount && $0.value == Decimal(string: "129.4") })
        #expect(claims.contains { $0.subject == .expenditure(.project) && $0.kind == .amount && $0.value == Decimal(string: "1575.46") })
    }

    @Test func traditionalCharacters() throws {
        let doc = try NarrativeDocument.load(path: Corpus.path("26-normalise-traditional.txt"))
        #expect(doc.paragraphs[1].section == .overall)
        let claims = ClaimExtractor().claims(in: doc)
        #expect(claims.contains { $0.subject == .grandTotal && $0.kind == .amount && $0.value == Decimal(string: "1704.87") })
        let change = try #require(claims.first { $0.kind == .changeAmount(direction: .decrease) })
        #expect(change.location.figureText == "39.72萬元")
        #expect(change.qualifiers.directionWord == "减少")
    }

    @Test func shareWithoutPercentIsKept() throws {
        let claims = ClaimExtractor().claims(in: try NarrativeDocument.load(path: Corpus.path("07-share-percent-missing.txt")))
        let share = try #require(claims.first { $0.kind == .share(of: .totalExpenditure) })
        #expect(share.qualifiers.percentMissing)
        #expect(share.unit == ClaimUnit.none)
        #expect(share.value == Decimal(string: "99.71"))
    }

    @Test func templateAlternativeIsNotReadAsAComparison() throws {
        let claims = ClaimExtractor().claims(in: try NarrativeDocument.load(path: Corpus.path("19-template-alternative.txt")))
        #expect(claims.contains { $0.kind == .comparison(.budgetLess) })
        #expect(!claims.contains { $0.kind == .comparison(.budgetEqual) })
    }
}

@Suite struct ComparisonTests {
    static func claims(_ body: String) -> [Claim] {
        ClaimExtractor().claims(in: NarrativeDocument(text: "第二部分 2021年度单位决算情况说明\n七、“三公”经费财政拨款支出决算情况说明\n" + body))
    }

    @Test func priorYearWithTheYearWritten() throws {
        let c = try #require(Self.claims("3.公务接待费支出0万元。公务接待费支出决算与2020年持平。").first { $0.kind == .comparison(.priorYearEqual) })
        #expect(c.subject == .threePublic(.reception))
        #expect(c.location.figureText == "与2020年持平")
    }

    @Test func oneClaimPerComparison() {
        let found = Self.claims("2021年“三公”经费财政拨款支出决算为0万元。决算数与预算数持平。").filter { $0.kind == .comparison(.budgetEqual) }
        #expect(found.count == 1)
        #expect(found.first?.location.figureText == "决算数与预算数持平")
    }
}
