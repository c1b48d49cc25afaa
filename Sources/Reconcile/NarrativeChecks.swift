import Foundation
import Accounts
import Narrative

/// Reads a narrative and checks it on its own (no workbook): `juesuan check --narrative FILE`.
public func checkNarrative(path: String, catalogue: SubjectCatalogue?) throws -> (claims: [Claim], findings: [Finding]) {
    let doc = try NarrativeDocument.load(path: path)
    let naming: any SubjectNaming = catalogue.map { CatalogueSubjectNaming($0) } ?? BuiltInSubjectNaming()
    let claims = ClaimExtractor(naming: naming).claims(in: doc)
    let findings = NarrativeChecker(naming: naming).check(doc, claims: claims)
    return (claims, findings)
}

/// Internal consistency of a narrative: its figures against each other and its wording.
/// Rule ids start with "N."; messages are Chinese.
public struct NarrativeChecker {
    var naming: any SubjectNaming

    public init(naming: (any SubjectNaming)? = nil) {
        self.naming = naming ?? BuiltInSubjectNaming()
    }

    public func check(_ doc: NarrativeDocument, claims: [Claim]) -> [Finding] {
        let ctx = NarrativeCheckContext(doc: doc, claims: claims)
        var out: [Finding] = []
        out += sumChecks(ctx)
        out += shareChecks(ctx)
        out += changeChecks(ctx)
        out += completionChecks(ctx)
        out += totalsAndDuplicates(ctx)
        out += readingChecks(ctx)
        // One finding per rule and place.
        var seen = Set<String>()
        return out.filter { f in
            var place = f.location.text
            if case let .narrative(_, _, _, figure) = f.location { place += figure ?? "" }
            return seen.insert("\(f.rule)|\(place)|\(f.message)").inserted
        }
    }
}

/// Claims indexed by paragraph, so that checks stay linear on long documents.
struct ClaimIndex {
    let claims: [Claim]
    private var byParagraph: [Int: [Int]] = [:]
    /// For claim i, its position in byParagraph[its paragraph].
    private var position: [Int] = []

    init(_ claims: [Claim]) {
        self.claims = claims
        position.reserveCapacity(claims.count)
        for (i, c) in claims.enumerated() {
            position.append(byParagraph[c.location.paragraph]?.count ?? 0)
            byParagraph[c.location.paragraph, default: []].append(i)
        }
    }

    /// The nearest claim before position i in the same paragraph that satisfies the test.
    /// Looks back a bounded distance: the figures a claim refers to are written close to it.
    func earlier(than i: Int, where test: (Claim) -> Bool) -> Claim? {
        guard let list = byParagraph[claims[i].location.paragraph] else { return nil }
        var k = position[i] - 1
        while k >= 0, position[i] - k <= 400 {
            if test(claims[list[k]]) { return claims[list[k]] }
            k -= 1
        }
        return nil
    }

    func inParagraph(_ paragraph: Int) -> [Claim] { (byParagraph[paragraph] ?? []).map { claims[$0] } }
}

/// The claims indexed for the checks.
struct NarrativeCheckContext {
    let doc: NarrativeDocument
    let claims: [Claim]
    /// Claims from sections 一–十 (not restatements in the 附件).
    let statements: [Claim]
    let index: ClaimIndex
    private var firstAmount: [ClaimSubject: Claim] = [:]
    private var firstAmountInParagraph: [ClaimSubject: [Int: Claim]] = [:]

    init(doc: NarrativeDocument, claims: [Claim]) {
        self.doc = doc
        self.claims = claims
        self.statements = claims.filter { !$0.qualifiers.isRestatement && $0.location.section.isAccountsSection }
        self.index = ClaimIndex(statements)
        for c in statements where c.kind == .amount && c.unit.isMoney && c.qualifiers.category == nil {
            if firstAmount[c.subject] == nil { firstAmount[c.subject] = c }
            if firstAmountInParagraph[c.subject]?[c.location.paragraph] == nil {
                firstAmountInParagraph[c.subject, default: [:]][c.location.paragraph] = c
            }
        }
    }

    /// The first stated amount of a subject (no category), preferring the given paragraph.
    func amount(_ subject: ClaimSubject, preferring paragraph: Int? = nil) -> Claim? {
        if let paragraph, let c = firstAmountInParagraph[subject]?[paragraph] { return c }
        return firstAmount[subject]
    }

    /// Amount claims of one paragraph.
    func amounts(inParagraph paragraph: Int) -> [Claim] {
        index.inParagraph(paragraph).filter { $0.kind == .amount && $0.unit.isMoney && $0.qualifiers.category == nil }
    }
}
