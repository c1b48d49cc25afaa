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

/// The claims indexed for the checks.
struct NarrativeCheckContext {
    let doc: NarrativeDocument
    let claims: [Claim]
    /// Claims from sections 一–十 (not restatements in the 附件).
    let statements: [Claim]

    init(doc: NarrativeDocument, claims: [Claim]) {
        self.doc = doc
        self.claims = claims
        self.statements = claims.filter { !$0.qualifiers.isRestatement && $0.location.section.isAccountsSection }
    }

    /// The first stated amount of a subject (no category), preferring the given paragraph.
    func amount(_ subject: ClaimSubject, preferring paragraph: Int? = nil) -> Claim? {
        let candidates = statements.filter { $0.kind == .amount && $0.subject == subject && $0.unit.isMoney && $0.qualifiers.category == nil }
        if let paragraph, let c = candidates.first(where: { $0.location.paragraph == paragraph }) { return c }
        return candidates.first
    }

    /// Amount claims of one paragraph.
    func amounts(inParagraph paragraph: Int) -> [Claim] {
        statements.filter { $0.location.paragraph == paragraph && $0.kind == .amount && $0.unit.isMoney && $0.qualifiers.category == nil }
    }

    func paragraphs(_ section: NarrativeSection) -> [Int] {
        Array(Set(statements.filter { $0.location.section == section }.map(\.location.paragraph))).sorted()
    }
}
