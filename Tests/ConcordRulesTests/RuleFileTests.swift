import ConcordDiagnostics
import XCTest
@testable import ConcordRules

/// Rule files are checked like data: every problem at its line and column.
final class RuleFileTests: XCTestCase {
    func testTypoSyntaxErrorAndDuplicateIDAreThreePositionedDiagnostics() {
        let (_, diagnostics) = RuleTestSupport.rules("""
            rules:
              - id: leaders-are-members
                descripton: Leaders are members.
                for: coalitions[*]
                assert: self.leaders.all(l, l in self.members)
              - id: counts
                for: coalitions[*]
                assert: self.member_count == size(self.members
              - id: leaders-are-members
                for: coalitions[*]
                assert: "true"
            """)
        XCTAssertEqual(diagnostics.map(RuleTestSupport.render), [
            "rules.yaml:3:5-3:15 rule-unknown-field: unknown field `descripton` in a rule; did you mean `description`?",
            "rules.yaml:8:51-8:51 rule-cel-syntax: CEL syntax error: expected ')' but found end of expression",
            "rules.yaml:9:9-9:28 rule-duplicate-id: rule id `leaders-are-members` is already used",
        ])
        XCTAssertEqual(RuleTestSupport.renderRelated(diagnostics[2]), ["rules.yaml:2:9 first defined here"])
    }

    func testExpressionsOverTheCostBudgetAreRuleFileErrors() {
        let text = """
            rules:
              - id: leaders-lead
                for: coalitions[*]
                assert: self.members.all(m, self.leaders.exists(l, l == m))
            """
        let (set, diagnostics) = RuleFileLoader(costBudget: 300, maxListSize: 10).load(texts: [("rules.yaml", text)])
        XCTAssertEqual(diagnostics.map(RuleTestSupport.render), [
            "rules.yaml:4:13-4:64 rule-cost-exceeded: estimated worst-case cost 333 exceeds the budget of 300 (lists and strings of unknown size taken as 10 long)",
        ])
        XCTAssertEqual(set.rules.count, 0)
        let (within, none) = RuleFileLoader(costBudget: 333, maxListSize: 10).load(texts: [("rules.yaml", text)])
        XCTAssertEqual(none.map(RuleTestSupport.render), [])
        XCTAssertEqual(within.rules.first?.estimatedCost, 333)
    }

    func testErrorsInsideExpressionsPointAtTheirColumn() {
        let (_, diagnostics) = RuleTestSupport.rules("""
            rules:
              - id: a
                for: coalitions[*]
                assert: "self.x == unknownThing"
              - id: b
                for: coalitions[*.x
                assert: 'self.name == ''it'' && nope(1)'
              - id: c
                for: coalitions[*]
                severity: fatal
                assert: |
                  self.members.all(m,
                    isCountry(m) && bogus > 1)
            """)
        XCTAssertEqual(diagnostics.map(RuleTestSupport.render), [
            "rules.yaml:4:24-4:36 rule-cel-check: undeclared reference to 'unknownThing'",
            "rules.yaml:6:22-6:22 rule-bad-selector: bad selector: '[' at column 11 is not closed by ']'",
            "rules.yaml:7:37-7:44 rule-cel-check: unknown function 'nope'",
            "rules.yaml:10:15-10:20 rule-invalid-value: unknown severity `fatal`; use error, warning or info",
            "rules.yaml:13:25-13:30 rule-cel-check: undeclared reference to 'bogus'",
        ])
    }

    func testMissingAndConflictingFields() {
        let (_, diagnostics) = RuleTestSupport.rules("""
            rules:
              - id: Bad_Id
                for: pledges[*]
              - id: both
                for: pledges[*]
                assert: "true"
                unique: self.id
              - id: ref
                for: pledges[*]
                references: coalitions[*].id
            """)
        XCTAssertEqual(diagnostics.map(RuleTestSupport.render), [
            "rules.yaml:2:9-2:15 rule-invalid-value: rule id `Bad_Id` must be kebab-case (lower-case letters, digits and single dashes)",
            "rules.yaml:2:5-3:20 rule-missing-field: rule `Bad_Id` needs exactly one of `assert`, `unique` or `references`",
            "rules.yaml:7:5-7:11 rule-missing-field: rule `both` needs exactly one of `assert`, `unique` or `references`",
            "rules.yaml:8:5-10:33 rule-missing-field: rule `ref` has `references` but no `key`",
        ])
    }

    func testVariablesAreCheckedInOrderAndShared() {
        let (set, diagnostics) = RuleTestSupport.rules("""
            variables:
              byId: keyBy(dataset.coalitions, 'id')
              later: byId.size() + missing
            rules:
              - id: uses-variable
                for: pledges[*]
                assert: self.coalition in byId
            """)
        XCTAssertEqual(diagnostics.map(RuleTestSupport.render), [
            "rules.yaml:3:24-3:31 rule-cel-check: undeclared reference to 'missing'",
        ])
        XCTAssertEqual(set.variables.map(\.name), ["byId"])
    }

    func testBadExampleIsReported() {
        let (_, diagnostics) = RuleTestSupport.rules("""
            rules:
              - id: a
                for: coalitions[*]
                assert: "true"
                examples:
                  valid:
                    - "key: [unclosed"
            """)
        XCTAssertEqual(diagnostics.map(\.ruleID), ["rule-bad-example"])
        XCTAssertEqual(diagnostics.first?.location.range?.start.line, 7)
    }

    func testUnknownShapeTypeSuggestsTheClosest() {
        let (_, diagnostics) = RuleTestSupport.rules("""
            shapes:
              - id: pledge-shape
                for: pledges[*]
                fields:
                  donor: {type: contry, required: true}
            """)
        XCTAssertEqual(diagnostics.map(RuleTestSupport.render), [
            "rules.yaml:5:21-5:27 rule-invalid-value: unknown field type `contry`; did you mean `country`? (types: string, int, number, bool, date, country, currency, money, url, map, any, and [T] for lists)",
        ])
    }
}
