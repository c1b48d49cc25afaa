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
            seen.insert("\(f.rule)|\(f.location)|\(f.message)").inserted
        }
    }
}

/// Claims indexed by paragraph, so that checks stay linear on long documents.
struct ClaimIndex {
    let claims: [Claim]
    private var byParagraph: [Int: [Int]] = [:]

    init(_ claims: [Claim]) {
        self.claims = claims
        for (i, c) in claims.enumerated() { byParagraph[c.location.paragraph, default: []].append(i) }
    }

    /// The nearest claim before position i in the same paragraph that satisfies the test.
    /// Looks back a bounded distance: the figures a claim refers to are written close to it.
    func earlier(than i: Int, where test: (Claim) -> Bool) -> Claim? {
        guard let list = byParagraph[claims[i].location.paragraph] else { return nil }
        var looked = 0
        for j in list.reversed() where j < i {
            if test(claims[j]) { return claims[j] }
            looked += 1
            if looked >= 400 { break }
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
    private var amountsBySubject: [ClaimSubject: [Claim]] = [:]

    init(doc: NarrativeDocument, claims: [Claim]) {
        self.doc = doc
        self.claims = claims
        self.statements = claims.filter { !$0.qualifiers.isRestatement && $0.location.section.isAccountsSection }
        self.index = ClaimIndex(statements)
        for c in statements where c.kind == .amount && c.unit.isMoney && c.qualifiers.category == nil {
            amountsBySubject[c.subject, default: []].append(c)
        }
    }

    /// The first stated amount of a subject (no category), preferring the given paragraph.
    func amount(_ subject: ClaimSubject, preferring paragraph: Int? = nil) -> Claim? {
        let candidates = amountsBySubject[subject] ?? []
        if let paragraph, let c = candidates.first(where: { $0.location.paragraph == paragraph }) { return c }
        return candidates.first
    }

    /// Amount claims of one paragraph.
    func amounts(inParagraph paragraph: Int) -> [Claim] {
        index.inParagraph(paragraph).filter { $0.kind == .amount && $0.unit.isMoney && $0.qualifiers.category == nil }
    }
}
