import ConcordDiagnostics
import ConcordYAML
import XCTest
@testable import ConcordRules

/// Transition rules (`oldSelf`), ratcheting and the record diff, in process: the base is a
/// dataset loaded from text under a `REF:path` name, as `BaseRevision` names its files.
final class TransitionTests: XCTestCase {
    let amountRule = """
        rules:
          - id: amount-change-sourced
            for: pledges[*]
            when: has(self.amount) && has(oldSelf.amount)
            assert: self.sources != oldSelf.sources || self.amount == oldSelf.amount
            message: "amount of {{self.id}} changed from {{oldSelf.amount.value}} to {{self.amount.value}} without a new source"
        """

    static let before = """
        pledges:
          - id: a
            amount: {value: 10, currency: EUR}
            sources: [{url: "https://example.org/a"}]
          - id: b
            amount: {value: 5, currency: EUR}
            sources: [{url: "https://example.org/b"}]
        """

    private func base(_ text: String, file: String = "p.yaml") -> Dataset {
        RuleTestSupport.dataset([("main:\(file)", text)])
    }

    private func transitions(_ rules: String, now: [(String, String)], base: Dataset) -> [Diagnostic] {
        let (set, problems) = RuleTestSupport.rules(rules)
        XCTAssertEqual(problems.map(RuleTestSupport.render), [])
        return TransitionChecker(rules: set).check(RuleTestSupport.dataset(now), base: base).sorted(by: Diagnostic.reportOrder)
    }

    func testAChangedAmountWithoutANewSourceIsReportedAtTheAmountWithTheOldValue() {
        let now = Self.before.replacingOccurrences(of: "{value: 10, currency: EUR}", with: "{value: 12, currency: EUR}")
        let d = transitions(amountRule, now: [("p.yaml", now)], base: base(Self.before))
        XCTAssertEqual(d.map(RuleTestSupport.render), [
            "p.yaml:3:13-3:39 amount-change-sourced: amount of a changed from 10 to 12 without a new source",
        ])
        XCTAssertEqual(d.first?.related.count, 0, "no related place points into the base revision")
    }

    func testChangingTheAmountAndTheSourceTogetherPasses() {
        let now = Self.before
            .replacingOccurrences(of: "{value: 10, currency: EUR}", with: "{value: 12, currency: EUR}")
            .replacingOccurrences(of: "https://example.org/a", with: "https://example.org/a2")
        XCTAssertEqual(transitions(amountRule, now: [("p.yaml", now)], base: base(Self.before)).count, 0)
    }

    func testUnchangedAndNewRecordsAreNotCheckedAndTheRuleDoesNotRunWithoutABase() {
        let now = Self.before + """

              - id: c
                amount: {value: 1, currency: EUR}
            """
        XCTAssertEqual(transitions(amountRule, now: [("p.yaml", now)], base: base(Self.before)).count, 0)
        // Without a base the engine skips transition rules altogether.
        let (set, _) = RuleTestSupport.rules(amountRule)
        XCTAssertEqual(RuleEngine(rules: set).check(RuleTestSupport.dataset([("p.yaml", now)])).count, 0)
    }

    func testBlameInTheOldValueMovesToTheSamePlaceInTheNewRecord() {
        let rule = """
            rules:
              - id: value-only-grows
                for: pledges[*]
                assert: oldSelf.amount.value <= self.amount.value
                message: "{{self.id}} went down from {{oldSelf.amount.value}}"
            """
        let now = Self.before.replacingOccurrences(of: "{value: 5, currency: EUR}", with: "{value: 4, currency: EUR}")
        let d = transitions(rule, now: [("p.yaml", now)], base: base(Self.before))
        // The left operand is `oldSelf.amount.value`, in the base: reported at `value` of the new amount.
        XCTAssertEqual(d.map(RuleTestSupport.render), ["p.yaml:6:21-6:22 value-only-grows: b went down from 5"])
    }

    func testARecordMatchesItsOldSelfByIdentityWhereverItMoved() {
        let rule = """
            rules:
              - id: kind-is-stable
                for: pledges[*].kind
                assert: self == oldSelf
                message: "kind changed from {{oldSelf}} to {{self}}"
            """
        let old = RuleTestSupport.dataset([("main:a.yaml", "pledges:\n  - {id: x, kind: financial}\n  - {id: y, kind: in-kind}\n")])
        let d = transitions(rule, now: [("b.yaml", "pledges:\n  - {id: y, kind: in-kind}\n  - {id: x, kind: military}\n")], base: old)
        XCTAssertEqual(d.map(RuleTestSupport.render), ["b.yaml:3:19-3:27 kind-is-stable: kind changed from financial to military"])
    }

    func testOptionalOldSelfAlsoRunsOnNewRecordsWithAnOptional() {
        let rule = """
            rules:
              - id: new-pledges-are-small
                for: pledges[*]
                optionalOldSelf: true
                assert: oldSelf.hasValue() || self.amount.value < 100
                message: "new pledge {{self.id}} of {{self.amount.value}} needs a review"
              - id: kind-kept
                for: pledges[*]
                optionalOldSelf: true
                assert: oldSelf.?kind.orValue(self.kind) == self.kind
                message: "kind of {{self.id}} changed from {{oldSelf.value().kind}}"
            """
        let old = base("pledges:\n  - {id: a, kind: x, amount: {value: 500}}\n")
        let now = "pledges:\n  - {id: a, kind: y, amount: {value: 500}}\n  - {id: b, kind: x, amount: {value: 300}}\n  - {id: c, kind: x, amount: {value: 3}}\n"
        let d = transitions(rule, now: [("p.yaml", now)], base: old)
        XCTAssertEqual(d.map(RuleTestSupport.render), [
            "p.yaml:2:19-2:20 kind-kept: kind of a changed from x",
            "p.yaml:3:38-3:41 new-pledges-are-small: new pledge b of 300 needs a review",
        ])
    }

    func testTheKeyOfAUniqueRuleIsTheIdentityOfRecordsWithoutId() {
        let rules = """
            rules:
              - id: rates-unique
                for: rates[*]
                unique: self.date + ' ' + self.currency
              - id: rate-is-fixed
                for: rates[*]
                assert: self.per_eur == oldSelf.per_eur
                message: "the {{self.currency}} rate of {{self.date}} changed from {{oldSelf.per_eur}}"
            """
        let old = RuleTestSupport.dataset([("main:r.yaml", "rates:\n  - {date: '2024-01-02', currency: NOK, per_eur: 11.5}\n")])
        let d = transitions(rules, now: [("r.yaml", "rates:\n  - {date: '2024-01-02', currency: NOK, per_eur: 11.6}\n")], base: old)
        XCTAssertEqual(d.map(RuleTestSupport.render), [
            "r.yaml:2:50-2:54 rate-is-fixed: the NOK rate of 2024-01-02 changed from 11.5",
        ])
    }

    func testRemovedRecordsAreReportedAtTheirListInTheSameFile() {
        let rule = """
            rules:
              - id: record-removed
                severity: info
                for: pledges[*]
                transition: removed
                assert: "false"
                message: "pledge {{oldSelf.id}} was removed"
            """
        let d = transitions(rule, now: [("q.yaml", "pledges: []\n"), ("p.yaml", "# kept\npledges:\n  - id: b\n")],
                            base: base(Self.before))
        XCTAssertEqual(d.map(RuleTestSupport.render), ["p.yaml:2:1-2:8 record-removed: pledge a was removed"])
        XCTAssertEqual(d.first?.severity, .info)
    }

    func testTransitionRuleErrorsArePositionedInTheRuleFile() {
        let (_, problems) = RuleTestSupport.rules("""
            rules:
              - id: bad-selector
                for: pledges[*].sources[*]
                assert: self == oldSelf
              - id: bad-check
                for: pledges[*]
                unique: oldSelf.id
              - id: bad-transition
                for: pledges[*]
                transition: deleted
                optionalOldSelf: maybe
                assert: "true"
            """)
        XCTAssertEqual(problems.map(RuleTestSupport.render), [
            "rules.yaml:3:10-3:31 rule-bad-selector: a transition rule selects records or fields of records (`pledges[*]`, `pledges[*].amount`, `rates.*`), not `pledges[*].sources[*]`",
            "rules.yaml:7:5-7:11 rule-invalid-value: a transition rule (one that names `oldSelf`) checks with `assert`",
            "rules.yaml:11:22-11:27 rule-invalid-value: `optionalOldSelf` must be true or false",
            "rules.yaml:10:17-10:24 rule-invalid-value: unknown transition `deleted`; use changed (the default for rules that name oldSelf) or removed",
        ])
    }

    // MARK: Ratchet

    func testRatchetLowersViolationsPresentAtTheBaseOnUnchangedRecordsOnly() {
        let rules = """
            rules:
              - id: amount-positive
                for: pledges[*]
                assert: self.amount.value > 0
                message: "amount of {{self.id}} is not positive"
            """
        let (set, _) = RuleTestSupport.rules(rules)
        let oldText = "pledges:\n  - {id: a, amount: {value: -1}}\n  - {id: b, amount: {value: -2}}\n"
        let newText = "pledges:\n  - {id: a, amount: {value: -1}}\n  - {id: b, amount: {value: -3}}\n  - {id: c, amount: {value: -4}}\n"
        let old = base(oldText), now = RuleTestSupport.dataset([("p.yaml", newText)])
        let ratchet = Ratchet(ref: "main", dataset: now, base: old, baseDiagnostics: RuleEngine(rules: set).check(old), rules: set)
        let d = ratchet.apply(RuleEngine(rules: set).check(now))
        XCTAssertEqual(d.map { "\($0.severity) \($0.message)" }, [
            "info amount of a is not positive (present at main)",
            "error amount of b is not positive",
            "error amount of c is not positive",
        ])
    }

    func testRatchetKeepsAViolationThatTheChangeCausedOnAnUnchangedRecord() {
        let rules = """
            rules:
              - id: coalition-exists
                for: pledges[*]
                references: coalitions[*].id
                key: self.coalition
            """
        let (set, _) = RuleTestSupport.rules(rules)
        let oldText = "coalitions:\n  - {id: it}\npledges:\n  - {id: a, coalition: it}\n"
        let newText = "coalitions:\n  - {id: it2}\npledges:\n  - {id: a, coalition: it}\n"
        let old = base(oldText), now = RuleTestSupport.dataset([("p.yaml", newText)])
        let ratchet = Ratchet(ref: "main", dataset: now, base: old, baseDiagnostics: RuleEngine(rules: set).check(old), rules: set)
        XCTAssertEqual(ratchet.apply(RuleEngine(rules: set).check(now)).map(\.severity), [.error])
    }

    // MARK: Diff

    func testDiffListsAddedRemovedModifiedAndMovedRecordsByIdentity() {
        let old = RuleTestSupport.dataset([
            ("main:a.yaml", "pledges:\n  - {id: x, amount: 1}\n  - {id: y, amount: 2}\n  - {id: z, amount: 3}\n"),
        ])
        let now = RuleTestSupport.dataset([
            ("a.yaml", "pledges:\n  - {id: x, amount: 1}\n  - {id: y, amount: 5, note: new}\n"),
            ("b.yaml", "pledges:\n  - {id: z, amount: 3}\n  - {id: w, amount: 9}\n"),
        ])
        let changes = DatasetDiff.compare(base: old, head: now, baseName: "main", headName: "working tree",
                                          basePath: TransitionChecker.workingTreePath, headPath: { $0 })
        XCTAssertEqual(changes.changes.map { c in
            "\(c.kind.rawValue) \(c.identity ?? "-") \(c.location.file):\(c.location.range?.start.line ?? 0)"
                + c.fields.map { " \($0.field): \($0.old ?? "-") -> \($0.new ?? "-")" }.joined()
        }, [
            "modified y a.yaml:3 amount: 2 -> 5 note: - -> \"new\"",
            "moved z b.yaml:2",
            "added w b.yaml:3",
        ])
        XCTAssertEqual(changes.changes[1].oldLocation?.file, "a.yaml")
    }

    func testDiffOfARenamedIdIsARemovalAndAnAddition() {
        let old = RuleTestSupport.dataset([("main:c.yaml", "coalitions:\n  - {id: it, name: IT}\n")])
        let now = RuleTestSupport.dataset([("c.yaml", "coalitions:\n  - {id: it-coalition, name: IT}\n")])
        let changes = DatasetDiff.compare(base: old, head: now, baseName: "main", headName: "HEAD",
                                          basePath: TransitionChecker.workingTreePath, headPath: { $0 })
        XCTAssertEqual(changes.changes.map { "\($0.kind.rawValue) \($0.identity ?? "-")" }, ["added it-coalition", "removed it"])
    }
}
