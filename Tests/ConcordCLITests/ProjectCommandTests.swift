import Foundation
import XCTest

/// `concord test`, `concord init` and the mounted example project, end to end.
final class ProjectCommandTests: XCTestCase {
    static let register = CLIRunner.packageRoot.appendingPathComponent("examples/register")

    /// A copy of `source` (a folder) in a fresh temporary folder, without the given entries.
    private func copy(_ source: URL, without: [String] = []) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("concord-project-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: source, to: dir)
        for entry in without { try FileManager.default.removeItem(at: dir.appendingPathComponent(entry)) }
        return dir
    }

    private func write(_ text: String, to path: String, in dir: URL) throws {
        try Data(text.utf8).write(to: dir.appendingPathComponent(path))
    }

    // MARK: concord test

    func testShippedRulesPass() throws {
        let run = try CLIRunner.run(["test", "Rules/"], in: CLIRunner.packageRoot)
        XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
        XCTAssertTrue(run.stdout.hasPrefix("examples: "), run.stdout)
        XCTAssertTrue(run.stdout.contains(" passed, 0 failed, of "), run.stdout)
    }

    func testABrokenExampleIsReportedWithExpectedAndActualPositions() throws {
        let dir = try CLIRunner.folder([
            "Rules/r.yaml": """
                rules:
                  - id: leaders-are-members
                    for: coalitions[*]
                    assert: self.leaders.all(l, l in self.members)
                    message: "leader {{l}} is not a member of {{self.id}}"
                    examples:
                      valid:
                        - |
                          coalitions:
                            - {id: a, leaders: [EE], members: [LU]}
                      invalid:
                        - |
                          coalitions:
                            - {id: ↓a, leaders: [EE], members: [LU]}
                        - |
                          coalitions:
                            - {id: a, leaders: [↓EE], members: [LU]}

                """,
        ])
        // The default rules (Rules/) and a rule file given give the same report.
        for arguments in [["test"], ["test", "Rules/r.yaml"]] {
            let run = try CLIRunner.run(arguments, in: dir)
            XCTAssertEqual(run.status, 1, run.stdout + run.stderr)
            XCTAssertEqual(run.stdout, """
                Rules/r.yaml:8:11: error: valid example 1 of `leaders-are-members` fails [leaders-are-members]
                  expected: no diagnostic
                  actual:   2:23 leader EE is not a member of a
                  example:
                     1 | coalitions:
                     2 |   - {id: a, leaders: [EE], members: [LU]}
                Rules/r.yaml:12:11: error: invalid example 1 of `leaders-are-members` fails [leaders-are-members]
                  expected: a diagnostic at 2:10 (the ↓ markers)
                  actual:   2:23 leader EE is not a member of a
                  example:
                     1 | coalitions:
                     2 |   - {id: a, leaders: [EE], members: [LU]}
                examples: 1 passed, 2 failed, of 1 rule

                """)
        }
    }

    func testARuleFileWithErrorsExitsTwo() throws {
        let dir = try CLIRunner.folder(["Rules/r.yaml": "rules:\n  - id: x\n    for: a[*]\n    asert: true\n"])
        let run = try CLIRunner.run(["test"], in: dir)
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("Rules/r.yaml:4:5: error: unknown field `asert`"), run.stderr)
    }

    // MARK: The example project

    func testTheRegisterExampleChecksCleanAndItsExamplesPass() throws {
        let check = try CLIRunner.run(["check", "--format", "gcc"], in: Self.register)
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
        XCTAssertTrue(check.stderr.contains("no problems in 8 files (9 records, 6 rules)"), check.stderr)
        let test = try CLIRunner.run(["test", "rules"], in: Self.register)
        XCTAssertEqual(test.status, 0, test.stdout)
        XCTAssertEqual(test.stdout, "examples: 12 passed, 0 failed, of 6 rules\n")
    }

    func testPlantedProblemsInTheRegisterAreReportedInTheirFiles() throws {
        let dir = try copy(Self.register)
        try write("finance: [ana-okafor, jonas-weber, priya-nair, mei-ling]\nplanning: [tomas-berg, ana-okafor, sofia-russo]\ntransprot: [mei-lin, jonas-weber, sofia-russo]\n",
                  to: "data/membership.yaml", in: dir)
        try write("id: mei-lin\nname: Mei Lin\nterms:\n  - {office: councillor, from: 2023-05-02, to: 2019-05-01}\n",
                  to: "data/people/mei-lin.yaml", in: dir)
        let run = try CLIRunner.run(["check", "--format", "gcc"], in: dir)
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stdout, """
            data/committees.yaml:10:7: error: the chair mei-lin of transport is not one of its members [chair-is-member]
            data/membership.yaml:1:48: error: `mei-ling` is not one of `people[*].id`; did you mean `mei-lin`? [members-are-people]
            data/membership.yaml:3:1: error: `transprot` has members but is not a committee [membership-committee-exists]
            data/people/mei-lin.yaml:4:32: error: the term as councillor starts on 2023-05-02, after it ends (2019-05-01) [term-dates-ordered]
            data/people/mei-lin.yaml:4:48: note: `to` is here

            """)
        // Exact ranges, in the JSON report.
        let json = try CLIRunner.run(["check", "--format", "json"], in: dir)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let ranges = (report["diagnostics"] as? [[String: Any]] ?? []).map { d -> String in
            let range = d["range"] as? [String: Any] ?? [:]
            let start = range["start"] as? [String: Any] ?? [:], end = range["end"] as? [String: Any] ?? [:]
            return "\(d["file"] ?? "") \(start["line"] ?? 0):\(start["column"] ?? 0)-\(end["line"] ?? 0):\(end["column"] ?? 0) \(d["ruleId"] ?? "")"
        }
        XCTAssertEqual(ranges, [
            "data/committees.yaml 10:7-10:16 chair-is-member",
            "data/membership.yaml 1:48-1:56 members-are-people",
            "data/membership.yaml 3:1-3:10 membership-committee-exists",
            "data/people/mei-lin.yaml 4:32-4:42 term-dates-ordered",
        ], json.stdout)
    }

    // MARK: concord init

    func testInitMountsTheRegisterDataSoThatCheckLoadsEveryFile() throws {
        let dir = try copy(Self.register, without: [".concord.yaml", "rules"])
        let run = try CLIRunner.run(["init"], in: dir)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, """
            wrote .concord.yaml:
              committees  data/committees.yaml  (a list of 3 records)
              membership  data/membership.yaml  (a keyed map of 3 entries)
              people  data/people/*.yaml  (one record per file, 6 files)
            wrote rules/starter.yaml: 2 commented example rules
            next: concord check

            """)
        let config = try String(contentsOf: dir.appendingPathComponent(".concord.yaml"), encoding: .utf8)
        XCTAssertTrue(config.contains("  - {path: data/committees.yaml, as: committees}"), config)
        XCTAssertTrue(config.contains("  - {path: data/membership.yaml, as: membership, kind: map}"), config)
        XCTAssertTrue(config.contains("  - {path: \"data/people/*.yaml\", as: people}"), config)

        let check = try CLIRunner.run(["check", "--format", "gcc"], in: dir)
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
        XCTAssertTrue(check.stderr.contains("no problems in 8 files (9 records, 0 rules)"), check.stderr)

        // The starter rules, uncommented, load and their examples pass; over the data they hold.
        let starter = try String(contentsOf: dir.appendingPathComponent("rules/starter.yaml"), encoding: .utf8)
        let parts = starter.components(separatedBy: "rules: []\n")
        XCTAssertEqual(parts.count, 2, starter)
        let uncommented = "rules:\n" + (parts.last ?? "").split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("# ") ? String($0.dropFirst(2)) : String($0) }.joined(separator: "\n")
        try write(uncommented, to: "rules/starter.yaml", in: dir)
        let test = try CLIRunner.run(["test", "rules"], in: dir)
        XCTAssertEqual(test.stdout, "examples: 4 passed, 0 failed, of 2 rules\n", uncommented)
        let checked = try CLIRunner.run(["check", "--format", "gcc"], in: dir)
        XCTAssertEqual(checked.status, 0, checked.stdout + checked.stderr)
        XCTAssertTrue(checked.stderr.contains("(9 records, 2 rules)"), checked.stderr)
    }

    func testInitNeverOverwritesAFile() throws {
        let dir = try CLIRunner.folder([".concord.yaml": "datasets: [mine]\n", "data.yaml": "- {id: a}\n"])
        let run = try CLIRunner.run(["init"], in: dir)
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains(".concord.yaml exists; concord init writes nothing over an existing file"), run.stderr)
        XCTAssertEqual(try String(contentsOf: dir.appendingPathComponent(".concord.yaml"), encoding: .utf8), "datasets: [mine]\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("rules/starter.yaml").path))

        let other = try CLIRunner.folder(["rules/starter.yaml": "# mine\n", "data.yaml": "- {id: a}\n"])
        let second = try CLIRunner.run(["init"], in: other)
        XCTAssertEqual(second.status, 2)
        XCTAssertTrue(second.stderr.contains("rules/starter.yaml exists"), second.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: other.appendingPathComponent(".concord.yaml").path))
        XCTAssertEqual(try String(contentsOf: other.appendingPathComponent("rules/starter.yaml"), encoding: .utf8), "# mine\n")
    }
}
