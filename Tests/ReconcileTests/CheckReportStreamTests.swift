import Accounts
import Foundation
import Narrative
import TableSet
import Testing
@testable import Reconcile

/// The check JSON (`jsonData()`, `streamJSON`) must give exactly the bytes JSONSerialization gave
/// before it, so that check files do not change for their readers.
@Suite struct CheckReportStreamTests {
    func streamed(_ report: CheckReport) throws -> Data {
        var out = Data()
        try report.streamJSON { out.append(contentsOf: $0.utf8) }
        return out
    }

    /// The report as JSONSerialization writes it (sorted keys, pretty-printed, slashes unescaped):
    /// the bytes check files had before the streamed encoder, which must keep them.
    static func serialized(_ report: CheckReport) throws -> Data {
        func opt(_ s: String?) -> Any { s.map { $0 as Any } ?? NSNull() }
        let findings: [[String: Any]] = report.findings.map { f in
            ["rule": f.rule, "severity": f.severity.rawValue, "location": json(f.location), "message": f.message,
             "summary": f.summary, "expected": opt(f.expected), "found": opt(f.found), "explanation": opt(f.explanation)]
        }
        let unbound: [[String: Any]] = (report.claims?.unbound ?? []).map { b in
            ["sentence": b.claim.location.sentence, "figure": b.claim.location.figureText, "reason": b.reason ?? "",
             "section": b.claim.location.section.title, "paragraph": b.claim.location.paragraph]
        }
        let object: [String: Any] = [
            "schema": CheckReport.schema,
            "workbook": opt(report.workbook),
            "narrative": opt(report.narrative),
            "summary": ["errors": report.errors, "hints": report.hints, "explained": report.explained,
                        "unexplainedErrors": report.unexplainedErrors],
            "findings": findings,
            "claims": ["found": report.claims?.found ?? 0, "bound": report.claims?.bound.count ?? 0, "unbound": unbound],
        ]
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
    }

    static func json(_ location: FindingLocation) -> [String: Any] {
        var out: [String: Any] = ["text": location.text]
        switch location {
        case let .cells(sheet, cells, table):
            out["kind"] = "cells"; out["sheet"] = sheet; out["cells"] = cells
            out["table"] = table.map { $0.rawValue as Any } ?? NSNull()
        case let .table(id):
            out["kind"] = "table"; out["table"] = id.rawValue; out["tableTitle"] = id.title
        case let .narrative(section, paragraph, sentence, figure):
            out["kind"] = "narrative"; out["section"] = section; out["paragraph"] = paragraph
            out["sentence"] = sentence; out["figure"] = figure.map { $0 as Any } ?? NSNull()
        case let .dataFile(loc):
            out["kind"] = "dataFile"; out["file"] = loc.file; out["line"] = loc.line
        case let .file(path):
            out["kind"] = "file"; out["path"] = path
        }
        return out
    }

    @Test func sampleReportWithNarrativeClaimsIsByteIdentical() throws {
        let workbook = try SampleExport.workbook()
        let read = try TableLocator.read(workbook: workbook)
        let checked = ClaimChecker(tables: read.tables, sources: read.sources, accounts: try SampleExport.accounts())
            .check(try SampleNarrative.claims())
        let report = CheckReport(workbook: "sample.xlsx", narrative: "sample.docx",
                                 findings: read.problems + TableRuleEvaluator(read: read).evaluate() + checked.findings, claims: checked)
        #expect(!(report.claims?.unbound.isEmpty ?? true))
        #expect(try streamed(report) == Self.serialized(report))
        #expect(try report.jsonData() == Self.serialized(report))
    }

    @Test func everyLocationKindAndAwkwardTextIsByteIdentical() throws {
        // Every control character, quotes, backslashes, slashes, CJK and an emoji.
        let awkward = String((0..<32).map { Character(Unicode.Scalar($0)!) }) + "\"引号\" \\反斜杠\\ a/b </script> 😀 \u{7f}\u{2028}"
        let locations: [FindingLocation] = [
            .cells(sheet: awkward, cells: ["A1", "B2"], table: .t01), .cells(sheet: "表", cells: [], table: nil),
            .table(.t09), .narrative(section: awkward, paragraph: 3, sentence: awkward, figure: nil),
            .narrative(section: "一", paragraph: 1, sentence: "句", figure: "12.5"),
            .dataFile(SourceLocation(file: "units/a\\b.yaml", line: 42)), .file(awkward),
        ]
        var findings: [Finding] = []
        for (i, location) in locations.enumerated() {
            findings.append(Finding(rule: "R.\(i)", severity: i % 2 == 0 ? .error : .hint, location: location,
                                    message: awkward + String(i), expected: i % 3 == 0 ? nil : awkward,
                                    found: i % 2 == 0 ? "x" : nil, explanation: i == 1 ? awkward : nil))
        }
        for report in [CheckReport(workbook: awkward, narrative: nil, findings: findings, claims: nil),
                       CheckReport(workbook: nil, narrative: "说明.docx", findings: [], claims: nil)] {
            let got = try streamed(report), want = try Self.serialized(report)
            #expect(got == want, "\(String(decoding: got, as: UTF8.self))\n---\n\(String(decoding: want, as: UTF8.self))")
        }
    }
}
