import ConcordDiagnostics
import ConcordTestSupport
import XCTest
@testable import ConcordRules

/// Inputs the fuzzers found problems with (scripts/fuzz.sh), kept as regression tests.
final class FuzzFindingsTests: XCTestCase {
    /// `config` target (minimised): an override whose `files:` glob is `/` and a run of stars
    /// took exponential time to match against a path (over the fuzzer's 1 s limit; each more
    /// star doubled it). The finding loads, its glob matches nothing, and severities are kept.
    func testGlobOfManyStarsFromTheConfigurationFuzzerMatchesNothing() throws {
        let text = String(decoding: try TestPaths.fuzzFinding("config-timeout-glob-stars.bin"), as: UTF8.self)
        let (configuration, _) = Configuration.load("/project/.concord.yaml", text: text)
        let glob = try XCTUnwrap(configuration.overrides.first?.files.first)
        XCTAssertGreaterThan(glob.filter { $0 == "*" }.count, 10, "the finding is a run of stars")
        let diagnostics = ["Datasets/pledges/nl.yaml", "Datasets/a/b/c/deep.yml", "other.yaml"].map { file in
            Diagnostic(ruleID: "pledge-amount-positive", severity: .error, message: "m", location: SourceLocation(file: file))
        }
        let applied = configuration.applySeverities(diagnostics) { "/project/" + $0 }
        XCTAssertEqual(applied.map(\.severity), [.error, .error, .error])
    }

    /// Runs of stars mean what one star or `**` means, however long they are.
    func testLongRunsOfStarsMatchLikeShortOnes() {
        let stars = String(repeating: "*", count: 200)
        let path = "/project/Datasets/a/b/c/deep.yml"
        XCTAssertTrue(Glob.matches("/" + stars + "?**", path))
        XCTAssertTrue(Glob.matches("/" + stars + ".yml", path))
        XCTAssertFalse(Glob.matches("/" + stars + "}", path))
        XCTAssertFalse(Glob.matches("/" + stars + "/x/" + stars + ".yaml", path))
        XCTAssertTrue(Glob.matches("/project/*/" + stars + "/deep.yml", path))
        XCTAssertFalse(Glob.matches("/project/*/*/deep.yml", path), "one star stays within a segment")
    }
}
