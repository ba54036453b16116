import ConcordDiagnostics
import ConcordYAML
import XCTest
@testable import ConcordRules

/// The gate's post-processing stages, each in-process on literal inputs (in the manner of
/// SwiftLint's BaselineTests and GlobTests).
final class GateStageTests: XCTestCase {
    static let cwd = "/project"
    static let paths = GatePaths(files: [], currentDirectory: cwd)

    static func file(_ text: String, _ name: String = "/project/a.yaml") -> YAMLFile? {
        YAMLLoader().load(text: text, file: name).yamlFile
    }

    /// A diagnostic at the node found at `line:column` (1-based) of `file`.
    static func diagnostic(_ rule: String, _ file: YAMLFile, line: Int, column: Int, message: String = "m",
                           severity: Severity = .error) -> Diagnostic {
        var offset = 0, l = 1, c = 1
        while offset < file.bytes.count, (l, c) != (line, column) {
            if file.bytes[offset] == 0x0A { l += 1; c = 1 } else { c += 1 }
            offset += 1
        }
        let at = file.position(ofOffset: offset)
        return Diagnostic(ruleID: rule, severity: severity, message: message,
                          location: SourceLocation(file: file.path, range: SourceRange(at: at)))
    }

    // MARK: Fingerprints

    func testFingerprintsSurviveMovedLinesAndInsertedRecords() throws {
        let before = try XCTUnwrap(Self.file("pledges:\n  - id: a\n    amount: -1\n"))
        let after = try XCTUnwrap(Self.file("# a comment\npledges:\n  - id: z\n    amount: 5\n  - id: a\n    amount: -1\n"))
        var one = [Self.diagnostic("negative", before, line: 3, column: 13)]
        var two = [Self.diagnostic("negative", after, line: 6, column: 13)]
        Fingerprints.assign(&one, files: [before.path: before])
        Fingerprints.assign(&two, files: [after.path: after])
        XCTAssertNotNil(one[0].fingerprint)
        XCTAssertEqual(one[0].fingerprint, two[0].fingerprint)
        XCTAssertEqual(Fingerprints.nodeIdentity(in: after, at: try XCTUnwrap(two[0].location.range)),
                       "doc1/pledges/id=a/amount")
    }

    func testItemsWithoutIDAreKnownByContentWithACountForIdenticalOnes() throws {
        let file = try XCTUnwrap(Self.file("- [1]\n- [2]\n- [1]\n"))
        let first = Fingerprints.nodeIdentity(in: file, at: SourceRange(at: file.position(ofOffset: 3)))
        let third = Fingerprints.nodeIdentity(in: file, at: SourceRange(at: file.position(ofOffset: 15)))
        let outer = first.split(separator: "/").prefix(2).joined(separator: "/")
        XCTAssertTrue(outer.hasPrefix("doc1/item="), first)
        XCTAssertTrue(third.hasPrefix(outer + "#1/item="), third)
    }

    func testManyDocumentsAndKeysAreFoundByTheirPath() throws {
        let text = (1...300).map { "k\($0): 1\nm\($0): 2\n---\n" }.joined()
        let file = try XCTUnwrap(Self.file(text))
        let d = Self.diagnostic("dup", file, line: 3 * 200 - 1, column: 1)
        XCTAssertEqual(Fingerprints.nodeIdentity(in: file, at: try XCTUnwrap(d.location.range)), "doc200/key:m200")
    }

    func testEqualDiagnosticsGetDistinctFingerprints() throws {
        let file = try XCTUnwrap(Self.file("a: 1\n"))
        var ds = [Self.diagnostic("r", file, line: 1, column: 4), Self.diagnostic("r", file, line: 1, column: 4)]
        Fingerprints.assign(&ds, files: [file.path: file])
        XCTAssertNotEqual(ds[0].fingerprint, ds[1].fingerprint)
    }

    /// Enough diagnostics to be cut into chunks for every core: each gets the fingerprint it
    /// gets on its own, and the second of two equal ones (in another chunk) is still told apart.
    func testManyDiagnosticsGetTheFingerprintsTheyGetOneByOne() throws {
        let count = 3_000
        var text = "pledges:\n"
        var offsets: [Int] = []
        for k in 0..<count {
            text += "  - id: p\(k)\n    amount: "
            offsets.append(text.utf8.count)
            text += "-1\n"
        }
        let file = try XCTUnwrap(Self.file(text))
        let one = offsets.map { offset in
            Diagnostic(ruleID: "negative", severity: .error, message: "m",
                       location: SourceLocation(file: file.path, range: SourceRange(at: file.position(ofOffset: offset))))
        }
        var all = one + one
        Fingerprints.assign(&all, files: [file.path: file])
        for k in [0, 1, count / 2, count - 1] {
            var single = [one[k]]
            Fingerprints.assign(&single, files: [file.path: file])
            XCTAssertEqual(all[k].fingerprint, single[0].fingerprint, "diagnostic \(k)")
            XCTAssertEqual(Fingerprints.nodeIdentity(in: file, at: try XCTUnwrap(one[k].location.range)),
                           "doc1/pledges/id=p\(k)/amount")
        }
        XCTAssertEqual(Set(all.compactMap(\.fingerprint)).count, 2 * count)
    }

    // MARK: Suppressions

    func testSuppressionsMatchByNormalisedPathAndReportUnusedOnes() throws {
        let text = "a: 1 # concord-ignore: r1 known\n# concord-ignore: r2 stale\nb: 2\n"
        let file = try XCTUnwrap(Self.file(text, "./a.yaml"))
        let stage = SuppressionStage(files: ["./a.yaml": file])
        XCTAssertEqual(stage.suppressions.map(\.line), [1, 3])
        var hit = Self.diagnostic("r1", file, line: 1, column: 4)
        hit.location.file = "a.yaml"   // the same file, named differently
        let other = Self.diagnostic("r9", file, line: 1, column: 4)
        let paths = GatePaths(files: ["a.yaml", "./a.yaml"], currentDirectory: Self.cwd)
        let out = stage.apply([hit, other], paths: paths)
        XCTAssertEqual(out.map(\.ruleID), ["r9", "unused-suppression"])
        XCTAssertEqual(out[1].message, "`# concord-ignore: r2` suppresses nothing here; remove it")
        XCTAssertEqual(out[1].severity, .warning)
        XCTAssertEqual(out[1].location.range?.start.line, 2)
    }

    // MARK: Severity overrides and globs

    func testSeverityOverridesPerRuleAndPerPath() {
        var configuration = Configuration(directory: Self.cwd)
        configuration.severity = ["r1": Severity?.some(.warning), "r2": Severity?.none]
        configuration.overrides = [.init(files: ["legacy/**"], severity: ["r1": .some(.info)])]
        let d = { (rule: String, file: String) in
            Diagnostic(ruleID: rule, severity: .error, message: "m", location: SourceLocation(file: file))
        }
        let out = SeverityStage(configuration: configuration).apply(
            [d("r1", "/project/a.yaml"), d("r2", "/project/a.yaml"), d("r1", "/project/legacy/x/b.yaml"), d("r3", "/project/a.yaml")],
            paths: Self.paths)
        XCTAssertEqual(out.map { "\($0.ruleID) \($0.severity)" }, ["r1 warning", "r1 info", "r3 error"])
    }

    func testGlobs() {
        XCTAssertTrue(Glob.matches("/p/*.yaml", "/p/a.yaml"))
        XCTAssertFalse(Glob.matches("/p/*.yaml", "/p/d/a.yaml"))
        XCTAssertTrue(Glob.matches("/p/**/a.yaml", "/p/d/e/a.yaml"))
        XCTAssertTrue(Glob.matches("/p/**", "/p/d/e/a.yaml"))
        XCTAssertTrue(Glob.matches("/p/?.yaml", "/p/b.yaml"))
        XCTAssertFalse(Glob.matches("/p/?.yaml", "/p/bc.yaml"))
    }

    // MARK: Baseline

    func testBaselineHidesOneDiagnosticPerEntryAndRoundTrips() throws {
        let d = { (f: String) in
            Diagnostic(ruleID: "r", severity: .error, message: "m", location: SourceLocation(file: "a.yaml"), fingerprint: f)
        }
        let baseline = Baseline(diagnostics: [d("x"), d("y")])
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("baseline-\(UUID().uuidString).json")
        try baseline.encoded().write(to: dir)
        guard case .success(let loaded) = Baseline.load(dir.path) else { return XCTFail("loads") }
        let out = BaselineStage(baseline: loaded).apply([d("x"), d("x"), d("z"), d("y")], paths: Self.paths)
        XCTAssertEqual(out.map(\.fingerprint), ["x", "z"])
        guard case .failure = Baseline.load("/nonexistent/baseline.json") else { return XCTFail("missing file") }
        // Concord's own fingerprints (32 hex digits) are matched the same way, one each.
        let hex = "0123456789abcdef00112233445566ff", other = "0123456789abcdef00112233445566fe"
        let twice = Baseline(diagnostics: [d(hex), d(hex), d("x")])
        XCTAssertEqual(BaselineStage(baseline: twice).apply([d(hex), d(other), d(hex), d(hex), d(hex.uppercased())],
                                                            paths: Self.paths).map(\.fingerprint),
                       [other, hex, hex.uppercased()])
    }

    func testBaselineTextIsWhatJSONEncoderWrote() throws {
        // Baselines written before stay byte-identical when written again.
        let message = "q\" b\\ n\n r\r t\t c\u{1} c\u{1f} d\u{7f} l\u{2028} s/ é 😀 \u{8} \u{c}"
        let entries = [Diagnostic(ruleID: "r", severity: .error, message: message, location: SourceLocation(file: "a/b.yaml"),
                                  fingerprint: "f1"),
                       Diagnostic(ruleID: "s", severity: .warning, message: "m", location: SourceLocation(file: "c.yaml"),
                                  fingerprint: "f2")]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        for baseline in [Baseline(diagnostics: entries), Baseline(diagnostics: [])] {
            XCTAssertEqual(String(decoding: baseline.encoded(), as: UTF8.self),
                           String(decoding: try encoder.encode(baseline), as: UTF8.self))
            guard case .success(let read) = Baseline.decode(baseline.encoded()) else { return XCTFail("reads back") }
            XCTAssertEqual(read.entries, baseline.entries)
        }
    }

    func testBaselineReadsAnyJSONLayoutAndSaysWhatIsWrong() {
        let read = { (text: String) in Baseline.decode(Array(text.utf8)) }
        let compact = #"{"entries":[{"message":"a\u00e9\ud83d\ude00\n","ruleId":"r","extra":[1,{"x":null}],"#
            + #""file":"a.yaml","fingerprint":"f"}],"version":1,"generator":"other"}"#
        guard case .success(let b) = read(compact) else { return XCTFail("a compact baseline with other members reads") }
        XCTAssertEqual(b.entries, [Baseline.Entry(ruleId: "r", file: "a.yaml", fingerprint: "f", message: "aé😀\n")])
        let failures: [(String, String)] = [
            (#"{"entries": [}"#, "the baseline is not a Concord baseline: entry 1 is not an object"),
            (#"{"entries": [{"ruleId" 1}]}"#, "the baseline is not a Concord baseline: JSON: expected ':'"),
            (#"{"version": 1, "entries": []} []"#, "the baseline is not a Concord baseline: JSON: trailing characters"),
            (#"{"version": 1.5, "entries": []}"#, #"the baseline is not a Concord baseline: "version" is not an integer"#),
            (#"[]"#, "the baseline is not a Concord baseline: the file is not a JSON object"),
            (#"{"entries": []}"#, #"the baseline is not a Concord baseline: it has no "version""#),
            (#"{"version": "1", "entries": []}"#, #"the baseline is not a Concord baseline: "version" is not an integer"#),
            (#"{"version": 1}"#, #"the baseline is not a Concord baseline: it has no "entries" list"#),
            (#"{"version": 1, "entries": [3]}"#, "the baseline is not a Concord baseline: entry 1 is not an object"),
            (#"{"version": 1, "entries": [{"ruleId": "r", "file": "a", "message": "m"}]}"#,
             #"the baseline is not a Concord baseline: entry 1 has no "fingerprint""#),
            (#"{"version": 1, "entries": [{"ruleId": 1, "file": "a", "fingerprint": "f", "message": "m"}]}"#,
             #"the baseline is not a Concord baseline: "ruleId" of entry 1 is not a string"#),
        ]
        for (text, expected) in failures {
            guard case .failure(let error) = read(text) else { XCTFail("\(text) is refused"); continue }
            XCTAssertTrue(error.description.hasPrefix(expected), "\(text): \(error.description)")
        }
        guard case .failure(let error) = read("{\"version\": 1,\n \"entries\": [{\"a\" 1}]}") else { return XCTFail("refused") }
        XCTAssertTrue(error.description.hasSuffix("expected ':' at line 2, column 19"), error.description)
    }

    // MARK: File filter and changed lines

    func testFileFilterKeepsFilesAndFoldersGiven() {
        let d = { (f: String) in Diagnostic(ruleID: "r", severity: .error, message: "m", location: SourceLocation(file: f)) }
        let stage = FileFilterStage(roots: ["/project/a.yaml", "/project/sub/"])
        let out = stage.apply([d("/project/a.yaml"), d("/project/ab.yaml"), d("/project/sub/c.yaml"), d("/project/subx/c.yaml")],
                              paths: Self.paths)
        XCTAssertEqual(out.map(\.location.file), ["/project/a.yaml", "/project/sub/c.yaml"])
    }

    func testGitDiffHunksBecomeChangedLines() {
        let diff = """
            diff --git a/data/a.yaml b/data/a.yaml
            index 1111111..2222222 100644
            --- a/data/a.yaml
            +++ b/data/a.yaml
            @@ -3 +3 @@ pledges:
            -    amount: 1
            +    amount: -1
            @@ -10,2 +11,3 @@
            +x
            @@ -20,4 +22,0 @@
            diff --git a/gone.yaml b/gone.yaml
            --- a/gone.yaml
            +++ /dev/null
            @@ -1 +0,0 @@
            """
        var changes = ChangedLines()
        changes.addHunks(diff, root: "/nonexistent-root")
        guard case .ranges(let ranges)? = changes.files["/nonexistent-root/data/a.yaml"] else {
            return XCTFail("\(changes.files)")
        }
        XCTAssertEqual(ranges, [3...3, 11...13, 22...22])
        XCTAssertEqual(changes.files.count, 1)

        let at = { (line: Int) in
            Diagnostic(ruleID: "r", severity: .error, message: "m", location: SourceLocation(
                file: "/nonexistent-root/data/a.yaml",
                range: SourceRange(at: SourcePosition(line: line, column: 1, offset: 0))))
        }
        let out = ChangedLinesStage(changedLines: changes).apply([at(3), at(4), at(12), at(22)], paths: Self.paths)
        XCTAssertEqual(out.compactMap(\.location.range?.start.line), [3, 12, 22])
    }

    // MARK: The whole pipeline

    func testStagesRunInOrderAndFingerprintAfterSuppressions() throws {
        let file = try XCTUnwrap(Self.file("a: 1 # concord-ignore: nothing here\n"))
        var request = CheckRequest(paths: [])
        request.currentDirectory = Self.cwd
        let processing = PostProcessing(request: request, files: [file.path: file], diagnostics: [])
        XCTAssertEqual(processing.stages.map(\.name), ["suppressions", "fingerprints"])
        let out = processing.apply([])
        XCTAssertEqual(out.map(\.ruleID), ["unused-suppression"])
        XCTAssertNotNil(out.first?.fingerprint)
    }
}
