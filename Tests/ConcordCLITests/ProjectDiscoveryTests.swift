import Foundation
import XCTest

/// One project discovery for every command: `.concord.yaml` upward, else the nearest folder
/// holding `Datasets/`.
final class ProjectDiscoveryTests: XCTestCase {
    let rules = "rules:\n" + CLIFixtures.leadersAreMembers

    func testCheckFromInsideTheDatasetChecksTheProject() throws {
        let dir = try CLIRunner.folder([
            "Rules/coalitions.yaml": rules,
            "Datasets/coalitions/it.yaml": "coalitions:\n  - id: it-coalition\n    leaders: [EE, PL]\n    members: [EE, LU]\n",
        ])
        let inside = dir.appendingPathComponent("Datasets/coalitions")
        let run = try CLIRunner.run(["check", "--format", "gcc"], in: inside)
        XCTAssertEqual(run.status, 1, run.stderr)
        // Paths are shown relative to the current folder.
        XCTAssertEqual(run.stdout, """
            it.yaml:3:19: error: leader PL is not a member of it-coalition [leaders-are-members]
            it.yaml:4:14: note: `members` is here

            """)
    }

    func testConfigurationAboveWinsOverTheDatasetsFolder() throws {
        let dir = try CLIRunner.folder([
            ".concord.yaml": "datasets: [data]\nrules: [checks]\n",
            "checks/coalitions.yaml": rules,
            "data/it.yaml": "coalitions:\n  - id: it-coalition\n    leaders: [PL]\n    members: [EE]\n",
            "data/sub/Datasets/ignored.yaml": "coalitions: []\n",
        ])
        let run = try CLIRunner.run(["check", "--format", "gcc"], in: dir.appendingPathComponent("data/sub"))
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(run.stdout.contains("data/it.yaml:3:15: error: leader PL is not a member of it-coalition"), run.stdout)
    }

    func testRulesAndExplainFindTheProjectsRulesFromASubfolder() throws {
        let dir = try CLIRunner.folder([
            "Rules/coalitions.yaml": rules,
            "Datasets/pledges/2024.yaml": "pledges: []\n",
        ])
        let inside = dir.appendingPathComponent("Datasets/pledges")
        let list = try CLIRunner.run(["rules"], in: inside)
        XCTAssertEqual(list.status, 0, list.stderr)
        XCTAssertTrue(list.stdout.contains("leaders-are-members"), list.stdout)
        let explain = try CLIRunner.run(["explain", "leaders-are-members"], in: inside)
        XCTAssertEqual(explain.status, 0, explain.stderr)
        XCTAssertTrue(explain.stdout.contains("self.leaders.all(l, l in self.members)"), explain.stdout)
    }

    func testABrokenConfigurationStopsRulesWithItsPosition() throws {
        let dir = try CLIRunner.folder([
            ".concord.yaml": "rulez: [Rules]\n",
            "Rules/coalitions.yaml": rules,
        ])
        let run = try CLIRunner.run(["rules"], in: dir)
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains(".concord.yaml:1:1: error: "), run.stderr)
    }
}
