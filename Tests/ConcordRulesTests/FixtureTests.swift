import ConcordDiagnostics
import ConcordTestSupport
import Foundation
import XCTest
@testable import ConcordRules

/// Each folder under `Tests/Fixtures/datasets/` is a small dataset with one kind of problem
/// planted: `clean/` is the whole dataset, every other folder holds only the files it changes
/// (see `FixtureOverlay`) and its `expected.txt`. Each fixture is checked with the shipped
/// `Rules/`; its diagnostics, in gcc form with the end of each range
/// (`file:line:col-endLine:endCol: severity: message [rule-id]`, related places as `note:`
/// lines, files relative to the fixture), then a line `N files, M records`, must be its
/// `expected.txt`. `CONCORD_UPDATE_GOLDEN=1 swift test --filter FixtureTests` rewrites them.
///
/// To add a fixture: a folder with the changed files, a test below naming it, then run the
/// tests once with `CONCORD_UPDATE_GOLDEN=1` and read the `expected.txt` it wrote.
final class FixtureTests: XCTestCase {
    static let rules = TestPaths.rules.path

    static func check(_ path: String) -> CheckResult {
        CheckSession.run(CheckRequest(paths: [path], rulePaths: [rules]))
    }

    /// Checks fixture `name` against its `expected.txt`.
    func expect(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let folder = try FixtureOverlay.materialise(name).path
        let result = Self.check(folder)
        XCTAssertFalse(result.configurationFailed, "the rule pack loads", file: file, line: line)
        let diagnostics = DiagnosticText.sorted(result.report.diagnostics)
        let actual = DiagnosticText.gcc(diagnostics, relativeTo: folder)
            + "\(result.report.statistics.files) files, \(result.report.statistics.records) records\n"
        if let mismatch = GoldenFile.mismatch(actual, expectedAt: FixtureOverlay.expected(name)) {
            XCTFail("\(name): \(mismatch)", file: file, line: line)
        }
        let errors = diagnostics.contains { $0.severity == .error }
        XCTAssertEqual(result.exitCode(failOn: .error), errors ? 1 : 0, "exit code", file: file, line: line)
    }

    /// Every fixture folder, `clean/` included (which must report nothing).
    func testEveryFixtureGivesItsExpectedOutput() throws {
        let names = try FixtureOverlay.names()
        XCTAssertTrue(names.contains(FixtureOverlay.base))
        XCTAssertGreaterThan(names.count, 10)
        for name in names { try expect(name) }
        let clean = try String(contentsOf: FixtureOverlay.expected(FixtureOverlay.base), encoding: .utf8)
        XCTAssertFalse(clean.contains(": error:") || clean.contains(": warning:"), "clean/ reports nothing")
    }

    /// A fixture replaces, adds and removes files of `clean/`; `expected.txt` is not data.
    func testOverlayReplacesAddsAndRemovesFiles() throws {
        let fixtures = try TestPaths.temporaryFolder("concord-overlay")
        let files = ["clean/a.yaml": "a: 1\n", "clean/sub/b.yaml": "b: 1\n", "clean/c.yaml": "c: 1\n",
                     "f/a.yaml": "a: 2\n", "f/sub/b.yaml.removed": "", "f/d.yaml": "d: 1\n", "f/expected.txt": "x\n"]
        for (path, text) in files {
            let url = fixtures.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let folder = try FixtureOverlay.materialise("f", into: fixtures.appendingPathComponent("out"), fixtures: fixtures)
        let walker = FileManager.default.enumerator(atPath: folder.path)
        let listed = (walker?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
        XCTAssertEqual(listed, ["a.yaml", "c.yaml", "d.yaml"])
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("a.yaml"), encoding: .utf8), "a: 2\n")
    }

    // MARK: - The shipped dataset and the demonstration

    /// `Datasets/` is clean under `Rules/`.
    func testShippedDatasetIsClean() {
        let folder = TestPaths.packageRoot.appendingPathComponent("Datasets").path
        let result = Self.check(folder)
        XCTAssertFalse(result.configurationFailed)
        XCTAssertEqual(DiagnosticText.gcc(result.report.diagnostics, relativeTo: folder), "")
        XCTAssertGreaterThan(result.report.statistics.rules, 30)
    }

    /// `examples/it-coalition-as-reported.yaml` reports each planted problem once, at its place.
    func testExamplesReportEachPlantedProblemOnce() {
        let folder = TestPaths.packageRoot.appendingPathComponent("examples").path
        let diagnostics = DiagnosticText.sorted(Self.check(folder + "/it-coalition-as-reported.yaml").report.diagnostics)
        XCTAssertEqual(DiagnosticText.gcc(diagnostics, relativeTo: folder), #"""
            it-coalition-as-reported.yaml:17:19-17:21: error: member_count is 11 but 12 members are listed [member-count-matches]
            it-coalition-as-reported.yaml:14:14-14:86: note: `members` is here
            it-coalition-as-reported.yaml:31:45-31:47: warning: `NO` is the string "NO" in YAML 1.2 but the boolean false in YAML 1.1; quote it ("NO") so every tool reads it the same [yaml-ambiguous-scalar]
            it-coalition-as-reported.yaml:73:13-73:28: error: the amount of pledge ee-it-coalition-as-reported has no currency [amount-has-currency]
            it-coalition-as-reported.yaml:89:16-89:28: error: pledge nl-f16-as-reported is delivered on 2023-12-01, before it was announced (2023-12-22) [announced-before-delivered]
            it-coalition-as-reported.yaml:87:16-87:28: note: `announced` is here

            """#)
    }
}
