import ConcordDiagnostics
import ConcordYAML
import XCTest
@testable import ConcordRules

/// `fix:` in rule files: how it is read (errors at their line and column), what edits it
/// makes, and how fixes are applied in rounds (idempotent, never breaking a file).
final class RuleFixTests: XCTestCase {
    private func rule(_ body: String) -> String {
        "rules:\n  - id: r\n    for: items[*]\n" + body
    }

    private func located(_ ds: [Diagnostic]) -> [String] {
        ds.map { "\($0.location.range?.start.line ?? 0):\($0.location.range?.start.column ?? 0) \($0.ruleID): \($0.message)" }
    }

    // MARK: Reading `fix:`

    func testFixIsRead() {
        let (set, problems) = RuleTestSupport.rules(rule("""
                assert: self.n == size(self.list)
                fix:
                  description: "set n to {{size(self.list)}}"
                  set: {at: self.n, to: size(self.list)}
            """))
        XCTAssertEqual(problems.map(\.message), [])
        XCTAssertEqual(set.rules.first?.fix?.applicability, .unsafe, "unsafe by default")
        XCTAssertEqual(set.rules.first?.fix?.operation.name, "set")
    }

    func testFixErrorsHaveLineAndColumn() {
        let (_, problems) = RuleTestSupport.rules(rule("""
                assert: self.all(x, x > 0)
                fix:
                  applicability: sometimes
                  sett: {at: self.n}
                  set: {at: self.n, to: "1 +", by: 2}
                  remove: {to: self.n}
            """))
        XCTAssertEqual(located(problems), [
            "7:7 rule-unknown-field: unknown field `sett` in a fix; did you mean `set`?",
            "6:22 rule-invalid-value: unknown applicability `sometimes`; use safe or unsafe",
            "9:7 rule-missing-field: a fix needs exactly one of `set`, `remove` or `rename`",
        ])
        let (_, second) = RuleTestSupport.rules(rule("""
                assert: self.n > 0
                fix:
                  set: {at: self.n, to: "1 +", by: 2}
            """))
        XCTAssertEqual(located(second), [
            "6:36 rule-unknown-field: unknown field `by` in `fix.set`",
            "6:33 rule-cel-syntax: CEL syntax error: unexpected end of expression",
        ])
        let (_, third) = RuleTestSupport.rules(rule("""
                assert: self.n > 0
                fix:
                  remove: {to: self.n}
                  description: "{{nope}}"
            """))
        XCTAssertEqual(located(third), [
            "7:23 rule-cel-check: undeclared reference to 'nope'",
            "6:16 rule-unknown-field: unknown field `to` in `fix.remove`",
            "6:15 rule-missing-field: `fix.remove` has no `at`",
        ])
    }

    func testFixedOnAValidExampleIsAnError() {
        let (_, problems) = RuleTestSupport.rules(rule("""
                assert: self.n > 0
                examples:
                  valid:
                    - data: "items: [{n: 1}]"
                      fixed: "items: [{n: 1}]"
            """))
        XCTAssertEqual(located(problems), ["8:11 rule-invalid-value: `fixed` belongs to invalid examples (a valid example has nothing to fix)"])
    }

    // MARK: Edits of rule fixes

    private func fixes(_ rulesText: String, _ data: String) -> [Fix] {
        RuleTestSupport.check(rulesText, [("d.yaml", data)]).flatMap(\.fixes)
    }

    private func fixed(_ rulesText: String, _ data: String, unsafe: Bool = true) -> String {
        let (set, problems) = RuleTestSupport.rules(rulesText)
        XCTAssertEqual(problems.map(\.message), [])
        let outcome = FixRounds(applicability: unsafe ? .unsafe : .safe).run(["d.yaml": Array(data.utf8)]) { texts in
            let loaded = YAMLLoader().load(bytes: texts["d.yaml"] ?? [], file: "d.yaml")
            let dataset = Dataset(documents: loaded.documents)
            return loaded.diagnostics + RuleEngine(rules: set).check(dataset)
        }
        return String(decoding: outcome.texts["d.yaml"] ?? [], as: UTF8.self)
    }

    func testSetAddsAMissingKeyAtTheMappingsIndentation() {
        let rules = rule("""
                assert: has(self.currency)
                fix: {description: "add currency EUR", applicability: safe, set: {at: self.currency, to: "'EUR'"}}
            """)
        let data = "items:\n  - value: 1   # one\n    # comment\n  - {value: 2}\n"
        let found = fixes(rules, data)
        XCTAssertEqual(found.map(\.description), ["add currency EUR", "add currency EUR"])
        XCTAssertEqual(found.map(\.applicability), [.safe, .safe])
        XCTAssertEqual(fixed(rules, data), "items:\n  - value: 1   # one\n    currency: EUR\n    # comment\n  - {value: 2, currency: EUR}\n")
    }

    func testTheFailingElementOfAllIsAddressable() {
        let rules = rule("""
                assert: self.tags.all(t, t == t.lowerAscii())
                fix: {set: {at: t, to: t.lowerAscii()}}
            """)
        let data = "items:\n  - tags: [a, 'B', \"C\"]\n  - tags:\n      - D  # d\n      - e\n"
        XCTAssertEqual(fixes(rules, data).map(\.description), ["set t", "set t", "set t"], "default description")
        XCTAssertEqual(fixed(rules, data), "items:\n  - tags: [a, 'b', \"c\"]\n  - tags:\n      - d  # d\n      - e\n")
        XCTAssertEqual(fixed(rules, data, unsafe: false), data, "unsafe fixes wait for --unsafe-fixes")
    }

    func testTheElementsThatMakeANegatedExistsFailAreAddressable() {
        let rules = rule("""
                assert: "!self.tags.exists(t, t == 'draft')"
                fix: {description: "remove {{t}}", applicability: safe, remove: {at: t}}
            """)
        let data = "items:\n  - tags: [a, draft, b, draft]\n  - tags:\n      - draft  # old\n      - c\n"
        XCTAssertEqual(fixes(rules, data).map(\.description), ["remove draft", "remove draft", "remove draft"])
        XCTAssertEqual(fixed(rules, data), "items:\n  - tags: [a, b]\n  - tags:\n      - c\n")
    }

    func testRemoveAndRename() {
        let remove = rule("""
                assert: "!has(self.obsolete)"
                fix: {applicability: safe, remove: {at: self.obsolete}}
            """)
        XCTAssertEqual(fixed(remove, "items:\n  - id: a\n    obsolete: x  # old\n    name: A\n"), "items:\n  - id: a\n    name: A\n")
        let rename = rule("""
                assert: "!has(self.colour)"
                fix: {rename: {at: self.colour, to: "'color'"}}
            """)
        XCTAssertEqual(fixed(rename, "items: [{id: a, colour: red}]\n"), "items: [{id: a, color: red}]\n")
    }

    func testAFixWithNothingToChangeIsNoFix() {
        let rules = rule("""
                assert: self.code == self.code.upperAscii() && self.code.size() == 2
                fix: {set: {at: self.code, to: "self.code.upperAscii()"}}
            """)
        XCTAssertEqual(fixes(rules, "items: [{code: ABC}, {code: ab}]\n").count, 1)
    }

    // MARK: Rounds

    func testRoundsAreIdempotentAndKeepFilesParsable() {
        let rules = rule("""
                assert: self.count == size(self.list)
                fix: {set: {at: self.count, to: size(self.list)}}
            """)
        // (`n` would be quoted too: it is YAML 1.1's false, and the loader's fix quotes it.)
        let data = "# head\r\nitems:\r\n  - {count: 5, list: [a, b]}  # flow\r\n  - count: 'x'\r\n    list:\r\n      - a\r\n"
        let once = fixed(rules, data)
        XCTAssertEqual(once, "# head\r\nitems:\r\n  - {count: 2, list: [a, b]}  # flow\r\n  - count: 1\r\n    list:\r\n      - a\r\n")
        XCTAssertEqual(fixed(rules, once), once, "a second run changes nothing")
    }

    func testAFixThatWouldBreakTheFileIsDropped() {
        let edit = TextEdit(file: "d.yaml", range: SourceRange(start: SourcePosition(line: 1, column: 4, offset: 3),
                                                                 end: SourcePosition(line: 1, column: 5, offset: 4)),
                            newText: "[")
        let good = TextEdit(file: "d.yaml", range: SourceRange(start: SourcePosition(line: 2, column: 4, offset: 8),
                                                                 end: SourcePosition(line: 2, column: 5, offset: 9)),
                            newText: "3")
        let fixes = [Fix(description: "bad", applicability: .safe, edits: [edit]),
                     Fix(description: "good", applicability: .safe, edits: [good])]
        let outcome = FixRounds.applyKeepingParsable(fixes, to: ["d.yaml": Array("a: 1\nb: 2\n".utf8)])
        XCTAssertEqual(outcome.applied.map(\.description), ["good"])
        XCTAssertEqual(outcome.texts["d.yaml"].map { String(decoding: $0, as: UTF8.self) }, "a: 1\nb: 3\n")
    }

    func testFixesThatNeverConvergeStopAfterTenRounds() {
        let rules = rule("""
                assert: self.n < 0
                fix: {set: {at: self.n, to: self.n + 1}}
            """)
        let (set, _) = RuleTestSupport.rules(rules)
        let outcome = FixRounds(applicability: .unsafe).run(["d.yaml": Array("items: [{n: 0}]\n".utf8)]) { texts in
            let loaded = YAMLLoader().load(bytes: texts["d.yaml"] ?? [], file: "d.yaml")
            return RuleEngine(rules: set).check(Dataset(documents: loaded.documents))
        }
        XCTAssertEqual(outcome.rounds, 10)
        XCTAssertEqual(outcome.unconverged, ["r"])
        XCTAssertEqual(outcome.texts["d.yaml"].map { String(decoding: $0, as: UTF8.self) }, "items: [{n: 10}]\n")
    }

    func testAWrongFixedTextFailsTheExample() {
        let (set, problems) = RuleTestSupport.rules(rule("""
                assert: self.n > 0
                fix: {set: {at: self.n, to: "1"}}
                examples:
                  valid: ["items: [{n: 1}]"]
                  invalid:
                    - data: "items: [{n: ↓0}]"
                      fixed: "items: [{n: 2}]"
                    - data: "items: [{n: ↓-1}]"
                      fixed: "items: [{n: 1}]"
            """))
        XCTAssertEqual(problems.map(\.message), [])
        let outcomes = ExampleRunner(rules: set).run().filter { !$0.valid }
        XCTAssertEqual(outcomes.map { $0.problem == nil }, [false, true])
        XCTAssertTrue(outcomes[0].problem?.contains("after its fixes the example is:\nitems: [{n: 1}]") ?? false, outcomes[0].problem ?? "")
    }

    // MARK: Built-in fixes

    func testAmbiguousScalarIsQuotedSafely() {
        let loaded = YAMLLoader().load(text: "members: [\"DK\", NO, &n yes]  # x\n", file: "d.yaml")
        let fixes = loaded.diagnostics.flatMap(\.fixes)
        XCTAssertEqual(fixes.map(\.description), ["quote it: \"NO\"", "quote it: \"yes\""])
        XCTAssertEqual(fixes.map(\.applicability), [.safe, .safe])
        let outcome = FixApplier.apply(fixes, to: ["d.yaml": loaded.yamlFile!.bytes])
        XCTAssertEqual(outcome.texts["d.yaml"].map { String(decoding: $0, as: UTF8.self) },
                       "members: [\"DK\", \"NO\", &n \"yes\"]  # x\n")
    }

    func testUnusedSuppressionIsRemovedOnlyWhenAllItsRulesAreUnused() {
        let text = "a: 1  # concord-ignore: r1 why\n# concord-ignore: r1, r2\nb: 2\n"
        let loaded = YAMLLoader().load(text: text, file: "d.yaml")
        let file = loaded.yamlFile!
        let suppressions = Suppressions.parse(file.bytes, file: "d.yaml", lines: { file.position(ofOffset: $0) })
        let used = Diagnostic(ruleID: "r2", severity: .error, message: "m",
                              location: SourceLocation(file: "d.yaml", range: SourceRange(at: file.position(ofOffset: 56))))
        let result = Suppressions.apply(suppressions, to: [used])
        let unused = result.filter { $0.ruleID == GateRules.unusedSuppression.descriptor.id }
        XCTAssertEqual(unused.map { $0.location.range?.start.line }, [1, 2])
        XCTAssertEqual(unused.map(\.fixes.count), [1, 0], "the second comment still suppresses r2")
        let outcome = FixApplier.apply(unused.flatMap(\.fixes), to: ["d.yaml": file.bytes])
        XCTAssertEqual(outcome.texts["d.yaml"].map { String(decoding: $0, as: UTF8.self) }, "a: 1\n# concord-ignore: r1, r2\nb: 2\n")
    }

    func testUnknownKeyOfAClosedShapeIsRenamedToTheSuggestion() {
        let shapes = """
            shapes:
              - id: s
                for: items[*]
                closed: true
                fields: {name: string, count: int}
            """
        let found = RuleTestSupport.check(shapes, [("d.yaml", "items:\n  - naem: a\n    cuont: 1\n    count: 2\n")])
        XCTAssertEqual(found.map(\.message), ["unknown field `naem`; did you mean `name`?", "unknown field `cuont`; did you mean `count`?"])
        XCTAssertEqual(found.map { $0.fixes.map(\.description) }, [["rename `naem` to `name`"], []],
                       "no rename onto a key that is already there")
        XCTAssertEqual(found.first?.fixes.first?.applicability, .unsafe)
    }
}
