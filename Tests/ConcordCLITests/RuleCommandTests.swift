import Foundation
import XCTest

/// `concord check` with rule files, `eval`, `rules`, `explain`, end to end.
final class RuleCommandTests: XCTestCase {
    let rules = "rules:\n" + CLIFixtures.leadersAreMembers + """
            examples:
              valid:
                - |
                  coalitions: [{id: a, leaders: [EE], members: [EE, LU]}]
              invalid:
                - |
                  coalitions: [{id: a, leaders: [↓PL], members: [EE, LU]}]
        """

    func testLeaderNotAMemberIsReportedAtTheLeader() throws {
        let dir = try CLIRunner.folder([
            "Rules/coalitions.yaml": rules,
            "Datasets/it.yaml": "coalitions:\n  - id: it-coalition\n    leaders: [EE, PL]\n    members: [EE, LU]\n",
        ])
        let run = try CLIRunner.run(["check", "--format", "gcc"], in: dir)
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stdout, """
            Datasets/it.yaml:3:19: error: leader PL is not a member of it-coalition [leaders-are-members]
            Datasets/it.yaml:4:14: note: `members` is here

            """)
    }

    func testBrokenRuleFilesExitTwoBeforeCheckingData() throws {
        let dir = try CLIRunner.folder([
            "Rules/a.yaml": """
                rules:
                  - id: dup
                    descripton: typo
                    for: coalitions[*]
                    assert: self.x == (1
                  - id: dup
                    for: coalitions[*]
                    assert: "true"
                """,
            "Datasets/it.yaml": "a: 1\na: 2\n",
        ])
        let run = try CLIRunner.run(["check", "--format", "gcc"], in: dir)
        XCTAssertEqual(run.status, 2)
        let errors = run.stdout.split(separator: "\n").filter { $0.contains(": error: ") }.map(String.init)
        XCTAssertEqual(errors, [
            "Rules/a.yaml:3:5: error: unknown field `descripton` in a rule; did you mean `description`? [rule-unknown-field]",
            "Rules/a.yaml:5:25: error: CEL syntax error: expected ')' but found end of expression [rule-cel-syntax]",
            "Rules/a.yaml:6:9: error: rule id `dup` is already used [rule-duplicate-id]",
        ])
        XCTAssertFalse(run.stdout.contains("Datasets/"), "no data is checked")
    }

    func testRulesOptionReplacesTheDefaultRules() throws {
        let dir = try CLIRunner.folder([
            "Rules/a.yaml": "rules:\n  - id: never\n    for: coalitions[*]\n    assert: \"false\"\n",
            "other/b.yaml": rules,
            "Datasets/it.yaml": "coalitions:\n  - {id: x, leaders: [EE], members: [EE]}\n",
        ])
        XCTAssertEqual(try CLIRunner.run(["check", "--format", "gcc"], in: dir).status, 1)
        let run = try CLIRunner.run(["check", "--format", "gcc", "--rules", "other"], in: dir)
        XCTAssertEqual(run.status, 0)
        XCTAssertEqual(run.stdout, "")
    }

    func testEvalReportsOverflowAndComparesPartialDates() throws {
        let dir = try CLIRunner.folder([:])
        let overflow = try CLIRunner.run(["eval", "[1,2,3].all(x, x > 0) && 9223372036854775807 + 1 > 0"], in: dir)
        XCTAssertEqual(overflow.status, 1)
        XCTAssertTrue(overflow.stderr.hasPrefix("error: int overflow"), overflow.stderr)
        let dates = try CLIRunner.run(["eval", "date(\"2023-11\") <= date(\"2023-11-15\")"], in: dir)
        XCTAssertEqual(dates.stdout, "true\n")
        XCTAssertEqual(dates.status, 0)
        let typed = try CLIRunner.run(["eval", "[1, 1u, 1.0]", "--typed"], in: dir)
        XCTAssertEqual(typed.stdout, "{\"list\":[{\"int\":\"1\"},{\"uint\":\"1\"},{\"double\":1.0}]}\n")
    }

    func testEvalKnowsOptionalsBindAndKubernetesLibraries() throws {
        let dir = try CLIRunner.folder([:])
        let cases = [
            ("optional.of(1).orValue(2)", "1"), ("optional.none().orValue(2)", "2"), ("cel.bind(x, 2, x*x)", "4"),
            ("isURL(\"https://a.b/c\")", "true"), ("ip(\"10.0.0.1\").family()", "4"), ("math.greatest([3, 7, 5])", "7"),
        ]
        for (expression, expected) in cases {
            let run = try CLIRunner.run(["eval", expression], in: dir)
            XCTAssertEqual(run.status, 0, "\(expression): \(run.stderr)")
            XCTAssertEqual(run.stdout, expected + "\n", expression)
        }
    }

    func testEvalBindsDataAndVariables() throws {
        let dir = try CLIRunner.folder(["d.yaml": "coalitions:\n  - {id: it, members: [EE, LU]}\n"])
        let run = try CLIRunner.run(["eval", "self.coalitions[0].members.map(m, m + suffix)", "--data", "d.yaml",
                                     "--var", "suffix='!'"], in: dir)
        XCTAssertEqual(run.stdout, "[\"EE!\",\"LU!\"]\n")
        let syntax = try CLIRunner.run(["eval", "1 +* 2"], in: dir)
        XCTAssertEqual(syntax.status, 1)
        XCTAssertEqual(syntax.stderr, "error: syntax error: unexpected '*'\n  1 +* 2\n     ^\n")
    }

    func testRulesAndExplain() throws {
        let dir = try CLIRunner.folder(["Rules/coalitions.yaml": rules])
        let list = try CLIRunner.run(["rules"], in: dir)
        XCTAssertTrue(list.stdout.contains("leaders-are-members       error    Every leader of a coalition is one of its members."), list.stdout)
        XCTAssertTrue(list.stdout.contains("yaml-ambiguous-scalar"))
        let explain = try CLIRunner.run(["explain", "leaders-are-members"], in: dir)
        XCTAssertEqual(explain.status, 0)
        XCTAssertTrue(explain.stdout.contains("\ncost:       at most "), explain.stdout)
        XCTAssertTrue(explain.stdout.contains("assert:     self.leaders.all(l, l in self.members)"), explain.stdout)
        let marked = "  coalitions: [{id: a, leaders: [PL], members: [EE, LU]}]\n"
            + String(repeating: " ", count: "  coalitions: [{id: a, leaders: [".count) + "^\n"
        XCTAssertTrue(explain.stdout.contains(marked), explain.stdout)
        let unknown = try CLIRunner.run(["explain", "leaders-are-member"], in: dir)
        XCTAssertEqual(unknown.status, 2)
        XCTAssertEqual(unknown.stderr, "no rule `leaders-are-member`; did you mean `leaders-are-members`?\n")
    }
}
