import ConcordDiagnostics
import ConcordReporters
import XCTest

final class GoldenTests: XCTestCase {
    func testPrettyGolden() {
        assertGolden(PrettyReporter().render(Fixture.report, options: Fixture.options), "pretty.txt")
    }

    func testPrettyColorGolden() {
        var options = Fixture.options
        options.color = true
        assertGolden(PrettyReporter().render(Fixture.report, options: options), "pretty-color.txt")
    }

    func testPrettyEmptyGolden() {
        assertGolden(PrettyReporter().render(Fixture.emptyReport, options: Fixture.options), "pretty-empty.txt")
    }

    func testGCCGolden() {
        assertGolden(GCCReporter().render(Fixture.report, options: Fixture.options), "gcc.txt")
    }

    func testJSONGolden() {
        assertGolden(JSONReporter().render(Fixture.report, options: Fixture.options), "report.json")
    }

    func testSARIFGolden() {
        assertGolden(SARIFReporter().render(Fixture.report, options: Fixture.options), "report.sarif")
    }

    func testGitHubGolden() {
        assertGolden(GitHubReporter().render(Fixture.report, options: Fixture.options), "github.txt")
    }

    func testGitHubStepSummaryGolden() {
        assertGolden(GitHubReporter.stepSummary(Fixture.report, options: Fixture.options), "github-summary.md")
    }

    func testJUnitGolden() {
        assertGolden(JUnitReporter().render(Fixture.report, options: Fixture.options), "junit.xml")
    }

    func testGitLabGolden() {
        assertGolden(GitLabReporter().render(Fixture.report, options: Fixture.options), "gitlab.json")
    }

    func testFixesGoldens() {
        assertGolden(PrettyReporter().render(FixFixture.report, options: Fixture.options), "pretty-fixes.txt")
        assertGolden(JSONReporter().render(FixFixture.report, options: Fixture.options), "report-fixes.json")
        assertGolden(SARIFReporter().render(FixFixture.report, options: Fixture.options), "report-fixes.sarif")
        // Formats without a place for fixes render as if there were none.
        var bare = FixFixture.report
        bare.diagnostics = bare.diagnostics.map { d in
            var d = d
            d.fixes = []
            return d
        }
        for format in [OutputFormat.gcc, .github, .junit, .gitlab] {
            XCTAssertEqual(format.render(FixFixture.report, options: Fixture.options), format.render(bare, options: Fixture.options))
        }
    }

    /// Every format renders the same report to the same bytes every time.
    func testDeterministic() {
        for format in OutputFormat.allCases {
            let a = format.render(Fixture.report, options: Fixture.options)
            let b = format.render(Fixture.report, options: Fixture.options)
            XCTAssertEqual(a, b, "\(format) is not deterministic")
        }
    }
}
