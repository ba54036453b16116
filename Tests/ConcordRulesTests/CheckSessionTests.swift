import ConcordDiagnostics
import Foundation
import XCTest
@testable import ConcordRules

final class CheckSessionTests: XCTestCase {
    private func folder(_ files: [String: String]) throws -> URL { try RuleTestSupport.folder(files) }

    func testLoaderOnlyCheckCountsFilesAndRecords() throws {
        let dir = try folder([
            "a.yaml": "coalitions:\n  - id: a\n  - id: b\n",
            "sub/b.yml": "pledges: [{id: p}]\n",
            "sub/ignored.txt": "x",
        ])
        let result = CheckSession.run(CheckRequest(paths: [dir.path]))
        XCTAssertFalse(result.configurationFailed)
        XCTAssertEqual(result.report.statistics.files, 2)
        XCTAssertEqual(result.report.statistics.records, 3)
        XCTAssertEqual(result.report.diagnostics, [])
        XCTAssertEqual(result.exitCode(failOn: .error), 0)
    }

    func testMissingPathIsAConfigurationError() {
        let result = CheckSession.run(CheckRequest(paths: ["/nonexistent/concord"]))
        XCTAssertTrue(result.configurationFailed)
        XCTAssertEqual(result.exitCode(failOn: .error), 2)
        XCTAssertEqual(result.report.diagnostics.map(\.ruleID), ["missing-path"])
        XCTAssertEqual(result.report.diagnostics.first?.message, "no such file or folder: /nonexistent/concord")
    }

    func testExitCodeFollowsTheFailingSeverity() throws {
        let dir = try folder(["a.yaml": "x: [NO]\n"])
        let result = CheckSession.run(CheckRequest(paths: [dir.path]))
        XCTAssertEqual(result.report.diagnostics.map(\.severity), [.warning])
        XCTAssertEqual(result.exitCode(failOn: .error), 0)
        XCTAssertEqual(result.exitCode(failOn: .warning), 1)
        XCTAssertEqual(result.exitCode(failOn: .info), 1)
        XCTAssertEqual(result.exitCode(failOn: nil), 0)
    }

    func testFingerprintsAreComputedOnlyWhenSomethingReadsThem() throws {
        let dir = try folder(["a.yaml": "a: [NO]\nb: [NO]\n"])
        var request = CheckRequest(paths: [dir.path])
        XCTAssertEqual(CheckSession.run(request).report.diagnostics.map { $0.fingerprint != nil }, [true, true],
                       "by default (json, sarif and gitlab show them)")
        request.fingerprints = false
        let without = CheckSession.run(request).report.diagnostics
        XCTAssertEqual(without.map(\.ruleID), ["yaml-ambiguous-scalar", "yaml-ambiguous-scalar"])
        XCTAssertEqual(without.map(\.fingerprint), [nil, nil])
        // A baseline matches by fingerprint: it gets them whatever the format.
        let first = CheckSession.run(CheckRequest(paths: [dir.path])).report.diagnostics
        request.baseline = Baseline(diagnostics: Array(first.prefix(1)))
        let filtered = CheckSession.run(request).report.diagnostics
        XCTAssertEqual(filtered.map { "\($0.location.range?.start.line ?? 0)" }, ["2"])
        XCTAssertNotNil(filtered.first?.fingerprint)
    }

    func testOutputFormatsThatShowFingerprints() {
        XCTAssertEqual(OutputFormat.allCases.filter(\.showsFingerprints), [.json, .sarif, .gitlab])
    }
}
