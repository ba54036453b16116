import ConcordDiagnostics
@testable import ConcordReporters
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest

final class SARIFTests: XCTestCase {
    private static let validator = """
    import json, sys
    try:
        from jsonschema.validators import validator_for
    except ImportError:
        print("jsonschema is not installed"); sys.exit(3)
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    instance = json.loads(sys.stdin.read())
    cls = validator_for(schema)
    cls.check_schema(schema)
    errors = sorted(cls(schema, format_checker=cls.FORMAT_CHECKER).iter_errors(instance), key=str)
    for e in errors:
        print(e.message, "at", "/".join(str(p) for p in e.absolute_path))
    sys.exit(1 if errors else 0)
    """

    private func validate(_ report: Report, options: ReporterOptions) throws {
        guard let schema = sarifSchemaURL() else {
            throw XCTSkip("SARIF schema not found at ../shared/schemas/sarif-schema-2.1.0.json from the package root")
        }
        let sarif = SARIFReporter().render(report, options: options)
        guard let result = runPython(SARIFTests.validator, arguments: [schema.path], input: sarif) else {
            throw XCTSkip("python3 is not available to validate SARIF")
        }
        if result.status == 3 { throw XCTSkip("python3 has no jsonschema package: \(result.output)") }
        XCTAssertEqual(result.status, 0, "SARIF is not valid against the 2.1.0 schema:\n\(result.output)")
    }

    func testFixtureValidatesAgainstSchema() throws {
        try validate(Fixture.report, options: Fixture.options)
    }

    func testFixesValidateAgainstSchema() throws {
        try validate(FixFixture.report, options: Fixture.options)
    }

    func testEmptyReportValidatesAgainstSchema() throws {
        try validate(Fixture.emptyReport, options: ReporterOptions())
    }

    func testOddInputValidatesAgainstSchema() throws {
        try validate(Report(diagnostics: Robustness.oddDiagnostics, sources: Robustness.sources),
                     options: ReporterOptions(currentDirectory: "/repo with space/"))
    }

    func testStructure() throws {
        let text = SARIFReporter().render(Fixture.report, options: Fixture.options)
        let root = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        XCTAssertEqual(root["version"] as? String, "2.1.0")
        let run = try XCTUnwrap((root["runs"] as? [[String: Any]])?.first)
        XCTAssertEqual(run["columnKind"] as? String, "unicodeCodePoints")
        let driver = try XCTUnwrap((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try XCTUnwrap(driver["rules"] as? [[String: Any]])
        let ids = rules.compactMap { $0["id"] as? String }
        // Declared rules first, in order, then undeclared ids seen in diagnostics, sorted.
        XCTAssertEqual(ids, ["unique-id", "name-script", "coords-range", "no-tabs", "capital-known", "schema-header"])
        let results = try XCTUnwrap(run["results"] as? [[String: Any]])
        XCTAssertEqual(results.count, Fixture.report.diagnostics.count)
        for result in results {
            let index = try XCTUnwrap(result["ruleIndex"] as? Int)
            XCTAssertEqual(ids[index], result["ruleId"] as? String)
        }
        // The span after non-ASCII characters: columns in scalars, end exclusive.
        let kyiv = try XCTUnwrap(results.first { $0["ruleId"] as? String == "name-script" })
        let location = try XCTUnwrap((kyiv["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        let region = try XCTUnwrap(location["region"] as? [String: Int])
        XCTAssertEqual(region, ["startLine": 5, "startColumn": 26, "endLine": 5, "endColumn": 30])
        let artifact = try XCTUnwrap(location["artifactLocation"] as? [String: String])
        XCTAssertEqual(artifact, ["uri": "data/cities.yaml", "uriBaseId": "%SRCROOT%"])
        XCTAssertEqual(kyiv["partialFingerprints"] as? [String: String], ["concordFingerprint/v1": "name-script/IDF"])
        XCTAssertEqual(kyiv["level"] as? String, "warning")
        let info = try XCTUnwrap(results.first { $0["ruleId"] as? String == "no-tabs" })
        XCTAssertEqual(info["level"] as? String, "note")
        let capital = try XCTUnwrap(results.first { $0["ruleId"] as? String == "capital-known" })
        XCTAssertEqual((capital["relatedLocations"] as? [[String: Any]])?.count, 2)
    }
}

final class GCCTests: XCTestCase {
    /// VS Code's `$gcc` problem matcher.
    private let gccPattern = #"^(.*?):(\d+):(\d*):?\s+(?:fatal\s+)?(warning|error):\s+(.*)$"#
    /// vim's default `%f:%l:%c: %m` shape (and GCC's note lines).
    private let vimPattern = #"^[^:]+:\d+:\d+: (error|warning|note): .*$"#

    func testEveryLineIsParseable() throws {
        let gcc = try NSRegularExpression(pattern: gccPattern)
        let vim = try NSRegularExpression(pattern: vimPattern)
        let text = GCCReporter().render(Fixture.report, options: Fixture.options)
        XCTAssertTrue(text.hasSuffix("\n"))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        XCTAssertEqual(lines.count, 9)
        var matchedByGCC = 0
        for line in lines {
            let range = NSRange(line.startIndex..., in: line)
            XCTAssertNotNil(vim.firstMatch(in: line, range: range), "not in vim's %f:%l:%c: %m shape: \(line)")
            if let match = gcc.firstMatch(in: line, range: range) {
                matchedByGCC += 1
                XCTAssertTrue(line.hasSuffix("]"), "an error/warning line ends with its rule id: \(line)")
                let kind = (line as NSString).substring(with: match.range(at: 4))
                XCTAssertTrue(kind == "error" || kind == "warning")
            } else {
                XCTAssertTrue(line.contains(": note: "), "neither an error/warning line nor a note line: \(line)")
            }
        }
        // 3 errors + 2 warnings; info and related locations are note lines.
        XCTAssertEqual(matchedByGCC, 5)
    }

    func testCoordinatesAndWholeFile() {
        let text = GCCReporter().render(Fixture.report, options: Fixture.options)
        XCTAssertTrue(text.contains("data/cities.yaml:5:26: warning: name mixes scripts: Latin, Cyrillic (100% sure)\\nuse one script per name [name-script]\n"))
        XCTAssertTrue(text.contains("data/countries.yaml:1:1: warning: file has no `# schema:` header [schema-header]\n"))
        XCTAssertTrue(text.contains("data/cities.yaml:6:12: note: tab before a flow item [no-tabs]\n"))
    }
}

final class GitHubTests: XCTestCase {
    func testEscapingFunctions() {
        XCTAssertEqual(GitHubReporter.escapeData("a%b\rc\nd:e,f"), "a%25b%0Dc%0Ad:e,f")
        XCTAssertEqual(GitHubReporter.escapeProperty("a%b\rc\nd:e,f"), "a%25b%0Dc%0Ad%3Ae%2Cf")
    }

    func testEscapingInCommand() {
        let d = Diagnostic(
            ruleID: "rule:with,odd%chars", severity: .warning, message: "100% wrong: a, b\r\nnext",
            location: SourceLocation(file: "dir,1/a:b%.yaml",
                                     range: SourceRange(start: SourcePosition(line: 2, column: 3, offset: 10),
                                                        end: SourcePosition(line: 2, column: 5, offset: 12))))
        let text = GitHubReporter().render(Report(diagnostics: [d]), options: ReporterOptions())
        XCTAssertEqual(text, "::warning file=dir%2C1/a%3Ab%25.yaml,line=2,col=3,endLine=2,endColumn=5,"
            + "title=rule%3Awith%2Codd%25chars::100%25 wrong: a, b%0D%0Anext\n")
    }

    func testSeverities() {
        let text = GitHubReporter().render(Fixture.report, options: Fixture.options)
        let commands = text.split(separator: "\n").map { $0.prefix { $0 != " " } }
        XCTAssertEqual(commands, ["::warning", "::notice", "::error", "::error", "::warning", "::error"])
        // Multi-line ranges give endLine but no endColumn.
        XCTAssertTrue(text.contains("::error file=data/cities.yaml,line=9,col=3,endLine=11,title=coords-range::"))
        // Every command stays on one line.
        XCTAssertEqual(text.split(separator: "\n").count, Fixture.report.diagnostics.count)
    }

    func testStepSummary() {
        let md = GitHubReporter.stepSummary(Fixture.report, options: Fixture.options, maxRows: 2)
        XCTAssertTrue(md.hasPrefix("## Concord\n"))
        XCTAssertEqual(md.components(separatedBy: "\n| ").count - 1, 1 + 1 + 2, "header, separator and 2 rows")
        XCTAssertTrue(md.contains("… and 4 more diagnostics not shown."))
        let empty = GitHubReporter.stepSummary(Fixture.emptyReport)
        XCTAssertEqual(empty, "## Concord\n\n✔ no problems in 3 files (120 records, 14 rules)\n")
        XCTAssertEqual(GitHubReporter.markdown("a|b\nc<d>&`e`"), "a\\|b<br>c&lt;d&gt;&amp;\\`e\\`")
    }
}

final class JUnitTests: XCTestCase {
    func testWellFormedWithCounts() throws {
        let xml = JUnitReporter().render(Fixture.report, options: Fixture.options)
        #if canImport(FoundationXML) || os(macOS)
        let document = try XMLDocument(xmlString: xml)
        let root = try XCTUnwrap(document.rootElement())
        XCTAssertEqual(root.name, "testsuites")
        XCTAssertEqual(root.attribute(forName: "tests")?.stringValue, "10")
        XCTAssertEqual(root.attribute(forName: "failures")?.stringValue, "5")
        let suites = root.elements(forName: "testsuite")
        XCTAssertEqual(suites.map { $0.attribute(forName: "name")?.stringValue }, ["data/cities.yaml", "data/countries.yaml"])
        var cases = 0, failures = 0
        for suite in suites {
            let testcases = suite.elements(forName: "testcase")
            let failed = testcases.filter { !$0.elements(forName: "failure").isEmpty }
            XCTAssertEqual(suite.attribute(forName: "tests")?.stringValue, String(testcases.count))
            XCTAssertEqual(suite.attribute(forName: "failures")?.stringValue, String(failed.count))
            cases += testcases.count
            failures += failed.count
        }
        XCTAssertEqual(cases, 10)
        XCTAssertEqual(failures, 5)
        // Attribute values round-trip, newlines included.
        let failure = try XCTUnwrap(try document.nodes(forXPath: "//testcase[@name='name-script']/failure").first as? XMLElement)
        XCTAssertEqual(failure.attribute(forName: "message")?.stringValue,
                       "name mixes scripts: Latin, Cyrillic (100% sure)\nuse one script per name")
        XCTAssertEqual(failure.attribute(forName: "type")?.stringValue, "warning")
        #else
        throw XCTSkip("no XMLDocument on this platform")
        #endif
    }

    func testWellFormedWithPython() throws {
        let script = """
        import sys, xml.etree.ElementTree as ET
        root = ET.fromstring(sys.stdin.buffer.read())
        print(root.get("tests"), root.get("failures"), len(root.findall(".//testcase")), len(root.findall(".//failure")))
        """
        let xml = JUnitReporter().render(Fixture.report, options: Fixture.options)
        guard let result = runPython(script, input: xml) else { throw XCTSkip("python3 is not available") }
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertEqual(result.output, "10 5 10 5\n")
    }

    func testInvalidXMLCharactersAreStripped() throws {
        let d = Diagnostic(ruleID: "r<&>", severity: .error, message: "bad \u{1}\u{8}\u{FFFE} chars \"q\" 'a' ]]>",
                           location: SourceLocation(file: "a&b.yaml"))
        let xml = JUnitReporter().render(Report(diagnostics: [d]), options: ReporterOptions())
        XCTAssertFalse(xml.unicodeScalars.contains { !XML.isAllowed($0) })
        XCTAssertTrue(xml.contains("bad  chars &quot;q&quot; &apos;a&apos; ]]&gt;"))
        #if canImport(FoundationXML) || os(macOS)
        let document = try XMLDocument(xmlString: xml)
        XCTAssertEqual(document.rootElement()?.attribute(forName: "failures")?.stringValue, "1")
        #endif
    }

    func testEmptyReportIsNotEmpty() throws {
        let xml = JUnitReporter().render(Fixture.emptyReport, options: ReporterOptions())
        XCTAssertTrue(xml.contains("<testsuite name=\"concord\" tests=\"1\" failures=\"0\""))
        #if canImport(FoundationXML) || os(macOS)
        _ = try XMLDocument(xmlString: xml)
        #endif
    }
}

final class PrettyTests: XCTestCase {
    func testColourOnlyWhenEnabled() {
        var options = Fixture.options
        let plain = PrettyReporter().render(Fixture.report, options: options)
        XCTAssertFalse(plain.contains("\u{1B}"))
        options.color = true
        let coloured = PrettyReporter().render(Fixture.report, options: options)
        XCTAssertTrue(coloured.contains("\u{1B}[1;31merror[unique-id]\u{1B}[0m"))
        XCTAssertTrue(coloured.contains("\u{1B}[1;33m"))
        // Stripping the escapes gives back the plain output.
        let stripped = coloured.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
        XCTAssertEqual(stripped, plain)
    }

    func testUnderlineAfterNonASCII() {
        let text = PrettyReporter().render(Fixture.report, options: Fixture.options)
        let lines = text.components(separatedBy: "\n")
        let sourceIndex = try? XCTUnwrap(lines.firstIndex { $0.hasPrefix("5 |") && $0.contains("Kyïv") })
        guard let i = sourceIndex else { return XCTFail("no frame line for line 5") }
        let source = Array(lines[i].unicodeScalars), underline = Array(lines[i + 1].unicodeScalars)
        let caretStart = underline.firstIndex(of: "^") ?? -1
        XCTAssertEqual(String(String.UnicodeScalarView(source[caretStart..<(caretStart + 4)])), "Kyïv")
        XCTAssertEqual(underline.filter { $0 == "^" }.count, 4)
    }

    func testSummaryLines() {
        let text = PrettyReporter().render(Fixture.report, options: Fixture.options)
        XCTAssertTrue(text.hasSuffix("\n✖ 3 errors, 2 warnings, 1 info in 3 files (120 records, 14 rules) in 0.12 s\n"))
        let empty = PrettyReporter().render(Fixture.emptyReport, options: Fixture.options)
        XCTAssertEqual(empty, "✔ no problems in 3 files (120 records, 14 rules)\n")
        let one = Report(diagnostics: [Diagnostic(ruleID: "r", severity: .warning, message: "m",
                                                  location: SourceLocation(file: "f"))],
                         statistics: Report.Statistics(files: 1, records: 1, rules: 1, seconds: 2))
        XCTAssertTrue(PrettyReporter().render(one, options: ReporterOptions())
            .hasSuffix("⚠ 1 warning in 1 file (1 record, 1 rule) in 2.00 s\n"))
    }

    func testTabsExpandAndUnderlineFollows() {
        let source = "a:\t\tvalue\n"
        let d = Diagnostic(ruleID: "r", severity: .error, message: "m",
                           location: SourceLocation(file: "t.yaml", range: Fixture.range(source, 1, 5, 1, 10)))
        let text = PrettyReporter().render(Report(diagnostics: [d], sources: ["t.yaml": source]), options: ReporterOptions())
        XCTAssertTrue(text.contains("1 | a:      value\n  |         ^^^^^\n"), text)
    }

    func testLongRangeIsElided() {
        let source = (1...12).map { "  key\($0): v" }.joined(separator: "\n") + "\n"
        let d = Diagnostic(ruleID: "r", severity: .error, message: "m",
                           location: SourceLocation(file: "t.yaml", range: Fixture.range(source, 2, 3, 9, 6)))
        let text = PrettyReporter().render(Report(diagnostics: [d], sources: ["t.yaml": source]), options: ReporterOptions())
        XCTAssertEqual(text, """
        error[r]: m
         --> t.yaml:2:3
          |
        2 |   key2: v
          |   ^^^^^^^
        3 |   key3: v
          |   ^^^^^^^
        ...
        8 |   key8: v
          |   ^^^^^^^
        9 |   key9: v
          |   ^^^

        ✖ 1 error in 0 files (0 records, 0 rules)

        """)
    }

    func testRangeEndingAtColumnOneOfNextLine() {
        let source = "a: 1\nb: 2\n"
        let d = Diagnostic(ruleID: "r", severity: .error, message: "m",
                           location: SourceLocation(file: "t.yaml", range: Fixture.range(source, 1, 1, 2, 1)))
        let text = PrettyReporter().render(Report(diagnostics: [d], sources: ["t.yaml": source]), options: ReporterOptions())
        XCTAssertTrue(text.contains("1 | a: 1\n  | ^^^^\n\n"), text)
        XCTAssertFalse(text.contains("2 |"))
    }

    func testCRLFAndBOMSources() {
        let source = "\u{FEFF}a: 1\r\nb: é2\r\n"
        let d = Diagnostic(ruleID: "r", severity: .error, message: "m",
                           location: SourceLocation(file: "t.yaml", range: Fixture.range(source, 2, 5, 2, 6)))
        let text = PrettyReporter().render(Report(diagnostics: [d], sources: ["t.yaml": source]), options: ReporterOptions())
        XCTAssertTrue(text.contains("2 | b: é2\n  |     ^\n"), text)
    }

    func testLongLineIsShortenedAroundTheSpan() {
        let source = "k: " + String(repeating: "x", count: 300) + "TARGET" + String(repeating: "y", count: 300) + "\n"
        let d = Diagnostic(ruleID: "r", severity: .error, message: "m",
                           location: SourceLocation(file: "t.yaml", range: Fixture.range(source, 1, 304, 1, 310)))
        let text = PrettyReporter().render(Report(diagnostics: [d], sources: ["t.yaml": source]),
                                           options: ReporterOptions(width: 80))
        let lines = text.components(separatedBy: "\n")
        guard let i = lines.firstIndex(where: { $0.hasPrefix("1 |") }) else { return XCTFail(text) }
        XCTAssertLessThanOrEqual(lines[i].unicodeScalars.count, 80)
        XCTAssertTrue(lines[i].hasPrefix("1 | …x"))
        XCTAssertTrue(lines[i].hasSuffix("y…"))
        let source1 = Array(lines[i].unicodeScalars), underline = Array(lines[i + 1].unicodeScalars)
        let caret = underline.firstIndex(of: "^") ?? 0
        XCTAssertEqual(String(String.UnicodeScalarView(source1[caret..<(caret + 6)])), "TARGET")
    }

    func testTerminalInjectionIsNeutralised() {
        let source = "a: \u{1B}[31mred\u{202E}\n"
        let d = Diagnostic(ruleID: "r\u{1B}", severity: .error, message: "bad \u{1B}[2J value",
                           location: SourceLocation(file: "t.yaml", range: Fixture.range(source, 1, 4, 1, 5)))
        let text = PrettyReporter().render(Report(diagnostics: [d], sources: ["t.yaml": source]), options: ReporterOptions())
        XCTAssertFalse(text.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{202E}" }, text)
        XCTAssertTrue(text.contains("bad \\u{1B}[2J value"))
        XCTAssertTrue(text.contains("1 | a: \u{241B}[31mred\u{FFFD}"))
    }
}

final class JSONFormatTests: XCTestCase {
    func testSchemaVersion2() throws {
        let text = JSONReporter().render(Fixture.report, options: Fixture.options)
        let root = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        XCTAssertEqual(root["version"] as? Int, 2)
        XCTAssertEqual((root["tool"] as? [String: String])?["name"], "concord")
        let summary = try XCTUnwrap(root["summary"] as? [String: Any])
        XCTAssertEqual(summary["errors"] as? Int, 3)
        XCTAssertEqual(summary["warnings"] as? Int, 2)
        XCTAssertEqual(summary["infos"] as? Int, 1)
        XCTAssertEqual(summary["diagnostics"] as? Int, 6)
        let diagnostics = try XCTUnwrap(root["diagnostics"] as? [[String: Any]])
        XCTAssertEqual(diagnostics.count, 6)
        let keys = ["ruleId", "severity", "message", "file", "range", "document", "related", "help", "fingerprint", "fixes"]
        for d in diagnostics { XCTAssertEqual(Set(d.keys), Set(keys)) }
        let first = diagnostics[0]
        XCTAssertEqual(first["file"] as? String, "data/cities.yaml")
        let start = try XCTUnwrap((first["range"] as? [String: Any])?["start"] as? [String: Int])
        // Line 5 column 26 sits after "Île" and "→": 2 + 3 extra UTF-8 bytes.
        XCTAssertEqual(start, ["line": 5, "column": 26, "offset": Fixture.position(Fixture.cities, 5, 26).offset])
        XCTAssertTrue(first["document"] is NSNull)
        let whole = try XCTUnwrap(diagnostics.first { $0["ruleId"] as? String == "schema-header" })
        XCTAssertTrue(whole["range"] is NSNull)
        // Keys appear in the documented order.
        let order = keys.compactMap { text.range(of: "\"\($0)\":")?.lowerBound }
        XCTAssertEqual(order, order.sorted())
    }

    func testFixesCarryTheirEdits() throws {
        let text = JSONReporter().render(FixFixture.report, options: Fixture.options)
        let root = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let diagnostics = try XCTUnwrap(root["diagnostics"] as? [[String: Any]])
        let fixes = try XCTUnwrap(diagnostics.first { $0["ruleId"] as? String == "member-count-matches" }?["fixes"] as? [[String: Any]])
        XCTAssertEqual(fixes.count, 1)
        XCTAssertEqual(fixes[0]["description"] as? String, "set member_count to 4")
        XCTAssertEqual(fixes[0]["applicability"] as? String, "unsafe")
        let edit = try XCTUnwrap((fixes[0]["edits"] as? [[String: Any]])?.first)
        XCTAssertEqual(edit["file"] as? String, "data/coalitions.yaml")
        XCTAssertEqual(edit["newText"] as? String, "4")
        let start = try XCTUnwrap((edit["range"] as? [String: Any])?["start"] as? [String: Int])
        XCTAssertEqual(start, ["line": 4, "column": 19, "offset": FixFixture.range(4, 19, 4, 20).start.offset])
    }
}

final class GitLabTests: XCTestCase {
    func testCodeQualityShape() throws {
        let text = GitLabReporter().render(Fixture.report, options: Fixture.options)
        let issues = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        XCTAssertEqual(issues.count, 6)
        var fingerprints = Set<String>()
        for issue in issues {
            let fingerprint = try XCTUnwrap(issue["fingerprint"] as? String)
            XCTAssertEqual(fingerprint.count, 64)
            XCTAssertTrue(fingerprint.allSatisfy { $0.isHexDigit })
            fingerprints.insert(fingerprint)
            XCTAssertTrue(["info", "minor", "major"].contains(issue["severity"] as? String ?? ""))
            let location = try XCTUnwrap(issue["location"] as? [String: Any])
            XCTAssertNotNil(location["path"] as? String)
            XCTAssertNotNil((location["lines"] as? [String: Int])?["begin"])
        }
        XCTAssertEqual(fingerprints.count, 6)
    }

    func testFingerprintsAreUniqueAndIgnoreLines() throws {
        func diagnostic(line: Int) -> Diagnostic {
            Diagnostic(ruleID: "r", severity: .error, message: "same",
                       location: SourceLocation(file: "f.yaml", range: SourceRange(at: SourcePosition(line: line, column: 1, offset: 0))))
        }
        let a = GitLabReporter().render(Report(diagnostics: [diagnostic(line: 3), diagnostic(line: 9)]), options: ReporterOptions())
        let b = GitLabReporter().render(Report(diagnostics: [diagnostic(line: 4), diagnostic(line: 12)]), options: ReporterOptions())
        func fingerprints(_ s: String) throws -> [String] {
            let issues = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(s.utf8)) as? [[String: Any]])
            return issues.compactMap { $0["fingerprint"] as? String }
        }
        let fa = try fingerprints(a)
        XCTAssertEqual(Set(fa).count, 2)
        XCTAssertEqual(fa, try fingerprints(b))
    }
}

final class SupportTests: XCTestCase {
    func testResolveAuto() {
        XCTAssertEqual(OutputFormat.resolveAuto(environment: ["GITHUB_ACTIONS": "true"], isTTY: true), .github)
        XCTAssertEqual(OutputFormat.resolveAuto(environment: ["GITHUB_ACTIONS": "false"], isTTY: true), .pretty)
        XCTAssertEqual(OutputFormat.resolveAuto(environment: [:], isTTY: false), .gcc)
    }

    func testColourPolicy() {
        XCTAssertTrue(ReporterOptions.shouldUseColor(environment: [:], isTTY: true))
        XCTAssertFalse(ReporterOptions.shouldUseColor(environment: [:], isTTY: false))
        XCTAssertFalse(ReporterOptions.shouldUseColor(environment: ["NO_COLOR": "1"], isTTY: true))
        XCTAssertFalse(ReporterOptions.shouldUseColor(environment: ["TERM": "dumb"], isTTY: true))
    }

    func testFormatsAndIdentifiers() {
        XCTAssertEqual(OutputFormat.allCases.map(\.rawValue), ["pretty", "gcc", "json", "sarif", "github", "junit", "gitlab"])
        for format in OutputFormat.allCases {
            XCTAssertEqual(format.reporterType.format, format)
            XCTAssertEqual(format.reporterType.identifier, format.rawValue)
        }
    }

    func testURIEncoding() {
        XCTAssertEqual(Paths.uriEncode("a b/c:d%é#.yaml"), "a%20b/c%3Ad%25%C3%A9%23.yaml")
    }
}

/// Inputs no producer should make, which must still not crash any reporter.
enum Robustness {
    static let sources = ["odd.yaml": "a: 1\n\u{0}\u{7F}\t\r\n", "": ""]
    static let oddDiagnostics: [Diagnostic] = [
        Diagnostic(ruleID: "", severity: .error, message: "",
                   location: SourceLocation(file: "odd.yaml", range: SourceRange(
                       start: SourcePosition(line: 0, column: -5, offset: -1),
                       end: SourcePosition(line: -3, column: 0, offset: -9)))),
        Diagnostic(ruleID: "far", severity: .warning, message: "\n\n",
                   location: SourceLocation(file: "odd.yaml", range: SourceRange(
                       start: SourcePosition(line: 2, column: 1_000_000_000, offset: 0),
                       end: SourcePosition(line: 1_000_000_000, column: 1_000_000_000, offset: 0)), document: 0)),
        Diagnostic(ruleID: "beyond", severity: .info, message: "x",
                   location: SourceLocation(file: "odd.yaml", range: SourceRange(
                       at: SourcePosition(line: 99, column: 1, offset: 0)))),
        Diagnostic(ruleID: "empty-file", severity: .info, message: "x",
                   location: SourceLocation(file: "", range: SourceRange(at: SourcePosition(line: 1, column: 1, offset: 0))),
                   related: [RelatedLocation(location: SourceLocation(file: "/abs/p q.yaml"), message: "")]),
    ]
}

final class RobustnessTests: XCTestCase {
    func testOddCoordinatesDoNotCrash() throws {
        let report = Report(diagnostics: Robustness.oddDiagnostics, sources: Robustness.sources)
        for format in OutputFormat.allCases {
            for width in [nil, 0, 10, 40] as [Int?] {
                let text = format.render(report, options: ReporterOptions(color: true, currentDirectory: "/", width: width))
                XCTAssertFalse(text.isEmpty, "\(format)")
            }
        }
        let gcc = GCCReporter().render(report, options: ReporterOptions())
        XCTAssertTrue(gcc.contains("\nodd.yaml:1:1: error:  []\n"), gcc)
        let pretty = PrettyReporter().render(report, options: ReporterOptions())
        XCTAssertTrue(pretty.contains("\n2 | \u{2400}\u{2421}"), pretty)
    }
}
