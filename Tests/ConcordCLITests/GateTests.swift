import Foundation
import XCTest

/// Suppressions, baselines, configuration, changed files and pull-request mode, end to end.
final class GateTests: XCTestCase {
    let rules = "rules:\n" + CLIFixtures.leadersAreMembers + """
          - id: pledge-coalition-exists
            for: pledges[*]
            when: has(self.coalition)
            references: coalitions[*].id
            key: self.coalition
        """

    func gccErrors(_ run: CLIRunner.Run) -> [String] {
        run.stdout.split(separator: "\n").map(String.init).filter { $0.contains(": error: ") || $0.contains(": warning: ") }
    }

    // MARK: Suppressions

    func testSuppressionOnTheLineAndOnTheLineAbove() throws {
        let dir = try CLIRunner.folder([
            "Rules/r.yaml": rules,
            "Datasets/c.yaml": """
                coalitions:
                  - id: a
                    leaders: [PL]  # concord-ignore: leaders-are-members PL leads without joining
                    members: [EE]
                  - id: b
                    # concord-ignore: leaders-are-members, pledge-coalition-exists reported as such
                    leaders: [DE]
                    members: [EE]
                  - id: c
                    leaders: [FR]
                    members: [EE]
                """,
        ])
        let run = try CLIRunner.run(["check", "--format", "gcc"], in: dir)
        XCTAssertEqual(gccErrors(run), [
            "Datasets/c.yaml:6:5: warning: `# concord-ignore: pledge-coalition-exists` suppresses nothing here; remove it [unused-suppression]",
            "Datasets/c.yaml:10:15: error: leader FR is not a member of c [leaders-are-members]",
        ])
        XCTAssertEqual(run.status, 1)
    }

    func testUnusedSuppressionIsReported() throws {
        let dir = try CLIRunner.folder([
            "Rules/r.yaml": rules,
            "Datasets/c.yaml": "coalitions:\n  - id: a  # concord-ignore: leaders-are-members stale\n    leaders: [EE]\n    members: [EE]\n",
        ])
        let run = try CLIRunner.run(["check", "--format", "gcc"], in: dir)
        XCTAssertEqual(gccErrors(run), [
            "Datasets/c.yaml:2:12: warning: `# concord-ignore: leaders-are-members` suppresses nothing here; remove it [unused-suppression]",
        ])
        XCTAssertEqual(run.status, 0, "a warning does not fail by default")
    }

    // MARK: Baselines

    func testBaselineSurvivesTenRecordsAddedAboveAnOldViolation() throws {
        let old = "  - id: old\n    leaders: [PL]\n    members: [EE]\n"
        let dir = try CLIRunner.folder(["Rules/r.yaml": rules, "Datasets/c.yaml": "coalitions:\n" + old])
        let write = try CLIRunner.run(["check", "--write-baseline", "baseline.json"], in: dir)
        XCTAssertEqual(write.status, 0)
        XCTAssertEqual(write.stderr, "wrote 1 fingerprints to baseline.json\n")

        // Ten records above the old violation, and one new violation below it.
        let added = (1...10).map { "  - id: new-\($0)\n    leaders: [EE]\n    members: [EE]\n" }.joined()
        let fresh = "  - id: fresh\n    leaders: [DE]\n    members: [EE]\n"
        try Data(("coalitions:\n" + added + old + fresh).utf8).write(to: dir.appendingPathComponent("Datasets/c.yaml"))

        let run = try CLIRunner.run(["check", "--format", "gcc", "--baseline", "baseline.json"], in: dir)
        XCTAssertEqual(gccErrors(run), ["Datasets/c.yaml:36:15: error: leader DE is not a member of fresh [leaders-are-members]"])
        let without = try CLIRunner.run(["check", "--format", "gcc"], in: dir)
        XCTAssertEqual(gccErrors(without).count, 2)
    }

    func testBaselineMatchesFromAnotherFolderOfTheProject() throws {
        let dir = try CLIRunner.folder([
            ".concord.yaml": "datasets: [Datasets]\nrules: [Rules]\n",
            "Rules/r.yaml": rules,
            "Datasets/c.yaml": "coalitions:\n  - {id: a, leaders: [PL], members: [EE]}\n",
        ])
        XCTAssertEqual(try CLIRunner.run(["check", "--write-baseline", "baseline.json"], in: dir).status, 0)
        let sub = dir.appendingPathComponent("Datasets")
        let run = try CLIRunner.run(["check", "--format", "gcc", "--baseline", "../baseline.json"], in: sub)
        XCTAssertEqual(run.status, 0, run.stdout)
        XCTAssertEqual(gccErrors(run), [])
    }

    func testBadBaselineCannotStartAndIsReportedInTheChosenFormat() throws {
        let dir = try CLIRunner.folder(["Datasets/c.yaml": "a: 1\n", "baseline.json": "not json"])
        let run = try CLIRunner.run(["check", "--baseline", "baseline.json"], in: dir)
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stdout.hasPrefix("baseline.json:1:1: error: the baseline is not a Concord baseline"), run.stdout)
        XCTAssertTrue(run.stdout.hasSuffix(" [baseline-invalid]\n"), run.stdout)
        let json = try CLIRunner.run(["check", "--format", "json", "--baseline", "missing.json"], in: dir)
        XCTAssertEqual(json.status, 2)
        XCTAssertTrue(json.stdout.contains("\"ruleId\" : \"baseline-invalid\"") || json.stdout.contains("\"baseline-invalid\""), json.stdout)
    }

    // MARK: Configuration

    func testConfigurationSetsPathsAndSeverities() throws {
        let dir = try CLIRunner.folder([
            ".concord.yaml": """
                datasets: [data]
                rules: [checks]
                format: gcc
                severity:
                  yaml-ambiguous-scalar: off
                overrides:
                  - files: ["data/legacy/**"]
                    severity:
                      leaders-are-members: warning
                """,
            "checks/r.yaml": rules,
            "data/c.yaml": "coalitions:\n  - {id: a, leaders: [PL], members: [EE, NO]}\n",
            "data/legacy/old.yaml": "coalitions:\n  - {id: b, leaders: [DE], members: [EE]}\n",
            "data/sub/.keep.yaml": "",
        ])
        let run = try CLIRunner.run(["check"], in: dir)
        XCTAssertEqual(gccErrors(run), [
            "data/c.yaml:2:23: error: leader PL is not a member of a [leaders-are-members]",
            "data/legacy/old.yaml:2:23: warning: leader DE is not a member of b [leaders-are-members]",
        ])
        // Found upward from a sub-folder.
        let nested = try CLIRunner.run(["check", "--format", "gcc"], in: dir.appendingPathComponent("data/sub"))
        XCTAssertEqual(nested.status, 1)
        XCTAssertTrue(nested.stdout.contains("leader PL is not a member of a"), nested.stdout)
    }

    func testConfigurationErrorsHavePositionsAndExitTwo() throws {
        let dir = try CLIRunner.folder([
            ".concord.yaml": "datasets: [data]\nfail-on: sometimes\nformt: gcc\nformat: sarf\n",
            "data/c.yaml": "a: 1\n",
        ])
        let run = try CLIRunner.run(["check"], in: dir)
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(run.stdout, """
            .concord.yaml:2:10: error: `fail-on` must be error, warning, info or never [config-invalid]
            .concord.yaml:3:1: error: unknown field `formt` in the configuration; did you mean `format`? [config-invalid]
            .concord.yaml:4:9: error: `format` must be one of auto, pretty, gcc, json, sarif, github, junit, gitlab; did you mean `sarif`? [config-invalid]

            """)
    }

    // MARK: Changed files

    func testFilesInsideTheDatasetLoadItAllButReportOnlyThemselves() throws {
        let dir = try CLIRunner.folder([
            "Rules/r.yaml": rules,
            "Datasets/coalitions.yaml": "coalitions:\n  - {id: it, leaders: [PL], members: [EE]}\n",
            "Datasets/pledges.yaml": "pledges:\n  - {id: a, coalition: it}\n  - {id: b, coalition: nope}\n",
            "other.yaml": "x: 1\nx: 2\n",
            "Rules/empty.yml": "rules: []\n",
        ])
        // The pledge file alone: `it` resolves through the coalitions file, only pledges are reported.
        let run = try CLIRunner.run(["check", "--format", "gcc", "Datasets/pledges.yaml", "other.yaml", "Rules/empty.yml"], in: dir)
        XCTAssertEqual(gccErrors(run), [
            "Datasets/pledges.yaml:3:24: error: `nope` is not one of `coalitions[*].id` [pledge-coalition-exists]",
            "other.yaml:2:1: error: duplicate key \"x\" in this mapping [yaml-duplicate-key]",
        ])
    }

    // MARK: Pull-request mode

    func testChangedSinceReportsOnlyChangedLines() throws {
        let dir = try CLIRunner.folder([
            "Rules/r.yaml": rules,
            "Datasets/c.yaml": "coalitions:\n  - id: old\n    leaders: [PL]\n    members: [EE]\n",
        ])
        try CLIRunner.git("init", "-q", in: dir)
        try CLIRunner.git("add", ".", in: dir)
        try CLIRunner.git("commit", "-qm", "base", in: dir)
        try Data("coalitions:\n  - id: old\n    leaders: [PL]\n    members: [EE]\n  - id: new\n    leaders: [DE]\n    members: [EE]\n".utf8)
            .write(to: dir.appendingPathComponent("Datasets/c.yaml"))
        try Data("pledges:\n  - {id: p, coalition: missing}\n".utf8).write(to: dir.appendingPathComponent("Datasets/p.yaml"))

        let run = try CLIRunner.run(["check", "--format", "gcc", "--changed-since", "HEAD"], in: dir)
        XCTAssertEqual(gccErrors(run), [
            "Datasets/c.yaml:6:15: error: leader DE is not a member of new [leaders-are-members]",
            "Datasets/p.yaml:2:24: error: `missing` is not one of `coalitions[*].id` [pledge-coalition-exists]",
        ])
        let bad = try CLIRunner.run(["check", "--changed-since", "no-such-ref"], in: dir)
        XCTAssertEqual(bad.status, 2)
        XCTAssertEqual(bad.stdout, ".:1:1: error: git does not know the revision `no-such-ref` [git-unavailable]\n")
    }

    // MARK: GitHub

    func testGitHubFormatAppendsAStepSummary() throws {
        let dir = try CLIRunner.folder(["Rules/r.yaml": rules, "Datasets/c.yaml": "coalitions:\n  - {id: a, leaders: [PL], members: [EE]}\n"])
        let summary = dir.appendingPathComponent("summary.md")
        let run = try CLIRunner.run(["check"], in: dir, environment: ["GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": summary.path])
        XCTAssertTrue(run.stdout.hasPrefix("::error file=Datasets/c.yaml,line=2,col=23,endLine=2,endColumn=25,title=leaders-are-members::leader PL is not a member of a"), run.stdout)
        let text = try String(contentsOf: summary, encoding: .utf8)
        XCTAssertTrue(text.contains("leaders-are-members"), text)
    }
}
